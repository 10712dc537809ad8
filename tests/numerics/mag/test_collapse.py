"""The collapse model (mag Eqs. 6-11, 14-15) against closed forms and independent quadrature."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from natal.numerics.mag.collapse import PAPER, Collapse, CollapseParameters, TrappingGrid


@pytest.fixture(scope="module")
def collapse() -> Collapse:
    return Collapse()


@pytest.mark.parametrize("psi", [0.3, 1.7, 2.9])
def test_density_integrates_to_the_core_mass(collapse, psi):
    R = float(collapse.radius(psi))
    mass, _ = integrate.quad(lambda r: 4 * math.pi * r**2 * collapse.density(r, psi), 0, R, epsrel=1e-12)
    assert mass == pytest.approx(PAPER.M_g, rel=1e-10)
    assert float(collapse.enclosed_mass(R, psi)) == pytest.approx(PAPER.M_g, rel=1e-13)


@pytest.mark.parametrize("psi", [0.5, 2.0, 2.8])
def test_angular_momentum_is_two_sevenths_omega_M_R2(collapse, psi):
    R, Om = float(collapse.radius(psi)), float(collapse.omega(psi))
    radial, _ = integrate.quad(lambda r: r**4 * collapse.density(r, psi), 0, R, epsrel=1e-12)
    L = 2 * math.pi * Om * radial * 4 / 3  # int_0^pi sin^3 = 4/3
    assert L == pytest.approx(2 / 7 * Om * PAPER.M_g * R**2, rel=1e-10)


def test_angular_momentum_is_conserved(collapse):
    psi = np.linspace(0.1, collapse.psi_max, 7)
    L = collapse.omega(psi) * collapse.radius(psi) ** 2
    np.testing.assert_allclose(L, L[0], rtol=1e-12)
    assert float(collapse.omega(collapse.psi_max)) == pytest.approx(2 * math.pi / PAPER.period_final_s)


@pytest.mark.parametrize("t", [0.5, 2.5, 3.3])
def test_Rdot_of_eq7_is_dR_dt_of_eq10(collapse, t):
    h = 1e-5
    R = lambda tt: float(collapse.radius(collapse.phase(tt)))  # noqa: E731
    numeric = (R(t - 2 * h) - 8 * R(t - h) + 8 * R(t + h) - R(t + 2 * h)) / (12 * h)
    assert float(collapse.radius_rate(collapse.phase(t))) == pytest.approx(numeric, rel=1e-7)


def test_mass_coordinate_rates(collapse):
    """Eq. 11 as derived: dM_r/dr = 4 pi r^2 rho and, by continuity, dM_r/dt = -4 pi r^2 rho v."""
    psi, r, h = 2.0, 3e7, 1e-3
    t = collapse.time(psi)
    M = lambda tt, rr: float(collapse.enclosed_mass(rr, collapse.phase(tt)))  # noqa: E731
    flux = 4 * math.pi * r**2 * float(collapse.density(r, psi))
    assert (M(t, r * (1 + h)) - M(t, r * (1 - h))) / (2 * r * h) == pytest.approx(flux, rel=1e-5)
    dM_dt = (M(t - 2 * h, r) - 8 * M(t - h, r) + 8 * M(t + h, r) - M(t + 2 * h, r)) / (12 * h)
    assert dM_dt == pytest.approx(-flux * float(collapse.velocity(r, psi)), rel=1e-7)


def test_phase_inverts_time(collapse):
    psi = np.linspace(0, collapse.psi_max, 11)
    np.testing.assert_allclose(collapse.phase(collapse.time(psi)), psi, atol=1e-12)


def test_paper_numbers(collapse):
    """The numbers that follow from the printed parameters alone (paper values to their digits)."""
    assert collapse.t_max == pytest.approx(3.34, abs=0.006)
    assert float(collapse.central_density(collapse.psi_max)) == pytest.approx(2.1e13, rel=0.01)
    assert float(collapse.velocity(PAPER.R_min_cm, collapse.psi_max)) == pytest.approx(-1.19e9, rel=0.005)
    assert collapse.phase_of_central_density(1e11) == pytest.approx(2.5593, abs=5e-5)
    assert collapse.omega_prefactor == pytest.approx(0.012, rel=0.01)


def test_trapping_window(collapse):
    r = 1e6
    begin, end = collapse.trapping_window(r)
    assert end == collapse.psi_max
    assert float(collapse.density(r, begin)) == pytest.approx(1e11, rel=1e-10)
    assert float(collapse.density(r, begin - 1e-3)) < 1e11 < float(collapse.density(r, begin + 1e-3))
    # a point off centre is trapped after the centre (its density is lower at any time)
    assert begin > collapse.phase_of_central_density(1e11)


def test_grid_mask(collapse):
    grid = TrappingGrid.paper(collapse, n_psi=30, n_r=20)
    assert grid.rho.shape == grid.trapped.shape == (30, 20)
    np.testing.assert_array_equal(grid.trapped, grid.rho > 1e11)
    # trapping spreads outward in time: once a bin is trapped it stays trapped later at the same x
    assert np.all(np.diff(grid.trapped.astype(int), axis=0) >= 0)
    # and the centre is trapped first
    assert np.all(grid.trapped[:, 1:] <= grid.trapped[:, :1])
    assert grid.psi[-1] < collapse.psi_max and grid.x[-1] < 1


@pytest.mark.parametrize("change, message", [
    ({"gamma": 4 / 3}, "gamma must be below 4/3"),
    ({"gamma": 1.4}, "gamma must be below 4/3"),
    ({"R_min_cm": 4e8}, "R_min_cm must be below R_max_cm"),
    ({"M_g": -1.0}, "M_g must be finite and > 0"),
    ({"R_max_cm": float("nan")}, "R_max_cm must be finite and > 0"),
    ({"period_final_s": 0.0}, "period_final_s must be finite and > 0"),
])
def test_bad_parameters(change, message):
    values = {**PAPER.__dict__, **change}
    with pytest.raises(ValueError, match=message):
        CollapseParameters(**values)


def test_bad_coordinates(collapse):
    with pytest.raises(ValueError, match=r"r must lie inside the core"):
        collapse.density(5e6, collapse.psi_max)  # R_min = 4.158e6 cm
    with pytest.raises(ValueError, match=r"r must lie inside the core"):
        collapse.density(-1.0, 1.0)
    with pytest.raises(ValueError, match=r"psi must be finite and in \[0, 2.9"):
        collapse.radius(3.0)
    with pytest.raises(ValueError, match=r"t must be finite and in \[0, 3.33"):
        collapse.phase(4.0)
    with pytest.raises(ValueError, match=r"r must lie in \[0, R_min\)"):
        collapse.trapping_window(5e6)
