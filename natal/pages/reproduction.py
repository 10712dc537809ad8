"""``report.html``: one paper's reproduction, written by :meth:`natal.report.Report.write` beside
report.md.  Each number stands beside the paper's with the relative difference; the figures are
relative links to the PNG files in the same folder, so the page works offline and when moved with
them."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from natal import __version__
from natal.pages._html import closeness, data, esc, markdown, number, page

if TYPE_CHECKING:
    from natal.report import Report

__all__ = ["report_page"]


def report_page(report: Report) -> str:
    """The whole page of ``report``."""
    parts = [f"<h1>natal reproduction: {esc(report.title)} (<code>{esc(report.paper)}</code>)</h1>",
             f'<p class="lede">natal {esc(__version__)}; {report.seconds:.1f} s. {at_a_glance(report)}</p>']
    sections = [("settings", "Settings", _settings(report)), ("quantities", "Quantities", _quantities(report)),
                ("notes", "Notes", _notes(report)), ("variants", "Unstated choices and how much they move "
                                                     "the results", _variants(report))]
    sections += [(f"section-{i}", esc(heading), markdown(body)) for i, (heading, body) in enumerate(report.sections, 1)]
    sections += [(f"table-{esc(name)}", f"Table <code>{esc(name)}</code>", data(table))
                 for name, table in report.tables.items()]
    sections.append(("figures", "Figures", _figures(report)))
    sections = [(anchor, heading, body) for anchor, heading, body in sections if body]
    parts.append('<nav class="toc">' + "".join(f'<a href="#{anchor}">{heading}</a>'
                                               for anchor, heading, _ in sections) + "</nav>")
    parts += [f'<section id="{anchor}"><h2>{heading}</h2>{body}</section>' for anchor, heading, body in sections]
    return page(f"natal reproduction: {report.paper}", "\n".join(parts))


def at_a_glance(report: Report) -> str:
    rels = [q.as_dict()["rel_diff"] for q in report.quantities.values()]
    stated = [closeness(r) for r in rels if r is not None]
    counts = [(stated.count("close"), "within 1% of the paper"), (stated.count("near"), "within 10%"),
              (stated.count("far"), "further")]
    text = _count(len(report.quantities), "quantity", "quantities")
    if stated:
        text += ": " + ", ".join(f"{n} {what}" for n, what in counts if n)
    unstated = len(rels) - len(stated)
    if unstated:
        text += f"; {unstated} without a number from the paper to compare"
    return esc(f"{text}; {_count(len(report.figures), 'figure', 'figures')}.")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _settings(report: Report) -> str:
    if not report.settings:
        return ""
    rows = "".join(f"<tr><th><code>{esc(k)}</code></th><td>{data(v)}</td></tr>" for k, v in report.settings.items())
    return f'<div class="scroll"><table>{rows}</table></div>'


def _quantities(report: Report) -> str:
    if not report.quantities:
        return ""
    rows = []
    for name, q in report.quantities.items():
        rel = q.as_dict()["rel_diff"]
        paper = '<span class="muted">(figure only)</span>' if q.paper is None else esc(number(q.paper))
        link = f'<a href="#q-{esc(name)}">note</a>' if q.note else ""
        rows.append(f'<tr><td><code>{esc(name)}</code></td><td class="num">{esc(number(q.value))}</td>'
                    f'<td class="num">{paper}</td>'
                    f'<td class="num {closeness(rel)}">{"" if rel is None else f"{rel:+.2e}"}</td>'
                    f"<td>{esc(q.unit)}</td><td>{esc(q.basis)}</td><td>{link}</td></tr>")
    return ('<div class="scroll"><table><tr><th>quantity</th><th class="num">natal</th><th class="num">paper</th>'
            '<th class="num">rel. diff</th><th>unit</th><th>rests on</th><th></th></tr>'
            f'{"".join(rows)}</table></div>')


def _notes(report: Report) -> str:
    items = [f'<li id="q-{esc(name)}"><strong><code>{esc(name)}</code></strong> '
             f'({esc(q.paper_says or "paper value")}): {esc(q.note)}</li>'
             for name, q in report.quantities.items() if q.note]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _variants(report: Report) -> str:
    if not report.variants:
        return ""
    keys = list(dict.fromkeys(k for v in report.variants for k in v if k != "name"))
    head = "".join(f'<th class="num">{esc(k)}</th>' for k in keys)
    rows = "".join(f'<tr><td>{esc(v.get("name", ""))}</td>'
                   + "".join(f'<td class="num">{esc(number(v.get(k), 4)) if v.get(k) is not None else "n/a"}</td>'
                             for k in keys) + "</tr>" for v in report.variants)
    return f'<div class="scroll"><table><tr><th>variant</th>{head}</tr>{rows}</table></div>'


def _figures(report: Report) -> str:
    out = []
    for name, caption in report.figures.items():
        src = esc(quote(name))
        out.append(f'<figure id="fig-{esc(name)}"><a href="{src}"><img src="{src}" alt="{esc(name)}"></a>'
                   f"<figcaption><strong>{esc(name)}</strong>: {esc(caption)}</figcaption></figure>")
    return "".join(out)
