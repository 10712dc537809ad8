"""What a check concludes, and the registry checks enter: the contract between paper packs and
``natal verify``.

A pack's check module decorates each check with :func:`check`; the check returns a :class:`Verdict`.
This module imports nothing of natal's, so a check module imports it without importing the command
that runs the checks (:mod:`natal.verify`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

__all__ = ["Verdict", "Check", "REGISTRY", "STATUSES", "DERIVED", "check"]

STATUSES = ("agrees", "differs", "given", "not-derived", "error")
#: the statuses a derivation stands behind (premises and an independent route required)
DERIVED = ("agrees", "differs")
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

@dataclass(frozen=True)
class Verdict:
    """What a check concluded.

    ``premises`` are what the derivation starts from; ``independent`` names the check's own numeric
    route; ``readings`` gives the status under each reading where the text allows more than one
    (the headline ``status`` is the literal reading's); ``corrected_entries`` (``differs`` only)
    pairs each printed entry (:class:`natal.mutants.Entry`) with a function that turns its value into
    the corrected form, for the mutation test.
    """

    status: str
    method: str
    note: str = ""
    corrected: str = ""
    premises: tuple[str, ...] = ()
    independent: str = ""
    readings: Mapping[str, str] | None = None
    corrected_entries: tuple = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.status not in STATUSES[:4]:
            raise ValueError(f"status must be one of {STATUSES[:4]}, got {self.status!r}")
        object.__setattr__(self, "premises", tuple(self.premises))
        if self.readings is not None:
            bad = {k: v for k, v in self.readings.items() if v not in DERIVED}
            if bad:
                raise ValueError(f"readings must map each reading to 'agrees' or 'differs', got {bad}")


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
    """Register ``func`` as the check of ``paper`` (a pack key) equation ``equation``; its id is
    ``<paper>:eq<equation>``."""
    if not isinstance(paper, str) or not _KEY.match(paper):
        raise ValueError(f"paper must be a pack key (a letter, then letters, digits or _), got {paper!r}")

    def register(func: Callable[[], Verdict]) -> Callable[[], Verdict]:
        cid = f"{paper}:eq{equation}"
        if cid in REGISTRY:
            raise ValueError(f"check {cid} registered twice")
        REGISTRY[cid] = Check(cid, paper, equation, title, func)
        return func

    return register
