"""rsfp derivations: closed forms, limits and symmetries (the numeric routes are in tests/natal)."""

import pytest
import sympy as sp

from natal.derivations.result import Derivation
from natal.derivations.rsfp import equations as rsfp
from natal.derivations.rsfp.symbols import (
    A_slope, B_perp, C_A_n, C_A_p, C_V_n, C_V_p, E, E_tot, G_F, I_ns, M, N_e, N_n, N_p, R, V, Y_e, Y_p,
    alpha, c, cos_theta, d, delta_rho, dm2, g_A, gamma, k_sd, l_rho, lam, m_s, m_u, mu_nu, mu_phi, mu_rho,
    mu_z, n_brake, omega, rho, sin2_theta_W,
)

ALL = (rsfp.power_law_index, rsfp.centred_dipole, rsfp.spin_down, rsfp.off_axis_alpha,
       rsfp.forward_potential, rsfp.resonance, rsfp.landau_zener, rsfp.adiabaticity,
       rsfp.kick_asymmetry)


def zero(e) -> bool:
    return sp.simplify(e) == 0


@pytest.mark.parametrize("build", ALL + (rsfp.nucleon_opacity,))
def test_results_are_named_derivations_with_refs_and_premises(build):
    res = build()
    assert isinstance(res, Derivation)
    assert res.name.startswith("rsfp.") and res.ref.startswith("rsfp Eq")
    assert build() is res  # cached
    # premises are named, and none is the equation derived ("rsfp Eq. 6" -> "rsfp:eq6")
    own = "rsfp:eq" + res.ref.split("Eq")[-1].strip(" .s").split("-")[0]
    assert res.premises and own not in res.premises


def test_power_law_braking_index_is_n():
    res = rsfp.power_law_index()
    assert res.inputs == (k_sd, omega, n_brake)
    assert res["braking_index"] == n_brake


def test_centred_dipole_larmor_power_and_n_3():
    res = rsfp.centred_dipole()
    assert zero(res["P"] - 2 * mu_rho**2 * omega**4 / (3 * c**3))
    assert zero(res["omega_dot"] + 2 * mu_rho**2 * omega**3 / (3 * I_ns * c**3))
    assert res["braking_index"] == 3


def test_spin_down_law_is_read_off_the_radiated_power():
    res = rsfp.spin_down()
    # centred limit: the Larmor power of the in-plane moment
    assert zero(res["P"].subs(delta_rho, 0) - 2 * (mu_rho**2 + mu_phi**2) * omega**4 / (3 * c**3))
    assert zero(res["omega_dot"] + res["P"] / (I_ns * omega))  # energy balance
    assert zero(res["k"] - 2 * (mu_rho**2 + mu_phi**2) / (3 * I_ns * c**3))
    assert zero(res["omega_dot"] + res["k"] * omega**3 * (1 + res["alpha"] * omega**2))
    assert zero(res["alpha"] - rsfp.off_axis_alpha()["alpha"])  # one expansion, two readings of it
    assert zero(res["braking_index"] - (3 + 2 * alpha * omega**2 / (1 + alpha * omega**2)))
    assert zero(res["braking_index_linear"] - (3 + 2 * alpha * omega**2))


def test_braking_index_limits():
    n = rsfp.spin_down()["braking_index"]
    assert n.subs(alpha, 0) == 3  # centred dipole
    assert sp.limit(n, alpha, sp.oo) == 5  # the omega^5 term alone (like quadrupole radiation)


def test_magnetic_quadrupole_of_a_point_dipole():
    dv = sp.Matrix(sp.symbols("d1:4", real=True))
    mv = sp.Matrix(sp.symbols("m1:4", real=True))
    Q = rsfp.point_dipole_quadrupole(dv, mv)
    expected = 3 * (dv * mv.T + mv * dv.T) - 2 * dv.dot(mv) * sp.eye(3)
    assert (Q - expected).applyfunc(sp.expand) == sp.zeros(3)
    assert sp.expand(Q.trace()) == 0 and Q == Q.T


