"""Checks of the `nuN` paper's Sec. IV (Eqs. 25-27, 31-45): collision moments and the drift flux.

The derivation (derivations.nuN.drift_flux) expands the first moment of the linearised collision term in
eps from natal's own rate.  Inside each check, the derivation is confirmed by an independent route:
the linearisation by finite differences of the full collision integrand, the moments and the flux by
direct quadrature over k' and the scattering angle with the exact rate, fitted in powers of 1/m
(numerics.nuN.collision_moments), the lowest-order dipole by quadrature of its own moment.  Printed and
derived forms are compared as polynomials in the jets of g, h and delta U; where they differ only by
Fermi-Dirac identities of f0 the verdict says so.  Eq. 40's energy derivatives can be read two ways
(derivations.nuN.drift_flux.READINGS); Eqs. 40-45 report both, the literal reading as the headline.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Callable, Iterator

import mpmath as mp
import numpy as np
import sympy as sp

from natal.checks.compare import require_finite_close
from natal.derivations.jets import to_jets
from natal.derivations.nuN import cross_section as xsec
from natal.derivations.nuN import drift_flux as flux
from natal.derivations.nuN import response
from natal.derivations.nuN.symbols import (
    B, F_2, G_F, S0, T, c_A, c_V, d2g, d2h, d3g, dg, dh, f0, f0p, g, h, jet, k, k_p, m, mu_B, mu_nu,
    mu_prime, n, q, q0,
)
from natal.derivations.printed import nuN as printed
from natal.mutants import Entry
from natal.verdict import Verdict, check

_SPECIES = ((False, 1, "nu"), (True, -1, "nubar"))
_X = sp.Symbol("X_FD", positive=True)  # exp((k - mu_nu)/T)


def _entry(name: str) -> Entry:
    """The place of a printed function (for the mutation test's corrected forms)."""
    return Entry(printed.__name__, name)




def _fermi_dirac(expr: sp.Expr) -> sp.Expr:
    """f0 and its k-derivatives as the Fermi-Dirac function of X = exp((k - mu_nu)/T)."""
    return sp.cancel(expr.xreplace(flux.fermi_dirac_jets()).subs(sp.exp((k - mu_nu) / T), _X))


def _difference(derived: sp.Expr, print_form: sp.Expr) -> tuple[sp.Expr, bool]:
    """(derived - printed, whether it vanished only through Fermi-Dirac identities)."""
    d = sp.expand(derived - print_form)
    if d == 0:
        return d, False
    d_fd = _fermi_dirac(d)
    return (sp.Integer(0), True) if d_fd == 0 else (sp.factor(d), False)


def _differences(pairs: dict[str, tuple[sp.Expr, sp.Expr]]) -> tuple[dict[str, sp.Expr], list[str]]:
    diffs, via_fd = {}, []
    for label, (derived, print_form) in pairs.items():
        diffs[label], used = _difference(derived, print_form)
        if used:
            via_fd.append(label)
    return diffs, via_fd


def _fd_note(via_fd: list[str]) -> str:
    return f"Equal through Fermi-Dirac identities of f0 ({', '.join(via_fd)})." if via_fd else ""


def _fmt(diffs: dict[str, sp.Expr]) -> str:
    return "; ".join(f"{key}: derived - printed = {sp.sstr(d)}" for key, d in diffs.items() if d != 0)


def _compare(pairs: dict[str, tuple[sp.Expr, sp.Expr]], method: str, note: str = "", corrected: str = "",
             **fields) -> Verdict:
    """``agrees`` when every derived - printed difference vanishes (Fermi-Dirac identities allowed)."""
    diffs, via_fd = _differences(pairs)
    note = " ".join(filter(None, (note, _fd_note(via_fd))))
    if all(d == 0 for d in diffs.values()):
        return Verdict("agrees", method, note, **fields)
    return Verdict("differs", method, "; ".join(filter(None, (_fmt(diffs), note))), corrected, **fields)


def _reading_verdict(literal: dict[str, tuple[sp.Expr, sp.Expr]], occupation: dict[str, tuple[sp.Expr, sp.Expr]],
                     method: str, note: str, corrected: str, **fields) -> Verdict:
    """A verdict in both readings of Eq. 40 (derivations.nuN.drift_flux.READINGS), headline the literal one."""
    lit, lit_fd = _differences(literal)
    occ, occ_fd = _differences(occupation)
    readings = {"literal": "agrees" if all(d == 0 for d in lit.values()) else "differs",
                "occupation": "agrees" if all(d == 0 for d in occ.values()) else "differs"}
    text = [f"Literal reading: {_fmt(lit)}." if readings["literal"] == "differs" else "Literal reading: agrees.",
            f"Occupation reading: {_fmt(occ)}." if readings["occupation"] == "differs"
            else "Occupation reading: agrees.", note, _fd_note(sorted(set(lit_fd + occ_fd)))]
    status = readings["literal"]
    return Verdict(status, method, " ".join(filter(None, text)), corrected if status == "differs" else "",
                   readings=readings, **fields)


# --- Definitions and model inputs ------------------------------------------------------------------

@check("nuN", "24", "Boltzmann equation with the scattering collision term")
def eq24() -> Verdict:
    return Verdict("given", "stated", "Model: the Boltzmann equation for neutrino transport with the collision "
                   "term of nu-N scattering alone (absorption is left out of Sec. IV).")


@check("nuN", "28", "dipole expansion of delta f")
def eq28() -> Verdict:
    return Verdict("given", "stated", "Model assumption: the deviation from equilibrium truncated at dipole order, "
                   "delta f = g(k) + 3 Omega.h(k), which defines g and h.")


# --- Eqs. 25-27 ------------------------------------------------------------------------------------

def _linearisation_route() -> None:
    """C and D against a central finite difference of the full integrand W_in f'(1-f) - W_out f(1-f')."""
    lin = flux.linearised_collision()
    rng = np.random.default_rng(25)
    delta_f, delta_fp = sp.symbols("delta_f delta_fp")
    linear = sp.lambdify((q0, T, f0, f0p, delta_fp, delta_f), lin["C"] * delta_fp + lin["D"] * delta_f, "mpmath")
    for _ in range(4):
        temp, kk, kkp, mun = rng.uniform(2, 8), rng.uniform(1, 30), rng.uniform(1, 30), rng.uniform(-5, 5)
        a, b = rng.normal(), rng.normal()
        with mp.workdps(40):
            temp, kk, kkp, mun = (mp.mpf(v) for v in (temp, kk, kkp, mun))
            fd = lambda e: 1 / (mp.exp((e - mun) / temp) + 1)  # noqa: E731
            w = mp.exp(-(kk - kkp) / temp)

            def integrand(lam):
                f, fp = fd(kk) + lam * a, fd(kkp) + lam * b
                return w * fp * (1 - f) - f * (1 - fp)

            slope = mp.diff(integrand, 0)
            derived = linear(kk - kkp, temp, fd(kk), fd(kkp), b, a)
            require_finite_close("linearised collision term vs finite difference", derived, slope, 1e-20)
            if abs(integrand(0)) > mp.mpf(10) ** -35:
                raise ArithmeticError(f"f0 is not stationary: the collision integrand is {integrand(0)}")


def _detailed_balance_route() -> None:
    """natal's full rate obeys W(k' Omega' -> k Omega) = exp(-q0/T) W(k Omega -> k' Omega'), the premise
    of the linearisation that the moments use.

    The rate per dk' dOmega' carries the final-state k'^2/(2pi)^3; the gain term integrates over the
    initial k' with the same measure, so W_in = rate(k' -> k) k'^2/k^2.  Checked for the isotropic and
    both field terms (Omega.B and Omega'.B exchange roles) with the exact nondegenerate S_0.
    """
    S = response.nondegenerate_response()
    point = {T: 3, m: 939, n: sp.Rational(1, 1000), mu_B: sp.Rational(1, 100), B: 1, c_V: sp.Rational(-1, 2),
             c_A: sp.Rational(-63, 50), F_2: sp.Rational(-97, 100), G_F: 1, mu_prime: sp.Rational(3, 10)}
    a, b = sp.Integer(10), sp.Rational(21, 2)
    for anti, _, label in _SPECIES:
        c = xsec.rate_coefficients(anti)

        def value(e: sp.Expr, kin: sp.Expr, kout: sp.Expr) -> mp.mpf:
            s0 = S.subs({q0: kin - kout, q: sp.sqrt(kin**2 + kout**2 - 2 * kin * kout * point[mu_prime])})
            f = sp.lambdify((k, k_p, S0), e.subs(point), "mpmath")
            with mp.workdps(30):
                return f(mp.mpf(kin), mp.mpf(kout), mp.mpf(str(sp.N(s0.subs(point), 30))))

        with mp.workdps(30):
            w, phase = mp.exp(-mp.mpf(a - b) / 3), mp.mpf(b) ** 2 / mp.mpf(a) ** 2
        pairs = (("isotropic", c.A0 + c.A0_WM, c.A0 + c.A0_WM),
                 ("Omega.B", c.dA_Omega + c.dB_WM, c.dA_Omegap + c.dC_WM),
                 ("Omega'.B", c.dA_Omegap + c.dC_WM, c.dA_Omega + c.dB_WM))
        for name, reverse, forward in pairs:
            with mp.workdps(30):
                require_finite_close(f"{label} detailed balance ({name})", value(reverse, b, a) * phase,
                              w * value(forward, a, b), 1e-20)


_LIN_METHOD = ("W_in f'(1 - f) - W_out f(1 - f') with W_in = exp(-q0/T) W_out (detailed balance), f = f0 + delta f, "
               "linear part read off symbolically; the zeroth order vanishes for Fermi-Dirac f0")
_LIN_ROUTE = "a central finite difference of the full collision integrand at seeded random points (40 digits)"


@check("nuN", "25", "linearised scattering term")
def eq25() -> Verdict:
    _linearisation_route()
    lin = flux.linearised_collision()
    rate, df, dfp = sp.symbols("rate delta_f delta_fp", real=True)
    return _compare({"integrand": (rate * (lin["C"] * dfp + lin["D"] * df), printed.eq25(rate, df, dfp))}, _LIN_METHOD,
                    premises=lin.premises, independent=_LIN_ROUTE)


@check("nuN", "26", "C(k, k')")
def eq26() -> Verdict:
    _linearisation_route()
    lin = flux.linearised_collision()
    return _compare({"C": (lin["C"], printed.eq26())}, _LIN_METHOD, premises=lin.premises, independent=_LIN_ROUTE)


@check("nuN", "27", "D(k, k')")
def eq27() -> Verdict:
    _linearisation_route()
    lin = flux.linearised_collision()
    return _compare({"D": (lin["D"], printed.eq27())}, _LIN_METHOD, premises=lin.premises, independent=_LIN_ROUTE)


# --- Eqs. 31-39: the first moment ------------------------------------------------------------------

# One physical point for the numeric routes (nu-n couplings at Table I's inputs, T = 3 MeV, k = 10 MeV)
# and explicit, smooth deviations g, h and gradient Phi = grad(f0 + g)/kappa_0 of the occupation numbers.
_POINT = {"k": 10.0, "T": 3.0, "n": 1e-3, "mu_B": 0.01, "B": 1.0, "c_V": -0.5, "c_A": -0.63, "F_2": -0.97302,
          "mu_nu": 1.5, "G_F": 1.0}
_G_OF_K = (1 + sp.Rational(3, 10) * k / 3) * sp.exp(-k / 6)
_H_OF_K = k**2 * sp.exp(-k / 3) / 9
_PHI_OF_K = sp.exp(-k / 4) * (1 + k / 7)
_VALUES = {T: _POINT["T"], n: _POINT["n"], mu_B: _POINT["mu_B"], B: _POINT["B"], c_V: _POINT["c_V"],
           c_A: _POINT["c_A"], F_2: _POINT["F_2"], G_F: _POINT["G_F"], mu_nu: _POINT["mu_nu"]}


def _jet_values(fn: sp.Expr, jets: tuple[sp.Symbol, ...]) -> dict:
    return {j: sp.diff(fn, k, i) for i, j in enumerate(jets)}


def _at_point(expr: sp.Expr, extra: dict | None = None) -> float:
    """A derived expression (jets of f0, g, h) at _POINT with the explicit g and h, f0 Fermi-Dirac."""
    subs = {**flux.fermi_dirac_jets(_POINT["T"], _POINT["mu_nu"]), **_jet_values(_G_OF_K, (g, dg, d2g, d3g)),
            **_jet_values(_H_OF_K, (h, dh, d2h)), **(extra or {})}
    return float(sp.N(expr.xreplace(subs).subs(_VALUES).subs(k, _POINT["k"]), 20))


def _first_order(expr: sp.Expr) -> sp.Expr:
    """The coefficient of 1/m of an expression that is O(1) + O(1/m).

    A term may carry m in a denominator as well as in its numerator, so each is written in lambda = 1/m
    and cancelled; its lambda-derivative at 0 is its share of the coefficient.
    """
    lam = sp.Symbol("inverse_mass", positive=True)
    total = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(expr)):
        t = sp.cancel(term.subs(m, 1 / lam))
        if sp.fraction(t)[1].subs(lam, 0) == 0:
            raise ArithmeticError(f"a term of the flux grows with m: {term}")
        total += sp.diff(t, lam).subs(lam, 0)
    return sp.expand(total)


