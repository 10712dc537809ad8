"""Wall time of ``natal verify`` cold, warm and in parallel, side by side in one run.

    python benchmarks/verify_speed.py [--mutants] [--out benchmarks/results/verify_speed.json]

Each case runs ``natal verify`` (all papers) in a subprocess:

* ``cold_jobs1``: an empty cache (no stored derivations, evaluators or verdicts), one process;
* ``cold``: an empty cache, the checks spread over one process per CPU (the default);
* ``derivations_warm``: verdicts derived again (``--fresh``) with the derivation and evaluator stores
  filled;
* ``warm``: everything stored (what a second ``natal verify`` after no change costs);
* ``mutants_cold`` (with ``--mutants``): ``natal verify --mutants`` with an empty cache.

Ratios printed: cold_jobs1/cold, cold/warm.  The targets (issues 19 and 21): cold <= 60 s and warm
<= 5 s on two cores, ``--mutants`` <= 600 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _seconds(cache: str, *flags: str) -> float:
    env = {**os.environ, "NATAL_CACHE": cache}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "natal.cli", "verify", "--quiet", *flags], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", action="store_true", help="also time `natal verify --mutants` cold")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/verify_speed.json"))
    args = parser.parse_args(argv)

    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as cache:
        times["cold_jobs1"] = _seconds(cache, "--jobs", "1")
    with tempfile.TemporaryDirectory() as cache:
        times["cold"] = _seconds(cache)
        times["derivations_warm"] = _seconds(cache, "--fresh")
        times["warm"] = _seconds(cache)
    if args.mutants:
        with tempfile.TemporaryDirectory() as cache:
            times["mutants_cold"] = _seconds(cache, "--mutants")
    ratios = {"cold_jobs1/cold": times["cold_jobs1"] / times["cold"], "cold/warm": times["cold"] / times["warm"]}
    load = os.getloadavg()
    result = {"command": "python benchmarks/verify_speed.py" + (" --mutants" if args.mutants else ""),
              "machine": {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
                          "load_average_after": [round(x, 2) for x in load]},
              "seconds": {k: round(v, 2) for k, v in times.items()},
              "ratios": {k: round(v, 2) for k, v in ratios.items()}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for k, v in times.items():
        print(f"{k:>18}: {v:8.1f} s")
    for k, v in ratios.items():
        print(f"{k:>18}: {v:8.2f}")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
