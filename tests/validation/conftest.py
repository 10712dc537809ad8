"""Fixtures of the validation tier's Monte Carlo checks (tests marked ``validation`` run only with
``python -m pytest -m validation``; pyproject's addopts deselect them otherwise).

Each check here writes what it measured to ``validation/<name>.json`` with the command that ran it, the
commit, the hash of the sources it exercised, the machine and the date; those files are committed as
the tier's last results.

``NATAL_VALIDATION_SCALE`` (default 1) multiplies every sample size, for a quick run of the tier's
code; at a scale other than 1 nothing is written unless ``NATAL_VALIDATION_RESULTS`` names a folder.
Monte Carlo runs are checkpointed under ``$NATAL_CACHE/validation/`` and resume after an interruption.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from natal.cachedir import cache_root, private_dir
from natal.files import write_atomic

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "validation"


def _scale() -> float:
    text = os.environ.get("NATAL_VALIDATION_SCALE", "1")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"NATAL_VALIDATION_SCALE must be a number > 0, got {text!r}") from None
    if not value > 0:
        raise ValueError(f"NATAL_VALIDATION_SCALE must be a number > 0, got {text!r}")
    return value


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _source_hash(*paths: str) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.encode() + b"\0" + (ROOT / p).read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def source_hash():
    """``source_hash(*paths)``: SHA-256 (16 hex digits) of source files named relative to the repository
    root, recorded beside a result so that a later reader sees whether the code it measured has changed."""
    return _source_hash


@pytest.fixture(scope="session")
def transport_hash():
    """``transport_hash()``: source_hash of the modules a transport batch runs (transport.CODE), read
    afresh at each call, so that a check can tell whether they changed while it ran."""
    from natal.numerics.rsfp.transport import CODE

    return lambda: _source_hash(*(f"numerics/{name}" for name in CODE))


@pytest.fixture(scope="session")
def scale() -> float:
    """NATAL_VALIDATION_SCALE: 1 for the tier's full statistics."""
    return _scale()


@pytest.fixture(scope="session")
def checkpoints() -> Path:
    """A private folder for the tier's Monte Carlo checkpoints ($NATAL_CACHE/validation)."""
    return private_dir(cache_root() / "validation")


@pytest.fixture(scope="session")
def record(scale):
    """``record(name, data)``: write ``data`` to validation/<name>.json with the command, the commit, the
    machine and the date."""
    target = os.environ.get("NATAL_VALIDATION_RESULTS")
    folder = Path(target) if target else (RESULTS if scale == 1 else None)

    def write(name: str, data: dict) -> None:
        if folder is None:
            return
        env = f"NATAL_VALIDATION_SCALE={scale:g} " if scale != 1 else ""
        doc = {
            "command": env + shlex.join(["python", "-m", "pytest", *sys.argv[1:]]),
            "tier": "python -m pytest -m validation",
            "commit": _git("rev-parse", "HEAD"),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "scale": scale,
            **data,
        }
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{name}.json", json.dumps(doc, indent=1, allow_nan=False) + "\n")

    return write


@pytest.fixture(scope="session")
def scheme_runs(scale, checkpoints, mc_equivalence):
    """``scheme_runs(problem_of, n, seeds, batch, folder, description)``: the analog and the accelerated
    walks of an all-rows equivalence check (``problem_of(scheme)`` gives each scheme's KickRows; ``n`` and
    ``seeds`` are keyed by scheme), each checkpointed under ``checkpoints / f"{folder}-{scheme}-{seed}"``
    (with ``-scale{scale}`` appended at a scale other than 1) and scaled by NATAL_VALIDATION_SCALE;
    returns ({scheme: mc_equivalence.summarise(...) with the seed, run time and batches loaded},
    {scheme: mc_equivalence.contributions(...)})."""
    from natal.numerics.montecarlo import run_batches
    from natal.numerics.rsfp.transport import transport_task

    def run(problem_of, n: dict, seeds: dict, batch: int, folder: str, description: str):
        out, contributions = {}, {}
        for scheme, seed in seeds.items():
            size = max(int(round(n[scheme] * scale)), 16)
            res = run_batches(transport_task, problem_of(scheme), size, batch_size=min(batch, max(size // 16, 1)),
                              root_seed=seed, scheduler="local", workers=2, progress=True,
                              checkpoint=checkpoints / (f"{folder}-{scheme}-{seed}"
                                                        + ("" if scale == 1 else f"-scale{scale:g}")),
                              description=f"{scheme} walk{description}")
            out[scheme] = {**mc_equivalence.summarise(res), "seed": seed, "seconds": round(res.seconds, 1),
                           "batches_from_checkpoint": res.n_loaded}
            contributions[scheme] = mc_equivalence.contributions(res)
        return out, contributions

    return run
