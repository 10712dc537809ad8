"""The accelerated rsfp walk against the analog walk in a star ten times thinner, where the analog walk
is cheap enough to resolve biases of a few tenths of a per cent.

At the physical opacity the analog walk costs ~10^6 scatterings per neutrino, so the all-rows check
(test_acceleration.py) resolves f_s to about a per cent per row.  Here the core radius is R_c / S with
S = THINNER (the opacity per unit length is the same, every optical depth S times smaller, ~S^2 fewer
scatterings) and every field B sqrt(S), which keeps Eq. 6's gamma ~ B^2 l_rho / rho, and so the
conversion probabilities, as they are.  The scheme is the production one, unchanged: the same levels,
shell buffer, gradient limit and minimum sphere; fewer of its spheres clear their minimum size here, so
it follows more of the walk flight by flight and jumps less.  So this checks the scheme's mechanics (the
exact count of high epochs, the levels' switching, the jumps' exit and survivor laws, the drift) at
2x10^5 neutrinos each; what it cannot check is a bias that grows with the number of
jumps per neutrino, which the physical-opacity checks bound.

The 20 printed rows on one walk, every tally of every row and the Table 1 columns (the all-rows
check's comparison, tests/conftest.py), under the same criterion: each |z| below the Bonferroni bound
for a family-wise rate of 5%, neither the count of |z| beyond 2 nor the largest |z| unusual at 5% for
an unbiased pair with these runs' correlations, no neutrino lost.  Results, with each row's relative
difference and its 2-sigma bound, in validation/acceleration_thin.json.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from natal.numerics.rsfp.pns import PNSModel
from natal.numerics.rsfp.transport import KickRows

pytestmark = pytest.mark.validation

THINNER = 10.0
N = {"analog": 200_000, "accelerated": 200_000}
BATCH = 5000
SEEDS = {"analog": 7121, "accelerated": 7122}
#: the tallies whose relative bias per row the results summarise
SUMMARY_TALLIES = ("fs", "crossings", "inward_conversions", "E_active", "dp_s", "dp_tau", "dp_total")


def thin_problem(mc_equivalence, scheme: str) -> KickRows:
    """The 20 printed rows in the thinner star: R_c / THINNER, every field x sqrt(THINNER)."""
    paper = PNSModel.paper()
    model = PNSModel.paper(R_c_cm=paper.R_c_cm / THINNER)
    printed = mc_equivalence.walk_rows(scheme)[:len(mc_equivalence.rows())]
    return KickRows(tuple(dataclasses.replace(q, model=model, B_G=q.B_G * math.sqrt(THINNER)) for q in printed))


def test_thin_problem_keeps_the_conversions_and_thins_the_star(mc_equivalence):
    from natal.numerics.rsfp.transport import kernel_parameters

    thick = mc_equivalence.problem("analog").problems[0]
    thin = thin_problem(mc_equivalence, "analog").problems[0]
    p_thick, p_thin = kernel_parameters(thick), kernel_parameters(thin)
    assert math.isclose(p_thin["K0"], p_thick["K0"] / THINNER, rel_tol=1e-12)
    # Eq. 6: gamma ~ B^2 l_rho / rho, with l_rho ~ R_c
    assert math.isclose(thin.B_G ** 2 * thin.model.R_c_cm, thick.B_G ** 2 * thick.model.R_c_cm, rel_tol=1e-12)


@pytest.fixture(scope="module")
def runs(scheme_runs, mc_equivalence):
    return scheme_runs(lambda scheme: thin_problem(mc_equivalence, scheme), N, SEEDS, BATCH, "acceleration-thin",
                       f", R_c / {THINNER:g}")


def test_accelerated_matches_analog_in_a_thinner_star(runs, record, transport_hash, mc_equivalence):
    runs, check, work_ratio = mc_equivalence.compare_runs(runs)
    unusual = mc_equivalence.unusual(check)
    summary = {}
    for c in check.comparisons:
        if c["row"] == "walk" or c["z"] is None or c["tally"] not in SUMMARY_TALLIES:
            continue
        entry = {"z": round(c["z"], 2), "diff": float(f"{c['diff']:.3g}")}
        if c["rel_diff"] is not None:
            entry.update(rel_diff=round(c["rel_diff"], 4), rel_bound_2sigma=round(c["rel_bound_2sigma"], 4))
        summary.setdefault(f"{c['row'][0]} R_c, {c['row'][1]:.0e} G, delta {c['row'][2]}", {})[c["tally"]] = entry
    record("acceleration_thin", {
        "what": f"accelerated vs analog rsfp walk in a star {THINNER:g} times thinner (R_c / {THINNER:g}, fields x "
                f"sqrt({THINNER:g}): Eq. 6's gamma unchanged), the 20 printed rows on one walk per neutrino, every "
                "tally; z = (accelerated - analog) / combined batch-means error; rows labelled by their printed "
                "field",
        "thinner": THINNER,
        "sources_sha256": transport_hash(),
        "criterion": f"|z| < z* = {check.z_star:.3f} on each of {check.m} comparisons (Bonferroni, family-wise 5%); "
                     "neither the count of |z| > 2 nor the largest |z| unusual at 5% for an unbiased pair with these "
                     "runs' correlations (correlated_null); no neutrino lost",
        "passed": check.passed and not unusual,
        **mc_equivalence.verdict(check),
        "work_ratio": work_ratio,
        "summary_by_row": summary,
        "analog": {k: v for k, v in runs["analog"].items() if k != "rows"},
        "accelerated": {k: v for k, v in runs["accelerated"].items() if k != "rows"},
        "comparisons": check.comparisons,
    })
    assert check.passed, mc_equivalence.describe(check)
    assert not unusual, f"unusual for an unbiased scheme: {check.null}"
