"""numerics.validation: every public check refuses the wrong type by name, and ranges by name."""

from __future__ import annotations

import math

import numpy as np
import pytest

from natal.numerics import validation as v


@pytest.mark.parametrize("value", ["1", b"1", True, np.bool_(True), 1j, None, [1.0, "2"], [[1.0], [1.0, 2.0]],
                                   np.array(["1.0"]), np.array([1.0], dtype=object)])
def test_real_array_refuses_what_is_not_real_numbers(value):
    with pytest.raises(TypeError, match="^x must be a real number"):
        v.real_array("x", value)


@pytest.mark.parametrize("value", [1, 2.5, np.float32(2.5), np.int64(3), [1, 2], np.arange(3), np.zeros((2, 2))])
def test_real_array_accepts_numbers(value):
    out = v.real_array("x", value)
    assert out.dtype == float and np.array_equal(out, np.asarray(value, dtype=float))


def test_finite_bounds_and_their_message():
    assert v.finite_scalar("T", 3.0, low=0, low_open=True, unit="MeV") == 3.0
    with pytest.raises(ValueError, match=r"^T must be finite and > 0 MeV, got 0.0$"):
        v.finite_scalar("T", 0.0, low=0, low_open=True, unit="MeV")
    with pytest.raises(ValueError, match=r"delta must be finite and in \[0, 1\), got 1"):
        v.finite_scalar("delta", 1, low=0, high=1, high_open=True)
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError, match="finite"):
            v.finite_array("k", [1.0, bad])
    with pytest.raises(TypeError, match="k"):
        v.finite_array("k", "1.0")


def test_flag_integer_choice():
    assert v.flag("f", np.bool_(False)) is False
    for bad in (1, 0, "yes", None):
        with pytest.raises(TypeError, match="f must be True or False"):
            v.flag("f", bad)
    assert v.integer("n", np.int32(4), 1) == 4
    for bad in (2.0, True, "4"):
        with pytest.raises(TypeError, match="n must be an integer"):
            v.integer("n", bad, 1)
    with pytest.raises(ValueError, match="n must be an integer >= 1, got 0"):
        v.integer("n", 0, 1)
    assert v.choice("kind", "total", ("total", "transport")) == "total"
    # 1 == True and 1.0 == 1 in Python, but they are not the same choice
    for bad, options in ((1, (True, False)), (1.0, (1, 2)), ("n ", ("n", "p"))):
        with pytest.raises(ValueError, match="must be one of"):
            v.choice("option", bad, options)
