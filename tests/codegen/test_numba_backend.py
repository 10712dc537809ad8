"""The Numba backend's one departure from the shared program: tan(x) from sin(x) and cos(x).

Everything else the Numba backend computes in the same operations and order as the NumPy backend.
Where the program computes sin(x) and cos(x) anyway, its loop takes tan(x) = sin(x)/cos(x) and
1/tan(x) = cos(x)/sin(x) instead of calling tan; the quotient may differ from the library's tan in
the last bits.  The tolerance stated here bounds what that does to whole evaluators: on seeded
random points, each output of the Numba backend is within :data:`SCALED` times that output's
largest magnitude of the NumPy backend's (an output that cancels to near zero at some points keeps
the absolute error of its terms, so a pointwise relative bound would not hold there).
"""

from __future__ import annotations


import numpy as np
import pytest
import sympy as sp

from natal.codegen import evaluator, registry
from natal.codegen.numba_backend import instructions
from natal.codegen.program import Const, Reg, lower
from natal.derivations.result import Derivation

# |numba - numpy| <= SCALED * max |numpy|, per output, on random points.
SCALED = 1e-14

x, y = sp.symbols("x y", positive=True)
t = sp.Symbol("t", real=True)


def trig() -> Derivation:
    """sin, cos, tan and 1/tan of one argument; tan of another whose cos is never needed."""
    return Derivation(
        name="test.trig",
        ref="synthetic",
        inputs=(x, y, t),
        outputs=(
            ("cot_like", y * sp.cos(t) / sp.sin(t) ** 2 + x / sp.tan(t)),
            ("tan_too", sp.tan(t) * x + sp.sin(t) * sp.cos(t) * y),
            ("lone_tan", sp.tan(y) + sp.sin(y)),
        ),
    )


def test_tan_comes_from_sin_and_cos_where_both_are_computed():
    program = lower(trig())
    t_arg = next(ins.args[0] for ins in program.body if ins.op == "sin" and ins.args[0].index == 2)
    assert {("tan", t_arg), ("cos", t_arg)} <= {(ins.op, ins.args[0]) for ins in program.body}
    loop = instructions(program)
    tans = [ins for ins in loop if ins.op == "tan"]
    assert len(tans) == 1 and tans[0].args[0] != t_arg  # only the tan of y is left
    assert not any(ins.op == "divide" and ins.args[0] == Const(1.0) for ins in loop)
    defined = set()
    for ins in loop:  # every register is defined before it is read
        assert all(a.index in defined for a in ins.args if isinstance(a, Reg))
        defined.add(ins.dest)
    assert all(r.index in defined for r in program.results if isinstance(r, Reg))


def test_trig_rewrite_agrees_with_numpy_backend_and_sympy(tmp_path):
    d = trig()
    rng = np.random.default_rng(11)
    n = 5000
    args = [rng.uniform(0.1, 3.0, n), rng.uniform(0.1, 1.4, n), rng.uniform(-3.0, 3.0, n)]
    numpy_out = evaluator(d, "numpy", cache_dir=tmp_path)(*args)
    numba_out = evaluator(d, "numba", cache_dir=tmp_path)(*args)
    for a, b in zip(numpy_out, numba_out):
        np.testing.assert_allclose(b, a, rtol=0, atol=SCALED * np.max(np.abs(a)))
    for j in range(0, n, 997):
        at = {s: sp.Float(v[j], 30) for s, v in zip(d.inputs, args)}
        for (_, e), b in zip(d.outputs, numba_out):
            assert b[j] == pytest.approx(float(e.xreplace(at).evalf(30)), rel=1e-12, abs=1e-13)


@pytest.mark.parametrize("name", ["mag.dB_dt"])  # the benchmark case with tan (nuN.rate_nu has none)
def test_registered_evaluators_agree_between_backends(bench, name):
    """The benchmark's cases, at its sampled points, the Numba backend against the NumPy one."""
    if name not in registry.names():
        pytest.skip(f"{name} is not registered")
    d = registry.get(name)
    args = bench.sampler(name)(d, 20000, 2027)
    numpy_out = evaluator(d, "numpy")(*args)
    numba_out = evaluator(d, "numba")(*args)
    numpy_out = numpy_out if isinstance(numpy_out, tuple) else (numpy_out,)
    numba_out = numba_out if isinstance(numba_out, tuple) else (numba_out,)
    for a, b in zip(numpy_out, numba_out):
        assert np.all(np.isfinite(a) == np.isfinite(b))
        finite = np.isfinite(a)
        np.testing.assert_allclose(b[finite], a[finite], rtol=0,
                                   atol=SCALED * np.max(np.abs(a[finite])))
