"""Nuclear response function S_ss'(q0, q) of the `nuN` paper (Eqs. 12-15, 18 and Appendix A), exact in B.

Natural units (hbar = c = k_B = 1), energies and momenta in MeV.  A nucleon of mass m, momentum p and
spin s = +-1 along B has energy E = p^2/(2m) - muB_B s (muB_B = mu_B B, either sign) and occupation
f(E) = 1/(exp((E - mu_N)/T) + 1), mu_N without the rest mass.  With q0 = E' - E the energy and
q = |p' - p| > 0 the momentum given to the nucleon, s' its final spin, Eq. 12 is

    S_ss'(q0, q) = int d^3p/(2pi)^3 d^3p'/(2pi)^3 (2pi)^4 delta^4(p + k - p' - k') f(E) [1 - f(E')]   [MeV^2].

After d^3p' the delta function reads delta(p q mu/m - X), mu = p.q/(p q) and

    X = q0 - q^2/(2m) - muB_B (s - s').

Two reductions of the remaining d^3p = 2 pi p^2 dp dmu (both checked in tests/numerics/test_response.py):

* energy route (delta in mu, paper Eqs. A3-A4): |mu| <= 1 needs p >= p_min = m |X| / q, and
  S = m/(2 pi q) int_{p_min}^inf dp p f(E) [1 - f(E + q0)] = m^2 T/(2 pi q) int_{x_min}^inf dx F(x),
  with x = (E - mu_N)/T, x_min = (E_min - mu_N)/T, E_min = -muB_B s + p_min^2/(2m),
  F(x) = f(x) [1 - f(x + z)], z = q0/T.  (The printed Eq. A5 has q0 + q^2/2m where Eq. A3 has
  q0 - q^2/2m; the latter is right, and Eq. 15's x0 agrees with it.)
* angle route (delta in p): at each mu with the sign of X, p* = m X/(q mu), |d(E' - E)/dp| = q |mu|/m,
  S = 1/(2 pi) int dmu p*^2 m/(q |mu|) F(x(p*)), over mu in (0, 1] for X > 0 and [-1, 0) for X < 0.

Closed form (Eqs. 13-15 without the expansion in muB_B/T), from f(x)[1 - f(x + z)] =
[f(x) - f(x + z)]/(1 - e^-z):

    S = m^2 T/(2 pi q) I(x_min, z),   I(a, z) = ln[(1 + e^-a)/(1 + e^-a-z)] / (1 - e^-z).

Writing v = (e^-z - 1) f(a), I = ln(1 + v)/(e^-z - 1) = f(a) ln(1 + v)/v: the z -> 0 limit is f(a) =
1/(e^a + 1), with I = f(a) [1 + z f(a)/2 + O(z^2)].  Substituting x -> x - z in the integral gives
I(a, z) = e^z I(a + z, -z); as x_min + z is x_min of the reversed process (q0 -> -q0, s <-> s'),
this is the exact detailed balance S_s's(-q0, q) = e^(-q0/T) S_ss'(q0, q) at any B (q0 includes the
change of magnetic energy).  The same substitution (E' = E + q0 as variable) shows that the paper's
S~ of Eqs. A6-A9 equals S_ss' exactly, not only for nondegenerate nucleons.

Momentum moment (Eq. A1): P = int ... f (1 - f') (p + p') is parallel to q; its component along q is
P_par = int (2 p mu + q) ... [MeV^3], and since p mu = m X/q on the delta shell,
P_par = (2m/q) (q0 - muB_B (s - s')) S_ss' exactly: Eq. A13 at any degeneracy.

Nondegenerate limit (Eq. 18, middle form, B = 0): with exp(mu_N/T) = n (2 pi^3/(m^3 T^3))^(1/2),
n the nucleon number density of both spins [MeV^3],
S0 = m^2 T/(2 pi q) n (2 pi^3/(m^3 T^3))^(1/2) exp[-(q0 - q^2/2m)^2 / (4 T q^2/2m)].
"""

from __future__ import annotations

import math

import numpy as np
from scipy.integrate import quad

from natal.numerics import validation

__all__ = [
    "response_quadrature",
    "momentum_moment_quadrature",
    "response_closed_form",
    "response_nondegenerate",
    "chemical_potential_nondegenerate",
]

_TAIL = 60.0  # F(x) ~ e^-|x - edge| beyond the Fermi edges x = 0, -z: e^-60 ~ 1e-26 of the integral is cut
_RTOL_MIN = 50 * np.finfo(float).eps  # QUADPACK's floor on epsrel when epsabs = 0
_QUAD_LIMIT = 200  # subintervals per quad call
_ROUTES = ("energy", "angle")
_WHAT_T = "a finite temperature > 0 MeV"
_WHAT_M = "a finite nucleon mass > 0 MeV"
_WHAT_N = "a finite number density > 0 MeV^3"


