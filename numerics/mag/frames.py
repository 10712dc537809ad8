"""Neutrino number flux and its frames (mag Sec. II C, Eq. 13 and the two frame changes after it).

natal writes the normalised number-flux 4-vector as J^a = N^a / c with N^a = (c n, F): J^t = n is the
number density [cm^-3] and J^i = F^i / c the normalised flux [cm^-3], so every component has the unit
the paper asks of J_nu ("a normalized flux, with unit cm^-3").  The paper's own fluid-frame J^t is
n / c ("these components differ by a factor of c in their definitions", Fig. 6 caption); natal keeps
the physical n, which is also what Eq. 3's n_nu is.

The chain, per (psi, r) bin and for one neutrino species:

1. fluid frame (comoving with the collapse; Arnett's frame): Eq. 13 divided by the neutrino energy and
   summed over energy bins, :func:`fluid_number_flux`;
2. co-rotating, non-collapsing frame: a Lorentz boost with the fluid's radial velocity v^r (Eq. 6),
   :func:`radial_boost`;
3. observer frame: the coordinate change phi -> phi + Omega t into the frame in which the core spins
   (the paper's "Jacobian"), then the orthonormal azimuthal component r sin(theta) J^phi,
   :func:`to_observer`.
"""

from __future__ import annotations

import numpy as np

from natal.numerics import constants, validation

__all__ = ["fluid_number_flux", "radial_boost", "to_observer", "orthonormal_phi"]


def fluid_number_flux(rho, G, L, r, xi_MeV):
    """Fluid-frame (J^t, J^r) [cm^-3] from Eq. 13's monochromatic energy flux.

    Parameters
    ----------
    rho : nucleon mass density [g cm^-3], shape S
    G : energy per unit mass in each energy bin [erg g^-1], shape S + (n_bins,)
    L : luminosity in each energy bin [erg s^-1], shape S + (n_bins,)
    r : radius [cm], shape S (broadcastable)
    xi_MeV : bin energies [MeV], shape (n_bins,)

    Eq. 13: zeta^t = rho G_xi (energy density), zeta^r = L_xi / (4 pi r^2) (energy flux).  Dividing by
    the bin energy xi gives the number density and number flux of the bin; summing over bins gives
    n = sum rho G / xi and F = sum L / (4 pi r^2 xi), and J = (n, F / c).
    """
    rho = validation.real_array("rho", rho)
    xi_erg = validation.finite_array("xi_MeV", xi_MeV, low=0, low_open=True, unit="MeV") * constants.MeV
    r = validation.finite_array("r", r, low=0, low_open=True, unit="cm (the flux of Eq. 13 divides by 4 pi r^2)")
    n = rho * np.sum(np.asarray(G) / xi_erg, axis=-1)
    F = np.sum(np.asarray(L) / xi_erg, axis=-1) / (4 * np.pi * r**2)
    return n, F / constants.c


def radial_boost(J_t, J_r, v_r):
    """Fluid frame -> co-rotating, non-collapsing frame: the Lorentz boost with the fluid's v^r.

    The fluid moves radially with v^r (negative while it falls in) relative to the non-collapsing
    frame, so with beta = v^r / c and Lorentz factor g:
    J^t' = g (J^t + beta J^r), J^r' = g (J^r + beta J^t).  The second term of J^r' is the convective
    flux the paper picks up.  Exact in beta; Arnett's data are themselves good to O(v/c).
    """
    beta = validation.real_array("v_r", v_r) / constants.c
    if np.any(np.abs(beta) >= 1):
        raise ValueError("v_r must be slower than light, |v_r| < c")
    g = 1 / np.sqrt(1 - beta**2)
    return g * (J_t + beta * J_r), g * (J_r + beta * J_t)


def to_observer(J_t, J_r, Omega, r, theta, J_phi_hat=0.0):
    """Co-rotating frame -> observer frame, in which the core spins with Omega about z.

    The coordinate change phi_obs = phi + Omega t (t unchanged) takes the coordinate component
    J^phi to J^phi + Omega J^t / c (J^t = n counts per c t), and the orthonormal component is
    r sin(theta) times that.  J^t and J^r are unchanged.  Returns (J^t, J^r, J^phi_hat) of the
    observer frame; ``J_phi_hat`` is the orthonormal azimuthal flux in the rotating frame (zero for
    the paper's fluid-frame data).  A rigid rotation is not a Lorentz boost: this is the paper's
    Jacobian, and agrees with a boost by Omega r sin(theta) to first order in that speed over c.
    """
    J_phi_coord = J_phi_hat / (r * np.sin(theta)) + Omega * J_t / constants.c
    return J_t, J_r, orthonormal_phi(J_phi_coord, r, theta)


def orthonormal_phi(J_phi_coord, r, theta):
    """The orthonormal azimuthal component r sin(theta) J^phi of a coordinate-basis component
    (paper footnote 6; this is what brings in the simple theta dependence)."""
    return r * np.sin(theta) * J_phi_coord
