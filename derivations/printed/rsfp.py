"""The `rsfp` paper's equations exactly as printed (seed 002_0bb635d9bd71b574.txt).

Nothing here is derived and nothing here is used to derive: these forms are only ever compared with
``natal.derivations.rsfp.equations``.  Each function builds one printed equation as SymPy, literally (printed
numbers kept as exact rationals, nothing simplified); ``TEXT`` keeps the extracted text of each
equation tidied into one line and the reading natal takes of it.  The stated numbers (C1 ~ 5.2,
V ~ 4e-6 rho_14 MeV, ...) are in ``rsfp_data.STATED``.

Conventions of the transcription:

* the symbols are those of ``natal.derivations.rsfp.symbols`` (compared by identity);
* Eqs. 1-5 and 9-11 are unit-free, like the derivations;
* Eqs. 6 and 12 carry reference values: their symbols are read in the paper's units there, rho in
  g cm^-3, mu_nu in Bohr magnetons, B_perp in G, l_rho in cm (Eq. 6); V in km s^-1, E_tot in erg,
  M in solar masses (Eq. 12).  The checks convert the derived forms to these units.
"""

from __future__ import annotations

import sympy as sp

from natal.derivations.printed.form import PrintedEquation
from natal.derivations.rsfp.symbols import (
    B_perp, C_A_n, C_A_p, C_V_n, C_V_p, E, E_tot, G_F, I_ns, M, N_n, R, V, Y_e, Y_p, alpha, c, cos_theta,
    delta_rho, dm2, gamma, k_sd, kappa, l_rho, lam, mu_nu, mu_rho, mu_z, n_brake, omega, omega_ddot,
    omega_dot, rho,
)

__all__ = ["TEXT", "eq1", "eq2", "eq3", "eq4", "eq5", "eq6", "eq9", "eq10", "eq11", "eq12",
           "eq12_exponent_restored"]

_Q = sp.Rational


def eq1() -> dict[str, sp.Expr]:
    """rsfp Eq. 1: omega_dot = -k omega^n, and the braking index n = omega_ddot omega / omega_dot^2."""
    return {"omega_dot": -k_sd * omega**n_brake, "n_definition": omega_ddot * omega / omega_dot**2}


def eq2() -> dict[str, sp.Expr]:
    """rsfp Eq. 2: dE_mu/dt = -(1/2) d(I omega^2)/dt = 2 mu_rho^2 omega^4 / 3c^3; "for constant I
    this yields n = 3" (the text after it)."""
    return {"P": 2 * mu_rho**2 * omega**4 / (3 * c**3), "braking_index": sp.Integer(3)}


def eq3() -> dict[str, sp.Expr]:
    """rsfp Eq. 3 with the text around it: omega_dot = -k omega^3 (1 + alpha omega^2),
    k = 2 mu_rho^2 / 3 I c^3, alpha = 2 mu_z^2 (delta_rho R)^2 / 5 mu_rho^2 c^2, n ~ 3 + 2 alpha omega^2."""
    return {
        "omega_dot": -k_sd * omega**3 * (1 + alpha * omega**2),
        "k": 2 * mu_rho**2 / (3 * I_ns * c**3),
        "alpha": 2 * mu_z**2 * (delta_rho * R) ** 2 / (5 * mu_rho**2 * c**2),
        "braking_index": 3 + 2 * alpha * omega**2,
    }


def eq4() -> dict[str, sp.Expr]:
    """rsfp Eq. 4: V(nubar_tau) = G_F N_n / sqrt2 - sum_{f=n,p,e} kappa_f <lambda^f_par> = Delta m^2 / 2E
    (the two sides as "V" and "resonance")."""
    return {"V": G_F * N_n / sp.sqrt(2) - sum(kappa[f] * lam[f] for f in "npe"), "resonance": dm2 / (2 * E)}


