"""The accelerated rsfp walk against the analog walk on the rows where its bias would show, at higher
statistics than the all-rows check (issue 22, item 6).

Rows: the four 0.8 R_c rows (the shell inside the core, crossed up to ~40 times per neutrino at
delta = 0.5, where the MRW spheres come closest to a shell) and, on each of the two innermost
atmosphere shells, the row with the most crossings per neutrino (1.3 R_c, 6e15 G, delta = 0.6: 6.7, the
most of any atmosphere row; 1.5 R_c, 4e15 G, delta = 0.5: 2.7), where a bias in the density of
neutrinos about the shell accumulates most.

Both walks carry every row of the Table 1 walk, as ``natal reproduce`` does (the jumps keep clear of
every shell where a row may still convert, so the production walk is the one to test); compared are the
six rows at every crossing order (k = 1, 2, 3, 5, all) and unit of delta (R_c, R_res) the walk carries
them with, and any other variant of them it carries -- the rows behind the crossing-order and factorial
tables.
The analog walk IS the all-rows check's (tests/validation/test_acceleration.py): the same
configuration, root seed, batch size and checkpoint folder, so the tier computes it once and this
test reuses it (alone, without that checkpoint, it runs the analog walk too; validation/README.md
has the times).
The accelerated walk is new and three times larger than the all-rows check's (1.2x10^5 neutrinos,
another root seed), so the comparison's error is nearly the analog run's alone.

Compared, per row: every per-neutrino mean of every row tally the kernel returns (kernels.ROW_TALLIES
and the totals transport_task adds, whatever their names: a tally added later, e.g. the crossing-order
counts, is compared without a change here, and one that only one run holds -- a checkpoint older than
the tally -- fails the test; tallies with more than one value per row are compared element by
element), the Table 1 columns (reproduce.row_results, whatever it returns), and the walk's scatterings
per neutrino (the walk tallies except the work counters).  Criterion: every |z| < z* = Phi^-1(1 -
0.025/m) over the m comparisons (Bonferroni, family-wise false-alarm rate 5%), no neutrino lost, and
neither the count of |z| beyond 2 nor the largest |z| unusual at 5% for an unbiased pair with these
runs' correlations (numerics.montecarlo.equivalence.correlated_null: the comparisons are strongly
correlated, the crossing orders of a row sharing its conversions).  Each comparison also gets, where
the analog value stands clear of zero, its relative difference with a 95% interval and a bound on the
bias (|relative difference| + 1.96 sigma).  Results in validation/acceleration_rows.json.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.equivalence import correlated_null
from natal.numerics.montecarlo.results import BatchResults
from natal.numerics.rsfp import kernels
from natal.numerics.rsfp.transport import transport_task
from natal.papers.rsfp.reproduce import ROW_COLUMNS, row_results

pytestmark = pytest.mark.validation

#: the compared rows (rres_rc, B_G, delta), each at every crossing order and unit of delta the walk carries
ROWS = ((0.8, 8e15, 0.1), (0.8, 8e15, 0.2), (0.8, 8e15, 0.3), (0.8, 8e15, 0.5),
        (1.3, 6e15, 0.6), (1.5, 4e15, 0.5))
#: the analog walk: test_acceleration.py's, to the batch (same n, batch size, seed and checkpoint)
ANALOG = {"n": 40_000, "batch": 250, "seed": 7111, "checkpoint": "acceleration-analog-7111"}
ACCELERATED = {"n": 120_000, "batch": 500, "seed": 7113, "checkpoint": "acceleration-rows-accelerated-7113"}
#: walk tallies that count the work done, not an estimate both schemes share
WORK_TALLIES = ("analog_epochs", "jumps")
#: tallies that are bookkeeping rather than estimates
NOT_COMPARED = ("n", "lost")
ALPHA = 0.05


def _row_view(res: BatchResults, i: int) -> BatchResults:
    """The run as row ``i`` sees it: element i of every per-row tally (of any further shape)."""
    import dataclasses

    return dataclasses.replace(res, per_batch={k: (v[:, i] if v.ndim >= 2 else v) for k, v in res.per_batch.items()})


def key(q) -> tuple:
    """A walk row's identity: (rres_rc, B_G, delta, delta_unit, max_crossings, gamma_coefficient)."""
    return (q.rres_rc, q.B_G, q.delta, q.delta_unit, q.max_crossings, q.gamma_coefficient)


def label(k: tuple) -> str:
    from natal.numerics.rsfp.transport import KickProblem

    text = f"{k[0]:g} R_c, {k[1]:.0e} G, delta {k[2]:g}" + (" R_res" if k[3] == "R_res" else "")
    text += f", k = {k[4]}" if k[4] else ""
    default = KickProblem(k[0], k[1], k[2]).gamma_coefficient
    return text + (f", Eq. 6 coefficient {k[5]:.4g}" if k[5] != default else "")


