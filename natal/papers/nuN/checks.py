"""Checks of the `nuN` paper's printed equations (Eqs. 2, 4-6, 13-15, 18-23, A4-A13).

Each check compares natal's derivation with the printed form (derivations.printed.nuN) and, inside
the check, confirms the derivation by an independent numeric route: explicit numeric spinors for the
spin projector and the matrix elements (checks.spinors), direct numeric integration of the response
and momentum integrals with the energy delta function resolved numerically (:class:`_Shell`),
quadrature of Eq. 12 (numerics.nuN.response), a numeric spin sum for the rate, and the eps-series error
against quadrature.  Upper signs are neutrinos, lower antineutrinos: the printed forms are called
with the sign kept as the symbol ``pm`` (:data:`_PM`) and +1 or -1 put in per species, so that a
corrected form can carry a +- the print lacks.
"""

from __future__ import annotations

import functools
import math
import random
from typing import Callable

import mpmath as mp
import numpy as np
import sympy as sp
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import expit

from natal.checks import spinors
from natal.checks.compare import record_route, require_finite_close
from natal.checks.compare import verdict as _verdict
from natal.derivations import dirac
from natal.derivations.nuN import cross_section as xsec
from natal.derivations.nuN import matrix_element as scattering
from natal.derivations.nuN import response
from natal.derivations.nuN.symbols import (
    B, F_2, G_F, S0, T, c_A, c_V, delta_x, eps, k, k_p, m, mu_B, mu_N, mu_prime, n, q, q0, s, s_p, u, vec,
    x_0, x_min, xp_0, xp_min, z,
)
from natal.derivations.printed import nuN as printed
from natal.mutants import Entry
from natal.numerics.nuN import response as quadrature
from natal.verdict import Verdict, check

__all__ = ["eps_error_slopes", "eps_series_errors"]

#: The paper's upper/lower sign, kept whole in the printed forms: +1 for neutrinos, -1 for antineutrinos.
_PM = sp.Symbol("pm", real=True)
_SPECIES = ((False, 1, "nu"), (True, -1, "nubar"))
# Closed forms like log((e^x + 1)/(e^{x+z} + 1)) + z cancel e^{-x} against z: evaluate with digits
# to spare, and compare printed with derived where x_0 stays below ~40.
_DPS = 60
_TIGHT = mp.mpf(10) ** -25
_BHAT = sp.Matrix([0, 0, 1])


def _precise(func: Callable) -> Callable:
    """Run ``func`` with mpmath at _DPS digits."""
    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        with mp.workdps(_DPS):
            return func(*args, **kwargs)
    return wrapped


def _entry(name: str) -> Entry:
    """The place of a printed function (for the mutation test's corrected forms)."""
    return Entry(printed.__name__, name)




def _numeric_points(exprs: dict[str, sp.Expr], symbols: tuple, ranges: dict, seed: int, count: int = 4
                    ) -> dict[str, list[mp.mpf]]:
    """Evaluate expressions at seeded random points with mpmath (for forms with logs and exps)."""
    rng = random.Random(seed)
    funcs = {key: sp.lambdify(symbols, e, "mpmath") for key, e in exprs.items()}
    out: dict[str, list] = {key: [] for key in exprs}
    with mp.workdps(_DPS):
        for _ in range(count):
            point = [mp.mpf(rng.uniform(*ranges[str(sym)])) for sym in symbols]
            for key, f in funcs.items():
                out[key].append(f(*point))
    return out


def _max_rel(a: list, b: list) -> mp.mpf:
    return max(abs(x - y) / max(abs(x), abs(y), mp.mpf(10) ** -300) for x, y in zip(a, b))


def _numeric_verdict(rel: mp.mpf, method: str, derived: sp.Expr, **fields) -> Verdict:
    """``agrees`` when derived and printed agree to _TIGHT at every comparison point, else ``differs``."""
    if rel < _TIGHT:
        return Verdict("agrees", method, **fields)
    return Verdict("differs", method, f"derived and printed differ by {mp.nstr(rel, 3)} (relative)",
                   sp.sstr(derived), **fields)


# --- Definitions and model inputs ------------------------------------------------------------------

_GIVEN = {
    "1": ("weak vertex with weak magnetism", "Model input: the nucleon's neutral-current vertex c_V gamma^mu + "
          "F_2 i sigma^{mu nu} q_nu/2m - c_A gamma^mu gamma5, with the couplings of Table I."),
    "7": ("differential rate as a phase-space integral", "Definition: the rate per unit volume, k' and solid "
          "angle as the phase-space integral of |M_ss'|^2 with Pauli blocking; its measure (no 1/2E factors) "
          "fixes the spinor normalisation u^dagger u = 1."),
    "8": ("nucleon occupation numbers", "Model assumption: nucleons in equilibrium with Fermi-Dirac "
          "occupation at T and mu_N (rest mass excluded), Landau levels neglected."),
    "12": ("nuclear response function", "Definition: S_ss'(q0, q) as the phase-space integral of "
           "f_N(1 - f'_N) with the four-momentum delta function."),
    "17": ("expansion variables eps and u", "Definition: eps = [4(1 - mu')T/m]^(1/2) and u = (k' - k)/(eps k)."),
    "A1": ("momentum integral of P", "Definition: the vector integral of P = p + p' weighted like Eq. 12, "
           "which Eq. 16's second term needs."),
}


def _register_given(equation: str, title: str, note: str) -> None:
    def given() -> Verdict:
        return Verdict("given", "stated", note)

    given.__name__ = f"eq{equation}"
    check("nuN", equation, title)(given)


for _eq, (_title, _note) in _GIVEN.items():
    _register_given(_eq, _title, _note)


# --- Eq. 2 ---------------------------------------------------------------------------------------

def _projector_route(derived: sp.Matrix) -> None:
    """The derived O(p/m) projector against u ubar from exact boosted spinors (numeric, chiral
    representation), compared through the 16 representation-free bilinears Tr[u ubar Gamma_A]: the
    difference must fall as (p/m)^2 (truncation), and is recorded at the smallest momentum."""
    pv = vec("p")
    traces = [sp.expand((derived * b).trace()) for b in spinors.bilinear_basis("dirac")]
    f = sp.lambdify([*pv, m, s], traces, "numpy")
    rng = np.random.default_rng(2)
    mass = 939.0
    for _ in range(3):
        direction = rng.normal(size=3)
        direction /= np.linalg.norm(direction)
        for ss in (1, -1):
            worst = []
            for lam in (2e-3, 1e-3):
                p = lam * mass * direction
                exact = spinors.projector_bilinears(p, mass, ss)
                worst.append(np.max(np.abs(exact - np.array(f(*p, mass, ss), dtype=complex))) / np.max(np.abs(exact)))
            if not (3.0 < worst[0] / worst[1] < 5.5 and worst[1] < 1e-5):
                raise ArithmeticError(f"derived u ubar minus the exact spinors' does not fall as (p/m)^2: {worst}")
            record_route(worst[1])


def _projector_identities() -> None:
    """The projector obeys the Dirac equation through O(p/m), is at rest a unit-trace projector with
    spin s, in both representations (a symbolic guard on the derivation, beside the numeric route)."""
    pv = vec("p")
    t = sp.Symbol("t_order")
    for rep in ("dirac", "chiral"):
        r0, r1 = scattering.spin_projector("p", "s", rep)
        gg = dirac.gammas(rep)
        pslash_over_m = gg[0] - sum((pv[i] * gg[i + 1] for i in range(3)), sp.zeros(4)) / m
        for ss in (1, -1):
            rho0, rho1 = r0.subs(s, ss), r1.subs(s, ss)
            # (pslash/m - 1) u ubar must vanish through O(1/m); O(1/m^2) is beyond the expansion.
            residual = ((pslash_over_m - sp.eye(4)) * (rho0 + rho1)).subs(m, 1 / t).applyfunc(sp.expand)
            if any(e.coeff(t, 0) != 0 or e.coeff(t, 1) != 0 for e in residual):
                raise ArithmeticError(f"derived projector violates the Dirac equation at O(p/m) ({rep})")
            if sp.expand(rho0 * rho0 - rho0) != sp.zeros(4) or sp.expand(rho0.trace()) != 1:
                raise ArithmeticError("derived projector at rest is not a unit-trace projector")
            if sp.expand((dirac.spin_z(rep) * rho0).trace()) != ss:
                raise ArithmeticError(f"derived projector at rest does not have spin {ss}")


