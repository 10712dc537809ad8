"""Field growth and ponderomotive force during the collapse (mag Secs. II C-E, Figs. 6-8).

The chain: the trapping grid (``collapse.TrappingGrid``) is filled with neutrino spectra from a
``neutrino_data`` source, turned into the observer-frame number flux (``frames``), fitted with smooth
splines (``smoothing.GridSpline``) and differentiated, and the derivatives go into the generated
evaluators of natal's own Eq. 5 (``mag.dBz_dt``, by term group) and Eq. 16 (``mag.force``).

As in the paper (Sec. II D): electron neutrinos only, summed over electrons and protons, at
r = 10 km and theta = pi/4 by default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from natal.codegen import stored
from natal.derivations.printed.mag_data import G_F_PRINTED
from natal.numerics import constants
from natal.numerics.mag import frames
from natal.numerics.mag.collapse import Collapse, TrappingGrid
from natal.numerics.mag.smoothing import GridSpline

__all__ = ["Settings", "FluxGrid", "Window", "weak_charges", "flux_on_grid", "evaluate_window",
           "gravity_on_electron"]

#: the plasma species of Eq. 5's sum and their charges in units of e
SPECIES = {"e": -1, "p": +1}


@dataclass(frozen=True)
class Settings:
    """The choices behind Figs. 7 and 8; the paper states theta, r and the species, not the rest.

    Attributes
    ----------
    r_cm, theta : where Eq. 5 and Eq. 16 are evaluated (paper: 10 km, pi/4)
    G_F : "printed" (the paper's 1.43523e-49 erg cm^3) or "codata"
    sin2_theta_W : a key of ``constants.SIN2_THETA_W``, or a number (default "msbar-mz", the one
        the paper's proton to electron force ratio points to: docs/mag.md)
    smoothing : relative rms residual of the splines (0: interpolating; table mode wants > 0)
    x_max : the largest r/R the splines are fitted on (the point must stay well inside it)
    margin_bins : psi bins before the trapping window included in the spline fit, so the window's
        first point is not at the spline's edge
    n_window : samples across the trapping window for the figures
    """

    r_cm: float = 1e6
    theta: float = math.pi / 4
    G_F: str = "printed"
    sin2_theta_W: str | float = "msbar-mz"
    smoothing: float = 0.0
    x_max: float = 0.5
    margin_bins: int = 4
    n_window: int = 200

    def __post_init__(self) -> None:
        if not 0 < self.theta < math.pi:
            raise ValueError(f"theta must lie in (0, pi), got {self.theta}")
        if self.G_F not in ("printed", "codata"):
            raise ValueError(f"G_F must be 'printed' or 'codata', got {self.G_F!r}")
        if isinstance(self.sin2_theta_W, str) and self.sin2_theta_W not in constants.SIN2_THETA_W:
            raise ValueError(f"sin2_theta_W must be one of {sorted(constants.SIN2_THETA_W)} or a "
                             f"number in (0, 1), got {self.sin2_theta_W!r}")
        if not isinstance(self.sin2_theta_W, str) and not 0 < self.sin2_theta_W < 1:
            raise ValueError(f"sin2_theta_W must lie in (0, 1), got {self.sin2_theta_W}")
        if not 0 < self.x_max <= 1:
            raise ValueError(f"x_max must lie in (0, 1], got {self.x_max}")

    @property
    def sin2(self) -> float:
        s = self.sin2_theta_W
        return constants.SIN2_THETA_W[s] if isinstance(s, str) else float(s)

    @property
    def fermi_constant(self) -> float:
        return G_F_PRINTED if self.G_F == "printed" else constants.G_F


def weak_charges(settings: Settings) -> dict[str, float]:
    """G_sigma,nu_e [erg cm^3] of electrons and protons (Eq. 4, natal's derivation)."""
    charges = stored.build("mag.weak_charges")
    by_name = dict(zip(charges.outputs, charges(settings.fermi_constant, settings.sin2)))
    return {"e": float(by_name["G_e_nue"]), "p": float(by_name["G_p_nue"])}


@dataclass
class FluxGrid:
    """The nu_e number flux on the trapping grid, fluid and observer frames (Fig. 6).

    Fluid frame: ``fluid_t`` (n) and ``fluid_r`` (F/c).  Observer frame: ``obs_t``, ``obs_r`` and the
    orthonormal ``obs_phi`` at polar angle ``theta``.  All [cm^-3], shape (n_psi, n_r).
    """

    grid: TrappingGrid
    theta: float
    label: str
    fluid_t: np.ndarray
    fluid_r: np.ndarray
    obs_t: np.ndarray
    obs_r: np.ndarray
    obs_phi: np.ndarray


def flux_on_grid(grid: TrappingGrid, source, bins, theta: float = math.pi / 4) -> FluxGrid:
    """Fill every grid bin with the source's spectra and carry the flux to the observer frame."""
    c = grid.collapse
    G, L = source.spectra(grid.rho, bins)
    J_t, J_r = frames.fluid_number_flux(grid.rho, G, L, grid.r, bins.centers_MeV)
    psi = grid.psi[:, None]
    v = c.velocity(grid.r, psi)
    B_t, B_r = frames.radial_boost(J_t, J_r, v)
    O_t, O_r, O_phi = frames.to_observer(B_t, B_r, c.omega(psi), grid.r, theta)
    return FluxGrid(grid, theta, source.label, J_t, J_r, O_t, O_r, O_phi)


@dataclass
class Window:
    """Eq. 5 and Eq. 16 at one point over its trapping window (Figs. 7 and 8).

    ``dBz_dt[group]`` [G s^-1] sums electrons and protons for each of Eq. 5's term groups (named by
    the one J^phi derivative each carries, plus ``total``); ``force[species][component]`` [dyn] holds
    the components of Eq. 16 (full, with the density-gradient part) and ``Fn_r``, ``Fn_theta`` (that
    part alone).  ``velocity_spline_error`` is the largest relative error of the spline derivatives of
    v^r against Eq. 6's closed form, a check on the smoothing method.
    """

    settings: Settings
    psi: np.ndarray
    t: np.ndarray
    dBz_dt: dict[str, np.ndarray]
    force: dict[str, dict[str, np.ndarray]]
    charges: dict[str, float]
    velocity_spline_error: float
    fields: dict[str, np.ndarray] = field(repr=False)


def evaluate_window(flux: FluxGrid, settings: Settings = Settings()) -> Window:
    """dB^z/dt by term group and the forces on electrons and protons over the trapping window."""
    grid, collapse = flux.grid, flux.grid.collapse
    if not 0 < settings.r_cm < settings.x_max * collapse.params.R_min_cm:
        raise ValueError(f"r_cm must lie in (0, x_max R_min) = (0, {settings.x_max * collapse.params.R_min_cm:g}) "
                         f"cm so the point stays inside the fitted region, got {settings.r_cm:g}")
    if not math.isclose(flux.theta, settings.theta):
        raise ValueError(f"the flux grid was built at theta = {flux.theta}, settings ask {settings.theta}")
    psi_begin, psi_end = collapse.trapping_window(settings.r_cm, grid.trapping_density)
    dpsi = grid.psi[1] - grid.psi[0]
    rows = grid.psi >= psi_begin - settings.margin_bins * dpsi
    cols = grid.x <= settings.x_max
    if rows.sum() < 6:
        raise ValueError("the trapping window spans fewer than 6 psi bins; use a finer grid")
    psi_fit, x_fit = grid.psi[rows], grid.x[cols]
    box = {"psi_bounds": (psi_fit[0], collapse.psi_max), "x_bounds": (0.0, settings.x_max)}

    def spline(values: np.ndarray) -> dict[str, np.ndarray]:
        s = GridSpline(collapse, psi_fit, x_fit, values[np.ix_(rows, cols)], settings.smoothing, **box)
        return s.at(psi, settings.r_cm)

    psi = np.linspace(psi_begin, psi_end, settings.n_window)
    r, th = settings.r_cm, settings.theta
    # J^phi = sin(theta) j(t, r) exactly (footnote 6), so theta derivatives are analytic.
    j = spline(flux.obs_phi / math.sin(flux.theta))
    n = spline(flux.obs_t)
    Jr = spline(flux.obs_r)
    v = spline(collapse.velocity(grid.r, grid.psi[:, None]))
    v_exact = collapse.velocity(r, psi)
    velocity_error = float(max(np.max(np.abs(v["f"] / v_exact - 1)),
                               np.max(np.abs(v["f_r"] * r / v_exact - 1))))
    sin, cos = math.sin(th), math.cos(th)
    jets = {
        "J_phi": sin * j["f"], "dJ_phi_dr": sin * j["f_r"], "dJ_phi_dtheta": cos * j["f"],
        "d2J_phi_dr_dr": sin * j["f_rr"], "d2J_phi_dr_dtheta": cos * j["f_r"],
        "dJ_phi_dt": sin * j["f_t"], "d2J_phi_dr_dt": sin * j["f_rt"],
        "d2J_phi_dtheta_dt": cos * j["f_t"],
        "v_r": v["f"], "dv_r_dr": v["f_r"], "dv_r_dtheta": np.zeros_like(psi),
        "dn_nu_dr": n["f_r"], "dn_nu_dtheta": np.zeros_like(psi),
        "dJ_r_dtheta": np.zeros_like(psi), "dJ_r_dt": Jr["f_t"],
    }
    charges = weak_charges(settings)
    e = constants.e_esu
    Q2 = sum((z * e) ** 2 for z in SPECIES.values())
    growth = stored.build("mag.dBz_dt")
    force = stored.build("mag.force")
    dBz: dict[str, np.ndarray] = {name: np.zeros_like(psi) for name in growth.outputs}
    forces: dict[str, dict[str, np.ndarray]] = {}
    for sp_name, z in SPECIES.items():
        common = {"G_sigma_nu": charges[sp_name], "r": r, "theta": th}
        args = {**common, "q_sigma": z * e, "Q2": Q2, **jets}
        for name, value in zip(growth.outputs, growth(**{k: args[k] for k in growth.inputs})):
            dBz[name] += value
        fargs = {**common, "c": constants.c, "Omega": collapse.omega(psi), **jets}
        forces[sp_name] = dict(zip(force.outputs, force(**{k: fargs[k] for k in force.inputs})))
    fields = {**jets, "n_nu": n["f"], "J_r": Jr["f"]}
    return Window(settings, psi, collapse.time(psi), dBz, forces, charges, velocity_error, fields)


def gravity_on_electron(collapse: Collapse) -> float:
    """G M m_e / R_min^2 [dyn]: the weight of an electron at the core surface at the end of collapse."""
    p = collapse.params
    return collapse.G * p.M_g * constants.m_e / p.R_min_cm**2
