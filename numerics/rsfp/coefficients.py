"""rsfp's numeric coefficients from float constants (natal.numerics.constants): the potential and the
resonant energy of Eq. 4, the Landau-Zener coefficient of Eq. 6 with Table 1's gamma_max, and the kick
coefficient of Eq. 12.

The reproduction reports them beside the paper's values; the checks (natal.papers.rsfp.checks) use them
as the float-constant route against the symbolic derivations.
"""

from __future__ import annotations

import math

from natal.derivations.printed import rsfp_data as data
from natal.numerics import constants as C
from natal.numerics import validation

__all__ = ["potential_per_rho14", "resonant_energy", "gamma_coefficient", "table1_gamma_max", "kick_coefficient"]


def potential_per_rho14(neutron_fraction: float) -> float:
    """V = G_F N_n / sqrt2 of Eq. 4 in MeV at rho = 1e14 g cm^-3, with N_n = neutron_fraction x rho/m_u
    (G_F/(hbar c)^3 in GeV^-2, hbar c in MeV cm, m_u in g); 0 < neutron_fraction <= 1."""
    y = validation.finite_scalar("neutron_fraction", neutron_fraction, low=0.0, high=1.0, low_open=True)
    G_F_MeV_cm3 = C.G_F_GeV2 * 1e-6 * C.hbar_c_MeV_cm**3
    return G_F_MeV_cm3 * y * 1e14 / C.m_u / math.sqrt(2)


def resonant_energy(m_s_keV: float, rho14: float, neutron_fraction: float) -> float:
    """The neutrino energy [MeV] at which a sterile mass m_s is resonant, E = m_s^2 / 2V (Eq. 4 without
    the polarisation term), at density rho14 x 1e14 g cm^-3; 0 < m_s_keV <= 1e4, 0 < rho14 <= 100."""
    m = validation.finite_scalar("m_s_keV", m_s_keV, low=0.0, high=1e4, low_open=True, unit="keV") * 1e-3
    r = validation.finite_scalar("rho14", rho14, low=0.0, high=100.0, low_open=True, unit="x 1e14 g cm^-3")
    return m**2 / (2 * potential_per_rho14(neutron_fraction) * r)


def gamma_coefficient(Y_e: float = 0.0) -> float:
    """gamma of Eq. 6 at the paper's reference values (mu = 1e-12 mu_B, B_perp = 3e15 G,
    rho = 2.6e14 g cm^-3, l = 10 km) in the Landau-Zener form 4 (mu B)^2 l / V_res, in natural units
    (hbar c converts the length); 0 <= Y_e < 1.  The printed coefficient is this times (1 - Y_e)."""
    y = validation.finite_scalar("Y_e", Y_e, low=0.0, high=1.0, high_open=True,
                                 unit="(Y_e = 1: no neutrons, no potential)")
    muB = 1e-12 * C.mu_B_MeV_per_G * 3e15  # MeV
    length = 10 * C.km / C.hbar_c_MeV_cm  # MeV^-1
    V_res = potential_per_rho14(1.0 - y) * 2.6  # MeV
    return 4 * muB**2 * length / V_res


def table1_gamma_max(coefficient: float) -> list[tuple[float, float, float]]:
    """gamma at the resonance for each Table 1 group, with Eq. 6's form at ``coefficient`` (0 < coefficient
    <= 1e3), the Eq. 7 profile (rsfp_data.PROFILE) and B_perp = B: [(R_res/R_c, computed, printed
    gamma_max)]."""
    validation.finite_scalar("coefficient", coefficient, low=0.0, high=1e3, low_open=True)
    P = data.PROFILE
    rho0, rhoc, Rc, nc, na, Ye = (P[k] for k in ("rho0_g_cm3", "rho_c_g_cm3", "R_c_cm", "n_c", "n_a", "Y_e"))
    out = []
    for x, B, g_printed in data.TABLE1_GROUPS:
        if x <= 1:
            dens = rho0 * (1 - (1 - rhoc / rho0) * x**nc)
            slope = rho0 * (1 - rhoc / rho0) * nc * x ** (nc - 1) / Rc
            ell = dens / slope
        else:
            dens, ell = rhoc * x**-na, x * Rc / na
        g = coefficient / (1 - Ye) * (2.6e14 / dens) * (B / 3e15) ** 2 * ell / 1e6
        out.append((x, g, g_printed))
    return out


def kick_coefficient() -> float:
    """dp/p per unit of Eq. 12's scales: M V c / E_tot at V = 1e3 km/s, M = 1.5 M_sun, E_tot = 3e53 erg."""
    return 1.5 * C.M_sun_g * 1e3 * C.km * C.c / 3e53