def _halved_with_lower_index(matrix: sp.Matrix) -> sp.Matrix:
    """Eq. 2's printed matrix with p^i read as p_i = -p^i and the 1/2 made 1/4: the derived projector
    when the print is right up to those two things (the corrected form of the mutation test)."""
    pv = vec("p")
    return (matrix.xreplace({c: -c for c in pv}) / 2).applyfunc(sp.expand)


@check("nuN", "2", "nucleon spin projector u ubar to O(p/m)")
def eq2() -> Verdict:
    pv = vec("p")
    g = dirac.gammas("dirac")
    g5 = dirac.gamma5("dirac")
    r0, r1 = scattering.spin_projector()
    derived = (r0 + r1).applyfunc(sp.expand)
    _projector_identities()
    _projector_route(derived)
    literal = printed.eq2(pv, g, g5, s)
    lit_diff = (literal - derived).applyfunc(sp.expand)
    method = ("u ubar from the boosted spinor (pslash + m) u_rest/sqrt(2E(E+m)), u^dagger u = 1, expanded "
              "to O(p/m) for s = +1 and -1 (Dirac representation); guarded by the Dirac equation, idempotence, "
              "unit trace and spin s at rest in the Dirac and chiral representations; compared entry by entry "
              "with the printed matrix")
    fields = dict(premises=scattering.PREMISES["spin_projector"],
                  independent="the 16 bilinears Tr[u ubar Gamma_A] of exact boosted numeric spinors (chiral "
                  "representation) at p/m = 2e-3 and 1e-3, the difference falling as (p/m)^2",
                  corrected_entries=((_entry("eq2"), _halved_with_lower_index),))
    if all(e == 0 for e in lit_diff):
        return Verdict("agrees", method, **fields)
    note = ("The printed projector has trace 2 (ubar u = 2), but the normalisation that Eqs. 4 and 7 use is "
            "u^dagger u = 1 (trace 1): with the printed 1/2 every |M|^2 would be 4 times Eq. 4. ")
    covariant = (printed.eq2(-pv, g, g5, s) - 2 * derived).applyfunc(sp.expand)  # p^i read as p_i = -p^i
    if all(e == 0 for e in covariant):
        note += ("Its O(p/m) terms agree with the derivation when p^i and p^3 are read as covariant "
                 "components p_i = -p^i; read as printed (contravariant, the components of the momentum) "
                 "they describe momentum -p and violate the Dirac equation at O(p/m).")
    else:
        note += "Its O(p/m) terms differ from the derivation under either index reading."
    corrected = ("u(p,s) ubar(p,s) = (1/4)[(1 - s gamma5 gamma^3)(1 + gamma^0 - p^i gamma^i/m) "
                 "+ s (p^3/m) gamma5 (1 + gamma^0)], p^i the components of the momentum, "
                 "metric (+,-,-,-), gamma5 = i gamma^0 gamma^1 gamma^2 gamma^3")
    _check_corrected_projector(derived, pv, g, g5)
    return Verdict("differs", method, note, corrected, **fields)


def _check_corrected_projector(derived: sp.Matrix, pv: sp.Matrix, g, g5) -> None:
    """The corrected form quoted in the verdict is the derived matrix (guards the quoted text)."""
    one = sp.eye(4)
    pg = sum((pv[i] * g[i + 1] for i in range(3)), sp.zeros(4))
    form = ((one - s * g5 * g[3]) * (one + g[0] - pg / m) + s * pv[2] / m * g5 * (one + g[0])) / 4
    if (form - derived).applyfunc(sp.expand) != sp.zeros(4):
        raise ArithmeticError("the quoted corrected Eq. 2 is not the derived projector")


# --- Eqs. 4-6 ------------------------------------------------------------------------------------

def _spinor_route(antineutrino: bool) -> None:
    """Exact-spinor amplitudes against the derived O(k/m) |M|^2 (seeded kinematics): the relative
    residual must fall as (k/m)^2, and is recorded at the smaller scale."""
    M = scattering.matrix_element(antineutrino)
    symbols = [*vec("Omega"), *vec("Omega_p"), *vec("q"), *vec("P"), s, s_p, c_V, c_A, F_2, G_F, m]
    f_lead = sp.lambdify(symbols, M["leading"], "numpy")
    f_first = sp.lambdify(symbols, M["q_part"] + M["P_part"], "numpy")
    rng = np.random.default_rng(2002)
    cv, ca, f2, gf, mass = 0.04, 0.63, 1.03, 1.0, 939.0
    for _ in range(3):
        Om, Omp, pdir = (v / np.linalg.norm(v) for v in rng.normal(size=(3, 3)))
        residuals = []
        for lam in (4e-3, 2e-3):
            kin = spinors.kinematics(1.3 * lam * mass, Om, Omp, lam * mass * pdir, mass)
            worst = 0.0
            for ss in (1, -1):
                for ssp in (1, -1):
                    exact = spinors.amplitude_squared(kin, ss, ssp, cv, ca, f2, gf, antineutrino)
                    args = [*Om, *Omp, *kin.q, *(2 * kin.p + kin.q), ss, ssp, cv, ca, f2, gf, mass]
                    lead, first = f_lead(*args), f_first(*args)
                    worst = max(worst, abs(exact - lead - first) / abs(exact))
            residuals.append(worst)
        ratio = residuals[0] / residuals[1]
        if not 3.0 < ratio < 5.5 or residuals[1] > 1e-4:
            raise ArithmeticError(f"exact-spinor |M|^2 minus the O(k/m) form does not fall as (k/m)^2: "
                                  f"residuals {residuals}")
        record_route(residuals[1])


def _time_reversal(antineutrino: bool) -> None:
    """|M|^2 is unchanged by Omega <-> Omega', q -> -q, P -> P, s <-> s' (the paper's statement)."""
    M = scattering.matrix_element(antineutrino)
    Om, Omp, qv = vec("Omega"), vec("Omega_p"), vec("q")
    swap = {**{Om[i]: Omp[i] for i in range(3)}, **{Omp[i]: Om[i] for i in range(3)},
            **{qv[i]: -qv[i] for i in range(3)}, s: s_p, s_p: s}
    if sp.expand(M["total"].xreplace(swap) - M["total"]) != 0:
        raise ArithmeticError("|M|^2 is not time-reversal symmetric")


_MATRIX_METHOD = ("|M|^2 = (G_F^2/2) L_{mu nu} H^{mu nu} with explicit 4x4 traces: the lepton tensor from "
                  "u-spinor (nu) or v-spinor (nubar) completeness, the hadron tensor from the derived u ubar "
                  "projectors and the Eq. 1 vertex, to O(1/m); the O(1/m) part split uniquely into q and "
                  "P = p + p' terms; time-reversal symmetry checked; compared as a polynomial identity in the "
                  "vector components (B along z), the print's +- put in per species")
_MATRIX_ROUTE = ("exact amplitudes from numeric spinors in the chiral representation with exact kinematics, "
                 "nu and nubar: the relative residual of the O(k/m) form falls as (k/m)^2 and is recorded at "
                 "k/m ~ 3e-3")


