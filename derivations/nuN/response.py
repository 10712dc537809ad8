"""The nuclear response function S_ss'(q0, q) and its momentum moment (nuN Eqs. 12-15, 18, A2-A13).

Nucleons are non-relativistic with energy E = p^2/2m - mu_B B s (spin s = +-1 along B) and
Fermi-Dirac occupation f(E) = 1/(exp((E - mu_N)/T) + 1) (Eq. 8).  Every step is done on the
symbols: the energy delta function is resolved on the angle between p and q (or p' and q), the
surviving momentum integral is changed to an energy integral, that integral is done in closed form,
and the closed forms are expanded in B and in the nondegeneracy exp(mu_N/T).

Finding (checked in natal.papers.nuN.checks): E'_min - q0 = E_min exactly, so S~_ss' = S_ss' for *any*
degeneracy, and Eq. A13 is exact; the paper shows it only for nondegenerate nucleons.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from natal.derivations import series
from natal.derivations.nuN.symbols import (
    B, T, eps, k, m, mu_B, mu_N, mu_prime, n, q, q0, s, s_p, u, x_min, xp_min, z,
)
from natal.derivations.result import Derivation

__all__ = [
    "PREMISES", "angle_root", "response_prefactor", "minimum_energy", "energy_shift",
    "fermi_integral", "response_forms", "momentum_moment",
    "nondegenerate_chemical_potential", "nondegenerate_fermi_integral", "nondegenerate_response", "eps_series",
]

_pi = sp.pi
_P_MAG = sp.Symbol("p_mag", positive=True)  # |p| (route "p") or |p'| (route "pp"), integrated over
_MU_COS = sp.Symbol("mu_cos", real=True)  # the cosine between that momentum and q

# Units (natural, MeV) of the arguments, for the results' documentation.
_UNITS = {"q0": "MeV", "q": "MeV", "T": "MeV", "m": "MeV", "mu_N": "MeV", "mu_B": "MeV/G", "B": "G", "p_mag": "MeV"}


def _units(inputs: tuple[sp.Symbol, ...], outputs: dict[str, str]) -> dict[str, str]:
    return {**{x.name: _UNITS[x.name] for x in inputs if x.name in _UNITS}, **outputs}

_NONRELATIVISTIC = "nonrelativistic nucleon energy E = p^2/2m - mu_B B s"
_NONDEGENERATE = "nondegenerate nucleons: leading order in exp(mu_N/T)"
_DENSITY = "nucleon density n = 2 Int d^3p/(2 pi)^3 f_N (both spins)"

#: What each result is derived from (natal.verify refuses a verdict on an equation among the premises
#: of its own derivation).  Route "p" starts from Eq. 12, route "pp" from the p' term of Eq. A1,
#: whose energy integral defines S~ (Eqs. A6-A7); both need Eq. 8's occupation numbers.
PREMISES: dict[str, tuple[str, ...]] = {
    "response.p": ("nuN:eq8", "nuN:eq12", _NONRELATIVISTIC),
    "response.pp": ("nuN:eq8", "nuN:eqA1", _NONRELATIVISTIC),
    "momentum_moment": ("nuN:eq8", "nuN:eqA1", _NONRELATIVISTIC),
    "nondegenerate_response": ("nuN:eq8", "nuN:eq12", _NONRELATIVISTIC, _NONDEGENERATE, _DENSITY),
    "eps_series": ("nuN:eq8", "nuN:eq12", "nuN:eq17", _NONRELATIVISTIC, _NONDEGENERATE, _DENSITY),
}


def _route_premises(route: str) -> tuple[str, ...]:
    if route not in ("p", "pp"):
        raise ValueError(f"route must be 'p' or 'pp', got {route!r}")
    return PREMISES[f"response.{route}"]


@lru_cache(maxsize=None)
def angle_root(route: str = "p") -> Derivation:
    """Resolve delta(q0 + E - E') on the cosine mu (Eqs. A2-A3, A5, A8), for the route over p
    (``"p"``) or over p' (``"pp"``).

    Route ``"p"``: integrate d^3p' against delta^3(p + q - p'), so E' = (p^2 + q^2 + 2 p q mu)/2m
    - mu_B B s'.  Route ``"pp"``: integrate d^3p, so p = p' - q and E = (p'^2 + q^2 - 2 p' q mu)/2m
    - mu_B B s.  Outputs: ``cosine_times_p``, p mu at the root (mu the cosine between the integration
    momentum, of magnitude ``p_mag``, and q); ``jacobian``, |d(argument)/d mu|; ``p_min_sq``, the bound
    from mu^2 <= 1 (Eq. A3); ``E_min``, the corresponding energy of the integrated nucleon (Eqs. A5, A8).
    """
    p, mu = _P_MAG, _MU_COS
    if route == "p":
        e_in = p**2 / (2 * m) - mu_B * B * s
        e_out = (p**2 + q**2 + 2 * p * q * mu) / (2 * m) - mu_B * B * s_p
        own_energy = e_in
    elif route == "pp":
        e_out = p**2 / (2 * m) - mu_B * B * s_p
        e_in = (p**2 + q**2 - 2 * p * q * mu) / (2 * m) - mu_B * B * s
        own_energy = e_out
    else:
        raise ValueError(f"route must be 'p' or 'pp', got {route!r}")
    argument = q0 + e_in - e_out
    (root,) = sp.solve(argument, mu)
    jac = sp.Abs(sp.diff(argument, mu))
    pmu = sp.expand(root * p)
    # mu^2 <= 1  <=>  p^2 >= (p mu_root)^2, and p mu_root does not depend on p.
    if p in pmu.free_symbols:
        raise ArithmeticError("p mu at the root still depends on p")
    p_min_sq = pmu**2
    e_min = own_energy.subs(p, sp.sqrt(p_min_sq))
    inputs = (q0, q, m, mu_B, B, s, s_p, p)
    return Derivation(
        name=f"nuN.angle_root_{route}", ref="nuN Eqs. A2-A3, " + ("A5" if route == "p" else "A8"), inputs=inputs,
        outputs=(("cosine_times_p", pmu), ("jacobian", sp.simplify(jac)), ("p_min_sq", p_min_sq),
                 ("E_min", sp.expand(e_min))),
        units=_units(inputs, {"cosine_times_p": "MeV", "jacobian": "MeV", "p_min_sq": "MeV^2", "E_min": "MeV"}),
        description="where the energy delta function fires on the cosine between the integrated momentum and q",
        premises=_route_premises(route))


def response_prefactor(route: str = "p") -> sp.Expr:
    """The factor C in S = C Int dE f f-bar (Eq. A7's m^2/(2 pi q) for either route).

    d^3p (2pi)^4 delta^4/(2pi)^6 -> (2 pi)^{-2} 2 pi p^2 dp dmu delta; the mu integral gives
    1/jacobian = m/(p q), and p dp = m dE.
    """
    p = _P_MAG
    root = angle_root(route)
    measure = (2 * _pi) ** 4 / (2 * _pi) ** 6 * 2 * _pi * p**2 / root["jacobian"]
    dp_dE = m / p
    return sp.simplify(measure * dp_dE)


def minimum_energy(route: str = "p") -> sp.Expr:
    """E_min (route "p", Eq. A5) or E'_min (route "pp", Eq. A8)."""
    return angle_root(route)["E_min"]


@lru_cache(maxsize=None)
def energy_shift(route: str = "p") -> sp.Expr:
    """z: how far apart the two Fermi factors of the energy integral sit in units of T.

    The delta function of Eq. 12 fixes E' = E + q0.  In the dimensionless variable of the surviving
    integral -- x = (E - mu_N)/T over the initial nucleon (route "p"), x' = (E' - mu_N)/T over the
    final one (route "pp") -- the occupation numbers f_N(E) and f_N(E') of Eq. 8 become f(x) and
    f(x + z), or f(x' - z) and f(x'); z is read off as the difference of their arguments, and must
    not depend on the integration variable (else the integral would not be the Fermi integral).
    """
    e_in, e_out, xv = sp.symbols("E_in E_out x_var", real=True)
    (e_out_root,) = sp.solve(q0 + e_in - e_out, e_out)
    if route == "p":
        on_shell = {e_in: mu_N + T * xv, e_out: e_out_root.subs(e_in, mu_N + T * xv)}
    else:
        (e_in_root,) = sp.solve(q0 + e_in - e_out, e_in)
        on_shell = {e_out: mu_N + T * xv, e_in: e_in_root.subs(e_out, mu_N + T * xv)}
    arguments = {e: sp.expand(((e - mu_N) / T).subs(on_shell)) for e in (e_in, e_out)}
    shift = sp.simplify(arguments[e_out] - arguments[e_in])
    if shift.has(xv):
        raise ArithmeticError(f"the Fermi factors are not shifted copies: z = {shift}")
    return shift


@lru_cache(maxsize=None)
def fermi_integral() -> sp.Expr:
    """I(x_min, z) = Int_{x_min}^inf dx f(x) [1 - f(x + z)], f(x) = 1/(e^x + 1), in closed form.

    With w = e^{-x} the integrand becomes the rational function 1/((1 + w)(1 + w e^{-z})) in w.
    """
    w, a, w0 = sp.symbols("w a w0", positive=True)
    rational = sp.apart(1 / ((1 + w) * (1 + a * w)), w)
    antiderivative = sp.integrate(rational, w)
    result = (antiderivative.subs(w, w0) - antiderivative.subs(w, 0))
    return sp.simplify(result.subs({a: sp.exp(-z), w0: sp.exp(-x_min)}))


@lru_cache(maxsize=None)
def response_forms(route: str = "p") -> Derivation:
    """Closed form of Eq. 12 (route "p") or of S~ of Eq. A7 (route "pp"), and its O(B) expansion
    (Eqs. 13-15, or A9-A11 for route "pp").

    Route "pp" integrates over E' with f(E' - q0)[1 - f(E')], i.e. the same Fermi integral with
    its lower limit at x'_min - z (substituting x = x' - z).  Outputs: ``exact``, S_ss'(q0, q) for any
    B, written in the symbols ``x_min`` (``xp_min`` for route "pp") and ``z`` as Eqs. 13 and A9 are;
    ``x_min``, (E_min - mu_N)/T (E'_min for route "pp"); ``z``, the shift between the Fermi factors
    (:func:`energy_shift`); ``x0``, x_min at B = 0; ``dx``, the O(B) part of x_min; ``S0``, the B = 0
    closed form (Eq. 13); ``dS``, the O(B) correction (Eq. 14).
    """
    C = response_prefactor(route)
    e_min = minimum_energy(route)
    xm = sp.expand((e_min - mu_N) / T)
    lower = x_min if route == "p" else xp_min - z
    I = fermi_integral().subs(x_min, lower)
    exact = C * T * I  # dE = T dx
    shift = energy_shift(route)
    eps_B = sp.Symbol("eps_B")
    xm_B = xm.subs(B, eps_B * B)
    x0 = sp.expand(xm_B.subs(eps_B, 0))
    dx = sp.factor(sp.diff(xm_B, eps_B).subs(eps_B, 0))
    own = x_min if route == "p" else xp_min
    S0 = exact.subs(own, x0)
    dS = sp.diff(exact, own).subs(own, x0) * dx
    inputs = (q0, q, T, m, mu_N, mu_B, B, s, s_p, own, z)
    return Derivation(
        name=f"nuN.response_forms_{route}", ref="nuN Eqs. 12-15" if route == "p" else "nuN Eqs. A7, A9-A11",
        inputs=inputs,
        outputs=(("exact", exact), ("x_min", xm), ("z", shift), ("x0", x0), ("dx", dx), ("S0", S0.subs(z, shift)),
                 ("dS", dS.subs(z, shift))),
        units=_units(inputs, {"exact": "MeV^2", "S0": "MeV^2", "dS": "MeV^2"}),
        description="the response function in closed form and linearised in B" if route == "p"
        else "S~ in closed form and linearised in B",
        premises=_route_premises(route))


@lru_cache(maxsize=None)
def momentum_moment() -> Derivation:
    """The vector moments of Eq. A1: Int ... f (1 - f') p and ... p' (Eqs. A4, A6), and their sum
    (Eq. A13) with S~ = S.

    Outputs: ``p_integral_coeff`` and ``pp_integral_coeff``, the coefficients of the q-vector times
    Int dE f fbar; ``p_result_coeff`` and ``pp_result_coeff``, those of the q-vector times S or S~;
    ``P_result_coeff``, the sum's, for P = p + p'.

    By azimuthal symmetry about q the moment of p is q-hat times the moment of p mu; p mu is fixed
    at the root of the delta function (``angle_root``'s ``cosine_times_p``), so it leaves the energy integral.
    For p' = p + q, route "pp" gives p' mu' = p' . q-hat at its own root.
    """
    out = []
    for route in ("p", "pp"):
        root = angle_root(route)
        C = response_prefactor(route)
        integral_coeff = sp.simplify(C * root["cosine_times_p"] / q)  # per unit q-vector
        result_coeff = sp.simplify(integral_coeff / C)
        out += [integral_coeff, result_coeff]
    total = sp.factor(out[1] + out[3])  # S~ = S (exact: see module docstring)
    names = ("p_integral_coeff", "p_result_coeff", "pp_integral_coeff", "pp_result_coeff")
    inputs = (q0, q, m, mu_B, B, s, s_p)
    return Derivation(
        name="nuN.momentum_moment", ref="nuN Eqs. A4, A6, A13", inputs=inputs,
        outputs=(*zip(names, out), ("P_result_coeff", total)),
        units=_units(inputs, {}),
        description="the momentum moments of Eq. A1 per unit q-vector",
        premises=PREMISES["momentum_moment"])


# --- Nondegenerate nucleons and the eps-expansion (Eqs. 17-18) -----------------------------------

def nondegenerate_chemical_potential() -> sp.Expr:
    """exp(mu_N/T) from n = 2 Int d^3p/(2pi)^3 exp(-(p^2/2m - mu_N)/T) (both spins, B = 0)."""
    p = sp.Symbol("p_mag", positive=True)
    density_over_fugacity = 2 * sp.integrate(4 * _pi * p**2 * sp.exp(-p**2 / (2 * m * T)), (p, 0, sp.oo)) / (2 * _pi) ** 3
    return sp.simplify(n / density_over_fugacity)


@lru_cache(maxsize=None)
def nondegenerate_fermi_integral() -> sp.Expr:
    """The leading term of the Fermi integral I(x_min, z) in e^{-x_min}, in x_min and z.

    x_min = (E_min - mu_N)/T, so its order in e^{-x_min} is the order in the fugacity exp(mu_N/T):
    for nondegenerate nucleons (mu_N/T << -1) the leading term is the whole response.  The series is
    taken of the bare closed-form integral, w = e^{-x_min}, and must start at first order.
    """
    w = sp.Symbol("w_fugacity", positive=True)
    expansion = sp.series(fermi_integral().subs(x_min, -sp.log(w)), w, 0, 2).removeO()
    if sp.simplify(expansion.coeff(w, 0)) != 0:
        raise ArithmeticError("the Fermi integral does not vanish with the fugacity")
    return sp.simplify(expansion.coeff(w, 1)) * sp.exp(-x_min)


def nondegenerate_response() -> sp.Expr:
    """S_0 for nondegenerate nucleons: the leading term of Eq. 13 in exp(mu_N/T), with the fugacity
    from the density (the middle form of Eq. 18)."""
    forms = response_forms("p")
    leading = response_prefactor("p") * T * nondegenerate_fermi_integral()
    leading = leading.subs(x_min, forms["x0"]).subs(z, forms["z"])
    return sp.simplify(sp.expand_power_exp(leading.subs(mu_N, T * sp.log(nondegenerate_chemical_potential()))))


@lru_cache(maxsize=None)
def eps_series(order: int = 4) -> tuple[sp.Expr, sp.Expr]:
    """(prefactor, bracket) with S_0 = prefactor * bracket, prefactor = pi^(1/2) n e^{-u^2}/(eps k)
    and bracket = 1 + sum_{j=1}^{order} c_j eps^j (Eq. 18 carried to O(eps^order)).

    Substitutions (Eq. 17): k' = k(1 + eps u), q0 = k - k' = -eps u k,
    q^2 = k^2 + k'^2 - 2 k k' mu', m = 4 (1 - mu') T / eps^2.  The coefficients c_j are functions of u,
    k/T and mu'.
    """
    S0 = nondegenerate_response()
    kp = k * (1 + eps * u)
    subs = {q0: k - kp, q: sp.sqrt(k**2 + kp**2 - 2 * k * kp * mu_prime), m: 4 * (1 - mu_prime) * T / eps**2}
    prefactor = sp.sqrt(_pi) * n * sp.exp(-u**2) / (eps * k)
    # S_0 = sqrt(a2) exp(phi) with a2 and phi rational in eps: expand each (a direct series of the
    # whole is slow), cancelling every coefficient as it comes.
    (exp_factor,) = [f for f in sp.Mul.make_args(S0) if isinstance(f, sp.exp)]
    phi = sp.cancel(exp_factor.args[0].subs(subs, simultaneous=True) + u**2)
    a2 = sp.cancel(sp.expand(((S0 / exp_factor) ** 2).subs(subs, simultaneous=True)
                             / (prefactor * sp.exp(u**2)) ** 2))

    def taylor(expr: sp.Expr) -> list[sp.Expr]:
        num, den = sp.fraction(expr)
        return series.divide(series.coefficients(num, eps, order), series.coefficients(den, eps, order))

    dphi, alg2 = taylor(phi), taylor(a2)
    if dphi[0] != 0 or alg2[0] != 1:
        raise ArithmeticError("S_0 does not tend to pi^(1/2) n e^{-u^2}/(eps k) as eps -> 0")
    bracket = series.multiply(series.exp_of(dphi), series.sqrt_one_plus([0] + alg2[1:]))
    return prefactor, series.to_expr(bracket, eps)