def _function_of_k(expr: sp.Expr) -> Callable:
    """A derived function of k at _POINT's parameters, vectorised (f0 Fermi-Dirac where it appears)."""
    expr = expr.xreplace(flux.fermi_dirac_jets(_POINT["T"], _POINT["mu_nu"])).subs(_VALUES)
    return sp.lambdify(k, expr, "numpy")


@contextlib.contextmanager
def _rate_on_this_thread() -> Iterator[None]:
    """The generated rate evaluators (Eq. 9) run on the calling thread alone inside the block.

    ``natal verify --mutants`` runs each mutant in a process forked from this one; a thread pool that
    an evaluator started here before the fork has no threads in the child, where a threaded
    evaluation would wait for them forever.  ``THREADS`` is the evaluator module's own setting.
    """
    from natal.codegen import registry

    modules = [registry.build(name).module for name in ("nuN.rate_nu", "nuN.rate_nubar")]
    saved = [module.THREADS for module in modules]
    for module in modules:
        module.THREADS = 1
    try:
        yield
    finally:
        for module, threads in zip(modules, saved):
            module.THREADS = threads


def _numeric_fit(antineutrino: bool, g_fn: Callable, h_fn: Callable):
    from natal.numerics.nuN import collision_moments

    P = _POINT
    with _rate_on_this_thread():
        return collision_moments.inverse_mass_fit(
            P["k"], T=P["T"], n=P["n"], mu_B=P["mu_B"], B=P["B"], c_V=P["c_V"], c_A=P["c_A"], F_2=P["F_2"],
            mu_nu=P["mu_nu"], G_F=P["G_F"], g=g_fn, h=h_fn, antineutrino=antineutrino)


