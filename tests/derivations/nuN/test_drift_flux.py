"""derivations.nuN.drift_flux: the linearised collision term, the first moments and the drift flux.

The printed forms are compared in natal.papers.nuN.flux_checks; here the derivation is held to things that
do not come from the paper: Fermi-Dirac stationarity, the transport cross section, the cancellations
between nu and nubar, and the equivalence of the two readings of Eq. 40 on explicit functions.
"""

import pytest
import sympy as sp

from natal.derivations.nuN import drift_flux as flux
from natal.derivations.nuN.symbols import (
    B, F_2, G_F, T, c_A, c_V, d2f0, d3f0, df0, f0, f0p, h, k, m, mu_B, mu_nu, n, q0,
)

pytestmark = pytest.mark.slow  # ~20 s: the rate coefficients and both species' moments


def test_linearisation_is_the_identity_at_zero_energy_transfer():
    lin = flux.linearised_collision()
    assert sp.simplify(lin["C"].subs(q0, 0)) == 1
    assert sp.simplify(lin["D"].subs(q0, 0).subs(f0p, f0)) == -1


def test_streaming_moment_is_a_third_of_the_gradient():
    # Int dOmega/4pi Omega_x Omega_j d_j F = d_x F/3; the 3 Omega.h term has three factors of Omega.
    assert flux.streaming_moment() == sp.Symbol("grad_F_x", real=True) / 3


def test_lowest_order_h_solves_the_first_moment():
    G = sp.Symbol("G", real=True)
    h0 = flux.lowest_order_h(G)
    assert sp.simplify(flux.moment_terms()["V0"].subs(h, h0) - G / 3) == 0
    assert sp.simplify(h0 + G / (3 * flux.kappa0())) == 0


def test_premises_do_not_include_the_results():
    # what the module derives (Eqs. 28-30, the paper's expansions of f and U, are its premises)
    own = {f"nuN:eq{i}" for i in (*range(25, 28), *range(31, 46))}
    for name, premises in flux.PREMISES.items():
        assert premises and not own & set(premises), name
    assert "nuN:eq24" in flux.PREMISES["lowest_order_h"] and "nuN:eq28" in flux.PREMISES["collision_moment"]
    assert flux.drift_flux("literal").premises == flux.PREMISES["drift_flux"]
    assert flux.linearised_collision().premises == flux.PREMISES["linearised_collision"]
    assert flux.moment_terms().premises == flux.PREMISES["moment_terms"]
    assert flux.collision_moment(True).premises == flux.PREMISES["collision_moment"]


def test_results_are_derivations_with_an_explicit_argument_order():
    for result in (flux.collision_moment(False), flux.collision_moment(True), flux.moment_terms()):
        assert result.inputs == flux.MOMENT_INPUTS
    assert flux.collision_moment(True).output_names == ("h_0", "h_1", "B_0", "B_1")
    for reading in flux.READINGS:
        F = flux.drift_flux(reading)
        assert F.name == f"nuN.drift_flux_{reading}" and F.output_names == (
            "grad_part", "B_part", "delta1", "delta2", "bracket", "eps1", "eps2", "eps3")


def test_leading_moment_is_minus_the_transport_opacity():
    # kappa_0 = n sigma_tr with dsigma/dOmega = G_F^2 k^2/(4 pi^2) [c_V^2 + 3c_A^2 + (c_V^2 - c_A^2) mu]
    # for a nucleon at rest (elastic, B = 0), weighted by 1 - mu over the sphere.
    mu = sp.Symbol("mu")
    dsigma = G_F**2 * k**2 / (4 * sp.pi**2) * (c_V**2 + 3 * c_A**2 + (c_V**2 - c_A**2) * mu)
    sigma_tr = 2 * sp.pi * sp.integrate((1 - mu) * dsigma, (mu, -1, 1))
    assert sp.simplify(flux.kappa0() - n * sigma_tr) == 0


def test_drift_cancels_between_nu_and_nubar_at_order_muB_B_over_T():
    terms = flux.moment_terms()
    assert terms["B_0_0"] == 0 and terms["h_0_pm"] == 0
    assert terms["dV_B"] != 0
    assert sp.expand(terms["dV_B"].subs(B, 0)) == 0 and sp.expand(terms["dV_BWM_0"].subs(mu_B, 0)) == 0


