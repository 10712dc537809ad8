"""On-disk store for derivation results that take seconds to re-derive (SymPy expressions by name).

A result is saved as JSON ``{"key": ..., "body_sha256": ..., "exprs": {name: srepr}}`` under
``<root>/derivations/<name>.json``, the root being ``$NATAL_CACHE``, else ``$XDG_CACHE_HOME/natal``,
else ``~/.cache/natal`` (the codegen cache's root).  The key is the SHA-256 of the SymPy version and
of the source text of every module the result is derived from, so editing any of them re-derives;
a file with another key, a body that does not hash to its record, or one that does not parse is
ignored and rewritten.  Files are written through a temporary file and ``os.replace``.

``srepr`` keeps symbol assumptions; it is read back with ``sympify`` (which evaluates the text: the
store is the user's own cache directory, as the codegen modules are).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Mapping

import sympy as sp

from .. import cache_root

__all__ = ["directory", "source_key", "cached"]


def directory() -> Path:
    return cache_root() / "derivations"


def source_key(modules: Iterable[str]) -> str:
    """SHA-256 of the SymPy version and the sources of the named modules of this package."""
    here = Path(__file__).parent
    digest = hashlib.sha256(f"sympy {sp.__version__}\n".encode())
    for name in sorted(modules):
        digest.update(name.encode() + b"\n" + (here / f"{name}.py").read_bytes())
    return digest.hexdigest()


def _body(exprs: Mapping[str, str]) -> str:
    return json.dumps(dict(exprs), sort_keys=True)


def _load(path: Path, key: str) -> dict[str, sp.Expr] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("key") != key:
            return None
        body = _body(record["exprs"])
        if hashlib.sha256(body.encode()).hexdigest() != record.get("body_sha256"):
            return None
        return {name: sp.sympify(text) for name, text in record["exprs"].items()}
    except (OSError, ValueError, KeyError, TypeError, SyntaxError, sp.SympifyError):
        return None


def _save(path: Path, key: str, exprs: Mapping[str, sp.Expr]) -> None:
    texts = {name: sp.srepr(e) for name, e in exprs.items()}
    body = _body(texts)
    text = json.dumps({"key": key, "body_sha256": hashlib.sha256(body.encode()).hexdigest(), "exprs": texts})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def cached(name: str, modules: Iterable[str], derive: Callable[[], Mapping[str, sp.Expr]]) -> dict[str, sp.Expr]:
    """The named expressions from the store when their sources are unchanged, else ``derive()`` (saved).

    A store that cannot be written (read-only home, full disk) only costs the re-derivation.
    """
    key = source_key(modules)
    path = directory() / f"{name}.json"
    found = _load(path, key)
    if found is not None:
        return found
    exprs = dict(derive())
    try:
        _save(path, key, exprs)
    except OSError:
        pass
    return exprs
