"""derivations.store: derivation results survive a process, and never a change of their sources."""

import json

import sympy as sp

from natal.derivations import store

x = sp.Symbol("x", positive=True)


def test_round_trip_keeps_assumptions_and_skips_the_derivation(tmp_path, monkeypatch):
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path))
    calls = []

    def derive():
        calls.append(1)
        return {"e": sp.sqrt(x**2) + sp.Rational(1, 3)}

    first = store.cached("demo", ("series",), derive)
    second = store.cached("demo", ("series",), derive)
    assert calls == [1]
    assert second["e"] == first["e"] == x + sp.Rational(1, 3)  # x positive: sqrt(x^2) = x survives the store
    assert (tmp_path / "derivations" / "demo.json").exists()


def test_other_sources_or_a_damaged_file_rederive(tmp_path, monkeypatch):
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path))
    calls = []

    def derive():
        calls.append(1)
        return {"e": x + 1}

    store.cached("demo", ("series",), derive)
    store.cached("demo", ("series", "jets"), derive)  # another key: derived again
    assert len(calls) == 2
    path = tmp_path / "derivations" / "demo.json"
    record = json.loads(path.read_text())
    record["exprs"]["e"] = "Integer(7)"  # edited body: its hash no longer matches
    path.write_text(json.dumps(record))
    assert store.cached("demo", ("series", "jets"), derive)["e"] == x + 1
    path.write_text("{truncated")
    assert store.cached("demo", ("series", "jets"), derive)["e"] == x + 1
    assert len(calls) == 4
