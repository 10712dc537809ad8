"""The crossing-order table, the regime diagnostics and the factorial design of ``natal reproduce --paper
rsfp`` (issue 22 items 1-3), at tiny statistics: their structure and the relations that hold on any walk."""

from __future__ import annotations

import json
import math

import pytest

from natal.derivations.printed.rsfp_data import TABLE1
from natal.papers.rsfp import reproduce as rsfp


def test_chi_square_weighs_each_row_by_both_errors_and_skips_what_cannot_be_compared():
    entries = [({"value": 0.5, "err": 0.1}, 0.3, 0.0),       # (0.2 / 0.1)^2 = 4
               ({"value": 0.2, "err": 0.03}, 0.24, 0.04),    # 0.04^2 / 0.05^2 = 0.64
               ({"value": None, "err": None}, 0.1, 0.01),    # nothing measured
               ({"value": 0.0, "err": 0.0}, 0.0, 0.0)]       # no error on either side
    chi2, n = rsfp.chi_square(entries)
    assert n == 2
    assert chi2 == pytest.approx(4.64)


def test_the_paper_errors_are_binomial_for_fs_and_scaled_for_dp_with_the_rounding():
    rounding = rsfp.PAPER_STEP / math.sqrt(12)
    assert rsfp._paper_errors({"value": 0.4, "err": 0.01}, 0.5, "fs", 40_000) == pytest.approx(
        math.hypot(math.sqrt(0.25 / rsfp.PAPER_NEUTRINOS), rounding))
    assert rsfp._paper_errors({"value": 0.1, "err": 0.02}, 0.2, "dp_s_energy", 40_000) == pytest.approx(
        math.hypot(0.02 * math.sqrt(40_000 / rsfp.PAPER_NEUTRINOS), rounding))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("rsfp")
    stats = rsfp.Statistics(n_per_row=40, batch_size=20, n_variant=160, scheduler="serial")
    rsfp.run(out, progress=lambda _m: None, statistics=stats, variants=True)
    return json.loads((out / "report.json").read_text()), out


@pytest.mark.slow
def test_crossing_order_table_grows_with_k_and_ends_at_table1(report):
    data, out = report
    rows = data["tables"]["table1_by_crossing_order"]
    assert len(rows) == len(TABLE1) * len(rsfp.CROSSING_ORDERS)
    for i, printed in enumerate(TABLE1):
        mine = rows[i * 5:(i + 1) * 5]
        assert [r["k"] for r in mine] == [1, 2, 3, 5, "all"]
        assert all((r["rres_rc"], r["B_G"], r["delta"]) == (printed["rres_rc"], printed["B_G"], printed["delta"])
                   for r in mine)
        fs = [r["fs"]["value"] for r in mine]
        assert all(a <= b for a, b in zip(fs, fs[1:])), (i, fs)  # one walk, one uniform per crossing
        plain = data["tables"]["table1"][i]
        assert mine[-1]["fs"]["value"] == plain["fs"]["value"]
        assert mine[-1]["dp_s_energy"]["value"] == plain["dp_s"]["value"]
        assert mine[-1]["paper_fs"] == printed["fs"] and mine[-1]["paper_dp_s"] == printed["dp_s"]
        for key in ("fs", "dp_s_energy", "dp_s_number", "dp_tau", "dp_total"):
            assert set(mine[0][key]) == {"value", "err"}
    assert (out / "fig_crossing_order.png").stat().st_size > 0
    assert "Table 1 by crossing order" in (out / "report.md").read_text()


@pytest.mark.slow
def test_diagnostics_describe_every_row(report):
    data, _ = report
    rows = data["tables"]["table1_diagnostics"]
    assert len(rows) == len(TABLE1)
    for r in rows:
        assert r["crossings_per_neutrino"] > 0
        for key in ("tau_transport_sphere_inside_shell_fraction", "first_crossing_fraction"):
            assert r[key] is None or 0 <= r[key] <= 1
        assert r["tau_escape_radius_rc_mean"] is None or r["tau_escape_radius_rc_mean"] > r["rres_rc"]


