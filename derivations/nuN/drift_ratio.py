"""The integrands of R_sc/abs (nuN Eq. 50), with the energy densities of Eqs. 51-52, as Derivations.

R_sc/abs = | Int dk N(k) / Int dk D(k) |:

* N(k) = 2 [eps1 dU + eps2 k dU' + eps3 k^2 dU''], the nu_mu + nu_tau scattering drift of Eq. 40
  (the 2 counts the two flavours).  dU(k) = U(T_eff_mu) - U_FD(T) is the deviation from equilibrium
  (Eq. 29) with U of Eq. 52; f0 in the eps's is Fermi-Dirac at (T, 0), the nu_mu chemical potential.
  Two coefficient sets: ``"derived"`` -- natal's, drift_flux("literal"), the coefficients of Eq. 40
  when its derivatives act on delta U as printed (how Eq. 50 applies them); ``"printed"`` -- Eqs.
  43-45 as printed, which reproduces the paper's own figure.
* D(k) = kappa*_abs/(3 kappa_tot) eps_abs dU_e, the nu_e absorption drift of Arras & Lai as the paper
  quotes it (Eqs. 47-49).  natal does not derive it (it is not this paper's result) and takes it as
  quoted, with two readings fixed: the absorption couplings (c_V, c_A of nu_e n -> e- p) are kept apart
  from the scattering couplings in kappa_0 (the print uses the same letters for both), and kappa_0 is
  natal's derived Eq. 39 on neutrons.  dU_e = U(T_eff_e) - U_FD(T, mu_nu) with U of Eq. 51.

Everything the paper leaves open is an input: mu_nu (nu_e chemical potential in kappa* and in the
equilibrium U_FD), mu_e (electron blocking in Eqs. 48-49), the moments mu_B (scattering), mu_Bn, mu_Bp.
"""

from __future__ import annotations

import sympy as sp

from natal.derivations.nuN import drift_flux
from natal.derivations.nuN.symbols import (
    B, Delta_np, F_2, G_F, T, T_eff_e, T_eff_mu, c_A, c_V, d2_dU, d_dU, dU, e_charge, k, m, mu_B, mu_Bn,
    mu_Bp, mu_e, mu_nu, n, n_n,
)
from natal.derivations.printed import nuN as printed
from natal.derivations.result import Derivation

__all__ = ["COEFFICIENTS", "CURVES", "c_V_abs", "c_A_abs", "scattering_integrand", "absorption_integrand",
           "drift_coefficients", "coefficient_curves"]

COEFFICIENTS = ("derived", "printed")
#: The sources of the coefficients of Eqs. 41-45 drawn against energy: natal's in each reading of
#: Eq. 40 (drift_flux.READINGS) and the printed ones.
CURVES = ("literal", "occupation", "printed")
c_V_abs = sp.Symbol("c_V_abs", real=True)  # nu_e n -> e- p, Table I
c_A_abs = sp.Symbol("c_A_abs", real=True)


def _energy_density(temperature: sp.Expr, chemical_potential: sp.Expr = 0) -> sp.Expr:
    return k**3 / (2 * sp.pi**2) / (sp.exp((k - chemical_potential) / temperature) + 1)


def _eps(coefficients: str) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """eps1, eps2, eps3 of Eq. 40: natal's (literal reading) or the printed Eqs. 43-45."""
    if coefficients == "derived":
        F = drift_flux.drift_flux("literal")
        return (F["eps1"], F["eps2"], F["eps3"])
    if coefficients == "printed":
        return (printed.eq43(), printed.eq44(), printed.eq45())
    raise ValueError(f"coefficients must be one of {COEFFICIENTS}, got {coefficients!r}")


def drift_coefficients(coefficients: str = "derived") -> Derivation:
    """eps1, eps2, eps3 of Eq. 40 (literal reading, or as printed) and kappa_0 of Eq. 39, with f0
    Fermi-Dirac at (T, mu_nu): what Eq. 46's alpha_sc needs for a delta U(k) given on a grid."""
    eps = _eps(coefficients)
    eps = [sp.expand(e).xreplace(drift_flux.fermi_dirac_jets()) for e in eps]
    return Derivation(
        name=f"nuN.drift_coefficients_{coefficients}", ref="nuN Eqs. 39, 43-45 (alpha_sc, Eq. 46)",
        inputs=(k, T, mu_nu, m, mu_B, B, c_V, c_A, F_2, n, G_F),
        outputs=(("eps1", eps[0]), ("eps2", eps[1]), ("eps3", eps[2]), ("kappa0", drift_flux.kappa0())),
        units={"k": "MeV", "T": "MeV", "mu_nu": "MeV", "m": "MeV", "mu_B": "MeV/G", "B": "G", "n": "MeV^3",
               "G_F": "MeV^-2", "kappa0": "MeV (inverse mean free path, natural units)"},
        description=f"{coefficients} eps^(i) of Eq. 40 and kappa_0 of Eq. 39")


