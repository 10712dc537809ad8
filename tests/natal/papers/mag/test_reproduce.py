"""`natal reproduce --paper mag` end to end on a coarse grid, and the report writer."""

from __future__ import annotations

import json
import math

import pytest

from natal import cli
from natal.derivations.printed import mag as printed
from natal.report import Quantity, Report, relative_difference

REQUIRED = ("t_max_s", "rho_c_max_g_cm3", "v_surface_final_cm_s", "psi_trap_center", "t_trap_center_s",
            "omega_prefactor", "t_begin_10km_s", "t_end_10km_s", "force_ratio_p_e", "max_abs_dBz_dt_G_s",
            "max_abs_force_e_dyn", "gravity_e_surface_dyn")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("mag")
    assert cli.main(["reproduce", "--paper", "mag", "--out", str(out), "--quiet"]) == 0
    return out, json.loads((out / "report.json").read_text())


@pytest.mark.slow
def test_every_quantity_is_reported_beside_the_paper(report):
    out, data = report
    q = data["quantities"]
    assert set(REQUIRED) <= set(q)
    for name in REQUIRED:
        entry = q[name]
        assert math.isfinite(entry["value"]) and entry["note"], name
        assert entry["paper"] == printed.STATED[name][0]
        if entry["paper"] is not None:
            assert entry["rel_diff"] == pytest.approx((entry["value"] - entry["paper"]) / abs(entry["paper"]))
        assert entry["basis"] in ("analytic", "surrogate", "tables")
    # the numbers the paper's parameters fix on their own agree to the digits the paper gives
    assert abs(q["t_max_s"]["rel_diff"]) < 0.002
    assert abs(q["psi_trap_center"]["rel_diff"]) < 2e-5
    assert q["max_abs_dBz_dt_G_s"]["basis"] == "surrogate"


@pytest.mark.slow
def test_figures_and_markdown(report):
    out, data = report
    assert data["figures"] == [f"fig{i}.png" for i in range(1, 9)]
    for name in data["figures"]:
        assert (out / name).stat().st_size > 10_000
    md = (out / "report.md").read_text()
    assert "surrogate" in md.lower() and "| `t_max_s` |" in md
    assert not list(out.glob("*.tmp*")), "atomic writes leave no temporary files behind"


def test_relative_difference_and_quantity():
    assert relative_difference(3.0, 2.0) == pytest.approx(0.5)
    assert relative_difference(1.0, None) is None
    d = Quantity(1.0, -2.0, "s", "analytic", "why").as_dict()
    assert d["rel_diff"] == pytest.approx(1.5) and d["note"] == "why"


def test_report_marks_nan_instead_of_losing_the_run(tmp_path):
    """A NaN quantity is written as null and listed, so a long run's other numbers are kept."""
    import json

    r = Report("mag", "t")
    r.quantities["x"] = Quantity(float("nan"), 1.0, "1", "analytic")
    r.write(tmp_path)
    doc = json.loads((tmp_path / "report.json").read_text())
    assert doc["quantities"]["x"]["value"] is None and doc["non_finite"] == ["/quantities/x/value"]
    assert "| `x` | nan |" in (tmp_path / "report.md").read_text()


def test_bad_tables_directory(tmp_path, capsys):
    assert cli.main(["reproduce", "--paper", "mag", "--out", str(tmp_path / "o"), "--tables", str(tmp_path),
                     "--quiet"]) == 2
    assert "shells.csv" in capsys.readouterr().err


def test_malformed_table_is_named_with_its_line(tmp_path, capsys):
    from natal.numerics.mag import neutrino_data as nd

    for name in ("shells.csv", "energy_per_nucleon.csv", "luminosity.csv"):
        (tmp_path / name).write_text((nd.SYNTHETIC_TABLES / name).read_text())
    lines = (tmp_path / "shells.csv").read_text().splitlines()
    bad = next(i for i, line in enumerate(lines) if line and not line.startswith("#") and line[0].isdigit())
    lines[bad] = lines[bad].split(",")[0] + ",nan"
    (tmp_path / "shells.csv").write_text("\n".join(lines) + "\n")
    assert cli.main(["reproduce", "--paper", "mag", "--out", str(tmp_path / "o"), "--tables", str(tmp_path),
                     "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "shells.csv" in err and f"line {bad + 1}" in err
