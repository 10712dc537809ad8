"""Neutrino-nucleon neutral-current scattering with weak magnetism and recoil (nuN paper, Sec. II).

From the Lagrangian-level inputs to the squared matrix elements of nuN Eqs. 2-6:

* couplings (Table I) from the isospin structure of the weak currents and CVC;
* the nucleon spin projector u ubar to O(p/m) from boosted Dirac spinors (Eq. 2);
* |M_ss'|^2 to O(k/m) for neutrinos and, separately, antineutrinos (Eqs. 3-6): the lepton tensor
  from u-spinor (neutrino) or v-spinor (antineutrino) completeness, the hadron tensor from the
  projectors and the vertex of Eq. 1, contracted with explicit 4x4 matrices.

Conventions (derivations.dirac): metric (+,-,-,-), gamma5 = i g^0 g^1 g^2 g^3, eps^{0123} = +1.
Every spinor is normalised to u^dagger u = 1, the normalisation of Eq. 7 (whose phase space has no
1/2E factors).  The effective Lagrangian is (G_F/sqrt 2) [nubar gamma_mu (1 - gamma5) nu]
[Nbar Gamma^mu N] with Gamma^mu of Eq. 1.  B points along the 3-axis; results are polynomials in
the Cartesian components of Omega, Omega', q and P, so B-hat enters as the unit 3-vector (0, 0, 1).

Ordering: p/m, p'/m and q/m are first order, and terms of second order are dropped.  The energy
transfer q^0 = k - k' = E' - E = (p'^2 - p^2)/2m is itself O(1/m), so q^0/m in the weak-magnetism
vertex is second order and is dropped; the nucleon energies in the projectors are m + O(p^2/m).
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from natal.derivations import dirac
from natal.derivations.nuN.symbols import F_2, G_F, c_A, c_V, g_A, m, mu_n, mu_p, s, s_p, sin2_theta_W, vec
from natal.derivations.result import Derivation

__all__ = [
    "REACTIONS", "PREMISES", "couplings", "spin_projector", "MATRIX_ELEMENT_INPUTS", "matrix_element",
    "lepton_tensor", "hadron_tensor", "first_order_split",
]

#: What each result is derived from: equations of the paper by id and named physics (natal.verify
#: refuses a verdict on an equation that is among the premises of its own derivation).
PREMISES: dict[str, tuple[str, ...]] = {
    "couplings": ("Standard Model neutral current J_3 - 2 sin^2 theta_W J_em between nucleon states",
                  "conserved vector current (isovector magnetic moment)", "charged current tau_+ (g_A, CVC)"),
    # Eq. 7's phase space has no 1/2E factors: the spinors are normalised to u^dagger u = 1.
    "spin_projector": ("Dirac equation", "nuN:eq7"),
    "matrix_element": ("nuN:eq1", "nuN:eq7", "Dirac equation",
                       "four-fermion interaction (G_F/sqrt 2)[nubar gamma_mu (1 - gamma5) nu][Nbar Gamma^mu N]"),
}


# --- Couplings (Table I) -------------------------------------------------------------------------

# Nucleon quantum numbers: isospin projection, charge and anomalous magnetic moment (in nuclear
# magnetons; mu_p and mu_n are the anomalous moments the caption of Table I prints).
_NUCLEON = {"p": (sp.Rational(1, 2), 1, mu_p), "n": (-sp.Rational(1, 2), 0, mu_n)}

REACTIONS = ("nu p -> nu p", "nu n -> nu n", "nu_e n -> e- p", "nubar_e p -> e+ n")


def couplings(reaction: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """(c_V, c_A, F_2) of Eq. 1 for one reaction of Table I, from the structure of the currents.

    Neutral current: the Z couples to J_3 - 2 sin^2(theta_W) J_em.  Between nucleon states the
    isovector current gives tau_3/2 [gamma^mu + (mu_p - mu_n) i sigma q/2m] (CVC: the isovector
    magnetic moment) and tau_3/2 g_A gamma^mu gamma5; the electromagnetic current gives
    Q gamma^mu + mu_N i sigma q/2m.  Strange-quark contributions are neglected, as in the paper.
    Charged current: the isospin-raising current tau_+ has unit vector charge, axial charge g_A and
    the isovector anomalous moment mu_p - mu_n, for nu_e n -> e- p and, by charge conjugation of
    the hadronic current, nubar_e p -> e+ n alike.
    """
    if reaction not in REACTIONS:
        raise ValueError(f"reaction must be one of {REACTIONS}, got {reaction!r}")
    isovector_moment = mu_p - mu_n
    if reaction.startswith("nu "):
        t3, charge, moment = _NUCLEON[reaction.split()[1]]  # tau_3/2 = t3
        cv = t3 - 2 * sin2_theta_W * charge
        ca = t3 * g_A
        f2 = t3 * isovector_moment - 2 * sin2_theta_W * moment
        return sp.expand(cv), sp.expand(ca), sp.expand(f2)
    return sp.Integer(1), g_A, isovector_moment


# --- Spin projector (Eq. 2) ----------------------------------------------------------------------

@lru_cache(maxsize=None)
def spin_projector(momentum: str = "p", spin: str = "s", representation: str = "dirac"
                   ) -> tuple[sp.Matrix, sp.Matrix]:
    """u(p,s) ubar(p,s) to O(p/m) as (zeroth order, first order), for spin s = +-1 along B.

    Derived from the boosted spinor u = (pslash + m) u_rest(s)/sqrt(2E(E+m)) (dirac.boosted_spinor):
    the exact product u u^dagger gamma^0, with the momentum scaled by a bookkeeping parameter t, is
    Taylor-expanded to first order in t (its value and t-derivative at t = 0, entry by entry), once for
    s = +1 and once for s = -1, and the two are joined linearly in the symbol ``spin``
    (rho(s) = (1+s)/2 rho(+1) + (1-s)/2 rho(-1), exact for s = +-1).  Momentum components are the
    symbols ``<momentum>_x, _y, _z``.
    """
    pv = vec(momentum)
    spin_sym = {"s": s, "s_p": s_p}[spin]
    t = sp.Symbol("t_expansion", positive=True)
    orders = []
    for sign in (1, -1):
        u = dirac.boosted_spinor([t * c for c in pv], m, sign, representation)
        rho = u * u.H * dirac.gammas(representation)[0]
        orders.append((rho.applyfunc(lambda e: sp.expand(e.subs(t, 0))),
                       rho.applyfunc(lambda e: sp.expand(sp.diff(e, t).subs(t, 0)))))

    def joined(order: int) -> sp.Matrix:
        return ((1 + spin_sym) / 2 * orders[0][order] + (1 - spin_sym) / 2 * orders[1][order]).applyfunc(sp.expand)

    return joined(0), joined(1)


# --- Tensors and |M|^2 (Eqs. 3-6) ----------------------------------------------------------------

def _lower(mu: int) -> int:
    return 1 if mu == 0 else -1


def lepton_tensor(antineutrino: bool, representation: str = "dirac") -> list[list[sp.Expr]]:
    """L^{mu nu} = l^mu (l^nu)^* per unit k k', in the components of Omega and Omega'.

    Neutrino: l^mu = ubar(k') gamma^mu (1 - gamma5) u(k), so L = Tr[u'ubar' g^mu (1-g5) u ubar g^nu (1-g5)]
    with u ubar = kslash/2k (completeness of massless u spinors, u^dagger u = 1).
    Antineutrino: l^mu = vbar(k) gamma^mu (1 - gamma5) v(k'), the incoming antineutrino in the v-bar
    slot, so L = Tr[v vbar g^mu (1-g5) v' vbar' g^nu (1-g5)] with v vbar = kslash/2k.
    """
    Om, Omp = vec("Omega"), vec("Omega_p")
    rho_in = dirac.slash((1, *Om), representation) / 2
    rho_out = dirac.slash((1, *Omp), representation) / 2
    g = dirac.gammas(representation)
    va = [gm * (sp.eye(4) - dirac.gamma5(representation)) for gm in g]
    first, second = (rho_in, rho_out) if antineutrino else (rho_out, rho_in)
    return [[dirac.trace(first, va[mu], second, va[nu]) for nu in range(4)] for mu in range(4)]


def _vertex(representation: str) -> tuple[list[sp.Matrix], list[sp.Matrix]]:
    """Gamma^mu of Eq. 1 as (zeroth order, first order in 1/m); q is the 3-vector p' - p."""
    g = dirac.gammas(representation)
    g5 = dirac.gamma5(representation)
    qv = vec("q")
    q_lower = (0, -qv[0], -qv[1], -qv[2])  # q_nu with q^0 dropped (second order, module docstring)
    zeroth = [c_V * g[mu] - c_A * g[mu] * g5 for mu in range(4)]
    first = [F_2 * sp.I * sum((dirac.sigma_munu(mu, nu, representation) * q_lower[nu]
                                for nu in range(1, 4)), sp.zeros(4)) / (2 * m) for mu in range(4)]
    return zeroth, first


_Tensor = tuple[tuple[sp.Expr, ...], ...]  # T[mu][nu]


@lru_cache(maxsize=None)
def hadron_tensor(representation: str = "dirac") -> tuple[_Tensor, _Tensor]:
    """H^{mu nu} = Tr[u(p')ubar(p') Gamma^mu u(p)ubar(p) Gammabar^nu] to O(1/m): (zeroth, first).

    p' = p + q.  The product is carried as (zeroth, first)-order pairs, so no second-order term is
    ever formed.
    """
    r0, r1 = spin_projector("p", "s", representation)
    rp0, rp1 = spin_projector("pp", "s_p", representation)
    pv, qv, ppv = vec("p"), vec("q"), vec("pp")
    rp1 = rp1.subs({ppv[i]: pv[i] + qv[i] for i in range(3)})
    G0, G1 = _vertex(representation)
    Gb0 = [dirac.dirac_bar(M, representation) for M in G0]
    Gb1 = [dirac.dirac_bar(M, representation) for M in G1]
    left = [((rp0 * G0[mu]).applyfunc(sp.expand),
             (rp1 * G0[mu] + rp0 * G1[mu]).applyfunc(sp.expand)) for mu in range(4)]
    right = [((r0 * Gb0[nu]).applyfunc(sp.expand),
              (r1 * Gb0[nu] + r0 * Gb1[nu]).applyfunc(sp.expand)) for nu in range(4)]

    def tr(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
        return sp.expand(sum(a[i, j] * b[j, i] for i in range(4) for j in range(4)))

    H0 = tuple(tuple(tr(left[mu][0], right[nu][0]) for nu in range(4)) for mu in range(4))
    H1 = tuple(tuple(tr(left[mu][0], right[nu][1]) + tr(left[mu][1], right[nu][0]) for nu in range(4))
               for mu in range(4))
    return H0, H1


#: The arguments of |M_ss'|^2, in order: the Cartesian components of Omega, Omega', q and P, the
#: spins, the couplings of Eq. 1, G_F and the nucleon mass.
MATRIX_ELEMENT_INPUTS = (*vec("Omega"), *vec("Omega_p"), *vec("q"), *vec("P"), s, s_p, c_V, c_A, F_2, G_F, m)


@lru_cache(maxsize=None)
def matrix_element(antineutrino: bool, representation: str = "dirac") -> Derivation:
    """|M_ss'|^2 = (G_F^2/2) L_{mu nu} H^{mu nu} to O(k/m), for nu or nubar (Eqs. 3-6), split as the
    paper splits it.

    Outputs: ``leading``, |M^(0)_ss'|^2 (Eq. 4); ``q_part``, the O(1/m) terms that depend on
    q = p' - p (Eq. 5); ``P_part``, those that depend on P = p + p' (Eq. 6); ``total``, their sum
    (Eq. 3).  All in the Cartesian components of Omega, Omega' (``vec("Omega")``, ``vec("Omega_p")``),
    q (``vec("q")``) and P (``vec("P")``), with B-hat = (0, 0, 1); inputs :data:`MATRIX_ELEMENT_INPUTS`.
    """
    L = lepton_tensor(antineutrino, representation)
    H0, H1 = hadron_tensor(representation)

    def contract(H: _Tensor) -> sp.Expr:
        return sp.expand(G_F**2 / 2 * sum(_lower(mu) * _lower(nu) * L[mu][nu] * H[mu][nu]
                                          for mu in range(4) for nu in range(4)))

    leading, first = contract(H0), contract(H1)
    for name, e in (("leading", leading), ("first", first)):
        if sp.expand(sp.im(e)) != 0:
            raise ArithmeticError(f"|M|^2 {name} term is not real")
    q_part, P_part = first_order_split(first)
    species = "nubar" if antineutrino else "nu"
    return Derivation(
        name=f"nuN.matrix_element_{species}", ref="nuN Eqs. 3-6", inputs=MATRIX_ELEMENT_INPUTS,
        outputs=(("leading", leading), ("q_part", q_part), ("P_part", P_part),
                 ("total", leading + q_part + P_part)),
        units={"G_F": "MeV^-2", "m": "MeV", "q_x": "MeV", "q_y": "MeV", "q_z": "MeV", "P_x": "MeV", "P_y": "MeV",
               "P_z": "MeV", "leading": "MeV^-4", "q_part": "MeV^-4", "P_part": "MeV^-4", "total": "MeV^-4"},
        description=f"|M_ss'|^2 to O(k/m) for {species}-nucleon scattering: leading (Eq. 4), q part (Eq. 5), "
                    "P part (Eq. 6) and total (Eq. 3)",
        premises=PREMISES["matrix_element"])


def first_order_split(first: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """Write an expression linear in p and q (p' = p + q) in terms of q and P = p + p' = 2p + q,
    and split it into its q part and its P part (unique, since q and P are independent)."""
    pv, qv, Pv = vec("p"), vec("q"), vec("P")
    in_qP = sp.expand(first.xreplace({pv[i]: (Pv[i] - qv[i]) / 2 for i in range(3)}))
    q_part = sp.expand(in_qP.xreplace({c: 0 for c in Pv}))
    P_part = sp.expand(in_qP.xreplace({c: 0 for c in qv}))
    if sp.expand(in_qP - q_part - P_part) != 0:
        raise ArithmeticError("the O(1/m) term is not linear in (q, P)")
    return q_part, P_part
