"""Results kept between runs, keyed by the SHA-256 of everything that computes them.

What ``natal verify`` concludes and what ``natal codegen`` lists are functions of natal's sources
(derivations, printed forms, checks, numerics) and of the libraries that run them.  Such a result is
stored under :func:`key`: the SHA-256 of every file of natal's packages and of the installed paper
packs' packages (:mod:`natal.packs`), the versions of Python and of
the libraries, and the caller's own parts (the paper selection, the registered checks).  Editing any
source file, or upgrading SymPy, recomputes everything.  An entry carries the SHA-256 of its own
body: a damaged entry is named in one warning line and recomputed, never used.  Files are read and
written as the derivation store's are (:mod:`natal.cachedir`: private folders, refused when others
could write them).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import inspect
import json
import logging
import platform
from pathlib import Path
from typing import Any, Callable

from natal import cachedir, files
from natal.cachedir import UntrustedCacheError
from natal.versions import package_versions

__all__ = ["key", "load", "save", "directory", "function_id", "Damaged"]

log = logging.getLogger("natal")

# Part of the key: bump when an entry's layout changes.
FORMAT_VERSION = 1
#: the packages whose files a stored result depends on
PACKAGES = ("natal", "natal.derivations", "natal.codegen", "natal.numerics")
#: the libraries whose versions a stored result depends on
LIBRARIES = ("sympy", "mpmath", "numpy", "scipy", "numba")
_FIELDS = {"key", "body_sha256", "body"}


Damaged = cachedir.DamagedEntry


def directory(kind: str) -> Path:
    return cachedir.cache_root() / kind


def _package_files() -> list[tuple[str, Path]]:
    """(name relative to its package, path) of every file of natal's packages and the packs', caches
    aside."""
    from natal.packs import source_packages

    out = []
    for package in dict.fromkeys((*PACKAGES, *source_packages())):
        spec = importlib.util.find_spec(package)
        if spec is None:  # an entry point naming a missing package: the pack is reported as broken
            continue
        if spec.submodule_search_locations is None and spec.origin:
            out.append((package, Path(spec.origin)))
        for root in spec.submodule_search_locations or ():
            base = Path(root)
            for path in base.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    out.append((f"{package}/{path.relative_to(base).as_posix()}", path))
    return sorted(set(out))


@functools.lru_cache(maxsize=1)
def _environment() -> bytes:
    lines = [f"python {platform.python_version()}"]
    lines += [f"{library} {v}" for library, v in package_versions(*LIBRARIES).items()]
    return "\n".join(lines).encode()


def key(kind: str, *parts: bytes | str) -> str:
    """SHA-256 of the entry format, ``kind``, the Python and library versions, the contents of every
    file of natal's packages and of the packs' packages, and the caller's ``parts``."""
    digest = hashlib.sha256(f"natal {kind} {FORMAT_VERSION}\n".encode() + _environment())
    for name, path in _package_files():
        data = path.read_bytes()
        digest.update(f"\n{name} {len(data)}\n".encode() + data)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(f"\npart {len(data)}\n".encode() + data)
    return digest.hexdigest()


def function_id(func: Callable) -> str:
    """A key part naming ``func`` the same in every process: its module and qualified name, with the
    SHA-256 of its source file when it is defined outside natal (whose files the key already holds)."""
    module = getattr(func, "__module__", "") or ""
    name = f"{module}.{getattr(func, '__qualname__', type(func).__name__)}"
    if module != "natal" and not module.startswith("natal."):
        name += " " + hashlib.sha256(Path(inspect.getsourcefile(inspect.unwrap(func))).read_bytes()).hexdigest()
    return name


def _path(kind: str, entry_key: str) -> Path:
    return directory(kind) / f"{entry_key[:32]}.json"


def _sha256(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _decode(data: bytes, entry_key: str, check: Callable[[Any], None]) -> Any | None:
    try:
        entry = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Damaged("not valid JSON") from None
    if not isinstance(entry, dict) or set(entry) != _FIELDS:
        raise Damaged(f"its fields are not {', '.join(sorted(_FIELDS))}")
    if entry["key"] != entry_key:
        return None  # another key under the same name: stale, not damaged
    if _sha256(entry["body"]) != entry["body_sha256"]:
        raise Damaged("its body does not match its hash")
    check(entry["body"])
    return entry["body"]


def load(kind: str, entry_key: str, check: Callable[[Any], None] = lambda body: None) -> Any | None:
    """The body stored for ``entry_key``, or None when it must be computed: absent, stale, or damaged
    (one warning line).  ``check(body)`` raises :class:`Damaged` for a body of the wrong shape."""
    return cachedir.read_entry(_path(kind, entry_key), lambda data: _decode(data, entry_key, check), _warn)


def save(kind: str, entry_key: str, body: Any) -> None:
    """Store ``body`` (JSON); a store that cannot be written only costs the next run."""
    path = _path(kind, entry_key)
    text = json.dumps({"key": entry_key, "body_sha256": _sha256(body), "body": body})
    try:
        cachedir.private_dir(path.parent)
        files.write_atomic(path, text, mode=0o600)
    except UntrustedCacheError:
        raise
    except OSError as exc:
        log.warning("natal: warning: could not store results in %s (%s)", cachedir.printable(path.parent),
                    exc.strerror or exc)


def _warn(path: Path, reason: str) -> None:
    log.warning("natal: warning: stored results %s are damaged (%s); computing them again",
                cachedir.printable(path), reason)
