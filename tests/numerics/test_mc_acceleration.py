"""The accelerated rsfp transport against the analog walk at the physical opacity: the default suite's
reduced check.

The full check is the validation tier's (tests/validation/test_acceleration.py, ``python -m pytest -m
validation``): 2x10^4 analog and 4x10^4 accelerated neutrinos on the 20 Table 1 rows carried by one walk,
as natal reproduce carries them; nearly all of its time is the analog walk.  Its analog
tallies, every row with its batch-means error, are committed in validation/acceleration.json.  Here a
small accelerated run (4000 neutrinos in 160 batches) is compared
with them by the tier's own comparison (tests/conftest.py, ``mc_equivalence``): the ~320 z-scores of
the scatterings per neutrino and, per row, the 11 sums per neutrino and 5 Table 1 columns; no neutrino
lost; under a fifth of the analog walk's epochs followed.

Its bound is wider than the tier's.  The tier holds |z| below the Bonferroni bound for a family-wise
false-alarm rate of 5% (z* = 3.78); at 4000 neutrinos the tails of |z| are heavier than normal (the
crossing counts are heavy-tailed, the batch-means errors of a small run are themselves uncertain, and
the crossings on 0.8 R_c, delta = 0.5 sit 3.5% low in the tier, 2.4 sigma): of 13 unbiased samples of
4000 (ten slices of the tier's accelerated run in 16 batches each, three fresh runs in 80 batches) the
largest |z| exceeded 3.78 in three, 5.6 in the worst (16 batches), and at most 4.15 with 80 batches.  So
this check uses a family-wise rate of 0.1% (z* = 4.66) and 160 batches.

A small sample passes a small bias, so the same check is run against deliberately biased variants of
the accelerated walk and must reject each of them:

* the count of high-energy epochs between two low ones drawn with P(x < x*) of the flux-weighted
  spectrum x^3/(e^x + 1) instead of x^2/(e^x + 1) (a wrong weight factor: the counts come out ~10 times
  too long at the lowest level, the scatterings per neutrino ~7 times the analog walk's);
* the same probability 20% too low (scatterings per neutrino 22% high).

``BIASED`` records the max |z| each reached when this test was written (22 and 8, both on the
scatterings per neutrino); the test asks for at least half of it, so that it keeps the power it was
shown to have.  What it cannot see was measured too (max |z| against the stored analog walk, two seeds
each, in 20-80 batches): the per-epoch variance of the jumps doubled (3.7-4.1 at 3000-4000 neutrinos;
f_s and the sterile energy on the atmosphere rows 10-25% high), or computed with <lambda>^2 in place of
<lambda^2> (0.17-0.78 of the right one; 3.4-3.9 at 2000), jumps allowed up to the resonance shell
(shell_buffer = 0: 2.9-3.2 at 4000, crossings on the 1.5 R_c rows ~3% high), survivors of a jump placed
outwards (the radial quantiles' square roots: 2.9 at 4000, 3.3 at 2000), jump exit times halved (3.5-4.1
at 2000).  The long low-energy flights, followed exactly, carry the transport, so errors in the jumps
move the tallies by per cents: those are the tier's to find.

The variants are injected by monkeypatching natal.numerics.rsfp.transport in this process; the
batches then run in forked processes (which inherit the patch) with the runner's seeds, and a small
test checks that those batches are the runner's to the bit.
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

from natal.numerics.rsfp import kernels, transport
from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.results import BatchResults
from natal.numerics.montecarlo.seeds import batch_seed
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
        table[:, kernels.L_PSTAR] = [quad(f3, 0.0, x)[0] / norm for x in table[:, kernels.L_X]]
        return table, inner
    return levels


def _p_star_low(original):
    def levels(*args):
        table, inner = original(*args)
        table = table.copy()
        table[:, kernels.L_PSTAR] *= 0.8
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
