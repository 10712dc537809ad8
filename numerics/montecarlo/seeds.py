"""Seeds and config fingerprints: what makes a batched run reproducible and its checkpoint reusable.

Batch ``i`` of a run with ``root_seed`` runs with :func:`batch_seed` ``(root_seed, i)``, which depends
only on those two numbers, so a longer run repeats the earlier batches exactly.  A checkpoint is reused
only for a config with the same :func:`config_fingerprint`.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import numbers
import pathlib
from typing import Any, Mapping

import numpy as np

__all__ = ["SEED_SCHEME", "batch_seed", "config_fingerprint", "count"]

#: How a batch seed is derived (also recorded in a checkpoint's manifest).
SEED_SCHEME = "SeedSequence(root_seed, spawn_key=(i,)).generate_state(1, uint64)[0] >> 1"


def count(name: str, value: Any, minimum: int) -> int:
    """``value`` as an ``int`` if it is an integer (not a bool) ``>= minimum``; otherwise a
    ``ValueError`` that starts with ``name`` and states the allowed range.  The runner's check of
    its counts (histories, batch size, seeds, workers)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    return int(value)


def batch_seed(root_seed: int, index: int) -> int:
    """The seed of batch ``index`` of a run with ``root_seed``: a 63-bit non-negative ``int``.

    ``np.random.SeedSequence(root_seed, spawn_key=(index,))`` -- the same sequence as
    ``np.random.SeedSequence(root_seed).spawn(n)[index]`` for any ``n > index`` -- generates one
    uint64 word, shifted right by one bit so the seed fits a signed 64-bit integer (Numba, C).
    It depends only on ``root_seed`` and ``index``, so extending a run keeps the earlier seeds, and
    the spawn tree keeps the streams of different batches statistically independent.
    """
    count("root_seed", root_seed, 0)
    count("index", index, 0)
    ss = np.random.SeedSequence(int(root_seed), spawn_key=(int(index),))
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


def config_fingerprint(config: Any) -> str:
    """A stable text that identifies ``config``; a checkpoint is reused only for the same text.

    If ``config`` has a ``fingerprint()`` method, its (non-empty ``str``) result is used as is.
    Otherwise ``config`` must be a dataclass instance: the fingerprint is ``"sha256:"`` + the
    SHA-256 of the JSON of ``{"type": module.QualName, "fields": dataclasses.asdict(config)}``
    written with sorted keys and no whitespace. Floats are written by ``repr`` (the shortest text
    that round-trips, so any change of value changes the fingerprint; ``1`` and ``1.0`` differ),
    NumPy scalars as the Python number, arrays as dtype + shape + SHA-256 of their bytes, enums by
    name, paths as text, tuples as lists. Any other field type raises ``TypeError``: give the
    config a ``fingerprint()`` method.
    """
    method = getattr(config, "fingerprint", None)
    if callable(method):
        fp = method()
        if not isinstance(fp, str) or not fp:
            raise TypeError(f"config.fingerprint() must return a non-empty str, got {fp!r}")
        return fp
    if not dataclasses.is_dataclass(config) or isinstance(config, type):
        raise TypeError(
            f"config must be a dataclass instance or have a fingerprint() method, got "
            f"{type(config).__name__}")
    payload = {"type": _qualname(type(config)), "fields": _canonical(dataclasses.asdict(config))}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), allow_nan=True)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(obj: Any) -> Any:
    """JSON-ready, order-independent form of a config value (see :func:`config_fingerprint`)."""
    if obj is None or isinstance(obj, (bool, str, np.bool_)):
        return bool(obj) if isinstance(obj, np.bool_) else obj
    if isinstance(obj, enum.Enum):
        return {"__enum__": f"{_qualname(type(obj))}.{obj.name}"}
    if isinstance(obj, numbers.Integral):
        return int(obj)
    if isinstance(obj, numbers.Real):
        return float(obj)  # json writes float.__repr__ (nan/inf as NaN/Infinity)
    if isinstance(obj, numbers.Complex):
        return {"__complex__": [float(obj.real), float(obj.imag)]}
    if isinstance(obj, pathlib.PurePath):
        return {"__path__": str(obj)}
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind not in "biufcSUMm":
            raise TypeError(f"cannot fingerprint an array of dtype {obj.dtype}; "
                            "give the config a fingerprint() method")
        data = np.ascontiguousarray(obj).tobytes()
        return {"__ndarray__": [obj.dtype.str, list(obj.shape), hashlib.sha256(data).hexdigest()]}
    if isinstance(obj, Mapping):
        out = {}
        for k, v in obj.items():
            key = k if isinstance(k, str) else repr(_canonical(k))
            out[key] = _canonical(v)
        return out
    if isinstance(obj, (list, tuple)):
        return [_canonical(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        items = [_canonical(v) for v in obj]
        return {"__set__": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    raise TypeError(f"cannot fingerprint a config field of type {type(obj).__name__} stably; "
                    "give the config a fingerprint() method")


def _qualname(obj: Any) -> str:
    return f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', type(obj).__name__)}"
