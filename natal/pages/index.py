"""``index.html`` of the folder ``natal reproduce`` writes: each paper's report and, where
``natal verify`` wrote its page beside them, the verdicts, all by relative links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence
from urllib.parse import quote

from natal import __version__
from natal.pages._html import STATUSES, badge, esc, page
from natal.pages.reproduction import at_a_glance

if TYPE_CHECKING:
    from natal.report import Report

__all__ = ["index_page"]


def index_page(reports: Mapping[str, Report], verify_html: str | None = None,
               verdicts: Sequence[dict] | None = None) -> str:
    """The index of ``reports`` (paper -> its Report, each in the sub-folder named after the
    paper); ``verify_html`` is the relative link to the verdicts page, ``verdicts`` the records of
    verify.json, counted per paper where given."""
    parts = ["<h1>natal results</h1>",
             f'<p class="lede">natal {esc(__version__)}: each paper\'s printed equations checked against '
             "their derivations, and its figures, tables and numbers reproduced.</p>"]
    if verify_html:
        href = esc(quote(verify_html))
        parts.append(f'<h2>Verdicts</h2><p><a href="{href}">{esc(verify_html)}</a>: every checked equation, '
                     "printed and derived forms side by side.</p>")
        if verdicts:
            parts.append(_verdicts(verdicts, href))
    rows = []
    for paper, report in reports.items():
        base = quote(paper)
        links = ", ".join(f'<a href="{esc(base)}/{name}">{name}</a>' for name in ("report.html", "report.md", "report.json"))
        rows.append(f'<tr><th><a href="{esc(base)}/report.html">{esc(paper)}</a></th><td>{esc(report.title)}</td>'
                    f"<td>{at_a_glance(report)}</td><td>{links}</td></tr>")
    parts.append('<h2>Reproductions</h2><div class="scroll"><table><tr><th>paper</th><th>title</th>'
                 f'<th>at a glance</th><th>files</th></tr>{"".join(rows)}</table></div>')
    return page("natal results", "\n".join(parts))


def _verdicts(records: Sequence[dict], href: str) -> str:
    papers = list(dict.fromkeys(r["paper"] for r in records))
    head = "".join(f'<th class="num">{badge(s)}</th>' for s in STATUSES)
    rows = "".join(
        f'<tr><th><a href="{href}#paper-{esc(p)}">{esc(p)}</a></th>'
        + "".join(f'<td class="num{"" if n else " zero"}">{n}</td>'
                  for n in (sum(r["paper"] == p and r["status"] == s for r in records) for s in STATUSES))
        + "</tr>" for p in papers)
    return f'<div class="scroll"><table><tr><th>paper</th>{head}</tr>{rows}</table></div>'
