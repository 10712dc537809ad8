"""Pulsar kicks from resonant spin-flavour precession (`rsfp` paper, seed 002): the derivations.

Everything here is derived from physical starting points, never typed in from the paper's results
(the printed forms live only in ``derivations.printed.rsfp`` and are only compared with these):

* Eqs. 1-3 (spin-down): energy balance I omega omega_dot = -P(omega); the magnetic-dipole Larmor
  power 2|m''|^2/3c^3; for the dipole displaced from the spin axis the radiated power to second
  order in omega d/c, (a) from the Landau-Lifshitz quadrupole formula with the magnetic quadrupole
  of a point dipole (derived from its magnetic-charge density), (b) from the toroidal dipole of its
  magnetisation current, and (c) in full, from the Fourier transform of the magnetisation current
  J = c curl(mu delta(x - d(t))) expanded in k d (with and without the moving body's electric
  polarisation v x mu / c); the law omega_dot = -k omega^3 (1 + alpha omega^2) is read off (c);
* Eq. 4: the coherent forward-scattering potential of a polarised background from the
  Standard-Model neutral-current Hamiltonian with explicit Dirac matrices (couplings from natal's
  ``nucleon_scattering.couplings``); the resonance as the smallest level splitting of the
  two-state (nubar_tau, nu_s) Hamiltonian;
* Eqs. 5-6: the Landau-Zener probability of the two-level spin-flavour Hamiltonian from the
  Dykhne-Davis-Pechukas contour integral (exact for a linear crossing), the standard adiabaticity
  parameter Delta_min^2/|d(H11 - H22)/dr| of the same Hamiltonian, and the crossing rate from the
  slope of the potential at resonance, V_res/l_rho;
* Eqs. 9-11: the static-nucleon nu-N cross section from natal's leading-order |M|^2
  (``nucleon_scattering.matrix_element``) and the two-body phase space;
* Eq. 12: momentum conservation between the neutrinos and the neutron star.

Symbols: ``derivations.rsfp.symbols``.  Results are ``Derivation`` objects (named ``rsfp.<what>``,
ref ``rsfp Eq. N``) with explicit input order and the premises they start from, cached.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from natal.derivations import dirac
from natal.derivations.nuN import matrix_element as nucleon_scattering
from natal.derivations.nuN import symbols as nuN_symbols
from natal.derivations.nuN.symbols import vec
from natal.derivations.result import Derivation
from natal.derivations.rsfp.symbols import (
    A_slope, B_perp, C_A_n, C_A_p, C_V_n, C_V_p, E, E_tot, G_F, I_ns, M, N_e, N_n, N_p, R, V, Y_e, Y_p,
    alpha, c, cos_theta, d, delta_rho, dm2, g_A, gamma, k_sd, l_rho, lam, m_s, m_u, mu_nu, mu_phi, mu_rho,
    mu_z, n_brake, omega, rho, sin2_theta_W, t,
)

__all__ = [
    "power_law_index", "centred_dipole", "spin_down", "point_dipole_quadrupole", "toroidal_moment",
    "displaced_dipole_power", "off_axis_alpha", "forward_potential", "resonance", "landau_zener",
    "adiabaticity", "nucleon_opacity", "kick_asymmetry",
]


# =============================================================================================
# Sec. 2: spin-down and braking index (Eqs. 1-3)
# =============================================================================================

def _braking_index(omega_dot_of_omega: sp.Expr) -> sp.Expr:
    """n = omega omega_ddot / omega_dot^2 for omega_dot = f(omega): omega_ddot = f'(omega) f(omega)."""
    f = omega_dot_of_omega
    return sp.simplify(omega * sp.diff(f, omega) * f / f**2)


@lru_cache(maxsize=None)
def power_law_index() -> Derivation:
    """rsfp Eq. 1: for omega_dot = -k omega^n the index omega omega_ddot / omega_dot^2 is n itself.

    The power law is the paper's definition of n; what follows from it is the relation n = omega
    omega_ddot/omega_dot^2, by the chain rule omega_ddot = (d omega_dot/d omega) omega_dot.
    """
    f = -k_sd * omega**n_brake
    return Derivation(
        name="rsfp.power_law_index", ref="rsfp Eq. 1", inputs=(k_sd, omega, n_brake),
        outputs=(("omega_dot", f), ("braking_index", _braking_index(f))),
        description="omega_dot of the power law and its braking index omega omega_ddot/omega_dot^2",
        premises=("the power law omega_dot = -k omega^n (the paper's definition of n)", "chain rule"))


def _rotating(amplitude_rho: sp.Expr, amplitude_phi: sp.Expr, along_z: sp.Expr, psi: sp.Expr) -> sp.Matrix:
    """A vector rigidly co-rotating about z at phase psi: rho-hat, phi-hat and z components."""
    rho_hat = sp.Matrix([sp.cos(psi), sp.sin(psi), 0])
    phi_hat = sp.Matrix([-sp.sin(psi), sp.cos(psi), 0])
    return amplitude_rho * rho_hat + amplitude_phi * phi_hat + along_z * sp.Matrix([0, 0, 1])


def _period_average(expr: sp.Expr, psi: sp.Symbol) -> sp.Expr:
    """(1/2pi) int_0^2pi expr d psi for a polynomial in cos(psi), sin(psi), exactly: written in
    z = e^{i psi}, the average is the z^0 coefficient of the Laurent polynomial."""
    zz = sp.Symbol("z_phase")
    e = sp.expand(expr.subs({sp.cos(psi): (zz + 1 / zz) / 2, sp.sin(psi): (zz - 1 / zz) / (2 * sp.I)}))
    if e.has(psi):
        raise ValueError("period average: the expression is not a polynomial in cos(psi), sin(psi)")
    avg = sum((term for term in sp.Add.make_args(e) if not term.has(zz)), sp.Integer(0))
    return sp.factor(avg)