@functools.lru_cache(maxsize=None)
def _moment_reference(antineutrino: bool):
    """Direct quadrature of the first moment with the exact rate at seven nucleon masses, fitted in
    1/m, for the explicit g and h (a numeric reference, computed once per process)."""
    return _numeric_fit(antineutrino, *(sp.lambdify(k, e, "numpy") for e in (_G_OF_K, _H_OF_K)))


_PARTS = {"h_0": ("h", "leading"), "h_1": ("h", "first_order"), "B_0": ("B", "leading"), "B_1": ("B", "first_order")}


def _moment_route(parts: tuple[str, ...]) -> None:
    """The derived moments named (``h_0``, ``h_1``, ``B_0``, ``B_1``: h and B parts at O(1) and O(1/m)),
    nu and nubar, against the quadrature fit (_moment_reference) at k = 10 MeV."""
    for anti, _, label in _SPECIES:
        M, fit = flux.collision_moment(anti), _moment_reference(anti)
        for name in parts:
            part, order = _PARTS[name]
            derived = M[name]
            value = _at_point(_first_order(derived) if order == "first_order" else derived)
            numeric, error = getattr(fit, order)[part], getattr(fit, f"{order}_error")[part]
            require_finite_close(f"{label} {part} moment, {order} in 1/m: derived vs quadrature", mp.mpf(value),
                          mp.mpf(float(numeric)), max(1e-6, 10 * abs(float(error) / value)))