# --- validation ------------------------------------------------------------------------------------

def _checked(name: str, value, what: str, positive: bool) -> np.ndarray:
    """value as a float array, or ValueError naming it and its allowed range."""
    arr = validation.real_array(name, value)
    bad = ~np.isfinite(arr)
    if positive:
        bad |= ~(arr > 0)
    if np.any(bad):
        raise ValueError(f"{name} must be {what}, got {arr[bad].ravel()[0]:g}")
    return arr


def _scalar(name: str, value, what: str, positive: bool) -> float:
    """A checked scalar physics parameter as a float, or ValueError."""
    arr = _checked(name, value, what, positive)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar ({what}), got shape {arr.shape}")
    return float(arr)


def _spin(name: str, value) -> int:
    """value as +1 or -1, or ValueError."""
    if isinstance(value, bool) or value not in (1, -1):
        raise ValueError(f"{name} must be +1 or -1 (spin along B), got {value!r}")
    return int(value)


def _validated(q0, q, T, mu_N, m, muB_B, s, s_p):
    """Broadcast (q0, q) and the checked scalars (T, mu_N, m, muB_B, s, s_p) as floats and ints."""
    q0 = _checked("q0", q0, "a finite energy transfer in MeV (any sign)", positive=False)
    q = _checked("q", q, "a finite momentum transfer > 0 MeV", positive=True)
    T = _scalar("T", T, _WHAT_T, positive=True)
    mu_N = _scalar("mu_N", mu_N, "a finite chemical potential in MeV (any sign)", positive=False)
    m = _scalar("m", m, _WHAT_M, positive=True)
    muB_B = _scalar("muB_B", muB_B, "a finite magnetic energy mu_B B in MeV (any sign)", positive=False)
    q0, q = np.broadcast_arrays(q0, q)
    return q0, q, T, mu_N, m, muB_B, _spin("s", s), _spin("s_p", s_p)


def _rtol(rtol) -> float:
    """rtol as a float in [_RTOL_MIN, 1), or ValueError."""
    what = f"a finite relative tolerance in [{_RTOL_MIN:.3g}, 1)"
    rtol = _scalar("rtol", rtol, what, positive=True)
    if not _RTOL_MIN <= rtol < 1.0:
        raise ValueError(f"rtol must be {what}, got {rtol:g}")
    return rtol


def _as_result(arr: np.ndarray) -> np.ndarray | float:
    """A float for 0-d results, else the array."""
    return float(arr) if arr.ndim == 0 else arr


# --- kinematics ------------------------------------------------------------------------------------

def _shell_offset(q0, q, m, muB_B, s, s_p):
    """X = q0 - q^2/2m - muB_B (s - s'): the delta shell is p q mu / m = X (module docstring)."""
    return q0 - q**2 / (2 * m) - muB_B * (s - s_p)


def _x_min(q0, q, T, mu_N, m, muB_B, s, s_p):
    """x_min = (E_min - mu_N)/T, E_min = -muB_B s + p_min^2/2m, p_min = m |X| / q (Eqs. A3, 15; A5 corrected)."""
    p_min = m * np.abs(_shell_offset(q0, q, m, muB_B, s, s_p)) / q
    return (p_min**2 / (2 * m) - muB_B * s - mu_N) / T


def _prefactor(q, T, m):
    """m^2 T / (2 pi q) [MeV^2]."""
    return m**2 * T / (2 * math.pi * q)


# --- closed form -----------------------------------------------------------------------------------

def _log1p_ratio(v: np.ndarray) -> np.ndarray:
    """ln(1 + v)/v, equal to 1 at v = 0 (no cancellation: log1p is accurate to an ulp)."""
    safe = np.where(v == 0.0, 1.0, v)
    return np.where(v == 0.0, 1.0, np.log1p(safe) / safe)


def _pauli_integral(a: np.ndarray, z: np.ndarray) -> np.ndarray:
    """I(a, z) = int_a^inf f(x) [1 - f(x + z)] dx = f(a) ln(1 + v)/v, v = (e^-z - 1) f(a).

    z < 0 goes through I(a, z) = e^z I(a + z, -z): I(b, w) is then needed only at w = |z| >= 0, where
    v = expm1(-w) f(b) lies in (-1, 0] and nothing overflows.  Where v <= -1/2 (w >= ln 2), ln(1 + v)
    is taken as ln[f(-b) + f(b) e^-w] in logarithms, free of the cancellation in 1 + v.
    """
    b = np.where(z < 0, a + z, a)
    w = np.abs(z)
    ln_f = -np.logaddexp(0.0, b)
    em = np.expm1(-w)
    v = em * np.exp(ln_f)
    out = np.empty_like(v)
    near, far = v > -0.5, v <= -0.5
    out[near] = np.exp(ln_f[near]) * _log1p_ratio(v[near])
    out[far] = np.logaddexp(-np.logaddexp(0.0, -b[far]), ln_f[far] - w[far]) / em[far]
    return np.where(z < 0, np.exp(-w) * out, out)