def _magnetic_larmor(m_of_t: sp.Matrix) -> sp.Expr:
    """Period-averaged magnetic-dipole power 2 |m''|^2 / 3c^3 (Landau & Lifshitz, Sec. 71)."""
    mdd = m_of_t.diff(t, 2)
    psi = sp.Symbol("psi_phase", real=True)
    return _period_average(sp.expand((2 * mdd.dot(mdd) / (3 * c**3)).subs(t, psi / omega)), psi)


@lru_cache(maxsize=None)
def centred_dipole() -> Derivation:
    """rsfp Eq. 2: a dipole on the spin axis with component mu_rho orthogonal to it.

    The moment rotates rigidly, m(t) = mu_rho rho-hat(omega t) + mu_z z-hat; its Larmor power is
    P = 2 mu_rho^2 omega^4 / 3c^3 (the static mu_z does not radiate).  Energy balance
    d(I omega^2/2)/dt = -P gives omega_dot = -P/(I omega), a power law with braking index 3.
    """
    P = _magnetic_larmor(_rotating(mu_rho, 0, mu_z, omega * t))
    if P.has(mu_z):
        raise ArithmeticError("the static component of a centred dipole radiates")
    omega_dot = sp.simplify(-P / (I_ns * omega))
    return Derivation(
        name="rsfp.centred_dipole", ref="rsfp Eq. 2", inputs=(mu_rho, omega, c, I_ns),
        outputs=(("P", P), ("omega_dot", omega_dot), ("braking_index", _braking_index(omega_dot))),
        units={"mu_rho": "G cm^3", "omega": "s^-1", "c": "cm/s", "I_ns": "g cm^2", "P": "erg/s",
               "omega_dot": "s^-2"},
        description="Larmor power of the rotating centred dipole, the spin-down law and n = 3",
        premises=("magnetic-dipole (Larmor) radiation 2|m''|^2/3c^3", "rigid rotation of the moment",
                  "energy balance d(I omega^2/2)/dt = -P at constant I",
                  "rsfp:eq1 (braking index n = omega omega_ddot/omega_dot^2)"))


@lru_cache(maxsize=None)
def spin_down() -> Derivation:
    """rsfp Eq. 3: the spin-down law of a dipole displaced from the spin axis by d = delta_rho R.

    P(omega) is the power radiated by the rigidly rotating point dipole to second order in omega d/c
    (``displaced_dipole_power``, the far field of its magnetisation current), and energy balance
    I omega omega_dot = -P gives omega_dot.  Nothing about the form of the law is assumed: omega_dot
    turns out to hold only omega^3 and omega^5, so it *is* -k omega^3 (1 + alpha omega^2), and k and
    alpha are read off as its coefficients.  The braking index n = omega omega_ddot / omega_dot^2
    (Eq. 1) of that law is given in terms of the symbol alpha: exactly, n = 3 + 2 alpha omega^2 /
    (1 + alpha omega^2), and to first order in alpha omega^2.
    """
    far = displaced_dipole_power(False)
    P = sp.expand(((far[1] + far[2]) * c * (omega / c) ** 4).subs(d, delta_rho * R))
    omega_dot = sp.expand(-P / (I_ns * omega))
    terms = sp.Poly(omega_dot, omega).as_dict()
    if set(terms) != {(3,), (5,)}:
        raise ArithmeticError(f"omega_dot holds powers {sorted(terms)} of omega, not omega^3 and omega^5")
    k_value = sp.factor(-terms[(3,)])
    alpha_value = sp.factor(terms[(5,)] / terms[(3,)])
    law = -k_sd * omega**3 * (1 + alpha * omega**2)
    if sp.cancel(law.subs({k_sd: k_value, alpha: alpha_value}) - omega_dot) != 0:
        raise ArithmeticError("omega_dot is not -k omega^3 (1 + alpha omega^2) with the coefficients read off")
    n_exact = sp.simplify(_braking_index(law))
    n_linear = sp.expand(sp.series(n_exact, alpha, 0, 2).removeO())
    return Derivation(
        name="rsfp.spin_down", ref="rsfp Eq. 3",
        inputs=(omega, I_ns, mu_rho, mu_phi, mu_z, delta_rho, R, c, alpha),
        outputs=(("P", P), ("omega_dot", omega_dot), ("k", k_value), ("alpha", alpha_value),
                 ("braking_index", n_exact), ("braking_index_linear", n_linear)),
        units={"omega": "s^-1", "I_ns": "g cm^2", "mu_rho": "G cm^3", "mu_phi": "G cm^3", "mu_z": "G cm^3",
               "R": "cm", "c": "cm/s", "alpha": "s^2", "P": "erg/s", "omega_dot": "s^-2", "k": "s"},
        description="radiated power and spin-down law of the displaced dipole to O((omega d/c)^2), its "
                    "coefficients k and alpha, and the braking index in terms of alpha (exact and to O(alpha))",
        premises=("radiation of a rigidly rotating point magnetic dipole: far field of its magnetisation "
                  "current c curl(mu delta(x - d(t))), to second order in omega d/c",
                  "energy balance d(I omega^2/2)/dt = -P at constant I",
                  "rsfp:eq1 (braking index n = omega omega_ddot/omega_dot^2)"))