def estimates(res: BatchResults, walk: list[tuple], compared: list[tuple]) -> tuple[dict, dict]:
    """({label: {quantity: (value, err)}}, {(label, quantity): per-batch error contributions}) for the
    compared rows (keys, as ``walk`` lists the rows the run carries) and for the walk ("walk") -- every
    tally the run holds (see the module docstring), so a new tally is picked up without a change here."""
    n_rows = len(walk)
    out, contributions = {}, {}
    walk_estimates = {}
    for name, v in res.per_batch.items():
        if v.ndim == 1 and name not in WORK_TALLIES and name not in NOT_COMPARED:
            walk_estimates[name] = res.mean_and_error(name)
            contributions[("walk", name)] = res.contributions(name)
    out["walk"] = walk_estimates
    for row in compared:
        one = _row_view(res, walk.index(row))
        group = label(row)
        vals = {}
        for name, v in res.per_batch.items():
            if v.ndim < 2 or v.shape[1] != n_rows or name in NOT_COMPARED:
                continue
            mean, err = one.mean_and_error(name)
            c = one.contributions(name)
            if np.ndim(mean) == 0:
                vals[name] = (float(mean), float(err))
                contributions[(group, name)] = c
            else:  # more than one value per row: element by element, labelled name[j] / name[j,k]
                for idx in np.ndindex(np.shape(mean)):
                    tag = f"{name}[{','.join(map(str, idx))}]"
                    vals[tag] = (float(mean[idx]), float(err[idx]))
                    contributions[(group, tag)] = c[(slice(None),) + idx]
        for name, (value, err) in row_results(one).items():
            vals[name] = (value, err)
            if value is not None:
                contributions[(group, name)] = one.contributions(*ROW_COLUMNS[name])
        vals["lost"] = (float(one.totals["lost"]), 0.0)
        out[group] = vals
    return out, contributions


def compare(reference: dict, candidate: dict, alpha: float = ALPHA, contributions=None) -> dict:
    """z, difference and relative difference with its 95% interval for every quantity both runs hold;
    with ``contributions`` (the two runs' per-batch error contributions, analog first, as ``estimates``
    gives them), the comparison's place in its correlated null distribution ("null")."""
    from scipy.stats import norm

    comps = []
    for group, ref in reference.items():
        cand = candidate[group]
        for name in list(ref) + [k for k in cand if k not in ref]:
            if name == "lost":
                continue
            if name not in ref or name not in cand:
                # a tally one run has and the other lacks: a checkpoint made before the tally was added
                comps.append({"row": group, "tally": name, "z": None, "both_empty": False,
                              "missing_in": "analog" if name not in ref else "accelerated"})
                continue
            (va, ea), (vb, eb) = ref[name], cand[name]
            c = {"row": group, "tally": name, "analog": [va, ea], "accelerated": [vb, eb]}
            if None in (va, ea, vb, eb) or not all(map(math.isfinite, (va, ea, vb, eb))):
                c["z"] = None
                c["both_empty"] = va is None and vb is None
            else:
                sigma = math.hypot(ea, eb)
                c["z"] = (vb - va) / sigma if sigma > 0 else (0.0 if va == vb else math.copysign(math.inf, vb - va))
                c["diff"], c["sigma"] = vb - va, sigma
                if abs(va) > 5 * ea and va != 0:
                    rel, srel = (vb - va) / abs(va), sigma / abs(va)
                    c["rel_diff"], c["rel_ci95"] = rel, [rel - 1.96 * srel, rel + 1.96 * srel]
                    c["rel_bound95"] = abs(rel) + 1.96 * srel
            comps.append(c)
    m = sum(c["z"] is not None for c in comps)
    z_star = float(norm.isf(alpha / (2 * m)))
    failed = [c for c in comps if (c["z"] is None and not c["both_empty"])
              or (c["z"] is not None and not abs(c["z"]) < z_star)]
    scored = [c for c in comps if c["z"] is not None]
    worst = max(scored, key=lambda c: abs(c["z"]))
    null = None
    if contributions is not None:
        varied = [c for c in scored if c["sigma"] > 0]  # a tally neither run ever adds to compares nothing
        keys = [(c["row"], c["tally"]) for c in varied]
        null = correlated_null(np.stack([contributions[0][k] for k in keys], axis=1),
                               np.stack([contributions[1][k] for k in keys], axis=1),
                               np.array([c["z"] for c in varied])).as_dict()
    return {"m": m, "z_star": z_star, "max_abs_z": abs(worst["z"]), "worst": worst, "failed": failed,
            "fraction_abs_z_above_2": sum(abs(c["z"]) > 2 for c in scored) / m, "null": null,
            "comparisons": comps}


