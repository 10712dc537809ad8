"""Tests of the surrogate model (natal.numerics.mag.trapped_core) and the Fermi-Dirac integrals it rests on.

Independent routes (DESIGN.md convention 6): mpmath's polylog and quadrature for F_k; the Fermi-Dirac
integrals for the pair-gas closed forms; finite differences for the implicit derivatives and for
the luminosity's dE/dr; closed forms for the cross sections, the profile and the number density.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from natal.numerics import constants as C
from natal.numerics import fermi_dirac as fd
from natal.numerics.mag import trapped_core as tc

HC3 = C.hbar_c_MeV_cm**3
CORE = tc.TrappedCore()
TRAPPED = np.geomspace(1e11, 2.0e13, 41)


# --- Fermi-Dirac integrals -------------------------------------------------------------------------

@pytest.mark.parametrize("k", [0, 1, 2, 3, 4])
def test_complete_matches_mpmath_polylog(k):
    etas = [-60.0, -20.0, -3.0, -1.0000001, -1.0, -0.3, 0.0, 0.7, 1.0, 1.0000001, 2.5, 10.0, 47.0, 400.0]
    got = fd.complete(k, np.array(etas))
    with mpmath.workdps(40):
        ref = [-mpmath.factorial(k) * mpmath.polylog(k + 1, -mpmath.exp(e)) for e in etas]
    assert np.allclose(got, [float(r) for r in ref], rtol=5e-14, atol=0)


@pytest.mark.parametrize("k, eta", [(2, -2.0), (2, 0.5), (3, 4.0), (3, 15.0)])
def test_complete_matches_quadrature(k, eta):
    with mpmath.workdps(30):
        ref = mpmath.quad(lambda x: x**k / (1 + mpmath.exp(x - eta)), [0, max(eta, 0), max(eta, 0) + 80])
    assert float(fd.complete(k, eta)) == pytest.approx(float(ref), rel=1e-13)


def test_complete_limits():
    # nondegenerate: F_k -> k! e^eta (next term -k! e^(2 eta)/2^(k+1), below double precision at eta = -40)
    eta = np.array([-40.0, -60.0])
    assert np.allclose(fd.complete(3, eta), 6 * np.exp(eta), rtol=1e-15)
    # degenerate: F_k -> Sommerfeld polynomial, F_2 = eta^3/3 + pi^2 eta/3, F_3 = eta^4/4 + pi^2 eta^2/2 + 7 pi^4/60
    eta = np.array([40.0, 1e3])
    assert np.allclose(fd.complete(2, eta), eta**3 / 3 + math.pi**2 * eta / 3, rtol=1e-15)
    assert np.allclose(fd.complete(3, eta), eta**4 / 4 + math.pi**2 * eta**2 / 2 + 7 * math.pi**4 / 60, rtol=1e-15)
    # F_3(0) = 7 pi^4 / 120, F_2(0) = 3 zeta(3) / 2
    assert float(fd.complete(3, 0.0)) == pytest.approx(7 * math.pi**4 / 120, rel=1e-15)
    assert float(fd.complete(2, 0.0)) == pytest.approx(1.5 * 1.2020569031595942, rel=1e-15)


def test_complete_rejects_bad_input():
    with pytest.raises(ValueError, match="k"):
        fd.complete(-1, 0.0)
    with pytest.raises(ValueError, match="eta"):
        fd.complete(2, np.nan)


# --- pair gas closed forms -------------------------------------------------------------------------

@pytest.mark.parametrize("g", [1.0, 2.0])
def test_pair_gas_closed_forms_against_fermi_dirac(g):
    T = np.array([0.5, 3.0, 3.0, 10.0])
    mu = np.array([-2.0, 0.0, 60.0, 15.0])
    eta = mu / T
    pre = g / (2 * math.pi**2 * HC3)
    n_net = pre * T**3 * (fd.complete(2, eta) - fd.complete(2, -eta))
    energy = pre * T**4 * (fd.complete(3, eta) + fd.complete(3, -eta))
    assert np.allclose(tc.pair_net_density(mu, T, g), n_net, rtol=1e-13, atol=1e-300)
    # massless gas: P = energy/3, so s = (energy + P - mu n)/T
    assert np.allclose(tc.pair_entropy_density(mu, T, g), (4 * energy / 3 - mu * n_net) / T, rtol=1e-13)


def test_pair_chemical_potential_inverts_density():
    T = np.array([0.07, 2.0, 3.5, 3.5, 3.5])
    mu = np.array([0.3, -3.0, 0.0, 12.0, 180.0])
    assert np.allclose(tc.pair_chemical_potential(tc.pair_net_density(mu, T, 2.0), T, 2.0), mu,
                       rtol=1e-13, atol=1e-13)


# --- cross sections --------------------------------------------------------------------------------

def test_sigma_0_value():
    # 4 G_F^2 (m_e c^2)^2 / (pi (hbar c)^4) with CODATA values: 1.7612e-44 cm^2
    assert C.sigma_0 == pytest.approx(1.7612e-44, rel=1e-4)


def test_nucleon_cross_sections_closed_form():
    s2, gA = 0.23122, 1.2754
    sigma_n, sigma_p = tc.nucleon_cross_sections(np.array([C.m_e_c2_MeV, 10 * C.m_e_c2_MeV]), s2, gA)
    quarter = C.sigma_0 / 4
    assert sigma_n[0] == pytest.approx(quarter * (1 + 3 * gA**2) / 4, rel=1e-15)
    assert sigma_p[0] == pytest.approx(quarter * (4 * s2**2 - 2 * s2 + (1 + 3 * gA**2) / 4), rel=1e-15)
    assert sigma_n[1] / sigma_n[0] == pytest.approx(100.0, rel=1e-15)
    # 10 MeV on neutrons: ~2.5e-42 cm^2
    assert float(tc.nucleon_cross_sections(10.0, s2, gA)[0]) == pytest.approx(
        C.sigma_0 / 4 * (10 / C.m_e_c2_MeV) ** 2 * (1 + 3 * gA**2) / 4, rel=1e-15)


# --- snapshot profile -----------------------------------------------------------------------------

def test_central_density_is_the_papers():
    assert CORE.central_density == pytest.approx(2.1e13, rel=2e-3)


def test_shell_coordinate():
    rho = CORE.shell_densities()
    assert rho.shape == (27,)
    assert np.all(np.diff(rho) < 0)
    assert np.allclose(CORE.shell_coordinate(rho), np.arange(1, 28), rtol=0, atol=1e-12)
    assert CORE.shell_coordinate(CORE.central_density) == pytest.approx(0.5)
    assert CORE.shell_coordinate(5 * CORE.central_density) == pytest.approx(0.5)
    assert CORE.shell_coordinate(1e-10) == pytest.approx(27.5, abs=1e-9)
    # smooth: no jumps on a fine grid
    s = CORE.shell_coordinate(np.geomspace(1e11, CORE.central_density, 4001))
    assert np.all(np.diff(s) < 0) and np.max(np.abs(np.diff(s))) < 0.05


def test_equal_mass_shells():
    # enclosed-mass fraction q(x) = x^3 (5 - 3x^2)/2 at each shell's radius is (i - 1/2)/27
    x = CORE.radius_fraction(CORE.shell_densities())
    assert np.allclose(0.5 * x**3 * (5 - 3 * x**2), (np.arange(1, 28) - 0.5) / 27, atol=1e-14)


# --- thermodynamic state --------------------------------------------------------------------------

def test_state_satisfies_its_equations():
    rho = np.geomspace(1e9, 2.5e14, 61)
    st = CORE.state(rho)
    assert np.allclose(st.Y_e + st.Y_nu, CORE.Y_L, rtol=0, atol=1e-12)
    assert np.allclose(st.mu_e, st.mu_nu + st.mu_hat, rtol=1e-12, atol=1e-12)
    assert np.allclose(st.Y_e * st.n_B, tc.pair_net_density(st.mu_e, st.T, 2.0), rtol=1e-12)
    assert np.allclose(st.Y_nu * st.n_B, tc.pair_net_density(st.mu_nu, st.T, 1.0), rtol=1e-10, atol=1e20)
    s = (2 * st.T / CORE.level_density_MeV
         + (tc.pair_entropy_density(st.mu_e, st.T, 2.0) + tc.pair_entropy_density(st.mu_nu, st.T, 1.0)
            + tc.photon_entropy_density(st.T)) / st.n_B)
    assert np.allclose(s, CORE.entropy_per_baryon, rtol=1e-10)


def test_state_values_in_the_trapped_core():
    st = CORE.state(np.array([1e12, CORE.central_density]))
    assert np.all((st.T > 2.5) & (st.T < 4.0))
    assert np.all(st.mu_nu > 10) and np.all(np.diff(st.mu_nu) > 0)
    assert np.all((st.Y_e > 0.28) & (st.Y_e < 0.35))


def test_implicit_derivatives_against_finite_differences():
    h = 1e-5
    st = CORE.state(TRAPPED)
    up, down = CORE.state(TRAPPED * math.exp(h)), CORE.state(TRAPPED * math.exp(-h))
    assert np.allclose((up.T - down.T) / (2 * h), st.dT_dlnrho, rtol=1e-6)
    assert np.allclose((up.mu_nu - down.mu_nu) / (2 * h), st.dmu_nu_dlnrho, rtol=1e-6)


# --- spectra ---------------------------------------------------------------------------------------

def test_bin_spectra_sum_to_the_closed_forms():
    rho = np.array([3e11, 2e12, 1.5e13])
    st = CORE.state(rho)
    eta = st.mu_nu / st.T
    top = float(np.max(st.mu_nu + 60 * st.T))
    edges = np.linspace(0.0, top, 4001)
    G, _ = CORE.bin_spectra(rho, edges)
    pre = 1 / (2 * math.pi**2 * HC3)
    energy = pre * st.T**4 * fd.complete(3, eta)  # [MeV cm^-3], nu_e only
    number = pre * st.T**3 * fd.complete(2, eta)  # [cm^-3]
    # the bins cover the spectrum (e^-60 is left above the top edge): sum_i rho G_i is the energy density
    assert np.allclose(np.sum(rho[:, None] * G, axis=1) / C.MeV, energy, rtol=1e-12)
    # the number density from bin centres is the midpoint rule: relative error ~ (width/T)^2 / 24 < 1e-4
    centres = 0.5 * (edges[:-1] + edges[1:])
    n = np.sum(rho[:, None] * G / (centres * C.MeV), axis=1)
    assert np.allclose(n, number, rtol=1e-4)


def test_quadrature_converged():
    edges = np.linspace(3.0, 300.0, 101)
    G8, L8 = CORE.bin_spectra(TRAPPED, edges)
    G32, L32 = tc.TrappedCore(quad_nodes=32).bin_spectra(TRAPPED, edges)
    assert np.allclose(G8, G32, rtol=1e-12, atol=0)
    assert np.allclose(L8, L32, rtol=1e-8, atol=0)


def test_spectral_density_is_the_bin_integrand():
    rho = np.array([2e12, 1e13])
    edges = np.array([20.0, 20.001])
    G, L = CORE.bin_spectra(rho, edges)
    g, lum = CORE.spectral_density(rho, np.array([20.0005]))
    # one narrow bin: the integral is the midpoint value times the width up to (width/T)^2/24 ~ 1e-8
    assert np.allclose(G, g * 0.001, rtol=1e-7) and np.allclose(L, lum * 0.001, rtol=1e-7)


def test_luminosity_zero_at_centre_and_outward():
    edges = np.linspace(3.0, 300.0, 101)
    _, L = CORE.bin_spectra(np.array([CORE.central_density]), edges)
    assert np.all(L == 0.0)
    _, L = CORE.bin_spectra(TRAPPED, edges)
    assert np.all(L > 0)


def test_luminosity_against_finite_difference_on_the_profile():
    """l = L_d / (1 + L_d / L_free): the diffusive L_d = 4 pi r^2 (c lambda/3)(-dE_xi/dr), with dE/dr by
    central differences in r of E_xi(rho(r)), limited by free streaming L_free = 4 pi r^2 c E_xi."""
    R, rho_c = CORE.R_g, CORE.central_density
    xi = np.array([5.0, 30.0, 80.0])
    for x in (0.2, 0.5, 0.8):
        r, h = x * R, 1e-4 * R
        rho = rho_c * (1 - np.array([r - h, r, r + h]) ** 2 / R**2)
        g, lum = CORE.spectral_density(rho, xi)
        energy = rho[:, None] * g  # [erg cm^-3 MeV^-1]
        dE_dr = (energy[2] - energy[0]) / (2 * h)
        st = CORE.state(rho[1])
        sigma_n, sigma_p = tc.nucleon_cross_sections(xi, CORE.sin2_theta_W, CORE.g_A)
        mfp = 1 / (st.n_B * ((1 - st.Y_e) * sigma_n + st.Y_e * sigma_p))
        # central difference with h = 1e-4 R: truncation error ~ (h/r)^2 ~ 1e-6
        diffusive = -4 * math.pi * r**2 * C.c * mfp / 3 * dE_dr
        free = 4 * math.pi * r**2 * C.c * energy[1]
        assert np.allclose(lum[1], diffusive / (1 + np.abs(diffusive) / free), rtol=1e-5)
        assert np.all(lum[1] < free)


def test_flux_never_exceeds_free_streaming():
    rho = np.geomspace(1e9, 0.99 * CORE.central_density, 40)
    xi = np.geomspace(3, 300, 30)
    g, lum = CORE.spectral_density(rho, xi)
    r = CORE.R_g * CORE.radius_fraction(rho)
    free = 4 * math.pi * (r**2 * C.c)[:, None] * rho[:, None] * g
    assert np.all(np.abs(lum) <= free)


def test_vectorised_shapes():
    rho = np.full((2, 3), 5e12)
    g, lum = CORE.spectral_density(rho, np.array([10.0, 20.0]))
    assert g.shape == lum.shape == (2, 3, 2)
    G, L = CORE.bin_spectra(rho, np.linspace(3, 300, 11))
    assert G.shape == L.shape == (2, 3, 10)
    assert np.allclose(G, G[0, 0]) and np.allclose(L, L[0, 0])


@pytest.mark.parametrize("name, value", [("Y_L", 1.2), ("Y_L", 0.0), ("M_g", -1.0), ("R_g", math.nan),
                                         ("n_shells", 0), ("n_shells", 2.5), ("quad_nodes", 0)])
def test_parameter_validation(name, value):
    with pytest.raises(ValueError, match=name):
        tc.TrappedCore(**{name: value})
