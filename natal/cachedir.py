"""natal's cache folders: where they are, created private to the user, and checked before use.

natal executes generated modules, reads stored SymPy expressions and lets Numba load pickles from
its cache.  Content hashes catch damage, not someone who can write the folder (the keys hash public
source), so every folder natal creates there is mode 0o700, and a folder or file that another user
owns or that group or others can write is refused with :class:`UntrustedCacheError`.

Symbolic links are followed: what is checked is the folder or file a link leads to, so a ``~/.cache``
or ``$NATAL_CACHE`` that links to a private folder of the user's own is fine.  On a platform without
``os.getuid`` (Windows) ownership and permission bits mean something else, and only the kind of
entry is checked.

Standard library only (:func:`use_for_numba` imports Numba when called): ``natal/__init__.py``
imports this module on every ``import natal``.
"""

from __future__ import annotations

import atexit
import errno
import functools
import logging
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

__all__ = [
    "DamagedEntry",
    "UntrustedCacheError",
    "cache_root",
    "numba_cache_dir",
    "use_for_numba",
    "printable",
    "private_dir",
    "read_entry",
    "read_file",
    "remove_folder",
]

_POSIX = hasattr(os, "getuid")

# Bits that let group or others write (create, rename or replace entries in a folder).
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def cache_root() -> Path:
    """natal's cache folder: ``$NATAL_CACHE`` if set, else ``$XDG_CACHE_HOME/natal``, else
    ``~/.cache/natal``."""
    root = os.environ.get("NATAL_CACHE")
    if not root:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = os.path.join(xdg, "natal") if xdg else os.path.join(Path.home(), ".cache", "natal")
    return Path(root)


def printable(path: os.PathLike | str) -> str:
    """``path`` with line breaks escaped, so that a message naming it stays on one line."""
    return os.fsdecode(path).replace("\r", "\\r").replace("\n", "\\n")


class UntrustedCacheError(PermissionError):
    """A cache folder or file natal will not use: ``str()`` is one line naming the path, the
    problem and what to do."""

    def __init__(self, path: os.PathLike | str, problem: str, remedy: str):
        self.path, self.problem, self.remedy = Path(path), problem, remedy
        super().__init__(f"refusing to use cache {printable(path)}: {problem}; {remedy}")

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        return type(self), (self.path, self.problem, self.remedy)


def _elsewhere(fix: str = "") -> str:
    return f"{fix}, or point NATAL_CACHE elsewhere" if fix else "point NATAL_CACHE elsewhere"


def _check(path: Path, st: os.stat_result, kind: str) -> None:
    """Raise UntrustedCacheError unless ``st`` (of ``path``) is the user's and others cannot write it."""
    if not _POSIX:
        return
    uid = os.getuid()
    if st.st_uid != uid:
        raise UntrustedCacheError(path, f"the {kind} is owned by uid {st.st_uid}, not by you (uid {uid})",
                                  _elsewhere())
    if st.st_mode & _OTHERS_WRITE:
        who = " and ".join(w for w, bit in (("group", stat.S_IWGRP), ("others", stat.S_IWOTH))
                           if st.st_mode & bit)
        raise UntrustedCacheError(
            path, f"the {kind} is writable by {who} (mode {stat.S_IMODE(st.st_mode):#o})",
            _elsewhere(f"run chmod go-w {printable(path)}"))


def _chain(path: Path) -> list[Path]:
    """The folders to check for ``path``: natal's root and every folder below it down to ``path``
    when ``path`` is inside the root, else ``path`` alone (a folder given explicitly)."""
    root = Path(os.path.abspath(cache_root()))
    path = Path(os.path.abspath(path))
    if path == root:
        return [root]
    if root not in path.parents:
        return [path]
    return [root, *(p for p in reversed(path.parents) if root in p.parents), path]


