"""Physical constants in cgs, each with its source (DESIGN convention 5: one module for all of them).

CODATA values come from ``scipy.constants`` (the CODATA release the installed SciPy carries).  Values
that CODATA does not provide cite the PDG Review of Particle Physics.
"""

from __future__ import annotations

import scipy.constants as sc

__all__ = [
    "c", "e_esu", "hbar_c_MeV_cm", "MeV", "G_F_GeV2", "G_F", "SIN2_THETA_W", "m_e",
    "m_u", "m_e_c2_MeV", "Q_np_MeV", "g_A", "sigma_0", "m_p_c2_MeV", "m_n_c2_MeV",
    "mu_B_MeV_per_G", "G_newton", "M_sun_g", "km",
]

#: speed of light [cm s^-1] (exact, SI definition)
c: float = sc.c * 1e2
#: elementary charge [esu] = e[C] * c[m/s] / 10 (Gaussian units)
e_esu: float = sc.e * sc.c * 10.0
#: one MeV in erg
MeV: float = sc.mega * sc.electron_volt * 1e7
#: hbar c [MeV cm]
hbar_c_MeV_cm: float = sc.physical_constants["reduced Planck constant times c in MeV fm"][0] * 1e-13
#: electron mass [g]
m_e: float = sc.m_e * 1e3
#: Fermi coupling constant G_F/(hbar c)^3 [GeV^-2] (CODATA, from the muon lifetime)
G_F_GeV2: float = sc.physical_constants["Fermi coupling constant"][0]
#: Fermi coupling constant G_F [erg cm^3] = G_F/(hbar c)^3 * (hbar c)^3
G_F: float = G_F_GeV2 * 1e-6 * hbar_c_MeV_cm**3 * MeV

#: sin^2(theta_W): the two conventions in common use; the `mag` paper does not say which it takes.
SIN2_THETA_W: dict[str, float] = {
    # on-shell definition 1 - M_W^2/M_Z^2 (CODATA "weak mixing angle")
    "on-shell": sc.physical_constants["weak mixing angle"][0],
    # MS-bar at the Z pole, PDG 2024 Review of Particle Physics, review
    # 'Electroweak model and constraints on new physics'
    "msbar-mz": 0.23122,
}

#: atomic mass constant m_u [g] (CODATA); rho / m_u is the baryon number density
m_u: float = sc.physical_constants["atomic mass constant"][0] * 1e3
#: electron rest energy m_e c^2 [MeV] (CODATA)
m_e_c2_MeV: float = sc.physical_constants["electron mass energy equivalent in MeV"][0]
#: neutron-proton rest-energy difference (m_n - m_p) c^2 [MeV] (CODATA)
Q_np_MeV: float = sc.physical_constants["neutron-proton mass difference energy equivalent in MeV"][0]
#: nucleon axial coupling |g_A| = |lambda| = |g_A/g_V| (PDG 2024 Review of Particle Physics, n baryon listing:
#: lambda = -1.2754 +- 0.0013)
g_A: float = 1.2754
#: weak cross-section unit sigma_0 = 4 G_F^2 (m_e c^2)^2 / (pi (hbar c)^4) [cm^2] (~1.76e-44; e.g. Burrows,
#: Reddy & Thompson 2006, Nucl. Phys. A 777, 356), from CODATA G_F and m_e
sigma_0: float = 4 * (G_F_GeV2 * 1e-6) ** 2 * m_e_c2_MeV**2 * hbar_c_MeV_cm**2 / sc.pi

#: proton and neutron rest energies [MeV] (CODATA): the nucleon mass M of E/M recoil corrections
m_p_c2_MeV: float = sc.physical_constants["proton mass energy equivalent in MeV"][0]
m_n_c2_MeV: float = sc.physical_constants["neutron mass energy equivalent in MeV"][0]

#: Bohr magneton [MeV G^-1] (CODATA "Bohr magneton in eV/T"; 1 T = 10^4 G)
mu_B_MeV_per_G: float = sc.physical_constants["Bohr magneton in eV/T"][0] * 1e-6 * 1e-4
#: Newtonian constant of gravitation [cm^3 g^-1 s^-2] (CODATA)
G_newton: float = sc.G * 1e3
#: solar mass [g]: the IAU 2015 (Resolution B3) nominal G M_sun = 1.3271244e26 cm^3 s^-2 over CODATA G
M_sun_g: float = 1.3271244e26 / G_newton
#: one kilometre [cm]
km: float = 1e5
