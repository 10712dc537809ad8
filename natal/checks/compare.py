"""Comparing a printed equation with a derivation: symbol alignment, symbolic and numeric agreement."""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator, Mapping

import mpmath as mp
import sympy as sp

from natal.derivations.result import Derivation
from natal.verdict import Verdict

__all__ = ["align", "symbolic_differences", "relative_difference", "require_close", "require_finite_close",
           "record_route", "route_comparisons", "verdict"]

# The relative disagreements of the independent routes run by the check in progress (natal.verify
# reports the largest as independent_max_rel).
_ROUTES: contextvars.ContextVar[list[float] | None] = contextvars.ContextVar("natal_routes", default=None)


@contextlib.contextmanager
def route_comparisons() -> Iterator[list[float]]:
    """Collect, in the list yielded, every comparison with an independent route made inside."""
    rels: list[float] = []
    token = _ROUTES.set(rels)
    try:
        yield rels
    finally:
        _ROUTES.reset(token)


def record_route(rel) -> None:
    """Note one comparison of a derived value with its independent route (relative difference)."""
    rels = _ROUTES.get()
    if rels is not None:
        rels.append(float(rel))


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
    record_route(rel)
    if rel > tol:
        raise ArithmeticError(
            f"{what}: derived {mp.nstr(derived, 15)} but independent route gives "
            f"{mp.nstr(independent, 15)} (relative difference {mp.nstr(rel, 3)} > {tol:g})"
        )
    return rel


def require_finite_close(what: str, derived, independent, tol: float) -> mp.mpf:
    """:func:`require_close` for two numbers that must be finite: a NaN would compare as close, so it
    is refused here."""
    derived, independent = mp.mpf(derived), mp.mpf(independent)
    if not (mp.isfinite(derived) and mp.isfinite(independent)):
        raise ArithmeticError(f"{what}: not a finite comparison (derived {derived}, independent {independent})")
    return require_close(what, derived, independent, tol)


def verdict(diffs: dict[str, sp.Expr], method: str, note: str = "", corrected: str = "", **fields):
    """``agrees`` when every derived - printed difference is zero, else ``differs`` listing them;
    ``fields`` (premises, independent, readings, corrected_entries) go to the Verdict as they are."""
    bad = {key: d for key, d in diffs.items() if d != 0}
    if not bad:
        return Verdict("agrees", method, note, **fields)
    text = "; ".join(f"{key}: derived - printed = {sp.sstr(d)}" for key, d in bad.items())
    return Verdict("differs", method, "; ".join(filter(None, (text, note))), corrected, **fields)
