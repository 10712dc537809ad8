"""Jet variables: a field and its partial derivatives at a point, as plain symbols.

A derivation works with undefined functions such as J_phi(r, theta, t) so that SymPy can
differentiate them; an evaluator needs numbers for J_phi, dJ_phi/dr, d2J_phi/dr dtheta, ...
supplied by the numeric layer (splines on a grid, in the ``mag`` reproduction).  ``to_jets``
replaces every applied function and derivative by a symbol with a fixed, readable name:

    J_phi(r, theta, t)                   -> J_phi
    Derivative(J_phi, r)                 -> dJ_phi_dr
    Derivative(J_phi, r, theta)          -> d2J_phi_dr_dtheta
    Derivative(J_phi, (r, 2))            -> d2J_phi_dr_dr

Mixed derivatives are named in the order of the function's arguments, so d2/dr dt and d2/dt dr
(equal for smooth fields) map to one symbol.  The printed forms use :func:`jet_symbol` to name the
same quantities, which is what lets a printed equation be compared with a derived one.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["jet_symbol", "to_jets"]


def jet_symbol(field: str, *wrt: str) -> sp.Symbol:
    """The symbol for ``field`` differentiated once by each name in ``wrt`` (already ordered).

    ``jet_symbol("J_phi")`` is the field value, ``jet_symbol("J_phi", "r", "theta")`` the mixed
    second derivative. All jet symbols are real.
    """
    if not wrt:
        return sp.Symbol(field, real=True)
    tail = "_".join(f"d{v}" for v in wrt)
    order = "" if len(wrt) == 1 else str(len(wrt))
    return sp.Symbol(f"d{order}{field}_{tail}", real=True)


def _jet_of(f: sp.Expr) -> sp.Symbol:
    if isinstance(f, AppliedUndef):
        return jet_symbol(f.func.__name__)
    base = f.expr
    if not isinstance(base, AppliedUndef):
        raise TypeError(f"can only take jets of derivatives of undefined functions, got {f}")
    position = {a: i for i, a in enumerate(base.args)}
    wrt: list[sp.Symbol] = []
    for v, n in f.variable_count:
        wrt.extend([v] * int(n))
    wrt.sort(key=lambda v: position[v])
    return jet_symbol(base.func.__name__, *(str(v) for v in wrt))


def to_jets(expr: sp.Expr) -> sp.Expr:
    """Replace applied undefined functions and their derivatives in ``expr`` by jet symbols."""
    expr = sp.sympify(expr)
    # Derivatives first: replacing the function first would turn them into derivatives of symbols.
    derivs = sorted(expr.atoms(sp.Derivative), key=lambda d: -d.derivative_count)
    expr = expr.xreplace({d: _jet_of(d) for d in derivs})
    funcs = expr.atoms(AppliedUndef)
    return expr.xreplace({f: _jet_of(f) for f in funcs})

