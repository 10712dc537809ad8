"""On-disk store for derivation results that take seconds to re-derive (SymPy expressions by name).

A result is saved as JSON ``{"name": ..., "key": ..., "body_sha256": ..., "exprs": {name: srepr}}``
under ``<root>/derivations/<name>.json``, the root being ``$NATAL_CACHE``, else
``$XDG_CACHE_HOME/natal``, else ``~/.cache/natal`` (the codegen cache's root).  The key is the SHA-256
of the store's format, the SymPy version and the source text of every module the result is derived
from, so editing any of them re-derives.  Files are written with :func:`natal.files.write_atomic`.

A file that is absent or has another key is rebuilt silently (first run, changed sources).  A record
that is damaged -- not a JSON object of that shape, another name's record, a body that does not hash
to its record, an expression that does not parse, a folder in the file's place -- is rebuilt too,
with one warning line naming the file.  A cache folder or file that others could write is refused
(:class:`natal.cachedir.UntrustedCacheError`), never read.

``srepr`` keeps symbol assumptions.  It is read back by :func:`parse`, which builds the expression
from the syntax tree and accepts only calls of a fixed set of SymPy constructors with literal
arguments: no text is evaluated.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.util
import json
import logging
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import sympy as sp
from sympy.core.assumptions import _assume_defined

from natal import cachedir, files
from natal.cachedir import UntrustedCacheError

__all__ = ["bypassed", "cached", "directory", "parse", "source_key"]

log = logging.getLogger(__name__)

# Part of the key: bump when the record's layout changes, so that older records are rebuilt quietly.
FORMAT_VERSION = 2

_FIELDS = {"name", "key", "body_sha256", "exprs"}
_SHA256 = re.compile(r"[0-9a-f]{64}")


def directory() -> Path:
    return cachedir.cache_root() / "derivations"


def source_key(modules: Iterable[str]) -> str:
    """SHA-256 of the store's format, the SymPy version and the sources of the named modules (dotted
    names, found without importing them)."""
    digest = hashlib.sha256(f"natal store {FORMAT_VERSION}\nsympy {sp.__version__}\n".encode())
    for name in sorted(modules):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            raise ModuleNotFoundError(f"the store's source module {name!r} does not exist")
        digest.update(name.encode() + b"\n" + Path(spec.origin).read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------------
# Reading srepr text without evaluating it

class UnsafeExpression(ValueError):
    """Text that is not a plain srepr of an expression the store keeps."""


# Every name is a SymPy class whose constructor builds a value from its arguments and does nothing
# else.  The collision moments use Symbol, Integer, Rational, Add, Mul, Pow and pi; the rest are the
# other forms srepr gives for numbers, constants and elementary functions.  _texts refuses to save
# anything this reader would reject, so a new name shows up when a result is first stored.
_CONSTRUCTORS: dict[str, Any] = {name: getattr(sp, name) for name in (
    "Symbol", "Dummy", "Integer", "Rational", "Float", "Add", "Mul", "Pow", "Tuple", "Function",
    "exp", "log", "sin", "cos", "tan", "sinh", "cosh", "tanh", "asin", "acos", "atan", "atan2",
    "Abs", "sign", "Min", "Max", "factorial",
)}
_SINGLETONS: dict[str, sp.Basic] = {name: getattr(sp, name) for name in (
    "pi", "E", "I", "oo", "zoo", "nan", "EulerGamma",
)}
# Keywords with the literal type each takes: assumptions are booleans, the rest integers.
_ASSUMPTIONS = {name: bool for name in _assume_defined}
_KEYWORDS: dict[str, dict[str, type]] = {
    "Symbol": _ASSUMPTIONS,
    "Dummy": {**_ASSUMPTIONS, "dummy_index": int},
    "Function": _ASSUMPTIONS,
    "Float": {"precision": int},
}
# Only these take a string, and only as the first argument (a name, or a Float's digits): elsewhere
# SymPy would pass a string to sympify, which evaluates it.
_NAMED = {"Symbol", "Dummy", "Function", "Float"}


def parse(text: str) -> sp.Basic:
    """The expression whose ``sympy.srepr`` is ``text``, built without evaluating the text.

    Raises UnsafeExpression (a ValueError) for anything but calls of the store's SymPy constructors
    with literal arguments, and SyntaxError for text that is not a Python expression.
    """
    node = ast.parse(text, mode="eval").body
    value = _build(node, string_ok=False)
    if not isinstance(value, sp.Basic):
        raise UnsafeExpression(f"not an expression: {text[:60]!r}")
    return value


def _build(node: ast.AST, string_ok: bool) -> Any:
    if isinstance(node, ast.Constant):
        return _literal(node.value, (int, str) if string_ok else (int,))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _build(node.operand, string_ok=False)
        if not isinstance(value, (int, sp.Number)):
            raise UnsafeExpression("a sign before something other than a number")
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Name) and node.id in _SINGLETONS:
        return _SINGLETONS[node.id]
    if isinstance(node, ast.Call):
        return _call(node)
    raise UnsafeExpression(f"{type(node).__name__} is not allowed")


def _literal(value: Any, types: tuple[type, ...]) -> Any:
    # type() rather than isinstance: True is an int, but never a positional argument in srepr.
    if type(value) not in types:
        raise UnsafeExpression(f"literal {value!r:.60} is not allowed here")
    if isinstance(value, str) and value.startswith("__"):
        raise UnsafeExpression(f"name {value!r:.60} is not allowed")
    return value


def _call(node: ast.Call) -> Any:
    func = node.func
    if isinstance(func, ast.Name) and func.id in _CONSTRUCTORS:
        name, constructor = func.id, _CONSTRUCTORS[func.id]
    elif isinstance(func, ast.Call) and isinstance(func.func, ast.Name) and func.func.id == "Function":
        name, constructor = "applied function", _call(func)  # Function('f')(Symbol('x'))
    else:
        raise UnsafeExpression(f"call of {ast.unparse(func)[:60]!r} is not allowed")
    args = [_build(a, string_ok=(i == 0 and name in _NAMED)) for i, a in enumerate(node.args)]
    if name in _NAMED and not (args and isinstance(args[0], str)):
        raise UnsafeExpression(f"{name} needs a string as its first argument")
    allowed = _KEYWORDS.get(name, {})
    kwargs = {}
    for kw in node.keywords:
        if kw.arg not in allowed or not isinstance(kw.value, ast.Constant):
            raise UnsafeExpression(f"keyword {kw.arg!r} of {name} is not allowed")
        kwargs[kw.arg] = _literal(kw.value.value, (allowed[kw.arg],))
    return constructor(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------
# Records

def _body(exprs: Mapping[str, str]) -> str:
    return json.dumps(dict(exprs), sort_keys=True)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _texts(name: str, exprs: Mapping[str, sp.Basic]) -> dict[str, str]:
    """srepr of each expression, checked to read back as the same expression."""
    texts = {}
    for part, e in exprs.items():
        text = sp.srepr(e)
        try:
            same = parse(text) == e
        except (SyntaxError, TypeError, ValueError) as exc:  # UnsafeExpression is a ValueError
            raise ValueError(f"{name}[{part!r}] cannot be stored: {exc}; extend derivations/store.py's "
                             f"constructors") from exc
        if not same:
            raise ValueError(f"{name}[{part!r}] does not read back from its srepr")
        texts[part] = text
    return texts


_Damaged = cachedir.DamagedEntry


def _decode(data: bytes, name: str, key: str) -> dict[str, sp.Basic] | None:
    """The record's expressions; None for a record of another key (stale, not damaged)."""
    try:
        record = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise _Damaged("not valid JSON") from None
    if not isinstance(record, dict):
        raise _Damaged(f"a JSON {type(record).__name__}, not an object")
    if not isinstance(record.get("key"), str) or not _SHA256.fullmatch(record["key"]):
        raise _Damaged("no valid key")
    if record["key"] != key:
        return None
    if set(record) != _FIELDS:
        raise _Damaged(f"its fields are not {', '.join(sorted(_FIELDS))}")
    if record["name"] != name:
        raise _Damaged(f"the record of {record['name']!r:.60}")
    exprs = record["exprs"]
    if not isinstance(exprs, dict) or not all(isinstance(t, str) for t in exprs.values()):
        raise _Damaged("exprs is not a mapping of names to text")
    if _sha256(_body(exprs)) != record["body_sha256"]:
        raise _Damaged("its body does not match its hash")
    out = {}
    for part, text in exprs.items():
        try:
            out[part] = parse(text)
        # Beyond the parser's own errors, SymPy's constructors can raise almost anything on
        # arguments they were not made for (and a deep nest, RecursionError).
        except Exception as exc:
            raise _Damaged(f"{part!r} does not parse: {type(exc).__name__}") from None
    return out


