"""Writing files so that a reader never sees half of one: the one atomic write natal uses."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike, data: str | bytes | Callable[[BinaryIO], None],
                 mode: int = 0o644) -> None:
    """Write ``data`` (text as UTF-8, bytes, or a function writing to a binary file) to ``path``.

    The data go to a temporary file in the same folder, are flushed to disk, get permissions
    ``mode`` and are renamed over ``path`` in one step: a reader sees the old file or the new one,
    and an interrupted or failed write leaves no temporary file behind.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            if callable(data):
                data(f)
            else:
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
