"""nuN printed forms: the transcription is complete and has the properties the print itself has."""

import mpmath as mp
import sympy as sp

from natal.derivations import dirac
from natal.derivations.nuN.symbols import (
    B, F_2, G_F, S0, T, T_eff_e, T_eff_mu, Delta_np, c_A, c_V, d2_dU, d2f0, d2g, d2h, d3f0, d3g, d_dU, df0,
    dg, dh, dU, e_charge, eps, f0, f0p, g, g_A, h, k, k_p, m, mu_B, mu_Bn, mu_Bp, mu_e, mu_N, mu_n, mu_nu,
    mu_p, mu_prime, n, n_n, q, q0, s, s_p, sin2_theta_W, u, vec, xp_min, z, x_0, xp_0, delta_x,
)
from natal.derivations.printed import nuN

IDS = ["2", "4", "5", "6", "13", "14", "15", "18", "19", "20", "21", "22", "23",
       "25", "26", "27", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43",
       "44", "45", "46", "47", "48", "49", "50", "51", "52",
       "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "table1"]

# Rational unit vectors (3/5, 4/5, 0) etc., so comparisons stay exact.
OM = sp.Matrix([sp.Rational(3, 5), sp.Rational(4, 5), 0])
OMP = sp.Matrix([0, sp.Rational(5, 13), sp.Rational(12, 13)])
BH = sp.Matrix([sp.Rational(2, 7), sp.Rational(3, 7), sp.Rational(6, 7)])


def test_every_printed_equation_has_text_and_reading():
    for key in IDS:
        entry = nuN.TEXT[key]
        assert entry.text.strip() and entry.reading.strip() and "nuN" in entry.ref


def test_eq2_at_rest_has_the_printed_normalisation():
    g, g5 = dirac.gammas("dirac"), dirac.gamma5("dirac")
    for spin in (1, -1):
        P = nuN.eq2(sp.zeros(3, 1), g, g5, spin)
        assert P.trace() == 2
        assert (P * P - 2 * P).expand() == sp.zeros(4)  # (1/2)(1 - s g5 g3)(1 + g0) = 2 x projector
    # the two spin states add up to the unpolarised (1 + gamma^0) at rest
    assert (nuN.eq2(sp.zeros(3, 1), g, g5, 1) + nuN.eq2(sp.zeros(3, 1), g, g5, -1) - (sp.eye(4) + g[0])) \
        .expand() == sp.zeros(4)


def test_eq2_p_terms_are_linear_and_carry_1_over_m():
    g, g5 = dirac.gammas("dirac"), dirac.gamma5("dirac")
    p = vec("p")
    P = nuN.eq2(p, g, g5, s)
    dP = (P - nuN.eq2(sp.zeros(3, 1), g, g5, s)).applyfunc(sp.expand)
    assert all(sp.Poly(e, *p).total_degree() == 1 for e in dP if e != 0)
    assert not any(sp.expand(e * m).has(m) for e in dP)


def test_eq4_spin_sum_is_the_unpolarised_form():
    Om, Omp, Bh = vec("Omega"), vec("Omegap"), vec("Bhat")
    total = sum(nuN.eq4(Om, Omp, Bh).subs({s: a, s_p: b}) for a in (1, -1) for b in (1, -1))
    mu = sum(Om[i] * Omp[i] for i in range(3))
    assert sp.expand(total - 2 * G_F**2 * (c_V**2 + 3 * c_A**2 + (c_V**2 - c_A**2) * mu)) == 0


def test_eq5_and_eq6_sign_only_flips_the_printed_pm_terms():
    qv, Pv = vec("q"), vec("P")
    d5 = sp.expand(nuN.eq5(OM, OMP, qv, BH, 1) - nuN.eq5(OM, OMP, qv, BH, -1))
    # +- terms: 2 x [2 g q.(Om - Om') + 2 g ss' q.B (Om' - Om).B - cV(cV+F2)(s+s'){(Om' x Om) x q}.B]
    g = c_A * (c_V + F_2)
    dot = lambda a, b: (a.T * b)[0]  # noqa: E731
    expect5 = G_F**2 / m * (
        2 * g * dot(qv, OM - OMP) + 2 * g * s * s_p * dot(qv, BH) * dot(OMP - OM, BH)
        - c_V * (c_V + F_2) * (s + s_p) * dot(OMP.cross(OM).cross(qv), BH))
    assert sp.expand(d5 - expect5) == 0
    d6 = sp.expand(nuN.eq6(OM, OMP, Pv, BH, 1) - nuN.eq6(OM, OMP, Pv, BH, -1))
    assert sp.expand(d6 - G_F**2 / m * c_A * (s_p - s) * dot(OMP.cross(OM).cross(Pv), BH)) == 0


def test_eq15_delta_x_is_read_literally():
    # s' inside the second parenthesis: at q0 = 0 delta x = -(mu_B B/2T)(s + 1), independent of s'.
    dx = nuN.eq15()["dx"]
    assert sp.simplify(dx.subs(q0, 0) + mu_B * B / (2 * T) * (s + 1)) == 0
    assert nuN.eqA10()["dxp"] == dx


def _num(expr, values, dps=50):
    return sp.N(expr.subs(values), dps)


def test_eq13_tends_to_the_A12_final_form_for_nondegenerate_nucleons():
    vals = {m: 940, T: 5, q: 30, q0: sp.Rational(-7, 2), mu_N: -40 * 5}
    ratio = _num(nuN.eq13() / (m**2 * T / (2 * sp.pi * q) * nuN.eqA12()["final"]), vals)
    assert abs(ratio - 1) < 1e-10


def test_eq14_is_minus_delta_x_times_the_x0_derivative_of_eq13():
    x0 = sp.Symbol("x0_tmp")
    p = nuN.eq15()
    S = m**2 * T / (2 * sp.pi * q) / (1 - sp.exp(-p["z"])) * sp.log((1 + sp.exp(-x0)) / (1 + sp.exp(-x0 - p["z"])))
    lin = (sp.diff(S, x0) * p["dx"]).subs(x0, p["x0"])
    vals = {m: 940, T: 5, q: 30, q0: sp.Rational(-7, 2), mu_N: -3, mu_B: sp.Rational(1, 10), B: 1, s: 1, s_p: -1}
    assert abs(_num(lin - nuN.eq14(), vals)) < 1e-30


def test_eq18_middle_form_is_A12_final_with_the_printed_density_relation():
    e_mu = n * sp.sqrt(2 * sp.pi**3 / (m**3 * T**3))  # "e^{mu_N/T} = n (2 pi^3/m^3T^3)^{1/2}"
    via_A12 = m**2 * T / (2 * sp.pi * q) * nuN.eqA12()["final"].subs(mu_N, T * sp.log(e_mu))
    assert sp.simplify(via_A12 / nuN.eq18()["S0_nondegenerate"] - 1) == 0


def test_eq18_series_matches_the_middle_form_to_the_printed_order():
    d = nuN.eq17()
    vals = {m: 10**6, T: 1, k: 2, mu_prime: sp.Rational(1, 3)}
    e = d["eps"].subs(vals)
    errs = []
    for uu in (sp.Rational(-1, 2), sp.Rational(3, 4)):
        kp = vals[k] * (1 + e * uu)
        q_ = sp.sqrt(vals[k] ** 2 + kp**2 - 2 * vals[k] * kp * vals[mu_prime])
        full = nuN.eq18()["S0_nondegenerate"].subs({**vals, q0: vals[k] - kp, q: q_, n: 1})
        series = nuN.eq18()["S0_series"].subs({**vals, eps: e, u: uu, n: 1})
        errs.append(abs(sp.N(series / full - 1, 30)))
    assert all(err < 2 * e**2 for err in errs)  # first-order slips would be ~ eps
    assert d["u"].subs({k_p: k * (1 + eps * u)}).simplify() == u


def test_eq20_sign_picks_the_printed_pm():
    diff = sp.expand(nuN.eq20(1) - nuN.eq20(-1))
    assert sp.simplify(diff - k_p**2 / (2 * sp.pi) ** 3 * 16 * G_F**2 * c_A**2 * mu_B * B / T * m * q0 / q**2 * S0) == 0


def test_eq22_and_eq23_are_exchanged_by_time_reversal():
    # The print has this symmetry: Omega <-> Omega', q -> -q (q0 -> -q0), k <-> k' takes the
    # bracket of delta B^WM into that of delta C^WM (the prefactor k'^2 becomes k^2; S0 is a symbol).
    qv = vec("q")
    swap = {q0: -q0, k: k_p, k_p: k}
    for sign in (1, -1):
        B_T = nuN.eq22(OMP, OM, -qv, sign).subs(swap, simultaneous=True)
        C = nuN.eq23(OM, OMP, qv, sign)
        assert sp.expand(B_T * k_p**2 / k**2 - C) == 0
        assert sp.expand(B_T * k_p**2 / k**2 - nuN.eq23(OM, OMP, qv, -sign)) != 0


def test_appendix_chain_is_self_consistent_in_the_print():
    # A4 + A6 (with S~ = S) give A13; A12's e^{-x'0+z} equals its last form; A2 -> A4 coefficient.
    a4, a6 = nuN.eqA4(), nuN.eqA6()
    assert sp.simplify(a4["result_coeff"] + a6["result_coeff"] - nuN.eqA13()) == 0
    a12 = nuN.eqA12()
    assert sp.simplify(sp.log(a12["exp_form"]) - sp.log(a12["final"])) == 0
    assert sp.simplify(a4["integral_coeff"] * 2 * sp.pi * q / m**2 - a4["result_coeff"]) == 0
    assert sp.simplify(nuN.eqA7() * T - m**2 * T / (2 * sp.pi * q)) == 0


def test_A9_closed_form_equals_its_integral():
    vals = {m: 940, T: 5, q: 30, z: sp.Rational(-3, 5), xp_min: sp.Rational(7, 4)}
    zz, xm = float(vals[z]), float(vals[xp_min])
    integral = mp.quad(lambda x: 1 / (mp.e ** (x - zz) + 1) / (1 + mp.e ** (-x)), [xm, mp.inf])
    pref = 940**2 * 5 / (2 * mp.pi * 30)
    assert abs(float(sp.N(nuN.eqA9().subs(vals))) / float(pref * integral) - 1) < 1e-12


def test_A11_and_A12_agree_in_the_nondegenerate_limit():
    vals = {m: 940, T: 5, q: 30, q0: sp.Rational(-7, 2), mu_N: -200}
    St0 = nuN.eqA11()["St0"]
    a12 = nuN.eqA12()
    pref = m**2 * T / (2 * sp.pi * q)
    assert abs(_num(St0 / (pref * a12["final"]), vals) - 1) < 1e-10
    assert abs(_num(a12["middle"] / a12["final"], vals) - 1) < 1e-10


def test_forms_in_their_own_parameters_are_the_same_transcriptions():
    # Eqs. 13, 14, A11, A12 with the parameters of Eqs. 15 and A10 put in are the forms that print them in.
    p15, pA10 = nuN.eq15(), nuN.eqA10()
    at15 = {z: p15["z"], x_0: p15["x0"], delta_x: p15["dx"]}
    atA10 = {z: q0 / T, xp_0: pA10["x0p"], delta_x: p15["dx"]}
    assert nuN.eq13_in_parameters().xreplace(at15) == nuN.eq13()
    assert nuN.eq14_in_parameters().xreplace(at15) == nuN.eq14()
    for key, form in nuN.eqA11_in_parameters().items():
        assert form.xreplace(atA10) == nuN.eqA11()[key]
    for key, form in nuN.eqA12_in_parameters().items():
        assert form.xreplace(atA10) == nuN.eqA12()[key]


def test_table_I_at_the_stated_inputs():
    ins = {g_A: 1.26, sin2_theta_W: 0.23, mu_p: 1.793, mu_n: -1.913}
    assert set(nuN.TABLE_I_INPUTS) == {"g_A", "sin2_theta_W", "mu_p", "mu_n"}
    assert {str(sym): v for sym, v in ins.items()} == nuN.TABLE_I_INPUTS
    expected = {
        "nu p -> nu p": (0.04, 0.63, 1.853 - 0.82478),
        "nu n -> nu n": (-0.5, -0.63, -1.853 + 0.87998),
        "nu_e n -> e- p": (1.0, 1.26, 3.706),
        "nubar_e p -> e+ n": (1.0, 1.26, 3.706),
    }
    for reaction, values in expected.items():
        got = [float(sp.sympify(c).subs(ins)) for c in nuN.TABLE_I[reaction]]
        assert all(abs(a - b) < 1e-12 for a, b in zip(got, values)), reaction


# --------------------------------------------------------------------------------------------
# Secs. IV-V (Eqs. 25-27, 31-52)
# --------------------------------------------------------------------------------------------


def test_eq26_eq27_without_energy_transfer_and_eq25_assembles_them():
    assert sp.simplify(nuN.eq26().subs(q0, 0)) == 1
    assert sp.simplify(nuN.eq27().subs(q0, 0)) == -1
    rate, df, dfp = sp.symbols("rate df dfp")
    assert sp.expand(nuN.eq25(rate, df, dfp) - rate * (nuN.eq26() * dfp + nuN.eq27() * df)) == 0
    # D carries only the primed f0, C only the unprimed one (the print's assignment)
    assert not nuN.eq26().has(f0p) and not nuN.eq27().has(f0)
    # a literal detail: C(k,k') at f0 = 1 is 1, and D at f0' = 1 is -e^{-q0/T}
    assert nuN.eq26().subs(f0, 1) == 1
    assert sp.simplify(nuN.eq27().subs(f0p, 1) + sp.exp(-q0 / T)) == 0


def test_eq31_sign_flips_exactly_the_pm_terms():
    plus, minus = nuN.eq31(1), nuN.eq31(-1)
    assert sp.expand(plus["h"] - minus["h"] - 2 * nuN.eq35()) == 0
    assert sp.expand(plus["B"] - minus["B"] - 2 * (nuN.eq33() + nuN.eq37())) == 0
    assert sp.expand(plus["h"] + minus["h"] - 2 * (nuN.eq32() + nuN.eq34())) == 0
    assert sp.expand(plus["B"] + minus["B"] - 2 * nuN.eq36()) == 0
    # the "h" part is linear in the h jets and free of g; the "B" part linear in g jets, free of h
    hj, gj = (h, dh, d2h), (g, dg, d2g, d3g)
    assert sp.Poly(sp.expand(plus["h"]), *hj).total_degree() == 1 and not plus["h"].has(*gj)
    assert sp.Poly(sp.expand(plus["B"]), *gj).total_degree() == 1 and not plus["B"].has(*hj)
    assert all(sp.expand(plus["B"]).coeff(x_) != 0 for x_ in gj)
    assert plus["B"].subs(B, 0) == 0 and minus["B"].subs(B, 0) == 0


def test_eq32_is_minus_kappa0_h_and_eq38_inverts_it():
    assert sp.expand(nuN.eq32() + nuN.eq39() * h) == 0
    grad = sp.Symbol("grad_f")
    # Eq. 38 is the leading balance (1/3) grad f = V_0 solved for h
    assert sp.expand(nuN.eq32().subs(h, nuN.eq38(grad)) - grad / 3) == 0
    assert sp.Poly(nuN.eq39(), k).degree() == 2


def test_eq34_and_eq41_share_all_but_the_printed_T_over_k_sign():
    # Eq. 34's brace (the h coefficient over -kappa0 k/(m (cV^2 + 5cA^2))) against Eq. 41's bracket:
    # the (1 - 2 f0) and k df0/dk terms agree; the T/k term is printed +5(...) in Eq. 34, -5(...) in Eq. 41.
    kap, norm = nuN.eq39(), c_V**2 + 5 * c_A**2
    brace34 = sp.expand(nuN.eq34()).coeff(h) / (-kap * k / m / norm)
    bracket41 = nuN.eq41() / (k / m / norm)
    assert sp.simplify(brace34 - bracket41 - 10 * (c_V**2 + 9 * c_A**2) * T / k) == 0
    # delta(2) is (2/3) x the k T d2h/dk2 coefficient of Eq. 34 over -kappa0 (the nu + nubar factor 2, 1/3)
    coeff_d2h = sp.expand(nuN.eq34()).coeff(d2h) / (k * T)
    assert sp.simplify(sp.Rational(2, 3) * coeff_d2h / (-kap) - nuN.eq42()) == 0
    # ... and the k dh/dk coefficient carries Eq. 40's (1 - 2 f0 + 6T/k) bracket
    coeff_dh = sp.expand(nuN.eq34()).coeff(dh) / k
    assert sp.simplify(coeff_dh / coeff_d2h - (1 - 2 * f0 + 6 * T / k)) == 0


def test_eq45_is_twice_the_top_g_derivative_term_of_eq36_over_kappa0():
    # only dV^{B,WM}_0 carries k^2 d2g/dk2 in the nu + nubar sum, and g -> 2 pi^2 dU / k^3 at top order
    coeff = sp.expand(nuN.eq36()).coeff(d2g) / k**2
    assert sp.simplify(2 * coeff / nuN.eq39() - nuN.eq45()) == 0


def test_eq40_B_part_and_derivatives():
    U, V = sp.Function("U"), sp.Function("V")
    r = nuN.eq40(U(k), V(k))
    assert nuN.eq40(U(k), sp.Integer(0))["B"] == 0
    assert r["B"].subs(B, 0) == 0
    for e in (nuN.eq43(), nuN.eq44(), nuN.eq45()):
        assert e.subs(B, 0) == 0 and sp.expand(e / (mu_B * B)).has(B) is False
    # the B part is the jets' eps sum once V is replaced by its jets
    jets = {sp.Derivative(V(k), (k, 2)): d2_dU, sp.Derivative(V(k), k): d_dU, V(k): dU}
    B_jets = r["B"].subs(jets)
    assert sp.expand(B_jets - nuN.eq46()["numerator_integrand"] / nuN.R_nu**2) == 0
    assert sp.expand(2 * B_jets - nuN.eq50()["numerator_integrand"]) == 0
    # the delta(2) bracket differentiates grad U / kappa0: pass grad U = kappa0 G(k)
    G = sp.Function("G")
    kap = nuN.eq39()
    got = nuN.eq40(kap * G(k), sp.Integer(0))["grad"]
    want = (-2 / (3 * kap) * (1 - nuN.eq41()) * kap * G(k)
            + nuN.eq42() * ((1 - 2 * f0 + 6 * T / k) * k * G(k).diff(k) + k * T * G(k).diff(k, 2)))
    assert sp.simplify(got - want) == 0
    # at B-independent leading order (k/m -> 0) the flux is -(2/(3 kappa0)) grad U
    lead = sp.limit(nuN.eq40(U(k), V(k))["grad"].subs(m, 1 / sp.Symbol("eta", positive=True)),
                    sp.Symbol("eta", positive=True), 0)
    assert sp.simplify(lead + 2 / (3 * kap) * U(k)) == 0


def test_eq42_and_eq45_carry_no_f0():
    for e in (nuN.eq42(), nuN.eq45()):
        assert not e.has(f0, df0, d2f0, d3f0, T)
    assert nuN.eq41().has(f0) and nuN.eq41().has(df0)
    assert nuN.eq43().has(df0) and not nuN.eq44().has(df0) and nuN.eq44().has(f0)


def test_eq46_integrands():
    d = nuN.eq46()
    assert sp.expand(d["denominator_integrand"] - nuN.R_nu**2 * 2 / (3 * nuN.eq39()) * nuN.dUdr_abs) == 0
    assert d["numerator_integrand"].subs({dU: 0, d_dU: 0, d2_dU: 0}) == 0


def test_eq47_eq48_absorption_opacity():
    d = nuN.eq47()
    k48 = nuN.eq48()
    # at k = mu_nu the stimulated-absorption factor 1 + e^{(mu_nu - k)/T} is 2
    assert sp.simplify(d["kappa_star"].subs(mu_nu, k) - 2 * k48) == 0
    assert sp.simplify(d["kappa_tot"] - d["kappa_star"] - nuN.eq39()) == 0
    assert sp.simplify(d["flux_over_dU"] + d["kappa_star"] / (3 * d["kappa_tot"]) * nuN.eq49()) == 0
    # with no electrons (mu_e -> -inf) f_e -> 0 and kappa0(abs) -> G_F^2/pi (k + Delta)^2 n_n (cV^2 + 3cA^2)
    vals = {G_F: 1, k: 10, Delta_np: sp.Rational(13, 10), n_n: 2, c_V: 1, c_A: sp.Rational(63, 50), T: 3,
            mu_e: -300}
    bare = (G_F**2 / sp.pi * (k + Delta_np) ** 2 * n_n * (c_V**2 + 3 * c_A**2)).subs(vals)
    assert abs(sp.N(k48.subs(vals) / bare - 1, 30)) < 1e-30
    # f_e is Fermi-Dirac in (E - mu_e)/T: at E = mu_e the bracket [1 - f_e] is 1/2
    assert sp.simplify(2 * k48.subs(mu_e, k + Delta_np)
                       - G_F**2 / sp.pi * (k + Delta_np) ** 2 * n_n * (c_V**2 + 3 * c_A**2)) == 0


def test_eq49_structure():
    e = nuN.eq49()
    assert sp.simplify(e.subs(B, 0)) == 0
    # c_A = 0 leaves the charge term alone: (1/2) eB / (k + Delta)^2
    assert sp.simplify(e.subs(c_A, 0) - e_charge * B / (2 * (k + Delta_np) ** 2)) == 0
    # mu_Bp enters only through the product with the f_e bracket (the 'x [...]' after the page break)
    fe = 1 / (sp.exp((k + Delta_np - mu_e) / T) + 1)
    coeff_p = sp.expand(e).coeff(mu_Bp)
    want_p = -T / (k + Delta_np) * (1 + (k + Delta_np) / T * fe) * 2 * c_A * (c_A - c_V) / (c_V**2 + 3 * c_A**2) * B / T
    assert sp.simplify(coeff_p - want_p) == 0
    # the mu_Bn terms: the stand-alone one plus the same bracket times the f_e factor
    coeff_n = sp.expand(e).coeff(mu_Bn)
    a = 2 * c_A * (c_A + c_V) / (c_V**2 + 3 * c_A**2) * B / T
    assert sp.simplify(coeff_n - a * (1 - T / (k + Delta_np) * (1 + (k + Delta_np) / T * fe))) == 0


def test_eq50_denominator_is_eq47_flux_up_to_sign():
    d = nuN.eq50()
    assert sp.simplify(d["denominator_integrand"] + nuN.eq47()["flux_over_dU"] * nuN.dU_e) == 0


def test_eq51_eq52_integrate_to_the_fermi_dirac_energy_density():
    for U_, Teff in ((nuN.eq51(), T_eff_e), (nuN.eq52(), T_eff_mu)):
        assert U_.free_symbols == {k, Teff}
        t = mp.mpf(7) / 2
        f = sp.lambdify(k, U_.subs(Teff, sp.Rational(7, 2)), "mpmath")
        val = mp.quad(f, [0, mp.inf])
        assert abs(val / (7 * mp.pi**2 * t**4 / 240) - 1) < 1e-12
    assert nuN.eq52() == nuN.eq51().subs(T_eff_e, T_eff_mu)
