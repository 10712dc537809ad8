"""natal verify: the mag checks, the report format, the rules a verdict must meet, and mutation testing."""

import functools
import json

import pytest
import sympy as sp

from natal import cli, verdict, verify
from natal.checks.compare import require_close, symbolic_differences, verdict as compare_verdict
from natal.derivations.mag import magnetogenesis as mag
from natal.derivations.printed import mag as printed

DERIVED = {"mag:eq4", "mag:eq5", "mag:eq7", "mag:eq9", "mag:eq10", "mag:eq11", "mag:eq14", "mag:eq15",
           "mag:eq16"}
#: every mag verdict: the two misprints natal finds (Eq. 11's sign, Eq. 16's missing force), the
#: paper's definitions and model inputs, and agreement elsewhere
MAG_VERDICTS = {**{i: "agrees" for i in DERIVED - {"mag:eq11", "mag:eq16"}},
                "mag:eq11": "differs", "mag:eq16": "differs",
                **{f"mag:eq{n}": "given" for n in (1, 2, 3, 6, 8)}}


@pytest.fixture(scope="module")
def mag_records():
    return {r["id"]: r for r in verify.run("mag")}


def test_every_mag_verdict(mag_records):
    assert {i: r["status"] for i, r in mag_records.items()} == MAG_VERDICTS
    assert mag_records["mag:eq16"]["readings"] == {"literal": "differs", "meant": "differs"}


def test_derived_verdicts_name_premises_and_an_independent_route(mag_records):
    for cid in DERIVED:
        rec = mag_records[cid]
        assert rec["premises"] and cid not in rec["premises"], cid
        assert rec["independent"] and rec["independent_max_rel"] is not None, cid
        assert rec["independent_max_rel"] < 1e-8, (cid, rec["independent_max_rel"])
    # Eq. 7 now rests on Eq. 8 and the equation of motion, not on Eq. 10's printed t(psi)
    assert "mag:eq8" in mag_records["mag:eq7"]["premises"]
    assert all("mag:eq10" not in p for p in mag_records["mag:eq7"]["premises"])


def test_the_misprints_and_their_corrections(mag_records):
    eq11, eq16 = mag_records["mag:eq11"], mag_records["mag:eq16"]
    assert "-v_sigma^r 4 pi r^2 rho_nuc" in eq11["corrected"] and "continuity equation" in eq11["premises"]
    assert "dn_nu_dr" in eq16["corrected"] and eq16["note"]


def test_report_has_the_design_fields(mag_records):
    doc = verify.report(mag_records.values())
    assert doc["natal_version"]
    for rec in doc["checks"]:
        assert {"id", "paper", "equation", "title", "status", "premises", "method", "independent",
                "independent_max_rel", "note", "corrected", "seconds"} <= set(rec)
        assert rec["id"] == f"{rec['paper']}:eq{rec['equation']}"
    json.dumps(doc)  # serialisable


def test_collapse_check_detects_a_wrong_print(monkeypatch):
    """A print with the wrong sign of Rdot, or t(psi) off by a factor 2, is reported as differing."""
    import dataclasses

    from natal.papers.mag import checks

    wrong = dict(printed.EQUATIONS)
    wrong["7"] = dataclasses.replace(wrong["7"], meant={**wrong["7"].meant, "Rdot": -wrong["7"].meant["Rdot"]})
    wrong["10"] = dataclasses.replace(wrong["10"], meant={"t": 2 * wrong["10"].meant["t"]})
    monkeypatch.setattr(printed, "EQUATIONS", wrong)
    assert checks.eq7().status == "differs" and checks.eq10().status == "differs"


def test_failing_check_is_an_error_and_exits_nonzero(monkeypatch, tmp_path, capsys):
    def broken():
        raise ArithmeticError("derivation contradicted by its independent route")

    registry = {"mag:eq99": verdict.Check("mag:eq99", "mag", "99", "a broken check", broken)}
    monkeypatch.setattr(verify, "REGISTRY", registry)
    monkeypatch.setattr(verify, "_load", lambda paper=None: None)
    out = tmp_path / "r.json"
    assert cli.main(["verify", "--paper", "mag", "--json", str(out), "--quiet"]) == 1
    rec = json.loads(out.read_text())["checks"][0]
    assert rec["status"] == "error" and "contradicted" in rec["note"]


def _toy_differs():
    require_close("toy route", 1.0, 1.0, 1e-12)
    return verdict.Verdict("differs", "m", "n", "x", premises=("mag:eq1",), independent="toy")


def test_differs_alone_exits_zero(monkeypatch, tmp_path):
    registry = {"mag:eq98": verdict.Check("mag:eq98", "mag", "98", "a misprint", _toy_differs)}
    monkeypatch.setattr(verify, "REGISTRY", registry)
    monkeypatch.setattr(verify, "_load", lambda paper=None: None)
    assert cli.main(["verify", "--quiet"]) == 0


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="status"):
        verdict.Verdict("maybe", "m")



# --- the rules a verdict must meet ----------------------------------------------------------------

