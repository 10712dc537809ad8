"""Wall time of the everyday commands cold and warm, side by side in one run.

    python benchmarks/command_speed.py [--mutants] [--reproduce] [--out benchmarks/results/command_speed.json]

Each case runs a command in a subprocess; first ``natal verify`` (all papers):

* ``cold_jobs1``: an empty cache (no stored derivations, evaluators or verdicts), one process;
* ``cold``: an empty cache, the checks spread over one process per CPU (the default);
* ``derivations_warm``: verdicts derived again (``--fresh``) with the derivation and evaluator stores
  filled;
* ``warm``: everything stored (what a second ``natal verify`` after no change costs);
* ``mutants_cold`` (with ``--mutants``): ``natal verify --mutants`` with an empty cache;

then ``natal codegen`` (the listing) with an empty cache (``codegen_cold``) and again
(``codegen_warm``), and a fresh interpreter importing the numeric layer's modules that use evaluators
and building them once they are cached (``numerics_import_warm``, with whether SymPy was imported).
With ``--reproduce``, the whole default ``natal reproduce`` (every installed paper, each at its
default statistics) with an empty cache, as right after install (``reproduce_cold``).

Ratios printed: cold_jobs1/cold, cold/warm, codegen_cold/codegen_warm.  The targets (issues 19 and
21): verify cold <= 60 s and warm <= 5 s on two cores, ``--mutants`` <= 600 s, the listing <= 2 s warm,
the default reproduction <= 180 s.
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


def _seconds(cache: str, *flags: str, command: str = "verify") -> float:
    env = {**os.environ, "NATAL_CACHE": cache}
    args = [command, *flags] if command == "codegen" else [command, "--quiet", *flags]
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "natal", *args], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


_NUMERICS = ("import json, sys; from natal.numerics.mag import collapse, magnetogenesis; "
             "from natal.numerics.nuN import couplings, drift_ratio; "
             "from natal.codegen import stored; [stored.build(n) for n in ('mag.collapse_rate', 'mag.dBz_dt', "
             "'nuN.rest_frame')]; print(json.dumps('sympy' in sys.modules))")


def _numerics(cache: str) -> tuple[float, bool]:
    env = {**os.environ, "NATAL_CACHE": cache}
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _NUMERICS], check=True, env=env, capture_output=True, text=True)
    return time.perf_counter() - t0, json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", action="store_true", help="also time `natal verify --mutants` cold")
    parser.add_argument("--reproduce", action="store_true",
                        help="also time the whole default `natal reproduce` with an empty cache")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/command_speed.json"))
    args = parser.parse_args(argv)

    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as cache:
        times["cold_jobs1"] = _seconds(cache, "--jobs", "1")
    with tempfile.TemporaryDirectory() as cache:
        times["cold"] = _seconds(cache)
        times["derivations_warm"] = _seconds(cache, "--fresh")
        times["warm"] = _seconds(cache)
    with tempfile.TemporaryDirectory() as cache:
        times["codegen_cold"] = _seconds(cache, command="codegen")
        times["codegen_warm"] = _seconds(cache, command="codegen")
        _numerics(cache)  # derives, generates and remembers
        times["numerics_import_warm"], sympy_imported = _numerics(cache)
    if args.mutants:
        with tempfile.TemporaryDirectory() as cache:
            times["mutants_cold"] = _seconds(cache, "--mutants")
    if args.reproduce:
        with tempfile.TemporaryDirectory() as cache:
            times["reproduce_cold"] = _seconds(cache, "--out", str(Path(cache) / "results"), command="reproduce")
    ratios = {"cold_jobs1/cold": times["cold_jobs1"] / times["cold"], "cold/warm": times["cold"] / times["warm"],
              "codegen_cold/codegen_warm": times["codegen_cold"] / times["codegen_warm"]}
    load = os.getloadavg()
    command = " ".join(["python benchmarks/command_speed.py", *(f"--{k}" for k in ("mutants", "reproduce")
                                                                  if getattr(args, k))])
    result = {"command": command,
              "machine": {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
                          "load_average_after": [round(x, 2) for x in load]},
              "seconds": {k: round(v, 2) for k, v in times.items()},
              "ratios": {k: round(v, 2) for k, v in ratios.items()},
              "numerics_import_warm_imported_sympy": sympy_imported}
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
