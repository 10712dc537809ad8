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
import sys
from pathlib import Path

from . import registry
from .evaluator import BACKENDS, emit, is_cached

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
    unknown = [n for n in ns.names if n not in registry.REGISTRY]
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
    for name in names:
        d = registry.get(name)
        cached = ", ".join(b for b in BACKENDS if is_cached(d, b, cache_dir)) or "-"
        rows.append((name, d.ref, str(len(d.inputs)), str(len(d.outputs)), cached))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