def private_dir(path: os.PathLike | str) -> Path:
    """``path`` as a cache folder: every missing folder on the way is created mode 0o700, then the
    folders from natal's root down to ``path`` are checked (see the module docstring).

    Raises UntrustedCacheError for a folder the user does not own, one others can write, or a file
    where a folder belongs; OSError (read-only file system, no permission) when it cannot be created.
    """
    path = Path(path)
    missing = []
    p = path
    while not os.path.lexists(p) and p != p.parent:
        missing.append(p)
        p = p.parent
    if not os.path.isdir(p):
        raise UntrustedCacheError(p, "it is not a folder", _elsewhere("remove it"))
    for p in reversed(missing):
        try:
            os.mkdir(p, 0o700)
        except FileExistsError:  # made meanwhile by another process: checked below like any other
            continue
        os.chmod(p, 0o700)  # mkdir applies the umask, which may have removed the owner's bits
    for p in _chain(path):
        st = os.stat(p)
        if not stat.S_ISDIR(st.st_mode):
            raise UntrustedCacheError(p, "it is not a folder", _elsewhere("remove it"))
        _check(p, st, "folder")
    return path


def read_file(path: os.PathLike | str) -> bytes:
    """The bytes of the cache file ``path``, once the open file is found to be a regular file that
    the user owns and others cannot write (checked on the descriptor that is then read, so the file
    cannot be swapped between check and read).

    Raises FileNotFoundError when it is absent, IsADirectoryError when a folder stands in its place,
    UntrustedCacheError when it is not the user's, is writable by others or is not a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)  # a FIFO must not block
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not stat.S_ISREG(st.st_mode):
            raise UntrustedCacheError(path, "it is not a regular file", _elsewhere("remove it"))
        _check(Path(path), st, "file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def remove_folder(path: os.PathLike | str) -> None:
    """Remove the folder standing where the cache file ``path`` belongs (damage, or a stray
    ``mkdir``), provided the user owns it; UntrustedCacheError otherwise.  A symbolic link is not
    followed (``os.replace`` replaces the link itself); an absent entry or a file is left alone."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(st.st_mode):
        return
    if _POSIX and st.st_uid != os.getuid():
        raise UntrustedCacheError(path, f"a folder owned by uid {st.st_uid} stands where a cache file "
                                        f"belongs", _elsewhere("remove it"))
    shutil.rmtree(path)


class DamagedEntry(Exception):
    """A cache entry that cannot be used as it is; the message says why."""


def read_entry(path: os.PathLike | str, decode: Callable[[bytes], T], warn: Callable[[Path, str], None]) -> T | None:
    """``decode`` of the cache file's bytes, or None when the entry must be computed again: absent,
    or unusable, which ``warn(path, reason)`` reports in one line (a folder in its place, removed;
    unreadable; or ``decode`` raised :class:`DamagedEntry`).  Untrusted folders still raise."""
    path = Path(path)
    try:
        return decode(read_file(path))
    except FileNotFoundError:
        return None
    except UntrustedCacheError:
        raise
    except IsADirectoryError:
        warn(path, "a folder stands in its place")
        try:
            remove_folder(path)
        except UntrustedCacheError:
            raise
        except OSError:
            pass  # then the save fails too, and the entry is only computed again
        return None
    except OSError as exc:
        warn(path, f"unreadable: {exc.strerror or exc}")
        return None
    except DamagedEntry as exc:
        warn(path, str(exc))
        return None


def use_for_numba() -> None:
    """Point Numba's cache of compiled kernels at :func:`numba_cache_dir` unless ``NUMBA_CACHE_DIR``
    is set.  Called where kernels compile (the modules that define ``cache=True`` kernels, and the
    loader of generated Numba evaluators), before they are decorated, never on ``import natal``.

    Not beside the sources (Numba's default): in an installed copy those files would be left in
    site-packages by ``pip uninstall``, and the folder they leave would shadow a later editable
    install as an empty namespace package.
    """
    import numba

    if not os.environ.get("NUMBA_CACHE_DIR"):
        numba.config.CACHE_DIR = _numba_folder()


@functools.cache
def _numba_folder() -> str:
    return numba_cache_dir()


def numba_cache_dir() -> str:
    """The folder for Numba's compiled kernels: ``<root>/numba``, created private to the user.

    Numba loads pickles from it, so when that folder is not trusted the kernels go to a private
    temporary folder for this process instead (one warning line; removed at exit).  A cache that
    cannot be created (read-only home) is left to Numba, which then caches elsewhere or not at all.
    """
    path = cache_root() / "numba"
    try:
        private_dir(path)
    except UntrustedCacheError as exc:
        tmp = tempfile.mkdtemp(prefix="natal-numba-")
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
        logging.getLogger(__name__).warning("natal: warning: %s (Numba's kernels go to %s for this run)",
                                            exc, tmp)
        return tmp
    except OSError:
        pass
    return str(path)
