"""Eq. (2.125) of Tong's *Classical Mechanics* as printed: data, never used to derive anything.

Each ``eq*`` function returns the printed right-hand sides by output name.  The checks always call
them as ``printed.eq2_125a()``, so that ``natal verify --mutants`` can put mechanical mutants in
their place.  ``TEXT`` keeps each equation as a line of text.

Where the print comes from: Tong's published errata list ("Errata for Classical Mechanics",
https://www.damtp.cam.ac.uk/user/tong/books/cerrata.html) says: "Page 50: In (2.125), the
denominator in the first equation has a (omega_0^2 - Omega)^2. That Omega should be Omega^2."
Only that term is taken from the erratum.  The rest of the two equations is written in the notation
of the equation of motion this pack starts from (x'' + 2 gamma x' + omega0^2 x = (F0/m) cos Omega t,
x = A cos(Omega t - phi)); we did not have the book at hand, so its other conventions (gamma or
2 gamma, F0 or F0/m) are our reconstruction.  The verdict on the misprint does not depend on them.
"""

from __future__ import annotations

import sympy as sp

from natal_oscillator.symbols import F0, Omega, gamma, m, omega0

__all__ = ["TEXT", "eq2_125a", "eq2_125b"]

TEXT = {
    "2.125a": "A = (F0/m) / sqrt((omega0^2 - Omega)^2 + 4 gamma^2 Omega^2)",
    "2.125b": "tan(phi) = 2 gamma Omega / (omega0^2 - Omega^2)",
}


def eq2_125a() -> dict[str, sp.Expr]:
    """(2.125), first equation: the steady-state amplitude, with the printed (omega0^2 - Omega)^2."""
    return {"A": F0 / m / sp.sqrt((omega0**2 - Omega) ** 2 + 4 * gamma**2 * Omega**2)}


def eq2_125b() -> dict[str, sp.Expr]:
    """(2.125), second equation: the phase lag of the response behind the drive."""
    return {"tan_phi": 2 * gamma * Omega / (omega0**2 - Omega**2)}
