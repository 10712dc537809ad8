"""Checks of the `mag` paper's printed equations (Eqs. 4, 5, 7, 9, 14, 15, 16) against derivations.

Each check: (1) the symbolic difference derived - printed, simplified; (2) a numeric spot check of
the derivation by an independent route, which must pass for the check to report anything.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import random
from typing import Callable

import mpmath as mp
import numpy as np
import sympy as sp

from natal.checks.cartesian import FiniteDifferenceFields, random_flow
from natal.checks.compare import align, require_close, symbolic_differences
from natal.derivations import dirac
from natal.derivations.mag import magnetogenesis as mag
from natal.derivations.printed import mag as printed
from natal.mutants import Entry
from natal.numerics import constants
from natal.verdict import Verdict, check

_SEEDS = (1, 2, 3)
_FD_TOL = 1e-15  # Cartesian finite differences keep ~25 digits; see checks.cartesian
_QUAD_TOL = 1e-20


def _precise(func: Callable[[], Verdict]) -> Callable[[], Verdict]:
    """Run a check at 50 significant digits so the numeric routes can be held to tight tolerances."""

    @functools.wraps(func)
    def wrapped() -> Verdict:
        with mp.workdps(50):
            return func()

    return wrapped


def _all_zero(diffs: dict[str, sp.Expr]) -> bool:
    return all(d == 0 for d in diffs.values())


def _fmt(diffs: dict[str, sp.Expr]) -> str:
    return "; ".join(f"{k}: derived - printed = {sp.sstr(v)}" for k, v in diffs.items() if v != 0)


def _verdict(diffs: dict[str, sp.Expr], method: str, note: str, corrected: str, **fields) -> Verdict:
    """``agrees`` when every symbolic difference vanished, else ``differs`` with the derived form;
    ``fields`` (premises, independent, readings, corrected_entries) go to the Verdict."""
    if _all_zero(diffs):
        return Verdict("agrees", method, note, **fields)
    return Verdict("differs", method, "; ".join(filter(None, (_fmt(diffs), note))), corrected, **fields)


def _entry(key: str) -> Entry:
    """The place of printed Eq. ``key`` (for the mutation test's corrected forms)."""
    return Entry(printed.__name__, "EQUATIONS", key)


def _with_meant(d, names: tuple[str, ...]):
    """A transform putting the derived outputs ``names`` of ``d`` in place of a printed equation's
    (in every reading of it)."""
    return lambda eq: dataclasses.replace(eq, meant={**eq.meant, **{n: d[n] for n in names}},
                                          literal={**eq.literal, **{n: d[n] for n in names if n in eq.literal}})


@check("mag", "1", "the growth rate of the magnetic field, dB/dt = -(G q / Q^2) curl(v x curl J)")
def eq1() -> Verdict:
    return Verdict("given", "stated", "The paper's starting point (its Eq. 1, from its earlier work on the "
                   "neutrino ponderomotive force): the induction equation with the ponderomotive source.")


@check("mag", "2", "the ponderomotive force on a plasma species")
def eq2() -> Verdict:
    return Verdict("given", "stated", "Model input: the ponderomotive force of a neutrino flux on a charged "
                   "species in terms of the weak charge G and the neutrino fields of Eq. 3.")


@check("mag", "3", "the neutrino-induced effective fields E_nu and B_nu")
def eq3() -> Verdict:
    return Verdict("given", "stated", "Definition: the effective electric and magnetic fields of the "
                   "neutrino current J_nu and density n_nu.")


@check("mag", "6", "homologous velocity v = Rdot r / R")
def eq6() -> Verdict:
    return Verdict("given", "stated", "Model assumption from the paper's [7]: homologous radial collapse.")


@check("mag", "8", "collapse rate constant k")
def eq8() -> Verdict:
    return Verdict("given", "stated", "Model input from the paper's [7]: k fixes the time scale of the "
                   "collapse, with the polytrope's effective GM = k^2 R_max^3/2 = 2 (4 - 3 gamma) G M.")


@check("mag", "4", "weak charges G_sigma_nu of e and p for nu_e, nu_mu,tau")
@_precise
def eq4() -> Verdict:
    d = mag.weak_charges()
    diffs = symbolic_differences(d, printed.EQUATIONS["4"].meant)

    # Independent route 1: the Fierz sign from random numeric spinors in the chiral representation
    # (the derivation used the Dirac representation and exact matrices).
    rng = np.random.default_rng(4)
    g = [np.array(m.evalf(), dtype=complex) for m in dirac.gammas("chiral")]
    PL = np.array(dirac.left_projector("chiral").evalf(), dtype=complex)
    metric = (1, -1, -1, -1)
    u = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    bar = [ui.conj() @ g[0] for ui in u]

    def vv(a: int, b: int, cc: int, dd: int) -> complex:
        return sum(metric[m] * (bar[a] @ g[m] @ PL @ u[b]) * (bar[cc] @ g[m] @ PL @ u[dd]) for m in range(4))

    lam = vv(0, 1, 2, 3) / vv(0, 3, 2, 1)  # c-number spinors: lambda; Grassmann fields: -lambda
    fierz_numeric = -lam
    if abs(fierz_numeric - float(dirac.fierz_coefficient())) > 1e-12:
        raise ArithmeticError(f"Fierz coefficient: exact {dirac.fierz_coefficient()}, numeric {fierz_numeric}")

    # Independent route 2: the PDG's tabulated low-energy couplings (closed-form oracle):
    # g_V(nu e) = -1/2 + 2 s^2, g_V(nu_e e) = g_V(nu e) + 1, g_V(p) = 1/2 - 2 s^2.
    for s2 in constants.SIN2_THETA_W.values():
        oracle = {"G_e_nue": 0.5 + 2 * s2, "G_e_numu": -0.5 + 2 * s2, "G_p_nue": 0.5 - 2 * s2,
                  "G_p_numu": 0.5 - 2 * s2}
        for k, gv in oracle.items():
            value = float(d[k].subs({mag.G_F: 1, mag.sin2_theta_W: s2})) / np.sqrt(2)
            require_close(f"{k} at sin^2 theta_W = {s2}", mp.mpf(value), mp.mpf(gv), 1e-14)

    rel_GF = printed.G_F_PRINTED / constants.G_F - 1
    hbar_c_rounded = 1.973e-11  # MeV cm: "197.3 MeV fm"
    G_F_rounded = constants.G_F_GeV2 * 1e-6 * hbar_c_rounded**3 * constants.MeV
    method = ("derived from the Z coupling T3 P_L - Q sin^2 theta_W split into vector/axial parts with "
              "explicit Dirac matrices, the nucleon vector charge as the sum over valence quarks, and the "
              "charged-current term Fierz-rearranged (coefficient from exact matrices); symbolic "
              "difference; numeric Fierz check with random spinors in the chiral representation; PDG "
              "low-energy couplings at both sin^2 theta_W conventions")
    note = (f"Printed G_F = {printed.G_F_PRINTED:.5e} erg cm^3 is {rel_GF:+.2e} from CODATA "
            f"({constants.G_F:.5e}); with hbar c rounded to 197.3 MeV fm one gets {G_F_rounded:.5e}, "
            "which suggests that rounding. The paper does not state its sin^2 theta_W.")
    return _verdict(diffs, method, note, "; ".join(f"{k} = {sp.sstr(d[k])}" for k in d.output_names),
                    premises=d.premises, independent="Fierz coefficient from random numeric spinors in the chiral "
                    "representation; the PDG's tabulated low-energy couplings")


def _eq5_statement() -> str:
    parts = []
    for contrib in mag.contributions():
        enters = contrib.enters()
        where = ", ".join(f"dB^{c}/dt" for c in enters) if enters else "no component of dB/dt"
        parts.append(f"{contrib.ingredient} enters {where}")
    return "; ".join(parts)


@check("mag", "5", "vertical field growth rate dB^z/dt")
@_precise
def eq5() -> Verdict:
    d = mag.dBz_dt()
    diffs = symbolic_differences(d, printed.EQUATIONS["5"].meant)
    groups = sp.simplify(sum(d[name] for name in mag.DBZ_GROUPS[:-1]) - d["total"])
    if groups != 0:
        raise ArithmeticError("the Fig. 7 term groups do not add up to dB^z/dt")
    for seed in _SEEDS:
        flow = random_flow(seed, v_theta=False)
        fd = FiniteDifferenceFields(flow).components("dB_dt")["z"]
        require_close(f"dB^z/dt (seed {seed})", flow.evaluate(d["total"]), fd, _FD_TOL)
        if _all_zero(diffs):
            require_close(f"printed Eq. 5 (seed {seed})",
                          flow.evaluate(align(printed.EQUATIONS["5"].meant["total"], d)), fd, _FD_TOL)
    method = ("Eqs. 1-3 with orthonormal spherical curls from scale factors, z = r cos(theta) - theta "
              "sin(theta) components, for v = (v^r, 0, Omega r sin theta), J = (J^r, 0, J^phi), any n_nu; "
              "symbolic difference; Cartesian 4th-order finite differences of random test fields at "
              f"{len(_SEEDS)} points")
    note = ("Derived: " + _eq5_statement() + ". Rigid rotation drops out of dB/dt entirely "
            "(curl(Omega x r x B_nu) = 0 for an axisymmetric B_nu), so Eq. 5 is complete for rigid "
            "rotation; a meridional v^theta would add terms (natal.derivations.mag.magnetogenesis.dB_dt).")
    return _verdict(diffs, method, note, sp.sstr(d["total"]), premises=d.premises,
                    independent="Cartesian 4th-order finite differences of Eqs. 1-3 for random test fields")


def _free_fall(Rmax: float, K: float):
    """The surface's fall from rest at R_max under Rddot = -K/R^2, integrated numerically (DOP853):
    (R(t), Rdot(t)) as functions of t, with no use of the cycloid or of t(psi)."""
    from scipy.integrate import solve_ivp

    t_end = 0.999 * math.pi * math.sqrt(Rmax**3 / (8 * K))  # just before the crunch at R = 0
    sol = solve_ivp(lambda _t, y: [y[1], -K / y[0] ** 2], (0.0, t_end), [Rmax, 0.0], method="DOP853",
                    rtol=1e-13, atol=1e-15 * Rmax, dense_output=True)
    return (lambda tt: float(sol.sol(tt)[0])), (lambda tt: float(sol.sol(tt)[1]))


def _collapse_check(key: str, names: tuple[str, ...], note: str) -> Verdict:
    """mag Eqs. 7 and 10: the derived collapse against the print, confirmed by integrating the
    equation of motion numerically and reading it at the derived t(psi)."""
    d = mag.collapse_rate()
    diffs = symbolic_differences(d, {n: printed.EQUATIONS[key].meant[n] for n in names})
    rng = random.Random(7)
    for _ in range(2):
        Rmax, kk = rng.uniform(1, 3), rng.uniform(0.5, 2)
        R_of_t, Rdot_of_t = _free_fall(Rmax, kk**2 * Rmax**3 / 2)
        for psi0 in (rng.uniform(0.2, 1.5), rng.uniform(1.5, 2.9)):
            at = {mag.R_max: Rmax, mag.k: kk, mag.psi: psi0}
            t0 = float(d["t"].subs(at))
            require_close(f"R at t(psi = {psi0:.3f})", mp.mpf(float(d["R"].subs(at))), mp.mpf(R_of_t(t0)), 1e-9)
            require_close(f"Rdot at t(psi = {psi0:.3f})", mp.mpf(float(d["Rdot"].subs(at))),
                          mp.mpf(Rdot_of_t(t0)), 1e-8)
    method = ("energy integral of Rddot = -K/R^2 from rest at R_max, K = k^2 R_max^3/2 (Eq. 8), on the "
              "parametrisation R = R_max (1 + cos psi)/2; Rdot the infall root; t(psi) by integrating "
              "dt/dpsi = (dR/dpsi)/Rdot from t(0) = 0; symbolic difference")
    return _verdict(diffs, method, note, "; ".join(f"{n} = {sp.sstr(d[n])}" for n in names),
                    premises=d.premises, independent="the equation of motion integrated numerically (DOP853) "
                    "from rest, read at the derived t(psi): R and Rdot")


@check("mag", "7", "collapse rate Rdot(psi)")
def eq7() -> Verdict:
    return _collapse_check("7", ("R", "Rdot"), "R = R_max (1 + cos psi)/2 defines psi; Rdot follows from the "
                           "equation of motion. Derived also: Rddot = -K/R^2 along the solution, K = k^2 R_max^3/2 "
                           "= 2 (4 - 3 gamma) G M by Eq. 8.")


@check("mag", "10", "collapse time t(psi)")
def eq10() -> Verdict:
    return _collapse_check("10", ("t",), "")


def _parabolic_density(M: mp.mpf, R: mp.mpf) -> Callable[[mp.mpf], mp.mpf]:
    """Eq. 9's profile as an mpmath function of r (the independent routes integrate it themselves)."""
    return lambda x: 15 * M / (8 * mp.pi * R**3) * (1 - x**2 / R**2)


@check("mag", "9", "normalisation of the core density profile")
@_precise
def eq9() -> Verdict:
    d = mag.core_density()
    diffs = symbolic_differences(d, printed.EQUATIONS["9"].meant)
    rng = random.Random(9)
    for _ in range(3):
        Mv, Rv = mp.mpf(rng.uniform(0.5, 3)), mp.mpf(rng.uniform(0.5, 3))
        rho = sp.lambdify(mag.r, d["rho_nuc"].subs({mag.M: Mv, mag.R: Rv}), "mpmath")
        mass = mp.quad(lambda x: 4 * mp.pi * x**2 * rho(x), [0, Rv])
        require_close("int 4 pi r^2 rho dr", mass, Mv, _QUAD_TOL)
    method = ("rho = A (1 - r^2/R^2) with A solved from int_0^R 4 pi r^2 rho dr = M; symbolic difference")
    return _verdict(diffs, method, "", sp.sstr(d["rho_nuc"]), premises=d.premises,
                    independent="the mass of the derived profile by numeric quadrature at random (M, R)")


@check("mag", "11", "mass coordinate and its rates")
@_precise
def eq11() -> Verdict:
    d = mag.enclosed_mass()
    diffs = symbolic_differences(d, printed.EQUATIONS["11"].meant)
    # Independent route: dM_r/dt at fixed r holds for any motion of the surface, so along a random
    # smooth R(t) (not the collapse law), the mass inside a fixed sphere by quadrature of Eq. 9,
    # differentiated numerically in t and in r.
    rng = random.Random(11)
    Mv = mp.mpf(rng.uniform(0.5, 2))
    for _ in range(2):
        R0, a, w, t0 = (mp.mpf(rng.uniform(lo, hi)) for lo, hi in ((1, 2), (0.1, 0.4), (0.5, 2), (0, 3)))
        R_of_t = lambda tt, R0=R0, a=a, w=w: R0 * (1 + a * mp.sin(w * tt))  # noqa: E731
        Rv = R_of_t(t0)
        rv = Rv * mp.mpf(rng.uniform(0.1, 0.9))
        mass = lambda tt, radius, R_of_t=R_of_t: mp.quad(  # noqa: E731
            lambda x: 4 * mp.pi * x**2 * _parabolic_density(Mv, R_of_t(tt))(x), [0, radius])
        subs = {mag.M: Mv, mag.R: Rv, mag.Rdot: mp.diff(R_of_t, t0), mag.r: rv}
        value = lambda name: mp.mpf(sp.N(d[name].subs(subs), 50))  # noqa: E731
        require_close("dM_r/dt", value("dM_r_dt"), mp.diff(lambda tt: mass(tt, rv), t0), 1e-15)
        require_close("dM_r/dr", value("dM_r_dr"), mp.diff(lambda x: mass(t0, x), rv), 1e-15)
        require_close("continuity", value("dM_r_dt"), -value("mass_flux"), 1e-30)
    method = ("M_r = int_0^r 4 pi r^2 rho_nuc (Eq. 9) done symbolically, d/dt at fixed r through R(t); "
              "symbolic difference")
    note = ("The printed dM_r/dt = +v 4 pi r^2 rho_nuc has the wrong sign: at fixed r the enclosed mass "
            "grows while matter falls in (v < 0), and continuity gives dM_r/dt = -4 pi r^2 rho_nuc v. "
            "The sign does not enter the paper's numbers (the mass coordinate is only used to label shells).")
    return _verdict(diffs, method, note,
                    "dM_r/dr = 4 pi r^2 rho_nuc, dM_r/dt = -v_sigma^r 4 pi r^2 rho_nuc = "
                    + sp.sstr(d["dM_r_dt"]), premises=d.premises + ("continuity equation",),
                    independent="M_r by numeric quadrature of Eq. 9 along a random smooth R(t), differentiated "
                    "numerically in t and r",
                    corrected_entries=((_entry("11"), _with_meant(d, tuple(printed.EQUATIONS["11"].meant))),))


@check("mag", "14", "angular momentum of the rigidly rotating core")
@_precise
def eq14() -> Verdict:
    d = mag.angular_momentum()
    diffs = symbolic_differences(d, printed.EQUATIONS["14"].meant)
    rng = random.Random(14)
    for _ in range(2):
        W, Mv, Rm, ps = (mp.mpf(rng.uniform(a, b)) for a, b in ((0.5, 2), (0.5, 2), (0.5, 2), (0.1, 3.0)))
        Rv = Rm * (1 + mp.cos(ps)) / 2
        rho = _parabolic_density(Mv, Rv)
        # The integrand separates: a radial and a polar quadrature, times 2 pi.
        L = 2 * mp.pi * W * mp.quad(lambda x: x**4 * rho(x), [0, Rv]) * mp.quad(lambda th: mp.sin(th) ** 3, [0, mp.pi])
        derived = mp.mpf(sp.N(d["L"].subs({mag.Omega: W, mag.M: Mv, mag.R_max: Rm, mag.psi: ps}), 50))
        require_close("angular momentum", derived, L, _QUAD_TOL)
    method = ("triple integral of Omega r^4 sin^3(theta) rho_nuc done symbolically with rho_nuc from the "
              "Eq. 9 derivation and R = R_max (1 + cos psi)/2; symbolic difference")
    return _verdict(diffs, method, "", sp.sstr(d["L"]), premises=d.premises,
                    independent="radial and polar numeric quadratures of the angular momentum")


@check("mag", "15", "spin-up Omega(psi) by angular-momentum conservation")
@_precise
def eq15() -> Verdict:
    d = mag.spin_up()
    eq = printed.EQUATIONS["15"]
    diffs = symbolic_differences(d, eq.meant)
    # Independent route: Omega(psi) = L_final / I(psi) with the moment of inertia by quadrature.
    rng = random.Random(15)

    def inertia(ps: mp.mpf) -> mp.mpf:
        Rv = (1 + mp.cos(ps)) / 2
        rho = lambda x: 15 / (8 * mp.pi * Rv**3) * (1 - x**2 / Rv**2)  # noqa: E731
        return 2 * mp.pi * mp.quad(lambda x: x**4 * rho(x), [0, Rv]) * mp.quad(lambda th: mp.sin(th) ** 3, [0, mp.pi])

    for _ in range(2):
        Wf, pmax = mp.mpf(rng.uniform(1, 100)), mp.mpf(rng.uniform(2.0, 3.0))
        ps = pmax * mp.mpf(rng.uniform(0.05, 0.95))
        numeric = Wf * inertia(pmax) / inertia(ps)
        derived = mp.mpf(sp.N(d["Omega"].subs({mag.Omega_final: Wf, mag.psi_max: pmax, mag.psi: ps}), 50))
        require_close("Omega(psi)", derived, numeric, _QUAD_TOL)

    # The printed 0.012: Omega_final = 2 pi / P and cos^2(psi_max/2) = R_min/R_max (Eq. 7).
    p = printed.PARAMETERS
    prefactor = 2 * np.pi / p["period_final_s"] * (p["R_min_cm"] / p["R_max_cm"]) ** 2
    printed_prefactor = p["Omega_prefactor_rad_s"]
    within_print = abs(prefactor - printed_prefactor) <= 0.0005  # "0.012": half a unit in the last digit
    method = ("Omega from L(psi) = L(psi_max) with L from the Eq. 14 derivation; symbolic difference; "
              "numeric moment of inertia by quadrature; prefactor from P = 0.1 s, R_min, R_max as printed")
    note = (f"Prefactor Omega_final cos^4(psi_max/2) = (2 pi/0.1 s)(R_min/R_max)^2 = {prefactor:.5f} rad/s "
            f"vs printed ~{printed_prefactor}")
    fields = dict(premises=d.premises, independent="Omega_final I(psi_max)/I(psi) with the moment of inertia "
                  "by numeric quadrature")
    if _all_zero(diffs) and within_print:
        return Verdict("agrees", method, note, **fields)
    corrected = f"Omega = {sp.sstr(d['Omega'])} ~ {prefactor:.4f}/cos(psi/2)**4"
    return Verdict("differs", method, (_fmt(diffs) + ". " if diffs else "") + note, corrected, **fields,
                   corrected_entries=((_entry("15"), _with_meant(d, ("Omega",))),))


@check("mag", "16", "ponderomotive force components")
@_precise
def eq16() -> Verdict:
    d = mag.force()
    eq = printed.EQUATIONS["16"]
    diffs = symbolic_differences(d, eq.meant)
    for seed in _SEEDS:
        flow = random_flow(seed, v_theta=False)
        fd = FiniteDifferenceFields(flow).components("force")
        for comp in ("r", "theta", "phi"):
            require_close(f"F^{comp} (seed {seed})", flow.evaluate(d[f"F_{comp}"]), fd[comp], _FD_TOL)
    # What remains when the density gradient is dropped and J^r does not depend on theta, as the
    # paper's spherically symmetric fluid-frame flux implies.
    paper_context = {s: 0 for s in d.inputs if s.name in ("dn_nu_dr", "dn_nu_dtheta", "dJ_r_dtheta")}
    residual = {k: sp.simplify(v.xreplace(paper_context)) for k, v in diffs.items()}
    method = ("Eq. 2 with Eq. 3's fields for v = (v^r, 0, Omega r sin theta), J = (J^r, 0, J^phi) and "
              "density n_nu; symbolic difference under both readings of the broken notation")
    literal = symbolic_differences(d, eq.literal)
    readings = {"literal": "agrees" if _all_zero(literal) else "differs",
                "meant": "agrees" if _all_zero(diffs) else "differs"}
    fields = dict(premises=d.premises, readings=readings,
                  independent=f"Cartesian 4th-order finite differences of random test fields at {len(_SEEDS)} points",
                  corrected_entries=((_entry("16"), _with_meant(d, ("F_r", "F_theta", "F_phi"))),))
    if _all_zero(diffs) and _all_zero(literal):
        return Verdict("agrees", method, eq.reading, **fields)
    note = (_fmt(diffs) + ". The printed components omit the density-gradient force -G grad n_nu "
            "(Eq. 3's grad n_nu drops out of the curl in Eq. 1 but not out of the force itself, which "
            "Sec. III compares with gravity), and F^theta omits G v^r (dJ^r/dtheta)/(c r), which vanishes for the "
            "paper's spherically symmetric J^r. "
            + ("With grad n_nu = 0 and dJ^r/dtheta = 0 the printed form agrees. " if _all_zero(residual)
               else f"Even then: {_fmt(residual)}. ")
            + "Printed notation: " + eq.reading + ".")
    corrected = "; ".join(f"{k} = {sp.sstr(d[k])}" for k in ("F_r", "F_theta", "F_phi"))
    return Verdict("differs", method, note, corrected, **fields)
