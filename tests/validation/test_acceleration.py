"""The accelerated rsfp transport against the analog walk on all 20 Table 1 rows, at full statistics.

This is the production configuration (natal.papers.rsfp.reproduce carries the 20 rows on one walk per
neutrino, ``KickRows``): 2x10^4 analog and 4x10^4 accelerated neutrinos, every tally of every row
compared (nearly all of the time is the analog walk).  The four 0.8 R_c rows are the
sensitive ones: neutrinos cross that shell up to ~40 times (delta = 0.5) and jumps come closest to it.

Criterion (tests/conftest.py, ``mc_equivalence.compare``): each |z| = |accelerated - analog| /
sqrt(err_a^2 + err_b^2) below the Bonferroni bound z* = Phi^-1(1 - 0.025/m) over the m ~ 320
comparisons (a family-wise false-alarm rate of 5% for an unbiased scheme), no neutrino lost, and the
accelerated walk following under a fifth of the analog walk's epochs.  The comparisons are correlated
(rows share one walk; a tally and its redshifted copy move together), so the count of |z| above 2 is
judged against the null distribution the two runs' batches give (numerics.montecarlo.equivalence):
an unbiased pair must not be unusual, at 5%, in either the count of |z| beyond 2 or the largest |z|.
Every z, and per row the
difference with a bound on the bias (|difference| + 2 sigma), go to validation/acceleration.json, with
the analog run's tallies:
the default suite's reduced check (tests/numerics/test_mc_acceleration.py) holds a small accelerated run
to the same criterion against them.
"""

from __future__ import annotations

import pytest

from natal.numerics.montecarlo import run_batches
from natal.numerics.rsfp.transport import transport_task

pytestmark = pytest.mark.validation

N = {"analog": 20_000, "accelerated": 40_000}
BATCH = 250
SEEDS = {"analog": 7111, "accelerated": 7112}
SOURCES = ("numerics/rsfp/kernels.py", "numerics/rsfp/transport.py", "numerics/montecarlo/diffusion.py",
           "numerics/montecarlo/sampling.py", "numerics/rsfp/opacity.py", "numerics/rsfp/pns.py")
#: the tallies reported per sensitive row in the results' summary
SUMMARY_TALLIES = ("fs", "dp_s", "dp_tau", "dp_total", "crossings", "inward_conversions", "E_active")


@pytest.fixture(scope="module")
def runs(scale, checkpoints, mc_equivalence):
    out, contributions = {}, {}
    for scheme, seed in SEEDS.items():
        n = max(int(round(N[scheme] * scale)), 16)
        res = run_batches(transport_task, mc_equivalence.problem(scheme), n, batch_size=min(BATCH, max(n // 16, 1)),
                          root_seed=seed, scheduler="local", workers=2, progress=True,
                          checkpoint=checkpoints / f"acceleration-{scheme}-{seed}", description=f"{scheme} walk")
        out[scheme] = {**mc_equivalence.summarise(res), "seed": seed, "seconds": round(res.seconds, 1),
                       "batches_from_checkpoint": res.n_loaded}
        contributions[scheme] = mc_equivalence.contributions(res)
    return out, contributions


def test_accelerated_matches_analog_on_all_table1_rows(runs, record, source_hash, mc_equivalence):
    runs, contributions = runs
    check = mc_equivalence.compare(runs["analog"], runs["accelerated"],
                                   contributions=(contributions["analog"], contributions["accelerated"]))
    unusual = check.null["p_fraction"] < 0.05 or check.null["p_max"] < 0.05
    work_ratio = runs["accelerated"]["analog_epochs_per_neutrino"] / runs["analog"]["analog_epochs_per_neutrino"]

    def brief(c):
        out = {"z": round(c["z"], 2), "diff": float(f"{c['diff']:.3g}"),
               "bound_2sigma": float(f"{c['bound_2sigma']:.3g}")}
        if c["rel_diff"] is not None:
            out.update(rel_diff=round(c["rel_diff"], 4), rel_bound_2sigma=round(c["rel_bound_2sigma"], 4))
        return out

    summary = {f"{r[0]} R_c, {r[1]:.0e} G, delta {r[2]}": {
        c["tally"]: brief(c) for c in check.comparisons
        if c["row"] == list(r) and c["z"] is not None and c["tally"] in SUMMARY_TALLIES} for r in mc_equivalence.rows()}
    record("acceleration", {
        "what": "accelerated vs analog rsfp walk, all 20 Table 1 rows on one walk per neutrino (KickRows), every "
                "tally; z = (accelerated - analog) / combined batch-means error; 'reference' is the analog run, "
                "'candidate' the accelerated one",
        "sources_sha256": source_hash(*SOURCES),
        "analog_settings": mc_equivalence.analog_settings(),
        "criterion": f"|z| < z* = {check.z_star:.3f} on each of {check.m} comparisons (Bonferroni, family-wise 5%); "
                     "neither the count of |z| > 2 nor the largest |z| unusual at 5% for an unbiased pair with these "
                     "runs' correlations (correlated_null); no neutrino lost; accelerated analog epochs < 1/5 of "
                     "the analog walk's",
        "passed": check.passed and not unusual and work_ratio < 0.2,
        "z_star": check.z_star,
        "max_abs_z": check.max_abs_z,
        "worst": check.worst,
        "fraction_abs_z_above_2": check.fraction_above_2,
        "correlated_null": check.null,
        "work_ratio": work_ratio,
        "summary_by_row": summary,
        "analog": runs["analog"],
        "accelerated": runs["accelerated"],
        "comparisons": check.comparisons,
    })
    assert check.passed, mc_equivalence.describe(check)
    assert not unusual, f"unusual for an unbiased scheme: {check.null}"
    assert work_ratio < 0.2, f"the accelerated walk follows {work_ratio:.3f} of the analog walk's epochs"
