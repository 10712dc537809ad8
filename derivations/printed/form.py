"""The one type every paper's printed forms use: a printed equation, as extracted and as read.

A printed equation keeps where it is (``ref``), its extracted text tidied into one line (``text``)
and the reading natal takes of it (``reading``).  Where a paper's printed module writes the reading
as SymPy data, ``meant`` holds it by output name and ``literal`` the letter of a broken print where
it differs from what is meant (mag); where the printed module builds its forms in functions instead
(nuN, rsfp), both stay empty and the entry is the text beside those functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import sympy as sp

__all__ = ["PrintedEquation"]


@dataclass(frozen=True)
class PrintedEquation:
    """One printed equation: where it is, its text in one line, how natal reads it, and (where the
    printed module keeps it as data) the meant reading and the literal one by output name."""

    ref: str
    text: str
    reading: str = "read as printed"
    meant: Mapping[str, sp.Expr] = field(default_factory=dict)
    literal: Mapping[str, sp.Expr] = field(default_factory=dict)