def test_toroidal_moment_of_a_point_dipole():
    dv = sp.Matrix(sp.symbols("d1:4", real=True))
    mv = sp.Matrix(sp.symbols("m1:4", real=True))
    T = rsfp.toroidal_moment(dv, mv)
    assert (T - dv.cross(mv) / 2).applyfunc(sp.expand) == sp.zeros(3, 1)


def _coefficient(expr, mz, mr, mp_):
    return sp.nsimplify(expr.subs({delta_rho: 1, R: 1, c: 1, mu_z: mz, mu_rho: mr, mu_phi: mp_}))


def test_alpha_decomposition():
    a = rsfp.off_axis_alpha()
    # mu_z part: magnetic quadrupole 3/20 + toroidal electric dipole 1/4 = 2/5 (the paper's alpha)
    assert _coefficient(a["alpha_M2"], 1, 1, 0) - _coefficient(a["alpha_M2"], 0, 1, 0) == sp.Rational(3, 20)
    assert _coefficient(a["alpha_E1"], 1, 1, 0) == sp.Rational(1, 4)
    assert zero(a["alpha_mu_z"].subs(mu_phi, 0) - 2 * mu_z**2 * (delta_rho * R) ** 2 / (5 * mu_rho**2 * c**2))
    # in-plane parts: 2-omega quadrupole 48/5, less the dipole's size correction
    assert _coefficient(a["alpha_M2"], 0, 1, 0) == sp.Rational(48, 5)
    assert _coefficient(a["alpha"], 0, 1, 0) == sp.Rational(47, 5)
    assert _coefficient(a["alpha"], 0, 0, 1) == sp.Rational(46, 5)
    assert _coefficient(a["alpha_polarised"], 0, 1, 0) == sp.Rational(42, 5)
    # the polarisation current leaves the mu_z part alone
    assert (_coefficient(a["alpha_polarised"], 1, 1, 0) - _coefficient(a["alpha_polarised"], 0, 1, 0)
            == sp.Rational(2, 5))


def test_alpha_scales_as_displacement_squared_and_vanishes_on_axis():
    a = rsfp.off_axis_alpha()
    for key in a.output_names:
        assert a[key].subs(delta_rho, 0) == 0
        assert zero(a[key].subs(delta_rho, 2 * delta_rho) - 4 * a[key])


def test_displaced_dipole_power_reduces_to_larmor_and_refuses_bad_flag():
    P = rsfp.displaced_dipole_power(False)
    assert zero((P[1] + P[2]).subs(d, 0) - sp.Rational(2, 3) * (mu_rho**2 + mu_phi**2))
    assert P[2].subs(d, 0) == 0
    with pytest.raises(TypeError, match="polarisation"):
        rsfp.displaced_dipole_power("yes")


def test_forward_potential():
    res = rsfp.forward_potential()
    assert zero(res["V"] - G_F * N_n / sp.sqrt(2))
    unpolarised = {lam[f]: 0 for f in "npe"}
    assert zero(res["V_general"].subs(unpolarised).subs(N_e, N_p) - res["V"])  # protons cancel electrons
    assert not res["V_polarised"].has(sin2_theta_W)
    # textbook: V(nubar) = -sqrt2 G_F sum_f N_f g_V^f without polarisation (nu_tau: neutral current only)
    half = sp.Rational(1, 2)
    g_V = {N_n: -half, N_p: half - 2 * sin2_theta_W, N_e: -half + 2 * sin2_theta_W}
    assert zero(res["V_general"].subs(unpolarised) + sp.sqrt(2) * G_F * sum(N * g for N, g in g_V.items()))
    # each polarisation enters linearly, with kappa_f = sqrt2 G_F g_A^f N_f, g_A^f = T3 x axial charge
    g_A_f = {"n": (-g_A / 2, N_n), "p": (g_A / 2, N_p), "e": (-sp.Rational(1, 2), N_p)}
    for f, (ga, N) in g_A_f.items():
        assert zero(res[f"kappa_{f}"] - sp.sqrt(2) * G_F * ga * N)
        assert sp.diff(res["V_polarised"], lam[f], 2) == 0
    assert zero(res["V_polarised"] - res["V"] + sum(res[f"kappa_{f}"] * lam[f] for f in "npe"))


