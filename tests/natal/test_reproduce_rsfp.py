"""``natal reproduce --paper rsfp`` at tiny statistics: the report's structure and the analytic numbers."""

from __future__ import annotations

import json

import pytest

from natal.derivations.printed.rsfp_data import TABLE1
from natal.reproduce import rsfp


@pytest.mark.slow
def test_reproduction_writes_table1_beside_the_paper(tmp_path):
    stats = rsfp.Statistics(n_per_row=40, batch_size=20, scheduler="serial")
    report = rsfp.run(tmp_path, progress=lambda _m: None, statistics=stats, variants=False)
    data = json.loads((tmp_path / "report.json").read_text())
    rows = data["tables"]["table1"]
    assert len(rows) == len(TABLE1) == 20
    for row, printed in zip(rows, TABLE1):
        assert {"rres_rc", "B_G", "delta", "n_neutrinos", "gamma_max", "fs", "dp_s", "dp_tau",
                "dp_total"} <= set(row)
        assert row["n_neutrinos"] == 40
        for key in ("gamma_max", "fs", "dp_s", "dp_tau", "dp_total"):
            assert set(row[key]) >= {"value", "err", "paper"}
            assert row[key]["paper"] == printed[key]
        assert 0 <= row["fs"]["value"] <= 1
    # the four outer groups' gamma_max within 1% of the paper (Done-when of the issue)
    outer = [r for r in rows if r["rres_rc"] > 1]
    assert all(abs(r["gamma_max"]["value"] / r["gamma_max"]["paper"] - 1) < 0.01 for r in outer)
    for name in ("fig1.png", "fig2.png", "fig_table1.png", "report.md"):
        assert (tmp_path / name).stat().st_size > 0
    assert "Table 1: natal beside the paper" in (tmp_path / "report.md").read_text()
    assert report.quantities["C1"].paper == 5.2
    # a second run resumes from the checkpoints: nothing to compute, same numbers
    again = rsfp.run(tmp_path, progress=lambda _m: None, statistics=stats, variants=False)
    assert again.tables["table1"][0]["dp_total"] == rows[0]["dp_total"]
