"""``natal reproduce``: each installed paper pack's figures, tables and numbers.

A pack's ``reproduction`` module (:mod:`natal.packs`) runs them; this module finds it and hands it
the output folder, the progress callback and the options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping

from natal import packs

__all__ = ["arguments", "papers", "run", "silent"]


def silent(_message: str) -> None:
    """The progress callback of a quiet run (the modules also leave their progress bars off)."""


def papers() -> list[str]:
    """The keys of the installed packs that have a reproduction."""
    return [key for key, pack in packs.installed().items() if pack.reproduction]


def _module(paper: str):
    pack = packs.get(paper)
    if not pack.reproduction:
        raise packs.PackError(f"pack {paper!r} has no reproduction; those with one: {', '.join(papers()) or 'none'}")
    return packs.load_part(pack, pack.reproduction)


def arguments(paper: str, values: Mapping[str, object]) -> dict:
    """The keywords of ``paper``'s ``run`` for the given values of its options: through the module's
    ``arguments`` hook where it has one (which raises UsageError for values that cannot work), else
    the values as they are."""
    module = _module(paper)
    hook = getattr(module, "arguments", None)
    return dict(hook(dict(values))) if hook is not None else dict(values)


def run(paper: str, out: Path, progress: Callable[[str], None] | None = None, **options):
    """Run one paper's reproduction into ``out``; returns its :class:`natal.report.Report`."""
    return _module(paper).run(Path(out), progress=progress or silent, **options)
