"""Standalone modules: NumPy the only third-party import, same numbers in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys

import numpy as np

from natal.codegen import emit, evaluator


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports"
            names.add(node.module.split(".")[0])
    return names


def test_emitted_module_imports_only_numpy_and_the_standard_library(cases, tmp_path):
    path = emit(cases.curl_curl(), tmp_path)
    assert path == tmp_path / "test_curl_curl.py"
    third_party = imported_modules(path) - set(sys.stdlib_module_names)
    assert third_party == {"numpy"}


def test_emitted_module_runs_without_natal(cases, tmp_path):
    d = cases.shared()
    assert emit(d, tmp_path).name == "test_shared.py"
    args = cases.sample(d, 9)
    np.save(tmp_path / "args.npy", np.array(args))
    script = f"""
import sys
for name in ("natal", "sympy", "numba"):
    sys.modules[name] = None  # importing any of them now fails
sys.path.insert(0, {str(tmp_path)!r})
import numpy as np
import test_shared as m
args = np.load({str(tmp_path / 'args.npy')!r})
np.save({str(tmp_path / 'out.npy')!r}, np.array(m.evaluate(*args)))
print(m.INPUTS, m.OUTPUTS)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "('x', 'y', 'z') ('f', 'g', 'h', 'f_again')"
    got = np.load(tmp_path / "out.npy")
    want = evaluator(d)(*args)
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)