# --- alpha: radiation of a point dipole displaced from the spin axis -----------------------------

def point_dipole_quadrupole(dv: sp.Matrix, mv: sp.Matrix) -> sp.Matrix:
    """Magnetic quadrupole M_ij of a point dipole ``mv`` at ``dv``, the analogue of Landau-Lifshitz's
    D_ij = sum e (3 x_i x_j - r^2 delta_ij).

    The dipole is the magnetic-charge density rho_m = -div(mu delta(x - d)); by parts,
    int rho_m f d^3x = mu . grad f at x = d, with f = 3 x_i x_j - r^2 delta_ij.  (The result is
    3(d_i mu_j + d_j mu_i) - 2 delta_ij d.mu, traceless.)
    """
    xs = sp.symbols("x_1:4", real=True)
    r2 = sum(x**2 for x in xs)
    out = sp.zeros(3)
    for i in range(3):
        for j in range(3):
            f = 3 * xs[i] * xs[j] - (r2 if i == j else 0)
            grad_f = [sp.diff(f, x) for x in xs]
            out[i, j] = sp.expand(sum(mv[k] * grad_f[k] for k in range(3)).subs(dict(zip(xs, dv))))
    return out


def toroidal_moment(dv: sp.Matrix, mv: sp.Matrix) -> sp.Matrix:
    """Toroidal dipole T = (1/10c) int [(r.J) r - 2 r^2 J] d^3x of J = c curl(mu delta(x - d)).

    For J = c curl M, int f J d^3x = c mu x grad f at x = d (by parts), so T = (1/10)[sum_j
    (mu x grad(x_j x_i))_j - 2 mu x grad r^2]_i at d, which is (d x mu)/2.
    """
    xs = sp.symbols("x_1:4", real=True)
    at = dict(zip(xs, dv))

    def moment(f: sp.Expr) -> sp.Matrix:  # int f J d^3x / c
        g = sp.Matrix([sp.diff(f, x) for x in xs]).subs(at)
        return mv.cross(g)

    r2 = sum(x**2 for x in xs)
    T = sp.zeros(3, 1)
    for i in range(3):
        T[i] = sum(moment(xs[j] * xs[i])[j] for j in range(3)) - 2 * moment(r2)[i]
    return (T / 10).applyfunc(sp.expand)


