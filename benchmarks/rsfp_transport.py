"""Speed of the rsfp Monte Carlo: analog scatterings per second per core, the acceleration's speed-up at
the proto-neutron star's optical depths, and the wall time of all 20 Table 1 rows.

    python benchmarks/rsfp_transport.py [--row 1.5,4e15,0.4] [--n-analog 40] [--n-accelerated 4000]
                                        [--table-n 400000] [--workers 2] [--sharing-n 200]
                                        [--skip-table | --table-only]
                                        [--reference COMMIT | --no-reference]
                                        [--out benchmarks/results/rsfp_transport.json]

Measured in one run, after a warm-up call has compiled (or loaded) the Numba kernels:

* ``analog``: ``n_analog`` neutrinos of one Table 1 row (default the Fig. 1 row: R_res = 1.5 R_c,
  B = 4e15 G, delta = 0.4) in this process on one core: real scatterings per second per core
  (``scatterings_per_second_per_core``: the scatterings over the CPU time of the thread that ran them,
  so that other work on a shared machine does not count; the wall-clock rate is reported beside it)
  and seconds per neutrino;
* ``analog_rate`` and ``accelerated_rows``: the analog walk on that row and the accelerated walk
  carrying all 20 rows (as Table 1 runs), each with the current kernel and with the kernel module as it
  was at ``--reference`` (git show of numerics/rsfp/kernels.py at that commit, driven by today's
  inputs), in ``repeats`` alternating batches on the same seeds so that both see the same machine:
  scatterings per second per core, CPU seconds per neutrino and the current kernel's speed-up;
* ``accelerated``: ``n_accelerated`` neutrinos of the same row, the same way: seconds per neutrino,
  the speed-up (analog seconds per neutrino over accelerated), and both schemes' N(nu_s)/N and
  scatterings per neutrino side by side, so that the speed is for the same physics.  The row's optical
  depths are reported with them: the radial optical depth from the centre at the mean thermal energy
  and the analog's mean number of scatterings per neutrino;
* ``sharing``: the 20 rows carried by one walk per neutrino (``KickRows``) against each row on walks
  of its own, ``sharing_n`` neutrinos each, serial on one core: the speed-up of carrying them together;
* ``table``: Table 1 at ``table_n`` neutrinos per row (default the paper's 4e5) on one local dask
  cluster of ``workers`` single-threaded workers, as ``natal reproduce --paper rsfp --full`` runs it
  (one walk per neutrino for the 20 printed rows and the row-only choices beside them, batches of
  1e4): the wall time beside
  the issue's goal (600 s on 2 cores), and every tally of every row against the validation tier's
  stored analog walk (``against_analog``), placed in the null distribution that the correlations of
  the tallies give when the tier's analog batches are in its checkpoint folder.  With ``table_n`` below
  4e5 the projection to 4e5 (linear in n) is reported too, and labelled as such.  ``--table-only``
  runs this part alone.

The JSON written to ``--out`` holds machine information (benchmarks/run.py's ``machine()``), every
measurement and the ratios; the table printed is the same data.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.util
import json
import math
import os
import subprocess
import sys
import time
import types
from pathlib import Path

from natal.derivations.printed.rsfp_data import TABLE1, TRANSPORT
from natal.numerics.montecarlo import local_cluster, run_batches
from natal.cachedir import cache_root, private_dir
from natal.numerics.rsfp import kernels, transport
from natal.numerics.rsfp.transport import (
    MEAN_THERMAL_X, KickProblem, KickRows, kernel_parameters, transport_task,
)
from natal.papers.rsfp.reproduce import Statistics, table1_problem, table1_walk_rows

HERE = Path(__file__).resolve().parent
GOAL_TABLE_SECONDS = 600  # the goal for 20 rows at 4e5 on 2 cores
GOAL_SCATTERINGS_PER_SECOND_PER_CORE = 1e7  # the goal for the analog walk
SEED = 20010
#: the last kernel before the xoshiro256+ stream, the banded shell checks and the mfp-sized window
REFERENCE_COMMIT = "0a3e63bd0ec22c419e9d42d3f609edbe512de913"


def _runner_helpers():
    """benchmarks/run.py, for its machine() (loaded by path: benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("natal_benchmark_runner", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed_batch(problem: KickProblem, n: int, seed: int = SEED) -> tuple[float, float, dict[str, float]]:
    """(wall seconds, this thread's CPU seconds, tallies) of one batch."""
    t0, c0 = time.perf_counter(), time.thread_time()
    tallies = transport_task(problem, seed, n)
    return time.perf_counter() - t0, time.thread_time() - c0, tallies


def reference_kernels(commit: str) -> types.SimpleNamespace:
    """numerics/rsfp/kernels.py as it was at ``commit``: a stand-in for the kernels module whose
    transport_batch is that commit's and whose record types are today's (the old kernel reads its
    records by field name).  The file is written under natal's cache folder and imported under its own
    name, so that Numba caches its compiled code there."""
    root = HERE.parent
    source = subprocess.run(["git", "-C", str(root), "show", f"{commit}:numerics/rsfp/kernels.py"],
                            capture_output=True, text=True, check=True).stdout
    name = f"natal_reference_kernels_{commit[:12]}"
    folder = private_dir(cache_root() / "benchmark_reference")
    path = folder / f"{name}.py"
    if not path.exists() or path.read_text() != source:
        path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    proxy = types.SimpleNamespace(**{k: getattr(kernels, k) for k in dir(kernels) if not k.startswith("__")})
    proxy.transport_batch = module.transport_batch
    return proxy


@contextlib.contextmanager
def _kernels(module):
    """transport_task with ``module`` in place of numerics.rsfp.kernels (None: the current one)."""
    saved = transport.kernels
    transport.kernels = module if module is not None else saved
    try:
        yield
    finally:
        transport.kernels = saved


def side_by_side(problem, n: int, reference, repeats: int) -> dict:
    """Scatterings per second per core and CPU seconds per neutrino of the current kernel and
    (``reference`` not None) of the reference one on ``problem``, ``repeats`` batches of ``n`` each,
    alternating, every batch on a seed of its own (the same seeds for both)."""
    out = {}
    kinds = {"current": None} if reference is None else {"current": None, "reference": reference}
    for name, module in kinds.items():
        with _kernels(module):
            transport_task(problem, SEED + 1, 1)  # compile or load
        out[name] = {"n": 0, "seconds": 0.0, "cpu_seconds": 0.0, "scatterings": 0.0}
    for k in range(repeats):
        for name, module in kinds.items():
            with _kernels(module):
                wall, cpu, t = _timed_batch(problem, n, SEED + 10 + k)
            m = out[name]
            m["n"] += n
            m["seconds"] += wall
            m["cpu_seconds"] += cpu
            m["scatterings"] += t["scatterings"]
    for m in out.values():
        m["scatterings_per_second_per_core"] = m["scatterings"] / m["cpu_seconds"]
        m["scatterings_per_wall_second"] = m["scatterings"] / m["seconds"]
        m["cpu_seconds_per_neutrino"] = m["cpu_seconds"] / m["n"]
    if reference is not None:
        out["speedup_per_neutrino"] = (out["reference"]["cpu_seconds_per_neutrino"]
                                       / out["current"]["cpu_seconds_per_neutrino"])
        out["speedup_per_scattering"] = (out["current"]["scatterings_per_second_per_core"]
                                         / out["reference"]["scatterings_per_second_per_core"])
    return out


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
        seconds, cpu, t = _timed_batch(problem, n)
        out[scheme] = {
            "n": n, "seconds": seconds, "cpu_seconds": cpu, "seconds_per_neutrino": seconds / n,
            "cpu_seconds_per_neutrino": cpu / n,
            "fs": t["n_sterile"] / n, "scatterings_per_neutrino": t["scatterings"] / n,
            "analog_epochs_per_neutrino": t["analog_epochs"] / n, "jumps_per_neutrino": t["jumps"] / n,
        }
        if scheme == "analog":
            out[scheme]["scatterings_per_second_per_core"] = t["scatterings"] / cpu
            out[scheme]["scatterings_per_wall_second"] = t["scatterings"] / seconds
    out["central_optical_depth_at_mean_energy"] = central_optical_depth(KickProblem(*row))
    out["speedup"] = out["analog"]["cpu_seconds_per_neutrino"] / out["accelerated"]["cpu_seconds_per_neutrino"]
    return out


def table(n_per_row: int, workers: int) -> dict:
    """Table 1 as the full reproduction runs it, on one local cluster: one walk per neutrino carries the
    20 printed rows and the row-only choices beside them (reproduce.table1_walk_rows: the crossing
    orders, delta in R_res, the row-only variants)."""
    stats = Statistics.full(workers=workers)
    batch = min(stats.batch_size, n_per_row)
    t0 = time.perf_counter()
    with local_cluster(workers) as address:
        start_up = time.perf_counter() - t0
        res = run_batches(transport_task, KickRows(table1_walk_rows()), n_per_row,
                          batch_size=batch, root_seed=stats.seed, scheduler=address, description="Table 1",
                          progress=os.environ.get("NATAL_NO_PROGRESS") is None)
    wall = time.perf_counter() - t0
    fs = res.totals["n_sterile"] / res.n_total
    rows = [{"rres_rc": row["rres_rc"], "B_G": row["B_G"], "delta": row["delta"], "fs": float(f)}
            for row, f in zip(TABLE1, fs)]
    paper_n = int(TRANSPORT["n_neutrinos"])
    out = {"n_per_row": n_per_row, "rows_on_the_walk": len(table1_walk_rows()), "workers": workers,
           "batch_size": batch, "cluster_start_seconds": start_up,
           "wall_seconds": wall, "rows": rows, "goal_seconds_at_4e5": GOAL_TABLE_SECONDS,
           "load_average_after": os.getloadavg(),
           "walk_per_neutrino": {k: float(res.totals[k]) / res.n_total for k in kernels.WALK_TALLIES.names},
           "against_analog": against_analog(res)}
    if n_per_row != paper_n:
        out["projected_wall_seconds_at_4e5"] = start_up + (wall - start_up) * paper_n / n_per_row
    return out


def against_analog(res) -> dict | None:
    """Every tally of every row of a Table 1 run against the validation tier's stored analog walk
    (validation/acceleration.json), by the tier's comparison (tests/conftest.py): max |z|, the fraction
    of |z| above 2, and the tallies beyond 2; None where that file or tests/ is missing.  Where the
    tier's analog batches are still in its checkpoint folder (and reproduce the stored summary), the
    comparison is also placed in its correlated null distribution (``correlated_null``: how often an
    unbiased pair gives as many |z| beyond 2, or as large a |z|)."""
    stored, conftest = HERE.parent / "validation" / "acceleration.json", HERE.parent / "tests" / "conftest.py"
    if not (stored.exists() and conftest.exists()):
        return None
    spec = importlib.util.spec_from_file_location("natal_tests_conftest", conftest)
    eq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(eq)
    analog = json.loads(stored.read_text())
    batches, why = _stored_analog_batches(analog["analog"], eq)
    if res.n_batches < 2:
        batches, why = None, "the run has one batch, so no covariance of its own"
    contributions = None if batches is None else (eq._contributions(batches), eq._contributions(res))
    c = eq._compare(analog["analog"], eq._summarise(res), contributions=contributions)
    beyond = [[cc["row"], cc["tally"], round(cc["z"], 2)] for cc in c.comparisons if cc["z"] is not None and abs(cc["z"]) > 2]
    return {"analog_n": analog["analog"]["n"], "analog_commit": analog["commit"], "m": c.m, "max_abs_z": c.max_abs_z,
            "worst": [c.worst["row"], c.worst["tally"]], "z_star_family_wise_5_percent": c.z_star, "passed": c.passed,
            "fraction_abs_z_above_2": c.fraction_above_2, "abs_z_above_2": beyond,
            "correlated_null": c.null if c.null is not None else {"not computed": why}}


def _stored_analog_batches(summary: dict, eq) -> tuple[object | None, str]:
    """The validation tier's analog batches from its checkpoint folder ($NATAL_CACHE/validation/
    acceleration-analog-SEED), as BatchResults, provided every batch is there and they give the stored
    summary's per-row tallies to 1e-12; else (None, why)."""
    import numpy as np

    from natal.numerics.montecarlo import BatchResults, batch_seed
    from natal.numerics.montecarlo.checkpoint import Checkpoint

    folder = cache_root() / "validation" / f"acceleration-analog-{summary['seed']}"
    n, size = summary["n"], summary["batch_size"]
    sizes = [min(size, n - start) for start in range(0, n, size)]
    store = Checkpoint(folder)
    loaded = [store.load(i, batch_seed(summary["seed"], i), k) for i, k in enumerate(sizes)]
    if not folder.is_dir() or any(b is None for b in loaded):
        return None, f"the analog batches are not all in {folder}"
    per_batch = {k: np.stack([b[k] for b in loaded]) for k in loaded[0]}
    batches = BatchResults(per_batch, np.array(sizes, dtype=np.int64), np.array([batch_seed(summary["seed"], i)
                                                                                   for i in range(len(sizes))]), 0.0)
    for i, row in enumerate(summary["rows"]):
        one = batches.take(i)
        for k in eq._ROW_TALLIES:
            if not np.allclose(one.mean_and_error(k), row[k], rtol=1e-12, atol=0):
                return None, f"the batches in {folder} do not give the stored summary ({k}, row {i})"
    return batches, ""


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
    lines = []
    for key, what in (("analog_rate", "analog walk, one row"), ("accelerated_rows", "accelerated, 20 rows on one walk")):
        c = result.get(key)
        if not c:
            continue
        cur = c["current"]
        line = (f"{what}: {cur['scatterings_per_second_per_core'] / 1e6:.2f} million scatterings per second per "
                f"core, {cur['cpu_seconds_per_neutrino'] * 1e3:.3g} ms per neutrino")
        if "reference" in c:
            ref = c["reference"]
            line += (f"; reference kernel {ref['scatterings_per_second_per_core'] / 1e6:.2f} million, "
                     f"{ref['cpu_seconds_per_neutrino'] * 1e3:.3g} ms: {c['speedup_per_neutrino']:.2f}x per neutrino")
        lines.append(line)
    s = result.get("schemes")
    if s:
        a, b = s["analog"], s["accelerated"]
        lines += [
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
        lines.append(f"Table 1 ({t.get('rows_on_the_walk', 20)} rows on one walk) x {t['n_per_row']} neutrinos on "
                     f"{t['workers']} workers: {t['wall_seconds']:.0f} s "
                     f"(goal at 4e5: {t['goal_seconds_at_4e5']} s)")
        c = t.get("against_analog")
        if c:
            lines.append(f"  against the stored analog walk ({c['analog_n']} neutrinos): max |z| {c['max_abs_z']:.2f} over "
                         f"{c['m']} tallies, {100 * c['fraction_abs_z_above_2']:.1f}% beyond 2 sigma")
            null = c.get("correlated_null", {})
            if "p_fraction" in null:
                lines.append(f"  an unbiased pair with these correlations: {100 * null['fraction_mean']:.1f}% beyond 2 "
                             f"sigma on average (95th percentile {100 * null['fraction_q95']:.1f}%), at least the "
                             f"observed fraction with probability {null['p_fraction']:.2f}, max |z| at least the "
                             f"observed with {null['p_max']:.2f}, every |z| below 2 with {null['p_all_within']:.3f}")
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
    parser.add_argument("--table-only", action="store_true",
                        help="only the 20 rows at --table-n (with the comparison against the stored analog walk)")
    parser.add_argument("--reference", default=REFERENCE_COMMIT, help="the commit of the kernel to compare with")
    parser.add_argument("--no-reference", action="store_true", help="no side-by-side reference kernel")
    parser.add_argument("--repeats", type=int, default=4, help="alternating batches of the side-by-side comparisons")
    parser.add_argument("--rows-n", type=int, default=200, help="neutrinos per batch of the 20-row accelerated comparison")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rsfp_transport.json")
    args = parser.parse_args(argv)
    row = tuple(float(v) for v in args.row.split(","))
    if len(row) != 3 or not all(math.isfinite(v) for v in row):
        parser.error(f"--row must be R_res/R_c,B_G,delta, got {args.row!r}")
    for name in ("n_analog", "n_accelerated", "table_n", "workers", "sharing_n", "repeats", "rows_n"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be a positive integer")

    if args.skip_table and args.table_only:
        parser.error("--skip-table and --table-only exclude each other")
    result = {"command": "python benchmarks/rsfp_transport.py " + " ".join(sys.argv[1:] if argv is None else argv),
              "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "machine": _runner_helpers().machine()}
    if not args.table_only:
        reference = None if args.no_reference else reference_kernels(args.reference)
        rows = KickRows(tuple(table1_problem(r) for r in TABLE1))
        result.update({
            "reference_commit": None if reference is None else args.reference,
            "goal_scatterings_per_second_per_core": GOAL_SCATTERINGS_PER_SECOND_PER_CORE,
            "analog_rate": side_by_side(KickProblem(*row, scheme="analog"), max(1, args.n_analog // args.repeats),
                                        reference, args.repeats),
            "accelerated_rows": side_by_side(rows, args.rows_n, reference, args.repeats),
            "schemes": schemes(row, args.n_analog, args.n_accelerated),
            "sharing": sharing(args.sharing_n)})
    if not args.skip_table:
        result["table"] = table(args.table_n, args.workers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(_summary(result))
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
