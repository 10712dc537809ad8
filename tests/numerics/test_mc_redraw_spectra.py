"""The redraw spectra x^n/(e^x + 1) (n = 2 number, 3 flux, 4 collision-weighted): the stream samplers
of natal.numerics.montecarlo.sampling against the closed-form mean, and the check's power to tell the
spectra apart (the same check fails for a wrong power)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numba import njit
from scipy.integrate import quad

from natal.numerics.montecarlo import sampling
from natal.numerics.rsfp.transport import SPECTRA, KickProblem


@njit(cache=True)
def _draws(kind, n_power, x_star, size, seed):
    st = sampling.stream(seed)
    out = np.empty(size)
    for i in range(size):
        if kind == 0:
            out[i] = sampling.stream_thermal_xn(st, n_power)
        elif kind == 1:
            out[i] = sampling.stream_thermal_xn_below(st, x_star, n_power)
        else:
            out[i] = sampling.stream_thermal_xn_above(st, x_star, n_power)
    return out


def _mean(n: int, lo: float = 0.0, hi: float = math.inf) -> float:
    """<x> of x^n/(e^x + 1) on (lo, hi) by quadrature ((n + 1) eta(n + 2)/eta(n + 1) on the whole line)."""
    f = lambda x, k: x**k / (math.exp(x) + 1.0) if x < 700 else 0.0  # noqa: E731
    return quad(f, lo, hi, args=(n + 1,))[0] / quad(f, lo, hi, args=(n,))[0]


def _mean_agrees(x: np.ndarray, n: int, lo: float = 0.0, hi: float = math.inf) -> bool:
    """The sample mean within 4 standard errors of the closed form for power n."""
    return abs(x.mean() - _mean(n, lo, hi)) < 4 * x.std() / math.sqrt(x.size)


@pytest.mark.parametrize("n", sorted(SPECTRA.values()))
def test_each_sampler_has_its_spectrums_mean(n):
    whole = _draws(0, n, 0.0, 100_000, 31 + n)
    assert _mean_agrees(whole, n)
    below = _draws(1, n, 0.8, 50_000, 41 + n)
    assert below.max() < 0.8 and _mean_agrees(below, n, 0.0, 0.8)
    above = _draws(2, n, 2.0, 50_000, 51 + n)
    assert above.min() >= 2.0 and _mean_agrees(above, n, 2.0)


def test_the_mean_check_rejects_a_wrong_power():
    # the flux spectrum's draws against the number spectrum's mean (<x> 3.78 vs 3.15) and vice versa:
    # the check that passes above must fail here, or it could not catch a sampler drawing the wrong power
    flux = _draws(0, 3, 0.0, 100_000, 61)
    number = _draws(0, 2, 0.0, 100_000, 62)
    assert _mean_agrees(flux, 3) and not _mean_agrees(flux, 2)
    assert _mean_agrees(number, 2) and not _mean_agrees(number, 3)
    collision = _draws(0, 4, 0.0, 100_000, 63)
    assert not _mean_agrees(collision, 3)


def test_power_two_is_the_number_samplers_draw_for_draw():
    @njit
    def both(seed):
        a, b = sampling.stream(seed), sampling.stream(seed)
        out = np.empty((3, 2, 200))
        for i in range(200):
            out[0, 0, i], out[0, 1, i] = sampling.stream_thermal_x(a), sampling.stream_thermal_xn(b, 2)
            out[1, 0, i], out[1, 1, i] = sampling.stream_thermal_x_below(a, 0.6), sampling.stream_thermal_xn_below(b, 0.6, 2)
            out[2, 0, i], out[2, 1, i] = sampling.stream_thermal_x_above(a, 1.5), sampling.stream_thermal_xn_above(b, 1.5, 2)
        return out

    out = both(71)
    assert np.array_equal(out[:, 0], out[:, 1])


def test_kick_problem_rejects_an_unknown_spectrum_and_a_negative_crossing_order():
    with pytest.raises(ValueError, match="redraw_spectrum.*'number', 'flux', 'collision'"):
        KickProblem(1.5, 6e15, 0.4, redraw_spectrum="energy")
    with pytest.raises(ValueError, match="max_crossings must be an integer >= 0"):
        KickProblem(1.5, 6e15, 0.4, max_crossings=-1)
    with pytest.raises(TypeError, match="max_crossings"):
        KickProblem(1.5, 6e15, 0.4, max_crossings=2.0)