_MOMENT_METHOD = ("first moment of Eq. 25 with natal's rate (nu and nubar), angular reduction to k' and mu', "
                  "k' = k(1 + eps u), m = 4(1 - mu')T/eps^2, product of Laurent series in eps to eps^2 (T/m, k/m), "
                  "Gaussian u-integrals and the mu'-integral exact (derivations.nuN.drift_flux); '0' and '+-' parts "
                  "are half the nu + nubar sum and difference")
_MOMENT_ROUTE = ("direct quadrature of the first moment over k' and mu' with the exact rate at m/T = 400-3200, "
                 "fitted in 1/m (numerics.nuN.collision_moments), nu and nubar, at k = 10 MeV, T = 3 MeV, "
                 "mu_nu = 1.5 MeV for explicit g(k) and h(k)")


@check("nuN", "31", "first moment of the collision term")
def eq31() -> Verdict:
    _detailed_balance_route()
    _moment_route(("h_0", "h_1", "B_0", "B_1"))
    pairs = {}
    for anti, sign, label in _SPECIES:
        M = flux.collision_moment(anti)
        p = printed.eq31(sign)
        pairs[f"{label} h"] = (M["h_0"] + M["h_1"], p["h"])
        pairs[f"{label} B"] = (M["B_0"] + M["B_1"], p["B"])
    return _compare(pairs, _MOMENT_METHOD + "; detailed balance of natal's full rate checked (its premise)",
                    premises=flux.PREMISES["collision_moment"], independent=_MOMENT_ROUTE)


