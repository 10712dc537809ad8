"""Evaluators by name without SymPy: natal.codegen.stored, and the numeric layer that uses it."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import pytest

import natal.numerics

_NUMERICS = sorted(m.name for m in pkgutil.walk_packages(natal.numerics.__path__, "natal.numerics."))


def _python(code: str, cache) -> dict:
    env = {**os.environ, "NATAL_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", _NUMERICS)
def test_importing_the_numeric_layer_imports_no_sympy(module, tmp_path):
    code = f"import importlib, json, sys; importlib.import_module({module!r}); print(json.dumps('sympy' in sys.modules))"
    assert _python(code, tmp_path) is False


def test_a_built_evaluator_loads_by_name_without_sympy(tmp_path):
    code = ("import json, sys; from natal.codegen import stored; "
            "ev = stored.build('mag.collapse_rate'); "
            "print(json.dumps({'sympy': 'sympy' in sys.modules, 'inputs': ev.inputs, 'doc': ev.__doc__, "
            "'values': [float(x) for x in ev(1.0e8, 0.3, 1.2)]}))")
    first = _python(code, tmp_path)  # derives, generates and remembers
    second = _python(code, tmp_path)
    assert first["sympy"] is True and second["sympy"] is False
    assert second["inputs"] == first["inputs"] and second["doc"] == first["doc"]
    assert second["values"] == first["values"]


def test_a_missing_module_is_built_again(tmp_path):
    code = ("import json, sys; from natal.codegen import stored; "
            "ev = stored.build('mag.core_density'); print(json.dumps(str(ev.path)))")
    path = _python(code, tmp_path)
    os.remove(path)  # the listing remembers a module that is gone: build it again, never fail
    assert _python(code, tmp_path) == path and os.path.exists(path)
