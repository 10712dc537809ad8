"""Smoke test of benchmarks/run.py: it runs, the four methods agree, the JSON has its fields.

Timings are never asserted here (DESIGN convention 7); the benchmark itself reports them.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from natal.codegen import registry

RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("natal_benchmark_runner", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_report(report: dict, case: str, n: int, methods: tuple[str, ...]) -> None:
    assert {"timestamp", "machine", "versions", "n", "repeat", "cases"} <= set(report)
    assert {"natal", "numpy", "sympy", "numba", "symengine"} <= set(report["versions"])
    (result,) = report["cases"]
    assert result["case"] == case and result["n"] == n
    assert set(result["seconds"]) >= set(methods)
    assert all(result["seconds"][m] > 0 for m in methods)
    assert set(result["max_relative_deviation"]) == set(methods)
    assert all(d <= 1e-9 for d in result["max_relative_deviation"].values())
    assert {"lambdify/natal_numpy", "natal_numpy/symengine_llvm"} <= set(result["ratios"])


@pytest.mark.slow
def test_runner_on_the_stand_in(bench, tmp_path):
    out = tmp_path / "latest.json"
    assert bench.main(["--n", "1000", "--repeat", "1", "--out", str(out),
                       "--case", "standin.curl_curl"]) == 0
    check_report(json.loads(out.read_text()), "standin.curl_curl", 1000, bench.METHODS)


@pytest.mark.slow
def test_runner_on_mag_dB_dt(bench, tmp_path):
    if "mag.dB_dt" not in registry.names():
        pytest.skip("mag.dB_dt is not registered in natal.codegen.registry yet")
    out = tmp_path / "latest.json"
    assert bench.main(["--n", "1000", "--repeat", "1", "--out", str(out), "--case", "mag.dB_dt"]) == 0
    check_report(json.loads(out.read_text()), "mag.dB_dt", 1000, bench.METHODS)
