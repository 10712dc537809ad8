"""``natal reproduce --paper rsfp`` on a real dask cluster (a ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1): the same numbers bit for bit as a serial run, also when a worker is killed
mid-run, and one clear error line, with the finished batches kept for the resume, when the scheduler
goes away."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

#: neutrinos per row: 8 batches of 100, so a run lasts long enough to be interrupted after its first batch and still has
#: batches in flight on both workers
N = 800
N_BATCHES = 8
RUN_TIMEOUT = 240  # seconds; a healthy run takes ~20 s on 2 cores


def _wait_for(condition: Callable[[], object], timeout: float, what: str):
    """Poll ``condition`` until it returns something true; fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def _address(scheduler_file: Path) -> str | None:
    """The scheduler's address once it has written its file (whole: it may be read mid-write)."""
    try:
        return json.loads(scheduler_file.read_text())["address"]
    except (OSError, ValueError, KeyError):
        return None


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Cluster:
    """A scheduler and single-threaded workers without nannies (so that killing a worker's process
    kills the worker), each logging to a file in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.scheduler: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.address = ""

    def _spawn(self, module: str, *args: str, log: str) -> subprocess.Popen:
        with open(self.folder / log, "w") as out:
            return subprocess.Popen([sys.executable, "-m", f"distributed.cli.{module}", *args], cwd=self.folder,
                                    stdout=out, stderr=subprocess.STDOUT)

    def start(self, n_workers: int) -> Cluster:
        info = self.folder / "scheduler.json"
        self.scheduler = self._spawn("dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                     "--scheduler-file", str(info), log="scheduler.log")
        _wait_for(lambda: _address(info) or self.scheduler.poll() is not None, 60, "the scheduler to start")
        if self.scheduler.poll() is not None:
            pytest.fail(f"dask scheduler exited: {(self.folder / 'scheduler.log').read_text()[-2000:]}")
        self.address = _address(info)
        self.workers = [self._spawn("dask_worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                    "--host", "127.0.0.1", "--local-directory", str(self.folder),
                                    log=f"worker{i}.log") for i in range(n_workers)]
        with distributed.Client(self.address, set_as_default=False, timeout=30) as client:
            client.wait_for_workers(n_workers, timeout=60)
        return self

    def stop(self) -> None:
        for proc in self.workers:
            _stop(proc)
        if self.scheduler is not None:
            _stop(self.scheduler)


@pytest.fixture
def cluster(tmp_path) -> Iterator[Cluster]:
    folder = tmp_path / "cluster"
    folder.mkdir()
    c = Cluster(folder)
    try:
        yield c.start(2)
    finally:
        c.stop()


def _reproduce(out: Path, scheduler: str) -> subprocess.Popen:
    """``natal reproduce --paper rsfp`` at ``N`` neutrinos per row, started in the background."""
    return subprocess.Popen([sys.executable, "-m", "natal.cli", "reproduce", "--paper", "rsfp", "--n", str(N),
                             "--no-variants", "--scheduler", scheduler, "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NATAL_NO_PROGRESS": "1"})


def _finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    try:
        stdout, stderr = proc.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        pytest.fail(f"natal reproduce did not finish in {RUN_TIMEOUT} s; stderr:\n{stderr[-3000:]}")
    return proc.returncode, stdout, stderr


@contextlib.contextmanager
def _running(out: Path, scheduler: str) -> Iterator[subprocess.Popen]:
    proc = _reproduce(out, scheduler)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def _batch_files(out: Path) -> list[Path]:
    return sorted((out / "checkpoints" / "table1").glob("batch_*.npz"))


def _numbers(out: Path) -> tuple[list, dict[str, dict[str, np.ndarray]]]:
    """Table 1 of report.json and every batch's tallies from the checkpoint."""
    table = json.loads((out / "report.json").read_text())["tables"]["table1"]
    batches = {}
    for path in _batch_files(out):
        with np.load(path) as z:
            batches[path.name] = {k: z[k] for k in z.files}
    return table, batches


def _assert_same_numbers(out: Path, reference: tuple[list, dict]) -> None:
    table, batches = _numbers(out)
    ref_table, ref_batches = reference
    assert table == ref_table  # JSON floats round-trip exactly: equal here means equal to the bit
    assert batches.keys() == ref_batches.keys() and len(batches) == N_BATCHES
    for name, tallies in ref_batches.items():
        assert tallies.keys() == batches[name].keys()
        for key, value in tallies.items():
            assert np.array_equal(batches[name][key], value), (name, key)


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    """The uninterrupted serial run every cluster run must match."""
    out = tmp_path_factory.mktemp("serial")
    with _running(out, "serial") as proc:
        rc, _, stderr = _finish(proc)
    assert rc == 0, stderr
    return _numbers(out)


def test_a_dask_cluster_gives_the_serial_numbers(tmp_path, cluster, serial):
    out = tmp_path / "out"
    with _running(out, cluster.address) as proc:
        rc, stdout, stderr = _finish(proc)
    assert rc == 0, stderr
    assert "Traceback" not in stderr
    _assert_same_numbers(out, serial)
    settings = json.loads((out / "report.json").read_text())["settings"]
    assert settings["scheduler"] == f"dask scheduler at {cluster.address}"


def test_a_worker_killed_mid_run_has_its_batches_rerun(tmp_path, cluster, serial):
    """dask reruns the batch the dead worker held on the other worker; results are combined in
    batch order, so nothing changes."""
    out = tmp_path / "out"
    with _running(out, cluster.address) as proc:
        done = _wait_for(lambda: _batch_files(out) or proc.poll() is not None, RUN_TIMEOUT, "a first batch")
        assert proc.poll() is None, proc.communicate()[1]
        assert len(done) < N_BATCHES - 1  # batches still running on both workers
        cluster.workers[0].kill()
        rc, _, stderr = _finish(proc)
    assert cluster.workers[0].wait(10) != 0 and cluster.workers[1].poll() is None
    assert rc == 0, stderr
    assert "Traceback" not in stderr
    _assert_same_numbers(out, serial)


def test_a_lost_scheduler_is_one_clear_line_and_the_run_resumes(tmp_path, cluster, serial):
    out = tmp_path / "out"
    with _running(out, cluster.address) as proc:
        _wait_for(lambda: _batch_files(out) or proc.poll() is not None, RUN_TIMEOUT, "a first batch")
        assert proc.poll() is None, proc.communicate()[1]
        cluster.scheduler.kill()
        rc, _, stderr = _finish(proc)
    kept = _batch_files(out)
    assert rc == 2, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == (
        f"natal reproduce: error: lost the connection to the dask scheduler at {cluster.address}; "
        f"{len(kept)} of {N_BATCHES} batches had finished and are kept in {out / 'checkpoints' / 'table1'}: "
        "running the same command again resumes there")
    assert 1 <= len(kept) < N_BATCHES
    stamps = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in kept}

    with _running(out, "serial") as proc:  # the resume: only the missing batches are computed
        rc, _, stderr = _finish(proc)
    assert rc == 0, stderr
    _assert_same_numbers(out, serial)
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in kept} == stamps
