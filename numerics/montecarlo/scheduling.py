"""Scheduling of a run's batches: in this process, on a local dask cluster or on a running dask
scheduler, and the progress shown meanwhile (a tqdm bar on a terminal, else a line every ten seconds
with a heartbeat).

:func:`run_tasks` hands each finished batch to a callback as it arrives, in completion order; the
caller (``run_batches``) puts the batches back in index order.  A scheduler that cannot be reached or
goes away raises :class:`SchedulerGone`, which ``run_batches`` turns into :class:`SchedulerLostError`
with what had finished.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import os
import pathlib
import sys
import threading
import time
import uuid
from typing import Any, Callable, Iterator, Sequence

from natal.numerics.montecarlo.seeds import count

__all__ = ["MODES", "ProgressLines", "SchedulerGone", "SchedulerLostError", "WorkersLostError", "local_cluster",
           "progress_bar", "run_tasks", "scheduler_mode"]

#: How a run's batches are scheduled (:func:`scheduler_mode`).
MODES = ("serial", "local", "address")


class SchedulerLostError(ConnectionError):
    """The dask scheduler could not be reached, or went away, before every batch had finished.

    The batches that finished are in the checkpoint (if one was given), so running the same call
    again resumes from them. The message is one line; the original error is ``__cause__``.
    """

    def __init__(self, address: str, connected: bool, finished: int, n_batches: int,
                 checkpoint: os.PathLike | str | None):
        self.address, self.finished, self.n_batches = address, finished, n_batches
        self.checkpoint = None if checkpoint is None else pathlib.Path(checkpoint)
        what = "lost the connection to" if connected else "cannot connect to"
        if self.checkpoint is None:
            kept = "and, with no checkpoint, are not kept"
        else:
            kept = f"and are kept in {self.checkpoint}: running the same command again resumes there"
        super().__init__(f"{what} the dask scheduler at {address}; {finished} of {n_batches} batches "
                         f"had finished {kept}")


class WorkersLostError(ChildProcessError):
    """dask gave up on a batch whose workers kept dying (``distributed.scheduler.allowed-failures``)."""


class SchedulerGone(Exception):
    """Raised by :func:`run_tasks` when the scheduler is out of reach; ``run_batches`` adds what
    finished and raises :class:`SchedulerLostError`."""

    def __init__(self, address: str, connected: bool):
        super().__init__(address, connected)
        self.address, self.connected = address, connected


def scheduler_mode(scheduler: Any, workers: Any) -> str:
    """The mode (one of :data:`MODES`) of ``run_batches``' ``scheduler`` argument: ``None`` or
    ``"serial"``, ``"local"``, or a scheduler address (any text with a colon); ``workers`` only with
    ``"local"``.  Anything else is a ``ValueError`` naming the parameter."""
    if scheduler is None or scheduler == "serial":
        mode = "serial"
    elif scheduler == "local":
        mode = "local"
    elif isinstance(scheduler, str) and ":" in scheduler:
        mode = "address"
    else:
        raise ValueError(f"scheduler must be None, 'serial', 'local' or a scheduler address like "
                         f"'tcp://host:8786', got {scheduler!r}")
    if workers is not None:
        count("workers", workers, 1)
        if mode != "local":
            raise ValueError(f"workers applies only to scheduler='local' (got scheduler="
                             f"{scheduler!r}); an existing scheduler has its own workers")
    return mode


class ProgressLines:
    """tqdm's interface, printing one line every ``interval`` seconds and one at the end: what a
    progress bar shows, where there is no terminal to redraw it in.  A background thread keeps the
    lines coming while a slow batch runs, so a long run is never silent."""

    def __init__(self, total: int, initial: int, description: str, interval: float = 10.0):
        self.total, self.n, self.label, self.interval = total, initial, description or "batches", interval
        self.postfix, self.t0 = "", time.monotonic()
        self.last = self.t0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, name="natal-progress", daemon=True)
        self._beat.start()

    def set_postfix_str(self, text: str, refresh: bool = False) -> None:
        with self._lock:
            self.postfix = text

    def update(self, n: int = 1) -> None:
        with self._lock:
            self.n += n
        if time.monotonic() - self.last >= self.interval:
            self._line()

    def close(self) -> None:
        self._stop.set()
        self._beat.join()
        self._line()

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.interval / 4):
            if time.monotonic() - self.last >= self.interval:
                self._line()

    def _line(self) -> None:
        with self._lock:
            self.last = time.monotonic()
            print(f"  {self.label}: {self.n}/{self.total} batches, {self.postfix.replace('=', ' ')}, "
                  f"{self.last - self.t0:.0f} s", file=sys.stderr, flush=True)


def progress_bar(total: int, initial: int, description: str, show: bool):
    """What shows a run's progress on stderr: a tqdm bar on a terminal (``show=False``: a disabled
    one), otherwise :class:`ProgressLines`."""
    if show and not sys.stderr.isatty():
        return ProgressLines(total, initial, description)
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=initial, unit="batch", desc=description or None, file=sys.stderr,
                disable=not show, dynamic_ncols=True)


def run_tasks(task: Callable, config: Any, todo: Sequence[int], seeds, sizes, finish: Callable[[int, Any], None],
              mode: str, scheduler: str | None, workers: int | None) -> None:
    """Run batch ``i`` = ``task(config, seeds[i], sizes[i])`` for each ``i`` in ``todo`` and hand its
    result to ``finish(i, result)`` as it arrives: one after another in this process (``mode``
    ``"serial"``), else as dask futures (:func:`scheduler_mode`).  Raises :class:`SchedulerGone` when
    the scheduler cannot be reached or goes away, :class:`WorkersLostError` when dask gives up on a
    batch; whatever ``task`` raises propagates."""
    if mode == "serial":
        for i in todo:
            finish(i, task(config, int(seeds[i]), int(sizes[i])))
    else:
        _run_dask(task, config, todo, seeds, sizes, finish, mode, scheduler, workers)


def _local_cluster(factory, workers):
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    return factory(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                   silence_logs=logging.ERROR)


@contextlib.contextmanager
def local_cluster(workers: int | None = None) -> Iterator[str]:
    """A dask LocalCluster (one single-threaded worker process per core by default) kept up for a
    series of ``run_batches`` calls; yields its scheduler address to pass as ``scheduler``."""
    from distributed import LocalCluster

    if workers is not None:
        count("workers", workers, 1)
    with _local_cluster(LocalCluster, workers) as cluster:
        yield cluster.scheduler_address


def _run_dask(task, config, todo, seeds, sizes, finish, mode, scheduler, workers) -> None:
    """Submit the batches in ``todo`` as futures and hand each result to ``finish`` on arrival.

    Raises :class:`SchedulerGone` when the scheduler cannot be reached or goes away."""
    from distributed import Client, KilledWorker, LocalCluster, as_completed

    cluster = client = None
    futures: dict[str, Any] = {}
    address = scheduler
    lost = False  # the scheduler went away: nothing to cancel there, and a client to close quietly
    try:
        if mode == "local":
            cluster = _local_cluster(LocalCluster, workers)
            address = cluster.scheduler_address
            client = Client(cluster, set_as_default=False)
        else:
            try:
                client = Client(scheduler, set_as_default=False)
            except OSError as exc:  # refused, or no answer within the connect timeout
                raise SchedulerGone(address, connected=False) from exc
        token = uuid.uuid4().hex[:12]
        name = getattr(task, "__name__", "task")
        index = {}
        for i in todo:
            key = f"natal-mc-{name}-{token}-batch{i:06d}"
            futures[key] = client.submit(task, config, int(seeds[i]), int(sizes[i]),
                                         key=key, pure=False)
            index[key] = i
        for fut in as_completed(list(futures.values()), loop=client.loop):
            try:
                raw = fut.result()  # re-raises the task's exception here
            except KilledWorker as exc:  # dask gave up: the batch's workers died allowed-failures times
                raise WorkersLostError(
                    f"batch {index[fut.key]} was running on every worker that died ({exc}); the finished "
                    "batches are kept in the checkpoint, if one was given: check the workers' memory and "
                    "logs, then run the same command again to resume") from None
            except (OSError, concurrent.futures.CancelledError) as exc:
                if fut.status == "error":  # the task's own exception
                    raise
                # the comm to the scheduler closed under the gather, or the client cancelled
                # every future on losing the scheduler ("scheduler-connection-lost")
                lost = True
                raise SchedulerGone(address, connected=True) from exc
            finish(index[fut.key], raw)
            del futures[fut.key]
            fut.release()
    except BaseException:
        if client is not None and futures and not lost:
            try:
                client.cancel(list(futures.values()))
            except Exception:  # the scheduler may already be gone
                pass
        raise
    finally:
        futures.clear()
        if client is not None:
            # a client that lost its scheduler logs its cancelled reconnection as an error with a
            # traceback; the loss is reported once, by the exception raised above
            with _quiet("distributed.client", "distributed") if lost else contextlib.nullcontext():
                client.close()
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Silence the named loggers for the duration (levels restored after)."""
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)
