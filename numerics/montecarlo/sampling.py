"""Random variates for neutrino transport, compiled with Numba (the hot path of every kernel).

All functions draw from Numba's own generator (``np.random`` inside ``@njit`` code): a kernel seeds it
once per batch (``np.random.seed(seed)``), so a batch is reproducible bit for bit whatever process
runs it.

* Thermal energies: the number spectrum of massless fermions at zero chemical potential,
  f(x) dx ~ x^2 / (e^x + 1) dx with x = E/T (rsfp Sec. 5: "a Fermi-Dirac distribution ...
  and zero chemical potential").  Sampled by rejection from Gamma(3): x^2 e^-x / 2 majorises
  x^2 / (e^x + 1) after scaling, with acceptance 1/(1 + e^-x), on average 3 zeta(3)/4 / 1 = 0.90.
  Truncated to x < x* (x* <~ 1) by rejection from x^2 on [0, x*], acceptance 2/(e^x + 1) >= 0.54.
* The same for x^n/(e^x + 1) with an integer power n (``stream_thermal_xn*``): n = 2 the number spectrum
  above, n = 3 the energy-flux and n = 4 the collision-weighted (sigma ~ E^2) spectrum, the redraw
  spectra among which rsfp Sec. 5 does not choose explicitly.  Gamma(n + 1) majorises after scaling,
  with acceptance 1/(1 + e^-x) as before.
* Scattering angles: p(mu) ~ C1 + C2 mu on [-1, 1] (rsfp Eq. 9), by inverting its quadratic CDF.

The ``stream_*`` functions (with ``uniform``, ``exponential`` and ``normal``) draw the same variates from
an explicit xoshiro256+ state instead of np.random (see the section below for why).
"""

from __future__ import annotations

import math

import numpy as np

from natal.numerics.jit import njit

__all__ = ["thermal_x", "thermal_x_below", "thermal_x_above", "kernel_cosine", "deflect",
           "random_unit_vector", "stream", "uniform", "exponential", "normal", "stream_unit_vector",
           "stream_thermal_x", "stream_thermal_x_below", "stream_thermal_x_above", "stream_kernel_cosine",
           "stream_deflect", "stream_thermal_xn", "stream_thermal_xn_below", "stream_thermal_xn_above"]


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
    return _kernel_cosine_at(np.random.random(), c2_over_c1)


@njit(cache=True, inline="always")
def _kernel_cosine_at(u: float, a: float) -> float:
    """The mu whose kernel CDF is ``u``: (a/2) mu^2 + mu + (1 - a/2 - 2u) = 0, its root in [-1, 1]."""
    if abs(a) < 1e-12:
        return 2.0 * u - 1.0
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


# --- the same variates from an explicit xoshiro256+ stream ------------------------------------------
#
# Numba's np.random reaches its Mersenne Twister through a thread-local state on every call, which costs
# several times the arithmetic of a draw; a hot loop that draws a handful of variates per step (the rsfp
# walk) spends most of its time there.  These samplers take the generator's state, a uint64 array of 4
# (``stream(seed)``), as their first argument: xoshiro256+ (Blackman & Vigna 2021, ACM TOMS 47, 36), whose
# upper 53 bits are the recommended source of doubles.  Each samples exactly the distribution of the
# np.random function of the same name above, by the same method unless its docstring says otherwise.

_M53 = 1.0 / 9007199254740992.0  # 2^-53


