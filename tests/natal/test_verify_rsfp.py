"""natal verify --paper rsfp: the numeric routes, their bad-input errors, and the known verdicts."""

import math
import time

import pytest

from natal import verify
from natal.checks import rsfp as routes

DIFFERS = {"rsfp:eq3", "rsfp:eq6", "rsfp:eq12"}
REQUIRED = {f"rsfp:eq{n}" for n in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12)}


# --- numeric routes --------------------------------------------------------------------------------

def test_far_field_power_of_a_centred_dipole_is_larmor():
    assert routes.far_field_power(0.0, (1.0, 0.0, 0.0)) == pytest.approx(2 / 3, rel=1e-13)
    assert routes.far_field_power(0.0, (0.0, 2.0, 5.0)) == pytest.approx(8 / 3, rel=1e-13)
    assert routes.far_field_power(0.0, (0.0, 0.0, 1.0)) == pytest.approx(0.0, abs=1e-15)


def test_far_field_slopes():
    assert routes.alpha_slope((1.0, 0.0, 1.0), reference=(1.0, 0.0, 0.0)) == pytest.approx(0.4, rel=1e-6)
    assert routes.alpha_slope((1.0, 0.0, 0.0)) == pytest.approx(47 / 5, rel=1e-6)
    assert routes.alpha_slope((1.0, 0.0, 0.0), polarisation=True) == pytest.approx(42 / 5, rel=1e-6)


def test_spin_down_index_of_power_laws():
    for n in (3.0, 5.0):
        _, n_num = routes.spin_down_index(lambda w, n=n: -w**n)
        assert n_num == pytest.approx(n, rel=1e-7)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0])
def test_landau_zener_survival_matches_exp(gamma):
    assert routes.landau_zener_survival(gamma) == pytest.approx(math.exp(-math.pi * gamma / 2), abs=1e-3)


def test_landau_zener_limits():
    assert routes.landau_zener_survival(0.0) == pytest.approx(1.0, abs=1e-6)  # gamma -> 0: P -> 0
    assert routes.landau_zener_survival(8.0) < 1e-4  # large gamma: P -> 1


def test_potential_and_resonant_energies():
    assert routes.potential_per_rho14(1.0) == pytest.approx(3.816e-6, rel=1e-3)
    assert routes.potential_per_rho14(0.7) == pytest.approx(2.671e-6, rel=1e-3)
    assert routes.resonant_energy(50, 4.5, 1.0) == pytest.approx(72.8, rel=2e-3)
    assert routes.resonant_energy(12, 0.25, 1.0) == pytest.approx(75.5, rel=2e-3)


def test_gamma_coefficient_and_table1():
    assert routes.gamma_coefficient(0.0) == pytest.approx(6.16, rel=1e-3)
    assert routes.gamma_coefficient(0.3) == pytest.approx(6.16 / 0.7, rel=1e-3)
    rows = routes.table1_gamma_max(1.04)
    for x, computed, stated in rows:
        if x > 1:  # atmosphere groups: the printed gamma_max to its digits
            assert computed == pytest.approx(stated, abs=0.05)


def test_spin_averaged_amplitude_at_rest():
    cv, ca = -0.5, -0.6
    for ct in (-1.0, 0.0, 0.7):
        exact = routes.spin_averaged_amplitude(ct, cv, ca, antineutrino=True)
        assert exact == pytest.approx(cv**2 + 3 * ca**2 + (cv**2 - ca**2) * ct, rel=1e-5)


def test_kick_coefficient():
    assert routes.kick_coefficient() == pytest.approx(0.0298, abs=1e-4)


@pytest.mark.parametrize("call, name", [
    (lambda: routes.far_field_power(-0.1, (1, 0, 0)), "kd"),
    (lambda: routes.far_field_power(0.1, (1, 0)), "mu"),
    (lambda: routes.far_field_power(0.1, (1, 0, 0), harmonics=0), "harmonics"),
    (lambda: routes.alpha_slope((0.0, 0.0, 1.0)), "mu"),
    (lambda: routes.landau_zener_survival(-1.0), "gamma"),
    (lambda: routes.landau_zener_survival(float("nan")), "gamma"),
    (lambda: routes.potential_per_rho14(0.0), "neutron_fraction"),
    (lambda: routes.resonant_energy(-5, 1.0, 1.0), "m_s_keV"),
    (lambda: routes.gamma_coefficient(1.0), "Y_e"),
    (lambda: routes.gamma_coefficient("x"), "Y_e"),
    (lambda: routes.spin_averaged_amplitude(1.5, 0.1, 0.1, True), "cos_theta"),
    (lambda: routes.table1_gamma_max(0.0), "coefficient"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# --- the verify run ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def records():
    t0 = time.perf_counter()
    out = {r["id"]: r for r in verify.run("rsfp")}
    out["_seconds"] = time.perf_counter() - t0
    return out


@pytest.mark.slow
def test_every_equation_is_derived_with_known_verdicts(records):
    assert REQUIRED <= set(records)
    status = {i: r["status"] for i, r in records.items() if i.startswith("rsfp:")}
    assert {i for i, s in status.items() if s == "differs"} == DIFFERS
    assert {s for s in status.values()} == {"agrees", "differs"}
    for i in DIFFERS:
        assert records[i]["note"] and records[i]["corrected"]


@pytest.mark.slow
def test_key_findings_are_stated(records):
    assert "47 mu_rho^2" in records["rsfp:eq3"]["corrected"]
    assert "3/20" in records["rsfp:eq3"]["note"] and "2/5" in records["rsfp:eq3"]["note"]
    assert records["rsfp:eq6"]["corrected"].startswith("gamma = 6.16")
    assert "(E_tot/3e53 erg)^-1" in records["rsfp:eq12"]["corrected"]
    assert "3.82e-06" in records["rsfp:eq4"]["note"]
    assert "5.1679" in records["rsfp:eq10"]["note"] and "-0.7873" in records["rsfp:eq11"]["note"]


@pytest.mark.slow
def test_runs_within_budget(records):
    assert records["_seconds"] < 15
