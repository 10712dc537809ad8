"""natal reproduce --paper nuN: the report holds R_sc/abs at the three points under every option."""

import json

import pytest

from natal import reproduce
from natal.papers.nuN import reproduce as nuN


@pytest.mark.slow
def test_report_has_every_point_option_and_the_verdict(tmp_path):
    report = reproduce.run("nuN", tmp_path, n_grid=5)
    data = json.loads((tmp_path / "report.json").read_text())
    # the paper states no number for R_sc/abs: natal's are a table of variants by point, not quantities
    assert data["quantities"] == {}
    rows = {row["name"]: row for row in data["variants"]}
    for variant in ("derived", "printed", "derived, electron_blocking=False", "derived, mu_nu=beta",
                    "derived, scattering_moment=magneton", "derived, proton_moment=anomalous"):
        assert all(rows[variant][f"R({a:g},{b:g})"] > 0 for a, b in nuN.POINTS)
    assert (tmp_path / "fig1.png").stat().st_size > 10_000
    assert (tmp_path / "fig_coefficients.png").exists()
    md = (tmp_path / "report.md").read_text()
    assert "Does the paper's conclusion survive?" in md and "Verdict" in md
    assert report.figures and len(data["tables"]["points"]) == 3


def test_grid_size_is_validated(tmp_path):
    with pytest.raises(ValueError, match="n_grid"):
        reproduce.run("nuN", tmp_path, n_grid=2)


def test_the_beta_equilibrium_sentence_follows_the_numbers():
    from natal.papers.nuN import reproduce as reproduce_nuN

    pts = [f"({a:g}, {b:g})" for a, b in reproduce_nuN.POINTS]
    low = {p: 0.01 for p in reproduce_nuN.POINTS}
    table = {"derived, mu_nu=beta": low, "printed, mu_nu=beta": dict(low)}
    assert "stays below 1 for both coefficient sets" in reproduce_nuN._beta_sentence(table, pts)
    table["printed, mu_nu=beta"][reproduce_nuN.POINTS[1]] = 3.0
    text = reproduce_nuN._beta_sentence(table, pts)
    assert "still reaches 1 for printed at (3.3, 6)" in text and "stays below" not in text