def coefficient_curves(source: str = "literal") -> Derivation:
    """delta1, delta2 and eps1, eps2, eps3 of Eqs. 41-45 with f0 Fermi-Dirac at (T, mu_nu), from one of
    :data:`CURVES`: natal's coefficients of Eq. 40 in its literal or occupation reading, or as printed."""
    if source in drift_flux.READINGS:
        F = drift_flux.drift_flux(source)
        coefficients = {name: F[name] for name in ("delta1", "delta2", "eps1", "eps2", "eps3")}
    elif source == "printed":
        coefficients = {"delta1": printed.eq41(), "delta2": printed.eq42(), "eps1": printed.eq43(),
                        "eps2": printed.eq44(), "eps3": printed.eq45()}
    else:
        raise ValueError(f"source must be one of {CURVES}, got {source!r}")
    fermi_dirac = drift_flux.fermi_dirac_jets()
    return Derivation(
        name=f"nuN.coefficient_curves_{source}", ref="nuN Eqs. 40-45",
        inputs=(k, T, mu_nu, m, mu_B, B, c_V, c_A, F_2),
        outputs=tuple((name, sp.expand(e).xreplace(fermi_dirac)) for name, e in coefficients.items()),
        units={"k": "MeV", "T": "MeV", "mu_nu": "MeV", "m": "MeV", "mu_B": "MeV/G", "B": "G"},
        description=f"delta^(1), delta^(2), eps^(1-3) of Eq. 40 ({source}) with f0 Fermi-Dirac at (T, mu_nu)")


def scattering_integrand(coefficients: str = "derived") -> Derivation:
    """N(k) of Eq. 50 with dU = U(T_eff_mu) - U_FD(T) put in, for a coefficient set of COEFFICIENTS."""
    eps = _eps(coefficients)
    dU_k = _energy_density(T_eff_mu) - _energy_density(T)
    u_jets = (dU, d_dU, d2_dU)
    integrand = 2 * sum((c * k**i * u_jets[i] for i, c in enumerate(eps)), sp.Integer(0))
    integrand = integrand.xreplace({u_jets[i]: sp.diff(dU_k, k, i) for i in range(3)})
    integrand = integrand.xreplace(drift_flux.fermi_dirac_jets(T, 0))
    return Derivation(
        name=f"nuN.scattering_drift_{coefficients}", ref="nuN Eqs. 40, 43-45, 50, 52",
        inputs=(k, T, T_eff_mu, m, mu_B, B, c_V, c_A, F_2), outputs=(("N", integrand),),
        units={"k": "MeV", "T": "MeV", "T_eff_mu": "MeV", "m": "MeV", "mu_B": "MeV/G", "B": "G",
               "N": "MeV^2 (the B-hat flux of nu_mu + nu_tau per unit k)"},
        description=f"numerator integrand of R_sc/abs, {coefficients} eps coefficients")


def absorption_integrand() -> Derivation:
    """D(k) of Eq. 50: Arras & Lai's absorption drift as quoted (Eqs. 47-49), dU_e of Eq. 51 put in."""
    abs_couplings = {c_V: c_V_abs, c_A: c_A_abs}
    kappa_abs = printed.eq48().xreplace(abs_couplings)
    kappa_star = kappa_abs * (1 + sp.exp((mu_nu - k) / T))
    kappa_tot = kappa_star + drift_flux.kappa0().subs(n, n_n)  # scattering on neutrons alone
    eps_abs = printed.eq49().xreplace(abs_couplings)
    dU_e = _energy_density(T_eff_e) - _energy_density(T, mu_nu)
    integrand = kappa_star / (3 * kappa_tot) * eps_abs * dU_e
    return Derivation(
        name="nuN.absorption_drift", ref="nuN Eqs. 47-51 (Arras & Lai, as quoted)",
        inputs=(k, T, T_eff_e, mu_nu, mu_e, Delta_np, e_charge, B, mu_Bn, mu_Bp, c_V_abs, c_A_abs, c_V, c_A,
                n_n, G_F),
        outputs=(("D", integrand),),
        units={"k": "MeV", "T": "MeV", "T_eff_e": "MeV", "mu_nu": "MeV", "mu_e": "MeV", "Delta_np": "MeV",
               "e_charge": "MeV^2/G (e B in natural units per gauss, m_e^2/B_crit)", "B": "G",
               "mu_Bn": "MeV/G", "mu_Bp": "MeV/G", "n_n": "MeV^3", "G_F": "MeV^-2",
               "D": "MeV^2 (the B-hat flux of nu_e per unit k)"},
        description="denominator integrand of R_sc/abs (absorption drift of nu_e as quoted)")
