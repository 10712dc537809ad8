"""Monte Carlo batch runner: seeds, determinism across schedulers, checkpoints, errors."""

from __future__ import annotations

import json
import time
import multiprocessing
from dataclasses import dataclass

import numpy as np
import pytest

from natal.numerics.montecarlo import BatchResults, batch_seed, config_fingerprint, run_batches
from natal.numerics.montecarlo.toy import ToyConfig, failing_toy_task, toy_task

CFG = ToyConfig()

# Serial runs call tasks in this process, so a module-level task here can count its calls and
# simulate an interruption (dask workers could not import this module: it is loaded by path).
CALLS: list[int] = []
STATE: dict = {"interrupt_seed": None}


def counting_task(config, seed, n):
    CALLS.append(seed)
    if seed == STATE["interrupt_seed"]:
        STATE["interrupt_seed"] = None  # only the first time
        raise KeyboardInterrupt
    return toy_task(config, seed, n)


@pytest.fixture(autouse=True)
def _reset_counter():
    CALLS.clear()
    STATE["interrupt_seed"] = None


def run(n_total, **kw):
    kw.setdefault("batch_size", 100)
    kw.setdefault("root_seed", 7)
    kw.setdefault("progress", False)
    task = kw.pop("task", toy_task)
    return run_batches(task, kw.pop("config", CFG), n_total, **kw)


def assert_identical(a: BatchResults, b: BatchResults):
    assert a.per_batch.keys() == b.per_batch.keys()
    for k in a.per_batch:
        np.testing.assert_array_equal(a.per_batch[k], b.per_batch[k], strict=True)
        assert a.totals[k].tobytes() == b.totals[k].tobytes()
    np.testing.assert_array_equal(a.n_per_batch, b.n_per_batch)
    np.testing.assert_array_equal(a.seeds, b.seeds)


# ----------------------------------------------------------------------------------------- seeds


def test_batch_seed_is_the_spawned_child_and_independent_of_n_batches():
    for i in range(5):
        for n in (i + 1, 10, 1000):
            child = np.random.SeedSequence(123).spawn(n)[i]
            assert batch_seed(123, i) == int(child.generate_state(1, np.uint64)[0] >> np.uint64(1))
    seeds = [batch_seed(123, i) for i in range(100)]
    assert len(set(seeds)) == 100 and all(0 <= s < 2**63 for s in seeds)
    assert batch_seed(124, 0) != batch_seed(123, 0)


def test_extending_a_run_keeps_the_earlier_batches():
    short, full = run(550), run(1000)
    assert short.n_batches == 6 and list(short.n_per_batch) == [100] * 5 + [50]
    assert full.n_batches == 10 and full.n_total == 1000
    for k in full.per_batch:  # the 5 full batches repeat exactly; the short 6th does not
        np.testing.assert_array_equal(short.per_batch[k][:5], full.per_batch[k][:5])
    np.testing.assert_array_equal(short.seeds, full.seeds[:6])


def test_results_shapes_and_totals():
    res = run(1050)
    assert res.n_batches == 11 and res.n_total == 1050 and res.n_per_batch[-1] == 50
    assert res.per_batch["hist"].shape == (11, 4) and res.per_batch["sum_u"].shape == (11,)
    assert res.totals["hist"].sum() == 1050
    assert res.seconds >= 0 and res.n_loaded == 0
    with pytest.raises(ValueError):
        res.per_batch["sum_u"][0] = 0.0  # read-only


def test_take_gives_one_element_of_the_array_tallies():
    res = run(1050)
    one = res.take(2)
    assert one.per_batch["hist"].shape == (11,) and one.per_batch["sum_u"] is res.per_batch["sum_u"]
    np.testing.assert_array_equal(one.per_batch["hist"], res.per_batch["hist"][:, 2])
    mean, err = one.mean_and_error("hist")
    whole, whole_err = res.mean_and_error("hist")
    assert (mean, err) == (whole[2], whole_err[2])
    with pytest.raises(IndexError, match="hist"):
        res.take(4)


# --------------------------------------------------------------------------------- mean and error


def test_mean_and_error_known_answer():
    n = 200_000
    res = run(n, batch_size=5_000, root_seed=2024)  # 40 batches
    mean, err = res.mean_and_error("sum_u")
    expected_err = 1 / np.sqrt(12 * n)
    assert abs(mean - 0.5) < 4 * expected_err
    assert 0.6 < err / expected_err < 1.4  # batch-means error: ~11 % spread with 40 batches
    wmean, werr = res.mean_and_error("sum_wu", "sum_w")  # ratio with a random denominator
    assert abs(wmean - 0.5) < 4 * werr and werr > err  # weights add variance
    frac, ferr = res.mean_and_error("hist")
    assert frac.shape == (4,) and np.all(np.abs(frac - 0.25) < 4 * ferr)
    np.testing.assert_allclose(ferr, np.sqrt(0.25 * 0.75 / n), rtol=0.5)