def test_neutrino_and_antineutrino_currents_are_opposite():
    nu, nubar = rsfp._neutrino_current(False), rsfp._neutrino_current(True)
    assert nu == [2, 0, 0, 2]  # 2 k^mu/E for a left-handed neutrino along z
    assert [-x for x in nu] == nubar


def test_resonance_is_the_level_crossing():
    res = rsfp.resonance()
    assert zero(res["V"] - G_F * (1 - Y_e) * rho / (sp.sqrt(2) * m_u))
    assert zero(res["V_res"] - dm2 / (2 * E))  # the diagonal elements cross
    assert zero(res["Delta_min"] - 2 * mu_nu * B_perp)
    assert zero(res["m_s_res"] ** 2 - 2 * E * res["V"])
    assert zero(res["E_res"].subs(m_s, res["m_s_res"]) - E)


def test_landau_zener_exponent_and_limits():
    lz = rsfp.landau_zener()
    assert zero(lz["exponent"] - 2 * sp.pi * (mu_nu * B_perp) ** 2 / A_slope)
    assert zero(lz["gamma"] - lz["Delta_min"] ** 2 / A_slope)
    # written in gamma, the probability is the same function
    assert zero(lz["P_of_gamma"].subs(gamma, lz["gamma"]) - lz["P_conversion"])
    P = lz["P_conversion"]
    assert sp.limit(P, B_perp, 0) == 0  # gamma -> 0: no conversion
    assert sp.limit(P, A_slope, 0) == 1  # gamma -> infinity: adiabatic, full conversion
    assert sp.limit(P, A_slope, sp.oo) == 0  # sudden


def test_adiabaticity_gamma():
    res = rsfp.adiabaticity()
    expected = 4 * sp.sqrt(2) * (mu_nu * B_perp) ** 2 * l_rho * m_u / (G_F * (1 - Y_e) * rho)
    assert zero(res["gamma"] - expected)
    assert zero(res["exponent"] - 2 * sp.pi * (mu_nu * B_perp) ** 2 / res["dA_dr"])
    assert zero(res["dA_dr"] - res["V_res"] / l_rho)
    assert res.inputs == (mu_nu, B_perp, l_rho, G_F, m_u, rho, Y_e)


def test_opacity_coefficients_closed_form():
    res = rsfp.nucleon_opacity(True)
    C1 = (1 - Y_p) * (C_V_n**2 + 3 * C_A_n**2) + Y_p * (C_V_p**2 + 3 * C_A_p**2)
    C2 = (1 - Y_p) * (C_V_n**2 - C_A_n**2) + Y_p * (C_V_p**2 - C_A_p**2)
    assert zero(res["C1"] - C1) and zero(res["C2"] - C2)
    assert zero(res["dsigma_dcos"] - G_F**2 * E**2 / (8 * sp.pi) * (C1 + C2 * cos_theta))
    assert zero(res["sigma_total"] - G_F**2 * E**2 * C1 / (4 * sp.pi))
    assert zero(res["sigma_transport"] - G_F**2 * E**2 * (C1 - C2 / 3) / (4 * sp.pi))
    assert zero(res["mean_cos"] - C2 / (3 * C1))


def test_opacity_same_for_nu_and_nubar_and_paper_numbers():
    nubar, nu = rsfp.nucleon_opacity(True), rsfp.nucleon_opacity(False)
    for key in nubar.output_names:
        assert zero(nubar[key] - nu[key])
    vals = {C_V_n: -1, C_V_p: sp.Rational(7, 100), C_A_n: -sp.Rational(115, 100), C_A_p: sp.Rational(137, 100),
            Y_p: sp.Rational(3, 10)}
    assert nubar["C1"].subs(vals) == sp.Rational(5167930, 1000000)
    assert nubar["C2"].subs(vals) == -sp.Rational(787350, 1000000)


def test_opacity_refuses_bad_flag():
    with pytest.raises(TypeError, match="antineutrino"):
        rsfp.nucleon_opacity(1)


def test_kick_asymmetry():
    res = rsfp.kick_asymmetry()
    assert zero(res["dp_over_p"] - M * V * c / E_tot)
    assert res.inputs == (M, V, c, E_tot)
