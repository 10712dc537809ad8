"""The symbols of the driven damped oscillator, declared once; printed forms and derivations share them."""

import sympy as sp

__all__ = ["t", "F0", "m", "omega0", "gamma", "Omega"]

t = sp.Symbol("t", real=True)
#: drive amplitude (force), mass, natural frequency, damping rate, drive frequency
F0, m, omega0, gamma, Omega = sp.symbols("F0 m omega0 gamma Omega", positive=True)
