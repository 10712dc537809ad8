"""Random variates for neutrino transport, compiled with Numba (the hot path of every kernel).

All functions draw from Numba's own generator (``np.random`` inside ``@njit`` code): a kernel seeds it
once per batch (``np.random.seed(seed)``), so a batch is reproducible bit for bit whatever process
runs it.

* Thermal energies: the number spectrum of massless fermions at zero chemical potential,
  f(x) dx ~ x^2 / (e^x + 1) dx with x = E/T (rsfp Sec. 5: "a Fermi-Dirac distribution ...
  and zero chemical potential").  Sampled by rejection from Gamma(3): x^2 e^-x / 2 majorises
  x^2 / (e^x + 1) after scaling, with acceptance 1/(1 + e^-x), on average 3 zeta(3)/4 / 1 = 0.90.
  Truncated to x < x* (x* <~ 1) by rejection from x^2 on [0, x*], acceptance 2/(e^x + 1) >= 0.54.
* Scattering angles: p(mu) ~ C1 + C2 mu on [-1, 1] (rsfp Eq. 9), by inverting its quadratic CDF.
"""

from __future__ import annotations

import math

import numpy as np

from natal.numerics.jit import njit

__all__ = ["thermal_x", "thermal_x_below", "thermal_x_above", "kernel_cosine", "deflect",
           "random_unit_vector"]


@njit(cache=True)
def random_unit_vector(out: np.ndarray) -> None:
    """Write an isotropic unit vector into ``out`` (3,)."""
    mu = 2.0 * np.random.random() - 1.0
    phi = 2.0 * math.pi * np.random.random()
    s = math.sqrt(max(0.0, 1.0 - mu * mu))
    out[0] = s * math.cos(phi)
    out[1] = s * math.sin(phi)
    out[2] = mu


@njit(cache=True)
def thermal_x() -> float:
    """x = E/T from x^2/(e^x + 1) on (0, inf)."""
    while True:
        x = -math.log(np.random.random() * np.random.random() * np.random.random() + 1e-300)
        if np.random.random() * (1.0 + math.exp(-x)) < 1.0:
            return x


@njit(cache=True)
def thermal_x_below(x_star: float) -> float:
    """x from x^2/(e^x + 1) restricted to (0, x_star)."""
    while True:
        x = x_star * np.random.random() ** (1.0 / 3.0)
        if np.random.random() * (math.exp(x) + 1.0) < 2.0:
            return x


@njit(cache=True)
def thermal_x_above(x_star: float) -> float:
    """x from x^2/(e^x + 1) restricted to (x_star, inf); x_star is small, so plain rejection."""
    while True:
        x = thermal_x()
        if x >= x_star:
            return x


@njit(cache=True)
def kernel_cosine(c2_over_c1: float) -> float:
    """mu = cos(theta) from p(mu) = (1 + a mu)/2 on [-1, 1], a = C2/C1 (rsfp Eq. 9), |a| <= 1.

    The CDF is F(mu) = [(mu + 1) + a (mu^2 - 1)/2]/2; F = U is a quadratic in mu, solved in the form
    that stays accurate as a -> 0.
    """
    u = np.random.random()
    a = c2_over_c1
    if abs(a) < 1e-12:
        return 2.0 * u - 1.0
    # (a/2) mu^2 + mu + (1 - a/2 - 2u) = 0; the root in [-1, 1]:
    c = 1.0 - 0.5 * a - 2.0 * u
    disc = max(0.0, 1.0 - 2.0 * a * c)
    mu = -2.0 * c / (1.0 + math.sqrt(disc))
    return min(1.0, max(-1.0, mu))


@njit(cache=True)
def _azimuth():
    """(cos phi, sin phi) for phi uniform on [0, 2 pi), without trigonometry: a point uniform in the
    unit disc has a uniform polar angle psi, and phi = 2 psi follows by the double-angle formulas
    (von Neumann 1951; accepted with probability pi/4)."""
    while True:
        a = 2.0 * np.random.random() - 1.0
        b = 2.0 * np.random.random() - 1.0
        q = a * a + b * b
        if 0.0 < q <= 1.0:
            return (a * a - b * b) / q, 2.0 * a * b / q


@njit(cache=True)
def deflect(u: np.ndarray, mu: float) -> None:
    """Turn the unit vector ``u`` by the polar angle acos(mu) about itself, uniform azimuth."""
    c, sn = _azimuth()
    s = math.sqrt(max(0.0, 1.0 - mu * mu))
    cp, sp_ = s * c, s * sn
    ux, uy, uz = u[0], u[1], u[2]
    if abs(uz) > 0.99999:
        sign = 1.0 if uz > 0 else -1.0
        u[0] = cp
        u[1] = sp_
        u[2] = sign * mu
        return
    d = math.sqrt(1.0 - uz * uz)
    u[0] = mu * ux + (cp * ux * uz - sp_ * uy) / d
    u[1] = mu * uy + (cp * uy * uz + sp_ * ux) / d
    u[2] = mu * uz - cp * d
