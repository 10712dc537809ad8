"""Speed of the rsfp Monte Carlo: analog scatterings per second per core, the acceleration's speed-up at
the proto-neutron star's optical depths, and the wall time of all 20 Table 1 rows.

    python benchmarks/rsfp_transport.py [--row 1.5,4e15,0.4] [--n-analog 40] [--n-accelerated 4000]
                                        [--table-n 400000] [--workers 2] [--sharing-n 200] [--skip-table]
                                        [--out benchmarks/results/rsfp_transport.json]

Measured in one run, after a warm-up call has compiled (or loaded) the Numba kernels:

* ``analog``: ``n_analog`` neutrinos of one Table 1 row (default the Fig. 1 row: R_res = 1.5 R_c,
  B = 4e15 G, delta = 0.4) in this process on one core: real scatterings per second and seconds per
  neutrino;
* ``accelerated``: ``n_accelerated`` neutrinos of the same row, the same way: seconds per neutrino,
  the speed-up (analog seconds per neutrino over accelerated), and both schemes' N(nu_s)/N and
  scatterings per neutrino side by side, so that the speed is for the same physics.  The row's optical
  depths are reported with them: the radial optical depth from the centre at the mean thermal energy
  and the analog's mean number of scatterings per neutrino;
* ``sharing``: the 20 rows carried by one walk per neutrino (``KickRows``) against each row on walks
  of its own, ``sharing_n`` neutrinos each, serial on one core: the speed-up of carrying them together;
* ``table``: all 20 rows at ``table_n`` neutrinos each (default the paper's 4e5) on one local dask
  cluster of ``workers`` single-threaded workers, as ``natal reproduce --paper rsfp --full
  --no-variants`` runs them (one walk per neutrino for all rows, batches of 1e4): the wall time beside
  the issue's goal (20 minutes on 2 cores).  With ``table_n`` below 4e5 the projection to 4e5 (linear in n) is reported
  too, and labelled as such.

The JSON written to ``--out`` holds machine information (benchmarks/run.py's ``machine()``), every
measurement and the ratios; the table printed is the same data.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import math
import os
import time
from pathlib import Path

from natal.derivations.printed.rsfp_data import TABLE1, TRANSPORT
from natal.numerics.montecarlo import local_cluster, run_batches
from natal.numerics.rsfp import kernels
from natal.numerics.rsfp.transport import (
    MEAN_THERMAL_X, KickProblem, KickRows, kernel_parameters, transport_task,
)
from natal.papers.rsfp.reproduce import Statistics, table1_problem

HERE = Path(__file__).resolve().parent
GOAL_TABLE_SECONDS = 20 * 60  # the goal for 20 rows at 4e5 on 2 cores
SEED = 20010


def _runner_helpers():
    """benchmarks/run.py, for its machine() (loaded by path: benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("natal_benchmark_runner", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed_batch(problem: KickProblem, n: int) -> tuple[float, dict[str, float]]:
    t0 = time.perf_counter()
    tallies = transport_task(problem, SEED, n)
    return time.perf_counter() - t0, tallies


def central_optical_depth(problem: KickProblem) -> float:
    """Radial optical depth from the centre to infinity at the mean thermal energy of the core."""
    E = MEAN_THERMAL_X * problem.model.T0_MeV
    return float(kernels.optical_depth(0.0, E, kernel_parameters(problem)))


def schemes(row: tuple[float, float, float], n_analog: int, n_accelerated: int) -> dict:
    """Analog and accelerated on one row, serial, one core."""
    out = {"row": dict(zip(("rres_rc", "B_G", "delta"), row))}
    for scheme, n in (("analog", n_analog), ("accelerated", n_accelerated)):
        problem = KickProblem(*row, scheme=scheme)
        transport_task(problem, SEED + 1, 1)  # compile or load the kernel
        seconds, t = _timed_batch(problem, n)
        out[scheme] = {
            "n": n, "seconds": seconds, "seconds_per_neutrino": seconds / n,
            "fs": t["n_sterile"] / n, "scatterings_per_neutrino": t["scatterings"] / n,
            "analog_epochs_per_neutrino": t["analog_epochs"] / n, "jumps_per_neutrino": t["jumps"] / n,
        }
        if scheme == "analog":
            out[scheme]["scatterings_per_second_per_core"] = t["scatterings"] / seconds
    out["central_optical_depth_at_mean_energy"] = central_optical_depth(KickProblem(*row))
    out["speedup"] = out["analog"]["seconds_per_neutrino"] / out["accelerated"]["seconds_per_neutrino"]
    return out


def table(n_per_row: int, workers: int) -> dict:
    """All 20 rows, as the full reproduction runs them (one walk per neutrino carries every row), on
    one local cluster."""
    stats = Statistics.full(workers=workers)
    batch = min(stats.batch_size, n_per_row)
    t0 = time.perf_counter()
    with local_cluster(workers) as address:
        start_up = time.perf_counter() - t0
        res = run_batches(transport_task, KickRows(tuple(table1_problem(row) for row in TABLE1)), n_per_row,
                          batch_size=batch, root_seed=stats.seed, scheduler=address, description="Table 1",
                          progress=os.environ.get("NATAL_NO_PROGRESS") is None)
    wall = time.perf_counter() - t0
    fs = res.totals["n_sterile"] / res.n_total
    rows = [{"rres_rc": row["rres_rc"], "B_G": row["B_G"], "delta": row["delta"], "fs": float(f)}
            for row, f in zip(TABLE1, fs)]
    paper_n = int(TRANSPORT["n_neutrinos"])
    out = {"n_per_row": n_per_row, "workers": workers, "batch_size": batch, "cluster_start_seconds": start_up,
           "wall_seconds": wall, "rows": rows, "goal_seconds_at_4e5": GOAL_TABLE_SECONDS,
           "walk_per_neutrino": {k: float(res.totals[k]) / res.n_total for k in kernels.WALK_TALLIES.names}}
    if n_per_row != paper_n:
        out["projected_wall_seconds_at_4e5"] = start_up + (wall - start_up) * paper_n / n_per_row
    return out


def sharing(n: int) -> dict:
    """The 20 rows on one walk per neutrino against each row on walks of its own, ``n`` neutrinos each,
    serial on one core: the speed-up from carrying the rows together."""
    problems = tuple(table1_problem(row) for row in TABLE1)
    transport_task(KickRows(problems), SEED, 1)  # compile or load
    t0 = time.perf_counter()
    transport_task(KickRows(problems), SEED, n)
    together = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i, problem in enumerate(problems):
        transport_task(problem, SEED + i, n)
    alone = time.perf_counter() - t0
    return {"n": n, "seconds_one_walk": together, "seconds_separate_walks": alone, "speedup": alone / together}


def _summary(result: dict) -> str:
    s = result["schemes"]
    a, b = s["analog"], s["accelerated"]
    lines = [
        f"row R_res = {s['row']['rres_rc']:g} R_c, B = {s['row']['B_G']:.0e} G, delta = {s['row']['delta']:g}; "
        f"central optical depth at <E>: {s['central_optical_depth_at_mean_energy']:.3g}",
        f"{'scheme':>12} {'n':>7} {'s/neutrino':>11} {'N(nu_s)/N':>10} {'scatterings/nu':>15}",
    ]
    for name, m in (("analog", a), ("accelerated", b)):
        lines.append(f"{name:>12} {m['n']:7d} {m['seconds_per_neutrino']:11.3e} {m['fs']:10.3f} "
                     f"{m['scatterings_per_neutrino']:15.4g}")
    lines.append(f"analog: {a['scatterings_per_second_per_core'] / 1e6:.2f} million scatterings per second per core")
    lines.append(f"acceleration speed-up: {s['speedup']:.0f}x")
    t = result.get("table")
    if t:
        lines.append(f"20 rows x {t['n_per_row']} neutrinos on {t['workers']} workers: {t['wall_seconds']:.0f} s "
                     f"(goal at 4e5: {t['goal_seconds_at_4e5']} s)")
        if "projected_wall_seconds_at_4e5" in t:
            lines.append(f"  projected to 4e5 per row: {t['projected_wall_seconds_at_4e5']:.0f} s")
    c = result.get("sharing")
    if c:
        lines.append(f"20 rows on one walk against a walk per row ({c['n']} neutrinos, one core): "
                     f"{c['seconds_one_walk']:.1f} s against {c['seconds_separate_walks']:.1f} s, {c['speedup']:.1f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--row", default="1.5,4e15,0.4", help="R_res/R_c,B_G,delta of the scheme comparison")
    parser.add_argument("--n-analog", type=int, default=40)
    parser.add_argument("--n-accelerated", type=int, default=4000)
    parser.add_argument("--table-n", type=int, default=int(TRANSPORT["n_neutrinos"]))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sharing-n", type=int, default=200, help="neutrinos of the one-walk/separate-walks comparison")
    parser.add_argument("--skip-table", action="store_true", help="only the one-core scheme comparison")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rsfp_transport.json")
    args = parser.parse_args(argv)
    row = tuple(float(v) for v in args.row.split(","))
    if len(row) != 3 or not all(math.isfinite(v) for v in row):
        parser.error(f"--row must be R_res/R_c,B_G,delta, got {args.row!r}")
    for name in ("n_analog", "n_accelerated", "table_n", "workers", "sharing_n"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be a positive integer")

    result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "machine": _runner_helpers().machine(),
              "schemes": schemes(row, args.n_analog, args.n_accelerated),
              "sharing": sharing(args.sharing_n)}
    if not args.skip_table:
        result["table"] = table(args.table_n, args.workers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(_summary(result))
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
