"""The first angular moment of the nu-N collision term (nuN Eqs. 25-28, 31) by quadrature.

Physical-ish inputs: T = 3 MeV, k = 5 ... 20 MeV, n = 1e-3 MeV^3, the couplings of nu-n scattering
(c_V = -1/2, c_A = -g_A/2, F_2 = -(mu_p - mu_n)/2 - 2 mu_n sin^2 theta_W with Table I's inputs),
mu_B B = 0.01 MeV, G_F = 1 (moments in units of G_F^2), smooth explicit g and h.

The tests that evaluate the rate build natal's ``nuN.rate_nu`` and ``nuN.rate_nubar`` first: deriving
them takes ~15 s once per process, hence the ``slow`` mark; each test itself takes < 1 s.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad

from natal.numerics.nuN import collision_moments as cm

T = 3.0
N_DENSITY = 1e-3
C_V, C_A = -0.5, -0.63
F_2 = -0.5 * (1.793 + 1.913) - 2 * (-1.913) * 0.23


def g_test(k):
    return (1 + 0.3 * k / T) * np.exp(-k / (2 * T))


def h_test(k):
    return k**2 * np.exp(-k / T) / T**2


INPUTS = dict(T=T, n=N_DENSITY, mu_B=0.01, B=1.0, c_V=C_V, c_A=C_A, F_2=F_2, g=g_test, h=h_test)

slow = pytest.mark.slow


@pytest.fixture(scope="module")
def rates():
    """Both rate evaluators, derived and built once for the module."""
    return cm._rate(False), cm._rate(True)


def _sphere_rule(n_theta: int, n_phi: int):
    """Unit vectors and weights summing to 4 pi: Gauss-Legendre in cos(theta), trapezoid in phi."""
    c, w = np.polynomial.legendre.leggauss(n_theta)
    phi = 2 * np.pi * np.arange(n_phi) / n_phi
    s = np.sqrt(1 - c**2)
    vec = np.stack([np.outer(s, np.cos(phi)), np.outer(s, np.sin(phi)), np.outer(c, np.ones(n_phi))], -1)
    return vec.reshape(-1, 3), np.repeat(w * 2 * np.pi / n_phi, n_phi)


def test_angular_reduction_matches_a_direct_quadrature_over_both_directions():
    """Int dOmega/4pi Omega Int dOmega' R [C df' + D df] = h-hat M_h + B-hat M_B, R = a0 + a1 Omega.B
    + a2 Omega'.B with polynomial a_i(mu'), df = g + 3 Omega.h h-hat at k, g' + 3 Omega'.h' h-hat at k'.

    Both rules are exact here: the integrand is a polynomial of degree <= 7 in each direction's
    components, so 8 Gauss nodes in cos(theta) and 16 points in phi integrate it exactly."""
    a0 = np.polynomial.Polynomial([0.7, -0.4, 0.9, 0.3])
    a1 = np.polynomial.Polynomial([0.2, 0.5, -0.6])
    a2 = np.polynomial.Polynomial([-0.3, 0.8, 0.1, -0.5])
    C, D, g, g_p, h, h_p = 1.3, -0.8, 0.45, -1.1, 0.6, 0.25
    h_hat = np.array([0.3, -0.5, 0.8]) / np.linalg.norm([0.3, -0.5, 0.8])
    b_hat = np.array([-0.6, 0.2, 0.7]) / np.linalg.norm([-0.6, 0.2, 0.7])  # not along h-hat

    om, w = _sphere_rule(8, 16)
    mu = om @ om.T  # mu'[i, j] = Omega_i . Omega'_j
    rate = a0(mu) + a1(mu) * (om @ b_hat)[:, None] + a2(mu) * (om @ b_hat)[None, :]
    df_p = g_p + 3 * h_p * (om @ h_hat)[None, :]
    df = g + 3 * h * (om @ h_hat)[:, None]
    inner = (rate * (C * df_p + D * df)) @ w  # Int dOmega', per Omega
    direct = (w * inner) @ om / (4 * np.pi)

    x, wx = np.polynomial.legendre.leggauss(8)
    i_h, i_b = cm.reduced_integrands(a0(x), a1(x), a2(x), x, C, D, g, g_p, h, h_p)
    reduced = h_hat * (i_h @ wx) + b_hat * (i_b @ wx)
    np.testing.assert_allclose(direct, reduced, rtol=0, atol=1e-13 * np.abs(direct).max())


@pytest.mark.parametrize("t_over_m", [1e-3, 1e-2])
@pytest.mark.parametrize("mu_prime", [-0.95, 0.3, 0.995])
def test_mapped_k_prime_integral_matches_adaptive_quadrature(t_over_m, mu_prime):
    """The exact Gaussian variable u covers the whole k' integral: an S_0-like kernel with the
    detailed-balance factor of C (the in-scattering term, whose tail the plain (k' - k)/(eps k) cut
    would lose) integrates over the u window as adaptive quadrature over 0 < k' < k + 600 T does."""
    k, m = 10.0, T / t_over_m

    def kernel(kp):
        q2 = k**2 + kp**2 - 2 * k * kp * mu_prime
        q0 = k - kp
        return kp**2 / np.sqrt(q2) * np.exp(-m * q0**2 / (2 * T * q2) - q0 / (2 * T) - q2 / (8 * m * T)) * g_test(kp)

    mu_nodes, _, u, w_u = cm._nodes(64, 128, 12.0, T, m)
    kp, jac = cm.momentum_map(k, u, mu_prime, T, m)
    assert np.all(kp > 0)
    mapped = np.sum(w_u * jac * kernel(kp))

    width = k * math.sqrt(4 * (1 - mu_prime) * T / m)
    cuts = sorted({0.0, *(p for p in k + width * np.array([-8, -2, 0, 2, 8, 30]) if 0 < p < k + 600 * T),
                   k + 600 * T})
    floor = 1e-16 * kernel(k) * width  # ~1e-16 of the integral: far-tail pieces need no relative accuracy
    reference = sum(quad(kernel, a, b, epsabs=floor, epsrel=1e-13, limit=500)[0] for a, b in zip(cuts, cuts[1:]))
    assert mapped == pytest.approx(reference, rel=1e-12)


def test_momentum_map_inverts_u_and_its_jacobian_is_dk_du():
    """k'(u) solves u = -(m/2T)^(1/2) (k - k')/q, on both branches and up to the kinematic ends."""
    k, m = 7.0, 300.0
    u = np.linspace(-0.999, 0.95, 41)[:, None] * math.sqrt(m / (2 * T))
    mu = np.array([-1.0, -0.3, 0.5, 0.999])[None, :]
    kp, jac = cm.momentum_map(k, u, mu, T, m)
    q = np.sqrt(k**2 + kp**2 - 2 * k * kp * mu)
    np.testing.assert_allclose(-math.sqrt(m / (2 * T)) * (k - kp) / q, np.broadcast_to(u, kp.shape),
                               rtol=1e-12, atol=1e-12)
    step = 1e-6
    numeric = (cm.momentum_map(k, u + step, mu, T, m)[0] - cm.momentum_map(k, u - step, mu, T, m)[0]) / (2 * step)
    np.testing.assert_allclose(jac, numeric, rtol=1e-7)


def test_scaled_collision_weights_are_eqs_26_27_times_exp_q0_over_2t():
    k, mu_nu = 12.0, 4.0
    k_p = np.array([0.5, 6.0, 12.0, 30.0, 90.0])
    f0, f0_p = 1 / (np.exp((k - mu_nu) / T) + 1), 1 / (np.exp((k_p - mu_nu) / T) + 1)
    q0 = k - k_p
    C = np.exp(-q0 / T) * (1 - f0) + f0
    D = -(np.exp(-q0 / T) * f0_p + 1 - f0_p)
    scaled = cm.scaled_collision_weights(k, k_p, T, mu_nu)
    np.testing.assert_allclose(scaled, [C * np.exp(q0 / (2 * T)), D * np.exp(q0 / (2 * T))], rtol=1e-13)


@slow
@pytest.mark.parametrize("antineutrino", [False, True], ids=["nu", "nubar"])
@pytest.mark.parametrize("mu_nu", [0.0, 4.0])
@pytest.mark.parametrize("t_over_m", [1e-3, 1e-2])
def test_doubling_the_nodes_changes_the_moments_by_less_than_1e_11(rates, antineutrino, mu_nu, t_over_m):
    args = dict(INPUTS, m=T / t_over_m, mu_nu=mu_nu, antineutrino=antineutrino)
    k = np.array([5.0, 12.0, 20.0])
    base = cm.first_moment(k, **args)
    fine = cm.first_moment(k, n_mu=128, n_u=256, **args)
    for key in ("h", "B"):
        np.testing.assert_allclose(base[key], fine[key], rtol=1e-11, atol=0)


@slow
@pytest.mark.parametrize("antineutrino", [False, True], ids=["nu", "nubar"])
@pytest.mark.parametrize("k, mu_nu", [(5.0, 0.0), (12.0, 4.0), (20.0, 0.0)])
def test_leading_h_moment_is_minus_the_transport_opacity(rates, antineutrino, k, mu_nu):
    """Closed-form oracle for the O(1) coefficient of M_h (independent of the printed Eq. 32).

    At O(1) in 1/m the rate is A_0 = k'^2/(2 pi)^3 2 G_F^2 [c_V^2 + 3 c_A^2 + (c_V^2 - c_A^2) mu'] S_0
    (no B: the O(B) terms sit in M_B; no weak magnetism: it is O(k/m)).  As m -> inf, S_0 becomes
    pi n delta(k - k'), since Int dk' S_0 = Int dq0 S_0 = pi n (a Gaussian of width (T q^2/m)^(1/2)
    and height (2 pi m/T)^(1/2) n/(2 q)).  At k' = k, q0 = 0, so C = (1 - f0) + f0 = 1 and
    D = -(f0 + 1 - f0) = -1 whatever mu_nu.  Then

        M_h^(0) = 2 pi pi n k^2/(2 pi)^3 2 G_F^2 h(k) Int_{-1}^{1} dmu' [a + b mu'] (mu' - 1),
        a = c_V^2 + 3 c_A^2, b = c_V^2 - c_A^2,  Int = -2a + 2b/3 = -(4/3)(c_V^2 + 5 c_A^2),

    i.e. M_h^(0) = -(2 G_F^2 k^2/(3 pi)) n (c_V^2 + 5 c_A^2) h(k), the same for nu and nubar."""
    fit = cm.inverse_mass_fit(k, mu_nu=mu_nu, antineutrino=antineutrino, **INPUTS)
    oracle = -(2 * k**2 / (3 * np.pi)) * N_DENSITY * (C_V**2 + 5 * C_A**2) * h_test(k)
    assert fit.leading["h"] == pytest.approx(oracle, rel=1e-7)
    assert fit.leading_error["h"] < 1e-7 * abs(oracle)


@slow
@pytest.mark.parametrize("antineutrino", [False, True], ids=["nu", "nubar"])
def test_no_half_power_of_inverse_mass(rates, antineutrino):
    """A (1/m)^(1/2) term, natural size ~(T/m)^(1/2) ~ 0.05 of M at m = 400 T, is absent: its fitted
    share is at the level of the fit's truncation error."""
    fit = cm.inverse_mass_fit(10.0, mu_nu=0.0, antineutrino=antineutrino, **INPUTS)
    for key in ("h", "B"):
        assert fit.half_power_share[key] < 1e-7
        assert fit.first_order_error[key] < 1e-5 * abs(fit.first_order[key])


@slow
def test_largest_k_over_t_at_the_largest_t_over_m_stays_finite_and_converged(rates):
    """k = MAX_K_OVER_T T at T/m = MAX_T_OVER_M puts q0 at -38 k on the farthest nodes."""
    args = dict(INPUTS, m=T / cm.MAX_T_OVER_M, mu_nu=0.0)
    k = cm.MAX_K_OVER_T * T
    base = cm.first_moment(k, **args)
    fine = cm.first_moment(k, n_mu=128, n_u=256, **args)
    for key in ("h", "B"):
        assert np.isfinite(base[key]) and base[key] != 0
        assert base[key] == pytest.approx(fine[key], rel=1e-11)


@slow
def test_zero_deviation_gives_zero_moments(rates):
    zero = dict(INPUTS, g=np.zeros_like, h=np.zeros_like)
    out = cm.first_moment(np.array([5.0, 20.0]), m=939.565, mu_nu=0.0, **zero)
    assert np.all(out["h"] == 0) and np.all(out["B"] == 0)


@slow
@pytest.mark.parametrize("antineutrino", [False, True], ids=["nu", "nubar"])
def test_b_moment_vanishes_without_field_and_is_linear_in_mu_b_b(rates, antineutrino):
    k = np.array([5.0, 10.0, 20.0])
    args = dict(INPUTS, m=939.565, mu_nu=2.0, antineutrino=antineutrino)
    base = cm.first_moment(k, **args)
    no_field = cm.first_moment(k, **dict(args, B=0.0))
    doubled = cm.first_moment(k, **dict(args, B=2.0))
    moment_doubled = cm.first_moment(k, **dict(args, mu_B=0.02))
    assert np.all(no_field["B"] == 0)
    assert np.all(base["B"] != 0)
    np.testing.assert_allclose(doubled["B"], 2 * base["B"], rtol=1e-12)
    np.testing.assert_allclose(moment_doubled["B"], 2 * base["B"], rtol=1e-12)
    for other in (no_field, doubled):  # the rate has no O(B^2) part: M_h does not feel B
        np.testing.assert_allclose(other["h"], base["h"], rtol=1e-13)


@slow
def test_array_k_matches_scalar_calls(rates):
    args = dict(INPUTS, m=939.565, mu_nu=1.0)
    k = np.array([[4.0, 9.0], [15.0, 25.0]])
    together = cm.first_moment(k, **args)
    for idx in np.ndindex(k.shape):
        alone = cm.first_moment(float(k[idx]), **args)
        for key in ("h", "B"):
            assert together[key][idx] == pytest.approx(alone[key], rel=1e-14)


def test_fit_recovers_a_synthetic_series():
    masses = T * np.array(cm.DEFAULT_MASS_RATIOS)
    c = np.array([-0.02, 3.0, -250.0, 4e4, -1e6])  # M^(j) of a series in 1/m [MeV^j]
    values = sum(cj / masses**j for j, cj in enumerate(c))
    fit = cm.fit_inverse_mass(masses, values, degree=4)
    # Exact up to rounding, which weighs on each c_j as 1e-16 over its share of M at m_min.
    np.testing.assert_allclose(fit["c"][:2], c[:2], rtol=1e-12)
    np.testing.assert_allclose(fit["c"], c, rtol=1e-7)
    assert np.all(fit["half"] == 0)

    with_half = values + 0.05 / np.sqrt(masses)
    both = cm.fit_inverse_mass(masses, np.stack([values, with_half], axis=1), degree=4, half_power=True)
    np.testing.assert_allclose(both["half"], [0.0, 0.05], rtol=0, atol=1e-8)
    np.testing.assert_allclose(both["c"][:2, 1], c[:2], rtol=1e-6)


BAD_MOMENT_INPUTS = [
    ("k", 0.0, r"k must be finite and in \(0, 30 T\]"),
    ("k", -5.0, r"k must be"),
    ("k", np.array([5.0, np.nan]), r"k must be"),
    ("k", 100.0, r"k must be finite and in \(0, 30 T\] = \(0, 90\] MeV"),
    ("T", 0.0, r"T must be finite and > 0"),
    ("T", -3.0, r"T must be"),
    ("T", np.inf, r"T must be"),
    ("m", 0.0, r"m must be finite and > 0"),
    ("m", -939.0, r"m must be"),
    ("m", 150.0, r"m must be >= T/0.01 = 300 MeV \(T/m <= 0.01"),
    ("n", 0.0, r"n must be finite and > 0"),
    ("n", -1.0, r"n must be"),
    ("n", np.nan, r"n must be"),
    ("c_V", np.nan, r"c_V must be finite"),
    ("mu_B", np.inf, r"mu_B must be finite"),
    ("mu_nu", np.nan, r"mu_nu must be finite"),
    ("G_F", np.inf, r"G_F must be finite"),
    ("n_mu", 4, r"n_mu must be an integer in \[8, 4096\]"),
    ("n_u", 64.5, r"n_u must be an integer"),
    ("u_max", 2.0, r"u_max must be in \[4, 26\]"),
    ("g", lambda k: np.full_like(k, np.nan), r"g must be a callable with finite values"),
]


@pytest.mark.parametrize("name, value, message", BAD_MOMENT_INPUTS,
                         ids=[f"{n}={v!r}"[:24] for n, v, _ in BAD_MOMENT_INPUTS])
def test_bad_inputs_raise_naming_the_parameter_and_its_range(name, value, message):
    args = dict(INPUTS, k=10.0, m=939.565, mu_nu=0.0)
    args[name] = value
    k = args.pop("k")
    with pytest.raises(ValueError, match=message):
        cm.first_moment(k, **args)


@pytest.mark.parametrize("masses, degree, message", [
    ([150.0, 400.0, 800.0, 1600.0, 3200.0, 6400.0, 9600.0], 5, r"masses must be .* each >= T/0.01 = 300 MeV"),
    ([1200.0, 2400.0, 4800.0], 5, r"masses must be at least degree \+ 2 = 7"),
    (None, 1, r"degree must be an integer >= 2"),
])
def test_bad_fit_inputs_raise(masses, degree, message):
    with pytest.raises(ValueError, match=message):
        cm.inverse_mass_fit(10.0, masses=masses, degree=degree, mu_nu=0.0, **INPUTS)


def test_fit_refuses_repeated_masses_and_mismatched_values():
    with pytest.raises(ValueError, match="masses must be distinct"):
        cm.fit_inverse_mass([1.0, 1.0, 2.0], [0.0, 0.0, 0.0], degree=1)
    with pytest.raises(ValueError, match="values must be finite with a first axis of length 3"):
        cm.fit_inverse_mass([1.0, 2.0, 3.0], [0.0, 0.0], degree=1)
