"""The registry of equation checks behind ``natal verify``.

A check compares one printed equation with its derivation and returns a :class:`Verdict`:

* ``agrees``: the difference between derived and printed forms simplifies to zero *and* a numeric
  spot check by an independent route (Cartesian finite differences, quadrature, explicit matrices)
  agrees with the derivation;
* ``differs``: the derivation, itself confirmed by the independent route, disagrees with the print;
  ``corrected`` holds the derived form and ``note`` says what differs and why it matters;
* ``not-derived``: natal has no derivation for it (nothing is called ``agrees`` without one).

A check that raises (a derivation contradicted by its independent route, a bug) is recorded with
status ``error``; ``natal verify`` then exits non-zero.  Differences are findings, not failures.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import asdict, dataclass
from typing import Callable, Iterable

from . import __version__
from .cachedir import UntrustedCacheError

__all__ = ["Verdict", "Check", "REGISTRY", "check", "run", "report", "format_table", "STATUSES"]

STATUSES = ("agrees", "differs", "not-derived", "error")
PAPERS = ("mag", "nuN", "rsfp")


@dataclass(frozen=True)
class Verdict:
    """What a check concluded."""

    status: str
    method: str
    note: str = ""
    corrected: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES[:3]:
            raise ValueError(f"status must be one of {STATUSES[:3]}, got {self.status!r}")


@dataclass(frozen=True)
class Check:
    """A registered check: ``id`` is ``<paper>:eq<N>``."""

    id: str
    paper: str
    equation: str
    title: str
    func: Callable[[], Verdict]


REGISTRY: dict[str, Check] = {}


def check(paper: str, equation: str, title: str) -> Callable[[Callable[[], Verdict]], Callable[[], Verdict]]:
    """Register ``func`` as the check of ``paper`` equation ``equation``."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, got {paper!r}")

    def register(func: Callable[[], Verdict]) -> Callable[[], Verdict]:
        cid = f"{paper}:eq{equation}"
        if cid in REGISTRY:
            raise ValueError(f"check {cid} registered twice")
        REGISTRY[cid] = Check(cid, paper, equation, title, func)
        return func

    return register


def _load() -> None:
    # Importing a paper's check module registers its checks.
    from .checks import mag, nuN, nuN_flux, rsfp  # noqa: F401


def _order(c: Check) -> tuple:
    digits = "".join(ch for ch in c.equation if ch.isdigit())
    return (PAPERS.index(c.paper), c.equation.rstrip("0123456789"), int(digits or 0))


def run(paper: str | None = None, progress: Callable[[str], None] | None = None) -> list[dict]:
    """Run the checks (of one paper, or all) and return report records in paper/equation order."""
    _load()
    if paper is not None and paper not in PAPERS:
        raise ValueError(f"--paper must be one of {', '.join(PAPERS)}; got {paper!r}")
    selected = sorted((c for c in REGISTRY.values() if paper in (None, c.paper)), key=_order)
    records = []
    for c in selected:
        if progress:
            progress(c.id)
        t0 = time.perf_counter()
        try:
            v = c.func()
            rec = asdict(v)
        except UntrustedCacheError:  # not the check's failure: stop, and say it once
            raise
        except Exception as exc:  # a failing check is a result to report, not a crash
            rec = {"status": "error", "method": "", "note": f"{type(exc).__name__}: {exc}",
                   "corrected": "", "traceback": traceback.format_exc()}
        records.append({"id": c.id, "paper": c.paper, "equation": c.equation, "title": c.title,
                        **rec, "seconds": round(time.perf_counter() - t0, 3)})
    return records


def report(records: Iterable[dict]) -> dict:
    """The JSON document of DESIGN.md's verification report."""
    return {"natal_version": __version__, "checks": list(records)}


def format_table(records: list[dict], width: int = 100) -> str:
    """A readable terminal table: id, status, seconds, title, then the note wrapped below."""
    import textwrap

    lines = [f"{'check':<12} {'status':<12} {'s':>6}  title", "-" * width]
    for rec in records:
        lines.append(f"{rec['id']:<12} {rec['status']:<12} {rec['seconds']:>6.2f}  {rec['title']}")
        if rec["status"] in ("differs", "error") and rec["note"]:
            for chunk in textwrap.wrap(rec["note"], width - 14):
                lines.append(" " * 14 + chunk)
    counts = {s: sum(r["status"] == s for r in records) for s in STATUSES}
    lines.append("-" * width)
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no checks")
    return "\n".join(lines)
