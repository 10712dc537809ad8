"""The accelerated rsfp transport against the analog walk at the physical opacity (issue 5).

One Table 1 row, 10^4 neutrinos with each scheme, every tally within 2 sigma (batch-means errors of
both runs combined).  The row is R_res = 0.8 R_c, B = 8e15 G, delta = 0.1: the shell inside the core
converts most neutrinos early, so the analog walk costs ~5e5 scatterings per neutrino instead of ~1e6
(about 8 minutes on two cores); the acceleration still has to carry the walk through the core, up to
the shell, and out through the atmosphere for the survivors.
"""

from __future__ import annotations

import math

import pytest

from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.runner import local_cluster
from natal.numerics.montecarlo.transport import KickProblem, transport_task
from natal.reproduce.rsfp import row_results

ROW = (0.8, 8e15, 0.1)
N = 10_000
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
            res = run_batches(transport_task, KickProblem(*ROW, scheme=scheme), N, batch_size=BATCH,
                              root_seed=seed, scheduler=address, progress=False)
            values = {k: res.mean_and_error(k) for k in PER_NEUTRINO}
            values.update(row_results(res))
            values["work"] = float(res.totals["analog_epochs"]) / res.n_total
            out[scheme] = values
    return out


# Measured with these seeds: crossings per neutrino, analog 1.736 +- 0.021 against accelerated 1.663 +-
# 0.018 (2.6 sigma).  Pooled over independent 1e4 runs of this row (seeds 501, 777, 1001-1003 analog;
# 502, 9, 778, 779, 2001-2004 accelerated): analog 1.7093 +- 0.0087 (chi^2 3.1 for 4 dof), accelerated
# 1.6937 +- 0.0060, a difference of 1.4 sigma.  The accelerated runs scatter 1.8 times more than their
# batch-means errors say (chi^2 21.6 for 7 dof): crossings per neutrino are heavy-tailed there, so its
# quoted error is too small; with the scatter's error the difference is 1.1 sigma.  No bias is shown,
# but this pair of seeds fails, and it stays visible as a strict xfail rather than reseeded.
KNOWN = {"crossings": "2.6 sigma with these seeds (analog 1.736 +- 0.021, accelerated 1.663 +- 0.018)"}


@pytest.mark.slow
@pytest.mark.parametrize("name", [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=KNOWN[k]))
                                  if k in KNOWN else k for k in TABLE1_COLUMNS + PER_NEUTRINO])
def test_accelerated_matches_analog_at_the_physical_opacity(runs, name):
    (a, ea), (b, eb) = runs["analog"][name], runs["accelerated"][name]
    sigma = math.hypot(ea, eb)
    assert sigma > 0
    assert abs(a - b) < 2 * sigma, f"{name}: analog {a:.5g} +- {ea:.2g}, accelerated {b:.5g} +- {eb:.2g}"


@pytest.mark.slow
def test_acceleration_replaces_most_of_the_walk(runs):
    # the epochs the accelerated scheme still follows flight by flight: ~1/9 of the analog's on this
    # row, where the shell buffer keeps most of the core analog (the time ratio is ~20)
    assert runs["accelerated"]["work"] < runs["analog"]["work"] / 5