def eq5() -> dict[str, sp.Expr]:
    """rsfp Eq. 5: P(nubar_tau <-> nu_s) ~ 1 - exp(-pi gamma / 2)."""
    return {"P_conversion": 1 - sp.exp(-sp.pi * gamma / 2)}


def eq6() -> dict[str, sp.Expr]:
    """rsfp Eq. 6: gamma ~ 1.04 (1/(1 - Y_e)) (2.6e14 g cm^-3 / rho) (mu/1e-12 mu_B * B_perp/3e15 G)^2
    (l_rho / 10 km), with rho in g cm^-3, mu_nu in mu_B, B_perp in G and l_rho in cm."""
    return {"gamma": _Q(104, 100) / (1 - Y_e) * (_Q(26, 10) * 10**14 / rho)
            * (mu_nu / _Q(1, 10**12) * B_perp / (3 * 10**15)) ** 2 * l_rho / 10**6}


def eq10() -> dict[str, sp.Expr]:
    """rsfp Eq. 10: C1 = sum_{N=n,p} Y_N [(C_V^N)^2 + 3 (C_A^N)^2] ~ 5.2, with Y_n = 1 - Y_p."""
    return {"C1": (1 - Y_p) * (C_V_n**2 + 3 * C_A_n**2) + Y_p * (C_V_p**2 + 3 * C_A_p**2),
            "value": _Q(52, 10)}


def eq11() -> dict[str, sp.Expr]:
    """rsfp Eq. 11: C2 = sum_{N=n,p} Y_N [(C_V^N)^2 - (C_A^N)^2] ~ -0.8, with Y_n = 1 - Y_p."""
    return {"C2": (1 - Y_p) * (C_V_n**2 - C_A_n**2) + Y_p * (C_V_p**2 - C_A_p**2), "value": -_Q(8, 10)}


def eq9() -> dict[str, sp.Expr]:
    """rsfp Eq. 9: dsigma_E/dcos theta = (G_F^2 E^2 / 8 pi)(C1 + C2 cos theta), C1 and C2 of Eqs. 10-11."""
    return {"dsigma_dcos": G_F**2 * E**2 / (8 * sp.pi) * (eq10()["C1"] + eq11()["C2"] * cos_theta)}


def eq12() -> dict[str, sp.Expr]:
    """rsfp Eq. 12 as printed: dp/p_tot ~ 0.03 (V/1e3 km s^-1)(E_tot/3e53 erg)(M/1.5 M_sun), with V in
    km s^-1, E_tot in erg and M in M_sun (E_tot to the first power, as the extraction reads)."""
    return {"dp_over_p": _Q(3, 100) * (V / 1000) * (E_tot / (3 * 10**53)) * (M / _Q(3, 2))}


def eq12_exponent_restored() -> dict[str, sp.Expr]:
    """Eq. 12 with the E_tot factor to the power -1 (a superscript the extraction may have lost)."""
    return {"dp_over_p": _Q(3, 100) * (V / 1000) * (E_tot / (3 * 10**53)) ** -1 * (M / _Q(3, 2))}


