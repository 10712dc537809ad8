"""The rsfp figures' axes say what they show: every panel has its y label, Table 1's delta its unit, and
Fig. 1's curves that leave the log scale stop at its floor (masked below it), with a mark where they leave."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from natal.papers.rsfp import figures  # noqa: E402


@pytest.fixture
def drawn(monkeypatch):
    """The figures the functions draw, caught before they are saved and closed."""
    caught = []
    original = figures.save

    def keep(fig, path):
        caught.append(fig)
        fig.canvas.draw()  # what the saved PNG shows, for the tests to read
        return original(fig, path)

    monkeypatch.setattr(figures, "save", keep)
    return caught


def _rows():
    rows = []
    for rr, b, deltas in ((0.8, 8e15, (0.1, 0.5)), (1.5, 4e15, (0.2, 0.5))):
        for i, d in enumerate(deltas):
            entry = {"rres_rc": rr, "B_G": b, "delta": d}
            for k in ("fs", "dp_s", "dp_tau", "dp_total"):
                entry[k] = {"value": 0.1 * (i + 1), "err": 0.01, "paper": 0.2}
            rows.append(entry)
    rows[0]["dp_tau"] = {"value": None, "err": None, "paper": -0.001}  # a column a run cannot form
    return rows


def test_table1_figure_labels_every_panel_and_gives_delta_its_unit(tmp_path, drawn):
    figures.fig_table1(tmp_path / "t.png", _rows())
    (fig,) = drawn
    axes = fig.axes
    assert len(axes) == 4
    for ax in axes:
        assert ax.get_ylabel().strip(), f"panel {ax.get_title()!r} has no y label"
        assert r"$\delta$ [$R_c$]" in ax.get_xlabel()
    assert (tmp_path / "t.png").stat().st_size > 0


def test_table1_figure_delta_unit_follows_the_setting_and_the_rows(tmp_path, drawn):
    figures.fig_table1(tmp_path / "t.png", _rows(), delta_unit="R_res")
    assert all(r"$\delta$ [$R_{\rm res}$]" in ax.get_xlabel() for ax in drawn[0].axes)
    rows = [dict(r, delta_unit="R_res") for r in _rows()]
    with pytest.raises(ValueError, match="delta_unit"):
        figures.fig_table1(tmp_path / "u.png", rows)  # rows in R_res drawn as R_c
    with pytest.raises(ValueError, match="delta_unit"):
        figures.fig_table1(tmp_path / "v.png", _rows(), delta_unit="km")


def test_below_floor_masked_stops_a_curve_at_the_floor():
    x = np.linspace(0.0, 4.0, 5)
    y = np.array([0.0, 1e-2, 1e-4, 1e-1, 1.0])  # below, above, below, above, above
    xs, ys, exits = figures.below_floor_masked(x, y, 1e-3)
    finite = ys[np.isfinite(ys)]
    assert finite.min() == 1e-3  # the inserted crossings sit exactly on the floor ...
    assert np.all(finite >= 1e-3)  # ... and nothing is drawn below it
    assert np.isnan(ys[xs == 0.0]).all() and np.isnan(ys[xs == 2.0]).all()
    # three crossings, each between its neighbours, by linear interpolation
    assert exits.size == 3
    assert exits[0] == pytest.approx(1.0 - (1e-2 - 1e-3) / 1e-2)
    assert 1.0 < exits[1] < 2.0 and 2.0 < exits[2] < 3.0
    # a curve that never leaves is unchanged
    xs, ys, exits = figures.below_floor_masked(x, y + 1.0, 1e-3)
    assert np.array_equal(ys, y + 1.0) and exits.size == 0


def test_fig1_curves_that_leave_the_scale_are_masked_and_marked(tmp_path, drawn):
    figures.fig1(tmp_path / "f.png")
    (fig,) = drawn
    left, right = fig.axes[:2]
    for ax in (left, right):
        assert ax.get_ylabel().strip()
        floor = ax.get_ylim()[0]
        assert floor == figures.FIG1_FLOOR
        curves = [ln for ln in ax.get_lines() if ln.get_gid() != "leaves-scale" and ln.get_linestyle() != "None"
                  and len(ln.get_ydata()) > 2]
        assert len(curves) == 5
        for ln in curves:
            y = np.asarray(ln.get_ydata(), dtype=float)
            finite = y[np.isfinite(y)]
            assert np.all(finite >= floor), "a curve is drawn below the axis floor"
            # no run along the floor: at most isolated points sit on it (where a curve crosses it)
            on = np.isclose(y, floor, rtol=1e-12)
            assert not np.any(on[1:] & on[:-1]), "a curve runs along the floor"
    # B_perp transverse to the radial direction vanishes at the poles: every curve of the right panel
    # leaves the scale there, and each leaving is marked
    marks = [ln for ln in right.get_lines() if ln.get_gid() == "leaves-scale"]
    assert len(marks) == 5
    assert all(np.all(np.asarray(m.get_ydata()) == figures.FIG1_FLOOR) for m in marks)
    masked = [ln for ln in right.get_lines() if ln.get_gid() != "leaves-scale"
              and np.isnan(np.asarray(ln.get_ydata(), dtype=float)).any()]
    assert len(masked) == 5
    assert any("leaves the scale" in t.get_text() for t in right.texts)
    # the left panel (B_perp = |B|) stays on the scale: nothing masked, nothing marked
    assert not [ln for ln in left.get_lines() if ln.get_gid() == "leaves-scale"]
    assert math.isfinite(float(np.nanmin(np.asarray(left.get_lines()[0].get_ydata(), dtype=float))))