def _matrix_check(which: str) -> dict[str, sp.Expr]:
    """derived - printed for nu and nubar; the printed form is read once, its +- kept as _PM."""
    Om, Omp, qv, Pv = vec("Omega"), vec("Omega_p"), vec("q"), vec("P")
    print_form = {"4": lambda: printed.eq4(Om, Omp, _BHAT),
                  "5": lambda: printed.eq5(Om, Omp, qv, _BHAT, _PM),
                  "6": lambda: printed.eq6(Om, Omp, Pv, _BHAT, _PM)}[which]()
    diffs = {}
    for anti, sign, label in _SPECIES:
        _spinor_route(anti)
        _time_reversal(anti)
        M = scattering.matrix_element(anti)
        derived = {"4": M["leading"], "5": M["q_part"], "6": M["P_part"]}[which]
        diffs[label] = sp.factor(sp.expand(derived - print_form.subs(_PM, sign)))
    return diffs


def _with_species_sign(form: sp.Expr) -> sp.Expr:
    """Eq. 4 given a +-: the printed form for neutrinos, Omega and Omega' exchanged for antineutrinos."""
    Om, Omp = vec("Omega"), vec("Omega_p")
    swapped = form.xreplace({**{Om[i]: Omp[i] for i in range(3)}, **{Omp[i]: Om[i] for i in range(3)}})
    return (1 + _PM) / 2 * form + (1 - _PM) / 2 * swapped


def _axial_squared_cross_term(form: sp.Expr) -> sp.Expr:
    """Eq. 6 with its +- term multiplied by c_A (c_A(s' - s)... -> c_A^2(s' - s)...)."""
    pm_part = form - form.subs(_PM, 0)
    return form + (c_A - 1) * pm_part


@check("nuN", "4", "leading |M_ss'|^2")
def eq4() -> Verdict:
    diffs = _matrix_check("4")
    note = corrected = ""
    if diffs["nu"] == 0 and diffs["nubar"] != 0:
        note = ("The print carries no +-, so it claims one form for nu and nubar; it is the neutrino form. "
                "For antineutrinos the spin terms have Omega and Omega' exchanged (Eq. 20's dA_-+ for "
                "nubar follows only from that form, so the paper used it).")
        corrected = ("nubar: (G_F^2/2)[c_V^2 + 3c_A^2 + (c_V^2 - c_A^2) Omega.Omega' "
                     "+ 2c_A(c_V + c_A)(s Omega' + s' Omega).B + 2c_A(c_V - c_A)(s Omega + s' Omega').B "
                     "+ s s'{(c_V^2 - c_A^2)(1 + Omega.Omega') + 4c_A^2 Omega.B Omega'.B}]")
    return _verdict(diffs, _MATRIX_METHOD, note, corrected, premises=scattering.PREMISES["matrix_element"],
                    independent=_MATRIX_ROUTE, corrected_entries=((_entry("eq4"), _with_species_sign),))


@check("nuN", "5", "O(k/m) |M|^2 terms in q")
def eq5() -> Verdict:
    return _verdict(_matrix_check("5"), _MATRIX_METHOD, premises=scattering.PREMISES["matrix_element"],
                    independent=_MATRIX_ROUTE)


@check("nuN", "6", "O(k/m) |M|^2 terms in P = p + p'")
def eq6() -> Verdict:
    diffs = _matrix_check("6")
    note = ("The last term is printed +-c_A(s' - s){(Omega' x Omega) x P}.B, linear in the couplings; the "
            "derivation gives +-c_A^2(s' - s){(Omega' x Omega) x P}.B. Eq. 22's 4c_A^2 mT/q^2 term follows "
            "only from c_A^2, so the paper's later equations used the right one.")
    corrected = ("(G_F^2/2m)[-{c_V^2 + c_A^2 + (c_V^2 - c_A^2)ss'}P.(Omega + Omega') - 2c_V c_A(s + s')P.B "
                 "- 2c_A^2 ss' P.B (Omega + Omega').B - c_V c_A(s + s')(P.Omega Omega'.B + P.Omega' Omega.B) "
                 "+- c_A^2 (s' - s){(Omega' x Omega) x P}.B]")
    return _verdict(diffs, _MATRIX_METHOD, note, corrected, premises=scattering.PREMISES["matrix_element"],
                    independent=_MATRIX_ROUTE, corrected_entries=((_entry("eq6"), _axial_squared_cross_term),))


# --- The response integrals by direct numeric integration ----------------------------------------

class _Shell:
    """Eq. 12 (route "p") or the p' term of Eq. A1 (route "pp"), integrated numerically.

    d^3 of the other nucleon's momentum is spent on the momentum delta function; of d^3P = 2 pi P^2 dP
    dmu over the integrated momentum P (p, or p'), the cosine mu between P and q is spent on the energy
    delta function delta(q0 + E - E'): its root is found by bisection (brentq) and |d(argument)/dmu|
    by a central difference, so nothing of the symbolic resolution (the root in closed form, p_min,
    the change of variable to energy) is used.  The lowest |P| on the shell (where the root reaches
    mu = +-1) is found by bisection and gives E_min; the |P| integral is adaptive quadrature.
    Energies E = p^2/2m - muB_B s, E' = p'^2/2m - muB_B s' (natural units, MeV).
    """

    def __init__(self, route: str, q0v: float, qv: float, Tv: float, mv: float, muN: float, muBB: float,
                 sv: int, spv: int):
        if route not in ("p", "pp"):
            raise ValueError(f"route must be 'p' or 'pp', got {route!r}")
        self.route, self.q0, self.q, self.T, self.m, self.mu_N = route, q0v, qv, Tv, mv, muN
        self.muBB, self.s, self.s_p = muBB, sv, spv

    def energies(self, P: float, mu: float) -> tuple[float, float]:
        """(E, E') with P the integrated momentum at cosine mu to q."""
        m2 = 2 * self.m
        if self.route == "p":
            return (P * P / m2 - self.muBB * self.s,
                    (P * P + self.q**2 + 2 * P * self.q * mu) / m2 - self.muBB * self.s_p)
        return ((P * P + self.q**2 - 2 * P * self.q * mu) / m2 - self.muBB * self.s,
                P * P / m2 - self.muBB * self.s_p)

    def _argument(self, P: float, mu: float) -> float:
        e_in, e_out = self.energies(P, mu)
        return self.q0 + e_in - e_out

    def _on_shell(self, P: float) -> bool:
        return self._argument(P, -1.0) * self._argument(P, 1.0) <= 0

    @functools.cached_property
    def P_min(self) -> float:
        """The smallest |P| for which the energy delta function fires at some mu in [-1, 1]."""
        hi = self.q + 1.0
        while not self._on_shell(hi):
            hi *= 2
        lo = 0.0
        for _ in range(400):
            mid = 0.5 * (lo + hi)
            if mid in (lo, hi):
                break
            lo, hi = (lo, mid) if self._on_shell(mid) else (mid, hi)
        return hi

    @property
    def E_min(self) -> float:
        """The lowest energy of the integrated nucleon on the shell (Eq. A5's E_min, A8's E'_min)."""
        e_in, e_out = self.energies(self.P_min, 0.0)  # the integrated nucleon's energy does not depend on mu
        return e_in if self.route == "p" else e_out

    def integral(self, weight: str = "one") -> float:
        """The integral with weight 1 (S, or S~) or P.q-hat (the q-hat component of the p or p' moment)."""
        h = 1e-3

        def integrand(P: float) -> float:
            mu = brentq(lambda c: self._argument(P, c), -1.0, 1.0, xtol=1e-15, rtol=4 * np.finfo(float).eps)
            jac = abs(self._argument(P, mu + h) - self._argument(P, mu - h)) / (2 * h)
            e_in, e_out = self.energies(P, mu)
            occupation = expit(-(e_in - self.mu_N) / self.T) * expit((e_out - self.mu_N) / self.T)
            w = 1.0 if weight == "one" else P * mu
            return P * P / (2 * math.pi) * occupation / jac * w

        lo = self.P_min
        reach = math.sqrt(2 * self.m * (max(self.mu_N, 0.0) + 70 * self.T + abs(self.muBB)))
        hi = lo + reach + self.q
        points = [math.sqrt(2 * self.m * self.mu_N)] if self.mu_N > 0 else []
        points = [p for p in points if lo < p < hi]
        value, _ = quad(integrand, lo, hi, points=points or None, epsabs=0.0, epsrel=1e-12, limit=400)
        return value


