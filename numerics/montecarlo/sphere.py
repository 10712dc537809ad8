"""Validation problem: escape from a uniform grey sphere of optical radius TAU.

Lengths are in mean free paths.  A particle born at the centre (or uniformly in the volume) flies
exponential distances, scatters with the kernel p(cos theta) ~ 1 + a cos(theta) (a kernel
C1 + C2 cos(theta) has a = C2/C1; a = 0 is isotropic scattering), and escapes when it crosses r = TAU.  Tallied per particle: the number of scatterings and the
path length (in mean free paths).  Diffusion theory with the Milne extrapolation length 0.7104
lambda_tr gives, for central births and an isotropic kernel, about (TAU + 0.71)^2 / 2 scatterings
(mean exit time R^2/(6 D) with D = lambda/3 and R = TAU + 0.71).

``scheme="analog"`` follows every flight.  ``scheme="accelerated"`` uses the modified random walk:
where the boundary is more than ``mrw_min`` transport mean free paths away the walk inside the
largest sphere that avoids it is replaced by one diffusion jump (numerics.montecarlo.diffusion),
adding its exit time to the path and path/lambda (its expectation) to the scatterings.  The particle
leaves the jump on the sphere, moving outward with the emergent angular distribution.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass

import numpy as np

from natal.numerics import validation
from natal.numerics.jit import njit
from natal.numerics.montecarlo.diffusion import (
    MILNE_EXTRAPOLATION, emergent_direction, sample_exit_time, tables,
)
from natal.numerics.montecarlo.sampling import deflect, kernel_cosine, random_unit_vector

__all__ = ["SphereProblem", "sphere_task", "diffusion_estimate", "kernel_name", "BIRTHS", "SCHEMES"]

BIRTHS = ("center", "uniform")
SCHEMES = ("analog", "accelerated")


@dataclass(frozen=True)
class SphereProblem:
    """A grey sphere: optical radius ``tau`` (mean free paths), births, the scattering kernel's
    ``anisotropy`` a = C2/C1 of C1 + C2 cos(theta) (-1 <= a <= 1; 0, the default, is isotropic) and the
    scheme.  A caller with a physical kernel passes its coefficients' ratio (for example a paper's
    nu-N kernel, ``anisotropy=c2 / c1``)."""

    tau: float
    birth: str = "center"
    anisotropy: float = 0.0
    scheme: str = "analog"
    mrw_min: float = 5.0  # smallest MRW sphere, in transport mean free paths

    def __post_init__(self) -> None:
        validation.finite_scalar("tau", self.tau, low=0, low_open=True, unit="mean free paths (the optical radius)")
        validation.choice("birth", self.birth, BIRTHS)
        validation.finite_scalar("anisotropy", self.anisotropy, low=-1, high=1,
                                 unit="(C2/C1 of the kernel C1 + C2 cos(theta))")
        validation.choice("scheme", self.scheme, SCHEMES)
        validation.finite_scalar("mrw_min", self.mrw_min, low=1, unit="transport mean free paths")

    @property
    def kernel(self) -> str:
        """The kernel in words (:func:`kernel_name`)."""
        return kernel_name(self.anisotropy)

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:16]


def kernel_name(anisotropy: float) -> str:
    """"isotropic" for a = 0, else "1 + a cos(theta)" with a as given (shortest round-trip text)."""
    a = float(anisotropy)
    return "isotropic" if a == 0 else f"1 {'-' if a < 0 else '+'} {abs(a)!r} cos(theta)"


def diffusion_estimate(problem: SphereProblem) -> float:
    """Diffusion-theory mean number of scatterings to escape.

    With lambda_tr = lambda/(1 - g) the mean exit time (path) is R_eff^2 / (6 D), D = lambda_tr/3, and
    R_eff = TAU + 0.7104 lambda_tr; one scattering per lambda of path.  Uniform births average
    (R_eff^2 - r^2)/(6 D) over the volume: 1 - 3/5 (TAU/R_eff)^2 of the central value.
    """
    g = problem.anisotropy / 3.0
    lam_tr = 1.0 / (1.0 - g)
    r_eff = problem.tau + MILNE_EXTRAPOLATION * lam_tr
    central = r_eff**2 / (2.0 * lam_tr)
    if problem.birth == "center":
        return central
    return central * (1.0 - 0.6 * (problem.tau / r_eff) ** 2)


@njit(cache=True)
def _sphere_kernel(n, seed, tau, uniform, a, accelerated, mrw_min, exit_tau, exit_cdf, out):
    np.random.seed(seed)
    x = np.empty(3)
    u = np.empty(3)
    w = np.empty(3)
    g = a / 3.0
    lam_tr = 1.0 / (1.0 - g)
    diff = lam_tr / 3.0  # D in mean-free-path units (speed 1)
    r_min = mrw_min * lam_tr
    s_scat = s_scat2 = s_path = s_path2 = s_jumps = 0.0
    for _ in range(n):
        if uniform:
            random_unit_vector(w)
            r0 = tau * np.random.random() ** (1.0 / 3.0)
            x[0], x[1], x[2] = r0 * w[0], r0 * w[1], r0 * w[2]
        else:
            x[0] = x[1] = x[2] = 0.0
        random_unit_vector(u)
        nscat = 0.0
        path = 0.0
        while True:
            r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
            if accelerated and tau - r >= r_min:
                radius = tau - r
                reff = radius + MILNE_EXTRAPOLATION * lam_tr
                t = sample_exit_time(exit_tau, exit_cdf) * reff * reff / diff
                path += t
                nscat += t
                s_jumps += 1.0
                random_unit_vector(w)
                for k in range(3):
                    x[k] += radius * w[k]
                emergent_direction(w, u)
                continue
            s = -math.log(1.0 - np.random.random())
            b = x[0] * u[0] + x[1] * u[1] + x[2] * u[2]
            c = r * r - tau * tau
            d_exit = -b + math.sqrt(max(0.0, b * b - c))
            if s >= d_exit:
                path += d_exit
                break
            for k in range(3):
                x[k] += s * u[k]
            path += s
            nscat += 1.0
            if a == 0.0:
                random_unit_vector(u)
            else:
                deflect(u, kernel_cosine(a))
        s_scat += nscat
        s_scat2 += nscat * nscat
        s_path += path
        s_path2 += path * path
    out[0] = s_scat
    out[1] = s_scat2
    out[2] = s_path
    out[3] = s_path2
    out[4] = s_jumps


def sphere_task(problem: SphereProblem, seed: int, n: int) -> dict[str, float]:
    """One batch of ``n`` particles: sums of scatterings, path (mean free paths), their squares."""
    t = tables()
    out = np.zeros(5)
    _sphere_kernel(int(n), int(seed) % (2**32), float(problem.tau), problem.birth == "uniform",
                   float(problem.anisotropy), problem.scheme == "accelerated", float(problem.mrw_min),
                   t.exit_tau, t.exit_cdf, out)
    return {"n": float(n), "scatterings": out[0], "scatterings_sq": out[1], "path": out[2],
            "path_sq": out[3], "jumps": out[4]}
