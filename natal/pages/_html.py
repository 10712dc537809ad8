"""What the pages share: the page frame with its inline style sheet, status badges, numbers,
generic tables of JSON-like data, and the small Markdown subset that report sections use."""

from __future__ import annotations

import html
import math
import re
from typing import Any, Iterable

from natal import __version__

#: verdicts in the order the pages count them
STATUSES = ("agrees", "differs", "given", "not-derived", "error")

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --panel: #f6f8fa; --link: #0b57b5;
  --agrees: #116329; --agrees-bg: #dafbe1; --differs: #953800; --differs-bg: #fff1e5;
  --given: #374151; --given-bg: #e5e7eb; --not-derived: #6639ba; --not-derived-bg: #f3eefe;
  --error: #b3261e; --error-bg: #ffe4e1; --only-printed: #ffd6d1; --only-corrected: #c9f2d0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font: 16px/1.5 "DejaVu Sans", "Liberation Sans", system-ui, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0; }
h4 { font-size: .95rem; margin: 1rem 0 .25rem; }
a { color: var(--link); }
p { margin: .5rem 0; }
code, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .85em; }
pre { background: var(--panel); padding: .5rem .75rem; overflow-x: auto; white-space: pre-wrap; }
.muted { color: var(--muted); }
.lede { color: var(--muted); margin-bottom: 1rem; }
nav.toc { margin: .5rem 0 1rem; }
nav.toc a { margin-right: 1rem; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.zero { color: #b0b7be; }
.badge { display: inline-block; padding: 0 .5em; border-radius: 1em; font-size: .8rem; font-weight: 600;
  white-space: nowrap; border: 1px solid currentColor; }
.badge.agrees { color: var(--agrees); background: var(--agrees-bg); }
.badge.differs { color: var(--differs); background: var(--differs-bg); }
.badge.given { color: var(--given); background: var(--given-bg); }
.badge.not-derived { color: var(--not-derived); background: var(--not-derived-bg); }
.badge.error { color: var(--error); background: var(--error-bg); }
.close { color: var(--agrees); } .near { color: var(--differs); } .far { color: var(--error); font-weight: 600; }
article.check { border: 1px solid var(--rule); border-left: 6px solid var(--rule); border-radius: 4px;
  padding: .75rem 1rem; margin: 1rem 0; scroll-margin-top: 1rem; }
article.check:target { box-shadow: 0 0 0 3px #9ec5fe; }
article.agrees { border-left-color: var(--agrees); } article.differs { border-left-color: var(--differs); }
article.given { border-left-color: #9ca3af; } article.not-derived { border-left-color: var(--not-derived); }
article.error { border-left-color: var(--error); }
.check-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem 1rem; }
.check-head .cid { font-family: "DejaVu Sans Mono", monospace; font-weight: 600; text-decoration: none; }
.check-head .secs { margin-left: auto; color: var(--muted); font-size: .85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .6rem 0; font-size: .92rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.note { background: var(--panel); border-radius: 4px; padding: .5rem .75rem; }
.entry { margin-top: .75rem; }
.component { margin: .5rem 0 .75rem; }
.component .label { font-family: "DejaVu Sans Mono", monospace; font-size: .85rem; color: var(--muted); }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); gap: .5rem; }
.form { border: 1px solid var(--rule); border-radius: 4px; padding: .25rem .75rem; min-width: 0; }
.form.wide { grid-column: 1 / -1; }
.form .which { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.mathbox { overflow-x: auto; overflow-y: hidden; padding: .25rem 0; }
math { font-size: 1.1rem; font-family: "STIX Two Math", "Latin Modern Math", "Cambria Math", math; }
math[display="block"] { margin: .25rem 0; }
.hl-printed { background: var(--only-printed); }
.hl-corrected { background: var(--only-corrected); }
mtd.hl-printed, mtd.hl-corrected { outline: 1px solid #888; }
mtable.paren { border-left: 1.5px solid; border-right: 1.5px solid; border-radius: .7em / 50%;
  padding: .1em .45em; margin: 0 .15em; }
mtable.paren mtd { padding: .15em .4em; }
.relation { font-size: .9rem; color: var(--muted); margin: .25rem 0 0; }
.key { font-size: .85rem; }
.key span { padding: 0 .35em; border-radius: 3px; }
details > summary { cursor: pointer; color: var(--link); }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: .92rem; color: var(--muted); }
ul.links { padding-left: 1.25rem; }
"""


def esc(text: Any) -> str:
    """``text`` made safe to put between tags or inside a quoted attribute."""
    return html.escape(str(text), quote=True)


def page(title: str, body: str) -> str:
    """A whole HTML document: ``title`` and ``body`` (already HTML) with the inline style sheet."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<meta name=\"generator\" content=\"natal {esc(__version__)}\">\n"
            f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def badge(status: str) -> str:
    return f'<span class="badge {esc(status)}">{esc(status)}</span>'


def number(x: Any, digits: int = 6) -> str:
    """A number as text with ``digits`` significant figures (NaN and infinities spelled out)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return "" if x is None else str(x)
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("+inf" if x > 0 else "-inf")
    return f"{x:.{digits}g}"


def closeness(rel: float | None) -> str:
    """CSS class of a relative difference: within 1%, within 10%, or further."""
    if rel is None or not math.isfinite(rel):
        return ""
    return "close" if abs(rel) <= 0.01 else "near" if abs(rel) <= 0.1 else "far"


# --- JSON-like data as tables -------------------------------------------------------------------

def data(value: Any) -> str:
    """Any JSON-like value as HTML: a list of records becomes a table (nested records flattened
    into dotted columns), a mapping a two-column table, a list of scalars one line."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        rows = [dict(_flat(v)) for v in value]
        columns = list(dict.fromkeys(k for row in rows for k in row))
        head = "".join(f"<th>{esc(c)}</th>" for c in columns)
        body = "".join("<tr>" + "".join(_cell(row.get(c, "")) for c in columns) + "</tr>" for row in rows)
        return f'<div class="scroll"><table><tr>{head}</tr>{body}</table></div>'
    if isinstance(value, dict):
        if not value:
            return '<span class="muted">(empty)</span>'
        body = "".join(f"<tr><th>{esc(k)}</th><td>{data(v)}</td></tr>" for k, v in value.items())
        return f'<div class="scroll"><table>{body}</table></div>'
    if isinstance(value, list):
        return ", ".join(data(v) for v in value) if value else '<span class="muted">(empty)</span>'
    return esc(number(value, 4))


def _flat(record: dict, prefix: str = "") -> Iterable[tuple[str, Any]]:
    for k, v in record.items():
        if isinstance(v, dict) and v:
            yield from _flat(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v


def _cell(value: Any) -> str:
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return f'<td class="num">{data(value)}</td>' if numeric else f"<td>{data(value)}</td>"


# --- Markdown: the subset report sections are written in ----------------------------------------

def markdown(text: str) -> str:
    """Paragraphs, ``- `` lists, pipe tables and ``#`` headings, with `code`, **bold** and *italic*
    inline: what natal's report sections use.  Everything else stays literal text, escaped."""
    out: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    for line in text.strip().splitlines():
        stripped = line.strip()
        kind = ("blank" if not stripped else "table" if stripped.startswith("|")
                else "item" if stripped.startswith(("- ", "* ")) else "head" if stripped.startswith("#")
                else "text")
        continues = blocks and (blocks[-1][0] == kind or (kind == "text" and blocks[-1][0] == "item"))
        if continues and kind != "head":
            blocks[-1][1].append(stripped)
        else:
            blocks.append((kind, [stripped]))
    for kind, lines in blocks:
        if kind == "table":
            out.append(_md_table(lines))
        elif kind == "item":
            items: list[str] = []
            for line in lines:
                if line.startswith(("- ", "* ")):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
        elif kind == "head":
            out.append(f"<h4>{_inline(lines[0].lstrip('#').strip())}</h4>")
        elif kind == "text":
            out.append(f"<p>{_inline(' '.join(lines))}</p>")
    return "\n".join(out)


def _md_table(lines: list[str]) -> str:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    rule = len(rows) > 1 and all(re.fullmatch(r":?-{3,}:?", c) for c in rows[1])
    head, body = (rows[0], rows[2:]) if rule else ([], rows)
    html_rows = ["<tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr>"] if head else []
    html_rows += ["<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in body]
    return f'<div class="scroll"><table>{"".join(html_rows)}</table></div>'


def _inline(text: str) -> str:
    # Code spans first, so that nothing inside them is read as emphasis.
    parts = re.split(r"(`[^`]+`)", text)
    return "".join(f"<code>{esc(p[1:-1])}</code>" if p.startswith("`") and p.endswith("`") and len(p) > 1
                   else _emphasis(esc(p)) for p in parts)


def _emphasis(text: str) -> str:
    text = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<strong>\1</strong>", text)
    # A lone * between spaces is a product (a * b), not emphasis.
    return re.sub(r"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])", r"<em>\1</em>", text)
