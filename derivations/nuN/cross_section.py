"""The differential rate dGamma/dk'dOmega' of nuN Eqs. 9-11, 16 and 19-23, and the rest-frame
O(E/M) corrections to the total and transport cross sections.

Inputs are natal's own |M_ss'|^2 (derivations.nuN.matrix_element) and response functions
(derivations.nuN.response) in the nondegenerate limit, where to O(B)
S_ss' = S_0 (1 - delta x_ss') and the momentum moment of Eq. A13 is
(2m/q^2)[q0 - mu_B B (s - s')] S_ss' along q.  The sums over s, s' are done on the symbols.

The O(B) part is a scalar linear in B-hat, V.B-hat with V in the plane of Omega and Omega'; its
Omega.B and Omega'.B coefficients are read off from two orientations of the pair relative to B
(Omega along B, then Omega' along B) and checked on a third where both vanish, so that no
(Omega x Omega').B term is missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from natal.derivations.nuN import response
from natal.derivations.nuN.matrix_element import PREMISES, matrix_element
from natal.derivations.nuN.symbols import (
    B, F_2, G_F, S0, T, c_A, c_V, k, k_p, m, mu_B, mu_prime, n, q, q0, s, s_p, vec, x_min,
)
from natal.derivations.result import Derivation

__all__ = ["RATE_PREMISES", "REST_FRAME_PREMISES", "RateCoefficients", "rate_coefficients", "orientation",
           "kinematic_substitution", "differential_rate", "rest_frame_corrections", "rest_frame_correction", "OMEGA_B",
           "OMEGAP_B"]

OMEGA_B = sp.Symbol("Omega_B", real=True)  # Omega . B-hat
OMEGAP_B = sp.Symbol("Omegap_B", real=True)  # Omega' . B-hat
_SPINS = (1, -1)


def _joined(*groups: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out.extend(p for p in group if p not in out)
    return tuple(out)


#: What the rate is derived from: Eq. 7 (the rate as a phase-space integral of |M|^2) with natal's
#: |M|^2 and response function, in the layout of Eq. 9 (which defines the six coefficients).
RATE_PREMISES = _joined(("nuN:eq7", "nuN:eq9"), PREMISES["matrix_element"], response.PREMISES["nondegenerate_response"],
                        response.PREMISES["momentum_moment"])
#: The rest-frame corrections: |M|^2 and two-body kinematics for a nucleon at rest, B = 0.
REST_FRAME_PREMISES = _joined(PREMISES["matrix_element"], ("energy and momentum conservation for a nucleon at rest",))


def orientation(which: str) -> tuple[sp.Matrix, sp.Matrix]:
    """(Omega, Omega') with Omega.Omega' = mu' in a fixed orientation relative to B-hat = z."""
    sin = sp.sqrt(1 - mu_prime**2)
    if which == "Omega_along_B":
        return sp.Matrix([0, 0, 1]), sp.Matrix([sin, 0, mu_prime])
    if which == "Omegap_along_B":
        return sp.Matrix([sin, 0, mu_prime]), sp.Matrix([0, 0, 1])
    if which == "both_perpendicular":
        return sp.Matrix([1, 0, 0]), sp.Matrix([mu_prime, sin, 0])
    raise ValueError(which)


def kinematic_substitution(Om: sp.Matrix, Omp: sp.Matrix) -> dict:
    """q-vector = k Omega - k' Omega', |q|, q0 = k - k' for a given orientation."""
    qv = k * Om - k_p * Omp
    subs = {c: qv[i] for i, c in enumerate(vec("q"))}
    subs.update({c: Om[i] for i, c in enumerate(vec("Omega"))})
    subs.update({c: Omp[i] for i, c in enumerate(vec("Omega_p"))})
    subs[q] = sp.sqrt(sp.expand((qv.T * qv)[0]))
    subs[q0] = k - k_p
    return subs


@lru_cache(maxsize=None)
def _nondegenerate_spin_factor() -> sp.Expr:
    """delta S_ss'/S_0 in the nondegenerate limit (leading order in exp(mu_N/T)): -delta x.

    delta S is dS/dx_min at x_0 times delta x (Eq. 14's derivation); at leading order in the fugacity
    S = C T I(x_min, z) with I its leading term (nuclear_response.nondegenerate_fermi_integral), and
    d/dx_min keeps that order, so delta S/S_0 = (dI/dx_min)/I delta x.
    """
    forms = response.response_forms("p")
    lead = response.nondegenerate_fermi_integral()
    ratio = sp.simplify(sp.diff(lead, x_min) / lead) * forms["dx"]
    if sp.simplify(ratio + forms["dx"]) != 0:
        raise ArithmeticError("nondegenerate delta S / S_0 is not -delta x")
    return ratio


@dataclass(frozen=True)
class RateCoefficients:
    """The six coefficient functions of Eq. 9 for one of nu / nubar, as functions of k, k', mu'
    (q0 = k - k', q^2 = k^2 + k'^2 - 2 k k' mu'), with S_0 kept as the symbol ``S0``.

    ``dA_Omega`` and ``dA_Omegap`` multiply Omega.B and Omega'.B at leading order (the paper's
    dA_+- and dA_-+ for nu, the other way round for nubar); ``dB_WM`` and ``dC_WM`` likewise at
    O(1/m).
    """

    antineutrino: bool
    A0: sp.Expr
    dA_Omega: sp.Expr
    dA_Omegap: sp.Expr
    A0_WM: sp.Expr
    dB_WM: sp.Expr
    dC_WM: sp.Expr
    premises: tuple[str, ...] = RATE_PREMISES


@lru_cache(maxsize=None)
def rate_coefficients(antineutrino: bool) -> RateCoefficients:
    """Eqs. 10, 11 and 16 summed over spins, nondegenerate nucleons, to O(B) and O(1/m)."""
    M = matrix_element(antineutrino)
    spin_factor = 1 + _nondegenerate_spin_factor()  # S_ss' / S_0 to O(B)
    moment = response.momentum_moment()["P_result_coeff"]  # P -> moment * q-vector * S_ss'
    Pv, qv = vec("P"), vec("q")
    phase = k_p**2 / (2 * sp.pi) ** 3
    lead = sp.Integer(0)
    first = sp.Integer(0)
    for ss in _SPINS:
        for ssp in _SPINS:
            spins = {s: ss, s_p: ssp}
            S_ss = spin_factor.subs(spins)
            P_part = M["P_part"].subs(spins).subs({Pv[i]: moment.subs(spins) * qv[i] for i in range(3)})
            lead += M["leading"].subs(spins) * S_ss
            first += (M["q_part"].subs(spins) + P_part) * S_ss
    eps_B = sp.Symbol("eps_B")

    def split(e: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
        e = sp.expand(e.subs(B, eps_B * B))
        return e.coeff(eps_B, 0), e.coeff(eps_B, 1)  # O(B^2) terms are dropped

    out = []
    for part in (lead, first):
        zero_field, linear = split(sp.expand(phase * S0 * part))
        values = {}
        for which in ("Omega_along_B", "Omegap_along_B", "both_perpendicular"):
            subs = kinematic_substitution(*orientation(which))
            values[which] = sp.cancel(linear.subs(subs))
        if values["both_perpendicular"] != 0:
            raise ArithmeticError("the O(B) rate has a component outside Omega.B and Omega'.B")
        vA, vB = values["Omega_along_B"], values["Omegap_along_B"]
        a = sp.factor(sp.cancel((vA - mu_prime * vB) / (1 - mu_prime**2)))
        b = sp.factor(sp.cancel((vB - mu_prime * vA) / (1 - mu_prime**2)))
        iso = sp.factor(sp.cancel(zero_field.subs(kinematic_substitution(*orientation("Omega_along_B")))))
        out += [iso, a, b]
    return RateCoefficients(antineutrino, *out)


def differential_rate(antineutrino: bool) -> Derivation:
    """dGamma/dk'dOmega' (Eq. 9) for nondegenerate nucleons, with S_0 the exact nondegenerate
    Gaussian (the middle form of Eq. 18), not its eps-expansion."""
    c = rate_coefficients(antineutrino)
    S0_expr = response.nondegenerate_response()
    S0_expr = S0_expr.subs({q0: k - k_p, q: sp.sqrt(k**2 + k_p**2 - 2 * k * k_p * mu_prime)})
    rate = (c.A0 + c.A0_WM + (c.dA_Omega + c.dB_WM) * OMEGA_B + (c.dA_Omegap + c.dC_WM) * OMEGAP_B)
    rate = rate.subs(S0, S0_expr)
    which = "nubar" if antineutrino else "nu"
    inputs = (k, k_p, mu_prime, OMEGA_B, OMEGAP_B, T, n, m, mu_B, B, c_V, c_A, F_2, G_F)
    return Derivation(
        name=f"nuN.rate_{which}", ref="nuN Eq. 9", inputs=inputs, outputs=(("rate", rate),),
        units={"k": "MeV", "k_p": "MeV", "T": "MeV", "n": "MeV^3", "m": "MeV", "mu_B": "MeV/G",
               "B": "G", "G_F": "MeV^-2",
               "rate": "1 (natural units: per unit volume, k' and solid angle; times 1/hbar for s^-1 MeV^-1 sr^-1)"},
        description=f"dGamma/dk'dOmega' for {which}-nucleon scattering, nondegenerate nucleons, "
                    "to O(mu_B B/T) and O(k/m)", premises=RATE_PREMISES)


@lru_cache(maxsize=None)
def rest_frame_corrections(antineutrino: bool) -> dict[str, sp.Expr]:
    """Coefficients a with sigma/sigma_leading = 1 + a E/m for a nucleon at rest, B = 0.

    Nucleon at rest (T -> 0): p = 0, p' = P = q.  The rate per nucleon is
    Int d^3k'/(2pi)^3 (2pi) delta(k - k' - q^2/2m) (1/2) sum_ss' |M_ss'|^2, so
    dsigma/dOmega' = k'^2 <|M|^2> / (4 pi^2 |1 + (k' - k mu')/m|) with k' from energy conservation,
    both expanded to first order in k/m.  ``total`` integrates over Omega', ``transport`` weights
    by (1 - mu').
    """
    M = matrix_element(antineutrino)
    Pv, qv = vec("P"), vec("q")
    summed = sum((M["leading"] + M["q_part"] + M["P_part"].subs({Pv[i]: qv[i] for i in range(3)})).subs({s: a, s_p: b})
                 for a in _SPINS for b in _SPINS) / 2
    lam = sp.Symbol("lambda_recoil", positive=True)  # counts powers of 1/m
    kp_root = sp.Symbol("kp_root", positive=True)
    subs = {key: val.subs(k_p, kp_root) for key, val in
            kinematic_substitution(*orientation("Omega_along_B")).items()}
    avg = sp.expand(summed.subs(subs, simultaneous=True).subs(m, m / lam))
    # k' from k - k' = q^2/2m to first order in 1/m: one fixed-point step from k' = k.
    kp_expr = k - lam * (2 * k**2 - 2 * k**2 * mu_prime) / (2 * m)
    jac = 1 + lam * (kp_root - k * mu_prime) / m
    dsigma = kp_root**2 * avg / (4 * sp.pi**2 * jac)
    dsigma = sp.series(dsigma.subs(kp_root, kp_expr), lam, 0, 2).removeO()
    out = {}
    for kind, weight in (("total", 1), ("transport", 1 - mu_prime)):
        integral = sp.expand(sp.integrate(sp.expand(2 * sp.pi * weight * dsigma), (mu_prime, -1, 1)))
        lead = integral.coeff(lam, 0)
        out[kind] = sp.factor(sp.cancel(integral.coeff(lam, 1) / lead * m / k))
    return out


def rest_frame_correction() -> Derivation:
    """The O(E/M) coefficients of rest_frame_corrections as one evaluator of (c_V, c_A, F_2):
    sigma/sigma_leading = 1 + a E/M for the total and transport cross sections, nu and nubar."""
    outputs = []
    for anti, label in ((False, "nu"), (True, "nubar")):
        coeffs = rest_frame_corrections(anti)
        outputs += [(f"total_{label}", coeffs["total"]), (f"transport_{label}", coeffs["transport"])]
    return Derivation(name="nuN.rest_frame", ref="nuN Eqs. 3-7 (nucleon at rest, B = 0)",
                      inputs=(c_V, c_A, F_2), outputs=tuple(outputs),
                      description="a in sigma/sigma_leading = 1 + a E/M (total, transport; nu, nubar)",
                      premises=REST_FRAME_PREMISES)