# Shell-route points: degenerate and nondegenerate nucleons, both signs of q0, a field of either sign.
_SHELL_RANGES = {"q0": (-12.0, 12.0), "q": (10.0, 50.0), "T": (3.0, 12.0), "m": (900.0, 960.0),
                 "mu_N": (-30.0, 25.0), "muBB": (-0.5, 0.5)}
_RESPONSE_ARGS = (q0, q, T, m, mu_N, mu_B, B, s, s_p)


def _shell_points(seed: int, count: int = 3) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        point = {key: rng.uniform(*lo_hi) for key, lo_hi in _SHELL_RANGES.items()}
        point["s"], point["s_p"] = rng.choice((1, -1)), rng.choice((1, -1))
        out.append(point)
    return out


def _shell(route: str, point: dict, muBB: float | None = None) -> _Shell:
    return _Shell(route, point["q0"], point["q"], point["T"], point["m"], point["mu_N"],
                  point["muBB"] if muBB is None else muBB, point["s"], point["s_p"])


def _evaluator(expr: sp.Expr) -> Callable[[dict, float], mp.mpf]:
    """A derived expression in (q0, q, T, m, mu_N, mu_B, B, s, s') as a function of a shell point."""
    f = sp.lambdify(_RESPONSE_ARGS, expr, "mpmath")

    def at(point: dict, muBB: float | None = None) -> mp.mpf:
        field = point["muBB"] if muBB is None else muBB
        with mp.workdps(30):
            return f(*(mp.mpf(point[key]) for key in ("q0", "q", "T", "m", "mu_N")), mp.mpf(field), 1,
                     point["s"], point["s_p"])

    return at


def _small_field(point: dict, dx: sp.Expr) -> float:
    """mu_B B for a finite difference of S in B: delta x ~ 1e-4, so that the third-order remainder of
    a central difference (~ delta x^2) stays below the quadratures' 1e-12 divided by delta x."""
    per_unit = abs(float(_evaluator(dx)(point, 1.0)))
    return min(1e-4 / per_unit, 1e-3 * point["T"]) if per_unit > 0 else 1e-3 * point["T"]


def _full_response(route: str) -> sp.Expr:
    """The derived S_ss' (or S~) for any B in physical variables: the closed form with x_min and z put in."""
    forms = response.response_forms(route)
    own = x_min if route == "p" else xp_min
    return forms["exact"].subs(own, forms["x_min"]).subs(z, forms["z"])


def _energy_integral(e_min: float, point: dict, route: str) -> float:
    """Int_{E_min}^inf dE f_N(E)[1 - f_N(E + q0)] (route p) or Int_{E'_min} dE' f_N(E' - q0)[1 - f_N(E')]
    (route pp), by quadrature (Eqs. A4, A6-A7 before the closed form)."""
    q0v, Tv, muN = point["q0"], point["T"], point["mu_N"]
    shift = (0.0, q0v) if route == "p" else (-q0v, 0.0)

    def integrand(E: float) -> float:
        return expit(-(E + shift[0] - muN) / Tv) * expit((E + shift[1] - muN) / Tv)

    hi = max(e_min, muN + abs(q0v)) + 70 * Tv
    points = [p for p in (muN, muN - shift[0], muN - shift[1]) if e_min < p < hi]
    value, _ = quad(integrand, e_min, hi, points=points or None, epsabs=0.0, epsrel=1e-12, limit=400)
    return value


_SHELL_ROUTE = ("direct numeric integration of the momentum integral with the energy delta function resolved "
                "numerically (root in the cosine by bisection, Jacobian by central difference), at seeded "
                "degenerate and nondegenerate points with B != 0")


# --- Eqs. 13-15: the response function -----------------------------------------------------------

# Quadrature points (any degeneracy, wide kinematics) and symbolic-form comparison points (x_0 < ~40).
_RESPONSE_RANGES = {"q0": (-15.0, 25.0), "q": (5.0, 60.0), "T": (3.0, 15.0), "m": (900.0, 960.0),
                    "mu_N": (-40.0, 30.0)}
_COMPARE_RANGES = {"q0": (-10.0, 10.0), "q": (20.0, 60.0), "T": (5.0, 15.0), "m": (900.0, 960.0),
                   "mu_N": (-30.0, 20.0), "delta_x": (-0.1, 0.1), "xp_min": (-5.0, 20.0), "z": (-8.0, 8.0),
                   "x_0": (-5.0, 20.0), "xp_0": (-5.0, 20.0)}


@_precise
def _quadrature_route(seed: int, s_val: int, s_p_val: int, use_B: bool) -> None:
    """The derived exact closed form (any B), x_min and z put in, against the energy- and angle-route
    quadratures of Eq. 12 (numerics.nuN.response)."""
    exact = _full_response("p").subs({s: s_val, s_p: s_p_val})
    f = sp.lambdify((q0, q, T, m, mu_N, mu_B, B), exact, "mpmath")
    rng = random.Random(seed)
    for _ in range(3):
        vals = {key: rng.uniform(*_RESPONSE_RANGES[key]) for key in ("q0", "q", "T", "m", "mu_N")}
        muBB = rng.uniform(-1.0, 1.0) if use_B else 0.0
        derived = f(*(mp.mpf(vals[key]) for key in ("q0", "q", "T", "m", "mu_N")), mp.mpf(muBB), 1)
        for route in ("energy", "angle"):
            numeric = quadrature.response_quadrature(
                vals["q0"], vals["q"], T=vals["T"], mu_N=vals["mu_N"], m=vals["m"], muB_B=muBB,
                s=s_val, s_p=s_p_val, route=route)
            require_finite_close(f"S_ss' closed form vs {route}-route quadrature", derived, mp.mpf(numeric), 1e-10)


_QUADRATURE_ROUTE = ("the closed form with the derived x_min and z against energy- and angle-route quadrature "
                     "of Eq. 12 (numerics.nuN.response) at seeded points, any degeneracy")


@check("nuN", "13", "response function S_0 at B = 0")
@_precise
def eq13() -> Verdict:
    _quadrature_route(13, 1, 1, use_B=False)
    forms = response.response_forms("p")
    derived = forms["exact"].subs(x_min, x_0)  # S_0 is the closed form at x_min = x_0
    syms = (q, T, m, z, x_0)
    vals = _numeric_points({"d": derived, "p": printed.eq13_in_parameters()}, syms, _COMPARE_RANGES, 13)
    method = ("delta function resolved on the angle, p dp = m dE, the energy integral changed to x = (E - mu_N)/T "
              "(which makes the second Fermi factor f(x + z)) and done in closed form (w = e^-x); compared with "
              "Eq. 13 in its own parameters z and x0 at seeded random points (60 digits); their values are "
              "Eq. 15's check")
    return _numeric_verdict(_max_rel(vals["d"], vals["p"]), method, derived, premises=forms.premises,
                            independent=_QUADRATURE_ROUTE)


