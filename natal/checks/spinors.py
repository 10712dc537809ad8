"""An independent route to |M|^2: the amplitude itself, from explicit numeric spinors.

natal.derivations.nuN.matrix_element computes |M_ss'|^2 from traces of projectors expanded to
O(1/m).  Here nothing is expanded: exact boosted nucleon spinors, massless left-chiral neutrino
spinors found as null vectors, the exact vertex of nuN Eq. 1 (with q^0 kept) and exact kinematics
(k' fixed by energy conservation), all in the chiral representation while the derivation used the
Dirac one.  The difference from the derived expression must then fall as the square of the
nucleon momentum scale.

For the spin projector u ubar (nuN Eq. 2) the comparison across representations goes through the
16 bilinears ubar Gamma_A u = Tr[u ubar Gamma_A] (Gamma_A = 1, gamma^mu, sigma^{mu nu} (mu < nu),
gamma^mu gamma5, gamma5), which do not depend on the representation.
"""

from __future__ import annotations

import numpy as np
import sympy as sp
from scipy.optimize import brentq

from natal.derivations import dirac

__all__ = ["Kinematics", "kinematics", "amplitude_squared", "BILINEAR_BASIS", "bilinear_basis", "projector_bilinears"]

_REP = "chiral"
_G = [np.array(g.evalf(), dtype=complex) for g in dirac.gammas(_REP)]
_G5 = np.array(dirac.gamma5(_REP).evalf(), dtype=complex)
_METRIC = np.array([1.0, -1.0, -1.0, -1.0])
_ONE = np.eye(4, dtype=complex)
_REST = {s: np.array(dirac.rest_spinor(s, _REP).evalf(), dtype=complex).ravel() for s in (1, -1)}


def _slash(p4: np.ndarray) -> np.ndarray:
    return sum(_METRIC[mu] * p4[mu] * _G[mu] for mu in range(4))


def _bar(u: np.ndarray) -> np.ndarray:
    return u.conj() @ _G[0]


def _nucleon(p: np.ndarray, m: float, s: int) -> np.ndarray:
    E = np.sqrt(m * m + p @ p)
    return (_slash(np.r_[E, p]) + m * _ONE) @ _REST[s] / np.sqrt(2 * E * (E + m))


def _massless_left(direction: np.ndarray) -> np.ndarray:
    """The spinor w with kslash w = 0 and gamma5 w = -w, normalised w^dagger w = 1."""
    conditions = np.vstack([_slash(np.r_[1.0, direction]), _ONE + _G5])
    _, sv, vh = np.linalg.svd(conditions)
    if sv[-1] > 1e-10 * sv[0]:
        raise ArithmeticError("no massless left-chiral spinor found")
    w = vh[-1].conj()
    return w / np.linalg.norm(w)


class Kinematics:
    """Exact two-body kinematics nu(k) + N(p) -> nu(k') + N(p'), k' from energy conservation."""

    def __init__(self, k: float, Omega: np.ndarray, Omega_p: np.ndarray, p: np.ndarray, m: float):
        self.k, self.Omega, self.Omega_p, self.p, self.m = k, Omega, Omega_p, p, m
        E = np.sqrt(m * m + p @ p)

        def mismatch(kp: float) -> float:
            pp = p + k * Omega - kp * Omega_p
            return k + E - kp - np.sqrt(m * m + pp @ pp)

        self.k_p = brentq(mismatch, 0.0, 2 * k + 10 * np.sqrt(p @ p), xtol=1e-15, rtol=1e-15)
        self.q = k * Omega - self.k_p * Omega_p
        self.pp = p + self.q
        self.q0 = k - self.k_p


def kinematics(k, Omega, Omega_p, p, m) -> Kinematics:
    """Build exact kinematics (arrays are taken as 3-vectors)."""
    return Kinematics(float(k), np.asarray(Omega, float), np.asarray(Omega_p, float),
                      np.asarray(p, float), float(m))


def amplitude_squared(kin: Kinematics, s: int, s_p: int, c_V: float, c_A: float, F_2: float,
                      G_F: float, antineutrino: bool) -> float:
    """|M_ss'|^2 = |(G_F/sqrt 2) l^mu J_mu|^2 with exact spinors, vertex and kinematics."""
    m = kin.m
    q4 = np.r_[kin.q0, kin.q]
    vertex = []
    for mu in range(4):
        sigma_q = sum(0.5j * (_G[mu] @ _G[nu] - _G[nu] @ _G[mu]) * _METRIC[nu] * q4[nu]
                      for nu in range(4))  # sigma^{mu nu} q_nu
        vertex.append(c_V * _G[mu] + F_2 * 1j * sigma_q / (2 * m) - c_A * _G[mu] @ _G5)
    u_in, u_out = _nucleon(kin.p, m, s), _nucleon(kin.pp, m, s_p)
    J = np.array([_bar(u_out) @ vertex[mu] @ u_in for mu in range(4)])
    w_in, w_out = _massless_left(kin.Omega), _massless_left(kin.Omega_p)
    if antineutrino:
        ell = np.array([_bar(w_in) @ _G[mu] @ (_ONE - _G5) @ w_out for mu in range(4)])
    else:
        ell = np.array([_bar(w_out) @ _G[mu] @ (_ONE - _G5) @ w_in for mu in range(4)])
    amp = G_F / np.sqrt(2) * np.sum(_METRIC * ell * J)
    return float(abs(amp) ** 2)


#: The names of the 16 Dirac bilinears, in the order of :func:`bilinear_basis`.
BILINEAR_BASIS = ("1", *(f"gamma^{mu}" for mu in range(4)),
                  *(f"sigma^{mu}{nu}" for mu in range(4) for nu in range(mu + 1, 4)),
                  *(f"gamma^{mu} gamma5" for mu in range(4)), "gamma5")


def bilinear_basis(representation: str) -> list:
    """The 16 matrices Gamma_A of BILINEAR_BASIS as SymPy matrices in ``representation``."""
    g, g5 = dirac.gammas(representation), dirac.gamma5(representation)
    sigma = [dirac.sigma_munu(mu, nu, representation) for mu in range(4) for nu in range(mu + 1, 4)]
    return [sp.eye(4), *g, *sigma, *(gm * g5 for gm in g), g5]


_BASIS = [np.array(b.evalf(), dtype=complex) for b in bilinear_basis(_REP)]


def projector_bilinears(p: np.ndarray, m: float, s: int) -> np.ndarray:
    """Tr[u ubar Gamma_A] for the exact boosted spinor u(p, s) (u^dagger u = 1), chiral representation."""
    u = _nucleon(np.asarray(p, float), float(m), s)
    rho = np.outer(u, _bar(u))
    return np.array([np.trace(rho @ b) for b in _BASIS])