def _run_one(monkeypatch, func, cid="mag:eq97", mutants=False):
    paper, eq = cid.split(":eq")
    monkeypatch.setattr(verify, "REGISTRY", {cid: verdict.Check(cid, paper, eq, "toy", func)})
    monkeypatch.setattr(verify, "_load", lambda paper=None: None)
    return verify.run(paper, mutants=mutants, jobs=1)[0]


@pytest.mark.parametrize("premises, independent, route, readings, words", [
    ((), "toy", True, None, "must name the premises"),
    (("mag:eq97", "mag:eq1"), "toy", True, None, "among its own premises"),
    (("mag:eq1",), "", True, None, "must name its independent route"),
    (("mag:eq1",), "toy", False, None, "must run its independent route"),
    (("mag:eq1",), "toy", True, {"literal": "differs", "other": "agrees"}, "literal reading"),
])
def test_a_verdict_that_breaks_a_rule_is_an_error(monkeypatch, premises, independent, route, readings, words):
    def toy():
        if route:
            require_close("toy route", 2.0, 2.0, 1e-12)
        return verdict.Verdict("agrees", "m", premises=premises, independent=independent, readings=readings)

    rec = _run_one(monkeypatch, toy)
    assert rec["status"] == "error" and words in rec["note"], rec["note"]


def test_a_given_verdict_needs_its_note(monkeypatch):
    assert _run_one(monkeypatch, lambda: verdict.Verdict("given", "stated"))["status"] == "error"
    rec = _run_one(monkeypatch, lambda: verdict.Verdict("given", "stated", "a definition"))
    assert rec["status"] == "given" and rec["premises"] == []


# --- mutation testing ----------------------------------------------------------------------------

def _honest_eq9():
    """Eq. 9 derived (the normalisation integral), compared with the print: mutants are caught."""
    d = mag.core_density()
    diffs = symbolic_differences(d, printed.EQUATIONS["9"].meant)
    require_close("toy route", 1.0, 1.0, 1e-12)
    return compare_verdict(diffs, "m", premises=d.premises, independent="toy")


def _circular_eq9():
    """A deliberately circular check: its 'derivation' reads the printed form it then compares with."""
    meant = printed.EQUATIONS["9"].meant
    derived = {k: sp.simplify(2 * e / 2) for k, e in meant.items()}  # the print, restated
    diffs = {k: sp.simplify(derived[k] - meant[k]) for k in meant}
    require_close("toy route", 1.0, 1.0, 1e-12)
    return compare_verdict(diffs, "m", premises=("mag:eq6",), independent="toy")


def test_mutants_flag_a_circular_check_and_pass_an_honest_one(monkeypatch):
    honest = _run_one(monkeypatch, _honest_eq9, mutants=True)
    assert honest["status"] == "agrees"
    assert honest["mutants"]["tried"] >= 5 and honest["mutants"]["uncaught"] == []
    circular = _run_one(monkeypatch, _circular_eq9, mutants=True)
    assert circular["status"] == "agrees"  # the verdict alone cannot tell ...
    m = circular["mutants"]  # ... but not one mutant of the print is caught
    assert m["tried"] >= 5 and m["caught"] == 0 and len(m["uncaught"]) == m["tried"]
    assert all("printed.mag.EQUATIONS['9']" in u for u in m["uncaught"])


@pytest.mark.validation
def test_every_mag_check_catches_its_mutants():
    """The mutation test over every registered mag check: all mutants caught; for the misprints,
    the corrected form agrees in the print's place and its mutants are caught.  In the validation
    tier with every paper's (test_verify_mutants.py); the default suite keeps the toy checks above,
    which show the mechanism catching an honest check's mutants and none of a circular one's."""
    records = verify.run("mag", mutants=True)
    for rec in records:
        if rec["status"] in ("agrees", "differs"):
            m = rec["mutants"]
            assert m["tried"] >= 5 and m["uncaught"] == [], (rec["id"], m)
            if rec["status"] == "differs":
                assert m["corrected_passes"], rec["id"]


@functools.lru_cache(maxsize=None)
def _remembered_print():
    """A cached 'derivation' that reads the print: a warm mutant run would reuse what it remembered."""
    return {k: sp.simplify(2 * e / 2) for k, e in printed.EQUATIONS["9"].meant.items()}


def _cached_circular_eq9():
    meant = printed.EQUATIONS["9"].meant
    derived = _remembered_print()
    diffs = {k: sp.simplify(derived[k] - meant[k]) for k in meant}
    require_close("toy route", 1.0, 1.0, 1e-12)
    return compare_verdict(diffs, "m", premises=("mag:eq6",), independent="toy")


def test_mutants_see_a_print_read_inside_a_cached_derivation(monkeypatch):
    """The mutant runs start from the session's remembered values only when none was computed from a
    print: here one was, so every run starts cold, the reads are named, and no mutant is caught."""
    _remembered_print.cache_clear()
    rec = _run_one(monkeypatch, _cached_circular_eq9, mutants=True)
    m = rec["mutants"]
    assert any("_remembered_print" in r for r in m["cached_reads"])
    assert m["tried"] >= 5 and m["caught"] == 0


def test_an_honest_check_runs_its_mutants_warm(monkeypatch):
    rec = _run_one(monkeypatch, _honest_eq9, mutants=True)
    assert "cached_reads" not in rec["mutants"] and rec["mutants"]["uncaught"] == []
