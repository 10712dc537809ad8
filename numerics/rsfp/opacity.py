"""The nubar_tau elastic opacity of the rsfp Monte Carlo: rsfp Eqs. 9-11 evaluated at the paper's inputs.

dsigma/dcos(theta) = G_F^2 E^2 / (8 pi) (C1 + C2 cos theta) per nucleon (Eq. 9), with C1, C2 the
abundance-weighted couplings of Eqs. 10-11 (natal.derivations.rsfp.equations derives the form; ``natal verify``
checks it).  Integrated over angles sigma = G_F^2 E^2 C1 / (4 pi); the mean scattering cosine is
g = C2 / (3 C1); the transport cross section is sigma (1 - g).  The opacity of matter of density rho is
kappa = (rho / m_u) sigma: every nucleon scatters, and C1 already averages over n and p.
"""

from __future__ import annotations

import math
from typing import Mapping

from natal.derivations.printed.rsfp_data import COUPLINGS
from natal.numerics import constants

__all__ = ["kernel_coefficients", "sigma_per_MeV2_cm2", "mean_cosine"]


def kernel_coefficients(couplings: Mapping[str, float] = COUPLINGS) -> tuple[float, float]:
    """(C1, C2) of Eqs. 10-11 from C_V^N, C_A^N and Y_p (default: the paper's stated values)."""
    y = {"p": couplings["Y_p"], "n": 1.0 - couplings["Y_p"]}
    if not 0.0 <= y["p"] <= 1.0:
        raise ValueError(f"Y_p must lie in [0, 1], got {y['p']}")
    c1 = sum(y[N] * (couplings[f"C_V_{N}"] ** 2 + 3 * couplings[f"C_A_{N}"] ** 2) for N in "np")
    c2 = sum(y[N] * (couplings[f"C_V_{N}"] ** 2 - couplings[f"C_A_{N}"] ** 2) for N in "np")
    return c1, c2


def sigma_per_MeV2_cm2(c1: float) -> float:
    """sigma / E^2 [cm^2 MeV^-2] = G_F^2 (hbar c)^2 C1 / (4 pi), G_F from CODATA."""
    g_f = constants.G_F_GeV2 * 1e-6  # MeV^-2
    return g_f**2 * constants.hbar_c_MeV_cm**2 * c1 / (4 * math.pi)


def mean_cosine(c1: float, c2: float) -> float:
    """<cos theta> = C2 / (3 C1) of the kernel C1 + C2 cos theta."""
    return c2 / (3 * c1)
