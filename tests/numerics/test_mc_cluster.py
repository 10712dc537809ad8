"""The batch runner and a dask scheduler it cannot reach: one clear error, not a traceback or a hang.

(A scheduler lost mid-run and a worker killed mid-run are tested end to end, on real ``dask``
processes, in tests/natal/test_rsfp_cluster.py.)"""

from __future__ import annotations

import socket
import time

import pytest

from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.scheduling import SchedulerLostError, WorkersLostError
from natal.numerics.montecarlo.toy import ToyConfig, dying_toy_task, toy_task

dask = pytest.importorskip("dask")
pytest.importorskip("distributed")


def _closed_port() -> int:
    """A local port that nothing listens on (it was free a moment ago)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    address = f"tcp://127.0.0.1:{_closed_port()}"
    start = time.monotonic()
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        with pytest.raises(SchedulerLostError) as info:
            run_batches(toy_task, ToyConfig(), 300, batch_size=100, root_seed=1, scheduler=address,
                        checkpoint=tmp_path, progress=False)
    assert time.monotonic() - start < 30  # dask's connect timeout bounds the wait
    error = info.value
    assert isinstance(error, ConnectionError)  # an OSError: the CLI prints it as one line
    assert str(error) == (f"cannot connect to the dask scheduler at {address}; 0 of 3 batches had finished "
                          f"and are kept in {tmp_path}: running the same command again resumes there")
    assert (error.address, error.finished, error.n_batches, error.checkpoint) == (address, 0, 3, tmp_path)
    assert isinstance(error.__cause__, OSError)


@pytest.mark.slow
def test_a_batch_that_kills_its_workers_is_one_clear_error(tmp_path):
    """dask gives up on a batch after allowed-failures worker deaths; the finished batches stay."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with pytest.raises(WorkersLostError) as info:
            run_batches(dying_toy_task, ToyConfig(), 5, batch_size=2, root_seed=1, scheduler="local",
                        workers=1, checkpoint=tmp_path, progress=False)
    assert isinstance(info.value, OSError) and "\n" not in str(info.value)
    assert "batch 2" in str(info.value) and "run the same command again" in str(info.value)
    # the even batches that finished before dask gave up are kept (which ones depends on timing)
    assert {p.name for p in tmp_path.glob("batch_*.npz")} <= {"batch_000000.npz", "batch_000001.npz"}
