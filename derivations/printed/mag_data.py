"""The `mag` paper's stated numbers, exactly as printed (seed 000_278a21dc00fb86c1.txt).

Nothing here is derived.  The inputs the paper states (Sec. II A-C, Eq. 4, Eq. 15) and the results it
prints, kept apart from the printed equations so that the numeric layer reads them without SymPy.
"""

from __future__ import annotations

__all__ = ["G_F_PRINTED", "PARAMETERS", "STATED"]

#: Stated numerical inputs of the paper, as printed (Sec. II A-C, Eq. 4, Eq. 15).
G_F_PRINTED = 1.43523e-49  # erg cm^3, "G_F ~ 1.43523 x 10^-49 erg cm^3" (below Eq. 4)
PARAMETERS = {
    "M_g": 2.53e33,
    "R_max_cm": 3000e5,
    "R_min_cm": 41.58e5,
    "gamma": 1.33038,
    "period_final_s": 0.1,
    "Omega_prefactor_rad_s": 0.012,  # Eq. 15, "~ 0.012 / cos^4(psi/2)"
}

#: Numbers the paper states as results, each with the words it states it in (None: only in a figure).
STATED: dict[str, tuple[float | None, str]] = {
    "t_max_s": (3.34, "a long total collapse time of t_max ~ 3.34 s (Sec. II B)"),
    "rho_c_max_g_cm3": (2.1e13, "a near nuclear density of 2.1 x 10^13 g cm^-3 is reached at the center"),
    "v_surface_final_cm_s": (-1.19e9, "a final v_sigma^r = -1.19 x 10^9 cm s^-1 at the core surface"),
    "psi_trap_center": (2.5593, "the trapping density is achieved [at the centre] at time psi = 2.5593"),
    "t_trap_center_s": (3.3058, "corresponding to t = 3.3058 s"),
    "omega_prefactor": (0.012, "Eq. 15: Omega ~ 0.012 / cos^4(psi/2)"),
    "t_begin_10km_s": (3.315, "Fig. 7 caption: t_begin = 3.315 s"),
    "t_end_10km_s": (3.338, "Fig. 7 caption: t_end = 3.338 s"),
    "force_ratio_p_e": (0.04, "Fig. 8 caption: the force on protons ... ~4% of the strength"),
    "gravity_e_surface_dyn": (1e-14, "gravitational force on an electron at the PNS surface at t_end, ~10^-14 dyn"),
    "max_abs_dBz_dt_G_s": (None, "Fig. 7 only; the text gives no number"),
    "max_abs_force_e_dyn": (None, "Fig. 8 only; the text gives no number"),
}
