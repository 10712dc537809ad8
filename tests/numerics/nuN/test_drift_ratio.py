"""numerics.nuN.drift_ratio: R_sc/abs of nuN Eq. 50 and the neutrinosphere it is evaluated at."""

import math

import pytest
import numpy as np
import sympy as sp
from scipy import integrate

from natal.derivations.nuN import drift_ratio as kick
from natal.derivations.nuN.symbols import B, F_2, T, T_eff_mu, c_A, c_V, df0, dg, d2g, f0, g, k, m, mu_B
from natal.derivations.printed import nuN as printed
from natal.numerics import constants
from natal.numerics.nuN import drift_ratio as kr


def test_electron_chemical_potential_matches_the_massless_closed_form():
    # n_e- - n_e+ = (mu^3 + pi^2 T^2 mu)/(3 pi^2) for massless electrons; m_e = 0.511 MeV moves it ~1e-3
    site = kr.PAPER_SITE
    mu = kr.electron_chemical_potential(site)
    n = site.number_density(site.Ye)
    massless = (mu**3 + math.pi**2 * site.T**2 * mu) / (3 * math.pi**2)
    assert massless == pytest.approx(n, rel=3e-3)
    assert kr.beta_equilibrium_mu_nu(site) == pytest.approx(
        mu - constants.Q_np_MeV + site.T * math.log(0.3 / 0.7), rel=1e-12)


@pytest.mark.slow
def test_derived_literal_integrand_is_the_printed_eps_on_occupation_numbers():
    # The printed eps^(i) are natal's coefficients of g, k g', k^2 g''.  Applied there (g = 2 pi^2 dU/k^3)
    # they must give natal's literal integrand point by point: the two readings are one flux.
    N = kick.scattering_integrand("derived")["N"]
    to_U = k**3 / (2 * sp.pi**2)
    dU = to_U * (1 / (sp.exp(k / T_eff_mu) + 1) - 1 / (sp.exp(k / T) + 1))
    g_k = dU / to_U
    fd = 1 / (sp.exp(k / T) + 1)
    occ = 2 * to_U * (printed.eq43() * g + printed.eq44() * k * dg + printed.eq45() * k**2 * d2g)
    occ = occ.xreplace({g: g_k, dg: sp.diff(g_k, k), d2g: sp.diff(g_k, k, 2), f0: fd, df0: sp.diff(fd, k)})
    values = {T: 3, T_eff_mu: 7, m: 939.565, mu_B: -6e-18, B: 1e15, c_V: -0.5, c_A: -0.63, F_2: -0.973}
    for kk in (0.7, 4.0, 11.0, 30.0):
        a, b = (float(sp.N(e.subs(values).subs(k, kk), 25)) for e in (N, occ))
        assert a == pytest.approx(b, rel=1e-10)


def test_fixed_quadrature_matches_adaptive_quadrature():
    num, den = kr.integrals(3.3, 6.0)
    scatter, _ = kr._evaluators("derived")
    cv, ca, f2 = kr.couplings("nu n -> nu n")
    mu = kr.MU_N_MeV_per_G * kr.PAPER_INPUTS["mu_n"]
    # beyond 300 MeV the integrand is below e^-50 of its peak
    ref, _ = integrate.quad(lambda x: float(scatter(x, 3.0, 6.0, constants.m_n_c2_MeV, mu, 1.0, cv, ca, f2)),
                            0, 300, epsabs=0, epsrel=1e-12, limit=400, points=(5, 20, 50))
    assert num == pytest.approx(ref, rel=1e-9)
    assert math.isfinite(den) and den != 0


def test_ratio_vanishes_as_the_mu_neutrinos_reach_equilibrium():
    assert kr.kick_ratio(3.3, 3.0) == pytest.approx(0.0, abs=1e-14)
    assert kr.kick_ratio(3.3, 6.0) > kr.kick_ratio(3.3, 4.0) > 0


def test_options_and_inputs_are_validated():
    with pytest.raises(ValueError, match="coefficients"):
        kr.Options(coefficients="guessed")
    with pytest.raises(ValueError, match="T_eff_e"):
        kr.kick_ratio(-1.0, 4.0)
    with pytest.raises(ValueError, match="T_eff_mu"):
        kr.kick_ratio(3.1, float("nan"))
    with pytest.raises(ValueError, match="Ye"):
        kr.Neutrinosphere(Ye=1.2)
    with pytest.raises(ValueError, match="rho"):
        kr.Neutrinosphere(rho=-1.0)


def _fermi_dirac_difference(T_eff, T_mat):
    """delta U = k^3/(2 pi^2) [FD(T_eff) - FD(T_mat)] and its first two k-derivatives, in closed form."""
    def jets(kk):
        out = []
        for temp in (T_eff, T_mat):
            x = kk / temp
            f = 1 / (np.exp(x) + 1)
            df = -f * (1 - f) / temp
            d2f = -df * (1 - 2 * f) / temp
            c = 1 / (2 * np.pi**2)
            out.append((c * kk**3 * f, c * (3 * kk**2 * f + kk**3 * df), c * (6 * kk * f + 6 * kk**2 * df + kk**3 * d2f)))
        return tuple(a - b for a, b in zip(*out))
    return jets


def test_alpha_sc_numerator_matches_the_R_sc_abs_numerator():
    # alpha_sc's numerator applies the eps evaluator to delta U jets computed here; Eq. 50's numerator is
    # a separate generated expression with delta U differentiated symbolically.  With R_nu constant and
    # |dU/dr| = D k^2 (kappa_0 ~ k^2, so the denominator is D 2 k_max/(3 kappa_0/k^2) exactly),
    # alpha_sc * denominator = (1/2) Int N dk, N being linear in B.
    site = kr.PAPER_SITE
    B_G, D = 1e15, 1e18
    alpha = kr.alpha_sc(_fermi_dirac_difference(6.0, site.T), lambda kk: D * kk**2, B_G)
    num, _ = kr.integrals(3.3, 6.0, site=site)  # at B = 1 G
    cv, ca, _ = kr.couplings("nu n -> nu n")
    G_F = constants.G_F_GeV2 * 1e-6
    kappa_over_k2 = (2 * G_F**2 * site.number_density(1 - site.Ye) * (cv**2 + 5 * ca**2) / (3 * math.pi)
                     / constants.hbar_c_MeV_cm)
    den = 2 * D * 300.0 / (3 * kappa_over_k2)  # alpha_sc's default k_max
    assert alpha * den == pytest.approx(0.5 * num * B_G, rel=1e-9)


def test_alpha_sc_rejects_a_bad_field():
    with pytest.raises(ValueError, match="B_G"):
        kr.alpha_sc(lambda kk: (kk, kk, kk), lambda kk: kk, -1.0)