def _term_check(name: str, field: str, parts: tuple[str, ...]) -> Verdict:
    _moment_route(parts)
    terms = flux.moment_terms()
    note = ""
    if name == "32":
        note = f"The +- part of the O(1) h-term is {terms['h_0_pm']} (V0 is the same for nu and nubar)."
    if name == "33":
        note = (f"The '0' part of the O(mu_B B/T) B-term is {terms['B_0_0']}: at this order the nu and nubar drifts "
                "cancel, as the paper says.")
    return _compare({field: (terms[field], getattr(printed, f"eq{name}")())}, _MOMENT_METHOD, note,
                    premises=terms.premises, independent=_MOMENT_ROUTE)


for _name, _field, _parts, _title in (("32", "V0", ("h_0",), "V_0"), ("33", "dV_B", ("B_0",), "delta V^B_+-"),
                                      ("34", "dV_WM_0", ("h_1",), "delta V^WM_0"),
                                      ("35", "dV_WM_pm", ("h_1",), "delta V^WM_+-"),
                                      ("36", "dV_BWM_0", ("B_1",), "delta V^{B,WM}_0"),
                                      ("37", "dV_BWM_pm", ("B_1",), "delta V^{B,WM}_+-")):
    def _make(name=_name, field=_field, parts=_parts):
        def term() -> Verdict:
            return _term_check(name, field, parts)
        term.__name__ = f"eq{name}"
        return term
    check("nuN", _name, _title)(_make())


def _sphere_average_xx() -> float:
    """Int dOmega/4pi Omega_x Omega_x by a product rule (Gauss-Legendre in cos theta, uniform in phi)."""
    cos_nodes, weights = np.polynomial.legendre.leggauss(8)
    phi = 2 * np.pi * np.arange(16) / 16
    sin = np.sqrt(1 - cos_nodes**2)
    omega_x = np.outer(sin, np.cos(phi))
    return float(np.sum(weights[:, None] * omega_x**2) / (2 * 16))


