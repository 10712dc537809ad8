"""Fuzzing the generated evaluators' argument checks with Hypothesis (both backends).

Whatever a caller passes, an evaluator either returns one float64 array per output with the
broadcast shape of its arguments, or raises TypeError naming the argument (or ValueError naming the
shapes that do not broadcast); on finite arguments inside the expressions' domain it returns finite
values that agree between the backends.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from natal.codegen import BACKENDS, evaluator

REAL_DTYPES = st.sampled_from([np.float64, np.float32, np.int64, np.int8, np.uint16])
BAD_DTYPES = st.sampled_from([np.bool_, np.complex128, np.str_, np.bytes_, np.dtype("M8[s]")])
SHAPES = hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=4)


def _argument():
    """Anything: real arrays and scalars, arrays of the wrong dtype, and objects that are no numbers."""
    real = hnp.arrays(REAL_DTYPES, SHAPES, elements={"allow_nan": False, "allow_infinity": False})
    bad = hnp.arrays(BAD_DTYPES, SHAPES)
    scalars = st.one_of(st.floats(allow_nan=False, allow_infinity=False, width=64), st.integers(-100, 100))
    others = st.one_of(st.none(), st.booleans(), st.text(max_size=3), st.complex_numbers(),
                       st.lists(st.text(max_size=2), min_size=1, max_size=3),
                       st.just(np.array(["1.5"], dtype=object)), st.just(np.array([None], dtype=object)))
    return st.one_of(real, scalars, bad, others)


@pytest.fixture(scope="module")
def shared_evaluators(tmp_path_factory, cases):
    folder = tmp_path_factory.mktemp("fuzz-evaluators")
    return {backend: evaluator(cases.shared(), backend, cache_dir=folder) for backend in sorted(BACKENDS)}


def _is_real(value) -> bool:
    a = np.asarray(value) if not isinstance(value, (str, bytes)) else np.asarray([], dtype="U1")
    return (not isinstance(value, (bool, str, bytes))) and a.dtype.kind in "iuf"


@given(args=st.tuples(_argument(), _argument(), _argument()), backend=st.sampled_from(sorted(BACKENDS)))
@example(args=(np.array(["1.5"], dtype=object), 1.0, 1.0), backend="numpy")  # a string is no number
@example(args=(1.0, np.array([True, 2.0], dtype=object), 1.0), backend="numba")
def test_any_arguments_give_outputs_or_a_named_error(shared_evaluators, args, backend):
    ev = shared_evaluators[backend]
    try:
        out = ev(*args)
    except TypeError as error:
        assert any(f"argument {name!r}" in str(error) for name in ev.inputs), str(error)
        assert not all(_is_real(a) for a in args)
        return
    except ValueError as error:
        assert "do not broadcast together" in str(error)
        return
    assert all(_is_real(a) for a in args), args  # nothing else may pass silently
    shape = np.broadcast_shapes(*(np.shape(a) for a in args))
    for o in out:
        assert np.shape(o) == shape and np.asarray(o).dtype == np.float64


@given(points=hnp.arrays(np.float64, st.tuples(st.just(3), st.integers(1, 40)),
                         elements=st.floats(1e-3, 1e3)))
def test_finite_arguments_give_finite_values_that_agree_between_backends(shared_evaluators, points):
    numpy_out = shared_evaluators["numpy"](*points)
    numba_out = shared_evaluators["numba"](*points)
    for a, b in zip(numpy_out, numba_out):
        assert np.all(np.isfinite(a))
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)
