"""The steady state of the driven damped oscillator, derived from its equation of motion.

Pure SymPy (no NumPy): the method of undetermined coefficients.  Put x_p = a cos(Omega t) +
b sin(Omega t) into x'' + 2 gamma x' + omega0^2 x = (F0/m) cos(Omega t); the coefficients of
cos and sin must vanish separately, two linear equations for a and b.  Writing x_p = A cos(Omega t -
phi) = A cos(phi) cos(Omega t) + A sin(phi) sin(Omega t) gives A = sqrt(a^2 + b^2), tan(phi) = b/a.
"""

from __future__ import annotations

import sympy as sp
from natal.derivations.result import Derivation

from natal_oscillator.symbols import F0, Omega, gamma, m, omega0, t

__all__ = ["PREMISES", "equation_of_motion", "steady_state"]

#: what the derivation starts from (named physics; no equation of the book it checks)
PREMISES = ("Newton's second law with linear damping and a harmonic drive: "
            "x'' + 2 gamma x' + omega0^2 x = (F0/m) cos(Omega t)",
            "the steady state is the particular solution (the homogeneous part decays for gamma > 0)")


def equation_of_motion(x: sp.Expr) -> sp.Expr:
    """The left-hand side minus the right-hand side of the equation of motion, for a trial x(t)."""
    return sp.diff(x, t, 2) + 2 * gamma * sp.diff(x, t) + omega0**2 * x - F0 / m * sp.cos(Omega * t)


def steady_state() -> Derivation:
    """(2.125): the amplitude A, tan(phi) and the phase lag phi in [0, pi] of the steady state."""
    a, b = sp.symbols("a b", real=True)
    residual = sp.expand(equation_of_motion(a * sp.cos(Omega * t) + b * sp.sin(Omega * t)))
    coefficients = [residual.coeff(sp.cos(Omega * t)), residual.coeff(sp.sin(Omega * t))]
    solution = sp.solve(coefficients, [a, b], dict=True)[0]
    a_p, b_p = sp.factor(solution[a]), sp.factor(solution[b])
    numerator, denominator = sp.fraction(sp.factor(a_p**2 + b_p**2))  # F0^2 and m^2 (...), both positive
    amplitude = sp.sqrt(numerator) / sp.sqrt(denominator)
    cos_phi, sin_phi = sp.cancel(a_p / amplitude), sp.cancel(b_p / amplitude)
    return Derivation(
        name="oscillator.steady_state",
        ref="Tong, Classical Mechanics, Eq. (2.125)",
        inputs=(F0, m, omega0, gamma, Omega),
        outputs=(("A", amplitude), ("tan_phi", sp.cancel(b_p / a_p)),
                 ("phi", sp.atan2(sin_phi, cos_phi))),
        units={"F0": "N", "m": "kg", "omega0": "s^-1", "gamma": "s^-1", "Omega": "s^-1", "A": "m",
               "tan_phi": "1", "phi": "rad"},
        description="steady-state amplitude and phase lag of x'' + 2 gamma x' + omega0^2 x = (F0/m) cos(Omega t)",
        premises=PREMISES,
    )