@check("nuN", "38", "lowest-order dipole h")
def eq38() -> Verdict:
    grad = sp.Symbol("grad_f0_plus_g", real=True)
    derived = flux.lowest_order_h(grad)
    # Independent: with grad(f0 + g) = kappa_0 Phi(k) explicit, the derived h put into the first moment by
    # quadrature (leading order in 1/m) must give back the streaming moment, Phi kappa_0 <Omega_x^2>.
    kap = flux.kappa0()
    source = kap * _PHI_OF_K
    h_fn = _function_of_k(flux.lowest_order_h(source))
    zero = lambda kk: 0.0 * kk  # noqa: E731
    streaming = _sphere_average_xx() * float(source.subs(_VALUES).subs(k, _POINT["k"]))
    for anti, _, label in _SPECIES:
        fit = _numeric_fit(anti, zero, h_fn)
        require_finite_close(f"{label}: the O(1) moment of the derived h vs the streaming moment", mp.mpf(float(fit.leading["h"])),
                      mp.mpf(streaming), 1e-8)
    return _compare({"h": (derived, printed.eq38(grad))},
                    "the first moment of Eq. 24 in a steady state at O(1): the streaming term's moment done on the "
                    "sphere, (1/3) grad(f0 + g), equated to the derived V0[h] and solved for h; V0 from "
                    + _MOMENT_METHOD, premises=flux.PREMISES["lowest_order_h"],
                    independent="the derived h put into the first moment by quadrature with the exact rate (leading "
                    "order of the 1/m fit), nu and nubar, against the streaming moment by a sphere quadrature")


@check("nuN", "39", "transport opacity kappa_0")
def eq39() -> Verdict:
    # Independent: V0 = -kappa_0 h, so kappa_0 h(k) is minus the O(1) h moment by quadrature.
    kappa_h = _at_point(flux.kappa0() * h)
    for anti, _, label in _SPECIES:
        require_finite_close(f"{label}: kappa_0 h vs minus the O(1) moment by quadrature", mp.mpf(kappa_h),
                      -mp.mpf(float(_moment_reference(anti).leading["h"])), 1e-8)
    return _compare({"kappa_0": (flux.kappa0(), printed.eq39())},
                    "minus the coefficient of h in the derived V0, from " + _MOMENT_METHOD,
                    premises=flux.PREMISES["moment_terms"], independent=_MOMENT_ROUTE)


# --- Eqs. 40-45: the flux ------------------------------------------------------------------------

_FLUX_METHOD = ("(1/3) grad(f0 + g) = M[h] for nu and nubar, solved once iterated from the lowest-order h: "
                "h = h0 + L1[h0]/kappa_0 along grad, h_B = (L_B0 + L_B1)[g]/kappa_0 + L1[L_B0[g]/kappa_0]/kappa_0 "
                "along B-hat, the two summed; F = k^3 h/(2 pi^2), U = k^3 (f0 + g)/(2 pi^2); the layout of Eq. 40 "
                "read off in each reading of its energy derivatives")
_FLUX_ROUTE = ("F_nu + F_nubar at O(1/m) from the moments by quadrature (seven masses, fitted in 1/m) at k = 10 MeV "
               "for explicit grad(f0 + g)/kappa_0 and g, against the derived flux in both readings")


@functools.lru_cache(maxsize=None)
def _flux_reference() -> dict[str, float]:
    """F_nu + F_nubar at O(1/m) from the numeric moments (a reference computed once per process).

    Per species, along grad: h = h0 + (M_h[h0] + kappa_0 h0)/kappa_0 with h0 the derived lowest-order
    dipole for grad(f0 + g) = kappa_0 Phi (Phi explicit); along B-hat: h_B = (M_B[g] + M_h[s] +
    kappa_0 s)/kappa_0 with s = L_B0[g]/kappa_0 the derived O(mu_B B/T) drift.  M_h and M_B come from
    quadrature at several masses; their 1/m coefficients, summed over nu and nubar, are the flux's
    first order (in the occupation variables, F/(k^3/2 pi^2)).
    """
    kap = flux.kappa0()
    kappa_at = float(kap.subs(_VALUES).subs(k, _POINT["k"]))
    h0_fn = _function_of_k(flux.lowest_order_h(kap * _PHI_OF_K))
    g_fn = _function_of_k(_G_OF_K)
    zero = lambda kk: 0.0 * kk  # noqa: E731
    grad_num = B_num = 0.0
    for anti, _, _label in _SPECIES:
        drift = (flux.collision_moment(anti)["B_0"] / kap).xreplace(_jet_values(_G_OF_K, (g, dg, d2g, d3g)))
        along_B = _numeric_fit(anti, g_fn, _function_of_k(drift))
        along_grad = _numeric_fit(anti, zero, h0_fn)
        B_num += float(along_B.first_order["B"] + along_B.first_order["h"]) / kappa_at
        grad_num += float(along_grad.first_order["h"]) / kappa_at
    return {"grad": grad_num, "B": B_num}


