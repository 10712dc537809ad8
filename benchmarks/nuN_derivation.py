"""Cold and warm time of the whole `nuN` derivation, stage by stage, and of its code generation.

    python benchmarks/nuN_derivation.py [--repeat 3] [--out benchmarks/results/nuN_derivation.json]

Each repeat starts a fresh Python process (``sys.executable -c ...``), so nothing derived earlier
is reused: SymPy's cache and the ``lru_cache`` of every derivation start empty.  In that process:

* ``import``: importing ``natal.derivations.{nucleon_scattering, nuclear_response,
  nucleon_cross_section}`` and ``natal.codegen.registry`` (which also imports the `mag`
  derivations it registers);
* ``cold``: every nuN derivation, for nu and nubar, in dependency order, timed stage by stage
  with ``time.perf_counter`` after the imports:

  ======================  ==============================================================
  ``traces``              ``matrix_element(False)``, ``matrix_element(True)`` (Eqs. 3-6)
  ``response``            ``response_forms("p")``, ``response_forms("pp")``,
                          ``momentum_moment()``, ``nondegenerate_response()`` (Eqs. 12-18)
  ``eps_series``          ``eps_series(4)`` (Eqs. A2-A13)
  ``rate_coefficients``   ``rate_coefficients(False)``, ``rate_coefficients(True)`` (Eqs. 19-23)
  ``rest_frame``          ``rest_frame_corrections(False)``, ``rest_frame_corrections(True)``
  ``eq9``                 ``differential_rate(False)``, ``differential_rate(True)`` (Eq. 9)
  ======================  ==============================================================

  Because the stages run in dependency order, each stage's time is its own work (the later
  stages find the earlier results in the ``lru_cache``);
* ``warm``: the same calls again in the same process (``lru_cache`` hits; ``differential_rate``
  and ``nondegenerate_response`` are not cached and are recomputed from cached parts);
* ``codegen``: ``natal.codegen.registry.get`` of "nuN.rate_nu" and "nuN.rate_nubar", then
  ``registry.build(name, "numpy", cache_dir=...)`` with an empty temporary cache folder
  (``codegen_cold``: generation, writing and loading the module) and again (``codegen_warm``: the
  cached module is found, its hash verified, and the already loaded module reused).  The child
  also runs with ``NATAL_CACHE`` pointing at the temporary folder, so the user cache is untouched.

The parent also records each child's wall time (interpreter start-up included).  Reported: best
and median over ``--repeat`` processes of every number, beside the issue's targets (cold
derivation of everything <= 60 s, the O(1/m) traces < 3 s), judged on the median.  The JSON
written to ``--out`` holds machine information and versions (the helpers of benchmarks/run.py),
every repeat's raw numbers and the summary.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Seconds; the targets for a cold derivation on the benchmark machine.
TARGETS = {"cold_total": 60.0, "traces": 3.0}

STAGES = ("traces", "response", "eps_series", "rate_coefficients", "rest_frame", "eq9")
CODEGEN_NAMES = ("nuN.rate_nu", "nuN.rate_nubar")

_MARKER = "NUN_DERIVATION_BENCHMARK_JSON "

# Runs in the child: timer first, then the imports, then the stages; one JSON line on stdout.
CHILD = r"""
import time
_t0 = time.perf_counter()
import json, sys
from pathlib import Path
from natal.derivations.nuN import matrix_element as ns
from natal.derivations.nuN import response as nr
from natal.derivations.nuN import cross_section as nc
from natal.codegen import registry
out = {"import": time.perf_counter() - _t0}

STAGES = [
    ("traces", lambda: (ns.matrix_element(False), ns.matrix_element(True))),
    ("response", lambda: (nr.response_forms("p"), nr.response_forms("pp"), nr.momentum_moment(),
                          nr.nondegenerate_response())),
    ("eps_series", lambda: nr.eps_series(4)),
    ("rate_coefficients", lambda: (nc.rate_coefficients(False), nc.rate_coefficients(True))),
    ("rest_frame", lambda: (nc.rest_frame_corrections(False), nc.rest_frame_corrections(True))),
    ("eq9", lambda: (nc.differential_rate(False), nc.differential_rate(True))),
]

def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t

for phase in ("cold", "warm"):
    out[phase] = {name: timed(f) for name, f in STAGES}

cache_dir = Path(sys.argv[1])
out["registry_get"] = {name: timed(lambda: registry.get(name)) for name in NAMES}
out["codegen_cold"] = {name: timed(lambda: registry.build(name, "numpy", cache_dir=cache_dir))
                       for name in NAMES}
out["codegen_warm"] = {name: timed(lambda: registry.build(name, "numpy", cache_dir=cache_dir))
                       for name in NAMES}
out["operations"] = {name: int(sum(e.count_ops() for _, e in registry.get(name).outputs))
                     for name in NAMES}
