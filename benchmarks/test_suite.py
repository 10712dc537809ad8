"""The README's test command from a fresh clone, with the test files spread over one process per core
and in one process, side by side in one run.

    python benchmarks/test_suite.py [--serial] [--out benchmarks/results/test_suite.json]

The repository's committed HEAD is cloned into a temporary folder and the README's test command (the
second line of its Quick start) runs there exactly as written, with an empty ``$NATAL_CACHE`` as in CI
(``.ci/run``): ``install`` is its virtual environment and ``pip install -e '.[test]'``, ``parallel``
its pytest run.  With ``--serial`` the same pytest runs again in that environment with ``-n 0`` and
another empty cache (``serial``), so the two differ only in how the files are placed.  The target
(issue 21, goal 4): the whole command (install and pytest) within 600 s on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    """The two commands of the README's Quick start (its first ```sh block)."""
    text = (ROOT / "README.md").read_text()
    block = re.search(r"^## Quick start.*?^```sh\n(.*?)^```", text, re.S | re.M)
    if block is None:
        raise SystemExit("README.md has no ```sh block under '## Quick start'")
    return [line for line in block.group(1).splitlines() if line.strip()]


def _timed(command: str, cwd: Path, cache: Path) -> tuple[float, int, str]:
    env = {**os.environ, "NATAL_CACHE": str(cache)}
    t0 = time.perf_counter()
    run = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
    tail = (run.stdout + run.stderr).strip().splitlines()[-1:]
    return time.perf_counter() - t0, run.returncode, tail[0] if tail else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serial", action="store_true", help="also run the suite in one process (-n 0)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/test_suite.json")
    args = parser.parse_args(argv)

    command = _quick_start()[1]
    install, sep, pytest = command.rpartition(" && ")
    if not sep or "pytest" not in pytest:
        raise SystemExit(f"the README's test command does not end in a pytest run: {command!r}")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    cases = {}
    with tempfile.TemporaryDirectory(prefix="natal-suite-") as tmp:
        clone = Path(tmp) / "natal"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        runs = [("install", install), ("parallel", pytest)]
        if args.serial:
            runs.append(("serial", " ".join([*shlex.split(pytest)[:3], "-n", "0"])))
        for name, line in runs:
            seconds, rc, last = _timed(line, clone, Path(tmp) / f"cache-{name}")
            cases[name] = {"command": line, "seconds": round(seconds, 1), "returncode": rc, "last_line": last,
                           "load_average_after": [round(x, 2) for x in os.getloadavg()]}
            print(f"{name:9s} {seconds:7.1f} s  rc {rc}  {last}", flush=True)
    whole = cases["install"]["seconds"] + cases["parallel"]["seconds"]
    result = {
        "command": "python benchmarks/test_suite.py" + (" --serial" if args.serial else ""),
        "readme_test_command": command, "commit": commit,
        "machine": {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version()},
        "cases": cases, "whole_command_seconds": round(whole, 1), "target_seconds": 600,
    }
    if args.serial:
        result["serial_over_parallel"] = round(cases["serial"]["seconds"] / cases["parallel"]["seconds"], 2)
        print(f"serial / parallel: {result['serial_over_parallel']:.2f}")
    print(f"whole README test command: {whole:.1f} s (target 600 s)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if all(c["returncode"] == 0 for c in cases.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
