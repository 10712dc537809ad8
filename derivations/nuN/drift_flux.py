"""Collision moments and the diffusion drift flux of nuN Sec. IV (Eqs. 24-45).

Route, every step on the symbols:

1. **Linearised collision term (Eqs. 25-27).**  The scattering term is
   Int dk' dOmega' [W_in f'(1 - f) - W_out f(1 - f')], W_out = dGamma/dk'dOmega' (natal's own rate,
   derivations.nuN.cross_section) and W_in = exp(-q0/T) W_out by detailed balance (exact for the
   nondegenerate response: numerics.nuN.response proves S(-q0) = e^{-q0/T} S(q0)).  Putting
   f = f0 + delta f and dropping delta f delta f' leaves C delta f' + D delta f: :func:`linearised_collision`.
2. **Angular reduction (Eq. 31).**  The rate is a0(mu') + a1 Omega.B + a2 Omega'.B, mu' = Omega.Omega'.
   With delta f = g + 3 Omega.h (Eq. 28) and Int dOmega' F(mu') Omega' = Omega 2pi Int F mu' dmu',
   Int dOmega/4pi Omega_i Omega_j = delta_ij/3 and odd moments zero, the first moment is
       h-hat: 2pi Int dk' dmu' a0 [mu' C h(k') + D h(k)],
       B-hat: (2pi/3) Int dk' dmu' (a1 + mu' a2) [C g(k') + D g(k)];
   a1 and a2 acting on h, and a0 on g, vanish by parity (numerics.nuN.collision_moments tests this on
   the sphere).
3. **Expansion (Eqs. 17-18).**  k' = k(1 + eps u), eps^2 = 4(1 - mu')T/m, so dk' S_0 =
   pi^(1/2) n e^{-u^2} [bracket] du, the bracket being S_0's eps-series (nuclear_response.eps_series).
   Ordering: eps ~ (T/m)^(1/2) is the one small parameter; k/T = O(1), so k/m = (k/T)(T/m) counts as
   eps^2; mu_B B/T is kept to first order (the rate is linear in B).  Every factor (the rate over S_0
   with m = 4(1 - mu')T/eps^2, exp(-q0/T) = exp(eps u k/T), f0, g and h at k') becomes a Laurent series
   in eps, the product is truncated at eps^2, the Gaussian u-integrals are done term by term (odd
   orders must vanish, and do), eps^2 is put back as 4(1 - mu')T/m and the mu'-integral done exactly.
   Orders below eps^0 must cancel (they do): the moment is O(1) + O(1/m).
4. **Split.**  The neutrino and antineutrino moments give the paper's "0" (half the sum) and "+-" (half
   the difference) terms, Eqs. 32-37.
5. **Diffusion flux (Eqs. 38-45).**  The first moment of Eq. 24 in a steady state is
   (1/3) grad(f0 + g) = M[h] (the moment above, linear in h and g): the streaming term's moment is
   done on the sphere (:func:`streaming_moment`), and at lowest order the equation is solved for h
   (:func:`lowest_order_h`, Eq. 38).  Solved by iteration to first
   order in 1/m and in mu_B B/m, keeping the product of the O(mu_B B/T) and O(k/m) corrections: the
   sum over nu and nubar cancels the O(mu_B B/T) drift, and the O(k/m) "+-" operator acting on the
   O(mu_B B/T) "+-" part of h survives at O(mu_B B/m) -- the origin of the (c_V^2 + 5 c_A^2)^2 of
   Eqs. 43-44.
   Eq. 40 is written with energy derivatives of U-like quantities, U = k^3 (f0 + g)/(2 pi^2).  Two
   readings (:data:`READINGS`): ``"literal"``, the derivatives act on grad U/kappa0 and on delta U as
   printed; ``"occupation"``, they act on the occupation numbers (grad(f0 + g)/kappa0 and g), the
   factor k^3/(2 pi^2) standing outside.  natal uses the literal reading (a user with a delta U(k) in
   hand applies Eq. 40 as printed) and also derives the coefficients in the other reading, which is
   the one the printed delta(2), eps(1), eps(2), eps(3) follow.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from natal.derivations import series, store
from natal.derivations.jets import to_jets
from natal.derivations.nuN.cross_section import RATE_PREMISES, rate_coefficients
from natal.derivations.nuN.response import eps_series
from natal.derivations.nuN.symbols import (
    B, F_2, G_F, S0, T, c_A, c_V, d2_dU, d2f0, d2g, d2h, d3f0, d3g, d_dU, dU, df0, dg, dh, eps, f0, f0p, g,
    h, jet, k, k_p, m, mu_B, mu_nu, mu_prime, n, q0, u,
)
from natal.derivations.result import Derivation

__all__ = ["READINGS", "PREMISES", "MOMENT_INPUTS", "fermi_dirac_jets", "linearised_collision", "collision_moment",
           "moment_terms", "kappa0", "streaming_moment", "lowest_order_h", "drift_flux"]

READINGS = ("literal", "occupation")


def _joined(*groups: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out.extend(p for p in group if p not in out)
    return tuple(out)


_COLLISION = ("nuN:eq24", "scattering collision integral W_in f'(1 - f) - W_out f(1 - f') (Pauli blocking)",
              "detailed balance W_in = exp(-q0/T) W_out", "Fermi-Dirac equilibrium f0")
_STEADY = ("Boltzmann equation (24) in a steady state: time derivative dropped, as the paper states",)

#: What each result is derived from (natal.verify refuses a verdict on an equation that is among the
#: premises of its own derivation): the linearisation needs only the collision integral; the moments
#: add natal's rate (Eq. 7 with the derived |M|^2 and response), Eq. 17's expansion variables and
#: Eq. 28's dipole truncation; h and the flux add the streaming term of Eq. 24 and Eqs. 29-30.
PREMISES: dict[str, tuple[str, ...]] = {
    "linearised_collision": _COLLISION,
    "collision_moment": _joined(_COLLISION, RATE_PREMISES, ("nuN:eq17", "nuN:eq28")),
}
PREMISES["moment_terms"] = _joined(PREMISES["collision_moment"],
                                   ("nu and nubar moments split into half sum ('0') and half difference ('+-')",))
PREMISES["lowest_order_h"] = _joined(PREMISES["moment_terms"], _STEADY)
PREMISES["drift_flux"] = _joined(PREMISES["lowest_order_h"], ("nuN:eq29", "nuN:eq30"))
_ORDER = 2  # the product of series is kept to eps^2, i.e. to O(T/m, k/m)
_F_JETS = (f0, df0, d2f0, d3f0)
_G_JETS = (g, dg, d2g, d3g)
_H_JETS = (h, dh, d2h)
# Stands for any derivative beyond the jets above: such terms come with powers of eps beyond the
# truncation and must not survive it (checked).
_BEYOND = sp.Symbol("higher_derivative", real=True)
_PARAMETERS = (k, T, m, n, mu_B, B, c_V, c_A, F_2, G_F)
#: The arguments of the collision moments and of their terms (Eqs. 31-37), in order: the parameters,
#: then the jets at k of f0, g and h.
MOMENT_INPUTS = (*_PARAMETERS, f0, df0, d2f0, *_G_JETS, *_H_JETS)
# Units (natural, MeV) of the parameters, for the results' documentation.
_UNITS = {"k": "MeV", "T": "MeV", "m": "MeV", "n": "MeV^3", "mu_B": "MeV/G", "B": "G", "G_F": "MeV^-2", "q0": "MeV"}


def _units(inputs: tuple[sp.Symbol, ...]) -> dict[str, str]:
    return {x.name: _UNITS[x.name] for x in inputs if x.name in _UNITS}


def fermi_dirac_jets(temperature=T, chemical_potential=mu_nu) -> dict[sp.Symbol, sp.Expr]:
    """f0 and its first three k-derivatives for f0 = 1/(exp((k - mu)/T) + 1), keyed by their jets."""
    fd = 1 / (sp.exp((k - chemical_potential) / temperature) + 1)
    return {j: sp.diff(fd, k, i) for i, j in enumerate(_F_JETS)}


def linearised_collision() -> Derivation:
    """Eqs. 25-27 from W_in f'(1 - f) - W_out f(1 - f'), per unit W_out.

    f0 is Fermi-Dirac at (T, mu_nu); detailed balance W_in/W_out = exp(-q0/T) with q0 = k - k'.
    ``f0`` and ``f0p`` stand for f0(k) and f0(k'); the remainder is checked with the Fermi-Dirac
    identity f0(1 - f0')/(f0'(1 - f0)) = exp((k' - k)/T).  Outputs: ``C`` and ``D``, the delta f' and
    delta f coefficients (Eqs. 26-27); ``equilibrium_remainder``, the zeroth-order remainder (zero
    when W_in = exp(-q0/T) W_out: f0 is stationary).
    """
    df, dfp, lam = sp.symbols("delta_f delta_fp lambda_lin", real=True)
    w_in = sp.exp(-q0 / T)
    F, Fp = f0 + lam * df, f0p + lam * dfp
    term = sp.expand(w_in * Fp * (1 - F) - F * (1 - Fp))
    linear = term.coeff(lam, 1)
    remainder = term.coeff(lam, 0)
    # Fermi-Dirac: f0p = f0 / (f0 + (1 - f0) exp(-q0/T)) makes the remainder vanish identically.
    if sp.simplify(remainder.subs(f0p, f0 / (f0 + (1 - f0) * sp.exp(-q0 / T)))) != 0:
        raise ArithmeticError("f0 is not stationary under detailed balance")
    inputs = (q0, T, f0, f0p)
    return Derivation(
        name="nuN.linearised_collision", ref="nuN Eqs. 25-27", inputs=inputs,
        outputs=(("C", sp.collect(linear.coeff(dfp), sp.exp(-q0 / T))),
                 ("D", sp.collect(linear.coeff(df), sp.exp(-q0 / T))), ("equilibrium_remainder", remainder)),
        units=_units(inputs), description="coefficients of delta f' and delta f in the linearised scattering term, "
        "per unit W_out", premises=PREMISES["linearised_collision"])


# --- Laurent series in eps: (lowest power, [coefficients]) ----------------------------------------
# With nu = 1 - mu' every denominator met is a monomial (powers of nu, k, T): expansions need only
# `expand`, never `cancel`, and negative powers of nu cancel term by term.

_NU = sp.Symbol("nu_angle", positive=True)  # 1 - mu'


def _expanded(e: sp.Expr) -> sp.Expr:
    return sp.expand(e, power_base=False, power_exp=False, log=False)


def _laurent(expr: sp.Expr, top: int) -> tuple[int, list[sp.Expr]]:
    """The Laurent series of a rational function of eps, from its lowest power up to eps^top.

    The denominator's lowest coefficient must be a monomial, so its reciprocal series is a sum of
    monomials and the quotient needs no polynomial division.
    """
    num, den = sp.fraction(sp.together(expr))
    pn, pd = sp.Poly(_expanded(num), eps), sp.Poly(_expanded(den), eps)
    ln, ld = min(e for (e,) in pn.monoms()), min(e for (e,) in pd.monoms())
    length = top - (ln - ld) + 1
    cn = [pn.coeff_monomial(eps ** (ln + j)) for j in range(length)]
    cd = [pd.coeff_monomial(eps ** (ld + j)) for j in range(length)]
    if len(sp.Add.make_args(cd[0])) != 1:
        raise ArithmeticError(f"leading denominator coefficient is not a monomial: {cd[0]}")
    inverse = [1 / cd[0]]
    for j in range(1, length):
        inverse.append(_expanded(-sum((cd[i] * inverse[j - i] for i in range(1, j + 1)), sp.Integer(0)) / cd[0]))
    return ln - ld, [_expanded(sum((cn[i] * inverse[j - i] for i in range(j + 1)), sp.Integer(0)))
                     for j in range(length)]


def _product(a: tuple[int, list], b: tuple[int, list], top: int) -> tuple[int, list[sp.Expr]]:
    (la, ca), (lb, cb) = a, b
    low = la + lb
    length = top - low + 1
    ca = list(ca) + [sp.Integer(0)] * max(0, length - len(ca))
    cb = list(cb) + [sp.Integer(0)] * max(0, length - len(cb))
    return low, [_expanded(sum((ca[i] * cb[j - i] for i in range(j + 1)), sp.Integer(0))) for j in range(length)]


def _at_k_prime(jets: tuple[sp.Symbol, ...], top: int) -> list[sp.Expr]:
    """F(k(1 + eps u)) = sum_j (eps u k)^j F^(j)(k)/j!, coefficients of eps^0..eps^top."""
    return [(u * k) ** j / sp.factorial(j) * (jets[j] if j < len(jets) else _BEYOND) for j in range(top + 1)]


def _kinematic_series(expr: sp.Expr, boltzmann: list[sp.Expr], f0_kp: list[sp.Expr]) -> list[sp.Expr]:
    """A polynomial in exp(-q0/T) and f0(k') as an eps-series, given the series of both."""
    one = [sp.Integer(1)] + [sp.Integer(0)] * (len(boltzmann) - 1)
    poly = sp.Poly(expr, sp.exp(-q0 / T), f0p)
    out = [sp.Integer(0)] * len(boltzmann)
    for (a, b), c in poly.terms():
        if a > 1 or b > 1:
            raise ArithmeticError("C and D are linear in exp(-q0/T) and f0(k')")
        term = series.multiply(boltzmann if a else one, f0_kp if b else one)
        out = [sp.expand(o + c * t) for o, t in zip(out, term)]
    return out


def _monomial_integral(expr: sp.Expr, var: sp.Symbol, weight) -> sp.Expr:
    """Sum over the terms c var^j of ``expr`` (expanded) of c * weight(j)."""
    total = sp.Integer(0)
    for term in sp.Add.make_args(expr):
        coeff, power = term.as_coeff_exponent(var)
        if coeff.has(var) or not power.is_Integer:
            raise ArithmeticError(f"not a Laurent monomial in {var}: {term}")
        total += coeff * weight(int(power))
    return total


def _gaussian(j: int) -> sp.Expr:
    """Int du u^j e^{-u^2} over the real line (the lower limit -1/eps is exponentially far)."""
    if j < 0:
        raise ArithmeticError("negative power of u")
    return sp.Integer(0) if j % 2 else sp.gamma(sp.Rational(j + 1, 2))


def _angle(j: int) -> sp.Expr:
    """Int_{-1}^{1} dmu' (1 - mu')^j = Int_0^2 dnu nu^j; j < 0 would mean the expansion failed."""
    if j < 0:
        raise ArithmeticError("a negative power of 1 - mu' survived: the mu'-integral diverges")
    return sp.Integer(2) ** (j + 1) / (j + 1)


def _moment_orders(low_series: tuple[int, list[sp.Expr]], prefactor: sp.Expr) -> dict[int, sp.Expr]:
    """u- and mu'-integrate a Laurent series; returns {0: O(1) part, 2: O(1/m) part}."""
    low, coeffs = low_series
    out = {}
    for j, c in enumerate(coeffs):
        order = low + j
        value = _expanded(_monomial_integral(c, u, _gaussian))
        if order % 2 or order < 0:
            if value != 0:
                raise ArithmeticError(f"the eps^{order} term of the moment does not cancel: {value}")
            continue
        value = _expanded(value * (4 * _NU * T / m) ** (order // 2))
        out[order] = sp.expand(prefactor * _monomial_integral(value, _NU, _angle))
    return out


# The modules a collision moment is derived from: editing any of them invalidates the stored result.
_SOURCES = tuple(f"natal.derivations.{name}" for name in (
    "nuN.drift_flux", "nuN.cross_section", "nuN.response", "nuN.matrix_element", "nuN.symbols", "dirac", "series",
    "jets", "result"))


@lru_cache(maxsize=None)
def collision_moment(antineutrino: bool) -> Derivation:
    """Int dOmega/4pi Omega [df/dt]_sc for nu or nubar (Eq. 31): the first moment of Eq. 25 from
    natal's rate, expanded as described in the module docstring.

    Outputs: ``h_0`` and ``h_1``, the coefficient of the direction of h (linear in the jets h, dh,
    d2h) at O(1) and O(1/m); ``B_0`` and ``B_1``, that of B-hat (linear in g, dg, d2g, d3g) at
    O(mu_B B/T) and O(mu_B B/m).  Inputs :data:`MOMENT_INPUTS`.  Derived once and kept in the on-disk
    store (derivations.store) until one of its sources changes.
    """
    species = "nubar" if antineutrino else "nu"
    parts = store.cached(f"nuN.collision_moment.{species}", _SOURCES, lambda: _derive_moment(antineutrino))
    return Derivation(
        name=f"nuN.collision_moment_{species}", ref="nuN Eq. 31", inputs=MOMENT_INPUTS,
        outputs=tuple((name, parts[name]) for name in ("h_0", "h_1", "B_0", "B_1")), units=_units(MOMENT_INPUTS),
        description=f"first moment of the {species} scattering term: h and B-hat coefficients at O(1) and O(1/m)",
        premises=PREMISES["collision_moment"])


def _derive_moment(antineutrino: bool) -> dict[str, sp.Expr]:
    rate = rate_coefficients(antineutrino)
    lin = linearised_collision()
    top = _ORDER + 2  # the B-part rate starts at eps^-1 and C g' + D g at eps^1
    to_eps = {k_p: k * (1 + eps * u), m: 4 * _NU * T / eps**2, mu_prime: 1 - _NU}

    def rate_series(expr: sp.Expr) -> tuple[int, list[sp.Expr]]:
        return _laurent((expr / S0).subs(to_eps, simultaneous=True), top)

    a0 = rate_series(rate.A0 + rate.A0_WM)
    low1, c1 = rate_series(rate.dA_Omega + rate.dB_WM)
    low2, c2 = rate_series(rate.dA_Omegap + rate.dC_WM)
    if low1 != low2:
        raise ArithmeticError("the Omega.B and Omega'.B rates start at different orders")
    a_B = (low1, [_expanded(x + (1 - _NU) * y) for x, y in zip(c1, c2)])

    # C and D as series: exp(-q0/T) = exp(eps u k/T), f0(k') expanded about k.
    boltzmann = [(u * k / T) ** j / sp.factorial(j) for j in range(top + 1)]
    C, D = (_kinematic_series(lin[e], boltzmann, _at_k_prime(_F_JETS, top)) for e in ("C", "D"))
    h_kp, g_kp = _at_k_prime(_H_JETS, top), _at_k_prime(_G_JETS, top)
    h_side = (0, [_expanded((1 - _NU) * sum((C[i] * h_kp[j - i] for i in range(j + 1)), sp.Integer(0)) + D[j] * h)
                  for j in range(top + 1)])
    g_side = (0, [sp.expand(sum((C[i] * g_kp[j - i] for i in range(j + 1)), sp.Integer(0)) + D[j] * g)
                  for j in range(top + 1)])
    bracket = (0, [_expanded(c.subs(mu_prime, 1 - _NU)) for c in series.coefficients(eps_series(top)[1], eps, top)])
    norm = 2 * sp.pi * sp.sqrt(sp.pi) * n  # 2pi from the azimuth, pi^(1/2) n from dk' S_0
    h_orders = _moment_orders(_product(_product(bracket, a0, _ORDER), h_side, _ORDER), norm)
    B_orders = _moment_orders(_product(_product(bracket, a_B, _ORDER), g_side, _ORDER), norm / 3)
    parts = {"h_0": h_orders[0], "h_1": h_orders[2], "B_0": B_orders[0], "B_1": B_orders[2]}
    if any(p.has(_BEYOND) for p in parts.values()):
        raise ArithmeticError("a derivative beyond the kept jets survived the truncation")
    return parts


@lru_cache(maxsize=None)
def moment_terms() -> Derivation:
    """Split the nu and nubar first moments into the six terms of Eq. 31 (Eqs. 32-37).

    The "0" parts are half the nu + nubar moments, the "+-" parts half the difference (the neutrino's
    sign); h-terms are linear in the h jets, B-terms (coefficients of B-hat) in the g jets.  Outputs:
    ``V0`` (Eq. 32), ``dV_B`` (Eq. 33, the +- term at O(mu_B B/T)), ``dV_WM_0``, ``dV_WM_pm``,
    ``dV_BWM_0``, ``dV_BWM_pm`` (Eqs. 34-37); ``h_0_pm``, the +- part of the O(1) h-term (zero: V0 is
    the same for nu and nubar), and ``B_0_0``, the "0" part of the O(mu_B B/T) B-term (zero: that
    drift cancels).  Inputs :data:`MOMENT_INPUTS`.
    """
    nu, bar = collision_moment(False), collision_moment(True)

    def half(a: sp.Expr, b: sp.Expr) -> sp.Expr:
        return sp.expand((a + b) / 2)

    terms = (
        ("V0", half(nu["h_0"], bar["h_0"])), ("dV_B", half(nu["B_0"], -bar["B_0"])),
        ("dV_WM_0", half(nu["h_1"], bar["h_1"])), ("dV_WM_pm", half(nu["h_1"], -bar["h_1"])),
        ("dV_BWM_0", half(nu["B_1"], bar["B_1"])), ("dV_BWM_pm", half(nu["B_1"], -bar["B_1"])),
        ("h_0_pm", half(nu["h_0"], -bar["h_0"])), ("B_0_0", half(nu["B_0"], bar["B_0"])))
    return Derivation(name="nuN.moment_terms", ref="nuN Eqs. 31-37", inputs=MOMENT_INPUTS, outputs=terms,
                      units=_units(MOMENT_INPUTS), description="the terms of Eq. 31 from the nu and nubar moments",
                      premises=PREMISES["moment_terms"])


def kappa0() -> sp.Expr:
    """kappa_0 of Eq. 39: minus the coefficient of h in the leading moment (V0 = -kappa_0 h)."""
    return sp.factor(-sp.diff(moment_terms()["V0"], h))


_GRAD = sp.Symbol("grad_F_x", real=True)  # the x-component of grad(f0 + g)


@lru_cache(maxsize=None)
def streaming_moment() -> sp.Expr:
    """The x-component of Int dOmega/4pi Omega (Omega . grad) f for f = F + 3 Omega.h (Eq. 28).

    F = f0 + g has gradient (grad_F_x, grad_F_y, grad_F_z), h the gradient matrix d_i h_j; both are
    symbols and the sphere integral is done term by term on them.  The h term carries three factors
    of Omega and averages to zero, so the result is grad_F_x/3: only grad(f0 + g) drives the dipole.
    """
    theta, phi = sp.symbols("theta_sphere phi_sphere", real=True)
    Om = sp.Matrix([sp.sin(theta) * sp.cos(phi), sp.sin(theta) * sp.sin(phi), sp.cos(theta)])
    grad = sp.Matrix([_GRAD, *sp.symbols("grad_F_y grad_F_z", real=True)])
    dh = sp.Matrix(3, 3, sp.symbols("dh_ij0:9", real=True))
    streaming = (Om.T * grad)[0] + 3 * sum((Om[i] * Om[j] * dh[i, j] for i in range(3) for j in range(3)),
                                           sp.Integer(0))
    integrand = sp.expand(Om[0] * streaming)
    total = sp.Integer(0)
    for sym in (*grad, *dh):
        mono = integrand.coeff(sym)
        inner = sp.integrate(mono * sp.sin(theta), (phi, 0, 2 * sp.pi))
        total += sym * sp.integrate(inner, (theta, 0, sp.pi)) / (4 * sp.pi)
    return sp.expand(total)


@lru_cache(maxsize=None)
def _lowest_order_solution() -> sp.Expr:
    """h in terms of grad_F_x from streaming = V0[h], the first moment of Eq. 24 at O(1), steady state."""
    V0 = moment_terms()["V0"]
    if V0.has(dh, d2h):
        raise ArithmeticError("the O(1) moment involves derivatives of h: Eq. 38 is not algebraic")
    (solution,) = sp.solve(sp.Eq(streaming_moment(), V0), h)
    return sp.factor(solution)


def lowest_order_h(grad: sp.Expr) -> sp.Expr:
    """Eq. 38: the dipole h solving the first moment of the Boltzmann equation (24) at lowest order,
    Int dOmega/4pi Omega (Omega . grad) f = V0[h] in a steady state; ``grad`` is the component of
    grad(f0 + g) along which h is taken."""
    return _lowest_order_solution().subs(_GRAD, grad)


# --- Eqs. 38-45: the flux to first order ---------------------------------------------------------

_G, _PHI, _Y, _DU = (sp.Function(name) for name in ("g", "Phi", "Y", "dU"))
_JETS = {"f0": _F_JETS, "g": _G_JETS}


def _as_functions(expr: sp.Expr) -> sp.Expr:
    """Jet symbols of f0 and g back to derivatives of functions of k, so operators can act on them."""
    subs = {}
    for name, jets in _JETS.items():
        fn = sp.Function(name)(k)
        subs.update({j: sp.diff(fn, k, i) if i else fn for i, j in enumerate(jets)})
    return expr.xreplace(subs)


def _apply(operator: sp.Expr, jets: tuple[sp.Symbol, ...], phi: sp.Expr) -> sp.Expr:
    """An operator written as a linear form in ``jets`` (and f0 jets) applied to phi(k)."""
    subs = {j: sp.diff(phi, k, i) if i else phi for i, j in enumerate(jets)}
    return _as_functions(operator.xreplace(subs))


def _h_components(antineutrino: bool, phi: sp.Expr, g_of_k: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """h along grad (phi = |grad(f0 + g)| as a function of k) and along B-hat for one species.

    (1/3) phi = M_h[h_grad], 0 = M_h[h_B] + M_B[g] with M_h = -kappa_0 + L1 (L1 = O(1/m)) and
    M_B = L_B0 + L_B1 (O(mu_B B/T), O(mu_B B/m)), iterated once: products of two O(1/m) terms and of
    O(1/m) with O(mu_B B/m) are dropped.
    """
    M = collision_moment(antineutrino)
    kap = kappa0()
    L1 = M["h_1"]
    h_grad0 = lowest_order_h(phi)
    h_grad = h_grad0 + _apply(L1, _H_JETS, h_grad0) / kap
    source0 = _apply(M["B_0"], _G_JETS, g_of_k) / kap
    source1 = _apply(M["B_1"], _G_JETS, g_of_k) / kap
    h_B = source0 + source1 + _apply(L1, _H_JETS, source0) / kap
    return h_grad, h_B


def _jets_of(expr: sp.Expr) -> sp.Expr:
    return sp.expand(to_jets(sp.expand(expr)))


@lru_cache(maxsize=None)
def drift_flux(reading: str = "literal") -> Derivation:
    """F_nu + F_nubar to first order (Eqs. 38-45) in one reading (:data:`READINGS`) of Eq. 40's
    energy derivatives.

    Outputs: ``grad_part``, the flux along grad U, and ``B_part``, along B-hat, as jets of the
    reading's variables: ``"literal"`` -- Y = grad U/kappa_0 and delta U (jets ``Y``, ``dY_dk``, ...
    and ``dU``, ``ddU_dk``, ...); ``"occupation"`` -- Z = grad(f0 + g)/kappa_0 and g (jets ``Phi``,
    ``dPhi_dk``, ... and ``g``, ``dg_dk``, ...), each times k^3/(2 pi^2).  Then the coefficients of
    Eq. 40's layout in that reading: grad_part = -(2/3)(1 - ``delta1``) Y + ``delta2`` [``bracket`` k Y'
    + k T Y''] and B_part = ``eps1`` dU + ``eps2`` k dU' + ``eps3`` k^2 dU''.
    """
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, got {reading!r}")
    kap = kappa0()
    to_U = k**3 / (2 * sp.pi**2)
    if reading == "literal":
        # grad(f0 + g) = grad U / k^3 * 2 pi^2 = kappa_0 Y / to_U; g = dU / to_U
        phi, g_of_k, out = kap * _Y(k) / to_U, _DU(k) / to_U, to_U
        y_jets, u_jets = tuple(jet("Y", i) for i in range(3)), (dU, d_dU, d2_dU)
    else:
        phi, g_of_k, out = kap * _PHI(k), _G(k), sp.Integer(1)
        y_jets, u_jets = tuple(jet("Phi", i) for i in range(3)), _G_JETS[:3]
    grad_sum, B_sum = (sp.Integer(0), sp.Integer(0))
    for anti in (False, True):
        hg, hb = _h_components(anti, phi, g_of_k)
        grad_sum += hg
        B_sum += hb
    grad_part = _jets_of(out * grad_sum)
    B_part = _jets_of(out * B_sum)
    if any(grad_part.has(s) for s in u_jets) or B_part.has(*y_jets):
        raise ArithmeticError("the flux mixes the grad U and B-hat parts")
    c0, c1, c2 = (grad_part.coeff(j) for j in y_jets)
    delta1 = sp.factor(1 + sp.Rational(3, 2) * c0)
    delta2 = sp.factor(c2 / (k * T))
    bracket = sp.expand(sp.cancel(c1 / (k * delta2)))
    e1, e2, e3 = (sp.factor(B_part.coeff(u_jets[i]) * k**-i) for i in range(3))
    extra = sp.cancel(B_part - sum((c * k**i * u_jets[i] for i, c in enumerate((e1, e2, e3))), sp.Integer(0)))
    if extra != 0:
        raise ArithmeticError(f"the B-hat flux has terms beyond second derivatives: {extra}")
    inputs = (*_PARAMETERS, f0, df0, *y_jets, *u_jets)
    return Derivation(
        name=f"nuN.drift_flux_{reading}", ref="nuN Eqs. 38-45", inputs=inputs,
        outputs=(("grad_part", grad_part), ("B_part", B_part), ("delta1", delta1), ("delta2", delta2),
                 ("bracket", bracket), ("eps1", e1), ("eps2", e2), ("eps3", e3)),
        units=_units(inputs), description=f"F_nu + F_nubar to first order and the coefficients of Eq. 40, "
        f"{reading} reading", premises=PREMISES["drift_flux"])
