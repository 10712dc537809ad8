"""First angular moment of the nu-N scattering collision term (nuN Eqs. 25-28 and 31), by quadrature.

This is the independent numeric route for the paper's Eq. 31: it integrates natal's generated
differential rate R = dGamma/dk'dOmega' (``nuN.rate_nu`` / ``nuN.rate_nubar``, derivations.
nucleon_cross_section: exact kinematics, exact nondegenerate Gaussian S_0, first order in B and in
1/m) against the collision term and expands nothing.  Natural units, energies in MeV.

Collision term (Eqs. 25-27), with q0 = k - k' and f0(k) = 1/(exp((k - mu_nu)/T) + 1):

    [df/dt]_sc(k, Omega) = Int_0^inf dk' Int dOmega' R [C(k, k') df(k', Omega') + D(k, k') df(k, Omega)],
    C = exp(-q0/T) (1 - f0(k)) + f0(k),   D = -[exp(-q0/T) f0(k') + 1 - f0(k')],

and the dipole deviation of Eq. 28, df(k, Omega) = g(k) + 3 Omega.h(k), h(k) = h(k) h-hat.

Angular reduction.  To first order in B the rate is R = a0(mu') + a1(mu') Omega.B-hat +
a2(mu') Omega'.B-hat with mu' = Omega.Omega' (a_i also depend on k, k').  Two identities on the unit
sphere do the angles:

    Int dOmega' F(Omega.Omega') Omega' = 2 pi Omega Int_{-1}^{1} dmu' mu' F(mu'),
    Int dOmega/(4 pi) Omega_i Omega_j = delta_ij / 3,

and any odd number of Omega factors averages to zero.  In Int dOmega/(4 pi) Omega [df/dt]_sc:

* a0 with 3 Omega'.h(k') gives 2 pi Int dmu' mu' a0 C h(k') 3 <Omega (Omega.h-hat)> = h-hat 2 pi
  Int dmu' mu' a0 C h(k'); a0 with 3 Omega.h(k) gives h-hat 2 pi Int dmu' a0 D h(k);
* a0 with g has one factor Omega and vanishes; a1, a2 with h have three (Omega, Omega.B-hat and
  Omega.h-hat, or Omega'.B-hat -> mu' Omega.B-hat) and vanish;
* a1 Omega.B-hat with g gives 2 pi Int dmu' a1 <Omega Omega.B-hat> = (2 pi/3) B-hat Int dmu' a1, and
  a2 Omega'.B-hat with g gives (2 pi/3) B-hat Int dmu' mu' a2.

So the moment is h-hat M_h(k) + B-hat M_B(k) with (``reduced_integrands``)

    M_h = 2 pi Int_0^inf dk' Int_{-1}^{1} dmu' a0 [mu' C h(k') + D h(k)],
    M_B = (2 pi/3) Int_0^inf dk' Int_{-1}^{1} dmu' (a1 + mu' a2) [C g(k') + D g(k)];

M_h carries V_0, dV^WM_0, dV^WM_+- of Eq. 31, M_B the B and B,WM terms.  The tests check the
reduction against a direct quadrature over both Omega and Omega'.

Quadrature.  Product Gauss-Legendre rules in mu' and in u.  S_0 is a Gaussian in k' of width
~ eps k, eps = [4 (1 - mu') T/m]^(1/2) (paper Eq. 17, which writes k' = k (1 + eps u)), so the
k' variable must follow it: a rule in k' itself would put almost no node in the peak at large
m/T or near forward scattering.  natal uses the exact form of the paper's u,

    u = -(m/2T)^(1/2) q0/q,   q^2 = k^2 + k'^2 - 2 k k' mu',

which is (k' - k)/(eps k) to leading order in eps but makes the Gaussian factor of S_0 exactly
exp(-u^2): S_0 ~ exp[-(q0 - q^2/2m)^2 m/(2 T q^2)] = exp(-u^2 + q0/2T - q^2/8mT).  With the paper's
u the Gaussian holds only near the peak: on the far side of backward scattering the exponent at
u = 12 is about -(m/2T)(q0/q)^2 ~ -20 at T/m = 0.01, and cutting there loses ~4e-9 of the M_h
and ~2e-7 of the M_B integrand at mu' = -1, k = 5 MeV (measured against adaptive quadrature in
k'); the exact u leaves exp(-u_max^2).
x = q0/q falls monotonically from 1 (k' = 0) to -1 (k' -> inf), dx/dk' = -k (k + k')(1 - mu')/q^3,
and k' = k r(x) solves (k - k')^2 = x^2 q^2; the two roots are r(x) and r(-x) = 1/r(x),

    r(x) = [1 - x^2 mu' + |x| s]/(1 - x^2) for x <= 0,   (1 - x^2)/[1 - x^2 mu' + x s] for x > 0,
    s = [(1 - mu') (2 - x^2 (1 + mu'))]^(1/2),

each written without cancellation.  The u window is the same for every mu':
[-min(u_max, u_kin), min(u_max, X_CUT u_kin)], u_kin = (m/2T)^(1/2); its low end is k' = 0 once
u_kin < u_max, so k' stays positive by construction, and the high end stops short of the pole
k' -> inf at x = -1.  Beyond the window the Gaussian factor is below exp(-min(u_max^2,
X_CUT^2 m/2T)) <= exp(-45) for T/m <= MAX_T_OVER_M, which sets that limit; at T/m = 0.02 the cut
tail is already ~1e-8 of the M_B integrand at mu' = 0.  Against a composite Gauss-Legendre rule in
k' itself (many panels around the peak, out to k + 600 T) the moments agree to ~1e-14.  Every node
is evaluated in one vectorised call of the rate.

The rate's O(B) coefficients are read off by its exact linearity in Omega.B-hat and Omega'.B-hat:
a1 = [R(L, 0) - R(-L, 0)]/2L with a large L rather than R(1, 0) - R(0, 0), since a1/a0 ~ mu_B B/T
and the plain difference would lose that many digits to cancellation.

The 1/m series.  At fixed k and T the moments are regular series M = M^(0) + M^(1)/m + O(1/m^2)
(the odd powers of eps pair with odd powers of u and integrate to zero).  ``inverse_mass_fit``
evaluates ``first_moment`` at several masses and fits a polynomial in 1/m by least squares; it also
fits with an extra (1/m)^(1/2) term, whose coefficient must come out consistent with zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping, Sequence

import numpy as np
from numpy.polynomial.legendre import leggauss
from scipy.special import expit

from natal.numerics import validation

__all__ = ["MAX_T_OVER_M", "MAX_K_OVER_T", "X_CUT", "DEFAULT_MASS_RATIOS", "InverseMassFit",
           "scaled_collision_weights", "reduced_integrands", "momentum_map", "first_moment",
           "fit_inverse_mass", "inverse_mass_fit"]

#: Largest T/m accepted: beyond it the k' tail cut at x = -X_CUT exceeds exp(-45) (module docstring).
MAX_T_OVER_M = 0.01
#: Largest k/T accepted: exp(|q0|/2T) at the farthest nodes (k' < 39 k) must stay finite.
MAX_K_OVER_T = 30.0
#: The high-k' end of the u window when it reaches the kinematic range: x = q0/q >= -X_CUT.
X_CUT = 0.95
#: Default masses of inverse_mass_fit in units of T: m/T = 400 ... 3200, geometric with ratio 2^(1/2).
DEFAULT_MASS_RATIOS = tuple(400.0 * 2.0 ** (j / 2) for j in range(7))

_LINEAR_PROBE = 2.0**20  # L in a1 = [R(L, 0) - R(-L, 0)]/2L; a power of 2 so that 1/2L is exact
Moments = dict  # {"h": M_h, "B": M_B}


@lru_cache(maxsize=None)
def _rate(antineutrino: bool):
    from natal.codegen import stored

    return stored.build("nuN.rate_nubar" if antineutrino else "nuN.rate_nu")


def _require(name: str, value, condition: bool, allowed: str) -> None:
    if not condition:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")


def _finite(value, name: str) -> bool:
    return bool(np.all(np.isfinite(validation.real_array(name, value))))


def _check_inputs(k, T, m, n, couplings: Mapping[str, float]) -> None:
    """ValueError naming the first input outside its allowed range."""
    for name, value in couplings.items():
        _require(name, value, _finite(value, name), "finite")
    _require("T", T, _finite(T, "T") and T > 0, "finite and > 0 [MeV]")
    _require("n", n, _finite(n, "n") and n > 0, "finite and > 0 [MeV^3]")
    _require("m", m, _finite(m, "m") and m > 0, "finite and > 0 [MeV]")
    _require("m", m, T / m <= MAX_T_OVER_M,
             f">= T/{MAX_T_OVER_M} = {T / MAX_T_OVER_M:.6g} MeV (T/m <= {MAX_T_OVER_M}: the "
             "quadrature's cut tail grows like exp(-0.45 m/T), and the paper's eps expansion needs T << m)")
    k_arr = validation.real_array("k", k)
    _require("k", k, _finite(k_arr, "k") and np.all(k_arr > 0) and np.all(k_arr <= MAX_K_OVER_T * T),
             f"finite and in (0, {MAX_K_OVER_T:g} T] = (0, {MAX_K_OVER_T * T:.6g}] MeV")


def scaled_collision_weights(k, k_p, T: float, mu_nu: float):
    """(C exp(q0/2T), D exp(q0/2T)): C and D of nuN Eqs. 26-27 times a factor that keeps them finite.

    first_moment uses the rate as R exp(-q0/2T), which holds the symmetric Gaussian
    exp(-u^2 - q^2/8mT) of S_0, so the products R C and R D are unchanged while nothing overflows
    where exp(-q0/T) alone would (q0 = k - k' reaches -38 k at the farthest nodes).
    """
    half = (k_p - k) / (2.0 * T)  # -q0/2T
    f0 = expit((mu_nu - k) / T)
    f0_p = expit((mu_nu - k_p) / T)
    up, down = np.exp(half), np.exp(-half)
    return up * (1.0 - f0) + down * f0, -(up * f0_p + down * (1.0 - f0_p))


def reduced_integrands(a0, a1, a2, mu_prime, C, D, g_k, g_kp, h_k, h_kp):
    """Integrands of M_h and M_B per unit dk' dmu' (the angular reduction, module docstring).

    a0, a1, a2: the rate's coefficients of 1, Omega.B-hat and Omega'.B-hat at (k, k', mu');
    C, D: Eqs. 26-27 (any factor moved from the a_i onto C and D cancels);
    g_k, h_k and g_kp, h_kp: g and h at k and at k'.
    """
    i_h = 2.0 * np.pi * a0 * (mu_prime * C * h_kp + D * h_k)
    i_b = (2.0 * np.pi / 3.0) * (a1 + mu_prime * a2) * (C * g_kp + D * g_k)
    return i_h, i_b


def momentum_map(k, u, mu_prime, T: float, m: float):
    """(k', dk'/du) at u = -(m/2T)^(1/2) q0/q: the inverse of the exact Gaussian variable."""
    x = -u * math.sqrt(2.0 * T / m)  # q0/q
    x2 = x * x
    s = np.sqrt((1.0 - mu_prime) * (2.0 - x2 * (1.0 + mu_prime)))
    ratio = np.where(x > 0, (1.0 - x2) / (1.0 - x2 * mu_prime + x * s),
                     (1.0 - x2 * mu_prime - x * s) / (1.0 - x2))
    k_p = k * ratio
    q2 = (k - k_p) ** 2 + 2.0 * k * k_p * (1.0 - mu_prime)  # k^2 + k'^2 - 2 k k' mu', no cancellation
    jacobian = q2 * np.sqrt(q2) / (k * (k + k_p) * (1.0 - mu_prime)) * math.sqrt(2.0 * T / m)
    return k_p, jacobian


def _nodes(n_mu: int, n_u: int, u_max: float, T: float, m: float):
    """Gauss-Legendre nodes and weights in mu' (n_mu,) and in u (n_u,) over the u window."""
    mu, w_mu = leggauss(n_mu)
    u_kin = math.sqrt(m / (2.0 * T))  # u at x = 1, i.e. k' = 0
    lo, hi = -min(u_max, u_kin), min(u_max, X_CUT * u_kin)
    t, w_t = leggauss(n_u)
    return mu, w_mu, lo + 0.5 * (hi - lo) * (t + 1.0), 0.5 * (hi - lo) * w_t


def first_moment(k, *, T: float, m: float, n: float, mu_B: float, B: float, c_V: float,
                 c_A: float, F_2: float, mu_nu: float, g: Callable, h: Callable,
                 antineutrino: bool = False, G_F: float = 1.0, n_mu: int = 64, n_u: int = 128,
                 u_max: float = 12.0) -> Moments:
    """Int dOmega/(4 pi) Omega [df/dt]_sc = h-hat M_h + B-hat M_B (nuN Eq. 31) by quadrature.

    Parameters
    ----------
    k
        Neutrino energy [MeV], scalar or array, 0 < k <= MAX_K_OVER_T T.
    T, m, n
        Temperature [MeV], nucleon mass [MeV] with T/m <= MAX_T_OVER_M, nucleon density [MeV^3].
    mu_B, B
        Magnetic moment and field (only mu_B B [MeV] matters), as the rate evaluator takes them.
    c_V, c_A, F_2, G_F
        Couplings of nuN Eq. 1 and the Fermi constant [MeV^-2] (1 gives the moments in units of G_F^2).
    mu_nu
        Neutrino chemical potential [MeV] of f0.
    g, h
        Callables of the energy, NumPy-vectorised: the monopole g(k) and dipole h(k) of Eq. 28.
    antineutrino
        False for nu, True for nubar (the rate of each).
    n_mu, n_u, u_max
        Gauss-Legendre nodes in mu' and in u, and the half-width of the u window.

    Returns
    -------
    {"h": M_h, "B": M_B}, floats for a scalar k, else arrays of k's shape.
    """
    couplings = {"mu_B": mu_B, "B": B, "c_V": c_V, "c_A": c_A, "F_2": F_2, "G_F": G_F, "mu_nu": mu_nu}
    _check_inputs(k, T, m, n, couplings)
    for name, value in (("n_mu", n_mu), ("n_u", n_u)):
        _require(name, value, isinstance(value, (int, np.integer)) and 8 <= value <= 4096,
                 "an integer in [8, 4096]")
    _require("u_max", u_max, _finite(u_max, "u_max") and 4.0 <= u_max <= 26.0, "in [4, 26]")

    k_arr = validation.real_array("k", k)
    mu, w_mu, u, w_u = _nodes(n_mu, n_u, u_max, T, m)
    kk = k_arr[..., None, None]  # axes (..., mu', u)
    mu_g, u_g = mu[:, None], u[None, :]
    k_p, jacobian = momentum_map(kk, u_g, mu_g, T, m)
    values = {name: (f(kk), f(k_p)) for name, f in (("g", g), ("h", h))}
    for name, (at_k, at_kp) in values.items():
        _require(name, f"{name} with non-finite values", _finite(at_k, name) and _finite(at_kp, name),
                 "a callable with finite values at k and at every k' of the quadrature")

    # One call for all nodes and the five orientations (Omega.B, Omega'.B) = (0, 0), (+-L, 0), (0, +-L).
    L = _LINEAR_PROBE
    probe = np.array([[0.0, 0.0], [L, 0.0], [-L, 0.0], [0.0, L], [0.0, -L]])
    shape = (5,) + (1,) * k_p.ndim
    rate = _rate(bool(antineutrino))(
        kk, k_p, mu_g, probe[:, 0].reshape(shape), probe[:, 1].reshape(shape),
        T, n, m, mu_B, B, c_V, c_A, F_2, G_F)
    rate = rate * np.exp((k_p - kk) / (2.0 * T))  # R exp(-q0/2T): see scaled_collision_weights
    a0 = rate[0]
    a1 = (rate[1] - rate[2]) / (2.0 * L)
    a2 = (rate[3] - rate[4]) / (2.0 * L)

    C, D = scaled_collision_weights(kk, k_p, T, mu_nu)
    i_h, i_b = reduced_integrands(a0, a1, a2, mu_g, C, D, values["g"][0], values["g"][1],
                                  values["h"][0], values["h"][1])
    weights = w_mu[:, None] * (w_u[None, :] * jacobian)
    out = {"h": np.sum(i_h * weights, axis=(-2, -1)), "B": np.sum(i_b * weights, axis=(-2, -1))}
    return {key: float(v) if v.ndim == 0 else v for key, v in out.items()}


def fit_inverse_mass(masses: Sequence[float], values, *, degree: int,
                     half_power: bool = False) -> dict[str, np.ndarray]:
    """Least-squares fit values(m) = sum_{j=0}^{degree} c_j (1/m)^j [+ c_half (1/m)^(1/2)].

    ``values`` has shape (len(masses), ...) (several right-hand sides fit at once).  The fit runs
    in z = m_min/m in (0, 1] so that the columns are of order one; the coefficients are returned in
    powers of 1/m: {"c": (degree + 1, ...) array, "half": c_half (zeros without half_power)}.
    """
    m_arr = validation.real_array("masses", masses)
    y = validation.real_array("values", values)
    _require("masses", masses, m_arr.ndim == 1 and _finite(m_arr, "masses") and np.all(m_arr > 0)
             and len(set(m_arr.tolist())) == m_arr.size, "distinct, finite and > 0")
    _require("values", f"shape {y.shape}", y.ndim >= 1 and y.shape[0] == m_arr.size and _finite(y, "values"),
             f"finite with a first axis of length {m_arr.size}")
    n_terms = degree + 1 + int(half_power)
    _require("degree", degree, isinstance(degree, (int, np.integer)) and 0 <= degree
             and n_terms <= m_arr.size, f"an integer in [0, {m_arr.size - 1 - int(half_power)}]"
             " (no more terms than masses)")
    m_min = float(m_arr.min())
    z = m_min / m_arr
    columns = [z**j for j in range(degree + 1)] + ([np.sqrt(z)] if half_power else [])
    design = np.stack(columns, axis=1)
    rhs = y.reshape(m_arr.size, -1)
    # Column scaling: lstsq is then as well conditioned as the basis allows.
    norms = np.linalg.norm(design, axis=0)
    coeffs = np.linalg.lstsq(design / norms, rhs, rcond=None)[0] / norms[:, None]
    coeffs = coeffs.reshape((n_terms,) + y.shape[1:])
    scale = m_min ** np.arange(degree + 1, dtype=float)  # z^j = m_min^j (1/m)^j
    c = coeffs[: degree + 1] * scale.reshape((-1,) + (1,) * (y.ndim - 1))
    half = coeffs[degree + 1] * math.sqrt(m_min) if half_power else np.zeros(y.shape[1:])
    return {"c": c, "half": half}


@dataclass(frozen=True)
class InverseMassFit:
    """M_h and M_B as series in 1/m at fixed k and T (``inverse_mass_fit``).

    Each dict has keys "h" and "B" (floats for a scalar k, else arrays of k's shape).

    leading, first_order
        M^(0) and M^(1) in M = M^(0) + M^(1)/m + O(1/m^2) (M^(1) in MeV times the unit of M).
    leading_error, first_order_error
        |change| of each coefficient between the fits of degree ``degree`` and ``degree - 1``.
    half_power
        c_half of a fit of the same degree with an extra (1/m)^(1/2) term.
    half_power_share
        |c_half| (1/m_min)^(1/2) / |M(m_min)|: the part of the moment at the lightest mass that the
        half power would carry; a genuine (T/m)^(1/2) term would make it ~0.1, a regular series
        leaves only the fit's truncation error.
    masses, moments, degree
        The masses [MeV], the moments at each ({"h": (len(masses), ...) array, ...}), the degree.
    """

    leading: Moments
    first_order: Moments
    leading_error: Moments
    first_order_error: Moments
    half_power: Moments
    half_power_share: Moments
    masses: tuple[float, ...]
    moments: Mapping[str, np.ndarray]
    degree: int


def inverse_mass_fit(k, *, T: float, n: float, mu_B: float, B: float, c_V: float, c_A: float,
                     F_2: float, mu_nu: float, g: Callable, h: Callable,
                     masses: Sequence[float] | None = None, antineutrino: bool = False,
                     G_F: float = 1.0, degree: int = 5, **quadrature) -> InverseMassFit:
    """The O(1) and O(1/m) coefficients of M_h and M_B from first_moment at several masses.

    ``masses`` [MeV] defaults to T times DEFAULT_MASS_RATIOS (m/T = 400 ... 3200, seven masses),
    fit by a degree-5 polynomial in 1/m.  The series is slow at small m/T (its terms go like
    powers of k^2/(m T) as well as T/m and k/m), so lighter masses cost more in truncation than they
    gain in lever arm: measured against a 17-mass degree-7 fit (m/T = 200 ... 12800), this default
    gives the 1/m coefficients to ~1e-9..2e-8 relative for k/T = 1.7..6.7, while m/T = 100 ... 800
    with degree 4 gives only ~1e-5..2e-4; heavier masses shrink the 1/m term towards the rounding
    of M (~1e-14).  The error estimates (the change from degree - 1) exceed the measured errors by
    10-100.  Every mass must satisfy T/m <= MAX_T_OVER_M.  ``quadrature`` passes n_mu, n_u, u_max
    to first_moment; the other arguments are as there.
    """
    _require("T", T, _finite(T, "T") and T > 0, "finite and > 0 [MeV]")
    m_list = tuple(float(v) for v in np.asarray(
        np.asarray(DEFAULT_MASS_RATIOS) * T if masses is None else masses, dtype=float).reshape(-1))
    _require("degree", degree, isinstance(degree, (int, np.integer)) and degree >= 2,
             "an integer >= 2 (the error estimate refits with degree - 1 >= 1)")
    _require("masses", masses, len(m_list) >= degree + 2 and _finite(m_list, "masses")
             and all(v > 0 and T / v <= MAX_T_OVER_M for v in m_list),
             f"at least degree + 2 = {degree + 2} finite masses, each >= T/{MAX_T_OVER_M} = "
             f"{T / MAX_T_OVER_M:.6g} MeV")
    args = dict(T=T, n=n, mu_B=mu_B, B=B, c_V=c_V, c_A=c_A, F_2=F_2, mu_nu=mu_nu, g=g, h=h,
                antineutrino=antineutrino, G_F=G_F, **quadrature)
    per_mass = [first_moment(k, m=mass, **args) for mass in m_list]
    moments = {key: np.array([pm[key] for pm in per_mass]) for key in ("h", "B")}

    def scalar(v):
        return float(v) if np.ndim(v) == 0 else v

    result = {name: {} for name in ("leading", "first_order", "leading_error", "first_order_error",
                                    "half_power", "half_power_share")}
    lightest = int(np.argmin(m_list))
    for key, values in moments.items():
        fit = fit_inverse_mass(m_list, values, degree=degree)["c"]
        lower = fit_inverse_mass(m_list, values, degree=degree - 1)["c"]
        half = fit_inverse_mass(m_list, values, degree=degree, half_power=True)["half"]
        result["leading"][key] = scalar(fit[0])
        result["first_order"][key] = scalar(fit[1])
        result["leading_error"][key] = scalar(np.abs(fit[0] - lower[0]))
        result["first_order_error"][key] = scalar(np.abs(fit[1] - lower[1]))
        result["half_power"][key] = scalar(half)
        with np.errstate(divide="ignore", invalid="ignore"):  # M = 0 (g = h = 0): the share is nan
            share = np.abs(half) / math.sqrt(m_list[lightest]) / np.abs(values[lightest])
        result["half_power_share"][key] = scalar(share)
    return InverseMassFit(masses=m_list, moments=moments, degree=degree, **result)
