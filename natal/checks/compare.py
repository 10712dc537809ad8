"""Comparing a printed equation with a derivation: symbol alignment, symbolic and numeric agreement."""

from __future__ import annotations

from typing import Mapping

import mpmath as mp
import sympy as sp

from ..derivations.result import Derivation

__all__ = ["align", "symbolic_differences", "relative_difference", "require_close", "verdict"]


def align(expr: sp.Expr, derivation: Derivation) -> sp.Expr:
    """Rename-free alignment: replace each free symbol of ``expr`` by the derivation's symbol of the
    same name (printed forms define their own symbols; SymPy equality also compares assumptions)."""
    by_name = {s.name: s for s in derivation.inputs}
    return expr.xreplace({s: by_name[s.name] for s in expr.free_symbols if s.name in by_name})


def symbolic_differences(derivation: Derivation, printed: Mapping[str, sp.Expr]) -> dict[str, sp.Expr]:
    """derived - printed for each printed output, simplified piece by piece (each is small)."""
    return {k: sp.simplify(derivation[k] - align(e, derivation)) for k, e in printed.items()}


def relative_difference(a: mp.mpf, b: mp.mpf) -> mp.mpf:
    """|a - b| / max(|a|, |b|), and 0 when both vanish."""
    scale = max(abs(a), abs(b))
    return mp.mpf(0) if scale == 0 else abs(a - b) / scale


def require_close(what: str, derived: mp.mpf, independent: mp.mpf, tol: float) -> mp.mpf:
    """Raise if a derived value disagrees with its independent route: the derivation would be wrong."""
    rel = relative_difference(derived, independent)
    if rel > tol:
        raise ArithmeticError(
            f"{what}: derived {mp.nstr(derived, 15)} but independent route gives "
            f"{mp.nstr(independent, 15)} (relative difference {mp.nstr(rel, 3)} > {tol:g})"
        )
    return rel


def verdict(diffs: dict[str, sp.Expr], method: str, note: str = "", corrected: str = ""):
    """``agrees`` when every derived - printed difference is zero, else ``differs`` listing them."""
    from ..verify import Verdict

    bad = {key: d for key, d in diffs.items() if d != 0}
    if not bad:
        return Verdict("agrees", method, note)
    text = "; ".join(f"{key}: derived - printed = {sp.sstr(d)}" for key, d in bad.items())
    return Verdict("differs", method, "; ".join(filter(None, (text, note))), corrected)
