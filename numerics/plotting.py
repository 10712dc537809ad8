"""Shared figure conventions: every figure says what it rests on (analytic, surrogate or tables)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt

__all__ = ["BASES", "colors", "new_figure", "stamp", "save"]

#: What a figure may rest on.
BASES = {
    "analytic": "analytic",
    "monte carlo": "Monte Carlo",
    "surrogate": "SURROGATE neutrino data (not Arnett 1977)",
    "tables": "neutrino tables",
}


def new_figure(ncols: int = 1, width: float = 6.4, height: float = 4.4, **kwargs):
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), **kwargs)
    return fig, axes


def colors(n: int) -> list:
    """``n`` colours evenly along viridis, for families of curves (shells, energy groups)."""
    cmap = plt.get_cmap("viridis")
    return [cmap(i / max(1, n - 1)) for i in range(n)]


def stamp(fig, basis: str, detail: str = "") -> None:
    """Write the figure's basis in its lower right corner (and the detail, e.g. the table directory)."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {sorted(BASES)}, got {basis!r}")
    text = BASES[basis] + (f": {detail}" if detail else "")
    fig.text(0.995, 0.005, text, ha="right", va="bottom", fontsize=7, color="0.35",
             style="italic")


def save(fig, path: Path) -> Path:
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    tmp = path.with_name(path.stem + ".tmp" + path.suffix)
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    tmp.replace(path)
    return path
