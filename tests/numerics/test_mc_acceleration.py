"""The accelerated rsfp transport against the analog walk at the physical opacity (issue 5).

One Table 1 row, 2x10^4 analog and 4x10^4 accelerated neutrinos, every tally within 2 sigma
(batch-means errors of both runs combined).  The row is R_res = 0.8 R_c, B = 8e15 G, delta = 0.1: the
shell inside the core converts most neutrinos early, so the analog walk costs ~5e5 scatterings per
neutrino instead of ~1e6 (about 15 minutes on two cores); the acceleration still has to carry the walk
through the core, up to the shell, and out through the atmosphere for the survivors.

The issue asks for at least 10^4 each.  At 10^4 the analog crossings per neutrino (its first 40
batches here) came out 1.736 +- 0.021, 2.05 sigma above 2.7x10^4 analog neutrinos run apart from the
test (1.687 +- 0.011), while the accelerated scheme gave 1.680 +- 0.017 and 1.679 +- 0.010 on 4.8x10^4:
with 17 tallies each held to 2 sigma the test needs more than the minimum so that the reference's own
fluctuation does not decide it.  The analog sample dominates the error, so the accelerated one, cheap,
is twice as large.
"""

from __future__ import annotations

import math

import pytest

from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.runner import local_cluster
from natal.numerics.montecarlo.transport import KickProblem, transport_task
from natal.reproduce.rsfp import row_results

ROW = (0.8, 8e15, 0.1)
N = {"analog": 20_000, "accelerated": 40_000}
BATCH = 250
SEEDS = {"analog": 501, "accelerated": 502}
# Sums per neutrino that both schemes estimate (analog_epochs and jumps count the schemes' own work).
PER_NEUTRINO = ("n_sterile", "E_sterile", "Ez_sterile", "E_active", "Ez_active", "E_sterile_redshifted",
                "Ez_sterile_redshifted", "E_active_redshifted", "Ez_active_redshifted", "scatterings",
                "crossings", "inward_conversions")
TABLE1_COLUMNS = ("fs", "dp_s", "dp_tau", "dp_total", "dp_total_redshifted")


@pytest.fixture(scope="module")
def runs():
    out = {}
    with local_cluster(2) as address:
        for scheme, seed in SEEDS.items():
            res = run_batches(transport_task, KickProblem(*ROW, scheme=scheme), N[scheme], batch_size=BATCH,
                              root_seed=seed, scheduler=address, progress=False)
            values = {k: res.mean_and_error(k) for k in PER_NEUTRINO}
            values.update(row_results(res))
            values["work"] = float(res.totals["analog_epochs"]) / res.n_total
            out[scheme] = values
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", TABLE1_COLUMNS + PER_NEUTRINO)
def test_accelerated_matches_analog_at_the_physical_opacity(runs, name):
    (a, ea), (b, eb) = runs["analog"][name], runs["accelerated"][name]
    sigma = math.hypot(ea, eb)
    assert sigma > 0
    assert abs(a - b) < 2 * sigma, f"{name}: analog {a:.5g} +- {ea:.2g}, accelerated {b:.5g} +- {eb:.2g}"


@pytest.mark.slow
def test_acceleration_replaces_most_of_the_walk(runs):
    # the epochs the accelerated scheme still follows flight by flight, against the analog's
    assert runs["accelerated"]["work"] < runs["analog"]["work"] / 5
