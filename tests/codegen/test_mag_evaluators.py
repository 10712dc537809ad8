"""The registered `mag` evaluators, both backends, against SymPy at seeded random points."""

import numpy as np
import pytest
import sympy as sp

from natal.codegen import evaluator, registry


@pytest.mark.parametrize("backend", ["numpy", "numba"])
@pytest.mark.parametrize("name", ["mag.dBz_dt", "mag.force", "mag.dB_dt", "mag.weak_charges"])
def test_mag_evaluator_matches_subs(name, backend):
    d = registry.get(name)
    f = evaluator(d, backend=backend)
    rng = np.random.default_rng(2026)
    points = []
    for s in d.inputs:
        lo, hi = (0.2, np.pi - 0.2) if s.name in ("theta", "psi") else (0.5, 2.0)
        points.append(rng.uniform(lo, hi, size=5) * (rng.choice([-1, 1]) if not s.is_positive else 1))
    got = f(*points)
    got = got if isinstance(got, tuple) else (got,)
    for j in range(5):
        at = {s: sp.Float(p[j], 30) for s, p in zip(d.inputs, points)}
        for (out_name, expr), value in zip(d.outputs, got):
            exact = float(expr.xreplace(at).evalf(30))
            assert value[j] == pytest.approx(exact, rel=1e-11, abs=1e-12 * (1 + abs(exact))), out_name
