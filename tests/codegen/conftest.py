"""Fixtures of the codegen tests: a private cache folder and synthetic derivations.

Every codegen test runs against a fresh cache folder (``$NATAL_CACHE``), never the user's.
The synthetic derivations come with seeded sample points and a high-precision SymPy reference;
``bench`` is benchmarks/run.py loaded as a module.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import sympy as sp

from natal.codegen.cache import default_directory
from natal.derivations import vector
from natal.derivations.jets import to_jets
from natal.derivations.result import Derivation

x, y, z = sp.symbols("x y z", positive=True)


def shared() -> Derivation:
    """Several outputs sharing subexpressions (sin(x) exp(-y), x y), one a duplicate of another."""
    s = sp.sin(x) * sp.exp(-y)
    return Derivation(
        name="test.shared",
        ref="synthetic",
        inputs=(x, y, z),
        outputs=(
            ("f", s + x**2 / (1 + y**2) - 3 * x * y),
            ("g", s * sp.cos(z) - (x * y) ** 3 + sp.Rational(1, 3)),
            ("h", sp.sqrt(x**2 + y**2 + z**2) * s),
            ("f_again", s + x**2 / (1 + y**2) - 3 * x * y),
        ),
        units={"x": "cm", "y": "s", "f": "cm^2"},
        description="outputs with common subexpressions",
    )


def functions() -> Derivation:
    """Every supported operation: powers of all kinds, trig and inverse trig, hyperbolic, min/max."""
    t = sp.Symbol("t", real=True)
    u = x / (1 + x)  # in (0, 1): inside the domain of asin, acos, atanh
    exprs = {
        "powers": x**5 - x**-3 + x ** sp.Rational(3, 2) - x ** sp.Rational(-5, 2) + x ** sp.Rational(1, 3)
        + x**sp.Float("0.37") + x**y + x**20 - 2 * x**-1,
        "trig": sp.sin(t) * sp.cos(t) ** 2 + sp.tan(t / 4) - sp.atan2(t, x) + sp.atan(t),
        "inverse": sp.asin(u) + sp.acos(u) * sp.atanh(u) + sp.acosh(1 + x) + sp.asinh(t),
        "hyperbolic": sp.sinh(t / 3) + sp.cosh(t / 3) * sp.tanh(t) + sp.exp(-x) * sp.log(y),
        "piecewise_free": sp.Abs(t) + sp.sign(t) + sp.Min(x, y, 2) + sp.Max(x, y) + sp.floor(3 * y)
        - sp.ceiling(x),
        "constant_times": -sp.pi * sp.sqrt(2) * t * x,
    }
    return Derivation(name="test.functions", ref="synthetic", inputs=(x, y, t),
                      outputs=tuple(exprs.items()))


def trivial() -> Derivation:
    """Outputs that need no arithmetic: a constant, an argument, and a plain sum."""
    return Derivation(
        name="test.trivial",
        ref="synthetic",
        inputs=(x, y),
        outputs=(("two_pi", 2 * sp.pi), ("x_itself", x), ("total", x + y)),
    )


def curl_curl() -> Derivation:
    """curl(v x curl J) in spherical coordinates for axisymmetric J_phi(r, theta), v_r(r)."""
    r, theta = sp.symbols("r theta", positive=True)
    phi = sp.Symbol("phi", real=True)
    c = vector.spherical(r, theta, phi)
    J = (0, 0, sp.Function("J_phi")(r, theta))
    v = (sp.Function("v_r")(r), 0, 0)
    out = vector.curl(vector.cross(v, vector.curl(J, c)), c)
    outputs = tuple((f"c{k}", to_jets(e)) for k, e in zip("rtp", out) if e != 0)
    inputs = sorted(set().union(*(e.free_symbols for _, e in outputs)), key=lambda s: s.name)
    return Derivation(name="test.curl_curl", ref="synthetic", inputs=tuple(inputs), outputs=outputs)


CASES = {"shared": shared, "functions": functions, "trivial": trivial, "curl_curl": curl_curl}


def sample(derivation: Derivation, n: int, seed: int = 1) -> list[np.ndarray]:
    """Seeded points inside every expression's domain: (0.2, 1.4), angles (0.1, pi - 0.1)."""
    rng = np.random.default_rng(seed)
    return [rng.uniform(0.1, np.pi - 0.1, n) if "theta" in s.name else rng.uniform(0.2, 1.4, n)
            for s in derivation.inputs]


def reference(derivation: Derivation, args: list[np.ndarray]) -> list[np.ndarray]:
    """Every output at every point by SymPy substitution, evaluated with 30 digits."""
    n = len(args[0])
    out = []
    for _, e in derivation.outputs:
        vals = [float(e.evalf(30, subs={s: sp.Float(float(a[i]), 30)
                                        for s, a in zip(derivation.inputs, args)})) for i in range(n)]
        out.append(np.array(vals))
    return out


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    """$NATAL_CACHE set to a fresh temporary folder; returns the codegen folder inside it."""
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path / "natal-cache"))
    return default_directory()


@pytest.fixture(scope="session")
def cases():
    """The synthetic derivations (``cases.CASES[name]()``), ``sample`` and ``reference``."""
    return SimpleNamespace(CASES=CASES, shared=shared, functions=functions, trivial=trivial,
                           curl_curl=curl_curl, sample=sample, reference=reference)


RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench():
    """benchmarks/run.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("natal_benchmark_runner", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
