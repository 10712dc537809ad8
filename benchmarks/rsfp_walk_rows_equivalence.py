"""The accelerated rsfp walk against the analog walk on every row Table 1's walk carries, every row tally.

    python benchmarks/rsfp_walk_rows_equivalence.py [--n-analog 2000] [--n-accelerated 8000] [--workers 2]
                                                    [--out benchmarks/results/rsfp_walk_rows_equivalence.json]

The validation tier (tests/validation) compares the two schemes on the 20 printed rows; `natal reproduce
--paper rsfp` carries 185 more rows on the same walk (natal.papers.rsfp.reproduce.table1_walk_rows: the
crossing orders k = 1, 2, 3, 5, delta in R_res, the Eq. 6 variant) and tallies the regime diagnostics
for them.  Rows past their k crossings no longer keep the jumps away from their shell, so the crossing-
order rows are where the accelerated scheme differs from the one the tier validated.  Both schemes run
every row on one walk per neutrino, in 20 batches each; every per-row tally (kernels.ROW_TALLIES but n
and lost) of every row is compared, z = (accelerated - analog) / combined batch-means error, and the
comparison is placed in its correlated null distribution (numerics.montecarlo.equivalence): how often
an unbiased pair gives as many |z| beyond 2, or one as large.  A check at reduced statistics: it bounds
gross errors of the scheme on these rows, not biases of a few per cent.  On the six rows where a bias
would show (SENSITIVE, at every crossing order and unit of delta) it also reports, per tally behind the
new tables, the largest bound on the relative bias, (|difference| + 2 sigma) / |analog|.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.equivalence import correlated_null
from natal.numerics.rsfp import kernels
from natal.numerics.rsfp.transport import KickRows, transport_task
from natal.papers.rsfp.reproduce import table1_walk_rows

HERE = Path(__file__).resolve().parent
SEEDS = {"analog": 811, "accelerated": 812}
BATCHES = 20
#: the rows where a bias of the acceleration would show (issue 22 item 6; the validation tier's rule):
#: the four 0.8 R_c rows and the atmosphere rows with the most crossings per neutrino on 1.3 and 1.5 R_c
SENSITIVE = ((0.8, 8e15, 0.1), (0.8, 8e15, 0.2), (0.8, 8e15, 0.3), (0.8, 8e15, 0.5), (1.3, 6e15, 0.6),
             (1.5, 4e15, 0.5))
#: the tallies behind the new tables' columns, for the relative bounds
BOUNDED = ("n_sterile", "E_sterile", "Ez_sterile", "uz_sterile", "x_sterile", "first_conversions", "n_active",
           "r_active", "active_inside", "E_active", "Ez_active", "crossings")


def compare(runs: dict, rows: tuple) -> dict:
    """Every row tally of every row, analog against accelerated, and the correlated null."""
    names = [k for k in kernels.ROW_TALLIES.names if k not in ("n", "lost")]
    z, reference, candidate, labels = [], [], [], []
    for name in names:
        va, ea = runs["analog"].mean_and_error(name)
        vb, eb = runs["accelerated"].mean_and_error(name)
        ca, cb = runs["analog"].contributions(name), runs["accelerated"].contributions(name)
        for i, q in enumerate(rows):
            sigma = float(np.hypot(ea[i], eb[i]))
            if sigma > 0:  # a tally neither run ever adds to (no conversions on the row) compares nothing
                z.append((vb[i] - va[i]) / sigma)
                reference.append(ca[:, i])
                candidate.append(cb[:, i])
                labels.append({"rres_rc": q.rres_rc, "B_G": q.B_G, "delta": q.delta, "delta_unit": q.delta_unit,
                               "k": q.max_crossings or "all", "gamma_coefficient": q.gamma_coefficient,
                               "tally": name})
    bounds = {}
    for name in BOUNDED:
        va, ea = runs["analog"].mean_and_error(name)
        vb, eb = runs["accelerated"].mean_and_error(name)
        for i, q in enumerate(rows):
            if (q.rres_rc, q.B_G, q.delta) not in SENSITIVE or not abs(va[i]) > 5 * ea[i]:
                continue  # a relative bound needs a reference clear of zero
            bound = (abs(vb[i] - va[i]) + 2 * float(np.hypot(ea[i], eb[i]))) / abs(va[i])
            worst = bounds.get(name)
            if worst is None or bound > worst["rel_bound_2sigma"]:
                bounds[name] = {"rel_bound_2sigma": round(bound, 4), "rel_diff": round(float((vb[i] - va[i]) / abs(va[i])), 4),
                                "row": [q.rres_rc, q.B_G, q.delta, q.delta_unit, q.max_crossings or "all"]}
    z = np.array(z)
    null = correlated_null(np.stack(reference, axis=1), np.stack(candidate, axis=1), z)
    order = np.argsort(-np.abs(z))
    return {"m": int(z.size), "max_abs_z": float(np.abs(z).max()), "fraction_abs_z_above_2": float((np.abs(z) > 2).mean()),
            "largest": [{**labels[j], "z": round(float(z[j]), 2)} for j in order[:10]],
            "correlated_null": null.as_dict(),
            "sensitive_rows_largest_relative_bound": bounds,
            "lost": float(sum(r.totals["lost"].sum() for r in runs.values()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-analog", type=int, default=2000)
    parser.add_argument("--n-accelerated", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rsfp_walk_rows_equivalence.json")
    args = parser.parse_args(argv)
    for name in ("n_analog", "n_accelerated", "workers"):
        if getattr(args, name) < (BATCHES if name != "workers" else 1):
            parser.error(f"--{name.replace('_', '-')} must be at least {BATCHES if name != 'workers' else 1}")
    rows = table1_walk_rows()
    runs, seconds = {}, {}
    for scheme, n in (("analog", args.n_analog), ("accelerated", args.n_accelerated)):
        t0 = time.perf_counter()
        runs[scheme] = run_batches(transport_task, KickRows(tuple(replace(q, scheme=scheme) for q in rows)), n,
                                   batch_size=n // BATCHES, root_seed=SEEDS[scheme], scheduler="local",
                                   workers=args.workers, progress=os.environ.get("NATAL_NO_PROGRESS") is None,
                                   description=f"{scheme} walk, {len(rows)} rows")
        seconds[scheme] = round(time.perf_counter() - t0, 1)
    result = compare(runs, rows)
    commit = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    out = {"command": "python benchmarks/rsfp_walk_rows_equivalence.py" + "".join(
               f" --{k.replace('_', '-')} {getattr(args, k)}" for k in ("n_analog", "n_accelerated", "workers")),
           "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "commit": commit,
           "machine": {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
                       "load_average_after": [round(x, 2) for x in os.getloadavg()]},
           "rows": len(rows), "neutrinos": {"analog": args.n_analog, "accelerated": args.n_accelerated},
           "seeds": SEEDS, "seconds": seconds, **result}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")
    null = result["correlated_null"]
    print(f"{len(rows)} rows, {result['m']} comparisons: max |z| {result['max_abs_z']:.2f}, "
          f"{100 * result['fraction_abs_z_above_2']:.1f}% beyond 2 sigma; an unbiased pair gives at least that "
          f"fraction with probability {null['p_fraction']:.2f}, that max |z| with {null['p_max']:.2f}; "
          f"lost {result['lost']:.0f}")
    for name, b in result["sensitive_rows_largest_relative_bound"].items():
        print(f"  {name}: relative bias within {100 * b['rel_bound_2sigma']:.1f}% on every sensitive row "
              f"(largest on {b['row']}, difference {100 * b['rel_diff']:+.1f}%)")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
