"""The homologous core collapse of the `mag` paper (Eqs. 6-11, 14-15) and its (psi, r) trapping grid.

The collapse is Kwak's cycloid: R(psi) = R_max (1 + cos psi)/2 and t = (psi + sin psi)/(2k), with
k = sqrt(4 (4 - 3 gamma) G M / R_max^3) (Eq. 8), stopped by hand at psi_max where R = R_min.  The
profiles (R, Rdot, rho_nuc, Omega, M_r) are evaluated with the generated evaluators of natal's own
derivations (``mag.collapse_rate``, ``mag.core_density``, ``mag.spin_up``, ``mag.enclosed_mass``), so
what is computed here is what ``natal verify`` checked.

Units are cgs throughout; psi is in radians.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from natal.codegen import stored
from natal.codegen.compiled import Evaluator
from natal.derivations.printed import mag_data as printed
from natal.numerics import constants, validation

__all__ = ["CollapseParameters", "PAPER", "Collapse", "TrappingGrid", "TRAPPING_DENSITY"]

#: The density above which the paper counts neutrinos as trapped [g cm^-3] (Sec. II B).
TRAPPING_DENSITY: float = 1e11


@dataclass(frozen=True)
class CollapseParameters:
    """The inputs of the collapse model, in cgs.

    Attributes
    ----------
    M_g : core mass [g] (Eqs. 8, 9)
    R_max_cm : radius when collapse begins [cm] (Eq. 7)
    R_min_cm : radius at which the paper stops the collapse [cm]
    gamma : polytropic exponent at the centre (Eq. 8); the collapse needs gamma < 4/3
    period_final_s : spin period at the end of collapse [s] (Eq. 15)
    """

    M_g: float
    R_max_cm: float
    R_min_cm: float
    gamma: float
    period_final_s: float

    def __post_init__(self) -> None:
        for name in ("M_g", "R_max_cm", "R_min_cm", "gamma", "period_final_s"):
            validation.positive_scalar(name, getattr(self, name))
        if self.gamma >= 4 / 3:
            raise ValueError(
                f"gamma must be below 4/3 for the core to collapse (Eq. 8 needs 4 - 3 gamma > 0), "
                f"got gamma = {self.gamma!r}")
        if self.R_min_cm >= self.R_max_cm:
            raise ValueError(f"R_min_cm must be below R_max_cm = {self.R_max_cm:g} cm, "
                             f"got R_min_cm = {self.R_min_cm:g} cm")

    @classmethod
    def paper(cls) -> CollapseParameters:
        """The paper's parameter set exactly as printed (derivations/printed/mag_data.py)."""
        p = printed.PARAMETERS
        return cls(M_g=p["M_g"], R_max_cm=p["R_max_cm"], R_min_cm=p["R_min_cm"], gamma=p["gamma"],
                   period_final_s=p["period_final_s"])


PAPER = CollapseParameters.paper()


@functools.lru_cache(maxsize=None)
def _evaluators() -> dict[str, Evaluator]:
    names = ("collapse_rate", "core_density", "spin_up", "enclosed_mass")
    return {n: stored.build(f"mag.{n}") for n in names}


