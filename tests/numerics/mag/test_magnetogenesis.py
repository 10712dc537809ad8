"""The field-growth pipeline on a source whose flux is known in closed form."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest

from natal.numerics import constants
from natal.numerics.mag import magnetogenesis as mg
from natal.numerics.mag.collapse import Collapse, TrappingGrid

A = 1e22  # neutrinos per gram


@dataclass(frozen=True)
class Bins:
    edges_MeV: np.ndarray

    @property
    def centers_MeV(self):
        return (self.edges_MeV[1:] + self.edges_MeV[:-1]) / 2

    @property
    def n(self):
        return len(self.edges_MeV) - 1


class Proportional:
    """n_nu = A rho in the fluid frame, all in one bin, no luminosity: J^phi is then closed-form."""

    label = "surrogate"

    def spectra(self, rho, bins):
        G = np.zeros(np.shape(rho) + (bins.n,))
        G[..., 0] = A * bins.centers_MeV[0] * constants.MeV
        return G, np.zeros_like(G)


@pytest.fixture(scope="module")
def window():
    grid = TrappingGrid.paper(Collapse(), n_psi=150, n_r=150)
    flux = mg.flux_on_grid(grid, Proportional(), Bins(np.array([10.0, 11.0])))
    return mg.evaluate_window(flux, mg.Settings(n_window=25))


def J_phi(collapse, t, r, theta):
    """Observer-frame orthonormal J^phi = gamma n Omega r sin(theta) / c for n = A rho."""
    psi = collapse.phase(t)
    beta = collapse.velocity(r, psi) / constants.c
    n = A * collapse.density(r, psi) / np.sqrt(1 - beta**2)
    return n * collapse.omega(psi) * r * np.sin(theta) / constants.c


def test_spline_jets_match_closed_form(window):
    collapse, r, th = Collapse(), window.settings.r_cm, window.settings.theta
    t = window.t[2:-2]
    f = lambda tt, rr: J_phi(collapse, tt, rr, th)  # noqa: E731
    ht, hr = 2e-5, 2e3
    expected = {
        "J_phi": f(t, r),
        "dJ_phi_dr": (f(t, r + hr) - f(t, r - hr)) / (2 * hr),
        "dJ_phi_dt": (f(t + ht, r) - f(t - ht, r)) / (2 * ht),
        "d2J_phi_dr_dr": (f(t, r + hr) - 2 * f(t, r) + f(t, r - hr)) / hr**2,
        "d2J_phi_dr_dt": (f(t + ht, r + hr) - f(t + ht, r - hr) - f(t - ht, r + hr) + f(t - ht, r - hr))
        / (4 * ht * hr),
        "dJ_phi_dtheta": f(t, r) / math.tan(th),
    }
    for name, value in expected.items():
        got = window.fields[name][2:-2]
        assert np.max(np.abs(got / value - 1)) < 2e-3, name


def test_groups_sum_to_total(window):
    groups = sum(v for k, v in window.dBz_dt.items() if k != "total")
    np.testing.assert_allclose(groups, window.dBz_dt["total"], rtol=1e-10, atol=1e-300)


def test_force_ratio_is_the_weak_charge_ratio(window):
    Fe, Fp = window.force["e"], window.force["p"]
    ratio = window.charges["p"] / window.charges["e"]
    for key in ("F_r", "F_theta", "F_phi"):
        np.testing.assert_allclose(Fp[key], ratio * Fe[key], rtol=1e-12)
    # the density-gradient part of F^r is -G dn/dr
    np.testing.assert_allclose(Fe["Fn_r"], -window.charges["e"] * window.fields["dn_nu_dr"], rtol=1e-12)


def test_velocity_spline_is_accurate(window):
    assert window.velocity_spline_error < 1e-4


def test_weak_charges_msbar_give_the_papers_four_percent():
    q = mg.weak_charges(mg.Settings())
    assert q["p"] / q["e"] == pytest.approx(0.04, abs=0.002)
    q = mg.weak_charges(mg.Settings(sin2_theta_W="on-shell"))
    assert q["p"] / q["e"] == pytest.approx(0.057, abs=0.002)


def test_gravity_on_electron_is_newtons_law_at_the_final_surface():
    """G M m_e / R_min^2 from CODATA values typed here and the paper's M = 2.53e33 g, R_min = 41.58 km."""
    G_cgs, m_e_g = 6.67430e-8, 9.1093837015e-28
    assert mg.gravity_on_electron(Collapse()) == pytest.approx(G_cgs * 2.53e33 * m_e_g / 41.58e5**2, rel=1e-5)


@pytest.mark.parametrize("kwargs, message", [
    ({"theta": 0.0}, "theta must lie in"),
    ({"G_F": "pdg"}, "G_F must be"),
    ({"sin2_theta_W": 1.5}, "sin2_theta_W must lie in"),
    ({"sin2_theta_W": "bogus"}, "sin2_theta_W must be one of"),
])
def test_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        mg.Settings(**kwargs)


def test_point_outside_the_fitted_core(window):
    grid = TrappingGrid.paper(Collapse(), n_psi=40, n_r=40)
    flux = mg.flux_on_grid(grid, Proportional(), Bins(np.array([10.0, 11.0])))
    with pytest.raises(ValueError, match="r_cm must lie in"):
        mg.evaluate_window(flux, mg.Settings(r_cm=3e6))
