"""The registry of named evaluators and the ``natal codegen`` command built on it."""

from __future__ import annotations

import argparse

import pytest
import sympy as sp

from natal.codegen import cli, registry
from natal.derivations.result import Derivation


@pytest.fixture
def registered(monkeypatch, cases):
    """A registry holding two synthetic evaluators, restored afterwards; counts factory calls."""
    calls = []

    def shared():
        calls.append("test.shared")
        return cases.shared()

    monkeypatch.setattr(registry, "REGISTRY", {})
    registry.get.cache_clear()
    registry.register("test.shared", shared)
    registry.register("test.trivial", cases.trivial)
    yield calls
    registry.get.cache_clear()


def test_names_get_build(registered, cache_dir):
    assert registry.names() == ["test.shared", "test.trivial"]
    d = registry.get("test.shared")
    assert registry.get("test.shared") is d and registered == ["test.shared"]  # derived once
    ev = registry.build("test.trivial", "numpy")
    assert ev.path.parent == cache_dir and ev.outputs == ("two_pi", "x_itself", "total")


def test_register_refuses_a_second_factory_under_a_name(registered, cases):
    registry.register("test.trivial", cases.trivial)  # the same one again is fine
    with pytest.raises(ValueError, match="already registered"):
        registry.register("test.trivial", cases.shared)


def test_get_checks_what_factories_return(registered, cases):
    with pytest.raises(KeyError, match="no evaluator named 'test.none'"):
        registry.get("test.none")
    registry.register("test.misnamed", cases.trivial)
    with pytest.raises(ValueError, match="returned the derivation 'test.trivial'"):
        registry.get("test.misnamed")
    registry.register("test.not_a_derivation", lambda: sp.Symbol("x"))
    with pytest.raises(TypeError, match="not a Derivation"):
        registry.get("test.not_a_derivation")


def natal_codegen(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="natal codegen")
    cli.add_arguments(parser)
    return cli.run(parser.parse_args(argv))


def test_cli_lists_builds_and_emits(registered, capsys, tmp_path, cache_dir):
    assert natal_codegen() == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["name", "ref", "inputs", "outputs", "cached"]
    assert rows[1].split() == ["test.shared", "synthetic", "3", "4", "-"]
    assert rows[2].split() == ["test.trivial", "synthetic", "2", "3", "-"]

    assert natal_codegen("--build", "test.trivial", "--backend", "all") == 0
    built = capsys.readouterr().out.splitlines()
    assert [ln.split()[:2] for ln in built] == [["test.trivial", "numpy"], ["test.trivial", "numba"]]
    assert all(ln.split()[2].startswith(str(cache_dir)) for ln in built)

    assert natal_codegen("test.trivial") == 0
    assert capsys.readouterr().out.splitlines()[1].split()[-2:] == ["numpy,", "numba"]

    assert natal_codegen("--emit", str(tmp_path / "out")) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["test_shared.py",
                                                                     "test_trivial.py"]


def test_cli_errors(registered, capsys, tmp_path):
    assert natal_codegen("test.nope") == 2
    assert "unknown evaluator(s) test.nope" in capsys.readouterr().err
    assert natal_codegen("--emit", str(tmp_path), "--backend", "numba") == 2
    assert "NumPy modules only" in capsys.readouterr().err


def test_empty_registry_lists_nothing(monkeypatch, capsys):
    monkeypatch.setattr(registry, "REGISTRY", {})
    assert natal_codegen() == 0
    assert capsys.readouterr().out.strip() == "no evaluators registered"


def test_factories_may_be_any_callable(registered):
    x = sp.Symbol("x")
    registry.register("test.lambda", lambda: Derivation("test.lambda", "synthetic", (x,), (("f", x),)))
    assert registry.get("test.lambda").output_names == ("f",)


def test_the_listing_is_stored_and_follows_the_cache(registered, cache_dir, capsys):
    """A second listing derives nothing (the rows are stored under natal's sources and the registered
    factories), yet its 'cached' column follows what is built since."""
    ns = argparse.Namespace(names=[], emit=None, build=False, backend="numpy", cache_dir=None)
    assert cli.run(ns) == 0
    first = capsys.readouterr().out
    assert registered == ["test.shared"]
    registry.get.cache_clear()
    assert cli.run(ns) == 0
    assert capsys.readouterr().out == first and registered == ["test.shared"]  # nothing derived
    registry.build("test.trivial", "numpy")
    registry.get.cache_clear()
    assert cli.run(ns) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("test.trivial"))
    assert row.split()[-1] == "numpy" and registered == ["test.shared"]
