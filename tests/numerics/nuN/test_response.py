"""Tests of the nuclear response function (natal.numerics.nuN.response; `nuN` paper Eqs. 12-15, 18, App. A).

Independent routes: two quadratures of Eq. 12 (delta function resolved in the angle, or in |p| at each
angle) against the closed form; mpmath for the closed form at extreme arguments; exact detailed
balance; the paper's S~ (Eqs. A7-A8) by direct quadrature; the nondegenerate Gaussian of Eq. 18.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from scipy.integrate import quad

from natal.numerics.nuN import response as R

M = 939.0  # nucleon mass [MeV]
T = 10.0  # temperature [MeV]
MUB = 2.0  # mu_B B [MeV], muB_B/T = 0.2: not small
SPINS = [(1, 1), (1, -1), (-1, 1), (-1, -1)]
Q0 = np.array([-30.0, -4.0, 0.0, 0.5, 3.0, 25.0])[:, None]  # energy transfers [MeV], both signs
Q = np.array([10.0, 25.0, 50.0])[None, :]  # momentum transfers [MeV]


def _kw(eta, s, s_p, muB_B=MUB):
    return dict(T=T, mu_N=eta * T, m=M, muB_B=muB_B, s=s, s_p=s_p)


# --- closed form against the two quadratures of Eq. 12 ---------------------------------------------

@pytest.mark.parametrize("s, s_p", SPINS)
@pytest.mark.parametrize("eta", [-10.0, 0.0, 5.0])
def test_closed_form_matches_both_quadratures(eta, s, s_p):
    kw = _kw(eta, s, s_p)
    closed = R.response_closed_form(Q0, Q, **kw)
    assert closed.shape == (6, 3) and np.all(closed > 0)
    for route in ("energy", "angle"):
        assert np.allclose(R.response_quadrature(Q0, Q, route=route, **kw), closed, rtol=1e-12, atol=0)


def test_closed_form_matches_mpmath_at_extreme_arguments():
    # deep Fermi sea (x_min ~ -40), far tail (x_min ~ 300), |z| = 50 and z -> 0 (down to 1e-30)
    cases = [(q0, q, mu_N) for q0 in (-500.0, -1e-30, -1e-9, 0.0, 1e-9, 1e-30, 500.0)
             for q, mu_N in ((20.0, 400.0), (40.0, -3000.0), (30.0, 0.0))]
    for q0, q, mu_N in cases:
        got = R.response_closed_form(q0, q, T=T, mu_N=mu_N, m=M, muB_B=MUB, s=-1, s_p=1)
        with mpmath.workdps(60):
            X = mpmath.mpf(q0) - mpmath.mpf(q) ** 2 / (2 * M) + 2 * MUB
            a = ((M * X / q) ** 2 / (2 * M) + MUB - mu_N) / T
            z = mpmath.mpf(q0) / T
            if z == 0:
                ref = 1 / (mpmath.exp(a) + 1)
            else:
                ref = (mpmath.log1p(mpmath.exp(-a)) - mpmath.log1p(mpmath.exp(-a - z))) / -mpmath.expm1(-z)
            ref = M**2 * T / (2 * mpmath.pi * q) * ref
        assert got == pytest.approx(float(ref), rel=1e-13), (q0, q, mu_N)


def test_zero_energy_transfer_limit():
    # z -> 0: S = m^2 T/(2 pi q) f(x_min), f(x) = 1/(e^x + 1); continuous through q0 = 0
    q, mu_N = 30.0, 20.0
    kw = dict(T=T, mu_N=mu_N, m=M, muB_B=MUB, s=1, s_p=1)
    x_min = ((q / 2) ** 2 / (2 * M) - MUB - mu_N) / T  # X = -q^2/2m, p_min = q/2
    S0 = R.response_closed_form(0.0, q, **kw)
    assert S0 == pytest.approx(M**2 * T / (2 * math.pi * q) / (math.exp(x_min) + 1), rel=1e-15)
    for dq0 in (1e-12, -1e-12, 1e-7, -1e-7):
        assert R.response_closed_form(dq0, q, **kw) == pytest.approx(S0, rel=2e-7 * abs(dq0) / 1e-7 + 1e-15)
        assert R.response_quadrature(dq0, q, route="angle", **kw) == pytest.approx(
            R.response_closed_form(dq0, q, **kw), rel=1e-12)


@pytest.mark.parametrize("s, s_p", SPINS)
def test_shell_through_mu_zero(s, s_p):
    # X = q0 - q^2/2m - muB_B (s - s') = 0: p_min = 0; the angle route is its X -> 0 limit there
    q = 20.0
    q0 = q**2 / (2 * M) + MUB * (s - s_p)
    kw = _kw(5.0, s, s_p)
    closed = R.response_closed_form(q0, q, **kw)
    assert R.response_quadrature(q0, q, **kw) == pytest.approx(closed, rel=1e-12)
    assert R.response_quadrature(q0, q, route="angle", **kw) == pytest.approx(closed, rel=1e-12)
    for ulps in (1, -1, 1000):  # |X| down to ~1e-17 MeV: the angle route alone
        q0_near = q0 + ulps * np.spacing(q0)
        assert R.response_quadrature(q0_near, q, route="angle", **kw) == pytest.approx(
            R.response_closed_form(q0_near, q, **kw), rel=1e-12)


# --- detailed balance -----------------------------------------------------------------------------

def test_detailed_balance_without_field():
    # B = 0: S(-q0, q) = e^(-q0/T) S(q0, q)
    kw = _kw(5.0, 1, 1, muB_B=0.0)
    lhs = R.response_closed_form(-Q0, Q, **kw)
    assert np.allclose(lhs, np.exp(-Q0 / T) * R.response_closed_form(Q0, Q, **kw), rtol=1e-13, atol=0)


@pytest.mark.parametrize("s, s_p", SPINS)
def test_detailed_balance_with_field_swaps_the_spins(s, s_p):
    # any B: S_s's(-q0, q) = e^(-q0/T) S_ss'(q0, q), q0 the full energy transfer (magnetic part included)
    kw, swapped = _kw(0.0, s, s_p), _kw(0.0, s_p, s)
    forward = R.response_closed_form(Q0, Q, **kw)
    # rtol: S ~ e^-x_min with x_min up to ~540 here, so rounding of x_min alone gives ~1e-13
    assert np.allclose(R.response_closed_form(-Q0, Q, **swapped), np.exp(-Q0 / T) * forward, rtol=1e-12, atol=0)
    q0, q = np.array([-4.0, 25.0]), np.array([10.0, 50.0])
    assert np.allclose(R.response_quadrature(-q0, q, **swapped),
                       np.exp(-q0 / T) * R.response_quadrature(q0, q, **kw), rtol=1e-11, atol=0)
    if s != s_p:  # without the swap the relation fails at B != 0
        same = R.response_closed_form(-Q0, Q, **kw)
        assert np.max(np.abs(same / (np.exp(-Q0 / T) * forward) - 1)) > 1e-2


# --- nondegenerate limit (Eq. 18) ----------------------------------------------------------------

def test_nondegenerate_limit_is_the_gaussian():
    eta = -30.0
    n = math.exp(eta) / math.sqrt(2 * math.pi**3 / (M * T) ** 3)  # exp(mu_N/T) = n (2 pi^3/(m^3 T^3))^(1/2)
    assert R.chemical_potential_nondegenerate(n, T=T, m=M) == pytest.approx(eta * T, rel=1e-14)
    closed = R.response_closed_form(Q0, Q, T=T, mu_N=eta * T, m=M)
    assert np.allclose(R.response_nondegenerate(Q0, Q, T=T, n=n, m=M) / closed, 1.0, rtol=0, atol=1e-10)
    # at mu_N/T = -3 Pauli blocking is visible
    n3 = math.exp(-3.0) / math.sqrt(2 * math.pi**3 / (M * T) ** 3)
    ratio = R.response_nondegenerate(Q0, Q, T=T, n=n3, m=M) / R.response_closed_form(Q0, Q, T=T, mu_N=-3 * T, m=M)
    assert np.max(np.abs(ratio - 1)) > 1e-3


# --- momentum moment (Eqs. A1-A13) ---------------------------------------------------------------

@pytest.mark.parametrize("s, s_p", SPINS)
def test_momentum_moment_is_eq_A13_for_degenerate_nucleons(s, s_p):
    # P_par = (2m/q)(q0 - muB_B (s - s')) S_ss' exactly; at mu_N/T = 5 the paper only claims it for mu_N/T << -1
    kw = _kw(5.0, s, s_p)
    S = R.response_closed_form(Q0, Q, **kw)
    exact = 2 * M / Q * (Q0 - MUB * (s - s_p)) * S
    got = R.momentum_moment_quadrature(Q0, Q, **kw)
    assert np.all(np.abs(got - exact) <= 1e-9 * np.abs(exact) + 1e-14 * Q * S)  # exact = 0 at q0 = 0, s = s'


def _s_tilde(q0, q, s, s_p, mu_N):
    """The paper's S~_ss' (Eq. A7) from E'_min of Eq. A8, by direct quadrature in x' = (E' - mu_N)/T."""
    Y = q0 + q**2 / (2 * M) - MUB * (s - s_p)
    x_min = (-MUB * s_p + Y**2 / (4 * q**2 / (2 * M)) - mu_N) / T
    z = q0 / T
    edges = sorted({0.0, z})
    lo, hi = max(x_min, edges[0] - 60), max(x_min, edges[-1]) + 60
    val = quad(lambda x: 1 / ((math.exp(x - z) + 1) * (1 + math.exp(-x))), lo, hi,
               points=[e for e in edges if lo < e < hi], epsabs=0, epsrel=1e-12, limit=200)[0]
    return M**2 * T / (2 * math.pi * q) * val


@pytest.mark.parametrize("s, s_p", SPINS)
def test_paper_s_tilde_equals_s_at_any_degeneracy(s, s_p):
    # Eqs. A6-A9: S~ = S is claimed for nondegenerate nucleons; E' = E + q0 makes it exact
    for q0, q in ((-20.0, 15.0), (0.5, 30.0), (12.0, 45.0)):
        S = R.response_closed_form(q0, q, **_kw(5.0, s, s_p))
        assert _s_tilde(q0, q, s, s_p, 5.0 * T) == pytest.approx(S, rel=1e-10)


def test_printed_eq_A5_lower_limit_disagrees():
    # Eq. A5 as printed has (q0 + q^2/2m - ...)^2; Eq. A3's p_min gives (q0 - q^2/2m - ...)^2.  The printed
    # x_min is the true one + q0/T, so for nondegenerate nucleons the printed S is low by ~e^(-q0/T).
    q0, q, s, s_p, mu_N = 10.0, 40.0, 1, 1, -5.0 * T
    E_min_printed = -MUB * s + (q0 + q**2 / (2 * M)) ** 2 / (4 * q**2 / (2 * M))
    x = (E_min_printed - mu_N) / T
    z = q0 / T
    printed = M**2 * T / (2 * math.pi * q) * math.log((1 + math.exp(-x)) / (1 + math.exp(-x - z))) / (1 - math.exp(-z))
    S = R.response_quadrature(q0, q, **_kw(-5.0, s, s_p))
    assert printed / S == pytest.approx(math.exp(-q0 / T), rel=1e-2)


# --- interface -----------------------------------------------------------------------------------

@pytest.mark.parametrize("func", [R.response_closed_form, R.response_quadrature, R.momentum_moment_quadrature])
def test_scalars_are_the_values_of_the_broadcast_grid(func):
    kw = _kw(0.0, 1, -1)
    grid = func(Q0, Q, **kw)
    assert grid.shape == (6, 3)
    for i, j in ((0, 0), (1, 2), (3, 1), (5, 2)):
        scalar = func(float(Q0[i, 0]), float(Q[0, j]), **kw)
        assert isinstance(scalar, float)
        assert scalar == pytest.approx(grid[i, j], rel=1e-14)


def test_scalar_response_is_eq_12_by_direct_quadrature_over_p():
    # S = m/(2 pi q) Int_{p_min} dp p f(E)[1 - f(E + q0)], written out here from the delta function on the
    # cosine: p_min = m |X|/q, E = p^2/2m - muB_B s (the module's closed form and quadratures not used).
    s, s_p, mu_N = 1, -1, 0.0
    kw = _kw(mu_N / T, s, s_p)
    for q0, q in ((3.0, 20.0), (-12.0, 45.0)):
        X = q0 - q**2 / (2 * M) - MUB * (s - s_p)
        p_min = M * abs(X) / q

        def occupied(p):
            E = p**2 / (2 * M) - MUB * s
            return p / ((math.exp((E - mu_N) / T) + 1) * (1 + math.exp(-(E + q0 - mu_N) / T)))

        direct = M / (2 * math.pi * q) * quad(occupied, p_min, p_min + 2000.0, epsabs=0, epsrel=1e-12, limit=200)[0]
        assert R.response_closed_form(q0, q, **kw) == pytest.approx(direct, rel=1e-10)
        assert R.response_quadrature(q0, q, **kw) == pytest.approx(direct, rel=1e-10)


@pytest.mark.parametrize("func, kwargs, name", [
    (R.response_closed_form, dict(q0=1.0, q=20.0, T=-1.0, mu_N=0.0, m=M), "T"),
    (R.response_closed_form, dict(q0=np.nan, q=20.0, T=T, mu_N=0.0, m=M), "q0"),
    (R.response_closed_form, dict(q0=1.0, q=[20.0, 0.0], T=T, mu_N=0.0, m=M), "q"),
    (R.response_closed_form, dict(q0=1.0, q=20.0, T=T, mu_N=0.0, m=M, s=0), "s"),
    (R.response_closed_form, dict(q0=1.0, q=20.0, T=T, mu_N=0.0, m=M, s_p=2), "s_p"),
    (R.response_closed_form, dict(q0=1.0, q=20.0, T=T, mu_N=np.inf, m=M), "mu_N"),
    (R.response_closed_form, dict(q0=1.0, q=20.0, T=T, mu_N=0.0, m=0.0), "m"),
    (R.response_closed_form, dict(q0=1.0, q=20.0, T=T, mu_N=0.0, m=M, muB_B=np.nan), "muB_B"),
    (R.response_quadrature, dict(q0=1.0, q=0.0, T=T, mu_N=0.0, m=M), "q"),
    (R.response_quadrature, dict(q0=1.0, q=20.0, T=np.nan, mu_N=0.0, m=M), "T"),
    (R.response_quadrature, dict(q0=1.0, q=20.0, T=T, mu_N=0.0, m=M, route="momentum"), "route"),
    (R.response_quadrature, dict(q0=1.0, q=20.0, T=T, mu_N=0.0, m=M, rtol=1e-20), "rtol"),
    (R.momentum_moment_quadrature, dict(q0=1.0, q=20.0, T=T, mu_N=0.0, m=M, s=-2), "s"),
    (R.response_nondegenerate, dict(q0=1.0, q=20.0, T=T, n=-1.0, m=M), "n"),
    (R.chemical_potential_nondegenerate, dict(n=1e-3, T=0.0, m=M), "T"),
])
def test_bad_input_names_the_parameter(func, kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        func(**kwargs)