class Collapse:
    """The collapse for one parameter set: psi <-> t, R, Rdot, rho_nuc, v^r, Omega and M_r.

    Functions of psi accept arrays; ``radius`` arguments ``r`` must lie in [0, R(psi)] (the model
    says nothing outside the core), which is checked.
    """

    def __init__(self, params: CollapseParameters = PAPER, G: float = constants.G_newton):
        self.params = params
        self.G = G
        p = params
        #: Eq. 8 [s^-1]
        self.k = math.sqrt(4 * (4 - 3 * p.gamma) * G * p.M_g / p.R_max_cm**3)
        #: the phase at which R = R_min (Eq. 7 inverted)
        self.psi_max = math.acos(2 * p.R_min_cm / p.R_max_cm - 1)
        #: the end of collapse [s] (Eq. 10 at psi_max)
        self.t_max = self.time(self.psi_max)
        #: the final spin [rad s^-1]
        self.Omega_final = 2 * math.pi / p.period_final_s
        self._ev = _evaluators()

    # --- time ---------------------------------------------------------------------------------
    def time(self, psi):
        """t(psi) of Eq. 10 [s]."""
        return (psi + np.sin(psi)) / (2 * self.k)

    def dpsi_dt(self, psi):
        """d psi / d t = 2k / (1 + cos psi) [s^-1], from Eq. 10."""
        return 2 * self.k / (1 + np.cos(psi))

    def phase(self, t):
        """psi(t): Eq. 10 inverted (monotonic on [0, pi]) by Newton's method from a bracketing start."""
        t = validation.finite_array("t", t, low=0.0, high=self.t_max, unit="s", slack=1e-12)
        target = 2 * self.k * t
        psi = np.clip(target / 2, 0, self.psi_max)  # psi + sin psi ~ 2 psi early on
        for _ in range(60):
            f = psi + np.sin(psi) - target
            psi = np.clip(psi - f / (1 + np.cos(psi)), 0, self.psi_max)
            if np.all(np.abs(f) < 1e-14 * np.maximum(1, target)):
                break
        return psi[()] if psi.ndim == 0 else psi

    # --- radius and velocity ------------------------------------------------------------------------
    def radius(self, psi):
        """R(psi), Eq. 7 [cm]."""
        return self._ev["collapse_rate"](self.params.R_max_cm, self.k, self._psi(psi))[0]

    def radius_rate(self, psi):
        """Rdot(psi), Eq. 7 [cm s^-1]."""
        return self._ev["collapse_rate"](self.params.R_max_cm, self.k, self._psi(psi))[1]

    def velocity(self, r, psi):
        """v^r = (Rdot/R) r, Eq. 6 [cm s^-1]."""
        R = self.radius(psi)
        return self.radius_rate(psi) / R * self._r(r, R)

    # --- matter -----------------------------------------------------------------------------------
    def density(self, r, psi):
        """rho_nuc(r, psi), Eq. 9 [g cm^-3]."""
        R = self.radius(psi)
        return self._ev["core_density"](self.params.M_g, R, self._r(r, R))

    def enclosed_mass(self, r, psi):
        """The mass coordinate M_r(r, psi) of Eq. 11 [g]."""
        R = self.radius(psi)
        return self._ev["enclosed_mass"](self.params.M_g, R, self.radius_rate(psi), self._r(r, R))[0]

    def central_density(self, psi):
        """rho_nuc(0, psi) [g cm^-3]."""
        return self.density(0.0, psi)

    def omega(self, psi):
        """Omega(psi), Eq. 15 [rad s^-1]: angular momentum conserved, Omega(psi_max) = Omega_final."""
        return self._ev["spin_up"](self.Omega_final, self.psi_max, self._psi(psi))

    @property
    def omega_prefactor(self) -> float:
        """Omega_final cos^4(psi_max/2) [rad s^-1], the printed '0.012' of Eq. 15."""
        return self.Omega_final * math.cos(self.psi_max / 2) ** 4

    # --- trapping ---------------------------------------------------------------------------------
    def phase_of_central_density(self, rho: float) -> float:
        """The psi at which the central density reaches ``rho`` (closed form from Eqs. 7 and 9)."""
        validation.finite_array("rho", rho, low=self.central_density(0.0), high=self.central_density(self.psi_max),
                                unit="g cm^-3", slack=1e-12)
        R = (15 * self.params.M_g / (8 * math.pi * rho)) ** (1 / 3)
        return math.acos(2 * R / self.params.R_max_cm - 1)

    def trapping_window(self, r: float, rho: float = TRAPPING_DENSITY) -> tuple[float, float]:
        """The phases (psi_begin, psi_end) during which the sphere of radius ``r`` has rho_nuc > ``rho``.

        rho_nuc at fixed r rises monotonically while R shrinks, and the collapse stops at psi_max, so
        the window is [psi_begin, psi_max]; r must lie inside the final core.
        """
        if not 0 <= r < self.params.R_min_cm:
            raise ValueError(f"r must lie in [0, R_min) = [0, {self.params.R_min_cm:g}) cm to stay "
                             f"inside the core for the whole window, got r = {r:g} cm")
        if self.density(r, self.psi_max) <= rho:
            raise ValueError(f"the sphere r = {r:g} cm never reaches rho = {rho:g} g cm^-3")

        def excess(psi: float) -> float:
            R = float(self.radius(psi))
            return -1.0 if r >= R else float(self.density(r, psi)) - rho

        psi_begin = brentq(excess, 0.0, self.psi_max, xtol=1e-15, rtol=4 * np.finfo(float).eps)
        return psi_begin, self.psi_max

    # --- validation helpers ---------------------------------------------------------------------------
    def _psi(self, psi):
        return validation.finite_array("psi", psi, low=0.0, high=self.psi_max, unit="rad", slack=1e-12)

    def _r(self, r, R):
        r = validation.real_array("r", r)
        bad = np.isnan(r) | (r < 0) | (r > R * (1 + 1e-12))
        if np.any(bad):
            value = np.broadcast_to(r, bad.shape)[bad][0]
            raise ValueError(f"r must lie inside the core, 0 <= r <= R(psi) (R = {np.max(R):g} cm at "
                             f"most here), got r = {value!r} cm")
        return r


@dataclass(frozen=True)
class TrappingGrid:
    """The paper's temporal-spatial grid (Sec. II B): n_psi bins of (0, psi_max), and in each, n_r bins
    of (0, R(psi)).  Values sit at bin centres; ``x = r/R`` is the same for every psi.

    Attributes (arrays of shape (n_psi,), (n_r,) or (n_psi, n_r))
    ----------
    psi, t, R : bin-centre phases, times [s] and core radii [cm]
    x : bin-centre fractions r/R
    r, rho : radii [cm] and densities rho_nuc [g cm^-3] of every bin
    trapped : rho > trapping density (the bins the paper keeps)
    """

    collapse: Collapse
    psi: np.ndarray
    x: np.ndarray
    trapping_density: float = TRAPPING_DENSITY

    @classmethod
    def paper(cls, collapse: Collapse | None = None, n_psi: int = 150, n_r: int = 150,
              trapping_density: float = TRAPPING_DENSITY) -> TrappingGrid:
        """The 150 x 150 grid of the paper (bin centres)."""
        for name, n in (("n_psi", n_psi), ("n_r", n_r)):
            if not (isinstance(n, int) and n >= 4):
                raise ValueError(f"{name} must be an integer >= 4, got {n!r}")
        collapse = collapse or Collapse()
        psi = (np.arange(n_psi) + 0.5) * collapse.psi_max / n_psi
        x = (np.arange(n_r) + 0.5) / n_r
        return cls(collapse, psi, x, trapping_density)

    @functools.cached_property
    def t(self) -> np.ndarray:
        return self.collapse.time(self.psi)

    @functools.cached_property
    def R(self) -> np.ndarray:
        return self.collapse.radius(self.psi)

    @functools.cached_property
    def r(self) -> np.ndarray:
        return self.R[:, None] * self.x[None, :]

    @functools.cached_property
    def rho(self) -> np.ndarray:
        return self.collapse.density(self.r, self.psi[:, None])

    @functools.cached_property
    def trapped(self) -> np.ndarray:
        return self.rho > self.trapping_density
