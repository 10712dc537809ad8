"""Generated evaluators agree with SymPy, broadcast like NumPy and refuse bad calls clearly."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from natal.codegen import BACKENDS, CodegenError, evaluator
from natal.derivations.result import Derivation

RTOL = 1e-12


CASE_NAMES = ["curl_curl", "functions", "shared", "trivial"]


@pytest.fixture(scope="module")
def evaluators(tmp_path_factory, cases):
    """One evaluator per (case, backend), built once per module (Numba compiles take a second)."""
    folder = tmp_path_factory.mktemp("evaluators")
    built: dict[tuple[str, str], object] = {}

    def get(case: str, backend: str):
        if (case, backend) not in built:
            built[case, backend] = evaluator(cases.CASES[case](), backend, cache_dir=folder)
        return built[case, backend]

    return get


def as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize("case", CASE_NAMES)
def test_matches_sympy_at_random_points(evaluators, cases, case, backend):
    ev = evaluators(case, backend)
    d = cases.CASES[case]()
    args = cases.sample(d, 6, seed=11)
    got = as_tuple(ev(*args))
    assert len(got) == len(d.outputs)
    for name, g, want in zip(d.output_names, got, cases.reference(d, args)):
        assert g.dtype == np.float64 and g.shape == (6,), name
        np.testing.assert_allclose(g, want, rtol=RTOL, err_msg=f"{case}.{name} ({backend})")


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_scalars_stay_scalars_and_broadcast_with_arrays(evaluators, cases, backend):
    ev = evaluators("shared", backend)
    d = cases.shared()
    xs = np.linspace(0.3, 1.2, 5)
    got = ev(xs, 0.7, np.float32(0.4))
    want = cases.reference(d, [xs, np.full(5, 0.7), np.full(5, float(np.float32(0.4)))])
    for g, w in zip(got, want):
        assert g.shape == (5,) and g.dtype == np.float64
        np.testing.assert_allclose(g, w, rtol=RTOL)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_two_dimensional_broadcast(evaluators, cases, backend):
    ev = evaluators("shared", backend)
    xs = np.array([[0.3], [0.9], [1.3]])  # (3, 1)
    ys = np.array([[0.25, 0.5, 0.75, 1.0]])  # (1, 4)
    got = ev(xs, ys, 2)  # an integer scalar is a number like any other
    X, Y = np.broadcast_arrays(xs, ys)
    want = cases.reference(cases.shared(), [X.ravel(), Y.ravel(), np.full(12, 2.0)])
    for g, w in zip(got, want):
        assert g.shape == (3, 4)
        np.testing.assert_allclose(g.ravel(), w, rtol=RTOL)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_all_scalar_arguments_give_numpy_scalars(evaluators, cases, backend):
    f, *_ = evaluators("shared", backend)(0.5, 0.6, 0.7)
    assert isinstance(f, np.float64)
    d = cases.shared()
    want = float(d["f"].subs(dict(zip(d.inputs, (0.5, 0.6, 0.7)))))
    assert f == pytest.approx(want, rel=RTOL)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_outputs_without_arithmetic(evaluators, backend):
    two_pi, x_itself, total = evaluators("trivial", backend)(np.array([0.5, 0.25]), 1.0)
    np.testing.assert_array_equal(two_pi, [2 * np.pi, 2 * np.pi])
    np.testing.assert_array_equal(x_itself, [0.5, 0.25])
    np.testing.assert_array_equal(total, [1.5, 1.25])


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_empty_arrays(evaluators, backend):
    for out in evaluators("shared", backend)(np.empty(0), np.empty(0), 1.0):
        assert out.shape == (0,)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_nan_passes_through(evaluators, backend):
    f, g, h, _ = evaluators("shared", backend)(np.array([np.nan, 0.5]), 0.5, 0.5)
    assert np.isnan(f[0]) and np.isfinite(f[1])


def test_blocks_and_threads_give_identical_results(evaluators, cases):
    """Many blocks, a short last one, several threads: the same numbers as one thread."""
    ev = evaluators("curl_curl", "numpy")
    module = ev.module
    n = 3 * module._BLOCK + 17
    d = cases.curl_curl()
    args = cases.sample(d, n, seed=3)
    saved = module.THREADS, module._MIN_BLOCKS_PER_THREAD
    try:
        module.THREADS, module._MIN_BLOCKS_PER_THREAD = 1, 1
        one = ev(*args)
        module.THREADS = 3
        three = ev(*args)
    finally:
        module.THREADS, module._MIN_BLOCKS_PER_THREAD = saved
    for a, b in zip(one, three):
        np.testing.assert_array_equal(a, b)
    lam = sp.lambdify(d.inputs, [e for _, e in d.outputs], "numpy")
    for a, b in zip(one, lam(*args)):
        np.testing.assert_allclose(a, b, rtol=1e-11)


def test_numba_parallel_loop_matches_numpy(evaluators, cases):
    ev = evaluators("curl_curl", "numba")
    args = cases.sample(cases.curl_curl(), 257, seed=5)
    saved = ev.module.PARALLEL_MIN
    try:
        ev.module.PARALLEL_MIN = 1
        parallel = ev(*args)
    finally:
        ev.module.PARALLEL_MIN = saved
    for a, b in zip(parallel, evaluators("curl_curl", "numpy")(*args)):
        np.testing.assert_allclose(a, b, rtol=RTOL)


def test_keywords_by_symbol_name(evaluators, cases):
    ev = evaluators("shared", "numpy")
    args = cases.sample(cases.shared(), 4)
    by_position = ev(*args)
    for got in (ev(x=args[0], y=args[1], z=args[2]), ev(args[0], z=args[2], y=args[1])):
        for a, b in zip(by_position, got):
            np.testing.assert_array_equal(a, b)


def test_attributes(evaluators):
    ev = evaluators("shared", "numpy")
    assert ev.inputs == ("x", "y", "z")
    assert ev.outputs == ("f", "g", "h", "f_again")
    assert ev.units == {"x": "cm", "y": "s", "z": "1", "f": "cm^2", "g": "1", "h": "1",
                        "f_again": "1"}
    assert ev.backend == "numpy"
    assert ev.path.is_file() and ev.path.read_text() == ev.source
    assert "test.shared" in repr(ev)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_docstring_lists_arguments_in_order_with_units(evaluators, backend):
    doc = evaluators("shared", backend).__doc__
    lines = doc.splitlines()
    params = [ln for ln in lines if " : float or array_like " in ln]
    assert params == ["x : float or array_like [cm]", "y : float or array_like [s]",
                      "z : float or array_like [1]"]
    returns = [ln for ln in lines if " : ndarray " in ln]
    assert returns == ["f : ndarray [cm^2]", "g : ndarray [1]", "h : ndarray [1]",
                       "f_again : ndarray [1]"]
    assert "test.shared" in doc and "synthetic" in doc  # name and ref


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda ev: ev(1.0, 2.0), "missing argument(s) z"),
        (lambda ev: ev(1.0, 2.0, 3.0, 4.0), "takes 3 arguments (x, y, z), got 4"),
        (lambda ev: ev(1.0, 2.0, w=3.0), "unknown argument 'w'"),
        (lambda ev: ev(1.0, 2.0, 3.0, x=1.0), "argument 'x' twice"),
        (lambda ev: ev(1.0, "two", 3.0), "argument 'y' must be a real number"),
        (lambda ev: ev(1.0, 2.0, None), "argument 'z' must be a real number"),
        (lambda ev: ev([1.0, [2.0, 3.0]], 2.0, 3.0), "argument 'x' must be a real number"),
        (lambda ev: ev(1.0, 2.0 + 1.0j, 3.0), "argument 'y' is complex"),
        (lambda ev: ev(np.array([True]), 2.0, 3.0), "argument 'x' must be a real number"),
    ],
)
@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_bad_calls_raise_type_error_naming_the_argument(evaluators, backend, call, message):
    with pytest.raises(TypeError) as err:
        call(evaluators("shared", backend))
    assert message in str(err.value)


def test_shapes_that_do_not_broadcast(evaluators):
    with pytest.raises(ValueError, match=r"do not broadcast together: x \(2,\), y \(3,\)"):
        evaluators("shared", "numpy")(np.ones(2), np.ones(3), 1.0)


def test_numbers_of_other_types_are_accepted(evaluators):
    from fractions import Fraction

    ev = evaluators("shared", "numpy")
    want = ev(0.5, 0.25, 1.0)
    for got in (ev(Fraction(1, 2), sp.Rational(1, 4), 1), ev(np.float32(0.5), np.int8(0) + 0.25, True + 0)):
        for a, b in zip(got, want):
            assert a == b


def test_awkward_symbol_names():
    """Names that are not identifiers, keywords, or the generated module's own names."""
    syms = sp.symbols("J^phi lambda INPUTS _n np", real=True)
    d = Derivation(name="test.names", ref="synthetic", inputs=syms,
                   outputs=(("out", syms[0] * syms[1] + syms[2] - syms[3] / syms[4]),))
    for backend in BACKENDS:
        ev = evaluator(d, backend)
        assert ev(1.0, 2.0, 3.0, 4.0, 8.0) == 4.5
        assert ev(**{"J^phi": 1.0, "lambda": 2.0, "INPUTS": 3.0, "_n": 4.0, "np": 8.0}) == 4.5
        assert "The symbol ``J^phi``." in ev.__doc__


def test_unsupported_function_is_refused():
    d = Derivation(name="test.gamma", ref="synthetic", inputs=(sp.Symbol("x"),),
                   outputs=(("g", sp.gamma(sp.Symbol("x"))),))
    with pytest.raises(CodegenError, match="gamma"):
        evaluator(d)


def test_complex_expression_is_refused():
    x = sp.Symbol("x", real=True)
    d = Derivation(name="test.complex", ref="synthetic", inputs=(x,), outputs=(("c", sp.I * x),))
    with pytest.raises(CodegenError, match="complex"):
        evaluator(d)


def test_unknown_backend(cases):
    with pytest.raises(ValueError, match="backend must be one of"):
        evaluator(cases.trivial(), "fortran")