def test_mean_and_error_is_batch_means_for_equal_batches():
    res = run(2000, batch_size=200)
    r = res.per_batch["sum_u"] / res.n_per_batch
    mean, err = res.mean_and_error("sum_u")
    assert mean == pytest.approx(r.mean(), rel=1e-14)
    assert err == pytest.approx(r.std(ddof=1) / np.sqrt(res.n_batches), rel=1e-12)


def test_mean_and_error_single_batch_and_bad_keys():
    res = run(100, batch_size=100)
    with pytest.warns(RuntimeWarning, match="at least 2 batches"):
        mean, err = res.mean_and_error("sum_u")
    assert np.isfinite(mean) and np.isnan(err)
    with pytest.raises(KeyError, match="sum_u"):
        res.mean_and_error("nope")


def test_a_ratio_measured_in_one_batch_has_no_error():
    # its residuals all vanish, so the batch-means formula would say err = 0: a precision nothing measured
    per_batch = {"x": np.array([0.0, 3.0, 0.0, 0.0]), "y": np.array([0.0, 2.0, 0.0, 0.0]),
                 "z": np.array([1.0, 3.0, 0.0, 2.0])}
    res = BatchResults(per_batch, np.full(4, 10), np.arange(4), 0.0)
    mean, err = res.mean_and_error("x", "y")
    assert mean == 1.5 and np.isnan(err)
    mean, err = res.mean_and_error("z", "z")  # two batches or more: measured, here exactly
    assert mean == 1.0 and err == 0.0


# ------------------------------------------------------------------------------------ checkpoints


def test_resume_after_interruption_is_bit_identical_and_skips_finished(tmp_path):
    ref = run(1000)
    STATE["interrupt_seed"] = batch_seed(7, 6)
    with pytest.raises(KeyboardInterrupt):
        run(1000, task=counting_task, checkpoint=tmp_path)
    assert sorted(p.name for p in tmp_path.glob("batch_*.npz")) == [
        f"batch_{i:06d}.npz" for i in range(6)]
    assert not list(tmp_path.glob(".*tmp"))
    CALLS.clear()
    resumed = run(1000, task=counting_task, checkpoint=tmp_path)
    assert CALLS == [batch_seed(7, i) for i in range(6, 10)]
    assert resumed.n_loaded == 6
    assert_identical(resumed, ref)
    CALLS.clear()  # a finished run is only read back
    again = run(1000, task=counting_task, checkpoint=tmp_path)
    assert CALLS == [] and again.n_loaded == 10
    assert_identical(again, ref)


def test_extending_through_the_checkpoint(tmp_path):
    run(450, task=counting_task, checkpoint=tmp_path)  # batches 0-3 full, batch 4 has 50
    CALLS.clear()
    ext = run(1000, task=counting_task, checkpoint=tmp_path)
    assert CALLS == [batch_seed(7, i) for i in range(4, 10)]  # the short batch 4 is redone
    assert_identical(ext, run(1000))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["n_total"] == 1000 and manifest["batch_size"] == 100
    assert manifest["root_seed"] == 7 and manifest["fingerprint"] == config_fingerprint(CFG)
    assert "natal_version" in manifest


def test_corrupt_batch_file_is_recomputed(tmp_path):
    ref = run(500, task=counting_task, checkpoint=tmp_path)
    CALLS.clear()
    (tmp_path / "batch_000002.npz").write_bytes(b"not a zip file")
    with pytest.warns(UserWarning, match="batch 2 is unreadable"):
        res = run(500, task=counting_task, checkpoint=tmp_path)
    assert CALLS == [batch_seed(7, 2)]
    assert_identical(res, ref)
    CALLS.clear()
    run(500, task=counting_task, checkpoint=tmp_path)  # the rewritten file is good again
    assert CALLS == []


@pytest.mark.parametrize("change, field", [
    ({"root_seed": 8}, "root_seed"),
    ({"batch_size": 50}, "batch_size"),
    ({"config": ToyConfig(high=2.0)}, "config fingerprint"),
])
def test_checkpoint_of_another_run_is_refused(tmp_path, change, field):
    run(300, checkpoint=tmp_path)
    with pytest.raises(ValueError, match=f"{field}.*another checkpoint directory, or delete"):
        run(300, checkpoint=tmp_path, **change)


def test_checkpoint_without_manifest_is_refused(tmp_path):
    run(300, checkpoint=tmp_path)
    (tmp_path / "manifest.json").unlink()
    with pytest.raises(ValueError, match="no manifest.json"):
        run(300, checkpoint=tmp_path)


# ---------------------------------------------------------------------------------- fingerprints


@dataclass(frozen=True)
class WithArray:
    x: float
    grid: np.ndarray
    name: str = "a"


@dataclass(frozen=True)
class Custom:
    x: float

    def fingerprint(self):
        return f"custom-{self.x}"