@pytest.mark.slow
def test_factorial_records_every_combination_of_the_walks_run(report):
    data, _ = report
    records = data["tables"]["table1_factorial"]
    run = data["settings"]["factorial walks (neutrinos per row)"]
    walks = [name for name, n in run.items() if isinstance(n, int)]
    assert len(records) == len(walks) * 2 * len(rsfp.CROSSING_ORDERS) * 2
    assert {(r["redraw_spectrum"], r["resonance"]) for r in records} == {
        tuple(name.replace(" redraw", "").replace(" shell", "").split(", ")) for name in walks}
    for r in records:
        assert r["chi2_fs"] >= 0 and r["chi2_dp_s"] >= 0 and r["n_rows_fs"] <= 20
    # the Table 1 walk's combination with delta in R_c, every crossing, energy weighting is Table 1 itself
    table = {(r["rres_rc"], r["B_G"], r["delta"]): r for r in data["tables"]["table1_by_crossing_order"]
             if r["k"] == "all"}
    entries = [(t["fs"], t["paper_fs"], rsfp._paper_errors(t["fs"], t["paper_fs"], "fs", 40)) for t in table.values()]
    mine = next(r for r in records if (r["redraw_spectrum"], r["resonance"], r["delta_unit"], r["k"],
                                       r["dp_weighting"]) == ("number", "fixed", "R_c", "all", "energy"))
    assert mine["chi2_fs"] == pytest.approx(rsfp.chi_square(entries)[0])
    assert "The unstated choices in combination" in report[1].joinpath("report.md").read_text()


def _measured(shift: float) -> dict:
    """Every row of a walk at the paper's values (plus ``shift``) with a small error."""
    out = {}
    for key in rsfp._row_keys():
        printed = TABLE1[key[0]]
        out[key] = {name: {"value": printed[col] + shift, "err": 0.001} for name, col in (
            ("fs", "fs"), ("dp_s_energy", "dp_s"), ("dp_s_number", "dp_s"), ("dp_tau", "dp_tau"),
            ("dp_total", "dp_total"))}
    return out


def test_agreeing_rows_are_those_within_two_sigma_of_the_paper():
    same = rsfp._agreeing_rows(_measured(0.0), 20_000, "R_c", 0, "energy")
    assert all(len(rows) == len(TABLE1) for rows in same.values())
    # 0.02 is many times natal's 0.001 and the paper's rounding (0.01/sqrt(12), 0.001/sqrt(12) for dp_tau)
    far = rsfp._agreeing_rows(_measured(0.02), 20_000, "R_c", 0, "energy")
    assert all(rows == [] for rows in far.values())


@pytest.mark.slow
def test_conclusion_names_the_rows_each_reading_reproduces(report):
    data, out = report
    c = data["tables"]["table1_conclusion"]
    labels = {f"{r['rres_rc']:g}/{r['B_G']:.0e}/{r['delta']:g}" for r in TABLE1}
    as_read = c["as_read"]
    assert (as_read["redraw_spectrum"], as_read["resonance"], as_read["delta_unit"], as_read["k"],
            as_read["dp_weighting"]) == ("number", "fixed", "R_c", "all", "energy")
    most = [m for m in (c["most_rows_fs_and_dp_s"], c["most_rows_fs_and_dp_s_unresolved"]) if m is not None]
    for combination in filter(None, (as_read, c["closest_resolved"], *most)):
        rows = combination["rows_within_2_sigma"]
        assert set(rows) == {"fs", "dp_s", "dp_tau", "dp_total"} and all(set(v) <= labels for v in rows.values())
        assert set(combination["rows_fs_and_dp_s_within_2_sigma"]) == set(rows["fs"]) & set(rows["dp_s"])
    assert max(len(m["rows_fs_and_dp_s_within_2_sigma"]) for m in most) >= len(as_read["rows_fs_and_dp_s_within_2_sigma"])
    for key in ("dp_tau_natal_range", "dp_total_natal_range"):  # only values measured to PRECISE enter
        assert c[key] is None or c[key][0] <= c[key][1]
    assert c["dp_tau_paper_range"] == [min(r["dp_tau"] for r in TABLE1), max(r["dp_tau"] for r in TABLE1)]
    assert c["combinations"] == len(data["tables"]["table1_factorial"])
    assert "What the tables show" in (out / "report.md").read_text()
