"""The symbols of the `mag` paper (seed 000), shared by its derivations and its printed forms.

A symbol is not a result, so sharing them keeps derivation (``derivations.mag.magnetogenesis``) and
print (``derivations.printed.mag``) comparable by identity without either borrowing from the other.
The derivatives of the fields are jet symbols, named by ``derivations.jets.jet_symbol``.  Units stay
out (DESIGN convention 5); the derivation records the cgs unit of each evaluator argument.
"""

from __future__ import annotations

import sympy as sp

__all__ = [
    # coordinates, rotation and the (sigma, nu) coupling (Eqs. 1-5, 16)
    "r", "theta", "phi", "t", "c", "Omega", "G", "q", "Q2", "SYMBOLS",
    # electroweak couplings (Eq. 4)
    "G_F", "sin2_theta_W",
    # the collapse (Eqs. 6-15)
    "M", "R", "R_max", "k", "psi", "psi_max", "Omega_final", "Rdot",
]

# --- coordinates, rotation and the (sigma, nu) coupling ------------------------------------------
r = sp.Symbol("r", positive=True)
theta = sp.Symbol("theta", positive=True)
phi = sp.Symbol("phi", real=True)
t = sp.Symbol("t", real=True)
c = sp.Symbol("c", positive=True)  # speed of light
Omega = sp.Symbol("Omega", real=True)  # rigid rotation rate
G = sp.Symbol("G_sigma_nu", real=True)  # weak charge of plasma species sigma for neutrino species nu
q = sp.Symbol("q_sigma", real=True)  # electric charge of species sigma
Q2 = sp.Symbol("Q2", positive=True)  # the paper's Q^2

SYMBOLS = {s.name: s for s in (r, theta, phi, t, c, Omega, G, q, Q2)}

# --- Eq. 4: electroweak couplings ----------------------------------------------------------------
G_F = sp.Symbol("G_F", positive=True)
sin2_theta_W = sp.Symbol("sin2_theta_W", positive=True)

# --- Eqs. 6-15: the collapse ---------------------------------------------------------------------
M = sp.Symbol("M", positive=True)  # core mass
R = sp.Symbol("R", positive=True)  # core radius
R_max = sp.Symbol("R_max", positive=True)
k = sp.Symbol("k", positive=True)  # collapse rate constant (Eq. 8)
psi = sp.Symbol("psi", positive=True)  # cycloid parameter (Eqs. 7, 10)
psi_max = sp.Symbol("psi_max", positive=True)
Omega_final = sp.Symbol("Omega_final", positive=True)
Rdot = sp.Symbol("Rdot", real=True)
