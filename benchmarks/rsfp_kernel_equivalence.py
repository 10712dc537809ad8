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
  acceleration stays unbiased with the new kernel).

Each reports max |z|, the Bonferroni bound z* for a family-wise false-alarm rate of 5% over its m
comparisons, the fraction of |z| above 2 (about 4.6% for an unbiased pair), and every z.  The runs are
checkpointed under $NATAL_CACHE/validation/ and resume there.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import sys
import time
from pathlib import Path

from natal.cachedir import cache_root, private_dir
from natal.numerics.montecarlo import run_batches
from natal.numerics.rsfp.transport import transport_task

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STORED = ROOT / "validation" / "acceleration.json"
SEEDS = {"analog": 7301, "accelerated": 7302}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-analog", type=int, default=4000)
    parser.add_argument("--n-accelerated", type=int, default=40000)
    parser.add_argument("--batch", type=int, default=25, help="neutrinos per batch of the analog run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rsfp_kernel_equivalence.json")
    args = parser.parse_args(argv)
    eq = _load("natal_tests_conftest", ROOT / "tests" / "conftest.py")
    machine = _load("natal_benchmark_runner", HERE / "run.py").machine()
    stored = json.loads(STORED.read_text())
    if stored["analog_settings"] != eq._analog_settings():
        parser.error(f"{STORED} holds runs of other settings than the Table 1 rows have now")
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
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    for key in ("analog", "accelerated", "accelerated_vs_analog"):
        r = result[key]
        print(f"{key:>22}: max |z| = {r['max_abs_z']:.2f} ({r['worst']['row']} {r['worst']['tally']}), "
              f"z* = {r['z_star']:.2f} over {r['m']}, |z| > 2: {100 * r['fraction_abs_z_above_2']:.1f}%, "
              f"{'passed' if r['passed'] else 'FAILED'}")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"{time.perf_counter() - t0:.0f} s")
    raise SystemExit(code)
