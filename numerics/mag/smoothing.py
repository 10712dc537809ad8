"""Smooth derivatives of a field tabulated on the collapse grid (mag Sec. II D).

The paper's grid is (psi_i, x_j) with x = r/R(psi): comoving fractions of the shrinking core.  Eq. 5
needs derivatives at fixed r and t, so a field g(psi, x) tabulated on the grid is fitted with a tensor
product spline (degree 5 in both directions by default, so that second derivatives are still smooth),
and derivatives at fixed (t, r) follow from the chain rule with psi = psi(t), x = r / R(psi(t)):

    dx/dt|_r = -x Rdot/R,    d/dr|_t = (1/R) d/dx,
    f_t  = g_psi psi' - g_x x Rdot/R,
    f_rr = g_xx / R^2,
    f_rt = (g_xpsi psi' - g_xx x Rdot/R)/R - g_x Rdot/R^2,

with psi' = dpsi/dt = 2k/(1 + cos psi) (Eq. 10).  A smoothing factor trades fidelity to noisy data
(table mode assigns whole shells, which leaves steps) for smooth derivatives; it is stated in every
report that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.interpolate import RectBivariateSpline

from natal.numerics import validation
from natal.numerics.mag.collapse import Collapse

__all__ = ["GridSpline"]


@dataclass
class GridSpline:
    """A field g(psi, x) on a rectangular (psi, x) grid, differentiable at fixed (t, r).

    Parameters
    ----------
    collapse : the collapse that maps (psi, x) to (t, r)
    psi, x : increasing 1-D grid coordinates
    values : array (len(psi), len(x))
    smoothing : relative rms residual the spline may leave (0: interpolate); the FITPACK smoothing
        factor is s = n_points (smoothing * rms(values))^2
    degree : spline degree in each direction (3 to 5)
    psi_bounds, x_bounds : the box the spline is defined on (defaults: the data range); a grid of bin
        centres needs the box stretched to the bin edges to evaluate up to them
    """

    collapse: Collapse
    psi: np.ndarray
    x: np.ndarray
    values: np.ndarray
    smoothing: float = 0.0
    degree: int = 5
    psi_bounds: tuple[float, float] | None = None
    x_bounds: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=float)
        if values.shape != (len(self.psi), len(self.x)):
            raise ValueError(f"values must have shape (len(psi), len(x)) = "
                             f"({len(self.psi)}, {len(self.x)}), got {values.shape}")
        if not np.all(np.isfinite(values)):
            raise ValueError("values must be finite everywhere on the grid (found NaN or inf)")
        if not 3 <= self.degree <= 5:
            raise ValueError(f"degree must be 3, 4 or 5, got {self.degree}")
        if not (np.isfinite(self.smoothing) and self.smoothing >= 0):
            raise ValueError(f"smoothing must be >= 0, got {self.smoothing}")
        s = values.size * (self.smoothing * np.sqrt(np.mean(values**2))) ** 2
        pb = self.psi_bounds or (self.psi[0], self.psi[-1])
        xb = self.x_bounds or (self.x[0], self.x[-1])
        self._spline = RectBivariateSpline(self.psi, self.x, values, bbox=[*pb, *xb],
                                           kx=self.degree, ky=self.degree, s=s)

    def grid_derivative(self, psi, x, dpsi: int = 0, dx: int = 0):
        """d^(dpsi+dx) g / dpsi^dpsi dx^dx at points (psi, x)."""
        return self._spline(psi, x, dx=dpsi, dy=dx, grid=False)

    def at(self, psi, r) -> dict[str, np.ndarray]:
        """The field and its (t, r) derivatives at phases ``psi`` and radius ``r`` [cm].

        Returns a dict with keys "f", "f_r", "f_t", "f_rr", "f_rt".
        """
        psi = validation.real_array("psi", psi)
        R = self.collapse.radius(psi)
        Rdot = self.collapse.radius_rate(psi)
        x = validation.real_array("r", r) / R
        dpsi_dt = self.collapse.dpsi_dt(psi)
        g = {(i, j): self.grid_derivative(psi, x, i, j) for i, j in ((0, 0), (1, 0), (0, 1), (0, 2), (1, 1))}
        dx_dt = -x * Rdot / R
        return {
            "f": g[0, 0],
            "f_r": g[0, 1] / R,
            "f_t": g[1, 0] * dpsi_dt + g[0, 1] * dx_dt,
            "f_rr": g[0, 2] / R**2,
            "f_rt": (g[1, 1] * dpsi_dt + g[0, 2] * dx_dt) / R - g[0, 1] * Rdot / R**2,
        }
