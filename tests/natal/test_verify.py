"""natal verify: the mag checks, the report format, and how a failing check is reported."""

import json

import pytest

from natal import cli, verify

REQUIRED = {"mag:eq4", "mag:eq5", "mag:eq9", "mag:eq14", "mag:eq15", "mag:eq16"}


@pytest.fixture(scope="module")
def mag_records():
    return verify.run("mag")


def test_every_required_mag_equation_is_derived(mag_records):
    by_id = {r["id"]: r for r in mag_records}
    assert REQUIRED <= set(by_id)
    assert all(by_id[i]["status"] in ("agrees", "differs") for i in REQUIRED)


def test_known_verdicts(mag_records):
    status = {r["id"]: r["status"] for r in mag_records}
    # Eq. 16 omits the density-gradient force; the others agree with their derivations.
    assert status["mag:eq16"] == "differs"
    assert all(status[i] == "agrees" for i in REQUIRED - {"mag:eq16"})
    eq16 = next(r for r in mag_records if r["id"] == "mag:eq16")
    assert "dn_nu_dr" in eq16["corrected"] and eq16["note"]


def test_report_has_the_design_fields(mag_records):
    doc = verify.report(mag_records)
    assert doc["natal_version"]
    for rec in doc["checks"]:
        assert {"id", "paper", "equation", "title", "status", "method", "note", "corrected",
                "seconds"} <= set(rec)
        assert rec["id"] == f"{rec['paper']}:eq{rec['equation']}"
    json.dumps(doc)  # serialisable


def test_failing_check_is_an_error_and_exits_nonzero(monkeypatch, tmp_path, capsys):
    def broken():
        raise ArithmeticError("derivation contradicted by its independent route")

    registry = {"mag:eq99": verify.Check("mag:eq99", "mag", "99", "a broken check", broken)}
    monkeypatch.setattr(verify, "REGISTRY", registry)
    monkeypatch.setattr(verify, "_load", lambda: None)
    out = tmp_path / "r.json"
    assert cli.main(["verify", "--paper", "mag", "--json", str(out), "--quiet"]) == 1
    rec = json.loads(out.read_text())["checks"][0]
    assert rec["status"] == "error" and "contradicted" in rec["note"]


def test_differs_alone_exits_zero(monkeypatch, tmp_path):
    registry = {"mag:eq98": verify.Check(
        "mag:eq98", "mag", "98", "a misprint", lambda: verify.Verdict("differs", "m", "n", "x"))}
    monkeypatch.setattr(verify, "REGISTRY", registry)
    monkeypatch.setattr(verify, "_load", lambda: None)
    assert cli.main(["verify", "--quiet"]) == 0


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="status"):
        verify.Verdict("maybe", "m")
