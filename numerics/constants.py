"""Physical constants in cgs, each with its source (DESIGN convention 5: one module for all of them).

CODATA values come from ``scipy.constants`` (the CODATA release the installed SciPy carries).  Values that CODATA does not provide cite the PDG Review of Particle
Physics.
"""

from __future__ import annotations

import scipy.constants as sc

__all__ = [
    "c",
    "e_esu",
    "hbar_c_MeV_cm",
    "MeV",
    "G_F_GeV2",
    "G_F",
    "SIN2_THETA_W",
    "m_e",
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