@check("nuN", "14", "O(B) response correction delta S_ss'")
@_precise
def eq14() -> Verdict:
    for sv, spv in ((1, 1), (1, -1), (-1, 1)):
        _quadrature_route(14 + sv + 3 * spv, sv, spv, use_B=True)
    forms = response.response_forms("p")
    # delta S is the first-order change of S with x_min: the O(B) part of x_min times dS/dx_min at x_0.
    derived = sp.diff(forms["exact"], x_min).subs(x_min, x_0) * delta_x
    # The numeric O(B) part: half the difference of S at +-mu_B B by quadrature.
    dS = _evaluator(forms["dS"])
    for point in _shell_points(14):
        b = _small_field(point, forms["dx"])
        kw = dict(T=point["T"], mu_N=point["mu_N"], m=point["m"], s=point["s"], s_p=point["s_p"])
        odd = (quadrature.response_quadrature(point["q0"], point["q"], muB_B=b, **kw)
               - quadrature.response_quadrature(point["q0"], point["q"], muB_B=-b, **kw)) / 2
        require_finite_close("delta S vs half the +-B difference of quadrature", dS(point, b), mp.mpf(odd), 1e-6)
    syms = (q, T, m, z, x_0, delta_x)
    vals = _numeric_points({"d": derived, "p": printed.eq14_in_parameters()}, syms, _COMPARE_RANGES, 14)
    method = ("derivative of the exact closed form with respect to x_min at x_0, times the O(B) part of x_min; "
              "compared with Eq. 14 in its own parameters z, x0 and delta x at seeded random points (60 digits); "
              "their values are Eq. 15's check")
    return _numeric_verdict(_max_rel(vals["d"], vals["p"]), method, derived, premises=forms.premises,
                            independent=_QUADRATURE_ROUTE + "; delta S against half the difference of quadratures "
                            "at +-mu_B B (mu_B B/T = 1e-3)")


def _minimum_route(route: str, seed: int) -> None:
    """x_min at B = 0 and its O(B) part: the derived ones against the numeric shell's lowest energy
    (the latter by a central difference in mu_B B, exact for a quadratic)."""
    forms = response.response_forms(route)
    x0_at, dx_at = _evaluator(forms["x0"]), _evaluator(forms["dx"])
    for point in _shell_points(seed):
        b = 1e-2 * point["T"]
        x_num = {field: (_shell(route, point, field).E_min - point["mu_N"]) / point["T"] for field in (0.0, b, -b)}
        require_finite_close("x_min at B = 0 vs the numeric shell", x0_at(point, 0.0), mp.mpf(x_num[0.0]), 1e-10)
        require_finite_close("O(B) part of x_min vs the numeric shell", dx_at(point, b),
                      mp.mpf((x_num[b] - x_num[-b]) / 2), 1e-8)


def _shell_response_route(route: str, seed: int) -> None:
    """The derived closed form (x_min and z put in) against the numeric shell integral at B != 0."""
    at = _evaluator(_full_response(route))
    for point in _shell_points(seed):
        require_finite_close("S (closed form) vs the numeric shell integral", at(point), mp.mpf(_shell(route, point).integral()),
                      1e-9)


@check("nuN", "15", "z, x_0 and delta x")
def eq15() -> Verdict:
    forms = response.response_forms("p")
    _minimum_route("p", 15)
    _shell_response_route("p", 151)
    p = printed.eq15()
    diffs = {"z": sp.simplify(forms["z"] - p["z"]), "x0": sp.simplify(forms["x0"] - p["x0"]),
             "dx": sp.factor(forms["dx"] - p["dx"])}
    method = ("z from the change of variable x = (E - mu_N)/T with E' = E + q0 (the two Fermi factors become "
              "f(x) and f(x + z)); x_min = (E_min - mu_N)/T with E_min from the root of the energy delta function "
              "on the angle, expanded to first order in B")
    note = ("delta x as printed, (1 - 2mq0/q^2 s'), closes its parenthesis after s' (so s' multiplies only "
            "2mq0/q^2; Eq. A10 prints the same); the derivation gives (1 - 2mq0/q^2)s'. The paper's Eq. 20 "
            "follows only from the derived form, so this is typographical.")
    corrected = "delta x = -(mu_B B/2T)[(1 + 2mq0/q^2) s + (1 - 2mq0/q^2) s']"
    return _verdict(diffs, method, note if diffs["dx"] != 0 else "", corrected if diffs["dx"] != 0 else "",
                    premises=forms.premises,
                    independent="x_min at B = 0 and its O(B) part from the lowest energy on the numeric delta-function "
                    "shell; z with them through " + _SHELL_ROUTE,
                    corrected_entries=((_entry("eq15"), lambda v: {**v, "dx": forms["dx"]}),))


# --- Eq. 18: nondegenerate nucleons and the eps-expansion ----------------------------------------

def eps_series_errors(points: tuple[tuple[float, float, float], ...] = ((0.4, 1.5, 0.3), (-0.7, 0.8, -0.2)),
                      epsilons: tuple[float, ...] = (0.08, 0.04, 0.02)) -> list[list[float]]:
    """Relative errors of the O(eps^4) series of S_0 against quadrature of Eq. 12, per point and eps.

    At (u, k/T, mu') the nucleon mass is m = 4(1 - mu')T/eps^2 (T = 1 MeV), k' = k(1 + eps u);
    nucleons are nondegenerate (mu_N/T = -35, degeneracy corrections ~1e-15, below the quadrature's
    1e-13).
    """
    prefactor, bracket = response.eps_series(4)
    series = sp.lambdify((u, k, T, mu_prime, eps, n), prefactor * bracket, "mpmath")
    chem = response.nondegenerate_chemical_potential()
    out = []
    for uu, kappa, mup in points:
        errors = []
        for e in epsilons:
            T_val, mass = 1.0, 4 * (1 - mup) / e**2
            dens = float(mp.e ** -35 / chem.subs({n: 1, m: mass, T: T_val}))  # n at exp(mu_N/T) = e^-35
            kk = kappa * T_val
            kkp = kk * (1 + e * uu)
            qq = float(np.sqrt(kk**2 + kkp**2 - 2 * kk * kkp * mup))
            exact = quadrature.response_quadrature(kk - kkp, qq, T=T_val, mu_N=-35.0 * T_val, m=mass,
                                                   rtol=1e-13)
            errors.append(abs(series(uu, kk, T_val, mup, e, dens) - exact) / exact)
        out.append(errors)
    return out


def eps_error_slopes(points: tuple[tuple[float, float, float], ...] = ((0.4, 1.5, 0.3), (-0.7, 0.8, -0.2)),
                     epsilons: tuple[float, ...] = (0.08, 0.04, 0.02)) -> list[float]:
    """log2 of successive error ratios of the O(eps^4) series (eps_series_errors): near 5 when the
    truncation error falls as eps^5."""
    return [float(mp.log(errors[i] / errors[i + 1], 2)) for errors in eps_series_errors(points, epsilons)
            for i in range(len(errors) - 1)]


def _nondegenerate_route(S0_nd: sp.Expr) -> None:
    """The derived nondegenerate S_0 (fugacity from the density) against quadrature of Eq. 12 at
    mu_N/T = -35, where degeneracy corrections are ~e^-35."""
    f = sp.lambdify((q0, q, T, m, n), S0_nd, "mpmath")
    chem = response.nondegenerate_chemical_potential()
    rng = random.Random(18)
    for _ in range(3):
        q0v, qv, Tv, mv = rng.uniform(-10, 10), rng.uniform(10, 50), rng.uniform(3, 12), rng.uniform(900, 960)
        dens = float(mp.e ** -35 / chem.subs({n: 1, m: mv, T: Tv}))
        exact = quadrature.response_quadrature(q0v, qv, T=Tv, mu_N=-35.0 * Tv, m=mv, rtol=1e-13)
        require_finite_close("nondegenerate S_0 vs quadrature at mu_N/T = -35", f(q0v, qv, Tv, mv, dens), mp.mpf(exact), 1e-10)