@lru_cache(maxsize=None)
def displaced_dipole_power(polarisation: bool = False) -> dict[int, sp.Expr]:
    """Radiated power of a rigidly rotating point dipole at distance d from the spin axis, per
    harmonic h of omega, to second order in x = omega d / c, in units of c k^4 (k = omega/c).

    Source: the magnetisation current J = c curl(mu delta(x - d(t))) (and, with ``polarisation``,
    the polarisation current dP/dt of the moving magnetised body, P = (v x mu/c) delta(x - d(t)),
    v = omega z x d).  For harmonic h, J_h(k) = (1/T) int dt e^{i h omega t} int d^3x e^{-i k.x} J is
    i c k_h [n x mu - (v/c) x mu] e^{-i k_h n.d} time-averaged, and dP_h/dOmega = (k_h^2/2 pi c)
    |n x J_h|^2.  The exponential is expanded to second order in x; the time average is the
    z^0 coefficient in z = e^{i omega t}; the azimuth of n drops out (the pattern co-rotates), so
    n = (sin theta, 0, cos theta) and the cos theta integral is done exactly.  Harmonics h >= 3
    need three powers of z^{-1}: the moment carries one and each order of x one more, so they start
    at power O(x^4) and are dropped.
    """
    if not isinstance(polarisation, bool):
        raise TypeError(f"polarisation must be True or False, got {polarisation!r}")
    zz = sp.Symbol("z_phase")
    u = sp.Symbol("u_cos", real=True)
    x = sp.Symbol("x_kd", positive=True)
    sin_t = sp.sqrt(1 - u**2)
    cos_p, sin_p = (zz + 1 / zz) / 2, (zz - 1 / zz) / (2 * sp.I)
    rho_hat = sp.Matrix([cos_p, sin_p, 0])
    phi_hat = sp.Matrix([-sin_p, cos_p, 0])
    mv = mu_rho * rho_hat + mu_phi * phi_hat + mu_z * sp.Matrix([0, 0, 1])
    n = sp.Matrix([sin_t, 0, u])
    lam = sp.Symbol("lam_order")
    out = {}
    for h in (1, 2):
        phase = 1 - sp.I * h * x * lam * sin_t * cos_p - (h * x * lam * sin_t * cos_p) ** 2 / 2
        source = n.cross(mv) - (x * lam * phi_hat.cross(mv) if polarisation else sp.zeros(3, 1))
        coeff = (source * phase).applyfunc(
            lambda e: sum((term for term in sp.Add.make_args(sp.expand(e * zz**h)) if not term.has(zz)),
                          sp.Integer(0)))
        transverse = n.cross(coeff).applyfunc(sp.expand)
        parts = [transverse.applyfunc(lambda e, p=p: e.coeff(lam, p)) for p in range(3)]
        conj = [v.applyfunc(lambda e: e.subs(sp.I, -sp.I)) for v in parts]

        def dot(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
            return sum((a[i] * b[i] for i in range(3)), sp.Integer(0))

        density = (dot(parts[0], conj[0]) + (dot(parts[0], conj[1]) + dot(parts[1], conj[0]))
                   + dot(parts[1], conj[1]) + dot(parts[0], conj[2]) + dot(parts[2], conj[0]))
        # dP/dOmega = c k_h^4 |.|^2 / 2pi; times 2pi from the azimuth; k_h = h k.
        out[h] = sp.expand(sp.integrate(sp.expand(h**4 * density), (u, -1, 1)))
        if sp.expand(out[h] - out[h].subs(sp.I, -sp.I)) != 0:
            raise ArithmeticError(f"harmonic {h} power is not real")
    return {h: e.subs(x, omega * d / c) for h, e in out.items()}


def _ll_quadrupole_power() -> sp.Expr:
    """Landau-Lifshitz: P = (1/180 c^5) sum_ij (d^3 M_ij / dt^3)^2, period-averaged."""
    psi = sp.Symbol("psi_phase", real=True)
    dv = _rotating(d, 0, 0, omega * t)
    mv = _rotating(mu_rho, mu_phi, mu_z, omega * t)
    Mt = point_dipole_quadrupole(dv, mv).diff(t, 3)
    total = sum(Mt[i, j] ** 2 for i in range(3) for j in range(3)) / (180 * c**5)
    return _period_average(sp.expand(total.subs(t, psi / omega)), psi)


def _toroidal_power() -> sp.Expr:
    """The toroidal dipole radiates as an electric dipole p = T'/c: P = 2 |T'''|^2 / 3c^5."""
    psi = sp.Symbol("psi_phase", real=True)
    T = toroidal_moment(_rotating(d, 0, 0, omega * t), _rotating(mu_rho, mu_phi, mu_z, omega * t))
    T3 = T.diff(t, 3)
    return _period_average(sp.expand((2 * T3.dot(T3) / (3 * c**5)).subs(t, psi / omega)), psi)


@lru_cache(maxsize=None)
def off_axis_alpha() -> Derivation:
    """rsfp Eq. 3's alpha: P = P_dip (1 + alpha omega^2) for a dipole displaced by d = delta_rho R.

    Outputs (each relative to P_dip = 2 (mu_rho^2 + mu_phi^2) omega^4 / 3c^3, per omega^2):

    * ``alpha_M2``: the magnetic quadrupole alone (Landau-Lifshitz formula): 3 mu_z^2/20 at omega and
      48 (mu_rho^2 + mu_phi^2)/5 at 2 omega, times d^2 / c^2 / (mu_rho^2 + mu_phi^2);
    * ``alpha_E1``: the toroidal dipole T = (d x mu)/2 of the magnetisation current, radiating as an
      electric dipole at omega: mu_z^2/4 (same units);
    * ``alpha``: everything at second order, from the expanded Fourier transform of the magnetisation
      current (``displaced_dipole_power``): M2 + E1 + the O(x^2) size correction of the dipole itself;
    * ``alpha_polarised``: the same with the polarisation current of the moving body added;
    * ``alpha_mu_z``: the part of ``alpha`` in mu_z^2 (the only part the paper's alpha has).
    """
    P_dip = _magnetic_larmor(_rotating(mu_rho, mu_phi, mu_z, omega * t))
    ck4 = c * (omega / c) ** 4

    def rel(P: sp.Expr) -> sp.Expr:
        return sp.factor(sp.expand(P / P_dip / omega**2))

    full = displaced_dipole_power(False)
    polar = displaced_dipole_power(True)
    zeroth = (full[1] + full[2]).subs(d, 0) * ck4
    if sp.simplify(zeroth - P_dip) != 0:
        raise ArithmeticError("the far-field route does not reproduce the Larmor dipole power at d = 0")
    second = sp.expand((full[1] + full[2]) * ck4 - P_dip)
    second_pol = sp.expand((polar[1] + polar[2]) * ck4 - P_dip)
    P_M2 = _ll_quadrupole_power()
    P_E1 = _toroidal_power()
    # The magnetic-charge quadrupole must be the radiating quadrupole: at 2 omega only M2 radiates
    # (at this order), so the far-field 2-omega harmonic must equal the LL power's 2-omega part,
    # the in-plane part; and at omega the mu_z terms must be M2 + E1 and nothing else.
    in_plane_M2 = P_M2.subs(mu_z, 0)
    if sp.simplify(full[2] * ck4 - in_plane_M2) != 0:
        raise ArithmeticError("LL magnetic quadrupole power disagrees with the far-field 2-omega harmonic")
    z_part = sp.expand(second - second.subs(mu_z, 0))
    if sp.simplify(z_part - (P_M2 - in_plane_M2) - P_E1) != 0:
        raise ArithmeticError("the mu_z terms at omega are not magnetic quadrupole + toroidal dipole")
    disp = {d: delta_rho * R}
    outputs = (
        ("alpha_M2", rel(P_M2).subs(disp)),
        ("alpha_E1", rel(P_E1).subs(disp)),
        ("alpha", rel(second).subs(disp)),
        ("alpha_polarised", rel(second_pol).subs(disp)),
        ("alpha_mu_z", rel(z_part).subs(disp)),
    )
    return Derivation(
        name="rsfp.alpha", ref="rsfp Eq. 3", inputs=(mu_z, mu_rho, mu_phi, delta_rho, R, c),
        outputs=outputs,
        units={"mu_z": "G cm^3", "mu_rho": "G cm^3", "mu_phi": "G cm^3", "R": "cm", "c": "cm/s",
               "alpha_M2": "s^2", "alpha_E1": "s^2", "alpha": "s^2", "alpha_polarised": "s^2",
               "alpha_mu_z": "s^2"},
        description="alpha of P = P_dip (1 + alpha omega^2) for a dipole off the spin axis, by parts",
        premises=("radiation of a rigidly rotating point magnetic dipole: far field of its magnetisation "
                  "current c curl(mu delta(x - d(t))), to second order in omega d/c",
                  "Landau-Lifshitz magnetic-quadrupole radiation", "toroidal-dipole radiation",
                  "polarisation v x mu/c of a moving magnetised body"))


# =============================================================================================
# Sec. 3: resonance (Eq. 4)
# =============================================================================================

def _electron_couplings() -> tuple[sp.Expr, sp.Expr]:
    """The electron's neutral-current (g_V, g_A) for nu_mu,tau: T3 - 2Q sin^2 theta_W and T3, with T3 = -1/2,
    Q = -1 (no charged current: there are no tau leptons in the background)."""
    return -sp.Rational(1, 2) + 2 * sin2_theta_W, -sp.Rational(1, 2)


def _neutrino_current(antineutrino: bool) -> list[sp.Expr]:
    """<nu| nubar gamma^mu (1 - gamma5) nu |nu> per particle (u^dagger u = 1) for a massless (anti)neutrino
    moving along the 3-axis, with explicit Dirac matrices.

    The neutrino is the left-chiral zero mode of kslash, k = (1, 0, 0, 1); the antineutrino of the same
    momentum is the same spinor (as v), and the one-particle expectation value of a fermion bilinear
    in an antiparticle state is -vbar Gamma v, so its current is the negative.
    """
    g = dirac.gammas("dirac")
    g5 = dirac.gamma5("dirac")
    conditions = dirac.slash((1, 0, 0, 1)).col_join(g5 + sp.eye(4))  # kslash u = 0, gamma5 u = -u
    (u,) = conditions.nullspace()
    u = u / sp.sqrt(sp.expand((u.H * u)[0]))
    sign = -1 if antineutrino else 1
    return [sp.simplify(sign * (u.H * g[0] * g[mu] * (sp.eye(4) - g5) * u)[0]) for mu in range(4)]


def _background_current(g_V: sp.Expr, g_A: sp.Expr, polarisation: sp.Symbol) -> list[sp.Expr]:
    """<fbar gamma^mu (g_V - g_A gamma5) f> per fermion at rest, with spin polarisation ``polarisation``
    along the 3-axis: the mixture of the rest spinors s = +-1 with weights (1 +- polarisation)/2."""
    g = dirac.gammas("dirac")
    g5 = dirac.gamma5("dirac")
    out = []
    for mu in range(4):
        vertex = g[0] * g[mu] * (g_V * sp.eye(4) - g_A * g5)
        out.append(sp.expand(sum((1 + s * polarisation) / 2 * (dirac.rest_spinor(s).H * vertex
                                                                 * dirac.rest_spinor(s))[0] for s in (1, -1))))
    return out


@lru_cache(maxsize=None)
def forward_potential() -> Derivation:
    """rsfp Eq. 4's potential: V(nubar_tau) - V(nu_s) in matter of neutrons, protons and electrons.

    Coherent forward scattering in the Standard-Model neutral-current Hamiltonian
    (G_F/sqrt2) [nubar gamma^mu (1 - gamma5) nu][fbar gamma_mu (g_V^f - g_A^f gamma5) f] on a background
    at rest, evaluated with explicit Dirac matrices (``_neutrino_current``, ``_background_current``):
    each species f of density N_f and spin polarisation lambda_f along the neutrino's motion adds
    -sqrt2 G_F N_f (g_V^f + g_A^f lambda_f) for an antineutrino; the sterile state feels nothing.
    Nucleon couplings from natal's ``nucleon_scattering.couplings`` (isospin, g_A), the electron's
    from T3 and Q.  Charge neutrality N_e = N_p cancels the proton's vector term against the
    electron's, leaving V = G_F N_n/sqrt2 without polarisation.  ``kappa_f`` is minus the coefficient
    of lambda_f, the paper's kappa_f of Eq. 4 (V = G_F N_n/sqrt2 - sum kappa_f lambda_f).
    """
    j = _neutrino_current(antineutrino=True)
    by_name = {sin2_theta_W.name: sin2_theta_W, g_A.name: g_A}
    species = {}
    for f, reaction in (("n", "nu n -> nu n"), ("p", "nu p -> nu p")):
        gv, ga = nucleon_scattering.couplings(reaction)[:2]
        species[f] = tuple(x.xreplace({s: by_name.get(s.name, s) for s in x.free_symbols}) for x in (gv, ga))
    species["e"] = _electron_couplings()
    density = {"n": N_n, "p": N_p, "e": N_e}
    general = sp.Integer(0)
    for f, (gv, ga) in species.items():
        J = _background_current(gv, ga, lam[f])
        general += G_F / sp.sqrt(2) * density[f] * (j[0] * J[0] - sum(j[i] * J[i] for i in (1, 2, 3)))
    general = sp.expand(general)
    polarised = sp.expand(general.subs(N_e, N_p))
    unpolarised = sp.simplify(polarised.subs({lam[f]: 0 for f in "npe"}))
    kappas = [(f"kappa_{f}", sp.factor(-sp.diff(polarised, lam[f]))) for f in "npe"]
    return Derivation(
        name="rsfp.potential", ref="rsfp Eq. 4",
        inputs=(G_F, N_n, N_p, N_e, sin2_theta_W, g_A, lam["n"], lam["p"], lam["e"]),
        outputs=(("V_general", general), ("V_polarised", polarised), ("V", unpolarised), *kappas),
        units={"G_F": "MeV^-2", "N_n": "MeV^3", "N_p": "MeV^3", "N_e": "MeV^3", "V_general": "MeV",
               "V_polarised": "MeV", "V": "MeV", "kappa_n": "MeV", "kappa_p": "MeV", "kappa_e": "MeV"},
        description="nubar_tau - nu_s potential: any composition and polarisation; charge-neutral matter, "
                    "polarised and not; the coefficients kappa_f of the polarisations",
        premises=("Standard-Model neutral-current Hamiltonian (G_F/sqrt2)[nubar gamma^mu (1 - gamma5) nu]"
                  "[fbar gamma_mu (g_V - g_A gamma5) f]", "Z couplings g_V = T3 - 2Q sin^2 theta_W, g_A = T3 "
                  "(nucleons: isospin and g_A, natal's nuN couplings)", "coherent forward scattering on a "
                  "background at rest", "charge neutrality N_e = N_p"))


@lru_cache(maxsize=None)
def resonance() -> Derivation:
    """rsfp Eq. 4: the resonance of the two-state (nubar_tau, nu_s) system in matter and field.

    With the common m_tau^2/2E + E dropped, H = [[V, mu B_perp], [mu B_perp, Delta m^2/2E]]: the vacuum
    mass term of nu_s relative to nubar_tau, the potential V of nubar_tau (``forward_potential``; the
    sterile state has none) and the spin-flavour coupling of the transition moment to the transverse
    field.  The resonance is where the eigenvalue splitting, sqrt((H11 - H22)^2 + 4 (mu B)^2), is
    smallest as V changes along the path: solved for V it is ``V_res``, and the smallest splitting is
    ``Delta_min``.  With N_n = (1 - Y_e) rho/m_u (charge neutrality, Y_p = Y_e) and Delta m^2 ~ m_s^2
    the resonant sterile mass at energy E is sqrt(2 E V) and the resonant energy for m_s is m_s^2/2V.
    (The polarisation terms of Eq. 4 are small, as the paper argues, and left out of V here.)
    """
    Vs = sp.Symbol("V_potential", positive=True)
    b = mu_nu * B_perp
    H = sp.Matrix([[Vs, b], [b, dm2 / (2 * E)]])
    e1, e2 = H.eigenvals().keys()
    splitting2 = sp.expand((e1 - e2) ** 2)
    (V_res,) = sp.solve(sp.diff(splitting2, Vs), Vs)
    Delta_min = sp.sqrt(sp.factor(splitting2.subs(Vs, V_res)))
    Nn = (1 - Y_e) * rho / m_u
    V_rho = forward_potential()["V"].subs(N_n, Nn)
    (dm2_res,) = sp.solve(sp.Eq(V_rho, V_res), dm2)
    (E_res,) = sp.solve(sp.Eq(V_rho, V_res.subs(dm2, m_s**2)), E)
    return Derivation(
        name="rsfp.resonance", ref="rsfp Eq. 4", inputs=(G_F, Y_e, rho, m_u, E, m_s, dm2, mu_nu, B_perp),
        outputs=(("N_n", Nn), ("V", V_rho), ("V_res", V_res), ("Delta_min", Delta_min),
                 ("m_s_res", sp.sqrt(dm2_res)), ("E_res", E_res)),
        units={"G_F": "MeV^-2", "rho": "MeV^4 (rho/m_u in MeV^3)", "m_u": "MeV", "E": "MeV", "m_s": "MeV",
               "Delta_m2": "MeV^2", "mu_nu": "MeV/G", "B_perp": "G", "N_n": "MeV^3", "V": "MeV",
               "V_res": "MeV", "Delta_min": "MeV", "m_s_res": "MeV", "E_res": "MeV"},
        description="the potential at density rho, the resonant potential and smallest splitting of the "
                    "two-state Hamiltonian, the resonant sterile mass at E and the resonant E for m_s",
        premises=("two-state (nubar_tau, nu_s) Hamiltonian: vacuum masses m^2/2E, matter potential of "
                  "nubar_tau only, spin-flavour coupling mu_nu B_perp", "resonance: the smallest level "
                  "splitting along the path", "N_n = (1 - Y_e) rho/m_u (charge neutrality)",
                  "Delta m^2 ~ m_s^2 (the paper's m_tau << m_s)", *forward_potential().premises))


# =============================================================================================
# Sec. 3: Landau-Zener and adiabaticity (Eqs. 5-6)
# =============================================================================================

@lru_cache(maxsize=None)
def landau_zener() -> Derivation:
    """rsfp Eq. 5: conversion probability through a linear crossing of the spin-flavour levels.

    H = [[A/2, mu B], [mu B, -A/2]] with A = H11 - H22 = a r (a = |dA/dr|, r the path length,
    hbar = c = 1).  The level splitting Delta(r) = sqrt(A^2 + 4 (mu B)^2) vanishes at r_c = 2 i mu B / a.
    The Dykhne-Davis-Pechukas formula, exact for the linear crossing (it is the Landau-Zener
    result), gives the probability to stay in the diabatic state, exp(-2 Im int_0^{r_c} Delta dr) =
    exp(-2 pi (mu B)^2 / a); the conversion probability is one minus that.

    The adiabaticity parameter is the standard one, gamma = Delta_min^2 / |dA/dr| at the resonance
    (Delta_min the smallest splitting; for the MSW effect this is Delta m^2 sin^2 2theta / (2E cos 2theta
    |d ln N/dr|)); the exponent over gamma is then a number, and ``P_of_gamma`` is the probability
    written in gamma.
    """
    r = sp.Symbol("r_path", real=True)
    s_ = sp.Symbol("s_path", positive=True)
    b = mu_nu * B_perp
    H = sp.Matrix([[A_slope * r / 2, b], [b, -A_slope * r / 2]])
    e1, e2 = H.eigenvals().keys()
    splitting = sp.simplify(abs(e1 - e2))
    r_complex = sp.Symbol("r_complex")  # the crossing point is off the real axis
    roots = sp.solve(sp.Eq(sp.expand(splitting**2).subs(r, r_complex), 0), r_complex)
    r_c = next(x for x in roots if sp.im(x).is_positive)
    # r = i s along the imaginary axis: int_0^{r_c} Delta dr = i int_0^{|r_c|} Delta(i s) ds
    integrand = sp.sqrt(sp.expand(splitting**2).subs(r, sp.I * s_))
    im_integral = sp.integrate(integrand, (s_, 0, sp.im(r_c)))
    exponent = sp.simplify(2 * im_integral)
    # The standard adiabaticity parameter, from the same Hamiltonian.
    (r_min,) = sp.solve(sp.diff(sp.expand(splitting**2), r), r)
    Delta_min = sp.simplify(splitting.subs(r, r_min))
    gamma_value = sp.simplify(Delta_min**2 / sp.Abs(sp.diff(H[0, 0] - H[1, 1], r)))
    per_gamma = sp.simplify(exponent / gamma_value)
    if per_gamma.free_symbols:
        raise ArithmeticError(f"the Landau-Zener exponent is not proportional to gamma: {per_gamma}")
    return Derivation(
        name="rsfp.landau_zener", ref="rsfp Eq. 5", inputs=(mu_nu, B_perp, A_slope, gamma),
        outputs=(("exponent", exponent), ("P_conversion", 1 - sp.exp(-exponent)), ("Delta_min", Delta_min),
                 ("gamma", gamma_value), ("P_of_gamma", 1 - sp.exp(-per_gamma * gamma))),
        units={"mu_nu": "MeV/G", "B_perp": "G", "A_slope": "MeV^2", "Delta_min": "MeV"},
        description="Landau-Zener exponent and conversion probability, the standard adiabaticity parameter "
                    "gamma, and the probability in terms of gamma",
        premises=("two-level Hamiltonian with a linear crossing, off-diagonal mu_nu B_perp",
                  "Landau-Zener formula (Dykhne-Davis-Pechukas integral, exact for a linear crossing)",
                  "standard adiabaticity parameter gamma = Delta_min^2/|d(H11 - H22)/dr| at the resonance "
                  "(Parke 1986; Kuo & Pantaleone 1989)"))


@lru_cache(maxsize=None)
def adiabaticity() -> Derivation:
    """rsfp Eq. 6: gamma = 4 (mu B_perp)^2 / |dA/dr| at the resonance, and the Landau-Zener exponent.

    A(r) = H11 - H22 = V(r) - Delta m^2/2E (``resonance``) with V = G_F (1 - Y_e) rho(r) / (sqrt2 m_u);
    Delta m^2/2E is constant along the path, so |dA/dr| = V |rho'|/rho = V_res / l_rho with the
    paper's l_rho = |rho/(d rho/dr)|.
    """
    r = sp.Symbol("r_path", positive=True)
    rho_r = sp.Function("rho_profile")(r)
    V_r = resonance()["V"].subs(rho, rho_r)
    A_r = V_r - dm2 / (2 * E)
    drho = sp.Symbol("drho_dr", real=True)
    slope = sp.diff(A_r, r).subs(sp.Derivative(rho_r, r), drho)
    # l_rho = |rho / (d rho/dr)| with the density falling outwards; 0 < Y_e < 1 (Y_n > 0 carries it).
    Y_n = sp.Symbol("Y_n_positive", positive=True)
    slope = sp.Abs(slope.subs(drho, -rho / l_rho).subs(Y_e, 1 - Y_n))
    slope = sp.simplify(slope).subs(Y_n, 1 - Y_e)
    V_res = resonance()["V"]
    if sp.simplify(slope - V_res / l_rho) != 0:
        raise ArithmeticError("|dA/dr| at resonance is not V_res / l_rho")
    lz = landau_zener()
    g = sp.simplify(lz["gamma"].subs(A_slope, slope))
    exponent = sp.simplify(lz["exponent"].subs(A_slope, slope))
    return Derivation(
        name="rsfp.adiabaticity", ref="rsfp Eq. 6",
        inputs=(mu_nu, B_perp, l_rho, G_F, m_u, rho, Y_e),
        outputs=(("V_res", V_res), ("dA_dr", slope), ("gamma", g), ("exponent", exponent)),
        units={"mu_nu": "MeV/G", "B_perp": "G", "l_rho": "MeV^-1", "G_F": "MeV^-2", "m_u": "MeV",
               "rho": "MeV^4", "V_res": "MeV", "dA_dr": "MeV^2"},
        description="resonance potential, its slope, the adiabaticity parameter gamma and the Landau-Zener "
                    "exponent",
        premises=("rsfp:eq4", "rsfp:eq5", "density scale height l_rho = |rho/(d rho/dr)| (the paper's "
                  "definition)", "N_n = (1 - Y_e) rho/m_u (charge neutrality)"))


# =============================================================================================
# Sec. 4: nu-N opacity (Eqs. 9-11)
# =============================================================================================

@lru_cache(maxsize=None)
def _spin_averaged_leading(antineutrino: bool) -> sp.Expr:
    """(1/2) sum_{s s'} |M^(0)_ss'|^2 as a function of cos_theta (natal's nuN leading order)."""
    lead = nucleon_scattering.matrix_element(antineutrino)["leading"]
    s, s_p = nuN_symbols.s, nuN_symbols.s_p
    avg = sum(lead.subs({s: a, s_p: b}) for a in (1, -1) for b in (1, -1)) / 2
    sin_t = sp.sqrt(1 - cos_theta**2)
    Om, Omp = vec("Omega"), vec("Omega_p")
    geometry = {**dict(zip(Om, (0, 0, 1))), **dict(zip(Omp, (sin_t, 0, cos_theta)))}
    out = sp.expand(avg.subs(geometry))
    if out.has(sin_t) or any(sym.name.startswith("Omega") for sym in out.free_symbols):
        raise ArithmeticError("the spin-averaged |M|^2 depends on more than Omega.Omega'")
    return out


@lru_cache(maxsize=None)
def nucleon_opacity(antineutrino: bool = True) -> Derivation:
    """rsfp Eqs. 9-11: static-nucleon elastic nu-N (``antineutrino``: nubar-N) cross section.

    <|M|^2> from natal's leading-order matrix element (u^dagger u = 1 normalisation, c_V and c_A of
    nuN Eq. 1), spin-averaged; nucleon at rest with M -> infinity, B = 0.  The rate per nucleon is
    int d^3k'/(2pi)^3 (2pi) delta(E - k') <|M|^2>, so dsigma/dOmega' = E^2 <|M|^2> / 4pi^2 and
    dsigma/dcos = 2pi dsigma/dOmega'.  The paper's couplings are C = 2c (C_V^n = -1); the cross
    section is averaged over n and p with Y_n = 1 - Y_p.  C1, C2 are read off as
    dsigma/dcos = (G_F^2 E^2 / 8 pi)(C1 + C2 cos theta); also the total and transport
    ((1 - cos) weighted) cross sections and the mean scattering cosine.
    """
    if not isinstance(antineutrino, bool):
        raise TypeError(f"antineutrino must be True or False, got {antineutrino!r}")
    avg = _spin_averaged_leading(antineutrino).subs(nuN_symbols.G_F, G_F)
    c_V, c_A = nuN_symbols.c_V, nuN_symbols.c_A
    kp = sp.Symbol("k_prime", positive=True)
    dsigma_dOmega = sp.integrate(kp**2 * avg * sp.DiracDelta(E - kp), (kp, 0, sp.oo)) / (2 * sp.pi) ** 3 * 2 * sp.pi
    per_nucleon = 2 * sp.pi * dsigma_dOmega
    mix = ((1 - Y_p, C_V_n, C_A_n), (Y_p, C_V_p, C_A_p))
    dsigma = sp.expand(sum(y * per_nucleon.subs({c_V: cv / 2, c_A: ca / 2}) for y, cv, ca in mix))
    unit = G_F**2 * E**2 / (8 * sp.pi)
    c1 = sp.expand(dsigma.subs(cos_theta, 0) / unit)
    c2 = sp.expand(sp.diff(dsigma, cos_theta) / unit)
    if sp.expand(dsigma - unit * (c1 + c2 * cos_theta)) != 0:
        raise ArithmeticError("dsigma/dcos is not linear in cos theta")
    total = sp.factor(sp.integrate(dsigma, (cos_theta, -1, 1)))
    transport = sp.factor(sp.integrate(dsigma * (1 - cos_theta), (cos_theta, -1, 1)))
    mean_cos = sp.factor(sp.integrate(dsigma * cos_theta, (cos_theta, -1, 1)) / total)
    which = "nubar" if antineutrino else "nu"
    return Derivation(
        name=f"rsfp.opacity_{which}", ref="rsfp Eqs. 9-11",
        inputs=(G_F, E, cos_theta, C_V_n, C_A_n, C_V_p, C_A_p, Y_p),
        outputs=(("dsigma_dcos", dsigma), ("C1", c1), ("C2", c2), ("sigma_total", total),
                 ("sigma_transport", transport), ("mean_cos", mean_cos)),
        units={"G_F": "MeV^-2", "E": "MeV", "dsigma_dcos": "MeV^-2", "sigma_total": "MeV^-2",
               "sigma_transport": "MeV^-2"},
        description=f"{which}-N elastic cross section per nucleon (static nucleons), C1, C2 and moments",
        premises=("leading-order nu-N neutral-current |M|^2 (natal's nuN derivation: Standard-Model couplings, "
                  "Dirac traces)", "static nucleons (M -> infinity), no magnetic field",
                  "two-body phase space", "the paper's couplings C = 2c averaged over n and p with Y_n = 1 - Y_p"))


# =============================================================================================
# Sec. 5: kick (Eq. 12)
# =============================================================================================

@lru_cache(maxsize=None)
def kick_asymmetry() -> Derivation:
    """rsfp Eq. 12: momentum conservation M V = Delta p with p_tot = E_tot / c (massless neutrinos),
    so the fractional asymmetry needed for a kick V is Delta p / p_tot = M V c / E_tot."""
    dp = M * V  # the star's recoil momentum
    p_tot = E_tot / c
    return Derivation(
        name="rsfp.kick", ref="rsfp Eq. 12", inputs=(M, V, c, E_tot),
        outputs=(("dp_over_p", sp.simplify(dp / p_tot)),),
        units={"M": "g", "V": "cm/s", "c": "cm/s", "E_tot": "erg"},
        description="fractional neutrino momentum asymmetry for a recoil velocity V",
        premises=("momentum conservation between the neutrinos and the star", "massless neutrinos: p = E/c"))