def response_closed_form(q0, q, *, T, mu_N, m, muB_B=0.0, s=1, s_p=1) -> np.ndarray | float:
    """S_ss'(q0, q) [MeV^2] in closed form: Eqs. 13-15 exact in muB_B (module docstring).

    q0 [MeV] and q [MeV] broadcast; T, mu_N, m, muB_B in MeV; s, s_p = +-1 the initial and final
    nucleon spins along B.  Relative accuracy ~2e-16 (1 + |x_min| + |z|) (against mpmath for
    |x_min|, |z| up to 1000, z down to 1e-300), the growth with |x_min| being the conditioning of e^-x_min.
    """
    q0, q, T, mu_N, m, muB_B, s, s_p = _validated(q0, q, T, mu_N, m, muB_B, s, s_p)
    a = np.atleast_1d(_x_min(q0, q, T, mu_N, m, muB_B, s, s_p))
    z = np.atleast_1d(q0 / T)
    return _as_result(_prefactor(q, T, m) * _pauli_integral(a, z).reshape(q.shape))


def chemical_potential_nondegenerate(n, *, T, m) -> np.ndarray | float:
    """mu_N [MeV] of nondegenerate nucleons: exp(mu_N/T) = n (2 pi^3/(m^3 T^3))^(1/2) (Eq. A12).

    n [MeV^3] is the number density of both spin states; T, m in MeV.
    """
    n = _checked("n", n, _WHAT_N, positive=True)
    T = _scalar("T", T, _WHAT_T, positive=True)
    m = _scalar("m", m, _WHAT_M, positive=True)
    return _as_result(T * np.log(n * math.sqrt(2 * math.pi**3 / (m * T) ** 3)))


def response_nondegenerate(q0, q, *, T, n, m) -> np.ndarray | float:
    """S0(q0, q) [MeV^2] of nondegenerate nucleons at B = 0: Eq. 18, middle form.

    S0 = m^2 T/(2 pi q) n (2 pi^3/(m^3 T^3))^(1/2) exp[-(q0 - q^2/2m)^2 / (4 T q^2/2m)], n [MeV^3] the
    number density of both spins; q0, q [MeV] broadcast.
    """
    n = _scalar("n", n, _WHAT_N, positive=True)
    q0, q, T, _, m, _, _, _ = _validated(q0, q, T, 0.0, m, 0.0, 1, 1)
    fugacity = n * math.sqrt(2 * math.pi**3 / (m * T) ** 3)
    recoil = q**2 / (2 * m)
    return _as_result(_prefactor(q, T, m) * fugacity * np.exp(-(q0 - recoil) ** 2 / (4 * T * recoil)))


# --- quadrature ------------------------------------------------------------------------------------

