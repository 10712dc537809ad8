"""Batch runner for Monte Carlo transport: reproducible seeds, any number of workers, checkpoints.

A Monte Carlo run of ``n_total`` histories is cut into batches of ``batch_size`` (the last one
may be smaller). Each batch is one call ``task(config, seed, n)`` that returns per-batch SUMS
(tallies: counts, sums of weights, sums of squares, histograms...) as
``dict[str, array | float]``.
:func:`run_batches` runs the batches in-process, on a local dask cluster or on an existing dask
scheduler (:mod:`.scheduling`), writes each finished batch to a checkpoint directory as it arrives
(:mod:`.checkpoint`), and stacks the tallies in batch-index order into a :class:`BatchResults`
(:mod:`.results`).

Reproducibility
    * Batch ``i`` gets the seed :func:`batch_seed` ``(root_seed, i)`` (:mod:`.seeds`), which depends
      only on ``root_seed`` and ``i`` -- not on the number of batches -- so a longer run (larger
      ``n_total``, same ``batch_size``) repeats the earlier batches exactly and adds new ones.
    * The tallies are combined in batch-index order, never in completion order, so the totals are
      bit-identical whether one process or many workers ran the batches, in whatever order they
      finished, and whether the run was interrupted and resumed.

Example (the toy task of :mod:`natal.numerics.montecarlo.toy`)::

    from natal.numerics.montecarlo import run_batches
    from natal.numerics.montecarlo.toy import ToyConfig, toy_task

    res = run_batches(toy_task, ToyConfig(), 1_000_000, batch_size=50_000, root_seed=2024,
                      scheduler="local", workers=2, checkpoint="runs/toy")
    mean, err = res.mean_and_error("sum_u")          # 0.5 +- 1/sqrt(12 N)

``scheduler="local"`` starts worker *processes*; in a script guard the call with
``if __name__ == "__main__":``. The workers must be able to unpickle the task and the config:
define the task at module level of a module they can import (a test file loaded by path is not
one; ``__main__`` and notebook functions are pickled by value and work) and make the config a
small frozen dataclass.
"""

from __future__ import annotations

import logging
import os
import pathlib
import time
from typing import Any, Callable, Mapping

import numpy as np

from natal import __version__
from natal.numerics.montecarlo.checkpoint import CHECKPOINT_FORMAT, RESERVED_PREFIX, Checkpoint
from natal.numerics.montecarlo.results import BatchResults
from natal.numerics.montecarlo.scheduling import (
    SchedulerGone, SchedulerLostError, progress_bar, run_tasks, scheduler_mode,
)
from natal.numerics.montecarlo.seeds import SEED_SCHEME, batch_seed, config_fingerprint, count

__all__ = ["run_batches"]

log = logging.getLogger(__name__)


