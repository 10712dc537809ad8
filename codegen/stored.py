"""Registered evaluators by name, loaded without SymPy once natal has built them.

``build(name, backend)`` returns what :func:`natal.codegen.registry.build` returns.  The first time,
and after any change to natal's sources, it goes through the registry (deriving and generating) and
stores each evaluator's description and cache keys under the SHA-256 of natal's sources
(:mod:`natal.source_store`).  Afterwards it finds the generated module by its key and loads it,
verified by its hash, importing neither SymPy nor the derivations: this is how the numeric layer gets
its evaluators.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from natal import source_store
from natal.cachedir import private_dir
from natal.codegen.cache import default_directory, load, module_filename, read_verified, with_header
from natal.codegen.compiled import Evaluator

__all__ = ["build"]

KIND = "evaluators"


@functools.lru_cache(maxsize=1)
def _key() -> str:
    return source_store.key(KIND)


def _check(body: Any) -> None:
    ok = isinstance(body, dict) and all(
        isinstance(e, dict) and set(e) == {"spec", "keys"} and isinstance(e["keys"], dict)
        and isinstance(e["spec"], dict) and {"name", "ref", "inputs", "outputs", "units"} <= set(e["spec"])
        for e in body.values())
    if not ok:
        raise source_store.Damaged("not a mapping of evaluator names to their description and keys")


def _entries() -> dict[str, dict]:
    return source_store.load(KIND, _key(), _check) or {}


def build(name: str, backend: str = "numpy", cache_dir: str | Path | None = None) -> Evaluator:
    """The evaluator registered as ``name``, from the cache when natal's sources are unchanged since it
    was built (no SymPy imported), else built through the registry and remembered."""
    entry = _entries().get(name)
    if entry is not None and backend in entry["keys"]:
        key = entry["keys"][backend]
        directory = Path(cache_dir) if cache_dir is not None else default_directory()
        path = directory / module_filename(name, backend, key)
        if path.parent.is_dir():
            private_dir(path.parent)  # checks only: the folder exists
            body = read_verified(path, key)
            if body is not None:
                return Evaluator(entry["spec"], backend, path, with_header(key, body), load(path, body, backend))
    from natal.codegen import registry
    from natal.codegen.cache import cache_key
    from natal.codegen.compiled import spec_of
    from natal.codegen.generate import BACKENDS

    evaluator = registry.build(name, backend, cache_dir)
    derivation = registry.get(name)
    entries = _entries()  # again: another process may have added its own since
    entries[name] = {"spec": spec_of(derivation), "keys": {b: cache_key(derivation, b) for b in BACKENDS}}
    source_store.save(KIND, _key(), entries)
    return evaluator
