"""Diffusion in a sphere: the exact first-passage statistics behind the modified random walk (MRW).

In the optically thick interior a neutrino's random walk is diffusion to O(step/R0).  The modified
random walk (Fleck & Canfield 1984, J. Comput. Phys. 54, 508; as Sedonu uses it, Richers et al. 2017,
ApJ 847, 133) replaces the walk inside a sphere of radius R0 centred on the particle, free of
interfaces, by one jump to its surface, with the exit time drawn from the diffusion equation's
exact first-passage distribution; when a time budget (a census; here the number of waiting
epochs) runs out first, the particle is placed inside the sphere from the distribution of survivors.

Dimensionless time: tau = D t / R0^2 (D the diffusion coefficient, <|dx|^2> = 6 D t).  From the
centre of an absorbing unit sphere the survival probability and the survivors' radial density are
the eigenfunction series (Carslaw & Jaeger, Conduction of Heat in Solids, Sec. 9.3)

    S(tau) = 2 sum_{n>=1} (-1)^(n+1) exp(-n^2 pi^2 tau),
    p(rho | tau) = 2 pi rho sum_{n>=1} n sin(n pi rho) exp(-n^2 pi^2 tau),   0 <= rho <= 1,

whose mean exit time is 1/6 (the tests check it).  A random walk with transport mean free path
lambda_tr first crosses a sphere of radius R0 later than diffusion with an absorbing wall at R0 says:
to first order in lambda_tr/R0 it behaves as diffusion to the extrapolated radius
R0 + 0.7104 lambda_tr (the Milne-problem extrapolation length), which is the radius the jump's time
uses; the particle then leaves the sphere moving outward with the Milne problem's emergent
distribution in the Eddington approximation, flux ~ mu (1 + 3 mu/2) about the outward normal.  For tau < TAU_FREE the sphere is more than seven
standard deviations away and a survivor is placed from free diffusion (a 3D Gaussian, truncated at
rho < 1; the paths that left and came back carry weight below e^-25).

Where the diffusion coefficient varies, D = D0 (1 + g.x), and the walk drifts by b = grad(D)/2 per
unit time (the epoch clock of natal.numerics.rsfp.kernels), the density obeys
dp/dt = div(D grad p + p grad(D)/2).  To first order in g the survivors' density is
p0(rho, tau) [1 + (g.x) c(rho, tau)] (units R0 = D0 = 1), where f = rho p0 c solves

    df/dtau = f'' + 2 f'/rho - 2 f/rho^2 + rho dp0/dtau + (3/2) dp0/drho,   f(1) = 0,

started from free space, where c = -1 + rho^2 / (8 tau) exactly.  The drift alone would tilt the
survivors outwards (c = +1/4, Girsanov); the larger D outside makes the outer paths leave sooner, and
for tau >~ 0.07 the survivors lean inwards, up to c(0, inf) = -1 - pi^2/12 in the slowest mode, whose
c(rho) = pi cot(pi rho)/(4 rho) - 1/(4 rho^2) - 3/4 - (pi rho/4) cot(pi rho) closes the equation.  The
flux through the wall, -D dp/drho there, makes the exit points of the paths that leave at tau tilted by
1 + c(1, tau) per unit g.cos(theta): the outer paths leave early, the inner late.  Over all exit times
this is 1/4, the harmonic measure perturbed by the drift alone (a change of clock does not move where
paths leave), which the tests check.

The tables are NumPy arrays built once and handed to the compiled kernels as arguments.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import scipy.sparse as sps
from scipy.sparse.linalg import splu

from natal.numerics import validation
from natal.numerics.jit import njit

__all__ = ["MILNE_EXTRAPOLATION", "emergent_direction", "TAU_FREE", "Tables", "tables", "survival", "survivor_density", "sample_exit_time",
           "sample_survivor_radius", "survivor_tilt", "survivor_tilt_rows", "MEAN_EXIT_TIME"]

#: extrapolation length of the Milne problem, in transport mean free paths
MILNE_EXTRAPOLATION = 0.7104
#: below this tau the sphere is > 7 sigma away: free Gaussian placement
TAU_FREE = 0.01
#: mean first-passage time from the centre of the unit sphere at D = 1
MEAN_EXIT_TIME = 1.0 / 6.0
_TAU_MAX_ROW = 2.0  # beyond, only the n = 1 mode survives (n = 2 is e^-(3 pi^2 2) ~ 1e-26 smaller)
_N_TERMS = 400
_N_TILT = 65  # radii of the tilt table: c is smooth in rho, quadratic at worst (tau = TAU_FREE)


def survival(tau: np.ndarray) -> np.ndarray:
    """S(tau): probability of not having reached the unit sphere by tau (from its centre)."""
    tau = np.atleast_1d(validation.real_array("tau", tau))
    n = np.arange(1, _N_TERMS + 1)[:, None]
    terms = (-1.0) ** (n + 1) * np.exp(-(n * math.pi) ** 2 * tau[None, :])
    # below tau = 2e-3 the series needs more terms than it has, and the wall, 1/sqrt(2 tau) > 15
    # standard deviations away, has absorbed nothing (the image series gives ~e^-125)
    return np.where(tau < 2e-3, 1.0, np.clip(2.0 * terms.sum(axis=0), 0.0, 1.0))


def survivor_density(rho: np.ndarray, tau: float) -> np.ndarray:
    """p(rho | tau) / (2 pi): the radial density of survivors at tau (series above; it integrates to S / (2 pi))."""
    rho = validation.real_array("rho", rho)
    # the terms from n > sqrt(746 / tau) / pi on have exp(-n^2 pi^2 tau) = 0.0 exactly (below the
    # smallest subnormal, e^-744.4) and add nothing: leaving them out gives the same bits ~10 times faster
    n_max = _N_TERMS if not tau > 0 else min(_N_TERMS, int(math.sqrt(746.0 / tau) / math.pi) + 1)
    n = np.arange(1, n_max + 1)[:, None]
    terms = n * np.sin(n * math.pi * rho[None, :]) * np.exp(-(n * math.pi) ** 2 * tau)
    return np.clip(rho * terms.sum(axis=0), 0.0, None)


class Tables(NamedTuple):
    """Inverse-CDF tables for the compiled samplers."""

    exit_tau: np.ndarray  # tau at the exit-time CDF values exit_cdf (increasing)
    exit_cdf: np.ndarray
    row_log_tau: np.ndarray  # log(tau) of the survivor rows
    row_quantiles: np.ndarray  # (rows, n_u): rho at uniformly spaced CDF values
    row_tilt: np.ndarray  # (rows, n_rho): c(rho, tau) of the survivors' first-order tilt, rho uniform on [0, 1]


def survivor_tilt_rows(tau: np.ndarray, rho: np.ndarray, n_grid: int = 2000, tau_start: float = 1e-3,
                       step_fraction: float = 0.01) -> np.ndarray:
    """c(rho, tau) of the survivors' tilt (module docstring) at the increasing times ``tau`` (rows) and
    radii ``rho`` in [0, 1] (columns).

    Method of lines on n_grid intervals in rho for u = rho p0 (u' = u'') and h = rho f, which removes
    the centre's singularity (h' = h'' - 2 h/rho^2 + rho u'' + (3/2)(u' - u/rho)), Crank-Nicolson steps
    of at most step_fraction x tau after two backward-Euler half steps, from free space at tau_start
    (the wall is 1/sqrt(2 tau_start) standard deviations away).  c = h / (rho u), and at rho = 1, where
    both vanish, the ratio of their slopes."""
    tau = validation.real_array("tau", tau)
    rho = validation.real_array("rho", rho)
    if not (tau.ndim == 1 and tau.size and tau[0] > tau_start and np.all(np.diff(tau) > 0)):
        raise ValueError(f"tau must be increasing and above tau_start = {tau_start}, got {tau!r}")
    if not np.all((rho >= 0) & (rho <= 1)):
        raise ValueError("rho must lie in [0, 1] (the unit sphere)")
    r = np.linspace(0.0, 1.0, n_grid + 1)[1:-1]
    m, dr = r.size, 1.0 / n_grid
    lap = sps.diags([np.ones(m - 1), -2.0 * np.ones(m), np.ones(m - 1)], [-1, 0, 1]) / dr**2
    grad = sps.diags([-np.ones(m - 1), np.ones(m - 1)], [-1, 1]) / (2.0 * dr)
    source = sps.diags(r) @ lap + 1.5 * (grad - sps.diags(1.0 / r))
    A = sps.bmat([[lap, None], [source, lap - sps.diags(2.0 / r**2)]]).tocsc()
    one = sps.identity(2 * m, format="csc")
    p0 = np.exp(-r**2 / (4.0 * tau_start))  # free space, up to a constant that c does not see
    y = np.concatenate([r * p0, r * r * p0 * (-1.0 + r**2 / (8.0 * tau_start))])
    now, rows, started = tau_start, [], False
    for target in tau:
        k = max(1, math.ceil((target - now) / (step_fraction * now)))
        dt = (target - now) / k
        if not started:  # damp the start's unresolved modes, which Crank-Nicolson would carry on
            half = splu(one - 0.5 * dt * A)
            y = half.solve(half.solve(y))
            k, started = k - 1, True
        lu, rhs = splu(one - 0.5 * dt * A), (one + 0.5 * dt * A).tocsr()
        for _ in range(k):
            y = lu.solve(rhs @ y)
        now = target
        u, h = y[:m], y[m:]
        wall = (4.0 * h[-1] - h[-2]) / (4.0 * u[-1] - u[-2])  # second-order slopes at rho = 1
        c = h / (r * u)
        rows.append(np.interp(rho, np.concatenate(([0.0], r, [1.0])), np.concatenate(([c[0]], c, [wall]))))
    return np.array(rows)


def _build_tables() -> Tables:
    tau = np.geomspace(2e-3, 4.0, 6000)
    cdf = 1.0 - survival(tau)
    keep = np.concatenate(([True], np.diff(cdf) > 0))  # strictly increasing for inversion
    row_tau = np.geomspace(TAU_FREE, _TAU_MAX_ROW, 80)
    rho = np.linspace(0.0, 1.0, 4001)
    u = np.linspace(0.0, 1.0, 1025)
    rows = np.empty((row_tau.size, u.size))
    for i, t in enumerate(row_tau):
        dens = survivor_density(rho, t)
        c = np.concatenate(([0.0], np.cumsum(0.5 * (dens[1:] + dens[:-1]) * np.diff(rho))))
        c /= c[-1]
        rows[i] = np.interp(u, c, rho)
    tilt = survivor_tilt_rows(row_tau, np.linspace(0.0, 1.0, _N_TILT))
    return Tables(tau[keep], cdf[keep], np.log(row_tau), rows, tilt)


_TABLES: Tables | None = None


def tables() -> Tables:
    """The tables (built on first use, ~1 s)."""
    global _TABLES
    if _TABLES is None:
        _TABLES = _build_tables()
    return _TABLES


@njit(cache=True)
def sample_exit_time(exit_tau: np.ndarray, exit_cdf: np.ndarray) -> float:
    """Dimensionless first-passage time from the centre of the unit sphere."""
    u = np.random.random()
    n = exit_cdf.size
    if u <= exit_cdf[0]:
        return exit_tau[0]
    if u >= exit_cdf[n - 1]:
        # tail: S ~ 2 exp(-pi^2 tau)
        return math.log(2.0 / max(1.0 - u, 1e-300)) / (math.pi * math.pi)
    i = np.searchsorted(exit_cdf, u)
    f = (u - exit_cdf[i - 1]) / (exit_cdf[i] - exit_cdf[i - 1])
    return exit_tau[i - 1] + f * (exit_tau[i] - exit_tau[i - 1])


@njit(cache=True, inline="always")
def _row_table_at(table: np.ndarray, row_log_tau: np.ndarray, tau: float, x: float) -> float:
    """A table with one row per log(tau) in row_log_tau, linear between the rows around tau (clamped to
    the first and last) and between the columns around the column index x (0 <= x <= columns - 1)."""
    lt = min(max(math.log(tau), row_log_tau[0]), row_log_tau[row_log_tau.size - 1])
    j = max(min(np.searchsorted(row_log_tau, lt), row_log_tau.size - 1), 1)
    w = (lt - row_log_tau[j - 1]) / (row_log_tau[j] - row_log_tau[j - 1])
    k = min(int(x), table.shape[1] - 2)
    g = x - k
    lo = table[j - 1, k] + g * (table[j - 1, k + 1] - table[j - 1, k])
    hi = table[j, k] + g * (table[j, k + 1] - table[j, k])
    return lo + w * (hi - lo)


@njit(cache=True)
def sample_survivor_radius(tau: float, row_log_tau: np.ndarray, row_quantiles: np.ndarray) -> float:
    """Radius (unit sphere) of a particle that has not left by tau, from the centre."""
    if tau < math.exp(row_log_tau[0]):
        s = math.sqrt(2.0 * tau)
        while True:
            x, y, z = np.random.normal() * s, np.random.normal() * s, np.random.normal() * s
            r = math.sqrt(x * x + y * y + z * z)
            if r < 1.0:
                return r
    return _row_table_at(row_quantiles, row_log_tau, tau, np.random.random() * (row_quantiles.shape[1] - 1))


@njit(cache=True)
def survivor_tilt(tau: float, rho: float, row_log_tau: np.ndarray, row_tilt: np.ndarray) -> float:
    """c(rho, tau) of the survivors' tilt (module docstring), bilinear in (log tau, rho) on the table's
    rows; beyond its last row the slowest mode alone is left and c no longer changes."""
    return _row_table_at(row_tilt, row_log_tau, tau, min(max(rho, 0.0), 1.0) * (row_tilt.shape[1] - 1))


@njit(cache=True)
def emergent_direction(normal: np.ndarray, u: np.ndarray) -> None:
    """Write into ``u`` an outward direction about the unit ``normal``: flux ~ mu (1 + 3 mu / 2).

    The density mu + 3 mu^2 / 2 on [0, 1] is an even mixture of 2 mu (mu = sqrt(U)) and 3 mu^2
    (mu = U^(1/3)).
    """
    if np.random.random() < 0.5:
        mu = math.sqrt(np.random.random())
    else:
        mu = np.random.random() ** (1.0 / 3.0)
    # a unit vector perpendicular to the normal, then a uniform azimuth about it
    nx, ny, nz = normal[0], normal[1], normal[2]
    if abs(nx) < 0.9:
        ax, ay, az = 0.0, -nz, ny  # normal x (1, 0, 0)
    else:
        ax, ay, az = nz, 0.0, -nx  # normal x (0, 1, 0)
    na = math.sqrt(ax * ax + ay * ay + az * az)
    ax, ay, az = ax / na, ay / na, az / na
    bx, by, bz = ny * az - nz * ay, nz * ax - nx * az, nx * ay - ny * ax
    phi = 2.0 * math.pi * np.random.random()
    s = math.sqrt(max(0.0, 1.0 - mu * mu))
    c, d = s * math.cos(phi), s * math.sin(phi)
    u[0] = mu * nx + c * ax + d * bx
    u[1] = mu * ny + c * ay + d * by
    u[2] = mu * nz + c * az + d * bz