_PHI_JETS = ("Phi", "dPhi_dk", "d2Phi_dk_dk")


def _flux_route() -> dict[str, float]:
    """The derived first-order flux, occupation and literal readings, against _flux_reference."""
    ref = _flux_reference()
    to_U = k**3 / (2 * sp.pi**2)
    occ, lit = flux.drift_flux("occupation"), flux.drift_flux("literal")
    phi_jets = {sp.Symbol(name, real=True): sp.diff(_PHI_OF_K, k, i) for i, name in enumerate(_PHI_JETS)}
    y_jets = {jet("Y", i): sp.diff(to_U * _PHI_OF_K, k, i) for i in range(3)}
    u_jets = {jet("dU", i): sp.diff(to_U * _G_OF_K, k, i) for i in range(3)}
    derived = {
        ("grad", "occupation"): _at_point(_first_order(occ["grad_part"]), phi_jets),
        ("B", "occupation"): _at_point(_first_order(occ["B_part"])),
        ("grad", "literal"): _at_point(_first_order(lit["grad_part"] / to_U), y_jets),
        ("B", "literal"): _at_point(_first_order(lit["B_part"] / to_U), u_jets),
    }
    for (part, reading), value in derived.items():
        require_finite_close(f"first-order flux along {part}, {reading} reading: derived vs quadrature", mp.mpf(value),
                      mp.mpf(ref[part]), 1e-6)
    return ref


_W, _V = sp.Function("gradU")(k), sp.Function("deltaU")(k)  # one component of grad U_nu(k); delta U_nu(k)
_VARIABLES = {"literal": (sp.Function("Y")(k), sp.Function("dU")(k)),  # grad U/kappa_0 and delta U
              "occupation": (sp.Function("Phi")(k), sp.Function("g")(k))}  # grad(f0 + g)/kappa_0 and g


def _eq40_in(value: dict[str, sp.Expr], reading: str) -> dict[str, sp.Expr]:
    """Eq. 40 as printed (a function of grad U and delta U) in the variables of one reading, as jets.

    Literal: grad U = kappa_0 Y and delta U as they stand.  Occupation: the derivatives act on the
    occupation numbers with k^3/(2 pi^2) outside, so the flux over k^3/(2 pi^2) is the printed form with
    grad U/kappa_0 -> grad(f0 + g)/kappa_0 = Phi and delta U -> g.  kappa_0 is natal's (Eq. 39's check).
    """
    variable, deviation = _VARIABLES[reading]
    subs = {_W: flux.kappa0() * variable, _V: deviation}
    return {key: sp.expand(to_jets(sp.expand(val.subs(subs).doit()))) for key, val in value.items()}


def _literal_in_printed_variables(value: dict[str, sp.Expr]) -> dict[str, sp.Expr]:
    """The derived flux of the literal reading written as printed.eq40 returns it, in grad U and delta U
    (the corrected form of the mutation test; the printed value is replaced whole)."""
    lit, kap = flux.drift_flux("literal"), flux.kappa0()
    ys = {jet("Y", i): sp.diff(_W / kap, k, i) for i in range(3)}
    us = {jet("dU", i): sp.diff(_V, k, i) for i in range(3)}
    return {"grad": lit["grad_part"].xreplace(ys), "B": lit["B_part"].xreplace(us)}


