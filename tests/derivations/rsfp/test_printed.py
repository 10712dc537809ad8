"""rsfp printed forms: complete, and carrying the printed numbers."""

import sympy as sp

from natal.derivations.printed import rsfp as printed
from natal.derivations.rsfp.symbols import (
    B_perp, C_A_n, C_A_p, C_V_n, C_V_p, E_tot, M, V, Y_e, Y_p, alpha, gamma, l_rho, lam, mu_nu, omega, rho,
)

IDS = ["1", "2", "3", "4", "5", "6", "9", "10", "11", "12"]
REFERENCE = {mu_nu: sp.Rational(1, 10**12), B_perp: 3 * 10**15, rho: sp.Rational(26, 10) * 10**14,
             l_rho: 10**6}


def test_every_printed_equation_has_text_and_reading():
    for key in IDS:
        entry = printed.TEXT[key]
        assert entry.text.strip() and entry.reading.strip() and entry.ref == f"rsfp Eq. {key}"


def test_eq6_is_its_coefficient_at_the_reference_point():
    g = printed.eq6()["gamma"]
    assert sp.simplify(g.subs(REFERENCE) - sp.Rational(104, 100) / (1 - Y_e)) == 0
    assert sp.simplify(g.subs({**REFERENCE, l_rho: 2 * 10**6}) / g.subs(REFERENCE)) == 2


def test_eq10_eq11_values_and_the_literal_eq12():
    assert printed.eq10()["value"] == sp.Rational(52, 10) and printed.eq11()["value"] == -sp.Rational(8, 10)
    at = {C_V_n: -1, C_V_p: 0, C_A_n: 0, C_A_p: 0, Y_p: 0}
    assert printed.eq10()["C1"].subs(at) == 1 and printed.eq11()["C2"].subs(at) == 1
    ref = {V: 1000, E_tot: 3 * 10**53, M: sp.Rational(3, 2)}
    assert printed.eq12()["dp_over_p"].subs(ref) == sp.Rational(3, 100)
    assert printed.eq12_exponent_restored()["dp_over_p"].subs(ref) == sp.Rational(3, 100)
    # literal: grows with E_tot; restored: falls
    assert printed.eq12()["dp_over_p"].subs({**ref, E_tot: 6 * 10**53}) == sp.Rational(6, 100)
    assert printed.eq12_exponent_restored()["dp_over_p"].subs({**ref, E_tot: 6 * 10**53}) == sp.Rational(3, 200)


def test_eq3_eq4_eq5_shapes():
    assert sp.expand(printed.eq3()["braking_index"] - 3) == 2 * alpha * omega**2
    assert printed.eq4()["V"].has(*lam.values())
    assert printed.eq5()["P_conversion"].subs(gamma, 0) == 0
