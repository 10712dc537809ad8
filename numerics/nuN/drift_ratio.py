"""R_sc/abs of nuN Eq. 50: the nu_mu,tau scattering drift against the nu_e absorption drift.

The integrands come from derivations.nuN.drift_ratio as generated NumPy evaluators; this module supplies
the neutrinosphere of Sec. V (T = 3 MeV, rho = 1e12 g/cm^3, Y_e = 0.3, neutrons only), the inputs the
paper leaves open, and the k-quadrature.  Natural units, MeV.  R does not depend on B (every drift
term is linear in it), on G_F or on the density except through the electron chemical potential.

Options (:class:`Options`), each a choice the paper does not state:

* ``coefficients``: ``"derived"`` (natal's eps's for Eq. 40 applied to delta U as Eq. 50 does) or
  ``"printed"`` (Eqs. 43-45, the paper's reading);
* ``mu_nu``: the nu_e chemical potential in kappa* and in the equilibrium delta U_e is measured from;
  ``"zero"`` (delta U_e vanishes at T_eff_e = T, as the paper's discussion implies) or ``"beta"``
  (beta equilibrium mu_e + mu_p - mu_n with nondegenerate nucleons);
* ``electron_blocking``: [1 - f_e] and f_e in Eqs. 48-49 with mu_e of the neutrinosphere, or f_e = 0;
* ``scattering_moment``: mu_B of the scattering drift, ``"neutron"`` (the signed neutron moment
  -1.913 mu_N, the spin energy of Eq. 15) or ``"magneton"`` (mu_N, "the nucleon magneton" of the
  abstract);
* ``proton_moment``: mu_Bp of Eq. 49, ``"total"`` (2.793 mu_N) or ``"anomalous"`` (1.793 mu_N).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

import numpy as np
from scipy import integrate, optimize

from natal.numerics import constants, validation
from natal.numerics.nuN.couplings import PAPER_INPUTS, couplings

__all__ = ["Options", "Neutrinosphere", "PAPER_SITE", "electron_chemical_potential", "beta_equilibrium_mu_nu",
           "kick_ratio", "kick_ratio_grid", "OPTION_VALUES", "alpha_sc", "integrals", "with_option"]

MU_N_MeV_per_G = constants.mu_B_MeV_per_G * constants.m_e_c2_MeV / constants.m_p_c2_MeV  # nuclear magneton
#: e B per gauss in natural units [MeV^2/G]: eB = m_e^2 at the critical field B_c = m_e^2 c^3/(e hbar)
E_CHARGE_MeV2_per_G = constants.m_e_c2_MeV**2 / 4.414005e13
_MOMENTS = {"proton_total": 1.0 + PAPER_INPUTS["mu_p"], "proton_anomalous": PAPER_INPUTS["mu_p"],
            "neutron": PAPER_INPUTS["mu_n"]}
#: the values each option can take, the first being natal's default
OPTION_VALUES = {"coefficients": ("derived", "printed"), "mu_nu": ("zero", "beta"),
                 "electron_blocking": (True, False), "scattering_moment": ("neutron", "magneton"),
                 "proton_moment": ("total", "anomalous")}


@dataclass(frozen=True)
class Neutrinosphere:
    """Matter at the neutrinosphere: T [MeV], rho [g/cm^3], Y_e."""

    T: float = 3.0
    rho: float = 1e12
    Ye: float = 0.3

    def __post_init__(self) -> None:
        validation.finite_scalar("T", self.T, low=0, low_open=True, unit="MeV")
        validation.finite_scalar("rho", self.rho, low=0, low_open=True, unit="g/cm^3")
        validation.finite_scalar("Ye", self.Ye, low=0, high=1, low_open=True, high_open=True)

    def number_density(self, fraction: float) -> float:
        """fraction * rho / m_u in MeV^3."""
        return fraction * self.rho / constants.m_u * constants.hbar_c_MeV_cm**3


#: the paper's Sec. V values
PAPER_SITE = Neutrinosphere()


@dataclass(frozen=True)
class Options:
    """The unstated inputs of Eq. 50; see the module docstring."""

    coefficients: str = "derived"
    mu_nu: str = "zero"
    electron_blocking: bool = True
    scattering_moment: str = "neutron"
    proton_moment: str = "total"

    def __post_init__(self) -> None:
        for name, allowed in OPTION_VALUES.items():
            validation.choice(name, getattr(self, name), allowed)


@lru_cache(maxsize=None)
def electron_chemical_potential(site: Neutrinosphere = PAPER_SITE) -> float:
    """mu_e [MeV] from n_e- - n_e+ = Y_e rho/m_u for relativistic electrons (m_e kept), by quadrature."""
    target = site.number_density(site.Ye)
    T, me = site.T, constants.m_e_c2_MeV
    p = np.linspace(0.0, 60 * T + 200.0, 40001)[1:]
    E = np.hypot(p, me)

    def net(mu: float) -> float:
        occ = 1 / (np.exp(np.clip((E - mu) / T, -700, 700)) + 1) - 1 / (np.exp(np.clip((E + mu) / T, -700, 700)) + 1)
        return float(integrate.trapezoid(p**2 * occ, p)) / math.pi**2 - target

    return float(optimize.brentq(net, 0.0, 50 * T + 100.0, xtol=1e-12))


@lru_cache(maxsize=None)
def beta_equilibrium_mu_nu(site: Neutrinosphere = PAPER_SITE) -> float:
    """mu_nu_e = mu_e + mu_p - mu_n for nondegenerate nucleons: mu_p - mu_n = -(m_n - m_p) + T ln(Y_p/Y_n)."""
    return electron_chemical_potential(site) - constants.Q_np_MeV + site.T * math.log(site.Ye / (1 - site.Ye))


@lru_cache(maxsize=None)
def _evaluators(coefficients: str):
    from natal.codegen import stored

    return stored.build(f"nuN.scattering_drift_{coefficients}"), stored.build("nuN.absorption_drift")


# Gauss-Legendre nodes on k in (0, K]: the integrands fall as exp(-k/T_eff); 40 T_eff covers them to
# ~1e-17, and 400 nodes resolve the structure at k ~ T to ~1e-12 (tests compare with adaptive quadrature).
_NODES = np.polynomial.legendre.leggauss(400)


def _integral(f, upper: float) -> float:
    x, w = _NODES
    kk = 0.5 * upper * (x + 1)
    with np.errstate(over="ignore"):  # exp overflowing to inf is a vanishing occupation, as intended
        return float(0.5 * upper * np.sum(w * f(kk)))


def kick_ratio(T_eff_e: float, T_eff_mu: float, options: Options = Options(),
               site: Neutrinosphere = PAPER_SITE) -> float:
    """R_sc/abs (Eq. 50) at (T_eff_e, T_eff_mu) [MeV]."""
    for name, value in (("T_eff_e", T_eff_e), ("T_eff_mu", T_eff_mu)):
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive temperature in MeV, got {value!r}")
    num, den = integrals(T_eff_e, T_eff_mu, options, site)
    return abs(num / den)


def integrals(T_eff_e: float, T_eff_mu: float, options: Options = Options(),
              site: Neutrinosphere = PAPER_SITE) -> tuple[float, float]:
    """(Int N dk, Int D dk) of Eq. 50 at B = 1 G (the ratio does not depend on B)."""
    scatter, absorb = _evaluators(options.coefficients)
    cv, ca, f2 = couplings("nu n -> nu n")
    cv_abs, ca_abs, _ = couplings("nu_e n -> e- p")
    mu_scatter = _scattering_moment(options)
    mu_p = MU_N_MeV_per_G * _MOMENTS["proton_total" if options.proton_moment == "total" else "proton_anomalous"]
    mu_n = MU_N_MeV_per_G * _MOMENTS["neutron"]
    # without blocking mu_e sits so far below every energy that f_e = 0 to double precision
    mu_e = electron_chemical_potential(site) if options.electron_blocking else -1e4 * site.T
    mu_nu = beta_equilibrium_mu_nu(site) if options.mu_nu == "beta" else 0.0
    n_n = site.number_density(1 - site.Ye)
    T, B = site.T, 1.0
    upper = 40 * max(T_eff_e, T_eff_mu, site.T) + 2 * max(mu_nu, 0.0)
    num = _integral(lambda kk: scatter(kk, T, T_eff_mu, constants.m_n_c2_MeV, mu_scatter, B, cv, ca, f2),
                    upper)
    den = _integral(lambda kk: absorb(kk, T, T_eff_e, mu_nu, mu_e, constants.Q_np_MeV, E_CHARGE_MeV2_per_G, B,
                                      mu_n, mu_p, cv_abs, ca_abs, cv, ca, n_n, 1.0), upper)
    return num, den


def _scattering_moment(options: Options) -> float:
    return MU_N_MeV_per_G * (_MOMENTS["neutron"] if options.scattering_moment == "neutron" else 1.0)


def alpha_sc(dU_jets: Callable, dU_dr: Callable, B_G: float, *, R_nu: Callable | None = None,
             options: Options = Options(), site: Neutrinosphere = PAPER_SITE, k_max: float = 300.0) -> float:
    """The momentum asymmetry factor alpha_sc of Eq. 46 for nu_mu,tau on neutrons at ``site``.

    ``dU_jets(k)`` returns (delta U, d delta U/dk, d^2 delta U/dk^2) [MeV^3, MeV^2, MeV] at an array of
    energies k [MeV]; ``dU_dr(k)`` is |dU_nu(k)/dr| at the neutrinosphere [MeV^3/cm]; ``R_nu(k)`` the
    neutrinosphere radius (any unit, it cancels; default constant, as Eq. 50 takes it); ``B_G`` the
    field [G].  The eps^(i) are ``options.coefficients``' (literal reading of Eq. 40 for "derived"),
    f0 Fermi-Dirac at (T, 0); kappa_0 (Eq. 39) is on the site's neutrons.  Integrals over
    0 < k < k_max [MeV] by 400-point Gauss-Legendre (the default 300 MeV covers spectra up to
    T_eff ~ 8 MeV to ~1e-12).
    """
    if not (math.isfinite(B_G) and B_G > 0):
        raise ValueError(f"B_G must be a positive field in gauss, got {B_G!r}")
    from natal.codegen import stored

    coefficients = stored.build(f"nuN.drift_coefficients_{options.coefficients}")
    cv, ca, f2 = couplings("nu n -> nu n")
    G_F = constants.G_F_GeV2 * 1e-6
    n_n = site.number_density(1 - site.Ye)
    radius = R_nu or (lambda kk: np.ones_like(kk))

    def parts(kk):
        e1, e2, e3, kappa = coefficients(kk, site.T, 0.0, constants.m_n_c2_MeV, _scattering_moment(options), B_G,
                                         cv, ca, f2, n_n, G_F)
        u, du, d2u = (np.asarray(a, dtype=float) for a in dU_jets(kk))
        weight = np.asarray(radius(kk), dtype=float) ** 2
        kappa_cm = kappa / constants.hbar_c_MeV_cm  # MeV -> cm^-1
        return weight * (e1 * u + e2 * kk * du + e3 * kk**2 * d2u), weight * 2 / (3 * kappa_cm) * np.abs(dU_dr(kk))

    if not (math.isfinite(k_max) and k_max > 0):
        raise ValueError(f"k_max must be a positive energy in MeV, got {k_max!r}")
    num = _integral(lambda kk: parts(kk)[0], k_max)
    den = _integral(lambda kk: parts(kk)[1], k_max)
    if den == 0:
        raise ValueError("dU_dr vanishes everywhere: alpha_sc's denominator (the radial flux) is zero")
    return num / den


def kick_ratio_grid(T_eff_e: np.ndarray, T_eff_mu: np.ndarray, options: Options = Options(),
                    site: Neutrinosphere = PAPER_SITE) -> np.ndarray:
    """R_sc/abs on the grid T_eff_mu (rows) x T_eff_e (columns)."""
    return np.array([[kick_ratio(te, tm, options, site) for te in np.atleast_1d(T_eff_e)]
                     for tm in np.atleast_1d(T_eff_mu)])


def with_option(options: Options, **changes) -> Options:
    """A copy of ``options`` with some fields changed (validated)."""
    return replace(options, **changes)