def _load(path: Path, name: str, key: str) -> dict[str, sp.Basic] | None:
    """The stored expressions, or None when they must be derived (absent, stale or damaged)."""
    return cachedir.read_entry(path, lambda data: _decode(data, name, key), _warn)


def _warn(path: Path, reason: str) -> None:
    log.warning("natal: warning: derivation record %s is damaged (%s); rebuilding it",
                cachedir.printable(path), reason)


def _save(path: Path, name: str, key: str, texts: Mapping[str, str]) -> None:
    text = json.dumps({"name": name, "key": key, "body_sha256": _sha256(_body(texts)), "exprs": dict(texts)})
    files.write_atomic(path, text, mode=0o600)


_bypassed = False


@contextlib.contextmanager
def bypassed() -> Iterator[None]:
    """Inside the block every result is derived afresh and nothing is read from or written to the
    store (``natal verify --mutants`` runs each mutant so, lest a stored result hide what it changed)."""
    global _bypassed
    before, _bypassed = _bypassed, True
    try:
        yield
    finally:
        _bypassed = before


def cached(name: str, modules: Iterable[str], derive: Callable[[], Mapping[str, sp.Expr]]) -> dict[str, sp.Expr]:
    """The named expressions from the store when their sources are unchanged, else ``derive()`` (saved).

    A store that cannot be created or written (read-only home, full disk) only costs the
    re-derivation; one that others could write raises UntrustedCacheError.
    """
    if _bypassed:
        return dict(derive())
    key = source_key(modules)
    path = directory() / f"{name}.json"
    try:
        cachedir.private_dir(path.parent)
    except UntrustedCacheError:
        raise
    except OSError:
        return dict(derive())
    found = _load(path, name, key)
    if found is not None:
        return found
    exprs = dict(derive())
    texts = _texts(name, exprs)
    try:
        _save(path, name, key, texts)
    except OSError:  # the folder was checked above: this is a read-only or full disk
        pass
    return exprs
