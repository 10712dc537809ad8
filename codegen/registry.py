"""The evaluators natal builds, by name (what ``natal codegen`` lists, builds and emits).

The names and their factories come from the installed paper packs (:mod:`natal.packs`): each pack's
``evaluators`` module maps names ``"<key>.<name>"`` to zero-argument factories returning the
:class:`~natal.derivations.result.Derivation` of that name.  Deriving is slow (seconds), so
factories run only when a derivation is asked for, and :func:`get` keeps the result for the rest
of the process.  A pack whose evaluators cannot be imported is reported once on stderr and left out.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Callable

from natal.codegen.compiled import Evaluator
from natal.codegen.generate import evaluator
from natal.derivations.result import Derivation

__all__ = ["REGISTRY", "build", "factories", "get", "names", "register"]

log = logging.getLogger(__name__)

Factory = Callable[[], Derivation]

REGISTRY: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    """Register ``factory`` under ``name`` (its Derivation must carry the same name).

    Registering a different factory under a name already taken is an error; registering the same
    one again is harmless (module reloads).
    """
    if name in REGISTRY and REGISTRY[name] is not factory:
        raise ValueError(f"an evaluator named {name!r} is already registered")
    REGISTRY[name] = factory
    get.cache_clear()


_FROM_PACKS: set[str] = set()


def _load_packs() -> None:
    """Register the evaluators of every installed pack not yet read (once per pack and process)."""
    from natal import packs

    for pack in packs.installed().values():
        if pack.evaluators is None or pack.key in _FROM_PACKS:
            continue
        _FROM_PACKS.add(pack.key)
        try:
            table = getattr(packs.load_part(pack, pack.evaluators), "EVALUATORS", None)
            if not isinstance(table, dict):
                raise packs.PackError(f"pack {pack.key!r}: {pack.evaluators} has no EVALUATORS mapping")
            foreign = [name for name in table if not str(name).startswith(f"{pack.key}.")]
            if foreign:
                raise packs.PackError(f"pack {pack.key!r}: evaluator names must start with {pack.key + '.'!r}, "
                                      f"got {', '.join(map(repr, foreign))}")
        except packs.PackError as error:
            log.warning("natal: warning: %s; its evaluators are left out", error)
            continue
        for name, factory in table.items():
            register(name, factory)


def factories() -> dict[str, Factory]:
    """Every registered name and its factory: the packs' and those registered in this process."""
    _load_packs()
    return dict(REGISTRY)


def names() -> list[str]:
    """Registered names, sorted."""
    _load_packs()
    return sorted(REGISTRY)


@functools.lru_cache(maxsize=None)
def get(name: str) -> Derivation:
    """The derivation registered as ``name`` (derived once per process)."""
    _load_packs()
    if name not in REGISTRY:
        raise KeyError(f"no evaluator named {name!r}; registered: {', '.join(names()) or 'none'}")
    derivation = REGISTRY[name]()
    if not isinstance(derivation, Derivation):
        raise TypeError(
            f"factory for {name!r} returned {type(derivation).__name__}, not a Derivation"
        )
    if derivation.name != name:
        raise ValueError(f"factory for {name!r} returned the derivation {derivation.name!r}")
    return derivation


def build(name: str, backend: str = "numpy", cache_dir: str | Path | None = None) -> Evaluator:
    """The evaluator of the derivation registered as ``name`` (generated, or loaded from cache)."""
    return evaluator(get(name), backend=backend, cache_dir=cache_dir)
