"""The accelerated rsfp transport against the analog walk on all 20 Table 1 rows, at full statistics.

This is the production configuration (natal.papers.rsfp.reproduce carries the 20 rows on one walk per
neutrino, ``KickRows``): 4x10^4 analog and 4x10^4 accelerated neutrinos, every tally of every row
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

pytestmark = pytest.mark.validation

N = {"analog": 40_000, "accelerated": 40_000}
BATCH = 250
SEEDS = {"analog": 7111, "accelerated": 7112}
#: the tallies reported per sensitive row in the results' summary
SUMMARY_TALLIES = ("fs", "dp_s", "dp_tau", "dp_total", "crossings", "inward_conversions", "E_active")


@pytest.fixture(scope="module")
def runs(scheme_runs, mc_equivalence):
    return scheme_runs(mc_equivalence.problem, N, SEEDS, BATCH, "acceleration", "")


def test_accelerated_matches_analog_on_all_table1_rows(runs, record, transport_hash, mc_equivalence):
    runs, check, work_ratio = mc_equivalence.compare_runs(runs)
    unusual = mc_equivalence.unusual(check)

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
        "sources_sha256": transport_hash(),
        "analog_settings": mc_equivalence.analog_settings(),
        "criterion": f"|z| < z* = {check.z_star:.3f} on each of {check.m} comparisons (Bonferroni, family-wise 5%); "
                     "neither the count of |z| > 2 nor the largest |z| unusual at 5% for an unbiased pair with these "
                     "runs' correlations (correlated_null); no neutrino lost; accelerated analog epochs < 1/5 of "
                     "the analog walk's",
        "passed": check.passed and not unusual and work_ratio < 0.2,
        **mc_equivalence.verdict(check),
        "work_ratio": work_ratio,
        "summary_by_row": summary,
        "analog": runs["analog"],
        "accelerated": runs["accelerated"],
        "comparisons": check.comparisons,
    })
    assert check.passed, mc_equivalence.describe(check)
    assert not unusual, f"unusual for an unbiased scheme: {check.null}"
    assert work_ratio < 0.2, f"the accelerated walk follows {work_ratio:.3f} of the analog walk's epochs"