print(MARKER + json.dumps(out), flush=True)
"""


def run_child(timeout: float = 600.0) -> dict:
    """One fresh process: its timings (see the module docstring) and its wall time."""
    with tempfile.TemporaryDirectory(prefix="natal-nuN-bench-") as cache:
        env = {**os.environ, "NATAL_CACHE": cache}
        code = f"NAMES = {CODEGEN_NAMES!r}\nMARKER = {_MARKER!r}\n" + CHILD
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code, str(Path(cache) / "codegen")],
                              env=env, capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed (rc {proc.returncode}):\n{proc.stderr[-4000:]}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(_MARKER)]
    if not lines:
        raise RuntimeError(f"benchmark child printed no result:\n{proc.stdout[-2000:]}")
    result = json.loads(lines[-1][len(_MARKER):])
    result["process_wall"] = wall
    for phase in ("cold", "warm"):
        result[f"{phase}_total"] = sum(result[phase].values())
    return result


def _flat(run: dict) -> dict[str, float]:
    """One repeat's numbers as name -> seconds."""
    flat = {"import": run["import"], "process_wall": run["process_wall"],
            "cold_total": run["cold_total"], "warm_total": run["warm_total"]}
    for phase in ("cold", "warm"):
        flat.update({f"{phase}.{k}": v for k, v in run[phase].items()})
    for phase in ("registry_get", "codegen_cold", "codegen_warm"):
        flat.update({f"{phase}.{k}": v for k, v in run[phase].items()})
    return flat


def summarize(runs: list[dict]) -> dict[str, dict[str, float]]:
    """Best and median over the repeats of every number."""
    flats = [_flat(r) for r in runs]
    return {key: {"best": min(f[key] for f in flats),
                  "median": statistics.median(f[key] for f in flats)} for key in flats[0]}


def targets(summary: dict) -> dict[str, dict]:
    """The issue's targets against the median cold numbers."""
    measured = {"cold_total": summary["cold_total"]["median"],
                "traces": summary["cold.traces"]["median"]}
    return {k: {"target_s": t, "median_s": measured[k], "pass": measured[k] <= t}
            for k, t in TARGETS.items()}


def table(summary: dict, goals: dict, repeat: int) -> str:
    """A readable summary."""
    def row(label: str, key: str, note: str = "") -> str:
        s = summary[key]
        return f"  {label:<34}{s['best']:>11.4g}{s['median']:>11.4g}  {note}".rstrip()

    def goal(key: str) -> str:
        g = goals[key]
        return f"target {'<=' if key == 'cold_total' else '<'} {g['target_s']:g} s: " + (
            "PASS" if g["pass"] else f"over by {g['median_s'] - g['target_s']:.2f} s")

    lines = [f"nuN derivation, {repeat} fresh process(es); seconds",
             f"  {'':<34}{'best':>11}{'median':>11}",
             row("import (natal derivations+registry)", "import"),
             "  cold (fresh process):"]
    lines += [row(f"  {s}", f"cold.{s}", goal("traces") if s == "traces" else "") for s in STAGES]
    lines += [row("  total", "cold_total", goal("cold_total")),
              "  warm (same process, lru_cache hits):"]
    lines += [row(f"  {s}", f"warm.{s}") for s in STAGES]
    lines += [row("  total", "warm_total"), "  codegen, numpy backend:"]
    for name in CODEGEN_NAMES:
        lines += [row(f"  registry.get {name}", f"registry_get.{name}"),
                  row(f"  build {name} cold", f"codegen_cold.{name}"),
                  row(f"  build {name} warm", f"codegen_warm.{name}")]
    lines += [row("process wall (start-up included)", "process_wall"),
              "  targets judged on the median"]
    return "\n".join(lines)


def _runner_helpers():
    """benchmarks/run.py, for its machine() (loaded by path: benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("natal_benchmark_runner", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes (best and median)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "nuN_derivation.json")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per process")
    ns = parser.parse_args(argv)
    if ns.repeat < 1:
        parser.error("--repeat must be at least 1")
    runs = []
    for i in range(ns.repeat):
        runs.append(run_child(ns.timeout))
        print(f"  process {i + 1}/{ns.repeat}: cold {runs[-1]['cold_total']:.2f} s "
              f"(traces {runs[-1]['cold']['traces']:.2f} s)", flush=True)
    summary = summarize(runs)
    goals = targets(summary)
    print(table(summary, goals, ns.repeat))
    runner = _runner_helpers()
    document = {
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": runner.machine(),
        "versions": runner.package_versions("natal", "numpy", "sympy", "numba", "symengine"),
        "python_executable": sys.executable,
        "repeat": ns.repeat,
        "stages": list(STAGES),
        "targets": goals,
        "summary": summary,
        "operations": runs[0]["operations"],
        "runs": runs,
    }
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    ns.out.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