@check("nuN", "18", "nondegenerate S_0 and its eps-expansion")
@_precise
def eq18() -> Verdict:
    derived = response.nondegenerate_response()
    _nondegenerate_route(derived)
    errors = eps_series_errors()
    slopes = [math.log2(e[i] / e[i + 1]) for e in errors for i in range(len(e) - 1)]
    if min(slopes) < 4.5:
        raise ArithmeticError(f"the O(eps^4) series error does not fall as eps^5: log2 ratios {slopes}")
    for e in errors:
        record_route(e[-1])
    p = printed.eq18()
    prefactor, bracket = response.eps_series(4)
    first_order = sp.expand(bracket.coeff(eps, 0) + bracket.coeff(eps, 1) * eps)  # the print stops at O(eps)
    diffs = {"middle form (ratio - 1)": sp.simplify(sp.powsimp(derived / p["S0_nondegenerate"], force=True) - 1),
             "bracket to O(eps)": sp.simplify(sp.expand(p["bracket"] - first_order)),
             "series to O(eps)": sp.simplify(sp.expand(p["S0_series"] - prefactor * first_order))}
    method = ("nondegenerate limit of the closed form (leading order in exp(mu_N/T)) with the fugacity from "
              "n = 2 Int d^3p/(2pi)^3 e^{-(E - mu_N)/T}; then k' = k(1 + eps u), m = 4(1 - mu')T/eps^2 and a "
              "series in eps carried to O(eps^4) (derivations.series), compared with the print to its order")
    kappa = sp.Symbol("kappa", positive=True)  # k/T: the bracket depends on k and T only through it
    c2 = sp.factor(sp.cancel(bracket.coeff(eps, 2).subs(k, kappa * T)))
    note = (f"The print stops at O(eps); natal's bracket continues with kappa = k/T: c2 = {sp.sstr(c2)}; "
            "c3 and c4 from natal.derivations.nuN.response.eps_series(4) (the 1/(1 - mu') is T/m "
            "written through eps).")
    return _verdict(diffs, method, note if all(d == 0 for d in diffs.values()) else "",
                    premises=response.PREMISES["eps_series"],
                    independent="the nondegenerate S_0 against quadrature of Eq. 12 at mu_N/T = -35; the O(eps^4) "
                    f"series against quadrature, its error falling as eps^5 (log2 error ratios "
                    f"{', '.join(f'{x:.2f}' for x in slopes)}), recorded at eps = 0.02")


# --- Eqs. 19-23: the cross-section coefficients --------------------------------------------------

@functools.lru_cache(maxsize=None)
def _rate_reference(antineutrino: bool) -> tuple[dict, float, float]:
    """Eq. 7 assembled numerically, without the symbolic spin sums, linearisation or orientations.

    At a seeded generic geometry (B along z) the spin sum of Eqs. 10, 11, 16 is done numerically:
    the derived |M_ss'|^2 times S_ss' by quadrature of Eq. 12 at the exact field, plus the P terms
    with P = P_par q-hat from quadrature of Eq. A1 (mu_N/T = -30, so degeneracy corrections are
    ~1e-13).  Half the sum and difference of the results at +B and -B are the field-even and
    field-odd parts (O(B^2) and O(B^3) remainders ~1e-7).  Returns the point, the even and the odd
    part; the derived coefficients are compared with them by each rate check (:func:`_rate_route`).
    """
    M = scattering.matrix_element(antineutrino)
    Omv, Ompv, qvv, Pvv = vec("Omega"), vec("Omega_p"), vec("q"), vec("P")
    base = [*Omv, *Ompv, *qvv, s, s_p, c_V, c_A, F_2, G_F, m]
    f_q = sp.lambdify(base, M["leading"] + M["q_part"], "numpy")
    f_P = sp.lambdify(base + [*Pvv], M["P_part"], "numpy")
    cv, ca, f2, gf, mass, temp, kk, kkp, muBB = -0.5, -0.63, -0.97, 1.0, 939.0, 10.0, 20.0, 21.0, 1e-3
    rng = np.random.default_rng(23)
    Om, Omp = (v / np.linalg.norm(v) for v in rng.normal(size=(2, 3)))
    qvec = kk * Om - kkp * Omp
    qq, q00 = float(np.linalg.norm(qvec)), kk - kkp
    muN = -30.0 * temp
    dens = float(np.exp(muN / temp) / np.sqrt(2 * np.pi**3 / (mass * temp) ** 3))
    phase = kkp**2 / (2 * np.pi) ** 3

    def summed(field: float) -> float:
        total = 0.0
        for ss in (1, -1):
            for ssp in (1, -1):
                kw = dict(T=temp, mu_N=muN, m=mass, muB_B=field, s=ss, s_p=ssp)
                S = quadrature.response_quadrature(q00, qq, **kw)
                P_par = quadrature.momentum_moment_quadrature(q00, qq, **kw)
                args = [*Om, *Omp, *qvec, ss, ssp, cv, ca, f2, gf, mass]
                total += f_q(*args) * S + f_P(*args, *(P_par * qvec / qq))
        return phase * total

    plus, minus = summed(muBB), summed(-muBB)
    point = {k: kk, k_p: kkp, mu_prime: float(Om @ Omp), T: temp, m: mass, mu_B: muBB, B: 1, c_V: cv,
             c_A: ca, F_2: f2, G_F: gf, "Omega_B": Om[2], "Omegap_B": Omp[2],
             S0: quadrature.response_nondegenerate(q00, qq, T=temp, n=dens, m=mass)}
    return point, (plus + minus) / 2, (plus - minus) / 2


def _rate_route() -> None:
    """The derived coefficients of Eq. 9, nu and nubar, against the numeric spin sum (_rate_reference)."""
    for anti, _, label in _SPECIES:
        point, even_num, odd_num = _rate_reference(anti)
        values = {key: val for key, val in point.items() if isinstance(key, sp.Symbol)}
        c = xsec.rate_coefficients(anti)
        even = float((c.A0 + c.A0_WM).subs(values))
        odd = float(((c.dA_Omega + c.dB_WM) * point["Omega_B"] + (c.dA_Omegap + c.dC_WM) * point["Omegap_B"])
                    .subs(values))
        require_finite_close(f"{label} field-even rate vs numeric spin sum", mp.mpf(even), mp.mpf(even_num), 1e-6)
        require_finite_close(f"{label} field-odd rate vs numeric spin sum", mp.mpf(odd), mp.mpf(odd_num), 1e-5)


def _rate_check(which: str) -> dict[str, sp.Expr]:
    _rate_route()
    Om, Omp = xsec.orientation("Omega_along_B")
    subs = xsec.kinematic_substitution(Om, Omp)
    qv = k * Om - k_p * Omp
    print_forms = {
        "19": lambda: {"A0": printed.eq19()},
        "20": lambda: {"Omega.B": printed.eq20(_PM), "Omega'.B": printed.eq20(-_PM)},
        "21": lambda: {"A0_WM": printed.eq21(Om, Omp, qv, _PM)},
        "22": lambda: {"dB_WM": printed.eq22(Om, Omp, qv, _PM)},
        "23": lambda: {"dC_WM": printed.eq23(Om, Omp, qv, _PM)},
    }[which]()
    diffs = {}
    for anti, sign, label in _SPECIES:
        c = xsec.rate_coefficients(anti)
        derived = {"A0": c.A0, "Omega.B": c.dA_Omega, "Omega'.B": c.dA_Omegap, "A0_WM": c.A0_WM,
                   "dB_WM": c.dB_WM, "dC_WM": c.dC_WM}
        for name, print_form in print_forms.items():
            diffs[f"{label} {name}"] = sp.factor(sp.cancel((derived[name] - print_form.subs(_PM, sign)).subs(subs)))
    return diffs


