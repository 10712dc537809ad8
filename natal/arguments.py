"""Checks of the ``natal`` command's arguments, made before any work starts.

The argparse types reject a bad value with a message that argparse prefixes with the flag the user
typed (``argument --n: ...``).  The output checks create what the command would create anyway and
prove it can write there, so that a run never computes for minutes and then fails to save.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import tempfile
from pathlib import Path

__all__ = ["UsageError", "integer_at_least", "positive_float", "scheduler", "writable_directory",
           "writable_file"]


class UsageError(Exception):
    """A command-line value that cannot work; the message names the flag and says why, in one line."""


def integer_at_least(minimum: int):
    """An argparse type: an integer >= ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}")
        return value

    parse.__name__ = f"integer >= {minimum}"
    return parse


def positive_float(text: str) -> float:
    """An argparse type: a finite number > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text!r}")
    return value


_ADDRESS = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$|^[^\s:/]+:\d{1,5}$")  # scheme://... or host:port


def scheduler(text: str) -> str:
    """An argparse type: 'local', 'serial' or a dask scheduler address (tcp://host:port or host:port)."""
    if text in ("local", "serial") or _ADDRESS.match(text):
        return text
    raise argparse.ArgumentTypeError(
        f"must be 'local', 'serial' or a dask scheduler address such as tcp://host:8786, got {text!r}")


def writable_directory(flag: str, path: str | os.PathLike) -> Path:
    """``path`` as a folder that exists (created if need be) and accepts a new file, or UsageError."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{flag} {path}: exists and is not a folder")
    _check_folder(flag, path, path)
    return path


def writable_file(flag: str, path: str | os.PathLike) -> Path:
    """``path`` as a file that can be written (its folder created if need be), or UsageError."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{flag} {path}: is a folder; give the path of a file")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{flag} {path}: the file exists and cannot be written")
    _check_folder(flag, path, path.parent)
    return path


def _check_folder(flag: str, shown: Path, folder: Path) -> None:
    """Create ``folder`` if need be and write and remove a probe file in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{flag} {shown}: cannot create the folder {folder} "
                         f"({error.strerror or error})") from None
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".natal-write-check-")
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        raise UsageError(f"{flag} {shown}: cannot write in {folder} ({error.strerror or error})") from None
