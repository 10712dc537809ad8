"""The rsfp transport kernel before and after a speed change: the same walk, compared tally by tally.

    python benchmarks/rsfp_kernel_equivalence.py [--n-analog 4000] [--n-accelerated 40000] [--batch 25]
                                                 [--workers 2] [--out benchmarks/results/rsfp_kernel_equivalence.json]

A faster kernel that draws its random numbers differently (numerics.rsfp.kernels: a xoshiro256+ stream,
flights cut at a window of a few mean free paths, shells looked at only when a flight can reach them)
must sample the same distribution: its results may move statistically, never systematically.  The
reference is the validation tier's stored runs (validation/acceleration.json: the analog walk and the
accelerated walk of all 20 Table 1 rows carried by one walk per neutrino, made with the kernel before the
change); this script runs the current kernel on the same problem and compares, with the tier's own
comparison (tests/conftest.py): z = (current - stored) / sqrt(err_current^2 + err_stored^2) with
batch-means errors, for the walk's scatterings per neutrino and, per row, the 11 sums per neutrino and
the 5 Table 1 columns.  Three comparisons:

* ``analog``: the current analog walk against the stored analog walk (the kernel change alone);
* ``accelerated``: the current accelerated walk against the stored accelerated walk (the same);
* ``accelerated_vs_analog``: the current accelerated walk against the stored analog walk (the
  acceleration stays unbiased with the new kernel);
* ``thin_star``: both kernels side by side in this run (the reference one is numerics/rsfp/kernels.py at
  ``--reference``, as benchmarks/rsfp_transport.py loads it), analog, on the same 20 rows in a star whose
  densities are all divided by ``--thin`` (optical depths ~``--thin`` times smaller, ~``--thin``^2 fewer
  scatterings per neutrino), so that many neutrinos make the walk's own tallies (scatterings, escape
  energies, crossings) precise.

Each reports max |z|, the Bonferroni bound z* for a family-wise false-alarm rate of 5% over its m
comparisons, the fraction of |z| above 2 (about 4.6% for an unbiased pair), and every z.  The runs are
checkpointed under $NATAL_CACHE/validation/ and resume there.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import importlib.util
import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

import numpy as np

from natal.cachedir import cache_root, private_dir
from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.results import BatchResults
from natal.numerics.montecarlo.seeds import batch_seed
from natal.numerics.rsfp import transport
from natal.numerics.rsfp.pns import PNSModel
from natal.numerics.rsfp.transport import KickRows, transport_task

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STORED = ROOT / "validation" / "acceleration.json"
SEEDS = {"analog": 7301, "accelerated": 7302}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _forked(problem, n: int, batch: int, seed: int, workers: int) -> BatchResults:
    """run_batches' batches (the same seeds) on forked processes, which inherit this process's choice of
    kernel module."""
    t0 = time.perf_counter()
    k = -(-n // batch)
    sizes = np.full(k, batch, dtype=np.int64)
    sizes[-1] = n - batch * (k - 1)
    seeds = np.array([batch_seed(seed, i) for i in range(k)], dtype=np.int64)
    transport_task(problem, int(seeds[0]), 1)  # compile or load before forking
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        outs = list(pool.map(transport_task, repeat(problem), seeds.tolist(), sizes.tolist()))
    per_batch = {name: np.stack([np.asarray(o[name]) for o in outs]) for name in outs[0]}
    return BatchResults(per_batch=per_batch, n_per_batch=sizes, seeds=seeds, seconds=time.perf_counter() - t0)


def thin_star(eq, reference_commit: str, thin: float, n: int, workers: int, seed: int) -> dict:
    """Both kernels, analog, on the 20 rows in a star of densities / ``thin``: summaries and comparison."""
    bench = _load("natal_benchmark_rsfp_transport", HERE / "rsfp_transport.py")
    reference = bench.reference_kernels(reference_commit)
    paper = PNSModel.paper()
    model = PNSModel.paper(rho0_g_cm3=paper.rho0_g_cm3 / thin, rho_c_g_cm3=paper.rho_c_g_cm3 / thin)
    problem = KickRows(tuple(dataclasses.replace(q, model=model) for q in eq._problem("analog").problems))
    out = {}
    for name, module in (("reference", reference), ("current", None)):
        saved = transport.kernels
        transport.kernels = module if module is not None else saved
        try:
            res = _forked(problem, n, max(n // 160, 1), seed, workers)
        finally:
            transport.kernels = saved
        out[name] = {**eq._summarise(res), "seconds": round(res.seconds, 1)}
    c = eq._compare(out["reference"], out["current"])
    return {"thin": thin, "n": n, "seed": seed, "reference_commit": reference_commit, "passed": c.passed, "m": c.m,
            "z_star": c.z_star, "max_abs_z": c.max_abs_z,
            "worst": {k: c.worst[k] for k in ("row", "tally", "reference", "candidate", "z")},
            "fraction_abs_z_above_2": c.fraction_above_2, "lost": c.lost,
            "scatterings": {"reference": out["reference"]["scatterings"], "current": out["current"]["scatterings"]},
            "seconds": {"reference": out["reference"]["seconds"], "current": out["current"]["seconds"]},
            "z": [[cc["row"], cc["tally"], None if cc["z"] is None else round(cc["z"], 3)] for cc in c.comparisons]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-analog", type=int, default=4000)
    parser.add_argument("--n-accelerated", type=int, default=40000)
    parser.add_argument("--batch", type=int, default=25, help="neutrinos per batch of the analog run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--thin", type=float, default=30.0, help="the thin star's densities are the paper's / THIN")
    parser.add_argument("--n-thin", type=int, default=20000, help="neutrinos per kernel in the thin star")
    parser.add_argument("--thin-seed", type=int, default=7401, help="root seed of both thin-star runs")
    parser.add_argument("--reference", default="0a3e63bd0ec22c419e9d42d3f609edbe512de913",
                        help="the commit of the kernel before the change (for the thin star)")
    parser.add_argument("--only-thin", action="store_true",
                        help="only the thin star; the other comparisons are kept from --out")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rsfp_kernel_equivalence.json")
    args = parser.parse_args(argv)
    eq = _load("natal_tests_conftest", ROOT / "tests" / "conftest.py")
    machine = _load("natal_benchmark_runner", HERE / "run.py").machine()
    stored = json.loads(STORED.read_text())
    if stored["analog_settings"] != eq._analog_settings():
        parser.error(f"{STORED} holds runs of other settings than the Table 1 rows have now")
    if args.only_thin:
        # another seed is kept beside the first: thin_star_SEED
        result = json.loads(args.out.read_text())
        key = "thin_star" if args.thin_seed == 7401 else f"thin_star_{args.thin_seed}"
        result[key] = thin_star(eq, args.reference, args.thin, args.n_thin, args.workers, args.thin_seed)
        result[key]["command"] = ("python benchmarks/rsfp_kernel_equivalence.py "
                                  + " ".join(sys.argv[1:] if argv is None else argv))
        return _write(args.out, result)
    checkpoints = private_dir(cache_root() / "validation")
    runs = {}
    for scheme, n, batch in (("analog", args.n_analog, args.batch), ("accelerated", args.n_accelerated, 250)):
        res = run_batches(transport_task, eq._problem(scheme), n, batch_size=batch, root_seed=SEEDS[scheme],
                          scheduler="local", workers=args.workers, progress=True,
                          checkpoint=checkpoints / f"kernel-equivalence-{scheme}-{SEEDS[scheme]}",
                          description=f"{scheme} walk")
        runs[scheme] = {**eq._summarise(res), "seed": SEEDS[scheme], "seconds": round(res.seconds, 1),
                        "batches_from_checkpoint": res.n_loaded}

    def compared(reference: dict, candidate: dict) -> dict:
        c = eq._compare(reference, candidate)
        return {"passed": c.passed, "m": c.m, "z_star": c.z_star, "max_abs_z": c.max_abs_z,
                "worst": {k: c.worst[k] for k in ("row", "tally", "reference", "candidate", "z")},
                "fraction_abs_z_above_2": c.fraction_above_2, "lost": c.lost,
                "z": [[cc["row"], cc["tally"], None if cc["z"] is None else round(cc["z"], 3)] for cc in c.comparisons]}

    result = {
        "command": "python benchmarks/rsfp_kernel_equivalence.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine,
        "stored": {"file": "validation/acceleration.json", "commit": stored["commit"],
                   "analog_n": stored["analog"]["n"], "accelerated_n": stored["accelerated"]["n"]},
        "current": {k: {kk: v[kk] for kk in ("n", "batch_size", "n_batches", "seed", "seconds", "scatterings",
                                             "analog_epochs_per_neutrino", "jumps_per_neutrino")}
                    for k, v in runs.items()},
        "analog": compared(stored["analog"], runs["analog"]),
        "accelerated": compared(stored["accelerated"], runs["accelerated"]),
        "accelerated_vs_analog": compared(stored["analog"], runs["accelerated"]),
        "thin_star": thin_star(eq, args.reference, args.thin, args.n_thin, args.workers, args.thin_seed),
    }
    return _write(args.out, result)


def _write(out: Path, result: dict) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    for key in [k for k in result if k in ("analog", "accelerated", "accelerated_vs_analog") or k.startswith("thin_star")]:
        r = result[key]
        print(f"{key:>22}: max |z| = {r['max_abs_z']:.2f} ({r['worst']['row']} {r['worst']['tally']}), "
              f"z* = {r['z_star']:.2f} over {r['m']}, |z| > 2: {100 * r['fraction_abs_z_above_2']:.1f}%, "
              f"{'passed' if r['passed'] else 'FAILED'}")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"{time.perf_counter() - t0:.0f} s")
    raise SystemExit(code)
