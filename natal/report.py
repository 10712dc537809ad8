"""Reproduction reports: report.json, report.md and report.html for one paper (DESIGN.md,
"Reproduction report").

A :class:`Report` collects quantities (natal's value beside the paper's), figures and tables, and
writes the three files atomically, so an interrupted run never leaves a half-written report.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natal import __version__
from natal.files import write_atomic
from natal.pages import report_page

__all__ = ["Quantity", "Report", "json_text", "relative_difference", "write_atomic"]


def relative_difference(value: float, paper: float | None) -> float | None:
    """(value - paper) / |paper|, signed; None where the paper states no number, and where the
    paper's value is 0 and natal's is not (no relative measure exists there)."""
    if paper is None or value is None or not (math.isfinite(value) and math.isfinite(paper)):
        return None
    if paper == 0:
        return 0.0 if value == 0 else None
    return (value - paper) / abs(paper)


@dataclass
class Quantity:
    """One recomputed number: natal's value, the paper's where it states one, and what explains the
    difference."""

    value: float
    paper: float | None
    unit: str
    basis: str  # "analytic", "surrogate" or "tables": what the number rests on
    note: str = ""
    paper_says: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "paper": self.paper,
                "rel_diff": relative_difference(self.value, self.paper), "unit": self.unit,
                "basis": self.basis, "note": self.note, "paper_says": self.paper_says}


@dataclass
class Report:
    """What ``natal reproduce --paper P`` found for one paper."""

    paper: str
    title: str
    quantities: dict[str, Quantity] = field(default_factory=dict)
    figures: dict[str, str] = field(default_factory=dict)  # file name -> caption
    tables: dict[str, Any] = field(default_factory=dict)
    variants: list[dict[str, Any]] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading, markdown body)
    settings: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "natal_version": __version__,
            "paper": self.paper,
            "title": self.title,
            "settings": self.settings,
            "quantities": {k: q.as_dict() for k, q in self.quantities.items()},
            "figures": list(self.figures),
            "tables": self.tables,
            "variants": self.variants,
            "seconds": round(self.seconds, 2),
        }

    def markdown(self) -> str:
        lines = [f"# natal reproduction: {self.title} (`{self.paper}`)", "",
                 f"natal {__version__}; {self.seconds:.1f} s.", ""]
        if self.settings:
            lines += ["## Settings", ""]
            lines += [f"- `{k}`: {v}" for k, v in self.settings.items()]
            lines.append("")
        lines += ["## Quantities", ""]
        if not self.quantities:
            lines += ["The paper states no number that natal recomputes here; natal's numbers are in the "
                      "tables below.", ""]
        lines += ["| quantity | natal | paper | rel. diff | unit | rests on |",
                  "|---|---|---|---|---|---|"] if self.quantities else []
        for name, q in self.quantities.items():
            d = q.as_dict()
            rel = "" if d["rel_diff"] is None else f"{d['rel_diff']:+.2e}"
            paper = "(figure only)" if q.paper is None else f"{q.paper:.6g}"
            lines.append(f"| `{name}` | {q.value:.6g} | {paper} | {rel} | {q.unit} | {q.basis} |")
        notes = [f"- **`{name}`** ({q.paper_says or 'paper value'}): {q.note}"
                 for name, q in self.quantities.items() if q.note]
        if notes:
            lines += ["", "### Notes", "", *notes]
        lines.append("")
        if self.variants:
            keys = [k for k in self.variants[0] if k != "name"]
            lines += ["## Unstated choices and how much they move the results", "",
                      "| variant | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
            for v in self.variants:
                cells = [f"{v[k]:.4g}" if isinstance(v[k], float) else "n/a" if v[k] is None else str(v[k])
                         for k in keys]
                lines.append(f"| {v['name']} | " + " | ".join(cells) + " |")
            lines.append("")
        for heading, body in self.sections:
            lines += [f"## {heading}", "", body.strip(), ""]
        if self.figures:
            lines += ["## Figures", ""]
            for name, caption in self.figures.items():
                lines += [f"![{name}]({name})", "", f"*{name}*: {caption}", ""]
        return "\n".join(lines)

    def write(self, directory: Path) -> tuple[Path, Path, Path]:
        """Write report.json, report.md and report.html; every text is made before any file is
        touched, so a report that cannot be rendered leaves the folder as it was."""
        texts = {directory / "report.json": json_text(self.as_dict()), directory / "report.md": self.markdown(),
                 directory / "report.html": report_page(self)}
        directory.mkdir(parents=True, exist_ok=True)
        for path, text in texts.items():
            write_atomic(path, text)
        return tuple(texts)


def json_text(document: Any) -> str:
    """Strict JSON (RFC 8259) of ``document``: a NaN or infinite number becomes null, and the
    top-level object lists where in ``"non_finite"``, so that no reader has to accept NaN tokens."""
    found: list[str] = []
    clean = _finite_only(document, "", found)
    if found and isinstance(clean, dict):
        clean["non_finite"] = found
    return json.dumps(clean, indent=2, allow_nan=False) + "\n"


def _finite_only(obj: Any, where: str, found: list[str]) -> Any:
    if isinstance(obj, float) and not math.isfinite(obj):
        found.append(where or "/")
        return None
    if isinstance(obj, dict):
        return {k: _finite_only(v, f"{where}/{k}", found) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite_only(v, f"{where}/{i}", found) for i, v in enumerate(obj)]
    return obj
