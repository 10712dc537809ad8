"""Evaluators generated from derivations: :func:`evaluator` (cached), :func:`emit` (standalone)."""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import numpy as np

from natal.cachedir import private_dir
from natal.derivations.result import Derivation

from . import numba_backend, numpy_backend
from .cache import (
    cache_key,
    default_directory,
    load,
    make_room,
    module_filename,
    module_stem,
    read_verified,
    with_header,
    write_atomic,
)
from .program import lower

__all__ = ["BACKENDS", "Evaluator", "emit", "evaluator", "generate", "is_cached", "is_cached_as"]

BACKENDS: dict[str, Callable[..., str]] = {
    "numpy": numpy_backend.source,
    "numba": numba_backend.source,
}


def generate(derivation: Derivation, backend: str) -> str:
    """The generated module body (no header) for ``derivation`` and ``backend``."""
    return BACKENDS[_check_backend(backend)](derivation, lower(derivation))


def _check_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {sorted(BACKENDS)}, got {backend!r}")
    return backend


class Evaluator:
    """A compiled derivation: call it with the inputs, get the outputs.

    Arguments come positionally in ``derivation.inputs`` order, or as keywords named by the input
    symbols; arrays broadcast together and scalars stay scalars.  Returns one float64 array per
    output, a tuple in output order when there are several.

    Attributes
    ----------
    inputs, outputs
        Argument and output names, in order.
    units
        Unit of every input and output by name (``"1"``: dimensionless or not recorded).
    backend
        ``"numpy"`` or ``"numba"``.
    path
        The generated module in the cache.
    source
        Its text.
    module
        The generated module itself (its ``evaluate`` is what a call runs; the NumPy backend's
        ``THREADS`` sets how many threads it uses).
    """

    def __init__(self, derivation: Derivation, backend: str, path: Path, source: str,
                 module: ModuleType):
        self.name = derivation.name
        self.ref = derivation.ref
        self.inputs = derivation.input_names
        self.outputs = derivation.output_names
        self.units = {n: derivation.unit(n) for n in self.inputs + self.outputs}
        self.backend = backend
        self.path = path
        self.source = source
        self.module = module
        self.function = module.evaluate
        self.__doc__ = inspect.getdoc(self.function)
        self._position = {n: i for i, n in enumerate(self.inputs)}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs and len(args) == len(self.inputs):
            return self.function(*args)
        return self.function(*self._bind(args, kwargs))

    def _bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        n = len(self.inputs)
        order = ", ".join(self.inputs)
        if len(args) > n:
            raise TypeError(f"{self.name} takes {n} arguments ({order}), got {len(args)}")
        values: list[Any] = list(args) + [_MISSING] * (n - len(args))
        for key, value in kwargs.items():
            if key not in self._position:
                raise TypeError(
                    f"{self.name} got an unknown argument {key!r}; its arguments are {order}"
                )
            i = self._position[key]
            if values[i] is not _MISSING:
                raise TypeError(f"{self.name} got argument {key!r} twice (by position and by name)")
            values[i] = value
        missing = [name for name, v in zip(self.inputs, values) if v is _MISSING]
        if missing:
            raise TypeError(f"{self.name} is missing argument(s) {', '.join(missing)}; "
                            f"its arguments are {order}")
        return values

    def warm_up(self) -> None:
        """Evaluate once on small and on large float64 arrays.

        The Numba backend then compiles (or loads from its cache) both of its loops now rather
        than on the first real call; for the NumPy backend this is a cheap no-op.
        """
        for n in sorted({1, getattr(self.module, "PARALLEL_MIN", 1)}):
            self.function(*[np.ones(n)] * len(self.inputs))

    def __repr__(self) -> str:
        return (f"<Evaluator {self.name} ({self.backend}): ({', '.join(self.inputs)}) -> "
                f"({', '.join(self.outputs)})>")


_MISSING = object()


def evaluator(derivation: Derivation, backend: str = "numpy",
              cache_dir: str | Path | None = None) -> Evaluator:
    """A fast evaluator of ``derivation``, generated once and then loaded from the cache.

    ``cache_dir`` defaults to :func:`~natal.codegen.cache.default_directory`; it is created private
    to the user.  A cached module is used only if its header key matches and its body hash
    verifies; otherwise it is regenerated.  A cache folder or module that another user owns or
    that others can write raises :class:`natal.cachedir.UntrustedCacheError`.
    """
    path, key = _location(derivation, _check_backend(backend), cache_dir)
    private_dir(path.parent)
    body = read_verified(path, key)
    if body is None:
        body = generate(derivation, backend)
        make_room(path)
        write_atomic(path, with_header(key, body))
    return Evaluator(derivation, backend, path, with_header(key, body), load(path, body))


def is_cached(derivation: Derivation, backend: str = "numpy",
              cache_dir: str | Path | None = None) -> bool:
    """Whether a verified module for ``derivation`` and ``backend`` is in the cache."""
    backend = _check_backend(backend)
    return is_cached_as(derivation.name, backend, cache_key(derivation, backend), cache_dir)


def is_cached_as(name: str, backend: str, key: str, cache_dir: str | Path | None = None) -> bool:
    """Whether a verified module of the evaluator ``name`` with cache key ``key`` is in the cache
    (:func:`is_cached` without the derivation, for a listing that stored its keys)."""
    directory = Path(cache_dir) if cache_dir is not None else default_directory()
    path = directory / module_filename(name, _check_backend(backend), key)
    if not path.parent.is_dir():
        return False
    private_dir(path.parent)  # checks only: the folder exists
    return read_verified(path, key) is not None


def _location(derivation: Derivation, backend: str,
              cache_dir: str | Path | None) -> tuple[Path, str]:
    """The cache file for ``derivation`` and ``backend``, and its key."""
    directory = Path(cache_dir) if cache_dir is not None else default_directory()
    key = cache_key(derivation, backend)
    return directory / module_filename(derivation.name, backend, key), key


def emit(derivation: Derivation, directory: str | Path) -> Path:
    """Write a standalone NumPy-only module for ``derivation`` into ``directory``.

    The file, ``<name as identifier>.py``, imports nothing but NumPy and the standard library and
    defines ``evaluate`` (plus ``INPUTS``, ``OUTPUTS``, ``UNITS``); it carries the same header as a
    cached module.
    """
    path = Path(directory) / f"{module_stem(derivation.name)}.py"
    key = cache_key(derivation, "numpy")
    write_atomic(path, with_header(key, generate(derivation, "numpy")), mode=0o644)
    return path
