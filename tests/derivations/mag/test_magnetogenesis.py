"""mag derivations: closed forms, limits and symmetries, and an independent numeric route."""

import mpmath as mp
import pytest
import sympy as sp

from natal.checks.cartesian import FiniteDifferenceFields, random_flow
from natal.derivations import dirac
from natal.derivations.jets import jet_symbol
from natal.derivations.mag import magnetogenesis as mag


def _zero(d, names):
    return {s: 0 for s in d.inputs if s.name in names}


def test_dBz_groups_add_up_and_are_each_linear_in_one_jet():
    d = mag.dBz_dt()
    assert sp.simplify(sum(d[g] for g in mag.DBZ_GROUPS[:-1]) - d["total"]) == 0
    jets = [s for s in d.inputs if "J_phi" in s.name]
    for g in mag.DBZ_GROUPS[:-1]:
        present = [s for s in jets if s in d[g].free_symbols]
        assert len(present) == 1 and sp.degree(d[g], present[0]) == 1


def test_dBz_vanishes_without_flux_and_keeps_only_time_terms_without_infall():
    d = mag.dBz_dt()
    no_flux = d["total"].xreplace({s: 0 for s in d.inputs if "J_phi" in s.name})
    assert no_flux == 0
    no_infall = sp.expand(d["total"].xreplace(_zero(d, {"v_r", "dv_r_dr", "dv_r_dtheta"})))
    assert no_infall.free_symbols & {jet_symbol("J_phi"), jet_symbol("J_phi", "r")} == set()
    assert jet_symbol("J_phi", "r", "t") in no_infall.free_symbols


def test_dBz_flips_with_the_neutrino_flux():
    # Every term of Eq. 5 is linear in J^phi: reversing the flux reverses the field growth.
    d = mag.dBz_dt()
    flip_J = {s: -s for s in d.inputs if "J_phi" in s.name}
    assert sp.simplify(d["total"].xreplace(flip_J) + d["total"]) == 0


def test_rotation_never_enters_dB_dt_and_J_r_only_the_azimuthal_part():
    found = {c.ingredient: c for c in mag.contributions()}
    assert found["rotation"].enters() == ()
    assert found["J_r"].enters() == ("phi",)
    assert set(found["v_theta"].enters()) == {"r", "theta", "phi", "z"}
    assert found["rotation"].force["r"] != 0 and found["rotation"].force["phi"] == 0


@pytest.mark.parametrize("seed", [11, 12])
def test_dB_dt_all_components_against_cartesian_finite_differences(seed):
    d = mag.dB_dt()
    flow = random_flow(seed)
    with mp.workdps(50):
        fd = FiniteDifferenceFields(flow).components("dB_dt")
        for comp in ("r", "theta", "phi", "z"):
            derived = flow.evaluate(d[f"dB{comp}_dt"])
            assert abs(derived - fd[comp]) <= 1e-15 * abs(fd[comp])


def test_force_density_parts_are_minus_G_grad_n():
    d = mag.force()
    G, r = mag.G, mag.r
    assert d["Fn_r"] == -G * jet_symbol("n_nu", "r")
    assert sp.simplify(d["Fn_theta"] + G * jet_symbol("n_nu", "theta") / r) == 0
    assert sp.expand(d["F_r"] - d["Fn_r"]).free_symbols.isdisjoint({jet_symbol("n_nu", "r")})


def test_weak_charges_closed_forms():
    d = mag.weak_charges()
    GF, s2 = mag.G_F, mag.sin2_theta_W
    assert sp.simplify(d["G_e_nue"] - d["G_e_numu"] - sp.sqrt(2) * GF) == 0  # charged current
    assert d["G_p_nue"] == d["G_p_numu"]  # neutral current is flavour blind
    assert sp.simplify(d["G_p_nue"] + d["G_e_numu"]) == 0  # p and e charges cancel: a neutral atom
    assert mag.vector_coupling("n") == sp.Rational(-1, 2)
    assert sp.simplify(mag.vector_coupling("p") - (sp.Rational(1, 2) - 2 * s2)) == 0


@pytest.mark.parametrize("rep", ["dirac", "chiral"])
def test_fierz_coefficient_is_representation_independent(rep):
    assert dirac.fierz_coefficient(rep) == 1
    g = dirac.gammas(rep)
    for m in range(4):
        for n in range(4):
            anti = g[m] * g[n] + g[n] * g[m]
            assert anti == 2 * dirac.METRIC[m, n] * sp.eye(4)


def test_collapse_closed_forms():
    rho = mag.core_density()["rho_nuc"]
    assert sp.simplify(sp.integrate(4 * sp.pi * mag.r**2 * rho, (mag.r, 0, mag.R)) - mag.M) == 0
    L = mag.angular_momentum()["L"]
    R_psi = mag.R_max * (1 + sp.cos(mag.psi)) / 2
    assert sp.simplify(L - sp.Rational(2, 7) * mag.Omega * mag.M * R_psi**2) == 0
    rate = mag.collapse_rate()
    assert sp.simplify(rate["K"] - mag.k**2 * mag.R_max**3 / 2) == 0
    assert sp.simplify(rate["Rddot"] * rate["R"] ** 2 + rate["K"]) == 0
    Om = mag.spin_up()["Omega"]
    assert sp.simplify(Om.subs(mag.psi, mag.psi_max) - mag.Omega_final) == 0
