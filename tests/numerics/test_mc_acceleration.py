"""The accelerated rsfp transport against the analog walk at the physical opacity: the default suite's
reduced check of the validation tier (tests/validation/test_acceleration.py).

A small accelerated run (4000 neutrinos in 160 batches) is compared, by the tier's own comparison
(tests/conftest.py, ``mc_equivalence``), with the tier's analog run stored in validation/acceleration.json:
every tally of every row within a Bonferroni bound, no neutrino lost, under a fifth of the analog walk's
epochs followed.  The family-wise false-alarm rate is 0.1% rather than the tier's 5%, because a small
run's |z| has heavier tails (docs/rsfp.md gives the measurements behind that choice).

A small sample passes a small bias, so the same check must reject deliberately biased variants of the
accelerated walk (``BIASED``: p* from the flux-weighted spectrum x^3/(e^x + 1), and p* 20% low), each
reaching at least half the max |z| it reached when the test was written.  The variants are injected by
monkeypatching natal.numerics.rsfp.transport; the batches then run in forked processes (which inherit
the patch) with the runner's seeds, and a small test checks that those batches are the runner's to the bit.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

import numpy as np
import pytest
from scipy.integrate import quad

from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.results import BatchResults
from natal.numerics.montecarlo.seeds import batch_seed
from natal.numerics.rsfp import transport
from natal.numerics.rsfp.transport import transport_task

REFERENCE = Path(__file__).resolve().parents[2] / "validation" / "acceleration.json"
TIER = "python -m pytest -m validation tests/validation/test_acceleration.py"
N, BATCH = 4000, 25
#: the family-wise false-alarm rate of this reduced check (the tier: 5%; the module docstring says why)
ALPHA = 0.001
SEED = 7201


def run(problem, n: int, seed: int, batch: int = BATCH, workers: int = 2) -> BatchResults:
    """``run_batches(transport_task, problem, n, batch_size=batch, root_seed=seed)`` on ``workers`` forked
    processes: they inherit this process's monkeypatches, which dask's workers would not."""
    t0 = time.perf_counter()
    k = -(-n // batch)
    sizes = np.full(k, batch, dtype=np.int64)
    sizes[-1] = n - batch * (k - 1)
    seeds = np.array([batch_seed(seed, i) for i in range(k)], dtype=np.int64)
    transport_task(problem, int(seeds[0]), 1)  # compile or load the kernel before forking
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        outs = list(pool.map(transport_task, repeat(problem), seeds.tolist(), sizes.tolist()))
    per_batch = {name: np.stack([np.asarray(o[name]) for o in outs]) for name in outs[0]}
    return BatchResults(per_batch=per_batch, n_per_batch=sizes, seeds=seeds, seconds=time.perf_counter() - t0)


@pytest.fixture(scope="module")
def reference(mc_equivalence):
    """The tier's analog run, if it was made for the walk this code runs."""
    if not REFERENCE.exists():
        pytest.fail(f"{REFERENCE} is missing: run the validation tier ({TIER}) and commit its result")
    doc = json.loads(REFERENCE.read_text())
    if doc["analog_settings"] != mc_equivalence.analog_settings():
        pytest.fail(f"{REFERENCE.name} holds an analog run of other settings than the rows' KickProblem now has: "
                    f"run the validation tier ({TIER}) again and commit its result")
    return doc["analog"]


def check(reference, mc_equivalence, n: int, seed: int):
    res = run(mc_equivalence.problem("accelerated"), n, seed)
    return mc_equivalence.compare(reference, mc_equivalence.summarise(res), alpha=ALPHA)


def test_forked_batches_are_the_runners_to_the_bit(mc_equivalence):
    problem = mc_equivalence.problem("accelerated")
    ours = run(problem, 6, 99, batch=2)
    theirs = run_batches(transport_task, problem, 6, batch_size=2, root_seed=99, progress=False)
    assert ours.per_batch.keys() == theirs.per_batch.keys()
    for name, value in theirs.per_batch.items():
        assert np.array_equal(ours.per_batch[name], value), name


@pytest.mark.slow
def test_accelerated_matches_the_tiers_analog_walk(reference, mc_equivalence):
    res = run(mc_equivalence.problem("accelerated"), N, SEED)
    result = mc_equivalence.compare(reference, mc_equivalence.summarise(res), alpha=ALPHA)
    hint = (f"\nIf the analog walk's physics changed, the stored reference is stale: run the tier ({TIER}) and "
            "commit validation/acceleration.json.")
    print(f"unbiased: max |z| = {result.max_abs_z:.2f} ({result.worst['row']} {result.worst['tally']}), "
          f"z* = {result.z_star:.3f}")
    assert result.passed, mc_equivalence.describe(result) + hint
    work = float(res.totals["analog_epochs"]) / res.n_total
    assert work < reference["analog_epochs_per_neutrino"] / 5


# --- deliberately biased variants: each must be rejected by the same check -----------------------

def _flux_weighted_p_star(original):
    def levels(*args):
        table, inner = original(*args)
        table = table.copy()
        f3 = lambda x: x**3 * math.exp(-x) / (1.0 + math.exp(-x))  # noqa: E731
        norm = quad(f3, 0.0, 80.0)[0]
        table["p_star"] = [quad(f3, 0.0, x)[0] / norm for x in table["x_star"]]
        return table, inner
    return levels


def _p_star_low(original):
    def levels(*args):
        table, inner = original(*args)
        table = table.copy()
        table["p_star"] *= 0.8
        return table, inner
    return levels


#: name: (the attribute of natal.numerics.rsfp.transport replaced, its replacement made from the
#: original, neutrinos run, the max |z| this variant reached when the test was written)
BIASED = {
    "p_star_of_the_flux_spectrum": ("acceleration_levels", _flux_weighted_p_star, 1000, 22.3),
    "p_star_20_percent_low": ("acceleration_levels", _p_star_low, 3000, 8.1),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BIASED))
def test_the_check_rejects_a_biased_scheme(reference, mc_equivalence, monkeypatch, name):
    attr, replace, n, rejected_at = BIASED[name]
    monkeypatch.setattr(transport, attr, replace(getattr(transport, attr)))
    result = check(reference, mc_equivalence, n, SEED + 1 + list(BIASED).index(name))
    w = result.worst
    print(f"{name}: max |z| = {result.max_abs_z:.2f} ({w['row']} {w['tally']}), z* = {result.z_star:.3f}")
    assert not result.passed, f"{name} passed the check: max |z| = {result.max_abs_z:.2f} < z* = {result.z_star:.3f}"
    assert result.max_abs_z >= max(result.z_star, 0.5 * rejected_at)