@pytest.fixture(scope="module")
def runs(scale, checkpoints, mc_equivalence, transport_hash):
    walk = [key(q) for q in mc_equivalence.walk_rows("analog")]
    compared = [k for k in walk if k[:3] in ROWS]
    hash_before = transport_hash()
    out = {}
    for scheme, cfg in (("analog", ANALOG), ("accelerated", ACCELERATED)):
        n = max(int(round(cfg["n"] * scale)), 16)
        batch = cfg["batch"] if scale == 1 else max(n // 16, 1)
        folder = cfg["checkpoint"] if scale == 1 else f"{cfg['checkpoint']}-scale{scale:g}"
        res = run_batches(transport_task, mc_equivalence.problem(scheme), n, batch_size=batch,
                          root_seed=cfg["seed"], scheduler="local", workers=2, progress=True,
                          checkpoint=checkpoints / folder, description=f"{scheme} walk")
        values, contributions = estimates(res, walk, compared)
        out[scheme] = {"estimates": values, "contributions": contributions, "n": res.n_total, "batch_size": batch,
                       "n_batches": res.n_batches, "seed": cfg["seed"], "seconds": round(res.seconds, 1),
                       "batches_from_checkpoint": res.n_loaded,
                       "analog_epochs_per_neutrino": float(res.totals["analog_epochs"]) / res.n_total,
                       "jumps_per_neutrino": float(res.totals["jumps"]) / res.n_total}
    out["sources_sha256"] = {"before": hash_before, "after": transport_hash()}
    out["compared"] = compared
    return out


def test_accelerated_matches_analog_on_the_core_and_two_atmosphere_rows(runs, record, mc_equivalence):
    check = compare(runs["analog"]["estimates"], runs["accelerated"]["estimates"],
                    contributions=(runs["analog"]["contributions"], runs["accelerated"]["contributions"]))
    unusual = check["null"]["p_fraction"] < 0.05 or check["null"]["p_max"] < 0.05
    lost = [g for g in runs["analog"]["estimates"] if g != "walk"
            and (runs["analog"]["estimates"][g]["lost"][0] or runs["accelerated"]["estimates"][g]["lost"][0])]
    by_row = {}
    for c in check["comparisons"]:
        if c["z"] is None:
            continue
        row = by_row.setdefault(c["row"], {"max_abs_z": 0.0})
        if abs(c["z"]) > row["max_abs_z"]:
            row.update(max_abs_z=round(abs(c["z"]), 2), max_abs_z_tally=c["tally"])
        if c["tally"] in ("fs", "crossings", "inward_conversions", "dp_s", "dp_tau", "dp_total"):
            brief = {"z": round(c["z"], 2), "diff": float(f"{c['diff']:.3g}")}
            if "rel_diff" in c:
                brief.update(rel_diff=round(c["rel_diff"], 4), rel_ci95=[round(x, 4) for x in c["rel_ci95"]],
                             rel_bound95=round(c["rel_bound95"], 4))
            row[c["tally"]] = brief
    changed = runs["sources_sha256"]["before"] != runs["sources_sha256"]["after"]
    record("acceleration_rows", {
        "what": "accelerated vs analog rsfp walk on the four 0.8 R_c rows and two atmosphere rows (issue 22 item "
                "6); both walks carry every row of the Table 1 walk (KickRows, as natal reproduce runs them); "
                "compared: the six rows at every crossing order and unit of delta carried, every row tally, "
                "Table 1 column and walk estimate; z = (accelerated - analog) / combined batch-means error; "
                "rel_diff relative to the analog value with its 95% interval",
        "rows": [list(r) for r in ROWS],
        "compared_rows": [label(k) for k in runs["compared"]],
        "sources_sha256": runs["sources_sha256"],
        "sources_changed_during_run": changed,
        "analog_settings": mc_equivalence.analog_settings(),
        "criterion": f"|z| < z* = {check['z_star']:.3f} on each of {check['m']} comparisons (Bonferroni, "
                     "family-wise 5%); no neutrino lost; neither the count of |z| > 2 nor the largest |z| unusual "
                     "at 5% for an unbiased pair with these runs' correlations (correlated_null)",
        "passed": not check["failed"] and not lost and not unusual,
        "z_star": check["z_star"],
        "m": check["m"],
        "max_abs_z": check["max_abs_z"],
        "worst": check["worst"],
        "fraction_abs_z_above_2": check["fraction_abs_z_above_2"],
        "correlated_null": check["null"],
        "summary_by_row": by_row,
        "analog": {k: v for k, v in runs["analog"].items() if k not in ("estimates", "contributions")},
        "accelerated": {k: v for k, v in runs["accelerated"].items() if k not in ("estimates", "contributions")},
        "comparisons": check["comparisons"],
    })
    assert not lost, f"neutrinos lost on {lost}"
    assert not check["failed"], "\n".join(
        f"{c['row']} {c['tally']}: not in the {c['missing_in']} run (a checkpoint older than the tally: delete "
        "it and run the tier again)" if "missing_in" in c else
        f"{c['row']} {c['tally']}: analog {c['analog']}, accelerated {c['accelerated']}, z = {c['z']}"
        for c in check["failed"]) + f"\n(z* = {check['z_star']:.3f} over {check['m']} comparisons)"
    assert not unusual, f"unusual for an unbiased scheme: {check['null']}"
