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


def test_finite_array_names_the_first_bad_value_as_a_plain_number():
    with pytest.raises(ValueError, match=r"^r must be finite and >= 0 cm, got -1.0$"):
        v.finite_array("r", np.array([[1.0, -1.0], [-2.0, 3.0]]), low=0, unit="cm")


def test_slack_widens_the_bounds_but_the_message_names_them():
    hi = 2.0 / 3.0
    assert v.finite_array("psi", hi * (1 + 1e-14), low=0, high=hi, slack=1e-12) == pytest.approx(hi)
    with pytest.raises(ValueError, match=r"^psi must be finite and in \[0, 0.666667\] rad, got 0.67$"):
        v.finite_array("psi", [0.1, 0.67], low=0, high=hi, unit="rad", slack=1e-12)
    with pytest.raises(ValueError, match="psi"):
        v.finite_array("psi", -1e-15, low=0, high=hi)


def test_positive_scalar():
    assert v.positive_scalar("B_G", 3) == 3.0
    for bad in (0.0, -1.0, math.nan, math.inf):
        with pytest.raises(ValueError, match=r"^B_G must be finite and > 0 G, got"):
            v.positive_scalar("B_G", bad, unit="G")
    with pytest.raises(TypeError, match="B_G"):
        v.positive_scalar("B_G", "3")


def test_require_reports_the_first_value_where_the_condition_fails():
    v.require("T", np.array([1.0, 2.0]), True, "in (0, T0]")
    T = np.array([1.0, 50.0, 60.0])
    with pytest.raises(ValueError, match=r"^T must be in \(0, T0\] = \(0, 40\] MeV, got 50.0$"):
        v.require("T", T, T <= 40, "in (0, T0] = (0, 40] MeV")
    # a condition that broadcasts wider than the value
    with pytest.raises(ValueError, match=r"got 2.0$"):
        v.require("x", np.array([2.0]), np.array([[True], [False]]), "fine")
