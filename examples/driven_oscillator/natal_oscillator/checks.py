"""Checks of Eq. (2.125): each compares the derivation with the print and confirms the derivation by
an independent numeric route before it says anything.

The independent route, :func:`numeric_steady_state`, integrates the equation of motion itself from
rest (SciPy's DOP853) until the transient has decayed, and reads the amplitude and phase off the
last period by Fourier projection.  It shares nothing with the derivation but the equation of motion.
"""

from __future__ import annotations

import math
import random

import numpy as np
import sympy as sp
from scipy.integrate import solve_ivp

from natal.checks.compare import require_close, symbolic_differences, verdict
from natal.mutants import Entry
from natal.verdict import Verdict, check

from natal_oscillator import printed
from natal_oscillator.derivation import steady_state
from natal_oscillator.symbols import F0, Omega, gamma, m, omega0

__all__ = ["numeric_steady_state", "sample_points"]

_TOL = 1e-8  # the ODE route keeps ~10 digits (rtol 1e-12, transient decayed to e^-30)
_ROUTE = "equation of motion integrated from rest (DOP853), Fourier projection of the last period"


def numeric_steady_state(F0_: float, m_: float, omega0_: float, gamma_: float, Omega_: float,
                         decay: float = 30.0, samples: int = 64) -> tuple[float, float]:
    """(A, phi) of x'' + 2 gamma x' + omega0^2 x = (F0/m) cos(Omega t), integrated from x = x' = 0 for
    ``decay``/gamma (rounded up to whole drive periods) and projected onto cos and sin over one more
    period (the trapezoid rule, exact for the periodic steady state)."""
    for name, value in (("F0", F0_), ("m", m_), ("omega0", omega0_), ("gamma", gamma_), ("Omega", Omega_)):
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a finite positive number, got {value!r}")
    period = 2 * math.pi / Omega_
    t_settle = math.ceil(decay / gamma_ / period) * period

    def rhs(t: float, y: np.ndarray) -> list[float]:
        return [y[1], F0_ / m_ * math.cos(Omega_ * t) - 2 * gamma_ * y[1] - omega0_**2 * y[0]]

    sol = solve_ivp(rhs, (0.0, t_settle + period), [0.0, 0.0], method="DOP853", rtol=1e-12, atol=1e-14,
                    dense_output=True)
    ts = t_settle + period * np.arange(samples) / samples
    x = sol.sol(ts)[0]
    a = 2 * np.mean(x * np.cos(Omega_ * ts))
    b = 2 * np.mean(x * np.sin(Omega_ * ts))
    return math.hypot(a, b), math.atan2(b, a)


def sample_points(seed: int = 2125, n: int = 3) -> list[dict[sp.Symbol, float]]:
    """``n`` parameter points, seeded: below, near and above resonance, light to moderate damping."""
    rng = random.Random(seed)
    points = []
    for ratio in (0.6, 1.02, 1.7)[:n]:
        w0 = rng.uniform(0.8, 1.5)
        points.append({F0: rng.uniform(0.5, 2.0), m: rng.uniform(0.5, 2.0), omega0: w0,
                       gamma: rng.uniform(0.2, 0.5), Omega: ratio * w0})
    return points


def _confirm(*outputs: str) -> None:
    """Hold each derived output (A, tan_phi, phi) to the numeric route at every sample point."""
    d = steady_state()
    for point in sample_points():
        A_num, phi_num = numeric_steady_state(*(point[s] for s in (F0, m, omega0, gamma, Omega)))
        numeric = {"A": A_num, "tan_phi": math.tan(phi_num), "phi": phi_num}
        where = {s.name: round(v, 4) for s, v in point.items()}
        for output in outputs:
            require_close(f"{output} at {where}", float(d[output].subs(point)), numeric[output], _TOL)


@check("oscillator", "2.125a", "steady-state amplitude A of the driven damped oscillator")
def eq2_125a() -> Verdict:
    d = steady_state()
    diffs = symbolic_differences(d, printed.eq2_125a())
    _confirm("A")
    return verdict(
        diffs, "undetermined coefficients a cos + b sin in the equation of motion, A = sqrt(a^2 + b^2); "
        "derived - printed simplified",
        note="Tong's erratum for p. 50 says the printed (omega0^2 - Omega)^2 should read (omega0^2 - Omega^2)^2 "
        "(as printed, the denominator adds a frequency to a frequency squared)",
        corrected=f"A = {sp.sstr(d['A'])}", premises=d.premises, independent=_ROUTE,
        corrected_entries=((Entry(printed.__name__, "eq2_125a"), lambda value: {**value, "A": d["A"]}),))


@check("oscillator", "2.125b", "phase lag phi of the steady state behind the drive")
def eq2_125b() -> Verdict:
    d = steady_state()
    diffs = symbolic_differences(d, printed.eq2_125b())
    _confirm("tan_phi", "phi")
    return verdict(diffs, "undetermined coefficients, tan(phi) = b/a; derived - printed simplified",
                   corrected=f"tan(phi) = {sp.sstr(d['tan_phi'])}", premises=d.premises, independent=_ROUTE)
