"""Mutation testing of the equation checks: could a verdict have come out the other way?

A *printed entry* is where a printed form lives: a function ``eq<N>`` of a module in
``natal.derivations.printed`` (called by the checks) or an entry of a module's ``EQUATIONS``
mapping.  :func:`recording` notes which entries a check reads and what they returned; a
:class:`Mutation` is a mechanical change of one returned expression (flip the sign of one term,
scale one term or factor by 2 or 1/2, drop one term, raise one exponent by one, swap two symbols of
the same kind), and :func:`patched` puts it where the entry lives, so that the whole check, run
again, reads the mutant exactly as it reads the print.  A mutant that leaves the verdict unchanged
is *not caught*: the check could not have told it from the print.  :func:`choose` keeps only
mutants that differ from the original at some recorded call (numerically, then by ``simplify``),
so an equivalent mutant is never counted as tried.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import random
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

import sympy as sp

__all__ = ["Entry", "Mutation", "recording", "patched", "choose", "printed_modules", "OPERATORS"]

#: the mechanical changes, in the order :func:`choose` tries them
OPERATORS = ("negate", "double", "halve", "drop", "exponent", "swap", "factor")
_TEXT = 240  # characters of a mutant's text kept in the report


@dataclass(frozen=True)
class Entry:
    """Where a printed form lives: ``module.name`` (a function) or ``module.name[key]`` (a mapping)."""

    module: str
    name: str
    key: str | None = None

    def __str__(self) -> str:
        short = self.module.rsplit(".", 1)[-1]
        return f"printed.{short}.{self.name}" + ("" if self.key is None else f"[{self.key!r}]")


# --- where the expressions sit inside an entry's value ------------------------------------------

def _outputs(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, sp.Expr]]:
    """(path, expression) for every SymPy expression inside an entry's returned value."""
    if isinstance(value, sp.MatrixBase):
        for i, e in enumerate(value):
            yield (*path, i), e
    elif isinstance(value, sp.Basic):
        yield path, value
    elif isinstance(value, Mapping):
        for k in value:
            yield from _outputs(value[k], (*path, k))
    elif isinstance(value, (tuple, list)):
        for i, v in enumerate(value):
            yield from _outputs(v, (*path, i))
    elif dataclasses.is_dataclass(value) and hasattr(value, "meant"):  # a PrintedEquation's meant reading
        yield from _outputs(value.meant, (*path, "meant"))


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(value, sp.MatrixBase):
            value = value[step]
        elif dataclasses.is_dataclass(value) and step == "meant":
            value = value.meant
        else:
            value = value[step]
    return value


def _put(value: Any, path: tuple, new: Any) -> Any:
    """A copy of ``value`` with ``new`` at ``path`` (the original is never modified)."""
    if not path:
        return new
    step, rest = path[0], path[1:]
    if isinstance(value, sp.MatrixBase):
        out = value.as_mutable().copy()
        out[step] = _put(value[step], rest, new)
        return out.as_immutable() if isinstance(value, sp.ImmutableMatrix) else out
    if dataclasses.is_dataclass(value) and step == "meant":
        return dataclasses.replace(value, meant=_put(value.meant, rest, new))
    if isinstance(value, Mapping):
        out = dict(value)
        out[step] = _put(value[step], rest, new)
        return out
    if isinstance(value, (tuple, list)):
        out = list(value)
        out[step] = _put(value[step], rest, new)
        return type(value)(out)
    raise TypeError(f"cannot place a mutant inside a {type(value).__name__}")


# --- expression surgery ------------------------------------------------------------------------

def _nodes(expr: sp.Basic) -> list[sp.Basic]:
    """The nodes of ``expr`` in pre-order (the numbering :func:`_rebuild` uses)."""
    out = [expr]
    for a in expr.args:
        out.extend(_nodes(a))
    return out


def _rebuild(expr: sp.Basic, index: int, change: Callable[[sp.Basic], sp.Basic]) -> sp.Basic:
    """``expr`` with its pre-order node ``index`` replaced by ``change(node)``."""
    counter = [0]

    def walk(node: sp.Basic) -> sp.Basic:
        here = counter[0]
        counter[0] += 1
        if here == index:
            counter[0] += len(_nodes(node)) - 1
            return change(node)
        if not node.args:
            return node
        args = [walk(a) for a in node.args]
        return node.func(*args) if any(a is not b for a, b in zip(args, node.args)) else node

    return walk(expr)


