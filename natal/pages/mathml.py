"""SymPy expressions as presentation MathML, written as a physicist reads them.

The markup is SymPy's presentation printer, with natal's symbol names read the way they are meant:

* jet symbols (:func:`natal.derivations.jets.jet_symbol`) are partial derivatives, written with a
  comma: ``dJ_phi_dr`` -> J_{φ,r} (= ∂J_φ/∂r), ``d2J_phi_dr_dt`` -> J_{φ,rt};
* indices stand side by side (G_{σν}), not spaced apart as SymPy spaces them;
* ``Rdot`` and ``omega_ddot`` carry dots over the letter; ``sin2_theta_W`` is sin²θ_W;
* minus signs are U+2212, not hyphens.

Long sums are broken into lines (a ``<mtable>`` of one column), and so is a product whose one long
factor is a sum: the other factors, then the sum in parentheses, line by line.  A sum's terms, or a
Matrix's entries, can carry a CSS class, which is how the page highlights where two forms differ.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.printing.conventions import split_super_sub
from sympy.printing.mathml import MathMLPresentationPrinter
from sympy.printing.pretty.pretty_symbology import greek_unicode

__all__ = ["LINE_WIDTH", "math_element", "symbol_like", "terms", "wide"]

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
#: the width of a line (about characters as displayed, see _width) before a sum is broken
LINE_WIDTH = 40
#: parentheses around a table drawn by CSS (class "paren" on the page): a stretched <mo>( needs a
#: font with a MATH table, which many systems lack
_BRACKETS = ' class="paren"'
_ACCENTS = {"ddot": "\u0308", "dot": "\u0307"}  # longest first: "ddot" also ends in "dot"


def terms(e: sp.Basic) -> list[sp.Basic]:
    """The terms of a sum in the order SymPy prints them; anything else is one term."""
    return e.as_ordered_terms() if isinstance(e, sp.Add) else [e]


def math_element(expr: sp.Basic, marked: frozenset = frozenset(), cls: str = "", lhs: str | None = None) -> str:
    """``expr`` as a block ``<math>`` element, ``lhs = `` before it where given (a symbol name).
    Terms of a sum, or Matrix indices, in ``marked`` carry the class ``cls``."""
    body = _body(expr, marked, cls)
    if lhs is not None:
        body = f"<mrow>{_ml(sp.Symbol(lhs))}<mo>=</mo>{body}</mrow>"
    return f'<math xmlns="{MATHML_NS}" display="block">{body}</math>'


def wide(expr: sp.Basic) -> bool:
    """Whether ``expr``, broken into lines as :func:`math_element` breaks it, needs more than
    LINE_WIDTH: a page gives such a form a whole row."""
    if isinstance(expr, sp.MatrixBase):
        return sum(max((_width(expr[i, j]) for i in range(expr.rows)), default=0)
                   for j in range(expr.cols)) > LINE_WIDTH
    if isinstance(expr, sp.Add):
        return any(wide(t) for t in expr.args)
    return _long(expr)


def symbol_like(name: str) -> bool:
    """Whether ``name`` reads as a symbol (F_r, rho_nuc, Rdot, dJ_phi_dr), not as a word
    (total, braking_index): what a page may write as the left-hand side of an equation."""
    if not re.fullmatch(r"[A-Za-z]\w*", name):
        return False
    field = (jet(name) or (name, []))[0]
    base = split_super_sub(field)[0]
    base = next((base[: -len(a)] for a in _ACCENTS if base.endswith(a) and len(base) > len(a)), base)
    return len(base) <= 2 or base in greek_unicode


def _body(expr: sp.Basic, marked: frozenset = frozenset(), cls: str = "") -> str:
    if isinstance(expr, sp.MatrixBase):
        return _matrix(expr, marked, cls)
    if expr in marked:
        return f'<mrow class="{cls}">{_body(expr)}</mrow>'
    if isinstance(expr, sp.Add) and (marked or _long(expr)):
        return _sum(terms(expr), marked, cls)
    if isinstance(expr, sp.Mul) and _long(expr) and (total := _one_long_sum(expr)) is not None:
        # the other factors, then the long sum in parentheses, line by line
        rest = sp.Mul(*(f for f in expr.args if f is not total))
        head = "<mo>&#x2212;</mo>" if rest == -1 else _ml(rest)
        return f"<mrow>{head}{_sum(terms(total), marked, cls, bracketed=True)}</mrow>"
    return _ml(expr)


def _width(e: sp.Basic) -> int:
    """About how many characters wide ``e`` displays: SymPy's plain text with each name as two
    characters (J_phi is J with a subscript) and products without their stars."""
    return len(re.sub(r"[A-Za-z_]\w*", "xx", sp.sstr(e)).replace("*", ""))


def _long(e: sp.Basic) -> bool:
    return _width(e) > LINE_WIDTH


def _one_long_sum(e: sp.Mul) -> sp.Add | None:
    sums = [f for f in e.args if isinstance(f, sp.Add)]
    return sums[0] if len(sums) == 1 and _long(sums[0]) else None


def _ml(e: sp.Basic) -> str:
    return _Printer().doprint(e).replace("<mo>-</mo>", "<mo>&#x2212;</mo>")


def _sum(items: list[sp.Basic], marked: frozenset, cls: str, bracketed: bool = False) -> str:
    """A sum written term by term (so that a term can be marked), in lines of about LINE_WIDTH;
    in parentheses that span all its lines where ``bracketed``."""
    lines: list[list[str]] = [[]]
    width = 0
    for i, t in enumerate(items):
        negative = t.could_extract_minus_sign()
        # form="infix": a sign that opens a marked group keeps the spacing of a binary operator
        sign = f'<mo form="{"infix" if i else "prefix"}">{"&#x2212;" if negative else "+"}</mo>'
        chunk = (sign if negative or i else "") + _body(-t if negative else t)
        if t in marked:
            chunk = f'<mrow class="{cls}">{chunk}</mrow>'
        chars = _width(t)
        if lines[-1] and width + chars > LINE_WIDTH:
            lines.append([])
            width = 0
        lines[-1].append(chunk)
        width += chars
    if len(lines) == 1:
        one = "".join(lines[0])
        return f"<mrow><mo>(</mo>{one}<mo>)</mo></mrow>" if bracketed else f"<mrow>{one}</mrow>"
    indent = '<mspace width="1em"/>'  # continuation lines start a little in, as in print
    rows = "".join(f'<mtr><mtd style="text-align: left">{indent if k else ""}<mrow>{"".join(line)}</mrow>'
                   "</mtd></mtr>" for k, line in enumerate(lines))
    return f'<mtable displaystyle="true"{_BRACKETS if bracketed else ""}>{rows}</mtable>'


def _matrix(m: sp.MatrixBase, marked: frozenset, cls: str) -> str:
    rows = []
    for i in range(m.rows):
        cells = []
        for j in range(m.cols):
            attr = f' class="{cls}"' if i * m.cols + j in marked else ""
            cells.append(f"<mtd{attr}>{_ml(m[i, j])}</mtd>")
        rows.append("<mtr>" + "".join(cells) + "</mtr>")
    return f'<mtable{_BRACKETS}>{"".join(rows)}</mtable>'


def jet(name: str) -> tuple[str, list[str]] | None:
    """(field, [variables]) for a jet symbol's name (``d2J_phi_dr_dt`` -> ("J_phi", ["r", "t"])),
    None for any other name.  The order digit must match the number of ``_d<var>`` parts, as
    ``jet_symbol`` writes them (none for a first derivative)."""
    m = re.fullmatch(r"d([2-9]?)([A-Za-z]\w*)", name)
    if not m:
        return None
    order = int(m[1] or 1)
    parts = m[2].split("_")
    tail = parts[-order:]
    if len(parts) <= order or not all(len(p) > 1 and p.startswith("d") for p in tail):
        return None
    return "_".join(parts[:-order]), [p[1:] for p in tail]


class _Printer(MathMLPresentationPrinter):
    """SymPy's presentation printer with the symbol names of the module docstring."""

    def __init__(self) -> None:
        super().__init__({})

    def _el(self, tag: str, *children, text: str | None = None):
        node = self.dom.createElement(tag)
        if text is not None:
            node.appendChild(self.dom.createTextNode(text))
        for child in children:
            node.appendChild(child)
        return node

    def _print_Symbol(self, sym, style="plain"):
        field, wrt = jet(sym.name) or (sym.name, [])
        trig = re.fullmatch(r"(sin|cos|tan)(\d+)_(.+)", field)
        if trig and not wrt:  # sin2_theta_W: sin^2 theta_W
            power = self._el("msup", self._el("mi", text=trig[1]), self._el("mn", text=trig[2]))
            return self._el("mrow", power, self._el("mo", text="\u2061"), self._print_Symbol(sp.Symbol(trig[3])))
        name, supers, subs = self._split_super_sub(field)
        accent = next((a for a in _ACCENTS if name.endswith(a) and len(name) > len(a)), None)
        if accent is None and subs and subs[-1] in _ACCENTS:  # omega_dot
            accent = subs.pop()
            name += accent
        base = self._el("mi", text=_greek(name[: -len(accent)] if accent else name))
        if accent:  # a combining dot: an <mover> dot is too faint to see in fonts without a MATH table
            base.firstChild.data += _ACCENTS[accent]
            base.setAttribute("style", "font-style: italic")  # two characters: no automatic italic
        index = [self._el("mi", text=_greek(s)) for s in subs]
        if wrt:  # a derivative: a comma, then the variables
            index += [self._el("mo", text=",")] + [self._el("mi", text=_greek(v)) for v in wrt]
        sup = [self._el("mi", text=_greek(s)) for s in supers]
        if index and sup:
            return self._el("msubsup", base, self._el("mrow", *index), self._el("mrow", *sup))
        if index:
            return self._el("msub", base, self._el("mrow", *index))
        if sup:
            return self._el("msup", base, self._el("mrow", *sup))
        return base


def _greek(s: str) -> str:
    return greek_unicode.get(s, s)
