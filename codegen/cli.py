"""``natal codegen``: list, build and emit the registered evaluators.

    natal codegen                                   list: name, ref, #inputs, #outputs, cached?
    natal codegen --build [NAME ...] [--backend numpy|numba|all]
                                                    generate into the cache, print the paths
    natal codegen --emit DIR [NAME ...]             write standalone NumPy modules into DIR

``natal.cli`` adds these options to its ``codegen`` subcommand with :func:`add_arguments` and
calls :func:`run` with the parsed namespace.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from natal import source_store
from natal.codegen import registry
from natal.codegen.cache import cache_key
from natal.codegen.generate import BACKENDS, emit, is_cached_as

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``natal codegen`` arguments to ``parser``."""
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="registered evaluators (default: all of them)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--build", action="store_true",
                        help="generate the evaluators into the cache and print their paths")
    action.add_argument("--emit", metavar="DIR", type=Path,
                        help="write standalone NumPy-only modules into DIR")
    parser.add_argument("--backend", choices=[*BACKENDS, "all"], default="numpy",
                        help="with --build: the backend to generate, or all; --emit writes numpy modules only "
                        "(default: numpy)")
    parser.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                        help="cache folder (default: $NATAL_CACHE/codegen, where $NATAL_CACHE defaults to "
                        "$XDG_CACHE_HOME/natal or ~/.cache/natal)")


def run(ns: argparse.Namespace) -> int:
    """Carry out ``natal codegen``; returns the exit status."""
    registered = registry.factories()
    unknown = [n for n in ns.names if n not in registered]
    if unknown:
        print(f"natal codegen: unknown evaluator(s) {', '.join(unknown)}; registered: "
              f"{', '.join(registry.names()) or 'none'}", file=sys.stderr)
        return 2
    names = ns.names or registry.names()
    if ns.emit is not None:
        if ns.backend != "numpy":
            print("natal codegen: --emit writes NumPy modules only", file=sys.stderr)
            return 2
        for name in names:
            print(emit(registry.get(name), ns.emit))
        return 0
    if ns.build:
        backends = list(BACKENDS) if ns.backend == "all" else [ns.backend]
        for name in names:
            for backend in backends:
                ev = registry.build(name, backend, cache_dir=ns.cache_dir)
                ev.warm_up()
                print(f"{name}  {backend}  {ev.path}")
        return 0
    _list(names, ns.cache_dir)
    return 0


def _list(names: list[str], cache_dir: Path | None) -> None:
    if not names:
        print("no evaluators registered")
        return
    rows = [("name", "ref", "inputs", "outputs", "cached")]
    for row in _described(names):
        cached = ", ".join(b for b in BACKENDS if is_cached_as(row["name"], b, row["keys"][b], cache_dir)) or "-"
        rows.append((row["name"], row["ref"], str(row["inputs"]), str(row["outputs"]), cached))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def _described(names: list[str]) -> list[dict]:
    """Name, ref, argument and output counts and per-backend cache key of each evaluator: stored
    under natal's sources and the registered factories (:mod:`natal.source_store`), since deriving
    them takes seconds each; derived and stored when absent."""
    parts = [f"{name} {_factory_name(f)}" for name, f in sorted(registry.factories().items())]
    store_key = source_store.key("codegen-listing", *parts)
    stored = source_store.load("codegen-listing", store_key, _check_listing)
    if stored is None:
        stored = []
        for name in registry.names():
            d = registry.get(name)
            stored.append({"name": name, "ref": d.ref, "inputs": len(d.inputs), "outputs": len(d.outputs),
                           "keys": {b: cache_key(d, b) for b in BACKENDS}})
        source_store.save("codegen-listing", store_key, stored)
    return [row for row in stored if row["name"] in names]


def _factory_name(factory) -> str:
    """A factory's name that is the same in every process (a partial's, with its arguments), with the
    SHA-256 of its source file when it is defined outside natal."""
    if isinstance(factory, functools.partial):
        return f"{_factory_name(factory.func)}{factory.args!r}{sorted(factory.keywords.items())!r}"
    return source_store.function_id(factory)


def _check_listing(body) -> None:
    fields = {"name", "ref", "inputs", "outputs", "keys"}
    if not isinstance(body, list) or not all(isinstance(r, dict) and set(r) == fields and isinstance(r["keys"], dict)
                                             and set(r["keys"]) == set(BACKENDS) for r in body):
        raise source_store.Damaged("not a listing of evaluators")