@dataclass(frozen=True)
class Mutation:
    """One mechanical change of one expression of a printed entry.

    ``path`` locates the expression in the entry's value, ``site`` is the pre-order index of the node
    changed (an ``Add`` for the term operators, a ``Mul`` for ``factor``, a ``Pow`` for ``exponent``)
    and ``arg`` the term or factor index; ``swap`` exchanges the two symbol names in ``arg``.
    """

    entry: Entry
    path: tuple
    op: str
    site: int = 0
    arg: Any = None

    def change(self, expr: sp.Expr) -> sp.Expr:
        """The mutated expression (``expr`` itself where the mutation does not apply to it)."""
        if self.op == "swap":
            a, b = (next((s for s in expr.free_symbols if s.name == n), None) for n in self.arg)
            return expr if a is None or b is None else expr.xreplace({a: b, b: a})
        nodes = _nodes(expr)
        if self.site >= len(nodes):
            return expr
        node = nodes[self.site]
        if self.op == "exponent":
            return _rebuild(expr, self.site, lambda p: sp.Pow(p.base, p.exp + 1)) if node.is_Pow else expr
        if self.op == "factor":
            if not node.is_Mul or self.arg >= len(node.args):
                return expr
            return _rebuild(expr, self.site, lambda m: sp.Mul(*[2 * f if i == self.arg else f
                                                               for i, f in enumerate(m.args)]))
        if not node.is_Add or self.arg >= len(node.args):
            return expr
        factor = {"negate": -1, "double": 2, "halve": sp.Rational(1, 2), "drop": 0}[self.op]
        return _rebuild(expr, self.site, lambda s: sp.Add(*[factor * t if i == self.arg else t
                                                           for i, t in enumerate(s.args)]))

    def apply(self, value: Any) -> Any:
        """The entry's value with the mutation applied at ``path``."""
        try:
            target = _get(value, self.path)
        except (KeyError, IndexError, TypeError):
            return value
        return _put(value, self.path, self.change(target))

    def text(self, value: Any) -> str:
        """What the mutant is, in one line: where, which change, and the mutated expression."""
        where = str(self.entry) + "".join(f"[{p!r}]" for p in self.path)
        if self.op == "swap":
            what = f"{self.arg[0]} <-> {self.arg[1]}"
        elif self.op == "exponent":
            what = f"exponent of node {self.site} + 1"
        else:
            done = {"negate": "negated", "double": "doubled", "halve": "halved", "drop": "dropped",
                    "factor": "doubled"}[self.op]
            what = f"{'factor' if self.op == 'factor' else 'term'} {self.arg} of node {self.site} {done}"
        try:
            expr = sp.sstr(self.change(_get(value, self.path)))
        except (KeyError, IndexError, TypeError):
            expr = "?"
        expr = expr if len(expr) <= _TEXT else expr[:_TEXT - 3] + "..."
        return f"{where}: {what}: {expr}"


def _candidates(entry: Entry, value: Any) -> dict[str, list[Mutation]]:
    """Every mutation of every operator that applies to ``value``, by operator."""
    out: dict[str, list[Mutation]] = {op: [] for op in OPERATORS}
    for path, expr in _outputs(value):
        for i, node in enumerate(_nodes(expr)):
            if node.is_Add:
                for j in range(len(node.args)):
                    for op in ("negate", "double", "halve", "drop"):
                        out[op].append(Mutation(entry, path, op, i, j))
            elif node.is_Mul:
                out["factor"].extend(Mutation(entry, path, "factor", i, j) for j in range(len(node.args))
                                     if not node.args[j].is_Number)
            elif node.is_Pow:
                out["exponent"].append(Mutation(entry, path, "exponent", i))
        symbols = sorted(expr.free_symbols, key=lambda s: s.name)
        for a_i, a in enumerate(symbols):
            for b in symbols[a_i + 1:]:
                if a.assumptions0 == b.assumptions0:
                    out["swap"].append(Mutation(entry, path, "swap", 0, (a.name, b.name)))
    return out


def _differs(original: sp.Basic, mutant: sp.Basic) -> bool:
    """Whether the mutant is a different function: at random points first, by simplify if they agree."""
    if original == mutant:
        return False
    delta = mutant - original
    symbols = sorted(original.free_symbols | mutant.free_symbols, key=lambda s: s.name)
    rng = random.Random(7)
    for _ in range(3):
        point = {s: sp.Float(rng.uniform(0.3, 1.7), 30) for s in symbols}
        try:
            value = complex(delta.evalf(30, subs=point))
            scale = abs(complex(original.evalf(30, subs=point))) + 1
        except (TypeError, ValueError, ZeroDivisionError):  # not a number there: let simplify decide
            break
        if abs(value) > 1e-20 * scale:
            return True
    return sp.simplify(delta) != 0


