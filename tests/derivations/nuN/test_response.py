"""Response functions of nuN Eqs. 12-18 and A2-A13: closed forms, limits and the eps-series."""

import mpmath as mp
import pytest
import sympy as sp

from natal.derivations import series
from natal.derivations.nuN import response as nr
from natal.derivations.nuN.symbols import (
    B, T, eps, k, m, mu_B, mu_N, mu_prime, n, q, q0, s, s_p, u, x_min, xp_min, z,
)
from natal.derivations.result import Derivation
from natal.numerics.nuN import response as numeric


def test_fermi_integral_closed_form_against_quadrature():
    I = sp.lambdify((x_min, z), nr.fermi_integral(), "mpmath")
    with mp.workdps(30):
        for a, zz in ((-3.0, 1.5), (2.0, -0.7), (10.0, 4.0)):
            direct = mp.quad(lambda x: 1 / ((mp.e**x + 1) * (1 + mp.e**(-x - zz))), [a, a + 40, mp.inf])
            assert abs(I(mp.mpf(a), mp.mpf(zz)) / direct - 1) < 1e-20


def test_z_is_the_shift_between_the_fermi_factors():
    # Energy conservation E' = E + q0 puts the two Fermi factors q0/T apart in x = (E - mu_N)/T, for the
    # integral over the initial nucleon and over the final one alike; the closed forms use that shift.
    for route in ("p", "pp"):
        assert nr.energy_shift(route) == q0 / T
        assert nr.response_forms(route)["z"] == nr.energy_shift(route)
    S0 = nr.response_forms("p")["S0"]
    assert not S0.has(z) and S0.has(q0)


def test_nondegenerate_fermi_integral_is_the_boltzmann_tail():
    lead = nr.nondegenerate_fermi_integral()
    assert sp.simplify(lead - sp.exp(-x_min)) == 0
    I = sp.lambdify((x_min, z), nr.fermi_integral(), "mpmath")
    with mp.workdps(40):
        for a, zz in ((25.0, 3.0), (30.0, -4.0)):
            # the next order is ~e^{-2a}: relative ~e^{-a}
            assert abs(I(mp.mpf(a), mp.mpf(zz)) * mp.e**a - 1) < 10 * mp.e ** (-a + abs(zz))


def test_premises_name_the_definitions_and_not_the_results():
    assert "nuN:eq12" in nr.response_forms("p").premises and "nuN:eqA1" in nr.response_forms("pp").premises
    for forms in (nr.response_forms("p"), nr.response_forms("pp")):
        assert not {"nuN:eq13", "nuN:eq14", "nuN:eq15", "nuN:eqA9", "nuN:eqA10"} & set(forms.premises)
    assert "nuN:eqA13" not in nr.momentum_moment().premises


def test_results_are_derivations_with_an_explicit_argument_order():
    for route, own in (("p", x_min), ("pp", xp_min)):
        forms = nr.response_forms(route)
        assert isinstance(forms, Derivation) and forms.inputs == (q0, q, T, m, mu_N, mu_B, B, s, s_p, own, z)
        assert forms.output_names == ("exact", "x_min", "z", "x0", "dx", "S0", "dS")
        root = nr.angle_root(route)
        assert isinstance(root, Derivation) and root.premises == forms.premises
    moment = nr.momentum_moment()
    assert isinstance(moment, Derivation) and moment.inputs == (q0, q, m, mu_B, B, s, s_p)
    with pytest.raises(ValueError, match="route"):
        nr.angle_root("sideways")


def test_e_min_shifts_by_q0_between_routes():
    # E'_min - q0 = E_min: the identity behind S~ = S at any degeneracy.
    assert sp.expand(nr.minimum_energy("pp") - q0 - nr.minimum_energy("p")) == 0


def test_delta_x_is_linear_in_both_spins():
    dx = nr.response_forms("p")["dx"]
    expected = -mu_B * B / (2 * T) * ((1 + 2 * m * q0 / q**2) * s + (1 - 2 * m * q0 / q**2) * s_p)
    assert sp.simplify(dx - expected) == 0


def test_momentum_moment_sum_is_a13():
    assert sp.simplify(nr.momentum_moment()["P_result_coeff"] - 2 * m / q**2 * (q0 - mu_B * B * (s - s_p))) == 0


def test_nondegenerate_response_matches_numeric_gaussian():
    S0 = sp.lambdify((q0, q, T, m, n), nr.nondegenerate_response())
    args = dict(T=8.0, n=2e5, m=939.0)
    assert S0(3.0, 25.0, 8.0, 939.0, 2e5) == pytest.approx(numeric.response_nondegenerate(3.0, 25.0, **args),
                                                           rel=1e-12)


def test_eps_series_first_order_and_zero_order():
    _, bracket = nr.eps_series(4)
    assert bracket.coeff(eps, 0) == 1
    assert sp.simplify(bracket.coeff(eps, 1) - (-(1 + k / T) * u / 2 + u**3)) == 0
    # c_2 ... c_4 depend on mu' through T/m = eps^2/(4(1 - mu')).
    assert mu_prime in bracket.coeff(eps, 2).free_symbols


def test_series_tools_against_sympy():
    x = sp.Symbol("x")
    c = series.coefficients(1 + 2 * x + 3 * x**2, x, 3)
    quotient = series.divide(c, series.coefficients(1 - x, x, 3))
    assert quotient == [1, 3, 6, 6]
    e = series.exp_of([0, 1, 0, 0])
    assert e == [1, 1, sp.Rational(1, 2), sp.Rational(1, 6)]
    r = series.sqrt_one_plus([0, 1, 0, 0])
    assert r == [1, sp.Rational(1, 2), -sp.Rational(1, 8), sp.Rational(1, 16)]
    with pytest.raises(ValueError):
        series.exp_of([1, 1])


@pytest.mark.slow
def test_eps_series_error_falls_as_eps_to_the_fifth():
    from natal.papers.nuN.checks import eps_error_slopes

    assert min(eps_error_slopes()) > 4.5
