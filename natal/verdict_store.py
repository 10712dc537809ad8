"""Verdicts kept between runs of ``natal verify``, keyed by the SHA-256 of what computes them.

A verdict is a function of natal's sources (derivations, printed forms, checks, numerics) and of the
libraries that run them, so a run's records, and the page rendered from them, are stored under the
SHA-256 of every file of natal's packages, the registered checks, the selection of papers and the
versions of Python and of the libraries the checks use.  Editing any source file, or upgrading SymPy, re-derives everything;
``natal verify --fresh`` re-derives regardless.  An entry carries the SHA-256 of its own body: a
damaged entry is named in one warning line and rebuilt, never used.  The files are read and written
as the derivation store's are (:mod:`natal.cachedir`: private folders, refused when others could write
them).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import inspect
import json
import logging
import platform
from pathlib import Path
from typing import Iterable

from . import cachedir, files
from .cachedir import UntrustedCacheError

__all__ = ["key", "load", "save", "directory"]

log = logging.getLogger("natal")

# Part of the key: bump when an entry's layout changes.
FORMAT_VERSION = 1
#: the packages whose files a verdict depends on
PACKAGES = ("natal", "natal.derivations", "natal.codegen", "natal.numerics")
#: the libraries whose versions a verdict depends on
LIBRARIES = ("sympy", "mpmath", "numpy", "scipy", "numba")
_FIELDS = {"key", "body_sha256", "records", "page"}


class _Damaged(Exception):
    pass


def directory() -> Path:
    return cachedir.cache_root() / "verify"


def _package_files() -> list[tuple[str, Path]]:
    """(name relative to its package, path) of every file of natal's packages, caches aside."""
    out = []
    for package in PACKAGES:
        spec = importlib.util.find_spec(package)
        for root in spec.submodule_search_locations or ():
            base = Path(root)
            for path in base.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    out.append((f"{package}/{path.relative_to(base).as_posix()}", path))
    return sorted(set(out))


def key(paper: str | None, checks: Iterable) -> str:
    """SHA-256 of the entry format, the paper selection, the registered ``checks`` (each check's
    function, and the source file of one defined outside natal), the Python and library versions and
    the contents of every file of natal's packages."""
    digest = hashlib.sha256(f"natal verdicts {FORMAT_VERSION}\npaper {paper or 'all'}\n"
                            f"python {platform.python_version()}\n".encode())
    for c in checks:
        module = c.func.__module__
        digest.update(f"check {c.id} {module}.{c.func.__qualname__}\n".encode())
        if module != "natal" and not module.startswith("natal."):
            digest.update(Path(inspect.getsourcefile(c.func)).read_bytes())
    for library in LIBRARIES:
        try:
            version = importlib.metadata.version(library)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library} {version}\n".encode())
    for name, path in _package_files():
        data = path.read_bytes()
        digest.update(f"{name} {len(data)}\n".encode() + data)
    return digest.hexdigest()


def _path(entry_key: str) -> Path:
    return directory() / f"{entry_key[:32]}.json"


def _body(records: list, page: str | None) -> str:
    return json.dumps({"records": records, "page": page}, sort_keys=True)


def _decode(data: bytes, entry_key: str) -> tuple[list[dict], str | None] | None:
    try:
        entry = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        raise _Damaged("not valid JSON") from None
    if not isinstance(entry, dict) or set(entry) != _FIELDS:
        raise _Damaged(f"its fields are not {', '.join(sorted(_FIELDS))}")
    if entry["key"] != entry_key:
        return None  # another key under the same name: stale, not damaged
    records, page = entry["records"], entry["page"]
    if not isinstance(records, list) or not all(isinstance(r, dict) and "id" in r and "status" in r
                                                for r in records):
        raise _Damaged("records is not a list of check records")
    if page is not None and not isinstance(page, str):
        raise _Damaged("page is not text")
    if hashlib.sha256(_body(records, page).encode()).hexdigest() != entry["body_sha256"]:
        raise _Damaged("its body does not match its hash")
    return records, page


def load(entry_key: str, want_page: bool) -> tuple[list[dict], str | None] | None:
    """The stored (records, page) for ``entry_key``, or None when they must be computed: absent,
    stale, damaged (one warning line), or without the page that ``want_page`` asks for."""
    path = _path(entry_key)
    try:
        found = _decode(cachedir.read_file(path), entry_key)
    except FileNotFoundError:
        return None
    except UntrustedCacheError:
        raise
    except IsADirectoryError:
        _warn(path, "a folder stands in its place")
        try:
            cachedir.remove_folder(path)
        except UntrustedCacheError:
            raise
        except OSError:
            pass
        return None
    except OSError as exc:
        _warn(path, f"unreadable: {exc.strerror or exc}")
        return None
    except _Damaged as exc:
        _warn(path, str(exc))
        return None
    if found is None or (want_page and found[1] is None):
        return None
    return found


def save(entry_key: str, records: list[dict], page: str | None) -> None:
    """Store a run's records (and page); a store that cannot be written only costs the next run."""
    path = _path(entry_key)
    text = json.dumps({"key": entry_key, "body_sha256": hashlib.sha256(_body(records, page).encode()).hexdigest(),
                       "records": records, "page": page})
    try:
        cachedir.private_dir(path.parent)
        files.write_atomic(path, text, mode=0o600)
    except UntrustedCacheError:
        raise
    except OSError as exc:
        log.warning("natal: warning: could not store the verdicts in %s (%s)", cachedir.printable(path.parent),
                    exc.strerror or exc)


def _warn(path: Path, reason: str) -> None:
    log.warning("natal: warning: stored verdicts %s are damaged (%s); re-deriving them", cachedir.printable(path),
                reason)