def run_batches(
    task: Callable[[Any, int, int], Mapping[str, Any]],
    config: Any,
    n_total: int,
    *,
    batch_size: int,
    root_seed: int,
    scheduler: str | None = None,
    workers: int | None = None,
    checkpoint: str | os.PathLike | None = None,
    progress: bool = True,
    description: str = "",
) -> BatchResults:
    """Run ``task`` over ``ceil(n_total / batch_size)`` batches and stack their tallies.

    Parameters
    ----------
    task
        module-level function ``task(config, seed: int, n: int) -> {name: array | float}`` that
        simulates ``n`` histories with the generator seeded by ``seed`` and returns per-batch
        SUMS. Every batch must return the same names, shapes and dtypes (numeric: bool, int,
        float); names starting with ``"__"`` are reserved.
    config
        frozen dataclass (or any picklable object with a ``fingerprint()`` method) handed to every
        batch; see :func:`config_fingerprint`. Keep it small: it travels with each batch.
    n_total, batch_size
        positive ints: histories in all and per batch (the last batch takes the remainder).
    root_seed
        non-negative int; batch ``i`` runs with :func:`batch_seed` ``(root_seed, i)``.
    scheduler
        ``None`` or ``"serial"``: in this process, one batch after another. ``"local"``: a
        dask.distributed ``LocalCluster`` of ``workers`` single-threaded worker processes
        (default ``os.cpu_count()``), its dashboard on a free port (so runs side by side never
        clash), quiet logs, closed at the end even on error or KeyboardInterrupt. Any other string: the address of a running dask scheduler
        (``"tcp://host:8786"``); a client connects to it and leaves it running.
    workers
        int >= 1, only with ``scheduler="local"``.
    checkpoint
        directory (created if missing) or ``None``. Each finished batch is written there atomically
        as it arrives; a later call with the same config fingerprint, ``batch_size`` and
        ``root_seed`` loads the finished batches and runs only the missing ones (``n_total`` may
        grow: the run is extended). A directory written for another run raises ``ValueError``.
        Unreadable batch files are recomputed with a warning. An interrupted run loses no finished
        batch, and resuming it gives totals bit-identical to an uninterrupted run.
    progress
        show the progress on stderr: a tqdm bar (batches; postfix: neutrinos, i.e. histories,
        done) on a terminal, otherwise a line every ten seconds (a log or a notebook sees it too).
    description
        label of the progress bar or lines.

    Returns
    -------
    BatchResults

    Raises
    ------
    ValueError
        bad parameter (named, with its allowed range), checkpoint of another run, or a task whose
        batches return inconsistent tallies. Whatever ``task`` raises propagates unchanged (after
        the finished batches are saved and any local cluster is closed).
    SchedulerLostError
        the dask scheduler could not be reached (within dask's connect timeout,
        ``distributed.comm.timeouts.connect``) or went away mid-run; the finished batches are
        saved. A worker that dies is not an error: dask reruns its batches on the other workers.
    """
    t0 = time.perf_counter()
    if not callable(task):
        raise TypeError(f"task must be callable, got {type(task).__name__}")
    n_total = count("n_total", n_total, 1)
    batch_size = count("batch_size", batch_size, 1)
    root_seed = count("root_seed", root_seed, 0)
    mode = scheduler_mode(scheduler, workers)

    n_batches = -(-n_total // batch_size)
    sizes = np.full(n_batches, batch_size, dtype=np.int64)
    sizes[-1] = n_total - batch_size * (n_batches - 1)
    seeds = np.array([batch_seed(root_seed, i) for i in range(n_batches)], dtype=np.int64)
    fingerprint = config_fingerprint(config)

    results: list[dict[str, np.ndarray] | None] = [None] * n_batches
    schema = _Schema(_task_name(task))
    store = None
    if checkpoint is not None:
        store = Checkpoint(pathlib.Path(checkpoint))
        store.open({
            "format": CHECKPOINT_FORMAT,
            "fingerprint": fingerprint,
            "task": _task_name(task),
            "n_total": n_total,
            "batch_size": batch_size,
            "root_seed": root_seed,
            "seed_scheme": SEED_SCHEME,
            "natal_version": __version__,
        })
        for i in range(n_batches):
            tallies = store.load(i, int(seeds[i]), int(sizes[i]))
            if tallies is not None:
                schema.check(tallies, i, loaded=True)
                results[i] = tallies
    n_loaded = sum(r is not None for r in results)
    todo = [i for i in range(n_batches) if results[i] is None]
    if n_loaded:
        log.info("checkpoint %s: %d of %d batches already done", checkpoint, n_loaded, n_batches)

    done_n = int(sum(sizes[i] for i in range(n_batches) if results[i] is not None))
    bar = progress_bar(n_batches, n_loaded, description, progress)
    bar.set_postfix_str(f"neutrinos={done_n:,}/{n_total:,}", refresh=False)

    def finish(i: int, raw: Any) -> None:
        nonlocal done_n
        tallies = _as_tallies(raw, i)
        schema.check(tallies, i, loaded=False)
        if store is not None:
            store.save(i, int(seeds[i]), int(sizes[i]), tallies)
        results[i] = tallies
        done_n += int(sizes[i])
        bar.set_postfix_str(f"neutrinos={done_n:,}/{n_total:,}", refresh=False)
        bar.update(1)

    try:
        if todo:
            try:
                run_tasks(task, config, todo, seeds, sizes, finish, mode, scheduler, workers)
            except SchedulerGone as gone:
                finished = sum(r is not None for r in results)
                raise SchedulerLostError(gone.address, gone.connected, finished, n_batches,
                                         checkpoint) from gone.__cause__
    finally:
        bar.close()

    per_batch = {}
    for name in schema.names:
        stacked = np.stack([r[name] for r in results])  # type: ignore[index]
        stacked.setflags(write=False)
        per_batch[name] = stacked
    sizes.setflags(write=False)
    seeds.setflags(write=False)
    return BatchResults(per_batch=per_batch, n_per_batch=sizes, seeds=seeds,
                        seconds=time.perf_counter() - t0, n_loaded=n_loaded)


class _Schema:
    """Names, shapes and dtypes of the tallies: every batch must return the same."""

    def __init__(self, task_name: str):
        self.task_name = task_name
        self.spec: dict[str, tuple] | None = None
        self.first: int | None = None

    @property
    def names(self) -> list[str]:
        return sorted(self.spec or {})

    def check(self, tallies: dict[str, np.ndarray], i: int, *, loaded: bool) -> None:
        spec = {k: (v.shape, v.dtype.str) for k, v in tallies.items()}
        if self.spec is None:
            self.spec, self.first = spec, i
            return
        if spec != self.spec:
            where = "loaded from the checkpoint" if loaded else f"returned by {self.task_name}"
            raise ValueError(
                f"batch {i} ({where}) has tallies {_describe(spec)} but batch {self.first} has "
                f"{_describe(self.spec)}; every batch must return the same names, shapes and "
                "dtypes" + (" (if the task changed, delete the checkpoint)" if loaded else ""))


def _describe(spec: dict[str, tuple]) -> str:
    return "{" + ", ".join(f"{k}: {s[1]}{list(s[0])}" for k, s in sorted(spec.items())) + "}"


def _as_tallies(raw: Any, i: int) -> dict[str, np.ndarray]:
    if not isinstance(raw, Mapping):
        raise TypeError(f"task must return a dict of tallies, batch {i} returned "
                        f"{type(raw).__name__}")
    if not raw:
        raise ValueError(f"task returned no tallies for batch {i}")
    out = {}
    for k, v in raw.items():
        if not isinstance(k, str) or not k.isidentifier() or k.startswith(RESERVED_PREFIX):
            raise ValueError(f"tally name {k!r} of batch {i} must be an identifier not starting "
                             f"with {RESERVED_PREFIX!r}")
        a = np.asarray(v)
        if a.dtype.kind not in "biuf":
            raise TypeError(f"tally {k!r} of batch {i} has dtype {a.dtype}; tallies must be "
                            "bool, int or float")
        out[k] = a
    return out


def _task_name(task: Any) -> str:
    return f"{getattr(task, '__module__', '?')}:{getattr(task, '__qualname__', repr(task))}"