@njit(cache=True)
def _splitmix64(z):
    z = z + np.uint64(0x9E3779B97F4A7C15)
    a = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    a = (a ^ (a >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z, a ^ (a >> np.uint64(31))


@njit(cache=True)
def stream(seed):
    """A xoshiro256+ state (uint64[4]) from an integer seed, filled by splitmix64 as its authors advise
    (never all zero)."""
    st = np.empty(4, dtype=np.uint64)
    z = np.uint64(seed)
    for k in range(4):
        z, st[k] = _splitmix64(z)
    return st


@njit(cache=True, inline="always")
def uniform(st):
    """U uniform on [0, 1) in steps of 2^-53 (the top 53 bits of the next xoshiro256+ output)."""
    s0, s1, s2, s3 = st[0], st[1], st[2], st[3]
    result = s0 + s3
    t = s1 << np.uint64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << np.uint64(45)) | (s3 >> np.uint64(19))
    st[0], st[1], st[2], st[3] = s0, s1, s2, s3
    return np.float64(result >> np.uint64(11)) * _M53


@njit(cache=True, inline="always")
def exponential(st):
    """Unit exponential: -log(1 - U), 1 - U in (0, 1]."""
    return -math.log(1.0 - uniform(st))


@njit(cache=True)
def stream_unit_vector(st, out):
    """random_unit_vector from the stream ``st``."""
    mu = 2.0 * uniform(st) - 1.0
    phi = 2.0 * math.pi * uniform(st)
    s = math.sqrt(max(0.0, 1.0 - mu * mu))
    out[0] = s * math.cos(phi)
    out[1] = s * math.sin(phi)
    out[2] = mu


@njit(cache=True)
def stream_thermal_x(st):
    """thermal_x from the stream ``st``: x^2/(e^x + 1) by rejection from Gamma(3)."""
    while True:
        x = -math.log((1.0 - uniform(st)) * (1.0 - uniform(st)) * (1.0 - uniform(st)))
        if uniform(st) * (1.0 + math.exp(-x)) < 1.0:
            return x


@njit(cache=True)
def stream_thermal_x_below(st, x_star):
    """thermal_x_below from the stream ``st``."""
    while True:
        x = x_star * uniform(st) ** (1.0 / 3.0)
        if uniform(st) * (math.exp(x) + 1.0) < 2.0:
            return x


@njit(cache=True)
def stream_thermal_x_above(st, x_star):
    """thermal_x_above from the stream ``st``."""
    while True:
        x = stream_thermal_x(st)
        if x >= x_star:
            return x


@njit(cache=True, inline="always")
def stream_kernel_cosine(st, c2_over_c1):
    """kernel_cosine from the stream ``st``: mu from (1 + a mu)/2 on [-1, 1] by the inverse CDF."""
    return _kernel_cosine_at(uniform(st), c2_over_c1)


@njit(cache=True, inline="always")
def stream_deflect(st, u, mu):
    """deflect from the stream ``st``: turn ``u`` by acos(mu), azimuth uniform (von Neumann's disc)."""
    while True:
        a = 2.0 * uniform(st) - 1.0
        b = 2.0 * uniform(st) - 1.0
        q = a * a + b * b
        if 0.0 < q <= 1.0:
            break
    s = math.sqrt(max(0.0, 1.0 - mu * mu)) / q
    cp, sp_ = s * (a * a - b * b), s * (2.0 * a * b)
    ux, uy, uz = u[0], u[1], u[2]
    if abs(uz) > 0.99999:
        sign = 1.0 if uz > 0 else -1.0
        u[0] = cp
        u[1] = sp_
        u[2] = sign * mu
        return
    d = math.sqrt(1.0 - uz * uz)
    e = 1.0 / d
    u[0] = mu * ux + (cp * ux * uz - sp_ * uy) * e
    u[1] = mu * uy + (cp * uy * uz + sp_ * ux) * e
    u[2] = mu * uz - cp * d


@njit(cache=True)
def normal(st):
    """Standard normal from the stream ``st`` (Marsaglia's polar method; the second variate is dropped)."""
    while True:
        a = 2.0 * uniform(st) - 1.0
        b = 2.0 * uniform(st) - 1.0
        q = a * a + b * b
        if 0.0 < q < 1.0:
            return a * math.sqrt(-2.0 * math.log(q) / q)


@njit(cache=True)
def stream_thermal_xn(st, n):
    """x from x^n/(e^x + 1) on (0, inf), n a non-negative integer: Gamma(n + 1) (minus the log of a
    product of n + 1 uniforms) accepted with probability 1/(1 + e^-x).  n = 2 consumes the stream
    exactly as stream_thermal_x and returns the same x."""
    while True:
        prod = 1.0
        for _ in range(n + 1):
            prod *= 1.0 - uniform(st)
        x = -math.log(prod)
        if uniform(st) * (1.0 + math.exp(-x)) < 1.0:
            return x


@njit(cache=True)
def stream_thermal_xn_below(st, x_star, n):
    """x from x^n/(e^x + 1) restricted to (0, x_star): x^n on [0, x_star] (x_star U^(1/(n + 1)))
    accepted with probability 2/(e^x + 1).  n = 2 is stream_thermal_x_below, draw for draw."""
    while True:
        x = x_star * uniform(st) ** (1.0 / (n + 1))
        if uniform(st) * (math.exp(x) + 1.0) < 2.0:
            return x


@njit(cache=True)
def stream_thermal_xn_above(st, x_star, n):
    """x from x^n/(e^x + 1) restricted to (x_star, inf), by rejection from the whole spectrum (x_star
    is at most a few, below the spectrum's mean n + 1 or near it)."""
    while True:
        x = stream_thermal_xn(st, n)
        if x >= x_star:
            return x
