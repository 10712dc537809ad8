"""natal verify --paper nuN: every verdict, its premises and route, and checks that say `differs` for a
wrong print and `agrees` for the derived one."""

import pytest
import sympy as sp

from natal import verify
from natal.derivations.nuN import response
from natal.derivations.nuN.symbols import T, c_A, c_V, f0, q0, s_p
from natal.derivations.printed import nuN as printed
from natal.papers.nuN import checks
from natal.papers.nuN import flux_checks

pytestmark = pytest.mark.slow  # about two minutes: every nuN derivation and its independent routes

_AGREES = ["5", "13", "14", "18", "19", "20", "21", "22", "23", "25", "26", "27", "31", "32", "33", "34", "35",
           "36", "37", "38", "39", "42", "45", "A4", "A6", "A7", "A8", "A9", "A11", "A12", "A13"]
_DIFFERS = ["2", "4", "6", "15", "40", "41", "43", "44", "A5", "A10"]
_GIVEN = ["1", "7", "8", "12", "17", "24", "28", "A1"]
#: every nuN verdict
VERDICTS = {**{f"nuN:eq{e}": "agrees" for e in _AGREES}, **{f"nuN:eq{e}": "differs" for e in _DIFFERS},
            **{f"nuN:eq{e}": "given" for e in _GIVEN}}
#: Eq. 40's energy derivatives read literally (on grad U/kappa_0 and delta U) or on the occupation numbers
READINGS = {"nuN:eq40": ("differs", "differs"), "nuN:eq41": ("differs", "differs"),
            "nuN:eq42": ("agrees", "agrees"), "nuN:eq43": ("differs", "agrees"),
            "nuN:eq44": ("differs", "agrees"), "nuN:eq45": ("agrees", "agrees")}


@pytest.fixture(scope="module")
def records():
    return {r["id"]: r for r in verify.run("nuN")}


def test_every_nuN_verdict(records):
    assert {i: r["status"] for i, r in records.items()} == VERDICTS
    assert {i: r["readings"] for i, r in records.items() if "readings" in r} == {
        i: {"literal": lit, "occupation": occ} for i, (lit, occ) in READINGS.items()}


def test_derived_verdicts_name_premises_and_run_their_route(records):
    for cid, rec in records.items():
        if rec["status"] == "given":
            assert rec["note"], cid
            continue
        assert rec["premises"] and cid not in rec["premises"], cid
        assert rec["independent"], cid
        # the loosest routes are the O(k/m)-truncated exact spinors (~3e-5) and the 1/m fits (~1e-8)
        assert rec["independent_max_rel"] is not None and rec["independent_max_rel"] < 1e-4, cid
    assert "nuN:eq1" in records["nuN:eq4"]["premises"] and "Dirac equation" in records["nuN:eq2"]["premises"]
    assert "nuN:eq12" in records["nuN:eq15"]["premises"]
    assert "nuN:eq24" in records["nuN:eq38"]["premises"] and "nuN:eq39" not in records["nuN:eq38"]["premises"]
    assert "nuN:eq28" in records["nuN:eq31"]["premises"]


def test_the_known_findings(records):
    for equation in _DIFFERS:
        rec = records[f"nuN:eq{equation}"]
        assert rec["note"] and rec["corrected"], equation
    assert "1/4" in records["nuN:eq2"]["corrected"] and "trace 2" in records["nuN:eq2"]["note"]
    assert "nubar" in records["nuN:eq4"]["corrected"]
    assert "c_A^2 (s' - s)" in records["nuN:eq6"]["corrected"]
    assert "(1 - 2mq0/q^2) s']" in records["nuN:eq15"]["corrected"]
    assert "(1 - 2mq0/q^2) s']" in records["nuN:eqA10"]["corrected"]
    assert "q0 - q^2/2m" in records["nuN:eqA5"]["corrected"]
    # Eq. 41: the T/k term's sign in the occupation reading; natal's literal coefficients for Eq. 40
    assert "10*T*(9*c_A**2 + c_V**2)" in records["nuN:eq41"]["note"]
    assert "delta2" in records["nuN:eq40"]["corrected"]
    assert "S~_ss' = S_ss' for any degeneracy" in records["nuN:eqA12"]["note"]


# --- the checks can come out the other way ----------------------------------------------------------

def test_a_wrong_print_is_reported_as_differing(monkeypatch):
    """A misprinted C (Eq. 26), E'_min (Eq. A8) or x0 (Eq. 15) is found by its check."""
    monkeypatch.setattr(printed, "eq26", lambda: sp.exp(-q0 / T) * (1 - f0) - f0)
    assert flux_checks.eq26().status == "differs"
    right = printed.eqA8()
    monkeypatch.setattr(printed, "eqA8", lambda: right + q0)
    assert checks.eqA8().status == "differs"
    p15 = printed.eq15()
    monkeypatch.setattr(printed, "eq15", lambda: {**p15, "x0": p15["x0"] * 2, "dx": response.response_forms("p")["dx"]})
    verdict = checks.eq15()
    assert verdict.status == "differs" and "x0" in verdict.note


def test_a_wrong_opacity_is_reported_by_the_checks_that_read_it(monkeypatch):
    wrong = printed.eq39() * (c_V**2 + 3 * c_A**2) / (c_V**2 + 5 * c_A**2)
    monkeypatch.setattr(printed, "eq39", lambda: wrong)
    assert flux_checks.eq39().status == "differs"
    assert flux_checks.eq38().status == "differs"  # the printed h = -grad/(3 kappa_0) reads Eq. 39


def test_the_derived_form_in_the_prints_place_agrees(monkeypatch):
    e_min = response.minimum_energy("p")
    monkeypatch.setattr(printed, "eqA5", lambda: e_min)
    assert checks.eqA5().status == "agrees"
    p15 = printed.eq15()
    monkeypatch.setattr(printed, "eq15", lambda: {**p15, "dx": response.response_forms("p")["dx"]})
    assert checks.eq15().status == "agrees"


def test_readings_follow_the_form_in_the_prints_place(monkeypatch):
    from natal.derivations.nuN import drift_flux

    literal = drift_flux.drift_flux("literal")["eps1"]
    monkeypatch.setattr(printed, "eq43", lambda: literal)
    verdict = flux_checks.eq43()
    assert verdict.status == "agrees" and dict(verdict.readings) == {"literal": "agrees", "occupation": "differs"}


def test_delta_x_misprint_is_invisible_at_s_prime_one():
    # The finding of Eq. 15 is the placement of one parenthesis: it vanishes where s' = +1.
    p15 = printed.eq15()
    assert sp.simplify((response.response_forms("p")["dx"] - p15["dx"]).subs(s_p, 1)) == 0
