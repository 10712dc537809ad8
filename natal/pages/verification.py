"""The page of ``natal verify --html``: every verdict, with the printed and derived forms as MathML.

At the top, the verdicts per paper at a glance; then, per paper, a table of its checks and each
check in full: premises (links to the checks they name, so the page carries each paper's derivation
graph, with the links back as "premise of"), method, independent route, readings, mutants, note,
and the printed forms the check read.  Where a check differs, each printed form stands beside the
corrected one, and the terms that only one of them has are highlighted.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, Iterable, Iterator

import sympy as sp

from natal.pages._html import STATUSES, badge, esc, number, page
from natal.pages.mathml import math_element, symbol_like, terms, wide

__all__ = ["verify_page"]

#: forms with more operations than this start folded, so that a page of large forms stays usable
FOLD_OPS = 150
#: forms with more operations than this are compared as written, never expanded (expand can explode)
EXPAND_OPS = 300
#: terms an expanded form may have and still be shown term by term
EXPAND_TERMS = 40
#: terms this small (operations, both together) are also compared after simplify: sin(x) cot(x) = cos(x)
SIMPLIFY_OPS = 40
#: pairs of unmatched terms tried that way, at most
SIMPLIFY_PAIRS = 64

_RELATION = {
    "agrees": "the derived forms equal these symbolically (their differences simplify to zero)",
    "differs": "the check's correction leaves these forms as printed",
    "error": "what the check read before it failed",
}


def verify_page(records: list[dict], forms: Mapping[str, list] | None = None) -> str:
    """The whole page for ``records`` (``natal.verify.run``'s), with the forms that
    ``run(..., forms=forms)`` collected; without ``forms`` the page shows the verdicts only."""
    forms = forms or {}
    ids = {r["id"] for r in records}
    cited_by: dict[str, list[str]] = defaultdict(list)
    for r in records:
        for p in r.get("premises", ()):
            cited_by[p].append(r["id"])
    by_paper: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_paper[r["paper"]].append(r)

    parts = ["<h1>natal verify: printed equations against their derivations</h1>",
             '<p class="lede">Each check derives a printed equation from its premises (never from the '
             "equation itself), compares the two symbolically and confirms the derivation by an "
             "independent numeric route. <em>agrees</em>: derived and printed forms are equal; "
             "<em>differs</em>: the print differs from the derivation, and the corrected form is shown; "
             "<em>given</em>: the paper states it as a definition or model assumption; "
             "<em>not-derived</em>: natal has no derivation yet; <em>error</em>: the check failed to run. "
             "In the forms, an index after a comma is a partial derivative: J<sub>φ,r</sub> = ∂J<sub>φ</sub>/∂r."
             "</p>", _summary(by_paper)]
    for paper, recs in by_paper.items():
        parts.append(f'<section id="paper-{esc(paper)}"><h2>{esc(paper)}: {len(recs)} checks</h2>')
        parts.append(_overview(recs))
        parts.extend(_check(r, forms.get(r["id"], ()), ids, cited_by.get(r["id"], ())) for r in recs)
        parts.append("</section>")
    return page("natal verify", "\n".join(parts))


# --- at a glance --------------------------------------------------------------------------------

def _summary(by_paper: Mapping[str, list[dict]]) -> str:
    head = "".join(f'<th class="num">{badge(s)}</th>' for s in STATUSES)
    rows = []
    for paper, recs in by_paper.items():
        counts = [sum(r["status"] == s for r in recs) for s in STATUSES]
        cells = "".join(f'<td class="num{"" if n else " zero"}">{n}</td>' for n in counts)
        rows.append(f'<tr><th><a href="#paper-{esc(paper)}">{esc(paper)}</a></th>{cells}'
                    f'<td class="num">{len(recs)}</td></tr>')
    return (f'<div class="scroll"><table class="summary"><tr><th>paper</th>{head}<th class="num">checks</th></tr>'
            f'{"".join(rows)}</table></div>')


def _overview(recs: list[dict]) -> str:
    rows = []
    for r in recs:
        readings = ", ".join(f"{esc(k)} {esc(v)}" for k, v in (r.get("readings") or {}).items())
        rel = r.get("independent_max_rel")
        rows.append(f'<tr><td><a href="#{esc(r["id"])}"><code>{esc(r["id"])}</code></a></td>'
                    f'<td>{esc(r["title"])}</td><td>{badge(r["status"])}'
                    f'{f" <span class=muted>({readings})</span>" if readings else ""}</td>'
                    f'<td class="num">{esc(number(rel, 2)) if rel is not None else ""}</td>'
                    f'<td class="num">{r.get("seconds", 0):.2f}</td></tr>')
    return ('<div class="scroll"><table><tr><th>check</th><th>title</th><th>verdict</th>'
            '<th class="num">independent route: max rel. diff</th><th class="num">s</th></tr>'
            f'{"".join(rows)}</table></div>')


# --- one check ----------------------------------------------------------------------------------

def _check(rec: dict, entries: Iterable[tuple], ids: set[str], cited_by: Iterable[str]) -> str:
    cid, status = rec["id"], rec["status"]
    facts = []
    if rec.get("premises"):
        facts.append(("premises", ", ".join(_ref(p, ids) for p in rec["premises"])))
    if cited_by:
        facts.append(("premise of", ", ".join(_ref(c, ids) for c in cited_by)))
    if rec.get("method"):
        facts.append(("method", esc(rec["method"])))
    if rec.get("independent"):
        rel = rec.get("independent_max_rel")
        agreement = "" if rel is None else f"; largest relative disagreement {esc(number(rel, 2))}"
        facts.append(("independent route", esc(rec["independent"]) + agreement))
    if rec.get("readings"):
        facts.append(("readings", ", ".join(f"{esc(k)} {badge(v)}" for k, v in rec["readings"].items())))
    if rec.get("mutants") is not None:
        facts.append(("mutants", _mutants(rec["mutants"])))
    entries = list(entries)
    if rec.get("corrected"):
        text = f"<code>{esc(rec['corrected'])}</code>"
        if any(corrected is not None for _, _, corrected in entries):  # shown as MathML below
            text = f"<details><summary>as text</summary>{text}</details>"
        facts.append(("corrected", text))
    dl = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    note = f'<p class="note">{esc(rec["note"])}</p>' if rec.get("note") else ""
    trace = (f"<details><summary>traceback</summary><pre>{esc(rec['traceback'])}</pre></details>"
             if rec.get("traceback") else "")
    shown = "".join(_entry_or_why_not(entry, printed, corrected, status) for entry, printed, corrected in entries)
    return (f'<article class="check {esc(status)}" id="{esc(cid)}">'
            f'<header class="check-head"><a class="cid" href="#{esc(cid)}">{esc(cid)}</a>{badge(status)}'
            f'<h3>Eq. {esc(rec["equation"])}: {esc(rec["title"])}</h3>'
            f'<span class="secs">{rec.get("seconds", 0):.2f} s</span></header>'
            f'<dl class="facts">{dl}</dl>{note}{trace}{shown}</article>')


def _ref(name: str, ids: set[str]) -> str:
    """A premise: a link to its check where it is one on this page, plain text otherwise."""
    return f'<a href="#{esc(name)}"><code>{esc(name)}</code></a>' if name in ids else esc(name)


def _mutants(m: Mapping[str, Any]) -> str:
    caught, tried = m.get("caught", 0), m.get("tried", 0)
    text = f'<span class="{"close" if caught == tried else "far"}">{caught} of {tried} caught</span>'
    if "corrected_passes" in m:
        text += "; corrected form " + ("agrees" if m["corrected_passes"] else '<span class="far">does NOT agree</span>')
    if m.get("note"):
        text += f" ({esc(m['note'])})"
    uncaught = m.get("uncaught") or ()
    if uncaught:
        text += "<ul>" + "".join(f"<li>not caught: {esc(u)}</li>" for u in uncaught) + "</ul>"
    return text


def _entry_or_why_not(entry: Any, printed: Any, corrected: Any, status: str) -> str:
    """:func:`_entry`, or, where a form cannot be rendered, the reason and its plain text: one
    odd expression must not cost the page of every verdict."""
    try:
        return _entry(entry, printed, corrected, status)
    except Exception as error:
        return (f'<section class="entry"><h4>printed form <code>{esc(entry)}</code></h4>'
                f'<p class="relation">not rendered ({esc(type(error).__name__)}: {esc(error)})</p>'
                f"<pre>{esc(printed)}</pre></section>")


def _entry(entry: Any, printed: Any, corrected: Any, status: str) -> str:
    """One printed form the check read: each of its expressions, beside the corrected one."""
    fixed = dict(_components(corrected)) if corrected is not None else {}
    extra = ""
    if isinstance(getattr(printed, "reading", None), str):  # a PrintedEquation says how it is read
        extra += f'<p class="relation">read as: {esc(printed.reading)}</p>'
    if isinstance(getattr(printed, "text", None), str):
        extra += f"<details><summary>as printed (LaTeX)</summary><pre>{esc(printed.text)}</pre></details>"
    head = f'<section class="entry"><h4>printed form <code>{esc(entry)}</code></h4>{extra}'
    if not fixed:
        relation = _RELATION.get(status, "")
        forms = "".join(_form(_label(label), "printed", expr) for label, expr in _components(printed))
        return (f'{head}<div class="pair">{forms}</div>'
                f'{f"<p class=relation>{relation}</p>" if relation else ""}</section>')
    key = ('<p class="key">highlighted: <span class="hl-printed">only in the printed form</span> '
           '<span class="hl-corrected">only in the corrected form</span></p>')
    rows = [_component(label, expr, fixed.get(label)) for label, expr in _components(printed)]
    return f'{head}{key}{"".join(rows)}</section>'


def _components(value: Any, label: tuple = ()) -> Iterator[tuple[tuple, sp.Basic]]:
    """(label, expression or Matrix) for each form inside a printed entry's value: an expression,
    a Matrix, a mapping or sequence of them, or a ``PrintedEquation`` (its meant reading)."""
    if isinstance(value, (sp.MatrixBase, sp.Basic)):
        yield label, value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _components(v, (*label, str(k)))
    elif isinstance(value, (tuple, list)):
        for i, v in enumerate(value):
            yield from _components(v, (*label, str(i)))
    elif dataclasses.is_dataclass(value) and hasattr(value, "meant"):
        yield from _components(value.meant, label)


def _label(label: tuple) -> str | None:
    """A form's name: its key, or the keys on the way to it."""
    return " / ".join(label) or None


def _component(label: tuple, printed: sp.Basic, corrected: sp.Basic | None) -> str:
    name = _label(label)
    if corrected is None:
        return (f'<div class="component"><div class="pair">{_form(name, "printed", printed)}</div>'
                '<p class="relation">the correction leaves this form as printed</p></div>')
    c = _compare(printed, corrected)
    if c.same:
        return (f'<div class="component"><div class="pair">{_form(name, "printed", printed)}</div>'
                '<p class="relation">the corrected form equals this one: the correction does not touch it</p></div>')
    stack = wide(c.printed) or wide(c.corrected)  # one above the other where either needs a whole row
    return (f'<div class="component"><div class="pair">'
            f'{_form(name, "printed" + c.shown_as, c.printed, c.only_printed, "hl-printed", stack)}'
            f'{_form(name, "corrected" + c.shown_as, c.corrected, c.only_corrected, "hl-corrected", stack)}</div>'
            f'<p class="relation">{esc(c.relation)}</p></div>')


def _form(name: str | None, which: str, expr: sp.Basic, marked: frozenset = frozenset(), cls: str = "",
          full_row: bool = False) -> str:
    """One form in its frame, ``name = `` before it where ``name`` reads as a symbol; a wide form
    takes a whole row of its grid, a large one is folded in a <details>."""
    lhs = name if name and symbol_like(name) else None
    caption = which if lhs or not name else f"{which}: {name}"
    box = f'<div class="mathbox">{math_element(expr, marked, cls, lhs)}</div>'
    ops = sp.count_ops(expr) if isinstance(expr, sp.Basic) else 0
    if ops > FOLD_OPS:
        box = f"<details><summary>{ops} operations: show</summary>{box}</details>"
    row = " wide" if full_row or wide(expr) else ""
    return f'<div class="form{row}"><div class="which">{esc(caption)}</div>{box}</div>'


# --- comparing a printed form with its correction -----------------------------------------------

@dataclasses.dataclass
class _Comparison:
    """The two forms as shown and what to highlight in each: terms of a sum, or a Matrix's indices."""

    printed: sp.Basic
    corrected: sp.Basic
    only_printed: frozenset = frozenset()
    only_corrected: frozenset = frozenset()
    relation: str = ""
    shown_as: str = ""
    same: bool = False


def _small(*exprs: sp.Basic, limit: int = EXPAND_OPS) -> bool:
    return sum(sp.count_ops(e) for e in exprs) <= limit


def _equal(a: sp.Basic, b: sp.Basic) -> bool:
    """Structurally equal, or equal once expanded where that is cheap; no simplify (it can hang)."""
    if a == b:
        return True
    try:
        return _small(a, b) and sp.expand(a - b) == 0
    except TypeError:  # e.g. a Matrix against a scalar
        return False


def _same_term(a: sp.Basic, b: sp.Basic) -> bool:
    """Two terms equal as written, or (small ones only) once simplified: sin(x) cot(x) = cos(x).
    simplify runs only where the two agree at a generic point, as it is slow."""
    if a == b:
        return True
    if not _small(a, b, limit=SIMPLIFY_OPS):
        return False
    difference = a - b
    # positive, unrelated values (fractional parts of multiples of the golden ratio, plus 1/2)
    point = {x: sp.Float((k + 1) * 0.6180339887498949 % 1 + 0.5, 30)
             for k, x in enumerate(sorted(difference.free_symbols, key=str))}
    value = difference.xreplace(point).evalf(30)
    if value.is_number and value.is_zero is False and abs(value) > 1e-20:
        return False
    return sp.simplify(difference) == 0


def _unmatched(a: list[sp.Basic], b: list[sp.Basic]) -> tuple[list, list]:
    """The terms of ``a`` with no equal term in ``b``, and those of ``b`` with none in ``a``."""
    only_a, only_b = [t for t in a if t not in b], [t for t in b if t not in a]
    if len(only_a) * len(only_b) <= SIMPLIFY_PAIRS:
        for t in list(only_a):
            match = next((u for u in only_b if _same_term(t, u)), None)
            if match is not None:
                only_a.remove(t)
                only_b.remove(match)
    return only_a, only_b


def _compare(p: sp.Basic, c: sp.Basic) -> _Comparison:
    if isinstance(p, sp.MatrixBase) or isinstance(c, sp.MatrixBase):
        if not (isinstance(p, sp.MatrixBase) and isinstance(c, sp.MatrixBase)) or p.shape != c.shape:
            return _Comparison(p, c, relation="the two forms are of different shapes")
        diff = frozenset(i for i in range(len(p)) if not _equal(p[i], c[i]))
        return _Comparison(p, c, diff, diff, f"{len(diff)} of {len(p)} entries differ (highlighted)",
                           same=not diff)
    if _equal(p, c):
        return _Comparison(p, c, same=True)
    if _equal(p, -c):
        return _Comparison(p, c, relation="the corrected form is the printed one with the opposite sign")
    # The terms only one form has, as written and, where that is cheap, once both are expanded: the
    # page shows whichever explains the difference with fewer highlighted terms (as written on a tie).
    options = [(p, c, "")]
    if _small(p, c):
        ep, ec = sp.expand(p), sp.expand(c)
        if len(terms(ep)) + len(terms(ec)) <= 2 * EXPAND_TERMS:
            options.append((ep, ec, " (expanded)"))
    best = None
    for a, b, how in options:
        only_a, only_b = _unmatched(terms(a), terms(b))
        if len(only_a) < len(terms(a)) and (best is None or len(only_a) + len(only_b) < best[0]):
            best = (len(only_a) + len(only_b), a, b, only_a, only_b, how)
    if best is None:
        return _Comparison(p, c, relation="no term in common: the forms differ as a whole")
    _, a, b, only_a, only_b, how = best
    return _Comparison(a, b, frozenset(only_a), frozenset(only_b),
                       f"{'expanded, ' if how else ''}{len(only_a)} term(s) only in the printed form, "
                       f"{len(only_b)} only in the corrected form (highlighted)", how)
