"""Trusted values (natal.trusted): each pack evaluator's outputs at seeded points, stored with the pack,
equal what the derivations give now; a changed expression is caught."""

from __future__ import annotations

import mpmath as mp
import pytest
import sympy as sp

from natal import packs, trusted
from natal.codegen import registry
from natal.derivations.result import Derivation

x, y = sp.symbols("x y", positive=True)


def test_coordinates_are_seeded_from_the_name_and_lie_in_range():
    a, b = trusted.coordinate("x"), trusted.coordinate("y")
    assert a == trusted.coordinate("x") and a != b
    assert all(mp.mpf("0.1") <= c < mp.mpf("0.9") for c in (a, b))


def test_values_are_the_outputs_at_the_seeded_point():
    d = Derivation("toy.f", "toy Eq. 1", (x, y), (("f", x**2 * sp.exp(y)), ("g", sp.sqrt(x) - y)))
    out = trusted.values(d)
    with mp.workdps(40):
        X, Y = trusted.coordinate("x"), trusted.coordinate("y")
        assert mp.almosteq(mp.mpf(out["f"]), X**2 * mp.exp(Y), rel_eps=mp.mpf(10) ** -28)
        assert mp.almosteq(mp.mpf(out["g"]), mp.sqrt(X) - Y, rel_eps=mp.mpf(10) ** -28)


def test_compare_names_every_difference():
    stored = {"toy.f": {"f": "1.00000000000000000000000000000", "g": "2.0"}, "toy.gone": {"h": "1"}}
    assert trusted.compare(stored, {"toy.f": {"f": "1.0", "g": "2.0"}, "toy.gone": {"h": "1"}}) == []
    problems = trusted.compare(stored, {"toy.f": {"f": "1.000000000000001", "k": "3"}, "toy.new": {"h": "1"}})
    assert problems == ["toy.f.f: 1.000000000000001 where the trusted value is 1.00000000000000000000000000000",
                        "toy.f.g: output removed", "toy.f.k: output added",
                        "toy.gone: has trusted values but is no longer registered", "toy.new: no trusted values stored"]


@pytest.mark.slow
@pytest.mark.parametrize("key", [k for k, p in packs.installed().items() if p.trusted])
def test_each_pack_equals_its_trusted_values(key):
    pack = packs.get(key)
    stored = trusted.stored(pack)
    assert stored, f"{key} has no trusted values recorded (natal papers --write-trusted --paper {key})"
    assert trusted.compare(stored, trusted.computed(pack)) == []


def test_a_changed_derivation_is_caught(monkeypatch):
    real = registry.get("mag.core_density")
    (name, expr), = real.outputs
    changed = Derivation(real.name, real.ref, real.inputs, ((name, expr * (1 + sp.Rational(1, 10**12))),))
    monkeypatch.setitem(registry.REGISTRY, "mag.core_density", lambda: changed)
    registry.get.cache_clear()
    try:
        current = {"mag.core_density": trusted.values(registry.get("mag.core_density"))}
        stored = {"mag.core_density": trusted.stored(packs.get("mag"))["mag.core_density"]}
        (problem,) = trusted.compare(stored, current)
        assert problem.startswith("mag.core_density.rho_nuc:")
    finally:
        registry.get.cache_clear()
