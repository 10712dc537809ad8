"""Trusted values: a pack's derived expressions evaluated at points seeded from their symbols' names.

After NRPy's trusted values.  For each evaluator a pack registers, every output is evaluated with
mpmath at :data:`DIGITS` significant digits at one point whose coordinates come from the SHA-256 of
each input symbol's name, and the numbers are stored with the pack (``PaperPack.trusted``, a JSON
file in the pack's package).  Any change of a derived expression, however it is written, moves a
value; a rewrite that leaves the mathematics alone does not.  ``natal papers --trusted`` compares a
pack's derivations with its stored values, and ``--write-trusted`` records them afresh.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from pathlib import Path

import mpmath as mp

from natal.packs import PackError, PaperPack

__all__ = ["DIGITS", "TOLERANCE", "coordinate", "values", "compare", "location", "stored", "computed", "write"]

#: significant digits of each stored value
DIGITS = 30
#: relative difference above which a value no longer matches (far above mpmath's rounding at DIGITS)
TOLERANCE = 1e-20


def coordinate(name: str) -> mp.mpf:
    """The seeded coordinate of the symbol ``name``: 0.1 + 0.8 u with u in [0, 1) from its SHA-256, so
    every coordinate is positive, below 1 and the same on every machine."""
    u = mp.mpf(int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest(), "big")) / mp.mpf(2) ** 256
    return mp.mpf("0.1") + mp.mpf("0.8") * u


def values(derivation) -> dict[str, str]:
    """Each output of ``derivation`` (a :class:`natal.derivations.result.Derivation`) at the seeded
    point, as text with DIGITS significant digits (a complex value as ``re+imj``)."""
    import sympy as sp

    out = {}
    with mp.workdps(DIGITS + 15):
        point = [coordinate(s.name) for s in derivation.inputs]
        for name, expr in derivation.outputs:
            value = sp.lambdify(derivation.inputs, expr, "mpmath")(*point)
            value = mp.mpmathify(value)
            if isinstance(value, mp.mpc) and value.imag != 0:
                out[name] = f"{mp.nstr(value.real, DIGITS)}{'+' if value.imag >= 0 else '-'}{mp.nstr(abs(value.imag), DIGITS)}j"
            else:
                out[name] = mp.nstr(mp.re(value), DIGITS)
    return out


def compare(trusted: dict[str, dict[str, str]], current: dict[str, dict[str, str]]) -> list[str]:
    """What differs between stored and current values: one line per evaluator or output missing on
    either side, or a value more than TOLERANCE (relative) away."""
    problems = []
    for name in sorted(set(trusted) | set(current)):
        if name not in current:
            problems.append(f"{name}: has trusted values but is no longer registered")
            continue
        if name not in trusted:
            problems.append(f"{name}: no trusted values stored")
            continue
        for output in sorted(set(trusted[name]) | set(current[name])):
            if output not in trusted[name] or output not in current[name]:
                problems.append(f"{name}.{output}: output {'added' if output in current[name] else 'removed'}")
                continue
            with mp.workdps(DIGITS + 15):
                old, new = mp.mpmathify(trusted[name][output]), mp.mpmathify(current[name][output])
                scale = max(abs(old), abs(new))
                if scale != 0 and abs(new - old) / scale > TOLERANCE:
                    problems.append(f"{name}.{output}: {current[name][output]} where the trusted value is "
                                    f"{trusted[name][output]}")
    return problems


def location(pack: PaperPack):
    """Where ``pack`` keeps its trusted values (``"package:file.json"``), as an importlib resource."""
    if not pack.trusted:
        raise PackError(f"pack {pack.key!r} names no trusted values")
    package, _, filename = pack.trusted.partition(":")
    if not filename:
        raise PackError(f"pack {pack.key!r}: trusted must be 'package:file.json', got {pack.trusted!r}")
    return importlib.resources.files(package) / filename


def stored(pack: PaperPack) -> dict[str, dict[str, str]]:
    """The trusted values stored with ``pack`` ({} where none were recorded yet)."""
    where = location(pack)
    if not where.is_file():
        return {}
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except ValueError as error:
        raise PackError(f"pack {pack.key!r}: {pack.trusted} is not valid JSON ({error})") from error
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise PackError(f"pack {pack.key!r}: {pack.trusted} is not a mapping of evaluators to their outputs")
    return data


def computed(pack: PaperPack) -> dict[str, dict[str, str]]:
    """The values of every evaluator ``pack`` registers, derived now."""
    from natal.codegen import registry

    return {name: values(registry.get(name)) for name in registry.names() if name.startswith(f"{pack.key}.")}


def write(pack: PaperPack, current: dict[str, dict[str, str]]) -> Path:
    """Record ``current`` as ``pack``'s trusted values (in its source tree: an editable install)."""
    from natal.files import write_atomic

    path = Path(str(location(pack)))
    write_atomic(path, json.dumps(current, indent=1, sort_keys=True) + "\n")
    return path
