"""The checkpoint store of a batched run: a manifest plus one atomically written ``.npz`` per batch.

Layout (one run per directory at a time)::

    DIR/manifest.json        format, config fingerprint, task, n_total, batch_size, root_seed,
                             seed scheme, natal version
    DIR/batch_000123.npz     the tallies of batch 123 plus its index, seed and n

Files are written with natal's one atomic write (:func:`natal.files.write_atomic`), so a run killed
mid-write leaves the previous file or none, never half of one.
"""

from __future__ import annotations

import json
import pathlib
import warnings

import numpy as np

from natal.files import write_atomic

__all__ = ["CHECKPOINT_FORMAT", "MANIFEST", "RESERVED_PREFIX", "Checkpoint"]

#: Version tag of the checkpoint layout; a directory written with another layout is refused.
CHECKPOINT_FORMAT = "natal-mc-checkpoint/1"
#: The manifest's file name.
MANIFEST = "manifest.json"
#: Tally names starting with this are reserved for a batch file's metadata.
RESERVED_PREFIX = "__"
_META_KEYS = ("__index__", "__seed__", "__n__")
#: Manifest fields that must match for a directory's batches to be reused.
_SAME_RUN = ("format", "fingerprint", "batch_size", "root_seed", "seed_scheme")


class Checkpoint:
    """A run's checkpoint directory: :meth:`open` it with the run's manifest, then :meth:`load` and
    :meth:`save` batches by index."""

    def __init__(self, path: pathlib.Path):
        self.path = path

    def open(self, manifest: dict) -> None:
        """Create the directory, or check that it belongs to the run ``manifest`` describes.

        Raises ``ValueError`` for a directory of another run (the fields of ``_SAME_RUN`` differ), or
        with batch files but no manifest; warns when only the task or natal's version differ."""
        self.path.mkdir(parents=True, exist_ok=True)
        mpath = self.path / MANIFEST
        for stale in self.path.glob(".batch_*.tmp"):  # left by a run killed mid-write
            stale.unlink(missing_ok=True)
        if not mpath.exists():
            if any(self.path.glob("batch_*.npz")):
                raise ValueError(
                    f"checkpoint directory {self.path} holds batch files but no {MANIFEST}, so "
                    "their run is unknown; use another directory, or delete this one")
            self._write_manifest(manifest)
            return
        try:
            old = json.loads(mpath.read_text())
            if not isinstance(old, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            raise ValueError(f"cannot read {mpath} ({exc}); use another checkpoint directory, "
                             "or delete this one to start over") from None
        for field in _SAME_RUN:
            if old.get(field) != manifest[field]:
                what = ("config fingerprint (the config, or the code it names, changed)" if field == "fingerprint"
                        else field)
                raise ValueError(
                    f"checkpoint {self.path} belongs to another run: {what} is "
                    f"{old.get(field)!r} there but {manifest[field]!r} here. Use another "
                    "checkpoint directory, or delete this one to start over")
        if old.get("task") != manifest["task"]:
            warnings.warn(
                f"checkpoint {self.path} was written by task {old.get('task')!r}, this run uses "
                f"{manifest['task']!r}; its batches are reused (same config, seeds and batch "
                "size), which is right only if both compute the same tallies", UserWarning,
                stacklevel=3)
        if old.get("natal_version") != manifest["natal_version"]:
            warnings.warn(
                f"checkpoint {self.path} was written by natal {old.get('natal_version')}, this is "
                f"{manifest['natal_version']}; reusing its batches", UserWarning, stacklevel=3)
        if old != manifest:
            self._write_manifest({**old, **manifest})

    def _write_manifest(self, manifest: dict) -> None:
        write_atomic(self.path / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")

    def batch_path(self, i: int) -> pathlib.Path:
        return self.path / f"batch_{i:06d}.npz"

    def load(self, i: int, seed: int, n: int) -> dict[str, np.ndarray] | None:
        """Batch ``i``'s tallies if a valid file for (seed, n) exists, else ``None``."""
        path = self.batch_path(i)
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as z:
                data = {k: z[k] for k in z.files}
            meta = {k: int(data.pop(k)) for k in _META_KEYS}
        except Exception as exc:  # truncated, not a zip, CRC error, missing metadata...
            warnings.warn(f"checkpoint file {path} for batch {i} is unreadable ({exc!r}); "
                          "recomputing that batch", UserWarning, stacklevel=3)
            return None
        if meta["__index__"] != i or meta["__seed__"] != seed:
            warnings.warn(f"checkpoint file {path} for batch {i} holds batch {meta['__index__']} "
                          f"with seed {meta['__seed__']} (expected {seed}); recomputing that batch",
                          UserWarning, stacklevel=3)
            return None
        if meta["__n__"] != n:  # the last batch of a run of another n_total: expected, recompute
            return None
        return data

    def save(self, i: int, seed: int, n: int, tallies: dict[str, np.ndarray]) -> None:
        """Write batch ``i``'s tallies with its index, seed and size, atomically."""
        arrays = dict(tallies)
        arrays.update({"__index__": np.int64(i), "__seed__": np.int64(seed), "__n__": np.int64(n)})
        write_atomic(self.batch_path(i), lambda f: np.savez(f, **arrays))
