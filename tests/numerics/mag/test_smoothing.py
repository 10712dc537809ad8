"""Spline derivatives at fixed (t, r) from a (psi, r/R) grid, against a field known in closed form."""

from __future__ import annotations

import numpy as np
import pytest

from natal.numerics.mag.collapse import Collapse
from natal.numerics.mag.smoothing import GridSpline


@pytest.fixture(scope="module")
def setup():
    collapse = Collapse()
    psi = np.linspace(2.5, collapse.psi_max, 40)
    x = np.linspace(0.0, 0.5, 60)
    return collapse, psi, x


def field(t, r):
    """A smooth test field with both t and r structure on the collapse's scales."""
    return np.exp(-(r / 2e6) ** 2) * (1 + 30 * (t - 3.3)) ** 2


def test_chain_rule_derivatives(setup):
    collapse, psi, x = setup
    R = collapse.radius(psi)
    values = field(collapse.time(psi)[:, None], R[:, None] * x[None, :])
    s = GridSpline(collapse, psi, x, values)
    p, r = np.linspace(2.6, 2.88, 9), 1e6
    got = s.at(p, r)
    t, a = collapse.time(p), 2e6
    f = field(t, r)
    f_t = np.exp(-(r / a) ** 2) * 60 * (1 + 30 * (t - 3.3))
    expected = {"f": f, "f_r": -2 * r / a**2 * f, "f_t": f_t, "f_rr": (4 * r**2 / a**4 - 2 / a**2) * f,
                "f_rt": -2 * r / a**2 * f_t}
    for key, value in expected.items():
        scale = np.max(np.abs(value))
        assert np.max(np.abs(got[key] - value)) < 2e-4 * scale, key


def test_smoothing_reduces_noise(setup):
    collapse, psi, x = setup
    R = collapse.radius(psi)
    clean = field(collapse.time(psi)[:, None], R[:, None] * x[None, :])
    noisy = clean * (1 + 0.01 * np.random.default_rng(0).standard_normal(clean.shape))
    p = np.linspace(2.6, 2.88, 20)
    exact = GridSpline(collapse, psi, x, clean).at(p, 1e6)["f_r"]
    raw = GridSpline(collapse, psi, x, noisy).at(p, 1e6)["f_r"]
    smooth = GridSpline(collapse, psi, x, noisy, smoothing=0.01, degree=3).at(p, 1e6)["f_r"]
    assert np.std(smooth - exact) < 0.5 * np.std(raw - exact)


def test_bad_values(setup):
    collapse, psi, x = setup
    bad = np.ones((len(psi), len(x)))
    bad[3, 4] = np.nan
    with pytest.raises(ValueError, match="values must be finite"):
        GridSpline(collapse, psi, x, bad)
    with pytest.raises(ValueError, match="values must have shape"):
        GridSpline(collapse, psi, x, np.ones((2, 2)))