def _softplus(x: float) -> float:
    """ln(1 + e^x) without overflow."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _blocked_occupation(x: float, z: float) -> float:
    """F(x) = f(x) [1 - f(x + z)] = 1/((e^x + 1)(1 + e^-(x+z)))."""
    return math.exp(-_softplus(x) - _softplus(-x - z))


def _x_breaks(x_min: float, z: float) -> list[float]:
    """Sorted x nodes from x_min (or _TAIL below the lower Fermi edge) to _TAIL above the upper one.

    F has its edges at x = 0 (f) and x = -z (1 - f'), is flat (1 or e^z) between them and falls like
    e^-|x - edge| outside, so the ends cut ~e^-_TAIL of the integral.
    """
    lo_edge, hi_edge = min(0.0, -z), max(0.0, -z)
    lo, hi = max(x_min, lo_edge - _TAIL), max(x_min, hi_edge) + _TAIL
    return [lo, *sorted({e for e in (lo_edge, hi_edge) if lo < e < hi}), hi]


def _integrate(func, nodes, rtol: float) -> float:
    """Sum of quad over consecutive nodes, epsabs = 0; ArithmeticError if quad does not converge."""
    total = 0.0
    for lo, hi in zip(nodes[:-1], nodes[1:]):
        result = quad(func, lo, hi, epsabs=0.0, epsrel=rtol, limit=_QUAD_LIMIT, full_output=1)
        if len(result) > 3:  # quad appends a message only when ier != 0
            raise ArithmeticError(f"quad did not converge on [{lo:g}, {hi:g}]: {result[3]}")
        total += result[0]
    return total


def _energy_route(x_min: float, z: float, rtol: float) -> float:
    """int_{x_min}^inf F(x) dx, i.e. S / (m^2 T/(2 pi q)) by the energy route."""
    return _integrate(lambda x: _blocked_occupation(x, z), _x_breaks(x_min, z), rtol)


def _angle_route(X: float, x_min: float, z: float, q: float, T: float, m: float, rtol: float) -> float:
    """S by the angle route: 1/(2 pi) int dmu p*^2 m/(q |mu|) F(x(p*)) over mu of the sign of X != 0.

    p* = m X/(q mu); with t = |mu| in (0, 1], p* = P/t, P = p_min = m |X|/q, and
    x(p*) = x_min + (p*^2 - P^2)/(2 m T).  At small |X| the integrand grows like t^-3 down to
    t ~ P/(2 m T)^(1/2), so quad runs over u = ln t (dmu/|mu| = du), from the nodes of _x_breaks
    mapped to t = P/(P^2 + 2 m T (x - x_min))^(1/2).
    """
    P = m * abs(X) / q

    def integrand(u: float) -> float:
        p_star = P * math.exp(-u)
        x = x_min + (p_star - P) * (p_star + P) / (2 * m * T)
        return p_star**2 * m / q * _blocked_occupation(x, z)

    nodes = [math.log(P / math.sqrt(P**2 + 2 * m * T * (x - x_min))) for x in reversed(_x_breaks(x_min, z))]
    return _integrate(integrand, nodes, rtol) / (2 * math.pi)


def _quadrature(q0, q, T, mu_N, m, muB_B, s, s_p, route, rtol, moment) -> np.ndarray | float:
    """S (moment=False) or P_par (moment=True) by quad at each broadcast (q0, q); arguments validated."""
    out = np.empty(q0.shape)
    for idx in np.ndindex(q0.shape):
        q0_, q_ = float(q0[idx]), float(q[idx])
        X = _shell_offset(q0_, q_, m, muB_B, s, s_p)
        x_min = float(_x_min(q0_, q_, T, mu_N, m, muB_B, s, s_p))
        if route == "angle" and X != 0.0:
            S = _angle_route(X, x_min, q0_ / T, q_, T, m, rtol)
        else:
            S = _prefactor(q_, T, m) * _energy_route(x_min, q0_ / T, rtol)
        out[idx] = (q_ + 2 * m * X / q_) * S if moment else S
    return _as_result(out)


def response_quadrature(q0, q, *, T, mu_N, m, muB_B=0.0, s=1, s_p=1, route="energy",
                        rtol=1e-12) -> np.ndarray | float:
    """S_ss'(q0, q) [MeV^2] of Eq. 12 by scipy.integrate.quad, one call per point (module docstring).

    route="energy": m^2 T/(2 pi q) int_{x_min}^inf F(x) dx (Eqs. A3-A5); route="angle": the delta
    function resolved in |p| at each cosine mu, integrated over mu.  At X = 0 the angle route's shell
    collapses onto mu = 0, so that route returns its X -> 0 limit, which is the energy route.  The
    range is split at the Fermi edges x = 0 and x = -q0/T and cut e^-60 beyond them, with epsabs = 0
    and epsrel = rtol on each piece; ArithmeticError if quad reports non-convergence.  Other
    arguments as response_closed_form.
    """
    q0, q, T, mu_N, m, muB_B, s, s_p = _validated(q0, q, T, mu_N, m, muB_B, s, s_p)
    if route not in _ROUTES:
        raise ValueError(f"route must be 'energy' or 'angle', got {route!r}")
    return _quadrature(q0, q, T, mu_N, m, muB_B, s, s_p, route, _rtol(rtol), moment=False)


def momentum_moment_quadrature(q0, q, *, T, mu_N, m, muB_B=0.0, s=1, s_p=1,
                               rtol=1e-12) -> np.ndarray | float:
    """P_par = qhat . int ... f (1 - f') (p + p') [MeV^3] of Eq. A1 by the angle route (quad per point).

    The angle route's integrand is that of S times p.qhat + p'.qhat = 2 p* mu + q, and p* mu = m X/q
    at every mu of the shell, so P_par = (q + 2 m X/q) S_angle.  Its agreement with
    (2m/q)(q0 - muB_B (s - s')) S_ss' (closed form), Eq. A13 at any degeneracy, therefore rests on the
    angle-route quadrature of S.  At q0 = muB_B (s - s') P_par vanishes; there the result is zero to
    rounding (~1e-16 q S).  Arguments as response_quadrature (route fixed to "angle").
    """
    q0, q, T, mu_N, m, muB_B, s, s_p = _validated(q0, q, T, mu_N, m, muB_B, s, s_p)
    return _quadrature(q0, q, T, mu_N, m, muB_B, s, s_p, "angle", _rtol(rtol), moment=True)
