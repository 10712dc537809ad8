"""Each paper's equations exactly as printed, and the one type they share (:mod:`.form`)."""

from natal.derivations.printed.form import PrintedEquation

__all__ = ["PrintedEquation"]