TEXT: dict[str, PrintedEquation] = {
    "1": PrintedEquation(
        "rsfp Eq. 1",
        r"\dot\omega = -k\omega^n, \quad n = \ddot\omega\omega/\dot\omega^2",
        "read as printed; n defined in the sentence after the equation",
    ),
    "2": PrintedEquation(
        "rsfp Eq. 2",
        r"\frac{dE_\mu}{dt} = -\frac12 \frac{d(I\omega^2)}{dt} = \frac{2\mu_\rho^2}{3c^3}\omega^4",
        "'dEµ/dt = −1/2 d(Iω2)/dt = 2µ2ρ/3c3 ω4' with the flattened superscripts read as mu_rho^2, c^3, "
        "omega^4; dE_mu/dt is the radiated power (a positive rate of energy loss), so the middle member "
        "is the rotational energy's rate of decrease; 'for constant I this yields n = 3'",
    ),
    "3": PrintedEquation(
        "rsfp Eq. 3",
        r"\dot\omega = -k\omega^3(1 + \alpha\omega^2), \quad k = 2\mu_\rho^2/3Ic^3, \quad "
        r"\alpha = 2\mu_z^2(\delta_\rho R)^2/5\mu_\rho^2c^2, \quad n = \ddot\omega\omega/\dot\omega^2 "
        r"\simeq 3 + 2\alpha\omega^2",
        "k and alpha from the sentence after Eq. 3 ('k = 2µ2ρ/3Ic3 and α = 2µ2z(δρR)2/5µ2ρc2'), read as "
        "2 mu_rho^2/(3 I c^3) and 2 mu_z^2 (delta_rho R)^2/(5 mu_rho^2 c^2); n to first order in alpha",
    ),
    "4": PrintedEquation(
        "rsfp Eq. 4",
        r"V(\bar\nu_\tau) = \frac{G_F N_n}{\sqrt2} - \sum_{f=n,p,e} \kappa_f \langle\lambda^f_\parallel\rangle "
        r"= \frac{\Delta m^2}{2E}",
        "read as printed; kappa_f ~ (g^f_A G_F/sqrt2) N_f and the polarisations <lambda^f> stay symbols "
        "(the text argues they are negligible); Delta m^2 ~ m_s^2",
    ),
    "5": PrintedEquation(
        "rsfp Eq. 5",
        r"P_{\bar\nu_\tau\leftrightarrow\nu_s} \simeq 1 - \exp\left(-\frac{\pi}{2}\gamma\right)",
        "read as printed",
    ),
    "6": PrintedEquation(
        "rsfp Eq. 6",
        r"\gamma \simeq 1.04 \left(\frac{1}{1 - Y_e}\right)\left(\frac{2.6\times10^{14}\,g\,cm^{-3}}{\rho}\right)"
        r"\times\left(\frac{\mu_\nu}{10^{-12}\mu_B}\frac{B_{\perp res}}{3\times10^{15}G}\right)^2 "
        r"\frac{\ell_{\rho\,res}}{10\,km}",
        "read as printed, one product over the line break; ell_rho = |(1/rho) d rho/dr|^-1 at the resonance",
    ),
    "9": PrintedEquation(
        "rsfp Eq. 9",
        r"\frac{d\sigma_E}{d\cos\theta} = \frac{G_F^2E_\nu^2}{8\pi}(C_1 + C_2\cos\theta)",
        "'G2FE2ν / 8π' read as G_F^2 E_nu^2/(8 pi); per nucleon, C1 and C2 of Eqs. 10-11 averaged over "
        "n and p",
    ),
    "10": PrintedEquation(
        "rsfp Eq. 10",
        r"C_1 = \sum_{N=n,p} Y_N \left[(C^N_V)^2 + 3(C^N_A)^2\right] \approx 5.2",
        "read as printed, Y_n = 1 - Y_p; couplings C_V^n = -1, C_V^p ~ 0.07, C_A^n ~ -1.15, C_A^p ~ 1.37, "
        "Y_p ~ 0.3 (rsfp_data.COUPLINGS)",
    ),
    "11": PrintedEquation(
        "rsfp Eq. 11",
        r"C_2 = \sum_{N=n,p} Y_N \left[(C^N_V)^2 - (C^N_A)^2\right] \approx -0.8",
        "read as printed, Y_n = 1 - Y_p",
    ),
    "12": PrintedEquation(
        "rsfp Eq. 12",
        r"\frac{\Delta p}{p_{tot}} \simeq 0.03 \left(\frac{V}{10^3\,km\,s^{-1}}\right)"
        r"\left(\frac{E_{tot}}{3\times10^{53}\,ergs}\right)\left(\frac{M}{1.5M_\odot}\right)",
        "read literally, E_tot to the first power: the extraction shows no exponent on the E_tot factor; "
        "eq12_exponent_restored reads it to the power -1 (a superscript lost in the PDF extraction would "
        "look exactly like this)",
    ),
}
