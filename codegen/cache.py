"""On-disk cache of generated modules, keyed and verified by SHA-256 (DESIGN convention 4).

A module file is a four-line header followed by the body (the generated source)::

    # natal.codegen generated module; do not edit: the body is checked against the hash
    # below on load, and a module that fails the check is regenerated.
    # natal-codegen-key: <sha256 of everything the body is generated from>
    # natal-codegen-body-sha256: <sha256 of the body>

The key covers the expressions (``srepr``, so symbol assumptions count), the argument and output
names in order, the units and reference the docstring prints, the backend, the natal, SymPy,
NumPy and Numba versions, :data:`FORMAT_VERSION` and a digest of the generator's own source, so a
change to any of them selects a different file instead of reusing a stale one.  On load the header
key must equal the expected key and the body must hash to the recorded value; a truncated, edited
or garbage file fails and is regenerated, and a folder standing in a module's place is removed.
Files are written with :func:`natal.files.write_atomic`, so a reader never sees half a module.

The hashes catch damage, not someone who can write the folder (the key hashes public source), and
a cached module is executed: the cache folder is created private to the user, and a folder or module
that another user owns or that others can write raises :class:`natal.cachedir.UntrustedCacheError`
instead of being loaded (see :mod:`natal.cachedir`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import stat
import sys
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from natal.cachedir import UntrustedCacheError, cache_root, printable, read_file, remove_folder, use_for_numba
from natal.versions import package_versions

if TYPE_CHECKING:
    from natal.derivations.result import Derivation

__all__ = [
    "FORMAT_VERSION",
    "cache_key",
    "default_directory",
    "load",
    "make_room",
    "module_filename",
    "module_stem",
    "package_versions",
    "read_verified",
    "with_header",
]

log = logging.getLogger(__name__)

# Bump when the file layout this module reads and writes (the header) changes.  Changes to the
# generated code itself are caught by the digest of the generator's source, which is in the key.
FORMAT_VERSION = 1

_HEADER = (
    "# natal.codegen generated module; do not edit: the body is checked against the hash\n"
    "# below on load, and a module that fails the check is regenerated.\n"
)
_KEY = "# natal-codegen-key: "
_BODY = "# natal-codegen-body-sha256: "

# The modules whose text determines the generated source.
_GENERATOR = ("program.py", "printer.py", "numpy_backend.py", "numba_backend.py")


def default_directory() -> Path:
    """Where generated modules go: ``<root>/codegen`` under natal's cache root.

    The root is ``$NATAL_CACHE`` if set, else ``$XDG_CACHE_HOME/natal``, else ``~/.cache/natal``.
    """
    return cache_root() / "codegen"


@functools.cache
def _generator_digest() -> str:
    here = Path(__file__).parent
    h = hashlib.sha256()
    for name in _GENERATOR:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return h.hexdigest()


def cache_key(derivation: Derivation, backend: str) -> str:
    """SHA-256 (hex) of everything the generated module for ``derivation`` depends on."""
    import sympy as sp  # only here: loading a cached module needs no SymPy

    d = derivation
    names = d.input_names + d.output_names
    payload = {
        "format": FORMAT_VERSION,
        "generator": _generator_digest(),
        "backend": backend,
        "name": d.name,
        "ref": d.ref,
        "description": d.description,
        "inputs": list(d.input_names),
        "outputs": [[k, sp.srepr(e)] for k, e in d.outputs],
        "units": {n: d.unit(n) for n in names},
        "versions": package_versions("natal", "sympy", "numpy", "numba"),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def module_stem(name: str) -> str:
    """A derivation name as a module name: ``"mag.dB_dt"`` -> ``"mag_dB_dt"``."""
    return re.sub(r"[^0-9A-Za-z_]", "_", name)


def module_filename(name: str, backend: str, key: str) -> str:
    """``<module stem>_<backend>_<12 hex digits of key>.py``."""
    return f"{module_stem(name)}_{backend}_{key[:12]}.py"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def with_header(key: str, body: str) -> str:
    """The full file text: header (key, body hash) then ``body``."""
    return f"{_HEADER}{_KEY}{key}\n{_BODY}{_sha256(body)}\n{body}"


def read_verified(path: Path, key: str) -> str | None:
    """The body of ``path`` if its header has ``key`` and the body matches its hash, else None
    (absent, damaged, unreadable, or a folder in its place).

    Raises UntrustedCacheError when the file is another user's or others can write it.
    """
    try:
        text = read_file(path).decode("utf-8")
    except UntrustedCacheError:
        raise
    except (OSError, UnicodeDecodeError):
        return None
    parts = text.split("\n", 4)
    if len(parts) != 5 or parts[0] + "\n" + parts[1] + "\n" != _HEADER:
        return None
    key_line, hash_line, body = parts[2], parts[3], parts[4]
    if key_line != _KEY + key or hash_line != _BODY + _sha256(body):
        return None
    return body


def make_room(path: Path) -> None:
    """Remove a folder standing where the cached module ``path`` belongs (one warning line), if it
    is the user's; UntrustedCacheError otherwise."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return
    except FileNotFoundError:
        return
    log.warning("natal: warning: %s is a folder where a generated module belongs; replacing it",
                printable(path))
    remove_folder(path)


# (path, body hash) -> module, so that a second evaluator for the same file in one process
# neither re-executes the module nor makes Numba compile it again.
_loaded: dict[tuple[str, str], ModuleType] = {}


def load(path: Path, body: str, backend: str) -> ModuleType:
    """Import the module at ``path`` whose verified body is ``body``, under a unique name.

    The module gets its spec and ``__file__`` from ``spec_from_file_location`` (Numba's on-disk
    cache and tracebacks need the real file), but the code executed is ``body`` itself, the text
    that was just verified, never a second read of the file nor a ``.pyc`` of an older version.
    """
    text_hash = _sha256(body)
    memo = (str(path), text_hash)
    if memo in _loaded:
        return _loaded[memo]
    if backend == "numba":  # its kernels compile on import: their cache goes to natal's folder
        use_for_numba()
    name = f"_natal_generated_{path.stem}_{text_hash[:12]}"
    spec = spec_from_file_location(name, path)
    module = module_from_spec(spec)
    # The header is four comment lines: pad so line numbers in tracebacks match the file.
    code = compile("\n" * 4 + body, str(path), "exec")
    sys.modules[name] = module
    try:
        exec(code, module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    _loaded[memo] = module
    return module
