"""The symbols of the `nuN` paper (seed 001), shared by its derivations and its printed forms.

A symbol is not a result, so sharing them keeps derivation and print comparable by identity without
either borrowing anything from the other.  Vectors are 3x1 SymPy matrices of component symbols
(``vec("Omega")`` -> (Omega_x, Omega_y, Omega_z)); unit vectors are normalised by the caller (checks
substitute rational points on the sphere, so comparisons stay exact).

Units stay out (DESIGN convention 5): the paper works in natural units, hbar = c = k_B = 1.
"""

from __future__ import annotations

import sympy as sp

from natal.derivations.jets import jet_symbol

__all__ = [
    "vec", "dot", "cross",
    "G_F", "c_V", "c_A", "F_2", "g_A", "sin2_theta_W", "mu_p", "mu_n",
    "m", "T", "mu_N", "n", "mu_B", "B", "s", "s_p",
    "k", "k_p", "q0", "q", "mu_prime", "eps", "u", "E", "E_p", "x", "x_p", "z",
    "x_min", "xp_min", "x_0", "xp_0", "delta_x", "S0", "S_ss", "St_ss",
    "mu_nu", "jet", "f0", "df0", "d2f0", "d3f0", "g", "dg", "d2g", "d3g", "h", "dh", "d2h",
    "dU", "d_dU", "d2_dU", "gradU", "d_gradU", "d2_gradU", "f0p",
    "Delta_np", "n_n", "mu_e", "e_charge", "mu_Bn", "mu_Bp", "T_eff_e", "T_eff_mu",
]


def vec(name: str) -> sp.Matrix:
    """A 3-vector of real component symbols ``name_x, name_y, name_z``."""
    return sp.Matrix([sp.Symbol(f"{name}_{c}", real=True) for c in "xyz"])


def dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    """Euclidean dot product of two 3-vectors."""
    return sum((a[i] * b[i] for i in range(3)), sp.Integer(0))


def cross(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """Cross product of two 3-vectors."""
    return a.cross(b)


# Couplings (Eq. 1, Table I) and their stated inputs.
G_F = sp.Symbol("G_F", positive=True)
c_V = sp.Symbol("c_V", real=True)
c_A = sp.Symbol("c_A", real=True)
F_2 = sp.Symbol("F_2", real=True)
g_A = sp.Symbol("g_A", positive=True)
sin2_theta_W = sp.Symbol("sin2_theta_W", positive=True)
mu_p = sp.Symbol("mu_p", real=True)  # anomalous moments in nuclear magnetons, as Table I uses them
mu_n = sp.Symbol("mu_n", real=True)

# Nucleons: mass, temperature, chemical potential without rest mass (Eq. 8), number density,
# magnetic moment times field (the combination mu_B B of Eqs. 14-15), spins along B (+-1).
m = sp.Symbol("m", positive=True)
T = sp.Symbol("T", positive=True)
mu_N = sp.Symbol("mu_N", real=True)
n = sp.Symbol("n", positive=True)
mu_B = sp.Symbol("mu_B", real=True)
B = sp.Symbol("B", nonnegative=True)
s = sp.Symbol("s", real=True)
s_p = sp.Symbol("s_p", real=True)

# Kinematics: neutrino energies k, k'; energy and momentum transfer q0 = k - k', q = |k - k'|;
# mu' = Omega.Omega' (Eq. 9); eps and u of Eq. 17; nucleon energies and their T-scaled forms.
k = sp.Symbol("k", positive=True)
k_p = sp.Symbol("k_p", positive=True)
q0 = sp.Symbol("q0", real=True)
q = sp.Symbol("q", positive=True)
mu_prime = sp.Symbol("mu_prime", real=True)
eps = sp.Symbol("eps", positive=True)
u = sp.Symbol("u", real=True)
E = sp.Symbol("E", real=True)
E_p = sp.Symbol("E_p", real=True)
x = sp.Symbol("x", real=True)
x_p = sp.Symbol("x_p", real=True)
z = sp.Symbol("z", real=True)
x_min = sp.Symbol("x_min", real=True)  # (E_min - mu_N)/T, lower limit of Eq. 12's energy integral
xp_min = sp.Symbol("xp_min", real=True)  # (E'_min - mu_N)/T of Eq. A9
# The parameters of Eqs. 13-14 and A11-A12 kept whole, as those equations are printed: x_0 and x'_0
# (x_min and x'_min at B = 0) and delta x, the O(B) part of x_min (Eqs. 15, A10 give their values).
x_0 = sp.Symbol("x_0", real=True)
xp_0 = sp.Symbol("xp_0", real=True)
delta_x = sp.Symbol("delta_x", real=True)

# Response functions kept whole where an equation is written in terms of them (Eqs. 19-23, A4-A13):
# S_0 (B = 0, Eq. 13), S_{ss'} (Eq. 12) and S~_{ss'} (Eq. A7).
S0 = sp.Symbol("S0", positive=True)
S_ss = sp.Symbol("S_ss", positive=True)
St_ss = sp.Symbol("St_ss", positive=True)

# --- Secs. IV-V: the diffusion problem (Eqs. 24-52) ------------------------------------------------
# Neutrino distributions are functions of the energy k; a derivation carries each one as its jet at
# k (value and k-derivatives, derivations.jets names), so derived and printed forms share symbols.
#   f0 = f_nu^(0)(k), Fermi-Dirac at (T, mu_nu); g(k), h(k) of Eq. 28 (h: one Cartesian component,
#   everything is linear in it); dU = delta U_nu(k) = k^3 g / (2 pi^2) (Eq. 29); gradU = one component
#   of grad U_nu(k) (Eq. 40).
mu_nu = sp.Symbol("mu_nu", real=True)  # neutrino chemical potential of f0


def jet(field: str, order: int) -> sp.Symbol:
    """The symbol of d^order field / dk^order (``jet("g", 0)`` is g itself)."""
    return jet_symbol(field, *(["k"] * order))


f0, df0, d2f0, d3f0 = (jet("f0", j) for j in range(4))
g, dg, d2g, d3g = (jet("g", j) for j in range(4))
h, dh, d2h = (jet("h", j) for j in range(3))
dU, d_dU, d2_dU = (jet("dU", j) for j in range(3))
gradU, d_gradU, d2_gradU = (jet("gradU", j) for j in range(3))
f0p = sp.Symbol("f0_p", real=True)  # f_nu^(0)(k') in Eqs. 26-27

# Absorption nu_e n -> e- p and the comparison of Sec. V (Eqs. 47-52).
Delta_np = sp.Symbol("Delta_np", positive=True)  # m_n - m_p
n_n = sp.Symbol("n_n", positive=True)  # neutron number density
mu_e = sp.Symbol("mu_e", real=True)  # electron chemical potential of f_e
e_charge = sp.Symbol("e_charge", positive=True)  # elementary charge (natural units, e^2 = 4 pi alpha)
mu_Bn = sp.Symbol("mu_Bn", real=True)  # neutron magnetic moment (the "mu_Bn" of Eq. 49)
mu_Bp = sp.Symbol("mu_Bp", real=True)  # proton magnetic moment (the "mu_Bp" of Eq. 49)
T_eff_e = sp.Symbol("T_eff_e", positive=True)  # Eq. 51
T_eff_mu = sp.Symbol("T_eff_mu", positive=True)  # Eq. 52