@check("nuN", "40", "F_nu + F_nubar to first order")
def eq40() -> Verdict:
    ref = _flux_route()
    lit, occ = flux.drift_flux("literal"), flux.drift_flux("occupation")
    value = printed.eq40(_W, _V)
    in_lit, in_occ = _eq40_in(value, "literal"), _eq40_in(value, "occupation")
    # How far the print, read literally, is from the numeric flux on the route's explicit functions.
    to_U = k**3 / (2 * sp.pi**2)
    y_jets = {jet("Y", i): sp.diff(to_U * _PHI_OF_K, k, i) for i in range(3)}
    u_jets = {jet("dU", i): sp.diff(to_U * _G_OF_K, k, i) for i in range(3)}
    grad_printed = _at_point(_first_order(in_lit["grad"] / to_U), y_jets)
    B_printed = _at_point(_first_order(in_lit["B"] / to_U), u_jets)
    corrected = (f"-(2/3)(1 - delta1) grad U/kappa_0 + delta2 [({sp.sstr(lit['bracket'])}) k d/dk + k T d^2/dk^2]"
                 f"(grad U/kappa_0) + [eps1 dU + eps2 k d(dU)/dk + eps3 k^2 d^2(dU)/dk^2] B-hat with "
                 f"delta1 = {sp.sstr(lit['delta1'])}, delta2 = {sp.sstr(lit['delta2'])}, eps1 = {sp.sstr(lit['eps1'])}, "
                 f"eps2 = {sp.sstr(lit['eps2'])}, eps3 = {sp.sstr(lit['eps3'])}")
    note = ("Read literally (energy derivatives acting on grad U/kappa_0 and on delta U, U = k^3(f0 + g)/2pi^2), "
            "the printed coefficients are not those of the derived flux; natal's literal coefficients are the "
            "corrected form. The printed delta2 bracket, eps1 and eps2 are those of the other reading, where the "
            "derivatives act on the occupation numbers (grad(f0 + g)/kappa_0 and g) with k^3/(2 pi^2) outside; in "
            "that reading only delta1 differs (Eq. 41). On the route's explicit functions the print read literally "
            f"gives {grad_printed / ref['grad']:.3g} times the first-order grad term and {B_printed / ref['B']:.3g} "
            "times the drift along B-hat.")
    return _reading_verdict(
        {"grad part": (lit["grad_part"], in_lit["grad"]), "B part": (lit["B_part"], in_lit["B"])},
        {"grad part": (occ["grad_part"], in_occ["grad"]), "B part": (occ["B_part"], in_occ["B"])},
        _FLUX_METHOD, note, corrected, premises=lit.premises, independent=_FLUX_ROUTE,
        corrected_entries=((_entry("eq40"), _literal_in_printed_variables),))


def _coefficient_check(name: str, field: str, extra_note: str = "") -> Verdict:
    _flux_route()
    lit, occ = flux.drift_flux("literal"), flux.drift_flux("occupation")
    value = getattr(printed, f"eq{name}")()
    derived_lit = lit[field]
    note = (f"Derived in the literal reading: {sp.sstr(derived_lit)}; in the occupation reading: "
            f"{sp.sstr(occ[field])}. " + extra_note).strip()
    return _reading_verdict({field: (derived_lit, value)}, {field: (occ[field], value)},
                            _FLUX_METHOD, note, sp.sstr(derived_lit), premises=lit.premises,
                            independent=_FLUX_ROUTE,
                            corrected_entries=((_entry(f"eq{name}"), lambda _: derived_lit),))


@check("nuN", "41", "delta^(1)")
def eq41() -> Verdict:
    return _coefficient_check("41", "delta1", "The print has -5(c_V^2 + 9c_A^2)T/k; Eq. 34, from which it follows, "
                              "has +5(...)T/k, and so does the derivation in the occupation reading.")


@check("nuN", "42", "delta^(2)")
def eq42() -> Verdict:
    lit = flux.drift_flux("literal")
    return _coefficient_check("42", "delta2", f"The bracket that delta2 multiplies in Eq. 40 is derived as "
                              f"{sp.sstr(lit['bracket'])} in the literal reading (compared under Eq. 40).")


@check("nuN", "43", "eps^(1)")
def eq43() -> Verdict:
    return _coefficient_check("43", "eps1")


@check("nuN", "44", "eps^(2)")
def eq44() -> Verdict:
    return _coefficient_check("44", "eps2")


@check("nuN", "45", "eps^(3)")
def eq45() -> Verdict:
    return _coefficient_check("45", "eps3")