def test_config_fingerprint():
    # the documented form, computed here from scratch: SHA-256 of the sorted, compact JSON of type and fields
    import hashlib
    import json

    text = json.dumps({"type": "natal.numerics.montecarlo.toy.ToyConfig",
                       "fields": {"low": 0.0, "high": 1.0, "n_bins": 4}}, sort_keys=True, separators=(",", ":"))
    assert config_fingerprint(ToyConfig()) == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    assert config_fingerprint(ToyConfig()) == config_fingerprint(ToyConfig())
    assert config_fingerprint(ToyConfig()) != config_fingerprint(ToyConfig(high=1.0 + 2**-52))
    assert config_fingerprint(ToyConfig(n_bins=4)) != config_fingerprint(ToyConfig(n_bins=4.0))
    a = config_fingerprint(WithArray(0.1, np.arange(3.0)))
    assert a == config_fingerprint(WithArray(0.1, np.arange(3.0)))
    assert a != config_fingerprint(WithArray(0.1, np.arange(3)))  # dtype counts
    assert a.startswith("sha256:")
    assert config_fingerprint(Custom(1.5)) == "custom-1.5"
    with pytest.raises(TypeError, match="fingerprint"):
        config_fingerprint({"x": 1})
    with pytest.raises(TypeError, match="fingerprint"):
        config_fingerprint(WithArray(0.1, np.arange(3.0), name=object()))


# -------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("kw, name", [
    ({"n_total": 0}, "n_total"), ({"n_total": 1.5}, "n_total"), ({"n_total": True}, "n_total"),
    ({"batch_size": 0}, "batch_size"), ({"batch_size": 10.0}, "batch_size"),
    ({"root_seed": -1}, "root_seed"), ({"root_seed": 1.0}, "root_seed"),
    ({"workers": 0, "scheduler": "local"}, "workers"),
    ({"workers": 2}, "workers"),  # only with scheduler='local'
    ({"scheduler": "lcoal"}, "scheduler"),
])
def test_bad_input_names_the_parameter(kw, name):
    args = {"n_total": 100, "batch_size": 10, "root_seed": 0, "progress": False, **kw}
    with pytest.raises(ValueError, match=f"^{name} "):
        run_batches(toy_task, CFG, args.pop("n_total"), **args)


def bad_task(config, seed, n):
    return {"x": 1.0} if seed == batch_seed(0, 0) else {"x": np.zeros(2)}


def test_bad_task_output():
    with pytest.raises(TypeError, match="dict"):
        run(10, task=lambda c, s, n: [1.0], progress=False)
    with pytest.raises(ValueError, match="reserved|must be an identifier"):
        run(10, task=lambda c, s, n: {"__n__": 1.0})
    with pytest.raises(TypeError, match="dtype"):
        run(10, task=lambda c, s, n: {"x": "a"})
    with pytest.raises(ValueError, match="batch 1 .* has tallies"):
        run(20, batch_size=10, root_seed=0, task=bad_task)


# ---------------------------------------------------------------------------------------- dask


@pytest.fixture(scope="module")
def dask_address():
    """One LocalCluster for this module, reached by address (the 'existing scheduler' path)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("workers", [1, 2])
def test_local_cluster_is_bit_identical_to_serial(workers):
    ref = run(2000, batch_size=150)
    before = set(multiprocessing.active_children())
    res = run(2000, batch_size=150, scheduler="local", workers=workers)
    assert_identical(res, ref)
    assert set(multiprocessing.active_children()) <= before  # the cluster was shut down


def test_existing_scheduler_extends_a_checkpoint_without_rewriting(tmp_path, dask_address):
    run(450, checkpoint=tmp_path, scheduler=dask_address)
    stats = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
             for p in tmp_path.glob("batch_*.npz") if p.name != "batch_000004.npz"}
    assert len(stats) == 4
    res = run(1000, checkpoint=tmp_path, scheduler=dask_address)
    assert res.n_loaded == 4
    assert_identical(res, run(1000))
    for name, st in stats.items():  # finished batches were read, not recomputed
        p = tmp_path / name
        assert (p.stat().st_ino, p.stat().st_mtime_ns) == st


def test_task_failure_on_a_worker_propagates(tmp_path, dask_address):
    with pytest.raises(RuntimeError, match="toy failure"):
        run(301, task=failing_toy_task, checkpoint=tmp_path, scheduler=dask_address)
    # the scheduler stays up for the next run, and what finished is kept and valid
    saved = len(list(tmp_path.glob("batch_*.npz")))
    res = run(300, task=failing_toy_task, checkpoint=tmp_path, scheduler=dask_address)
    assert res.n_loaded == saved
    assert_identical(res, run(300))


def test_progress_lines_keep_coming_while_a_batch_runs(capsys):
    """Without a terminal, a line every interval even when no batch finishes in it."""
    from natal.numerics.montecarlo.scheduling import ProgressLines

    bar = ProgressLines(4, 0, "slow", interval=0.05)
    time.sleep(0.6)  # one long batch: no update at all
    bar.update(1)
    bar.close()
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("  slow: ")]
    assert len(lines) >= 5 and lines[0].startswith("  slow: 0/4 batches") and lines[-1].startswith("  slow: 1/4")
