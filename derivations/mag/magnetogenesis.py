"""Neutrino ponderomotive magnetogenesis during core collapse (`mag` paper, Zhang 2026).

Everything here is derived from the paper's starting points, never typed in from its results:

* Eq. 3: the neutrino-electric and neutrino-magnetic fields
  E_nu = grad n_nu + (1/c) dJ_nu/dt,   B_nu = (1/c) curl J_nu;
* Eq. 2: the ponderomotive force on a plasma particle sigma, F_sigma = G_sigma_nu (-E_nu + v_sigma x B_nu);
* Eq. 1: the field growth dB/dt = (c q_sigma / Q^2) curl F_sigma;
* the electroweak couplings of the Standard Model (for Eq. 4), the parabolic density profile (Eq. 9),
  rigid rotation (Eq. 14) and the cycloidal collapse R(psi), t(psi) (Eqs. 7 and 10).

Fields are axisymmetric functions of (r, theta, t) with orthonormal spherical components (the paper's
footnote 1): v = (v^r, v^theta, Omega r sin theta), J = (J^r, 0, J^phi), and the neutrino density
n_nu, the time component J^t of the flux four-vector up to the paper's factor of c.

Sums over plasma species sigma and neutrino species nu are linear, so every result here is for one
(sigma, nu) pair with coupling ``G_sigma_nu`` and charge ``q_sigma``; the numeric layer sums.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from natal.derivations import dirac
from natal.derivations.jets import jet_symbol, to_jets
from natal.derivations.mag.symbols import (
    G, G_F, M, Q2, R, R_max, SYMBOLS, Omega, Omega_final, Rdot, c, k, phi, psi, psi_max, q, r, sin2_theta_W,
    t, theta,
)
from natal.derivations.result import Derivation
from natal.derivations.vector import Coordinates, cross, curl, grad, spherical, z_component

__all__ = [
    "SYMBOLS",
    "AxisymmetricFlow",
    "NeutrinoFields",
    "axisymmetric_flow",
    "neutrino_fields",
    "ponderomotive_force",
    "field_growth",
    "Contributions",
    "contributions",
    "dBz_dt",
    "DBZ_GROUPS",
    "dB_dt",
    "force",
    "vector_coupling",
    "weak_charges",
    "core_density",
    "angular_momentum",
    "spin_up",
    "collapse_rate",
]

_COORDS: Coordinates = spherical(r, theta, phi)

# Units (cgs) of the evaluator arguments, for the generated evaluators' docstrings.
_FIELD_UNITS = {"n_nu": "cm^-3", "J_r": "cm^-3", "J_phi": "cm^-3", "v_r": "cm s^-1", "v_theta": "cm s^-1"}
_VAR_UNITS = {"r": "cm", "theta": "rad", "t": "s"}
_UNITS = {
    "r": "cm", "theta": "rad", "c": "cm s^-1", "Omega": "rad s^-1",
    "G_sigma_nu": "erg cm^3", "q_sigma": "esu", "Q2": "esu^2",
}


def _jet(field: str, *wrt: str) -> sp.Symbol:
    """:func:`jets.jet_symbol`, recording the jet's unit (field unit over the variables' units)."""
    symbol = jet_symbol(field, *wrt)
    unit = _FIELD_UNITS[field]
    if wrt:
        unit = f"{unit} / ({' '.join(_VAR_UNITS[w] for w in wrt)})"
    _UNITS[symbol.name] = unit
    return symbol


def _units(inputs: tuple[sp.Symbol, ...], outputs: dict[str, str]) -> dict[str, str]:
    return {**{s.name: _UNITS[s.name] for s in inputs}, **outputs}


# --- the fields ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AxisymmetricFlow:
    """Plasma velocity and neutrino flux as undefined SymPy functions of (r, theta, t)."""

    coords: Coordinates
    n: sp.Expr
    J: tuple[sp.Expr, sp.Expr, sp.Expr]
    v: tuple[sp.Expr, sp.Expr, sp.Expr]


def axisymmetric_flow(*, rotation: bool = True, v_theta: bool = True, J_r: bool = True) -> AxisymmetricFlow:
    """The most general flow the paper considers, with switches to remove each ingredient.

    rotation: v^phi = Omega r sin(theta) (rigid rotation); v_theta: a meridional velocity v^theta;
    J_r: a radial neutrino flux J^r.  J^theta = 0 throughout, as in the paper.
    """
    args = (r, theta, t)
    zero = sp.Integer(0)
    n = sp.Function("n_nu")(*args)
    Jr = sp.Function("J_r")(*args) if J_r else zero
    Jphi = sp.Function("J_phi")(*args)
    vr = sp.Function("v_r")(*args)
    vth = sp.Function("v_theta")(*args) if v_theta else zero
    vphi = Omega * r * sp.sin(theta) if rotation else zero
    return AxisymmetricFlow(_COORDS, n, (Jr, zero, Jphi), (vr, vth, vphi))


@dataclass(frozen=True)
class NeutrinoFields:
    """The neutrino-electric and neutrino-magnetic fields of Eq. 3 (orthonormal spherical)."""

    E: tuple[sp.Expr, sp.Expr, sp.Expr]
    B: tuple[sp.Expr, sp.Expr, sp.Expr]


def neutrino_fields(flow: AxisymmetricFlow) -> NeutrinoFields:
    """Eq. 3: E_nu = grad n_nu + (1/c) dJ_nu/dt and B_nu = (1/c) curl J_nu."""
    gn = grad(flow.n, flow.coords)
    E = tuple(gn[i] + sp.diff(flow.J[i], t) / c for i in range(3))
    B = tuple(b / c for b in curl(flow.J, flow.coords))
    return NeutrinoFields(E, B)  # type: ignore[arg-type]


def ponderomotive_force(flow: AxisymmetricFlow) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """Eq. 2 for one (sigma, nu) pair: F = G_sigma_nu (-E_nu + v_sigma x B_nu)."""
    f = neutrino_fields(flow)
    vxB = cross(flow.v, f.B)
    return tuple(sp.expand(G * (-f.E[i] + vxB[i])) for i in range(3))  # type: ignore[return-value]


def field_growth(flow: AxisymmetricFlow) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """Eq. 1 for one (sigma, nu) pair: dB/dt = (c q_sigma / Q^2) curl F_sigma."""
    F = ponderomotive_force(flow)
    return tuple(sp.expand(c * q / Q2 * comp) for comp in curl(F, flow.coords))  # type: ignore[return-value]


# --- what each ingredient adds ---------------------------------------------------------------------
@dataclass(frozen=True)
class Contributions:
    """Terms an ingredient adds to dB/dt and to F, in jets; keys "r", "theta", "phi", "z"."""

    ingredient: str
    dB_dt: dict[str, sp.Expr]
    force: dict[str, sp.Expr]

    def enters(self) -> tuple[str, ...]:
        """Components of dB/dt that the ingredient changes."""
        return tuple(k for k, v in self.dB_dt.items() if v != 0)


def _components(vec: tuple[sp.Expr, sp.Expr, sp.Expr]) -> dict[str, sp.Expr]:
    out = {name: sp.simplify(to_jets(v)) for name, v in zip(("r", "theta", "phi"), vec)}
    out["z"] = sp.simplify(to_jets(z_component(vec, _COORDS)))
    return out


@lru_cache(maxsize=None)
def contributions() -> tuple[Contributions, ...]:
    """What rigid rotation, v^theta and J^r add, relative to the flow with each switched off.

    The result (derived, not assumed): rotation and J^r change only dB^phi/dt, so they leave the
    vertical growth of Eq. 5 untouched; v^theta does add to dB^z/dt.
    """
    full_flow = axisymmetric_flow()
    full_B, full_F = field_growth(full_flow), ponderomotive_force(full_flow)
    out = []
    for ingredient in ("rotation", "v_theta", "J_r"):
        reduced = axisymmetric_flow(**{ingredient: False})
        dB = tuple(a - b for a, b in zip(full_B, field_growth(reduced)))
        dF = tuple(a - b for a, b in zip(full_F, ponderomotive_force(reduced)))
        out.append(Contributions(ingredient, _components(dB), _components(dF)))  # type: ignore[arg-type]
    return tuple(out)


# --- Eq. 5: the vertical growth rate, by term group ------------------------------------------------
_JPHI_JETS = (
    ("J_phi", ()),
    ("dJ_phi_dr", ("r",)),
    ("dJ_phi_dtheta", ("theta",)),
    ("d2J_phi_dr_dr", ("r", "r")),
    ("d2J_phi_dr_dtheta", ("r", "theta")),
    ("dJ_phi_dt", ("t",)),
    ("d2J_phi_dr_dt", ("r", "t")),
    ("d2J_phi_dtheta_dt", ("theta", "t")),
)

#: Output names of :func:`dBz_dt`: one group per kind of J^phi derivative, as Fig. 7 plots them
#: (each term of Eq. 5 is linear in exactly one of these), then the total.
DBZ_GROUPS = tuple(f"from_{name}" for name, _ in _JPHI_JETS) + ("total",)


def _vr_jets() -> tuple[sp.Symbol, ...]:
    return (_jet("v_r"), _jet("v_r", "r"), _jet("v_r", "theta"))


@lru_cache(maxsize=None)
def dBz_dt() -> Derivation:
    """mag Eq. 5: dB^z/dt for one (sigma, nu) pair, split by the J^phi derivative each term carries.

    Derived from Eqs. 1-3 for v = (v^r, 0, Omega r sin theta), J = (J^r, 0, J^phi) and any n_nu: the
    z component is checked to be free of Omega, J^r and n_nu (rotation and radial flux feed only
    dB^phi/dt, the density only a gradient), which is why Eq. 5 holds J^phi and v^r alone.
    """
    growth = field_growth(axisymmetric_flow(rotation=True, v_theta=False, J_r=True))
    total = sp.expand(to_jets(z_component(growth, _COORDS)))
    absent = {Omega, jet_symbol("n_nu")} | {s for s in total.free_symbols if "J_r" in s.name}
    leaked = absent & total.free_symbols
    if leaked:
        raise ArithmeticError(f"dB^z/dt unexpectedly depends on {sorted(map(str, leaked))}")

    jets = [_jet("J_phi", *wrt) for _, wrt in _JPHI_JETS]
    by_jet = sp.collect(total, jets, evaluate=False)
    if set(by_jet) - set(jets):
        raise ArithmeticError("dB^z/dt has a term not linear in J^phi or its derivatives")
    groups = [(f"from_{s.name}", sp.factor(sp.simplify(by_jet.get(s, 0))) * s) for s in jets]
    outputs = groups + [("total", sum(e for _, e in groups))]

    inputs = (G, q, Q2, r, theta) + _vr_jets() + tuple(jets)
    out_units = {name: "G s^-1" for name in DBZ_GROUPS}
    return Derivation(
        name="mag.dBz_dt",
        ref="mag Eq. 5",
        inputs=inputs,
        outputs=tuple(outputs),
        units=_units(inputs, out_units),
        description="vertical field growth rate dB^z/dt by J^phi-derivative group, and their sum",
        premises=("mag:eq1", "mag:eq2", "mag:eq3", "axisymmetric flow v = (v^r, 0, Omega r sin theta)"),
    )


@lru_cache(maxsize=None)
def dB_dt() -> Derivation:
    """mag Eq. 1 in full: all components of dB/dt for the general axisymmetric flow.

    v = (v^r, v^theta, Omega r sin theta), J = (J^r, 0, J^phi); outputs the orthonormal spherical
    components and the vertical one.  The largest `mag` evaluator.  Omega is not an argument: rigid
    rotation of an axisymmetric field is stationary, curl(Omega x r x B_nu) = 0, and the derivation
    checks that Omega has dropped out.
    """
    growth = field_growth(axisymmetric_flow())
    comps = _components(growth)
    if any(Omega in e.free_symbols for e in comps.values()):
        raise ArithmeticError("rigid rotation unexpectedly contributes to dB/dt")
    outputs = tuple((f"dB{k}_dt", comps[k]) for k in ("r", "theta", "phi", "z"))

    vth = (_jet("v_theta"), _jet("v_theta", "r"), _jet("v_theta", "theta"))
    jr = (_jet("J_r", "theta"), _jet("J_r", "r", "theta"), _jet("J_r", "theta", "theta"),
          _jet("J_r", "theta", "t"))
    jphi = tuple(_jet("J_phi", *wrt) for _, wrt in _JPHI_JETS) + (_jet("J_phi", "theta", "theta"),)
    inputs = (G, q, Q2, r, theta) + _vr_jets() + vth + jr + jphi
    return Derivation(
        name="mag.dB_dt",
        ref="mag Eq. 1",
        inputs=inputs,
        outputs=outputs,
        units=_units(inputs, {name: "G s^-1" for name, _ in outputs}),
        description="all components of dB/dt (r, theta, phi, z) for the general axisymmetric flow",
        premises=("mag:eq1", "mag:eq2", "mag:eq3"),
    )


# --- Eq. 16: the force components ----------------------------------------------------------------------
@lru_cache(maxsize=None)
def force() -> Derivation:
    """mag Eq. 16: the orthonormal components of F_sigma (Eq. 2) for one (sigma, nu) pair.

    Flow as in the paper's Sec. II E: v = (v^r, 0, Omega r sin theta), J = (J^r, 0, J^phi), density n_nu.
    Besides the full components, the density-gradient parts -G d_i n_nu are returned separately
    (``Fn_r``, ``Fn_theta``): Eq. 1 never sees them (curl grad = 0), the force does.
    """
    flow = axisymmetric_flow(rotation=True, v_theta=False, J_r=True)
    F = [sp.expand(to_jets(comp)) for comp in ponderomotive_force(flow)]
    gn = [sp.expand(to_jets(-G * g)) for g in grad(flow.n, flow.coords)]
    outputs = (
        ("F_r", F[0]), ("F_theta", F[1]), ("F_phi", F[2]),
        ("Fn_r", gn[0]), ("Fn_theta", gn[1]),
    )
    inputs = (G, c, r, theta, Omega, _jet("v_r"), _jet("n_nu", "r"), _jet("n_nu", "theta"),
              _jet("J_r", "theta"), _jet("J_r", "t"), _jet("J_phi"), _jet("J_phi", "r"),
              _jet("J_phi", "theta"), _jet("J_phi", "t"))
    return Derivation(
        name="mag.force",
        ref="mag Eq. 16",
        inputs=inputs,
        outputs=outputs,
        units=_units(inputs, {name: "dyn" for name, _ in outputs}),
        description="ponderomotive force components F^r, F^theta, F^phi and the density-gradient parts",
        premises=("mag:eq2", "mag:eq3"),
    )


# --- Eq. 4: the weak charges ------------------------------------------------------------------------
# Electroweak quantum numbers (weak isospin of the left-handed field, electric charge in units of e).
_QUANTUM_NUMBERS = {
    "e": (sp.Rational(-1, 2), -1),
    "u": (sp.Rational(1, 2), sp.Rational(2, 3)),
    "d": (sp.Rational(-1, 2), sp.Rational(-1, 3)),
}
_VALENCE = {"p": {"u": 2, "d": 1}, "n": {"u": 1, "d": 2}}


def vector_coupling(particle: str) -> sp.Expr:
    """Neutral-current vector coupling g_V of a fermion or nucleon.

    The Z couples to psibar gamma^mu (T3 P_L - Q sin^2 theta_W) psi; splitting that matrix into
    a 1 + b gamma5 with explicit Dirac matrices gives the current (1/2) psibar gamma^mu (g_V - g_A gamma5)
    psi with g_V = 2a.  A nucleon's vector charge is the sum over its valence quarks (the vector current
    is conserved, so it is not renormalised by the strong interaction).
    """
    if particle in _VALENCE:
        return sp.expand(sum(n * vector_coupling(qk) for qk, n in _VALENCE[particle].items()))
    if particle not in _QUANTUM_NUMBERS:
        raise ValueError(f"particle must be one of e, u, d, p, n; got {particle!r}")
    T3, Q = _QUANTUM_NUMBERS[particle]
    coupling = T3 * dirac.left_projector() - Q * sin2_theta_W * sp.eye(4)
    a, _ = dirac.vector_axial_parts(coupling)
    return sp.expand(2 * a)


@lru_cache(maxsize=None)
def weak_charges() -> Derivation:
    """mag Eq. 4: G_sigma_nu for sigma in {e, p} and nu in {nu_e, nu_mu,tau}.

    At low energy the neutral current gives (G_F/sqrt 2)[nubar gamma^mu (1 - gamma5) nu]
    [fbar gamma_mu (g_V - g_A gamma5) f]; in an unpolarised medium only fbar gamma^0 f = n_f survives,
    which shifts the neutrino energy by sqrt(2) G_F g_V n_f.  For electrons and nu_e the charged
    current adds (G_F/sqrt 2)[nubar_e gamma^mu (1-gamma5) e][ebar gamma_mu (1-gamma5) nu_e], which the
    Fierz identity (coefficient computed from explicit gamma matrices) turns into the same form with
    g_V = g_A = 1.  The coupling of plasma species sigma to neutrino nu is then
    sqrt(2) G_F (delta_{e sigma} delta_{nu nu_e} fierz + g_V^sigma).
    """
    fierz = dirac.fierz_coefficient()
    outputs = []
    for sigma in ("e", "p"):
        for nu, charged in (("nue", sigma == "e"), ("numu", False)):
            g = vector_coupling(sigma) + (fierz if charged else 0)
            outputs.append((f"G_{sigma}_{nu}", sp.sqrt(2) * G_F * g))
    inputs = (G_F, sin2_theta_W)
    return Derivation(
        name="mag.weak_charges",
        ref="mag Eq. 4",
        inputs=inputs,
        outputs=tuple(outputs),
        units={"G_F": "erg cm^3", "sin2_theta_W": "1", **{k: "erg cm^3" for k, _ in outputs}},
        description="weak charges G_sigma_nu of electrons and protons for nu_e and nu_mu,tau",
        premises=("Standard Model neutral current: Z coupling T3 P_L - Q sin^2 theta_W", "charged current (W exchange) for nu_e e", "Fierz identity", "nucleon vector charge from its valence quarks"),
    )


# --- Eqs. 7, 9, 14, 15: the collapse ---------------------------------------------------------------
@lru_cache(maxsize=None)
def core_density() -> Derivation:
    """mag Eq. 9: the parabolic profile rho = A (1 - r^2/R^2) with A fixed by int 4 pi r^2 rho dr = M."""
    A = sp.Symbol("A", positive=True)
    profile = 1 - r**2 / R**2
    mass = sp.integrate(4 * sp.pi * r**2 * A * profile, (r, 0, R))
    (A_value,) = sp.solve(sp.Eq(mass, M), A)
    inputs = (M, R, r)
    return Derivation(
        name="mag.core_density",
        ref="mag Eq. 9",
        inputs=inputs,
        outputs=(("rho_nuc", A_value * profile),),
        units={"M": "g", "R": "cm", "r": "cm", "rho_nuc": "g cm^-3"},
        description="nucleon mass density of the homologously collapsing core",
        premises=("parabolic density shape 1 - r^2/R^2 of the homologous collapse (the paper's [7])", "core mass M inside R"),
    )


def _radius(psi_: sp.Expr) -> sp.Expr:
    # The cycloid parametrisation of the collapse (Eq. 7, first part): R(0) = R_max, R(pi) = 0.
    return R_max * (1 + sp.cos(psi_)) / 2


@lru_cache(maxsize=None)
def angular_momentum() -> Derivation:
    """mag Eq. 14: L = int Omega (r sin theta)^2 rho_nuc dV for rigid rotation, with R = R(psi)."""
    rho = core_density()["rho_nuc"]
    integrand = Omega * r**4 * sp.sin(theta) ** 3 * rho
    L = sp.integrate(integrand, (r, 0, R), (theta, 0, sp.pi), (phi, 0, 2 * sp.pi))
    L_psi = sp.simplify(sp.trigsimp(sp.factor(L.subs(R, _radius(psi)))))
    L_psi = sp.factor(L_psi.rewrite(sp.cos).subs(sp.cos(psi), 2 * sp.cos(psi / 2) ** 2 - 1))
    inputs = (Omega, M, R_max, psi)
    return Derivation(
        name="mag.angular_momentum",
        ref="mag Eq. 14",
        inputs=inputs,
        outputs=(("L", L_psi),),
        units={"Omega": "rad s^-1", "M": "g", "R_max": "cm", "psi": "rad", "L": "g cm^2 s^-1"},
        description="angular momentum of the rigidly rotating parabolic core at collapse phase psi",
        premises=("mag:eq9", "definition of psi: R = R_max (1 + cos psi)/2", "rigid rotation"),
    )


@lru_cache(maxsize=None)
def spin_up() -> Derivation:
    """mag Eq. 15: Omega(psi) from L(psi) = L(psi_max) with Omega(psi_max) = Omega_final."""
    L = angular_momentum()["L"]
    Om = sp.Symbol("Omega_psi", positive=True)
    (solution,) = sp.solve(sp.Eq(L.subs(Omega, Om), L.subs({Omega: Omega_final, psi: psi_max})), Om)
    inputs = (Omega_final, psi_max, psi)
    return Derivation(
        name="mag.spin_up",
        ref="mag Eq. 15",
        inputs=inputs,
        outputs=(("Omega", sp.simplify(solution)),),
        units={"Omega_final": "rad s^-1", "psi_max": "rad", "psi": "rad", "Omega": "rad s^-1"},
        description="core angular velocity during collapse from angular-momentum conservation",
        premises=("mag:eq14", "angular-momentum conservation"),
    )


@lru_cache(maxsize=None)
def collapse_rate() -> Derivation:
    """mag Eqs. 7 and 10 from the equation of motion of the core surface.

    The surface falls from rest at R_max under an effective point mass, Rddot = -K/R^2 with
    K = k^2 R_max^3 / 2, which with Eq. 8's k is 2 (4 - 3 gamma) G M.  Energy conservation gives
    Rdot^2 = 2K (1/R - 1/R_max); psi is defined by R = R_max (1 + cos psi)/2 (Eq. 7, first part), so
    Rdot is the negative root (infall, 0 < psi < pi), and dt/dpsi = (dR/dpsi)/Rdot integrates, from
    t(0) = 0, to t(psi) (Eq. 10).  Also returned: Rddot along the solution, which must be -K/R^2.
    """
    K = k**2 * R_max**3 / 2
    R_psi = _radius(psi)
    Rdot_squared = sp.simplify(2 * K * (1 / R_psi - 1 / R_max))
    # The root: sin(psi) R_max k/(1 + cos psi) >= 0 on (0, pi) squares to Rdot^2, so it is |Rdot|.
    root = R_max * k * sp.sin(psi) / (1 + sp.cos(psi))
    if sp.simplify(root**2 - Rdot_squared) != 0:
        raise ArithmeticError("the infall root does not square to the energy integral")
    Rdot_psi = -root
    dt_dpsi = sp.simplify(sp.diff(R_psi, psi) / Rdot_psi)
    x = sp.Symbol("x", positive=True)
    t_psi = sp.integrate(dt_dpsi.subs(psi, x), (x, 0, psi))
    Rddot = sp.simplify(sp.diff(Rdot_psi, psi) / dt_dpsi)
    if sp.simplify(Rddot + K / R_psi**2) != 0:
        raise ArithmeticError("the cycloid does not solve Rddot = -K/R^2")
    return Derivation(
        name="mag.collapse_rate",
        ref="mag Eqs. 7 and 10",
        inputs=(R_max, k, psi),
        outputs=(("R", R_psi), ("Rdot", Rdot_psi), ("t", t_psi), ("Rddot", Rddot), ("K", K)),
        units={"R_max": "cm", "k": "s^-1", "psi": "rad", "R": "cm", "Rdot": "cm s^-1", "t": "s",
               "Rddot": "cm s^-2", "K": "cm^3 s^-2"},
        description="core radius, its rate of change, time and acceleration along the free-fall collapse",
        premises=("mag:eq8", "Newtonian free fall of the core surface from rest at R_max under an effective "
                  "GM = k^2 R_max^3/2", "definition of psi: R = R_max (1 + cos psi)/2"),
    )




@lru_cache(maxsize=None)
def enclosed_mass() -> Derivation:
    """mag Eq. 11: the mass coordinate M_r = int_0^r 4 pi r'^2 rho_nuc dr' and its rates.

    rho_nuc is Eq. 9's profile; a time derivative at fixed r goes through R(t) only, so
    dM_r/dt = (dM_r/dR) Rdot.  Also returned: the homologous velocity of Eq. 6, v = Rdot r / R, and the
    mass flux through the sphere, 4 pi r^2 rho_nuc v, which continuity says equals -dM_r/dt.
    """
    rho = core_density()["rho_nuc"]
    x = sp.Symbol("x", positive=True)
    M_r = sp.factor(sp.integrate(4 * sp.pi * x**2 * rho.subs(r, x), (x, 0, r)))
    v = Rdot * r / R  # Eq. 6
    inputs = (M, R, Rdot, r)
    return Derivation(
        name="mag.enclosed_mass",
        ref="mag Eq. 11",
        inputs=inputs,
        outputs=(
            ("M_r", M_r),
            ("dM_r_dr", sp.factor(sp.diff(M_r, r))),
            ("dM_r_dt", sp.factor(sp.diff(M_r, R) * Rdot)),
            ("mass_flux", sp.factor(4 * sp.pi * r**2 * rho * v)),
        ),
        units={"M": "g", "R": "cm", "Rdot": "cm s^-1", "r": "cm", "M_r": "g",
               "dM_r_dr": "g cm^-1", "dM_r_dt": "g s^-1", "mass_flux": "g s^-1"},
        description="mass coordinate of the homologous core (the fluid-frame radius of Arnett's data)",
        premises=("mag:eq9", "mag:eq6"),
    )
