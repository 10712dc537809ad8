"""The verdict store: a warm `natal verify` reads what an earlier run derived, and only while every
source, library and registered check is unchanged; a damaged entry is rebuilt, never used."""

from __future__ import annotations

import json
import logging

import pytest

from natal import cli, source_store, verdict, verify


def _toy():
    return verdict.Verdict("given", "m", note="a definition")


@pytest.fixture
def toy_registry(monkeypatch, tmp_path):
    """One toy check, a private cache, and a count of the runs that derived."""
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(verify, "REGISTRY", {"mag:eq1": verdict.Check("mag:eq1", "mag", "1", "toy", _toy)})
    monkeypatch.setattr(verify, "_load", lambda paper=None: None)
    runs = []
    real_run = verify.run

    def counted(*args, **kwargs):
        runs.append(args)
        return real_run(*args, **kwargs)

    monkeypatch.setattr(verify, "run", counted)
    return runs


def _verify(tmp_path, *flags):
    out = tmp_path / "v.json"
    assert cli.main(["verify", "--paper", "mag", "--quiet", "--json", str(out), *flags]) == 0
    return json.loads(out.read_text())["checks"]


def test_a_second_run_reads_the_store_and_fresh_derives_again(toy_registry, tmp_path, capsys):
    first = _verify(tmp_path)
    assert len(toy_registry) == 1
    second = _verify(tmp_path)
    assert len(toy_registry) == 1 and second == first
    assert "verdicts from the store" in capsys.readouterr().err
    _verify(tmp_path, "--fresh")
    assert len(toy_registry) == 2


def test_the_key_follows_sources_checks_and_selection(monkeypatch, tmp_path):
    toy = {"mag:eq1": verdict.Check("mag:eq1", "mag", "1", "toy", _toy)}
    monkeypatch.setattr(verify, "_load", lambda paper=None: None)
    monkeypatch.setattr(verify, "REGISTRY", toy)
    base = verify.store_key("mag")
    assert verify.store_key("mag") == base
    assert verify.store_key(None) != base
    monkeypatch.setattr(verify, "REGISTRY", {"mag:eq1": verdict.Check("mag:eq1", "mag", "1", "toy", _verify)})
    assert verify.store_key("mag") != base
    monkeypatch.setattr(verify, "REGISTRY", toy)
    source = tmp_path / "derivation.py"
    source.write_text("x = 1\n")
    files = source_store._package_files()
    monkeypatch.setattr(source_store, "_package_files", lambda: [*files, ("natal/derivation.py", source)])
    edited = verify.store_key("mag")
    source.write_text("x = 2\n")  # one edited source recomputes everything
    assert edited != base and verify.store_key("mag") != edited


def test_a_damaged_entry_is_named_and_rebuilt(toy_registry, tmp_path, caplog):
    _verify(tmp_path)
    (entry,) = (tmp_path / "cache" / "verify").iterdir()
    data = json.loads(entry.read_text())
    data["body"]["records"][0]["status"] = "agrees"  # a body that no longer matches its hash
    entry.write_text(json.dumps(data))
    with caplog.at_level(logging.WARNING, logger="natal"):
        records = _verify(tmp_path)
    assert len(toy_registry) == 2 and records[0]["status"] == "given"
    assert "damaged" in caplog.text and "does not match its hash" in caplog.text
    entry.write_bytes(b"\x00garbage")
    with caplog.at_level(logging.WARNING, logger="natal"):
        _verify(tmp_path)
    assert len(toy_registry) == 3 and "not valid JSON" in caplog.text
    _verify(tmp_path)
    assert len(toy_registry) == 3  # the rebuilt entry is used
    body = {"records": "not a list", "page": None}
    entry.write_text(json.dumps({"key": data["key"], "body_sha256": source_store._sha256(body), "body": body}))
    with caplog.at_level(logging.WARNING, logger="natal"):
        _verify(tmp_path)
    assert len(toy_registry) == 4 and "not a list of check records" in caplog.text


def test_a_run_with_an_error_is_not_stored(monkeypatch, tmp_path):
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path / "cache"))

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(verify, "REGISTRY", {"mag:eq1": verdict.Check("mag:eq1", "mag", "1", "toy", broken)})
    monkeypatch.setattr(verify, "_load", lambda paper=None: None)
    assert cli.main(["verify", "--paper", "mag", "--quiet"]) == 1
    assert not (tmp_path / "cache" / "verify").exists() or not any((tmp_path / "cache" / "verify").iterdir())
