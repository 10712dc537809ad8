"""The accelerated rsfp walk's controls: what each setting costs, and whether it moves any tally.

    python benchmarks/rsfp_acceleration_controls.py [SETTING ...] [--n 100000] [--workers 2]
                                                    [--timing-n 1500] [--repeats 2]
                                                    [--out benchmarks/results/rsfp_acceleration_controls.json]

A SETTING is ``default`` or comma-separated KickProblem acceleration controls, ``shell_buffer=12`` or
``mrw_min=24,grad_fraction=0.1`` (docs/rsfp.md, "The accelerated scheme"); the default list is
``default shell_buffer=18 shell_buffer=12``.  For each setting, on the Table 1 walk as ``natal
reproduce`` carries it (reproduce.table1_walk_rows, all rows):

* ``cpu_ms_per_neutrino``: side by side in this process on one core, ``repeats`` rounds of
  ``timing_n`` neutrinos per setting in turn on the same seeds, the CPU time of the thread that ran
  them; the ratios to the first setting's;
* ``against_analog``: ``n`` accelerated neutrinos (20 batches, a local cluster of ``workers``)
  against the validation tier's analog run of the same walk (tests/validation/test_acceleration.py,
  named by validation/acceleration.json and read from its checkpoint folder; the script refuses to run
  without it), every row tally of every row, z and the correlated null
  (benchmarks/rsfp_walk_rows_equivalence.py's comparison);
* ``against_first``: the same run against the first setting's, which resolves a change a control
  makes far more finely than the analog run can (both runs are cheap).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import math
import os
import platform
import subprocess
import time
from dataclasses import replace
from pathlib import Path

from natal.numerics.montecarlo import run_batches
from natal.numerics.rsfp.transport import ACCELERATION_CONTROLS, KickRows, transport_task
from natal.papers.rsfp.reproduce import table1_walk_rows

HERE = Path(__file__).resolve().parent
SEED = 7301
BATCHES = 20


def _load(name: str, module: str):
    """A sibling script (benchmarks/ is not a package) or tests/conftest.py, loaded by path."""
    spec = importlib.util.spec_from_file_location(module, HERE / name)
    out = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(out)
    return out


def setting(text: str) -> dict:
    """``default`` -> {}; ``shell_buffer=12,mrw_min=24`` -> {"shell_buffer": 12.0, "mrw_min": 24.0}."""
    if text == "default":
        return {}
    out = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        if name not in ACCELERATION_CONTROLS or name == "levels":
            raise ValueError(f"a setting names the controls {ACCELERATION_CONTROLS[1:]}, got {name!r} in {text!r}")
        out[name] = float(value)
    return out


def walk(scheme: str, **controls) -> KickRows:
    return KickRows(tuple(replace(q, scheme=scheme, **controls) for q in table1_walk_rows()))


def stored_analog():
    """The validation tier's analog run (validation/acceleration.json names it) from its checkpoint
    folder, checked against the stored summary (benchmarks/rsfp_transport.py's loader): nothing is run."""
    summary = json.loads((HERE.parent / "validation" / "acceleration.json").read_text())
    eq = _load("../tests/conftest.py", "natal_tests_conftest")
    if summary["analog_settings"] != eq._analog_settings():
        raise SystemExit("validation/acceleration.json holds an analog run of another walk: run the validation tier")
    batches, why = _load("rsfp_transport.py", "natal_benchmark_transport")._stored_analog_batches(summary["analog"], eq)
    if batches is None:
        raise SystemExit(f"{why}: run `python -m pytest -m validation tests/validation/test_acceleration.py` first")
    return batches, summary["analog"]


def fs_by_row(reference, candidate, rows) -> list[dict]:
    """f_s of the 20 printed rows (the walk's first): the candidate's relative difference from the
    reference and its z, the quantity whose bias the tier found on the atmosphere rows."""
    va, ea = reference.mean_and_error("n_sterile")
    vb, eb = candidate.mean_and_error("n_sterile")
    return [{"row": [q.rres_rc, q.B_G, q.delta], "rel_diff": round(float(vb[i] / va[i] - 1), 4),
             "z": round(float((vb[i] - va[i]) / math.hypot(ea[i], eb[i])), 2)}
            for i, q in enumerate(rows[:20])]


def timing(settings: dict[str, dict], n: int, repeats: int) -> dict:
    problems = {b: walk("accelerated", **c) for b, c in settings.items()}
    for problem in problems.values():
        transport_task(problem, SEED, 1)  # compile or load
    cpu = {b: 0.0 for b in settings}
    for k in range(repeats):
        for b, problem in problems.items():
            c0 = time.thread_time()
            transport_task(problem, SEED + 1 + k, n)
            cpu[b] += time.thread_time() - c0
    first = next(iter(settings))
    return {b: {"cpu_ms_per_neutrino": round(1e3 * cpu[b] / (n * repeats), 3),
                "ratio_to_first": round(cpu[b] / cpu[first], 3)} for b in settings}


def write(args, rows, analog_summary: dict, results: dict) -> None:
    """The results so far, with the command, the commit and the machine, to ``args.out``."""
    commit = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    out = {"command": f"python benchmarks/rsfp_acceleration_controls.py {' '.join(args.settings)} --n {args.n} "
                      f"--workers {args.workers} --timing-n {args.timing_n} --repeats {args.repeats}",
           "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "commit": commit,
           "machine": {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
                       "load_average_after": [round(x, 2) for x in os.getloadavg()]},
           "rows": len(rows), "analog": {k: analog_summary[k] for k in ("n", "batch_size", "seed")},
           "note": "'against_first' compares with the first setting's run; in its records 'analog' names that run",
           "settings": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("settings", nargs="*", default=["default", "shell_buffer=18", "shell_buffer=12"],
                        help="default, or comma-separated controls such as shell_buffer=12 "
                             "(the first is the reference)")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timing-n", type=int, default=1500)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rsfp_acceleration_controls.json")
    args = parser.parse_args(argv)
    try:
        settings = {text: setting(text) for text in args.settings}
        for controls in settings.values():
            walk("accelerated", **controls)  # KickProblem checks each value's range
    except ValueError as error:
        parser.error(str(error))
    for name in ("n", "workers", "timing_n", "repeats"):
        if getattr(args, name) < (BATCHES if name == "n" else 1):
            parser.error(f"--{name.replace('_', '-')} must be at least {BATCHES if name == 'n' else 1}")
    compare = _load("rsfp_walk_rows_equivalence.py", "natal_rows_equivalence").compare
    rows = table1_walk_rows()
    analog, analog_summary = stored_analog()
    speed = timing(settings, args.timing_n, args.repeats)
    results = {}
    runs = {}
    first = args.settings[0]
    for i, (b, controls) in enumerate(settings.items()):
        t0 = time.perf_counter()
        runs[b] = run_batches(transport_task, walk("accelerated", **controls), args.n,
                              batch_size=args.n // BATCHES, root_seed=SEED + 100 * i, scheduler="local",
                              workers=args.workers, progress=os.environ.get("NATAL_NO_PROGRESS") is None,
                              description=f"{b}, {len(rows)} rows")
        entry = {"controls": controls, "seconds": round(time.perf_counter() - t0, 1), "seed": SEED + 100 * i,
                 **speed[b],
                 "analog_epochs_per_neutrino": float(runs[b].totals["analog_epochs"]) / runs[b].n_total,
                 "jumps_per_neutrino": float(runs[b].totals["jumps"]) / runs[b].n_total,
                 "against_analog": {**compare({"analog": analog, "accelerated": runs[b]}, rows),
                                    "fs_printed_rows": fs_by_row(analog, runs[b], rows)}}
        if i:
            entry["against_first"] = {**compare({"analog": runs[first], "accelerated": runs[b]}, rows),
                                      "fs_printed_rows": fs_by_row(runs[first], runs[b], rows)}
        results[b] = entry
        write(args, rows, analog_summary, results)  # after each setting: an interrupted run keeps what it measured
    for b, e in results.items():
        a = e["against_analog"]
        line = (f"{b}: {e['cpu_ms_per_neutrino']:.2f} ms/neutrino ({e['ratio_to_first']:.2f}x), "
                f"vs analog max |z| {a['max_abs_z']:.2f}, {100 * a['fraction_abs_z_above_2']:.1f}% > 2 "
                f"(p {a['correlated_null']['p_fraction']:.2f}/{a['correlated_null']['p_max']:.2f})")
        if "against_first" in e:
            f = e["against_first"]
            line += (f"; vs {first}: max |z| {f['max_abs_z']:.2f}, {100 * f['fraction_abs_z_above_2']:.1f}% > 2 "
                     f"(p {f['correlated_null']['p_fraction']:.2f}/{f['correlated_null']['p_max']:.2f})")
        print(line)
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