_RATE_METHOD = ("Eqs. 10, 11, 16 with natal's |M_ss'|^2 (Eqs. 4-6, derived), S_ss' = S_0(1 - delta x) "
                "(nondegenerate limit of the derived Eq. 14) and the derived momentum moment (A13), summed over "
                "s, s' and truncated at O(B); Omega.B and Omega'.B parts read off from two orientations and "
                "checked to exhaust the O(B) term; compared as rational functions of k, k', mu' with "
                "q = k Omega - k' Omega', q0 = k - k' (S_0 kept whole), the print's +- put in per species")
_RATE_ROUTE = ("a numeric spin sum of the derived |M_ss'|^2 times S_ss' and the P moment by quadrature (Eqs. 12, "
               "A1) at +-B, nu and nubar: field-even and field-odd parts")


def _register_rate_check(which: str, title: str) -> None:
    def rate_check() -> Verdict:
        return _verdict(_rate_check(which), _RATE_METHOD, premises=xsec.RATE_PREMISES, independent=_RATE_ROUTE)

    rate_check.__name__ = f"eq{which}"
    check("nuN", which, title)(rate_check)


for _which, _title in (("19", "A_0"), ("20", "delta A_+-"), ("21", "A_0^WM"), ("22", "delta B^WM"),
                       ("23", "delta C^WM")):
    _register_rate_check(_which, _title)


# --- Appendix A ----------------------------------------------------------------------------------

_APPENDIX_METHOD = ("delta function resolved on the cosine between the integrated momentum and q (route p: "
                    "d^3p'; route p': d^3p), p dp = m dE, moments p.q-hat = p mu fixed at the root")


def _moment_route(route: str, seed: int, integral_coeff: sp.Expr, result_coeff: sp.Expr) -> None:
    """Both sides of Eq. A4 (route p) or A6 (route pp) against the numeric shell's moment of P.q-hat:
    the derived coefficient of the vector q times the energy integral (quadrature from the derived
    lower limit), and times S (the numeric shell integral)."""
    at_integral, at_result = _evaluator(integral_coeff * q), _evaluator(result_coeff * q)
    at_min = _evaluator(response.minimum_energy(route))
    for point in _shell_points(seed):
        shell = _shell(route, point)
        moment = mp.mpf(shell.integral("pq"))
        energy = _energy_integral(float(at_min(point)), point, route)
        require_finite_close("moment (energy integral form) vs the numeric shell", at_integral(point) * energy, moment, 1e-8)
        require_finite_close("moment (response form) vs the numeric shell", at_result(point) * shell.integral(), moment, 1e-8)


def _moment_verdict(route: str, print_form: dict[str, sp.Expr]) -> Verdict:
    """A4 (route p) or A6 (route pp): both coefficients of the moment against the print."""
    mm = response.momentum_moment()
    integral, result = {"p": (mm["p_integral_coeff"], mm["p_result_coeff"]),
                        "pp": (mm["pp_integral_coeff"], mm["pp_result_coeff"])}[route]
    _moment_route(route, 4 if route == "p" else 6, integral, result)
    return _verdict({"integral_coeff": sp.simplify(integral - print_form["integral_coeff"]),
                     "result_coeff": sp.simplify(result - print_form["result_coeff"])}, _APPENDIX_METHOD,
                    premises=mm.premises, independent="the q-hat component of the moment by " + _SHELL_ROUTE)


@check("nuN", "A4", "momentum moment of p")
def eqA4() -> Verdict:
    return _moment_verdict("p", printed.eqA4())


@check("nuN", "A6", "momentum moment of p'")
def eqA6() -> Verdict:
    return _moment_verdict("pp", printed.eqA6())


def _lowest_energy_route(route: str, seed: int) -> None:
    """The derived E_min (E'_min) against the lowest energy on the numeric delta-function shell."""
    at = _evaluator(response.minimum_energy(route))
    for point in _shell_points(seed):
        require_finite_close("E_min vs the numeric shell", at(point), mp.mpf(_shell(route, point).E_min), 1e-10)


@check("nuN", "A5", "lower limit E_min")
def eqA5() -> Verdict:
    _lowest_energy_route("p", 5)
    derived = response.minimum_energy("p")
    d = sp.factor(derived - printed.eqA5())
    note = ("The print has [q0 + q^2/2m - mu_B B(s - s')]^2; Eq. A3 and Eq. 15's x_0 have q0 - q^2/2m, as the "
            "derivation does. As printed, S for nondegenerate nucleons comes out low by about e^{-q0/T}.")
    corrected = "E_min = -mu_B B s + [q0 - q^2/2m - mu_B B (s - s')]^2 / (4 q^2/2m)"
    return _verdict({"E_min": d}, _APPENDIX_METHOD, note if d != 0 else "", corrected if d != 0 else "",
                    premises=response.PREMISES["response.p"],
                    independent="the lowest energy on the numeric delta-function shell (bisection in |p|)",
                    corrected_entries=((_entry("eqA5"), lambda _: derived),))


@check("nuN", "A7", "prefactor of S~")
def eqA7() -> Verdict:
    prefactor = response.response_prefactor("pp")
    at_pref, at_min = _evaluator(prefactor), _evaluator(response.minimum_energy("pp"))
    for point in _shell_points(7):
        shell = _shell("pp", point)
        energy = _energy_integral(float(at_min(point)), point, "pp")
        require_finite_close("S~ (prefactor times the energy integral) vs the numeric shell", at_pref(point) * energy,
                      mp.mpf(shell.integral()), 1e-8)
    return _verdict({"prefactor": sp.simplify(prefactor - printed.eqA7())}, _APPENDIX_METHOD,
                    premises=response.PREMISES["response.pp"],
                    independent="the derived prefactor times the energy integral by quadrature against " + _SHELL_ROUTE)


@check("nuN", "A8", "lower limit E'_min")
def eqA8() -> Verdict:
    _lowest_energy_route("pp", 8)
    derived = response.minimum_energy("pp")
    # E'_min - q0 = E_min exactly: the identity behind S~ = S (Eq. A12's note).
    shift = sp.expand(derived - q0 - response.minimum_energy("p"))
    if shift != 0:
        raise ArithmeticError(f"E'_min - q0 - E_min = {shift}, expected 0")
    return _verdict({"E'_min": sp.factor(derived - printed.eqA8())}, _APPENDIX_METHOD + "; E'_min - q0 = E_min exactly",
                    premises=response.PREMISES["response.pp"],
                    independent="the lowest energy of the final nucleon on the numeric delta-function shell")


@check("nuN", "A9", "S~ in closed form")
@_precise
def eqA9() -> Verdict:
    forms = response.response_forms("pp")
    syms = (q, T, m, z, xp_min)
    ranges = _COMPARE_RANGES
    vals = _numeric_points({"d": forms["exact"], "p": printed.eqA9()}, syms, ranges, 9)
    # Independent: the integral of Eq. A9 itself by quadrature at each point.
    rng = random.Random(9)
    for i in range(len(vals["d"])):
        qq, TT, mm_, zz, xp = (rng.uniform(*ranges[str(sym)]) for sym in syms)
        integrand = lambda xv: 1 / ((mp.e ** (xv - zz) + 1) * (1 + mp.e ** (-xv)))  # noqa: E731
        numeric = mm_**2 * TT / (2 * mp.pi * qq) * mp.quad(integrand, [xp, max(xp, zz) + 1, xp + 50, mp.inf])
        require_finite_close("S~ closed form vs quadrature", vals["d"][i], numeric, 1e-14)
    method = ("Int_{x'_min} f(x' - z)[1 - f(x')] dx' by the substitution x = x' - z into the Fermi integral; "
              "compared in z and x'_min at seeded random points (60 digits)")
    return _numeric_verdict(_max_rel(vals["d"], vals["p"]), method, forms["exact"], premises=forms.premises,
                            independent="the integral of Eq. A9 by mpmath quadrature at the comparison points")


