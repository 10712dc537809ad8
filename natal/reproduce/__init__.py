"""``natal reproduce``: each paper's figures, tables and numbers (one module per paper)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

__all__ = ["PAPERS", "run", "silent"]

#: papers with a reproduction, and the module that runs it
PAPERS = {"mag": "natal.reproduce.mag", "nuN": "natal.reproduce.nuN", "rsfp": "natal.reproduce.rsfp"}


def silent(_message: str) -> None:
    """The progress callback of a quiet run (the modules also leave their progress bars off)."""


def run(paper: str, out: Path, progress: Callable[[str], None] | None = None, **options):
    """Run one paper's reproduction into ``out``; returns its :class:`natal.report.Report`."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {sorted(PAPERS)}, got {paper!r}")
    module = importlib.import_module(PAPERS[paper])
    return module.run(Path(out), progress=progress or silent, **options)
