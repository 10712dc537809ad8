"""The `rsfp` paper's stated numbers, exactly as printed (seed 002_0bb635d9bd71b574.txt).

Nothing here is derived.  These are the inputs the paper states (the PNS model of Sec. 4, the
couplings below Eq. 9, the Monte Carlo settings of Sec. 5) and the results it prints (Table 1, the
values quoted in the text), kept once so that every reproduction uses exactly the paper's inputs
(DESIGN convention 5) and every comparison is against the printed value.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

__all__ = ["PROFILE", "FIG2_EXPONENTS", "COUPLINGS", "TRANSPORT", "FIG1", "TABLE1_GROUPS", "TABLE1",
           "STATED"]

#: PNS model of Sec. 4, Eqs. 7-8: "rho_o ~ 8 x rho_14", "rho_c ~ 2.6 x rho_14", "R_c ~ 10 km",
#: "we have used n_c = 2 ... we used n_a = 4", "T_o = 30 MeV ... and n_T = 1", "Y_e ~ 0.3" (Eq. 6).
PROFILE: Mapping[str, float] = MappingProxyType({
    "rho0_g_cm3": 8e14, "rho_c_g_cm3": 2.6e14, "R_c_cm": 1e6, "n_c": 2.0, "n_a": 4.0,
    "T0_MeV": 30.0, "n_T": 1.0, "Y_e": 0.3,
})

#: Fig. 2's three (n_c, n_a) pairs; the first is the one used in the simulations.
FIG2_EXPONENTS: tuple[tuple[float, float], ...] = ((2.0, 4.0), (1.0, 3.0), (2.0, 5.0))

#: Couplings stated below Eq. 9: C_V^n = -1, C_V^p = 1 - 4 sin^2 Theta_W ~ 0.07, C_A^n ~ -1.15,
#: C_A^p ~ 1.37, Y_p = 1 - Y_n ~ 0.3; and the printed results C1 ~ 5.2 (Eq. 10), C2 ~ -0.8 (Eq. 11).
COUPLINGS: Mapping[str, float] = MappingProxyType({
    "C_V_n": -1.0, "C_V_p": 0.07, "C_A_n": -1.15, "C_A_p": 1.37, "Y_p": 0.3,
})

#: Monte Carlo settings of Secs. 4-5: births in the core with a Fermi-Dirac spectrum at T_o, zero
#: chemical potential; an inelastic-to-elastic rate of ~10%, "so once every ten scatterings we generate
#: again the neutrino energy"; mu_nu = 1e-12 Bohr magnetons; "a statistics of ~4 x 10^5" per row.
TRANSPORT: Mapping[str, float] = MappingProxyType({
    "T_birth_MeV": 30.0, "eta_birth": 0.0, "scatterings_per_energy_draw": 10,
    "mu_nu_muB": 1e-12, "n_neutrinos": 400_000,
})

#: Fig. 1: gamma(Theta) on the resonance shell at R_res = 1.5 R_c, maximum field at the resonance
#: B = 4e15 G, for delta = 0.1, 0.2, 0.3, 0.4, 0.5.
FIG1: Mapping[str, object] = MappingProxyType({
    "rres_rc": 1.5, "B_G": 4e15, "deltas": (0.1, 0.2, 0.3, 0.4, 0.5),
})

#: Table 1 groups: (R_res/R_c, B [G], gamma_max as printed).
TABLE1_GROUPS: tuple[tuple[float, float, float], ...] = (
    (0.8, 8e15, 3.3), (1.3, 6e15, 5.5), (1.5, 6e15, 11.3), (1.5, 4e15, 5.0), (1.8, 3e15, 7.0),
)

# (rres_rc, B_G, delta, N(nu_s)/N, dp/p(nu_s), dp/p(nubar_tau), dp/p(total)) as printed.
_ROWS = (
    (0.8, 8e15, 0.1, 0.58, 0.03, -0.001, 0.02),
    (0.8, 8e15, 0.2, 0.43, 0.06, -0.002, 0.05),
    (0.8, 8e15, 0.3, 0.27, 0.09, -0.004, 0.04),
    (0.8, 8e15, 0.5, 0.08, 0.14, -0.004, 0.03),
    (1.3, 6e15, 0.2, 0.57, 0.11, -0.002, 0.09),
    (1.3, 6e15, 0.3, 0.45, 0.21, -0.010, 0.15),
    (1.3, 6e15, 0.4, 0.33, 0.29, -0.006, 0.17),
    (1.3, 6e15, 0.6, 0.17, 0.44, -0.004, 0.17),
    (1.5, 6e15, 0.3, 0.51, 0.13, +0.003, 0.10),
    (1.5, 6e15, 0.4, 0.48, 0.21, -0.005, 0.16),
    (1.5, 6e15, 0.5, 0.44, 0.27, -0.002, 0.16),
    (1.5, 6e15, 0.6, 0.29, 0.37, -0.002, 0.21),
    (1.5, 4e15, 0.2, 0.54, 0.11, -0.005, 0.09),
    (1.5, 4e15, 0.3, 0.44, 0.19, +0.001, 0.12),
    (1.5, 4e15, 0.4, 0.37, 0.26, -0.006, 0.17),
    (1.5, 4e15, 0.5, 0.26, 0.36, -0.003, 0.15),
    (1.8, 3e15, 0.2, 0.60, 0.09, -0.011, 0.07),
    (1.8, 3e15, 0.3, 0.58, 0.12, +0.006, 0.09),
    (1.8, 3e15, 0.4, 0.43, 0.22, +0.003, 0.15),
    (1.8, 3e15, 0.6, 0.28, 0.39, +0.006, 0.10),
)
_GAMMA_MAX = {(r, b): g for r, b, g in TABLE1_GROUPS}

#: Table 1 as printed: one mapping per row.
TABLE1: tuple[Mapping[str, float], ...] = tuple(
    MappingProxyType({"rres_rc": r, "B_G": b, "delta": d, "gamma_max": _GAMMA_MAX[(r, b)], "fs": fs,
                      "dp_s": ps, "dp_tau": pt, "dp_total": ptot})
    for r, b, d, fs, ps, pt, ptot in _ROWS
)

#: Numbers stated in the text, each with the words it is stated in.
STATED: Mapping[str, tuple[float, str]] = MappingProxyType({
    "V_per_rho14_MeV": (4e-6, "In the PNS core V(nubar_tau) ~ 4 x 10^-6 rho_14 MeV (Sec. 3)"),
    "gamma_coefficient": (1.04, "gamma ~ 1.04 (1/(1 - Y_e)) (2.6e14 g cm^-3 / rho) (...)^2 l/10 km (Eq. 6)"),
    "rho_res_0.8_rho14": (4.5, "R_res/R_c = 0.8, rho_res ~ 4.5 x rho_14 (Sec. 5)"),
    "m_s_0.8_keV": (50.0, "R_res/R_c = 0.8, ..., m_nus ~ 50 keV (Sec. 5)"),
    "rho_res_1.8_rho14": (0.25, "Rres/Rc = 1.8 (... rho_res ~ 0.25 x rho_14 ...) (Sec. 5)"),
    "m_s_1.8_keV": (12.0, "Rres/Rc = 1.8 (... m_nus ~ 12 keV) (Sec. 5)"),
    "C1": (5.2, "C1 = sum_N Y_N [(C_V^N)^2 + 3 (C_A^N)^2] ~ 5.2 (Eq. 10)"),
    "C2": (-0.8, "C2 = sum_N Y_N [(C_V^N)^2 - (C_A^N)^2] ~ -0.8 (Eq. 11)"),
    "kick_coefficient": (0.03, "dp/p_tot ~ 0.03 (V/10^3 km/s) (E_tot/3e53 erg) (M/1.5 M_sun) (Eq. 12)"),
    "alpha_omega2_max": (1e-5, "for P ~ 10 ms, R ~ 10 km one obtains alpha omega^2 <~ 10^-5 (Sec. 2)"),
    "T_energy_sphere_MeV": (8.0, "T(R_E) ~ 8 MeV (Sec. 4)"),
    "rho_energy_sphere_g_cm3": (1e12, "rho(R_E) ~ 10^12 g cm^-3 (Sec. 4)"),
    "B_ratio_range_low": (1e-2, "B_S/B_N ~ (1 - delta^)^3/(1 + delta^)^3 ... in the range 10^-1 - 10^-2"),
})
