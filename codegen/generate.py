"""Evaluators generated from derivations: :func:`evaluator` (cached), :func:`emit` (standalone)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from natal import files
from natal.cachedir import private_dir
from natal.codegen import numba_backend, numpy_backend
from natal.codegen.cache import (
    cache_key, default_directory, load, make_room, module_filename, module_stem, read_verified, with_header,
)
from natal.codegen.compiled import Evaluator, spec_of
from natal.codegen.program import lower
from natal.derivations.result import Derivation

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
        files.write_atomic(path, with_header(key, body), mode=0o600)
    return Evaluator(spec_of(derivation), backend, path, with_header(key, body), load(path, body, backend))


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
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, with_header(key, generate(derivation, "numpy")), mode=0o644)
    return path
