"""Smoke test of benchmarks/run.py: it runs, the four methods agree, the JSON has its fields.

Timings are never asserted here (DESIGN convention 7); the benchmark itself reports them.
"""

from __future__ import annotations

import json

import pytest
import sympy as sp

from natal.codegen import registry
from natal.derivations.result import Derivation


def check_report(report: dict, case: str, n: int, methods: tuple[str, ...]) -> None:
    assert {"command", "timestamp", "machine", "versions", "n", "repeat", "goal", "cases"} <= set(report)
    assert report["command"].startswith("python benchmarks/run.py --n")
    assert {"natal", "numpy", "sympy", "numba", "symengine"} <= set(report["versions"])
    (result,) = report["cases"]
    assert result["case"] == case and result["n"] == n
    assert set(result["seconds"]) >= set(methods)
    assert all(result["seconds"][m] > 0 for m in methods)
    assert all(result["median_seconds"][m] >= result["seconds"][m] for m in methods)
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


def test_largest_picks_most_operations_and_breaks_ties_by_program_length(bench, monkeypatch):
    a, b = sp.symbols("a b", positive=True)
    fake = {
        "toy.small": Derivation("toy.small", "toy", (a,), (("f", a + 1),)),
        # same operation count (3) before CSE; the second is longer after it
        "toy.shared": Derivation("toy.shared", "toy", (a, b), (("f", (a + b) * sp.exp(a + b)),)),
        "toy.plain": Derivation("toy.plain", "toy", (a, b), (("f", a * b + a / b + b),)),
        "other.big": Derivation("other.big", "toy", (a, b), (("f", a**5 * b + sp.sin(a) * b**3),)),
    }
    monkeypatch.setattr(bench.registry, "names", lambda: sorted(fake))
    monkeypatch.setattr(bench.registry, "get", fake.__getitem__)
    name, sizes = bench.largest("toy.")
    assert set(sizes) == {"toy.small", "toy.shared", "toy.plain"}
    assert sizes["toy.shared"]["operations_without_cse"] == sizes["toy.plain"]["operations_without_cse"]
    assert sizes["toy.plain"]["instructions"] > sizes["toy.shared"]["instructions"]
    assert name == "toy.plain"


def test_goal_reports_the_four_ratios_and_whether_all_are_at_most_one(bench):
    cases = [{"case": "mag.dB_dt", "ratios": {"natal_numba/symengine_llvm": 0.5,
                                               "natal_numba_1thread/symengine_llvm": 0.9}},
             {"case": "nuN.big", "ratios": {"natal_numba/symengine_llvm": 0.2,
                                             "natal_numba_1thread/symengine_llvm": 1.1}}]
    goal = bench.goal(cases)
    assert goal["ratios"] == {"mag.dB_dt": {"threads": 0.5, "one_thread": 0.9},
                              "nuN.big": {"threads": 0.2, "one_thread": 1.1}}
    assert goal["met"] is False
    cases[1]["ratios"]["natal_numba_1thread/symengine_llvm"] = 1.0
    assert bench.goal(cases)["met"] is True
    del cases[0]["ratios"]["natal_numba/symengine_llvm"]  # SymEngine unavailable: not met
    assert bench.goal(cases)["met"] is False