@check("nuN", "A10", "x'_0 and delta x'")
def eqA10() -> Verdict:
    forms = response.response_forms("pp")
    _minimum_route("pp", 10)
    p = printed.eqA10()
    diffs = {"x0p": sp.simplify(forms["x0"] - p["x0p"]), "dxp": sp.factor(forms["dx"] - p["dxp"])}
    same = sp.simplify(forms["dx"] - response.response_forms("p")["dx"]) == 0
    note = ("delta x' is printed with the same parenthesis as Eq. 15, (1 - 2mq0/q^2 s'); derived "
            "(1 - 2mq0/q^2)s'." if diffs["dxp"] != 0 else "")
    note += " delta x' = delta x, as the paper states." if same else ""
    corrected = "delta x' = -(mu_B B/2T)[(1 + 2mq0/q^2) s + (1 - 2mq0/q^2) s']" if diffs["dxp"] != 0 else ""
    return _verdict(diffs, _APPENDIX_METHOD + "; x'_min = (E'_min - mu_N)/T expanded to first order in B",
                    note.strip(), corrected, premises=forms.premises,
                    independent="x'_min at B = 0 and its O(B) part from the lowest energy on the numeric "
                    "delta-function shell (route p')",
                    corrected_entries=((_entry("eqA10"), lambda v: {**v, "dxp": forms["dx"]}),))


@check("nuN", "A11", "S~_0 and delta S~")
@_precise
def eqA11() -> Verdict:
    forms = response.response_forms("pp")
    St0, dSt = _evaluator(forms["S0"]), _evaluator(forms["dS"])
    for point in _shell_points(11):
        b = _small_field(point, forms["dx"])
        require_finite_close("S~_0 vs the numeric shell at B = 0", St0(point, 0.0),
                      mp.mpf(_shell("pp", point, 0.0).integral()), 1e-9)
        odd = (_shell("pp", point, b).integral() - _shell("pp", point, -b).integral()) / 2
        require_finite_close("delta S~ vs half the +-B difference of the numeric shell", dSt(point, b), mp.mpf(odd), 1e-6)
    p = printed.eqA11_in_parameters()
    derived = {"St0": forms["exact"].subs(xp_min, xp_0),
               "dSt": sp.diff(forms["exact"], xp_min).subs(xp_min, xp_0) * delta_x}
    syms = (q, T, m, z, xp_0, delta_x)
    vals = _numeric_points({**derived, **{f"p{key}": p[key] for key in derived}}, syms, _COMPARE_RANGES, 11)
    rel = max(_max_rel(vals[key], vals[f"p{key}"]) for key in derived)
    method = ("A9 at x'_min = x'_0 and its x'_min-derivative times delta x, compared with Eq. A11 in its own "
              "parameters z, x'_0 and delta x at seeded random points (60 digits); their values are Eqs. A9-A10's "
              "checks (delta x' = delta x is derived there)")
    return _numeric_verdict(rel, method, derived["dSt"], premises=forms.premises,
                            independent="S~_0 and half the +-B difference of S~ by " + _SHELL_ROUTE)


@check("nuN", "A12", "nondegenerate limit of S~")
@_precise
def eqA12() -> Verdict:
    forms = response.response_forms("pp")
    w = sp.Symbol("w_nondegenerate", positive=True)  # e^{-x'_0}: small for nondegenerate nucleons

    def leading(e: sp.Expr) -> sp.Expr:
        """The first-order coefficient in w = e^{-x'_0}, times w."""
        e = e.subs(xp_0, -sp.log(w))
        return sp.simplify(sp.series(e, w, 0, 2).removeO().coeff(w, 1)) * w

    pref = response.response_prefactor("pp") * T
    in_parameters = forms["exact"].subs(xp_min, xp_0) / pref
    p = printed.eqA12_in_parameters()
    diffs = {key: sp.simplify(sp.powsimp(leading(in_parameters) / leading(p[key]), force=True) - 1)
             for key in ("middle", "exp_form")}
    # The final form is in physical variables: the derived S~_0 at leading order in exp(mu_N/T).
    zeta = sp.Symbol("zeta", positive=True)
    physical = (forms["S0"] / pref).subs(mu_N, T * sp.log(zeta))
    final_derived = sp.series(physical, zeta, 0, 2).removeO()
    diffs["final"] = sp.simplify(sp.powsimp(final_derived / p["final"].subs(mu_N, T * sp.log(zeta)), force=True) - 1)
    # Independent: the numeric shell integral for nondegenerate nucleons (mu_N/T = -30) against the
    # derived leading form; degeneracy corrections are ~e^-30.
    at = _evaluator(pref * final_derived.subs(zeta, sp.exp(mu_N / T)))
    for point in _shell_points(12):
        point = {**point, "mu_N": -30.0 * point["T"]}
        require_finite_close("nondegenerate S~_0 vs the numeric shell at mu_N/T = -30", at(point, 0.0),
                      mp.mpf(_shell("pp", point, 0.0).integral()), 1e-9)
    method = ("leading order of the derived S~_0 in e^{-x'_0} (the middle and exponential forms, in z and x'_0) "
              "and in exp(mu_N/T) (the final form, with the derived x'_0 and z), compared with each printed form")
    note = ("Beyond the paper: E'_min - q0 = E_min exactly, so S~_ss' = S_ss' for any degeneracy, not only "
            "for nondegenerate nucleons, and Eq. A13 is exact.")
    return _verdict(diffs, method, note if all(d == 0 for d in diffs.values()) else "",
                    premises=forms.premises + ("nondegenerate nucleons: leading order in exp(mu_N/T)",),
                    independent="the numeric shell integral of S~ (" + _SHELL_ROUTE + ") at mu_N/T = -30")


@_precise
def _P_moment_route(coefficient: sp.Expr) -> None:
    """The derived moment of P = p + p' against angle-route quadrature of Eq. A1 (numerics.nuN.response),
    at any degeneracy and B."""
    moment = coefficient * q * _full_response("p")
    rng = random.Random(41)
    for sv, spv in ((1, -1), (-1, -1), (1, 1)):
        f = sp.lambdify((q0, q, T, m, mu_N, mu_B, B), moment.subs({s: sv, s_p: spv}), "mpmath")
        vals = {key: rng.uniform(*_RESPONSE_RANGES[key]) for key in ("q0", "q", "T", "m", "mu_N")}
        muBB = rng.uniform(-1.0, 1.0)
        derived = f(*(mp.mpf(vals[key]) for key in ("q0", "q", "T", "m", "mu_N")), mp.mpf(muBB), 1)
        numeric = quadrature.momentum_moment_quadrature(
            vals["q0"], vals["q"], T=vals["T"], mu_N=vals["mu_N"], m=vals["m"], muB_B=muBB, s=sv, s_p=spv)
        require_finite_close("P.q-hat moment vs quadrature", derived, mp.mpf(numeric), 1e-9)


@check("nuN", "A13", "momentum moment of P = p + p'")
def eqA13() -> Verdict:
    mm = response.momentum_moment()
    _P_moment_route(mm["P_result_coeff"])
    d = sp.simplify(mm["P_result_coeff"] - printed.eqA13())
    return _verdict({"coefficient": d}, _APPENDIX_METHOD + "; A4 + A6 with S~ = S (exact)",
                    "Exact at any degeneracy (S~ = S exactly, see A12)." if d == 0 else "",
                    premises=mm.premises, independent="angle-route quadrature of Eq. A1's moment (numerics.nuN.response) "
                    "at any degeneracy and B")

