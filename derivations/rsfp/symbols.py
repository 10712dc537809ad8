"""The symbols of the `rsfp` paper (seed 002), shared by its derivations and its printed forms.

A symbol is not a result, so sharing them keeps derivation (``derivations.rsfp.equations``) and print
(``derivations.printed.rsfp``) comparable by identity without either borrowing from the other.

Units stay out (DESIGN convention 5).  The derivations of Sec. 2 (spin-down) are in Gaussian units
with the speed of light ``c`` kept; those of Secs. 3-5 (potential, adiabaticity, opacity) in natural
units, hbar = c = 1, where a number density is an energy cubed and a length an inverse energy.  The
printed Eqs. 6 and 12 carry reference values in cgs units; the checks convert (natal.papers.rsfp.checks).
"""

from __future__ import annotations

import sympy as sp

__all__ = [
    # Sec. 2: spin-down and braking index (Eqs. 1-3)
    "t", "omega", "omega_dot", "omega_ddot", "I_ns", "c", "k_sd", "n_brake", "alpha",
    "mu_rho", "mu_phi", "mu_z", "delta_rho", "R", "d",
    # Sec. 3: resonance (Eq. 4)
    "G_F", "N_n", "N_p", "N_e", "sin2_theta_W", "g_A", "rho", "m_u", "Y_e", "E", "dm2", "m_s",
    "kappa", "lam",
    # Sec. 3: adiabaticity (Eqs. 5-6)
    "mu_nu", "B_perp", "A_slope", "l_rho", "gamma",
    # Sec. 4: nu-N opacity (Eqs. 9-11)
    "cos_theta", "C_V_n", "C_A_n", "C_V_p", "C_A_p", "Y_p", "C1", "C2",
    # Sec. 5: kick (Eq. 12)
    "M", "V", "E_tot",
]

# --- Sec. 2 -------------------------------------------------------------------------------------
t = sp.Symbol("t", real=True)
omega = sp.Symbol("omega", positive=True)  # spin angular velocity
omega_dot = sp.Symbol("omega_dot", real=True)  # its time derivatives, as symbols (Eq. 1)
omega_ddot = sp.Symbol("omega_ddot", real=True)
I_ns = sp.Symbol("I_ns", positive=True)  # moment of inertia (named apart from SymPy's imaginary I)
c = sp.Symbol("c", positive=True)  # speed of light
k_sd = sp.Symbol("k", positive=True)  # spin-down constant of Eqs. 1 and 3
n_brake = sp.Symbol("n", positive=True)  # braking index
alpha = sp.Symbol("alpha", nonnegative=True)  # Eq. 3's correction coefficient
# Magnetic moment in cylindrical components at the dipole's position (the paper's mu = (mu_z, mu_rho,
# mu_phi)): mu_rho radial (away from the spin axis), mu_phi azimuthal, mu_z along the spin axis.
mu_rho = sp.Symbol("mu_rho", positive=True)
mu_phi = sp.Symbol("mu_phi", real=True)
mu_z = sp.Symbol("mu_z", real=True)
delta_rho = sp.Symbol("delta_rho", positive=True)  # displacement from the spin axis in units of R
R = sp.Symbol("R", positive=True)  # stellar radius
d = sp.Symbol("d", positive=True)  # the displacement delta_rho R itself

# --- Sec. 3: resonance --------------------------------------------------------------------------
G_F = sp.Symbol("G_F", positive=True)
N_n = sp.Symbol("N_n", positive=True)  # neutron, proton, electron number densities
N_p = sp.Symbol("N_p", nonnegative=True)
N_e = sp.Symbol("N_e", nonnegative=True)
sin2_theta_W = sp.Symbol("sin2_theta_W", positive=True)
g_A = sp.Symbol("g_A", positive=True)  # nucleon axial charge (the same symbol as nucleon_symbols.g_A)
rho = sp.Symbol("rho", positive=True)  # mass density
m_u = sp.Symbol("m_u", positive=True)  # atomic mass unit: rho/m_u is the baryon density
Y_e = sp.Symbol("Y_e", positive=True)  # electrons per baryon (= protons per baryon)
E = sp.Symbol("E", positive=True)  # neutrino energy
dm2 = sp.Symbol("Delta_m2", positive=True)  # m_s^2 - m_tau^2
m_s = sp.Symbol("m_s", positive=True)  # sterile neutrino mass
# Eq. 4's axial terms kappa_f <lambda^f_par> for f = n, p, e: lambda_f is the mean spin polarisation of
# species f along the neutrino's direction of motion.
kappa = {f: sp.Symbol(f"kappa_{f}", real=True) for f in "npe"}
lam = {f: sp.Symbol(f"lambda_{f}", real=True) for f in "npe"}

# --- Sec. 3: adiabaticity -----------------------------------------------------------------------
mu_nu = sp.Symbol("mu_nu", positive=True)  # transition magnetic moment
B_perp = sp.Symbol("B_perp", positive=True)  # field component transverse to the neutrino momentum
A_slope = sp.Symbol("A_slope", positive=True)  # |dA/dr| at the crossing, A = V - Delta m^2/2E
l_rho = sp.Symbol("l_rho", positive=True)  # |rho/(d rho/dr)| at the resonance
gamma = sp.Symbol("gamma", nonnegative=True)  # adiabaticity parameter

# --- Sec. 4: opacity ----------------------------------------------------------------------------
cos_theta = sp.Symbol("cos_theta", real=True)  # scattering angle cosine
C_V_n = sp.Symbol("C_V_n", real=True)  # the paper's couplings (twice the usual c_V, c_A)
C_A_n = sp.Symbol("C_A_n", real=True)
C_V_p = sp.Symbol("C_V_p", real=True)
C_A_p = sp.Symbol("C_A_p", real=True)
Y_p = sp.Symbol("Y_p", positive=True)  # Y_n = 1 - Y_p
C1 = sp.Symbol("C1", real=True)
C2 = sp.Symbol("C2", real=True)

# --- Sec. 5: kick -------------------------------------------------------------------------------
M = sp.Symbol("M", positive=True)  # PNS mass
V = sp.Symbol("V", positive=True)  # kick velocity
E_tot = sp.Symbol("E_tot", positive=True)  # energy radiated in neutrinos
