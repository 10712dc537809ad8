"""Batch runner for Monte Carlo transport: reproducible seeds, any number of workers, checkpoints.

A Monte Carlo run of ``n_total`` histories is cut into batches of ``batch_size`` (the last one
may be smaller). Each batch is one call ``task(config, seed, n)`` that returns per-batch SUMS
(tallies: counts, sums of weights, sums of squares, histograms...) as
``dict[str, array | float]``.
:func:`run_batches` runs the batches in-process, on a local dask cluster or on an existing dask
scheduler, writes each finished batch to a checkpoint directory as it arrives, and stacks the
tallies in batch-index order into a :class:`BatchResults`.

Reproducibility
    * Batch ``i`` gets the seed :func:`batch_seed` ``(root_seed, i)``, which depends only on
      ``root_seed`` and ``i`` -- not on the number of batches -- so a longer run (larger
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

Checkpoint layout (one run per directory at a time)::

    DIR/manifest.json        format, config fingerprint, task, n_total, batch_size, root_seed,
                             seed scheme, natal version
    DIR/batch_000123.npz     the tallies of batch 123 plus its index, seed and n
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import enum
import hashlib
import json
import logging
import numbers
import os
import pathlib
import sys
import threading
import time
import uuid
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

import numpy as np

__all__ = ["BatchResults", "SchedulerLostError", "WorkersLostError", "batch_seed", "config_fingerprint", "local_cluster",
           "run_batches"]

log = logging.getLogger(__name__)

#: Version tag of the checkpoint layout; a directory written with another layout is refused.
CHECKPOINT_FORMAT = "natal-mc-checkpoint/1"
#: How a batch seed is derived (also recorded in the manifest).
SEED_SCHEME = "SeedSequence(root_seed, spawn_key=(i,)).generate_state(1, uint64)[0] >> 1"

_MANIFEST = "manifest.json"
_RESERVED = "__"  # tally names starting with this are reserved for the checkpoint's metadata
_META_KEYS = ("__index__", "__seed__", "__n__")


# ----------------------------------------------------------------------------------------- seeds


def batch_seed(root_seed: int, index: int) -> int:
    """The seed of batch ``index`` of a run with ``root_seed``: a 63-bit non-negative ``int``.

    ``np.random.SeedSequence(root_seed, spawn_key=(index,))`` -- the same sequence as
    ``np.random.SeedSequence(root_seed).spawn(n)[index]`` for any ``n > index`` -- generates one
    uint64 word, shifted right by one bit so the seed fits a signed 64-bit integer (Numba, C).
    It depends only on ``root_seed`` and ``index``, so extending a run keeps the earlier seeds, and
    the spawn tree keeps the streams of different batches statistically independent.
    """
    _check_int("root_seed", root_seed, 0)
    _check_int("index", index, 0)
    ss = np.random.SeedSequence(int(root_seed), spawn_key=(int(index),))
    return int(ss.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


# ----------------------------------------------------------------------------------- fingerprint


def config_fingerprint(config: Any) -> str:
    """A stable text that identifies ``config``; a checkpoint is reused only for the same text.

    If ``config`` has a ``fingerprint()`` method, its (non-empty ``str``) result is used as is.
    Otherwise ``config`` must be a dataclass instance: the fingerprint is ``"sha256:"`` + the
    SHA-256 of the JSON of ``{"type": module.QualName, "fields": dataclasses.asdict(config)}``
    written with sorted keys and no whitespace. Floats are written by ``repr`` (the shortest text
    that round-trips, so any change of value changes the fingerprint; ``1`` and ``1.0`` differ),
    NumPy scalars as the Python number, arrays as dtype + shape + SHA-256 of their bytes, enums by
    name, paths as text, tuples as lists. Any other field type raises ``TypeError``: give the
    config a ``fingerprint()`` method.
    """
    method = getattr(config, "fingerprint", None)
    if callable(method):
        fp = method()
        if not isinstance(fp, str) or not fp:
            raise TypeError(f"config.fingerprint() must return a non-empty str, got {fp!r}")
        return fp
    if not dataclasses.is_dataclass(config) or isinstance(config, type):
        raise TypeError(
            f"config must be a dataclass instance or have a fingerprint() method, got "
            f"{type(config).__name__}")
    payload = {"type": _qualname(type(config)), "fields": _canonical(dataclasses.asdict(config))}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), allow_nan=True)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(obj: Any) -> Any:
    """JSON-ready, order-independent form of a config value (see :func:`config_fingerprint`)."""
    if obj is None or isinstance(obj, (bool, str, np.bool_)):
        return bool(obj) if isinstance(obj, np.bool_) else obj
    if isinstance(obj, enum.Enum):
        return {"__enum__": f"{_qualname(type(obj))}.{obj.name}"}
    if isinstance(obj, numbers.Integral):
        return int(obj)
    if isinstance(obj, numbers.Real):
        return float(obj)  # json writes float.__repr__ (nan/inf as NaN/Infinity)
    if isinstance(obj, numbers.Complex):
        return {"__complex__": [float(obj.real), float(obj.imag)]}
    if isinstance(obj, pathlib.PurePath):
        return {"__path__": str(obj)}
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind not in "biufcSUMm":
            raise TypeError(f"cannot fingerprint an array of dtype {obj.dtype}; "
                            "give the config a fingerprint() method")
        data = np.ascontiguousarray(obj).tobytes()
        return {"__ndarray__": [obj.dtype.str, list(obj.shape), hashlib.sha256(data).hexdigest()]}
    if isinstance(obj, Mapping):
        out = {}
        for k, v in obj.items():
            key = k if isinstance(k, str) else repr(_canonical(k))
            out[key] = _canonical(v)
        return out
    if isinstance(obj, (list, tuple)):
        return [_canonical(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        items = [_canonical(v) for v in obj]
        return {"__set__": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    raise TypeError(f"cannot fingerprint a config field of type {type(obj).__name__} stably; "
                    "give the config a fingerprint() method")


def _qualname(obj: Any) -> str:
    return f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', type(obj).__name__)}"


# ---------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class BatchResults:
    """Tallies of a batched Monte Carlo run, in batch-index order.

    per_batch
        ``{name: array of shape (n_batches, ...)}``: row ``i`` is what batch ``i`` returned
        (read-only arrays).
    n_per_batch
        ``(n_batches,)`` int64: histories in each batch (the last one may be smaller).
    seeds
        ``(n_batches,)`` int64: the seed each batch ran with (:func:`batch_seed`).
    seconds
        wall-clock seconds of the :func:`run_batches` call (cluster start-up included; batches
        loaded from a checkpoint cost only their reading).
    n_loaded
        how many batches came from the checkpoint rather than being computed in this call.
    """

    per_batch: dict[str, np.ndarray]
    n_per_batch: np.ndarray
    seeds: np.ndarray
    seconds: float
    n_loaded: int = 0

    @property
    def n_batches(self) -> int:
        return int(self.n_per_batch.shape[0])

    @property
    def n_total(self) -> int:
        return int(self.n_per_batch.sum())

    @property
    def totals(self) -> dict[str, np.ndarray]:
        """Each tally summed over the batches (in batch order: deterministic to the bit)."""
        return {k: v.sum(axis=0) for k, v in self.per_batch.items()}

    def mean_and_error(self, numerator_key: str, denominator_key: str | None = None):
        """Ratio estimate ``R = sum(num) / sum(den)`` and its standard error from the batches.

        With ``denominator_key=None`` the denominator is the number of histories, so ``R`` is the
        mean per history. Array tallies are handled element by element (a scalar denominator
        broadcasts over an array numerator). Returns ``(R, err)``: floats for scalar tallies,
        arrays otherwise.

        The error is the batch-means variance of a ratio of sums (delta method / linearisation):
        with per-batch sums ``x_b``, ``y_b`` over ``B`` batches and residuals
        ``d_b = x_b - R y_b``, ::

            var(R) = B / (B - 1) * sum_b d_b**2 / (sum_b y_b)**2 .

        Why this form: ``R`` is the same number one long run would give, whatever the batching;
        the formula weights each batch by its size (so an uneven last batch is handled), it is
        valid when the denominator is itself random (sums of weights), and the mean of per-batch
        ratios it avoids is biased at O(1/batch size). For equal batches and ``den = n`` it reduces
        exactly to the textbook batch-means error ``std(r_b, ddof=1) / sqrt(B)``. Batches are
        independent (separate seed streams), which is what the method requires; with few batches
        the error itself is uncertain (relative spread ~ 1/sqrt(2 (B - 1))), so use B >~ 20.
        With a single batch there is no spread to measure: ``err`` is nan and a RuntimeWarning
        says so. Elements whose denominator sums to zero get nan (with a RuntimeWarning).
        """
        x = self._tally(numerator_key)
        if denominator_key is None:
            y = self.n_per_batch.astype(np.float64)
        else:
            y = self._tally(denominator_key)
        # align the batch axis, then broadcast the per-batch shapes
        nd = max(x.ndim, y.ndim)
        x = x.reshape(x.shape + (1,) * (nd - x.ndim))
        y = y.reshape(y.shape + (1,) * (nd - y.ndim))
        try:
            x, y = np.broadcast_arrays(x, y)
        except ValueError:
            raise ValueError(
                f"tallies {numerator_key!r} {x.shape[1:]} and {denominator_key!r} {y.shape[1:]} "
                "do not broadcast") from None
        X, Y = x.sum(axis=0), y.sum(axis=0)
        zero = Y == 0
        if np.any(zero):
            warnings.warn(
                f"denominator {denominator_key or 'n'!r} sums to zero in {int(np.sum(zero))} "
                f"element(s) of {numerator_key!r}; the ratio is nan there", RuntimeWarning,
                stacklevel=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            R = X / Y
            B = self.n_batches
            if B < 2:
                warnings.warn(
                    "mean_and_error needs at least 2 batches to estimate an error (batch means); "
                    "this run has 1, so err is nan: use a smaller batch_size", RuntimeWarning,
                    stacklevel=2)
                err = np.full(np.shape(R), np.nan)
            else:
                d = x - R * y
                err = np.sqrt(B / (B - 1) * np.sum(d * d, axis=0)) / np.abs(Y)
        if np.ndim(R) == 0:
            return float(R), float(err)
        return R, err

    def take(self, index: int) -> BatchResults:
        """The run as one element of its array tallies sees it: every tally of per-batch shape (k,)
        becomes its element ``index`` (a scalar tally per batch); scalar tallies are kept as they are.
        Used where one run carries several problems at once (numerics.rsfp.transport.KickRows)."""
        per_batch = {}
        for name, v in self.per_batch.items():
            if v.ndim == 1:
                per_batch[name] = v
            elif v.ndim == 2:
                if not -v.shape[1] <= index < v.shape[1]:
                    raise IndexError(f"index {index} out of range for tally {name!r} of {v.shape[1]} elements")
                per_batch[name] = v[:, index]
            else:
                raise ValueError(f"take() needs tallies of at most one dimension per batch; {name!r} has {v.ndim - 1}")
        return dataclasses.replace(self, per_batch=per_batch)

    def _tally(self, key: str) -> np.ndarray:
        try:
            return self.per_batch[key].astype(np.float64)
        except KeyError:
            raise KeyError(f"no tally {key!r}; the tallies are {sorted(self.per_batch)}") from None


# ---------------------------------------------------------------------------------------- runner


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


class _SchedulerGone(Exception):
    """Raised by :func:`_run_dask` when the scheduler is out of reach; ``run_batches`` adds what
    finished and raises :class:`SchedulerLostError`."""

    def __init__(self, address: str, connected: bool):
        super().__init__(address, connected)
        self.address, self.connected = address, connected


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
    _check_int("n_total", n_total, 1)
    _check_int("batch_size", batch_size, 1)
    _check_int("root_seed", root_seed, 0)
    mode = _check_scheduler(scheduler, workers)
    n_total, batch_size, root_seed = int(n_total), int(batch_size), int(root_seed)

    n_batches = -(-n_total // batch_size)
    sizes = np.full(n_batches, batch_size, dtype=np.int64)
    sizes[-1] = n_total - batch_size * (n_batches - 1)
    seeds = np.array([batch_seed(root_seed, i) for i in range(n_batches)], dtype=np.int64)
    fingerprint = config_fingerprint(config)

    results: list[dict[str, np.ndarray] | None] = [None] * n_batches
    schema = _Schema(_task_name(task))
    store = None
    if checkpoint is not None:
        store = _Checkpoint(pathlib.Path(checkpoint))
        store.open({
            "format": CHECKPOINT_FORMAT,
            "fingerprint": fingerprint,
            "task": _task_name(task),
            "n_total": n_total,
            "batch_size": batch_size,
            "root_seed": root_seed,
            "seed_scheme": SEED_SCHEME,
            "natal_version": _natal_version(),
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
    if progress and not sys.stderr.isatty():
        bar = _ProgressLines(n_batches, n_loaded, description)
    else:
        from tqdm.auto import tqdm

        bar = tqdm(total=n_batches, initial=n_loaded, unit="batch", desc=description or None,
                   file=sys.stderr, disable=not progress, dynamic_ncols=True)
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
            if mode == "serial":
                for i in todo:
                    finish(i, task(config, int(seeds[i]), int(sizes[i])))
            else:
                try:
                    _run_dask(task, config, todo, seeds, sizes, finish, mode, scheduler, workers)
                except _SchedulerGone as gone:
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


class _ProgressLines:
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
        _check_int("workers", workers, 1)
    with _local_cluster(LocalCluster, workers) as cluster:
        yield cluster.scheduler_address


def _run_dask(task, config, todo, seeds, sizes, finish, mode, scheduler, workers) -> None:
    """Submit the batches in ``todo`` as futures and hand each result to ``finish`` on arrival.

    Raises :class:`_SchedulerGone` when the scheduler cannot be reached or goes away."""
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
                raise _SchedulerGone(address, connected=False) from exc
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
                raise _SchedulerGone(address, connected=True) from exc
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


# ------------------------------------------------------------------------------------ checkpoint


class _Checkpoint:
    """A run's checkpoint directory: manifest plus one atomically written ``.npz`` per batch."""

    def __init__(self, path: pathlib.Path):
        self.path = path

    def open(self, manifest: dict) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        mpath = self.path / _MANIFEST
        for stale in self.path.glob(".batch_*.tmp"):  # left by a run killed mid-write
            stale.unlink(missing_ok=True)
        if not mpath.exists():
            if any(self.path.glob("batch_*.npz")):
                raise ValueError(
                    f"checkpoint directory {self.path} holds batch files but no {_MANIFEST}, so "
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
        for field in ("format", "fingerprint", "batch_size", "root_seed", "seed_scheme"):
            if old.get(field) != manifest[field]:
                what = ("config fingerprint (the config changed)" if field == "fingerprint"
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
        text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        self._atomic_write(self.path / _MANIFEST, lambda f: f.write(text.encode("utf-8")))

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
        arrays = dict(tallies)
        arrays.update({"__index__": np.int64(i), "__seed__": np.int64(seed), "__n__": np.int64(n)})
        self._atomic_write(self.batch_path(i), lambda f: np.savez(f, **arrays))

    def _atomic_write(self, path: pathlib.Path, write: Callable) -> None:
        from natal.files import write_atomic

        write_atomic(path, write)


# ------------------------------------------------------------------------------------ validation


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
        if not isinstance(k, str) or not k.isidentifier() or k.startswith(_RESERVED):
            raise ValueError(f"tally name {k!r} of batch {i} must be an identifier not starting "
                             f"with {_RESERVED!r}")
        a = np.asarray(v)
        if a.dtype.kind not in "biuf":
            raise TypeError(f"tally {k!r} of batch {i} has dtype {a.dtype}; tallies must be "
                            "bool, int or float")
        out[k] = a
    return out


def _check_int(name: str, value: Any, minimum: int) -> None:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")


def _check_scheduler(scheduler: Any, workers: Any) -> str:
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
        _check_int("workers", workers, 1)
        if mode != "local":
            raise ValueError(f"workers applies only to scheduler='local' (got scheduler="
                             f"{scheduler!r}); an existing scheduler has its own workers")
    return mode


def _task_name(task: Any) -> str:
    return f"{getattr(task, '__module__', '?')}:{getattr(task, '__qualname__', repr(task))}"


def _natal_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("natal")
    except PackageNotFoundError:
        return "0.0.0+unknown"