def choose(entry: Entry, values: list[Any], per_entry: int, seed: str) -> list[Mutation]:
    """At least ``per_entry`` mutations of ``entry`` (where that many exist), each of a different
    operator where possible, none equivalent to the original at every recorded call ``values``."""
    if not values:
        return []
    pools = _candidates(entry, values[0])
    rng = random.Random(hashlib.sha256(f"{seed}|{entry}".encode()).hexdigest())
    for pool in pools.values():
        rng.shuffle(pool)
    chosen: list[Mutation] = []
    while len(chosen) < per_entry and any(pools.values()):
        for op in OPERATORS:  # one per operator per round, so every kind of change is tried
            while pools[op]:
                m = pools[op].pop()
                if any(_differs(_get(v, m.path), m.change(_get(v, m.path))) for v in values
                       if _has(v, m.path)):
                    chosen.append(m)
                    break
            if len(chosen) >= per_entry:
                break
    return chosen


def _has(value: Any, path: tuple) -> bool:
    try:
        return isinstance(_get(value, path), sp.Basic)
    except (KeyError, IndexError, TypeError):
        return False


# --- reading and replacing entries --------------------------------------------------------------

class _RecordingMapping(dict):
    """An ``EQUATIONS`` mapping that reports each key read to ``note(entry, value)``."""

    def __init__(self, data: Mapping, entry_of: Callable[[str], Entry], note: Callable[[Entry, Any], None]):
        super().__init__(data)
        self._entry_of, self._note = entry_of, note

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self._note(self._entry_of(key), value)
        return value


def printed_modules() -> list[str]:
    """The modules that hold printed forms (their ``eq*`` functions and ``EQUATIONS`` mappings): those
    every installed paper pack names."""
    from natal import packs

    return [name for pack in packs.installed().values() for name in pack.printed]


def _printed_modules():
    return [importlib.import_module(name) for name in printed_modules()]


def _functions(module) -> list[str]:
    return [n for n, v in vars(module).items() if n.startswith("eq") and callable(v)]


def _cached_reader(frame) -> tuple[str, str] | None:
    """The remembered computation on the stack of a printed-entry read, as (module, name), or None.

    A value computed while reading a print and then remembered (by an ``lru_cache``, or at a natal
    module's top level) would hide a mutant from every later run in the same process; such a read
    is what makes a warm mutant run unsound.
    """
    while frame is not None:
        code, module = frame.f_code, frame.f_globals.get("__name__", "")
        if code.co_name == "<module>" and (module == "natal" or module.startswith("natal.")):
            return module, "(module level)"
        obj = frame.f_globals.get(code.co_name)
        if callable(getattr(obj, "cache_clear", None)) and getattr(getattr(obj, "__wrapped__", None),
                                                                    "__code__", None) is code:
            return module, code.co_qualname
        frame = frame.f_back
    return None


@contextlib.contextmanager
def recording(cached_reads: dict[Entry, set[tuple[str, str]]] | None = None) -> Iterator[dict[Entry, list[Any]]]:
    """Note every printed entry read inside the block, with each value it returned.

    With a dict ``cached_reads``, each read made inside a remembered computation (see
    :func:`_cached_reader`) is also noted there: entry -> the (module, name) of the computations
    that read it.
    """
    seen: dict[Entry, list[Any]] = {}
    saved: list[tuple[Any, str, Any]] = []

    def note(entry: Entry, value: Any) -> None:
        seen.setdefault(entry, []).append(value)
        if cached_reads is not None:
            reader = _cached_reader(sys._getframe(2))
            if reader is not None:
                cached_reads.setdefault(entry, set()).add(reader)

    for module in _printed_modules():
        for name in _functions(module):
            original = getattr(module, name)
            entry = Entry(module.__name__, name)

            def recorder(*args, _original=original, _entry=entry, **kwargs):
                value = _original(*args, **kwargs)
                note(_entry, value)
                return value

            saved.append((module, name, original))
            setattr(module, name, recorder)
        if isinstance(getattr(module, "EQUATIONS", None), dict):
            original = module.EQUATIONS
            saved.append((module, "EQUATIONS", original))
            module.EQUATIONS = _RecordingMapping(original, lambda key, m=module: Entry(m.__name__, "EQUATIONS", key),
                                                 note)
    try:
        yield seen
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)


@contextlib.contextmanager
def patched(entry: Entry, transform: Callable[[Any], Any]) -> Iterator[None]:
    """Inside the block, ``entry`` returns ``transform(value)`` instead of its value."""
    module = importlib.import_module(entry.module)
    original = getattr(module, entry.name)
    if entry.key is None:
        def replacement(*args, **kwargs):
            return transform(original(*args, **kwargs))
        setattr(module, entry.name, replacement)
    else:
        table = dict(original)
        table[entry.key] = transform(original[entry.key])
        setattr(module, entry.name, table)
    try:
        yield
    finally:
        setattr(module, entry.name, original)