def test_weak_magnetism_enters_only_with_the_axial_coupling():
    terms = flux.moment_terms()
    # F_2 couples through c_A(c_V + F_2): with c_A = 0 neither it nor any field term survives
    for e in (terms["dV_WM_pm"], terms["dV_B"], terms["dV_BWM_0"], terms["dV_BWM_pm"]):
        assert sp.expand(e.subs(c_A, 0)) == 0
    assert not sp.expand(terms["dV_WM_0"]).has(F_2)


def _fermi_dirac_jets():
    fd = 1 / (sp.exp((k - mu_nu) / T) + 1)
    return {j: sp.diff(fd, k, i) for i, j in enumerate((f0, df0, d2f0, d3f0))}


def test_both_readings_give_the_same_flux_on_explicit_functions():
    # Z = grad(f0 + g)/kappa_0 and g; the literal reading's Y = grad U/kappa_0 = k^3 Z/(2 pi^2) and
    # dU = k^3 g/(2 pi^2).  The fluxes must agree: the readings only regroup the same derivatives.
    Z = (1 + k / 7) * sp.exp(-k / 5)
    g = k**2 * sp.exp(-k / 4) / 9
    to_U = k**3 / (2 * sp.pi**2)
    point = {k: sp.Rational(23, 2), T: 3, mu_nu: sp.Rational(1, 2), m: 939, c_V: sp.Rational(-1, 2),
             c_A: sp.Rational(-63, 50), F_2: sp.Rational(-97, 100), mu_B: sp.Rational(1, 100), B: 1}

    def at(expr, fn, names):
        jets = {sp.Symbol(name, real=True): sp.diff(fn, k, i) for i, name in enumerate(names)}
        return expr.xreplace(jets).xreplace(_fermi_dirac_jets())

    occ, lit = flux.drift_flux("occupation"), flux.drift_flux("literal")
    grad_occ = at(occ["grad_part"], Z, ("Phi", "dPhi_dk", "d2Phi_dk_dk"))
    grad_lit = at(lit["grad_part"], to_U * Z, ("Y", "dY_dk", "d2Y_dk_dk"))
    B_occ = at(occ["B_part"], g, ("g", "dg_dk", "d2g_dk_dk"))
    B_lit = at(lit["B_part"], to_U * g, ("dU", "ddU_dk", "d2dU_dk_dk"))
    for a, b in ((to_U * grad_occ, grad_lit), (to_U * B_occ, B_lit)):
        a, b = (sp.N(e.subs(point), 30) for e in (a, b))
        assert abs(a - b) <= 1e-25 * abs(b)


def test_flux_coefficients_scale_as_stated():
    # delta's are O(k/m, T/m); eps's O(mu_B B/m): m * coefficient has no m, and eps's are linear in B
    for reading in flux.READINGS:
        F = flux.drift_flux(reading)
        for c in (F["delta1"], F["delta2"], F["eps1"], F["eps2"], F["eps3"]):
            assert not sp.cancel(c * m).has(m)
        for c in (F["eps1"], F["eps2"], F["eps3"]):
            assert sp.cancel(c / (mu_B * B)).has(B) is False


def test_unknown_reading_is_refused():
    with pytest.raises(ValueError, match="reading"):
        flux.drift_flux("sideways")


def test_coefficient_curves_are_the_flux_coefficients_with_fermi_dirac_f0():
    from natal.derivations.nuN import drift_ratio

    jets = flux.fermi_dirac_jets()
    for reading in flux.READINGS:
        curves, F = drift_ratio.coefficient_curves(reading), flux.drift_flux(reading)
        for name in curves.output_names:
            assert sp.expand(curves[name] - sp.expand(F[name]).xreplace(jets)) == 0, (reading, name)
    assert drift_ratio.coefficient_curves("printed").output_names == curves.output_names
    with pytest.raises(ValueError, match="source"):
        drift_ratio.coefficient_curves("sideways")
