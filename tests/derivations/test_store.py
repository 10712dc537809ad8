"""derivations.store: derivation results survive a process, and never a change of their sources;
damaged records are rebuilt with one warning line, and stored text is never evaluated."""

import hashlib
import json
import logging
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import sympy as sp

from natal.cachedir import UntrustedCacheError
from natal.derivations import store

x = sp.Symbol("x", positive=True)
MODULES = ("natal.derivations.series",)
posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh $NATAL_CACHE; returns the store's folder inside it."""
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "derivations"


@pytest.fixture
def calls():
    return []


@pytest.fixture
def derive(calls):
    def derive():
        calls.append(1)
        return {"e": x + sp.Rational(1, 3), "f": sp.Symbol("y", real=True) ** 2}
    return derive


@pytest.fixture
def warnings_(caplog):
    """The store's warning lines."""
    caplog.set_level(logging.WARNING, logger=store.__name__)
    return lambda: [r.getMessage() for r in caplog.records if r.name == store.__name__]


def record_text(name: str, exprs: dict, key: str | None = None) -> str:
    """A record whose key and body hash are right, whatever its expressions say."""
    body = json.dumps(exprs, sort_keys=True)
    return json.dumps({"name": name, "key": key or store.source_key(MODULES),
                       "body_sha256": hashlib.sha256(body.encode()).hexdigest(), "exprs": exprs})


def test_round_trip_keeps_assumptions_and_skips_the_derivation(tmp_path, monkeypatch):
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path))
    calls = []

    def derive():
        calls.append(1)
        return {"e": sp.sqrt(x**2) + sp.Rational(1, 3)}

    first = store.cached("demo", MODULES, derive)
    second = store.cached("demo", MODULES, derive)
    assert calls == [1]
    assert second["e"] == first["e"] == x + sp.Rational(1, 3)  # x positive: sqrt(x^2) = x survives the store
    assert (tmp_path / "derivations" / "demo.json").exists()


def test_other_sources_or_a_damaged_file_rederive(tmp_path, monkeypatch):
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path))
    calls = []

    def derive():
        calls.append(1)
        return {"e": x + 1}

    store.cached("demo", MODULES, derive)
    store.cached("demo", ("natal.derivations.series", "natal.derivations.jets"), derive)  # another key: derived again
    assert len(calls) == 2
    path = tmp_path / "derivations" / "demo.json"
    record = json.loads(path.read_text())
    record["exprs"]["e"] = "Integer(7)"  # edited body: its hash no longer matches
    path.write_text(json.dumps(record))
    assert store.cached("demo", ("natal.derivations.series", "natal.derivations.jets"), derive)["e"] == x + 1
    path.write_text("{truncated")
    assert store.cached("demo", ("natal.derivations.series", "natal.derivations.jets"), derive)["e"] == x + 1
    assert len(calls) == 4


def test_store_files_and_folders_are_private(cache, derive):
    store.cached("demo", MODULES, derive)
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cache.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cache / "demo.json").st_mode) == 0o600


# --- damage: rebuilt, with one warning line ---------------------------------------------------------

def good(name="demo"):
    return json.loads(record_text(name, {"e": sp.srepr(x + sp.Rational(1, 3)),
                                         "f": sp.srepr(sp.Symbol("y", real=True) ** 2)}))


def _with(**fields):
    return lambda path: path.write_text(json.dumps({**good(), **fields}))


def _rehashed(exprs):
    return lambda path: path.write_text(record_text("demo", exprs))


def _folder(path):
    (path / "inner").mkdir(parents=True)
    (path / "inner" / "file").write_text("x")


DAMAGE = {
    "json-list": lambda p: p.write_text("[]"),
    "json-string": lambda p: p.write_text('"record"'),
    "json-null": lambda p: p.write_text("null"),
    "exprs-a-list": _with(exprs=["Integer(1)"]),
    "expr-not-text": lambda p: p.write_text(record_text("demo", {"e": 1, "f": "Integer(2)"})),
    "key-missing": lambda p: p.write_text(json.dumps({k: v for k, v in good().items() if k != "key"})),
    "key-not-a-hash": _with(key="sources changed"),
    "key-a-number": _with(key=12),
    "field-missing": lambda p: p.write_text(json.dumps({k: v for k, v in good().items() if k != "name"})),
    "extra-field": _with(code="print(1)"),
    "hash-mismatch": _with(body_sha256="0" * 64),
    "truncated": lambda p: p.write_text(record_text("demo", good()["exprs"])[:-40]),
    "empty": lambda p: p.write_text(""),
    "binary": lambda p: p.write_bytes(os.urandom(200) + b"\xff\xfe"),
    "deep-json": lambda p: p.write_text("[" * 100_000),
    "other-name": lambda p: p.write_text(record_text("other", good()["exprs"])),
    "folder": _folder,
    "unparsable": _rehashed({"e": "Add(Symbol('x'),", "f": "Integer(1)"}),
    "unknown-constructor": _rehashed({"e": "Matrix(Integer(1))", "f": "Integer(1)"}),
    "bad-arguments": _rehashed({"e": "Rational(Symbol('x'), Integer(2))", "f": "Integer(1)"}),
    "not-an-expression": _rehashed({"e": "Integer", "f": "Integer(1)"}),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_record_is_rebuilt_with_one_warning_line(cache, derive, calls, warnings_, damage):
    first = store.cached("demo", MODULES, derive)
    path = cache / "demo.json"
    path.unlink()
    damage(path)

    assert store.cached("demo", MODULES, derive) == first
    assert len(calls) == 2
    [line] = warnings_()
    assert "\n" not in line and str(path) in line and "rebuilding" in line

    # The repair was written: the next call reads it, silently.
    assert json.loads(path.read_text())["name"] == "demo"
    assert store.cached("demo", MODULES, derive) == first
    assert len(calls) == 2 and len(warnings_()) == 1


def test_first_run_and_changed_sources_rebuild_silently(cache, derive, calls, warnings_):
    store.cached("demo", MODULES, derive)
    path = cache / "demo.json"
    path.write_text(json.dumps({**good(), "key": "f" * 64}))  # written by other sources
    store.cached("demo", MODULES, derive)
    store.cached("demo", MODULES, derive)
    assert len(calls) == 2 and warnings_() == []


def test_records_of_an_older_layout_rebuild_silently(cache, derive, calls, warnings_):
    # The first layout: no name, and a key of the SymPy version and the sources alone.
    old_key = hashlib.sha256(f"sympy {sp.__version__}\n".encode())
    old_key.update(b"series\n" + (Path(store.__file__).parent / "series.py").read_bytes())
    record = {k: v for k, v in good().items() if k != "name"}
    record["key"] = old_key.hexdigest()
    cache.mkdir(parents=True)
    (cache / "demo.json").write_text(json.dumps(record))
    store.cached("demo", MODULES, derive)
    assert calls == [1] and warnings_() == []


def test_warning_is_one_line_on_stderr():
    """Without any logging set up, the warning is exactly one line of the process's stderr."""
    script = """
import json
import sympy as sp
from natal.derivations import store
path = store.directory() / "demo.json"
path.parent.mkdir(parents=True)
path.write_text("[]")
out = store.cached("demo", ("natal.derivations.series",), lambda: {"e": sp.Integer(1)})
assert out == {"e": 1} and json.loads(path.read_text())["name"] == "demo"
"""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NATAL_CACHE": tmp}
        run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                             timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert "demo.json" in lines[0] and "rebuilding" in lines[0] and "not an object" in lines[0]


# --- stored text is parsed, never evaluated ------------------------------------------------------------

def attacks(marker):
    """Texts that would create ``marker`` (or reach Python internals) if they were evaluated."""
    run = f"__import__('os').system('touch {marker}')"
    opener = f"open({str(marker)!r}, 'w')"
    return [
        run,
        opener,
        f"Add(Symbol('x'), {run})",
        f"Symbol('x', positive={run})",
        f"Tuple({run!r})",  # Tuple would sympify a string argument, which evaluates it
        f"sin({run!r})",
        f"Symbol({run!r}).func({run!r})",
        "Symbol.__init__.__globals__",
        f"Symbol.__init__.__globals__['__builtins__']['exec']({run!r})",
        "Symbol('x').__class__",
        "Integer(1).__class__.__mro__[-1].__subclasses__()",
        f"Function('f')(Symbol('x'))({run!r})",
        f"(lambda: {run})()",
        f"[{run}][0]",
        "Symbol('__import__')",
        f"Symbol(*[{run!r}])",
        "Symbol('x', **{'positive': True})",
        f"Float({run!r})",
        f"eval({run!r})",
        f"S({run!r})",
        f"sympify({run!r})",
        f"Integer({run})",
    ]


def test_parse_rejects_everything_but_constructors_of_literals(tmp_path):
    marker = tmp_path / "pwned"
    for text in attacks(marker):
        with pytest.raises((ValueError, TypeError, SyntaxError)):
            store.parse(text)
    assert not marker.exists()


def test_a_malicious_record_is_never_evaluated_and_is_rebuilt(cache, derive, calls, warnings_, tmp_path):
    marker = tmp_path / "pwned"
    first = store.cached("demo", MODULES, derive)
    path = cache / "demo.json"
    for n, text in enumerate(attacks(marker), start=1):
        path.write_text(record_text("demo", {"e": text, "f": "Integer(1)"}))  # key and hash right
        assert store.cached("demo", MODULES, derive) == first
        assert not marker.exists(), text
        assert len(calls) == 1 + n and len(warnings_()) == n


TRICKY = [
    sp.Float("0.1", 30),
    sp.Float("-2.5e-300", 5),
    sp.Float(1.5) * x,
    sp.Rational(-7, 3) * x,
    sp.Integer(-5) + x,
    sp.Integer(10) ** 40 + x,
    -x,
    sp.Symbol("n", integer=True, nonnegative=True) ** 3,
    sp.Symbol("z", real=True) + sp.Symbol("z"),  # same name, different assumptions: two symbols
    sp.Symbol("A", commutative=False) * sp.Symbol("B", commutative=False),
    sp.Dummy("d", positive=True) * x,
    sp.sqrt(2) * x ** sp.Rational(-3, 2),
    sp.exp(-x) * sp.sin(x) + sp.log(x) * sp.cos(x) - sp.tanh(x),
    sp.atan2(x, 1) + sp.Abs(sp.Symbol("t", real=True)) + sp.Min(x, 2) + sp.Max(x, sp.Rational(1, 2)),
    sp.Function("f")(x, sp.Symbol("y")) + sp.Function("g")(x) ** 2,
    sp.I * x + sp.E + sp.pi + sp.EulerGamma,
    sp.oo, -sp.oo, sp.zoo, sp.nan,
    sp.Tuple(x, sp.Integer(1), sp.Rational(1, 2)),
    sp.factorial(sp.Symbol("k", integer=True)),
]


def assumptions(e):
    return sorted((s.name, str(s.assumptions0)) for s in e.atoms(sp.Symbol))


@pytest.mark.parametrize("e", TRICKY, ids=[str(i) for i in range(len(TRICKY))])
def test_parse_reads_srepr_back_exactly(e):
    text = sp.srepr(e)
    back = store.parse(text)
    assert (back == e) or (e is sp.nan and back is sp.nan)
    assert sp.srepr(back) == text and assumptions(back) == assumptions(e)
    if isinstance(e, sp.Float):
        assert back._prec == e._prec


@pytest.mark.parametrize("antineutrino", [False, True], ids=["nu", "nubar"])
def test_parse_reads_the_stored_collision_moments_back_exactly(antineutrino):
    from natal.derivations.nuN import drift_flux

    moment = drift_flux.collision_moment(antineutrino)
    for e in (moment["h_0"], moment["h_1"], moment["B_0"], moment["B_1"]):
        back = store.parse(sp.srepr(e))
        assert back == e and assumptions(back) == assumptions(e)


def test_a_result_the_reader_would_reject_is_refused_when_saved(cache):
    with pytest.raises(ValueError, match=r"demo\['m'\] cannot be stored.*Matrix"):
        store.cached("demo", MODULES, lambda: {"m": sp.Matrix([[x]])})


# --- trust ---------------------------------------------------------------------------------------------


@posix_only
def test_a_store_others_can_write_is_refused_not_read(cache, derive, calls):
    store.cached("demo", MODULES, derive)
    os.chmod(cache, 0o777)
    with pytest.raises(UntrustedCacheError) as caught:
        store.cached("demo", MODULES, derive)
    assert "\n" not in str(caught.value) and str(cache) in str(caught.value)
    assert calls == [1]


@posix_only
def test_a_record_others_can_write_is_refused_not_read(cache, derive, calls):
    store.cached("demo", MODULES, derive)
    path = cache / "demo.json"
    os.chmod(path, 0o666)
    before = path.read_text()
    with pytest.raises(UntrustedCacheError) as caught:
        store.cached("demo", MODULES, derive)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.read_text() == before and calls == [1]


@posix_only
def test_a_store_of_another_user_is_refused(cache, derive, monkeypatch):
    store.cached("demo", MODULES, derive)
    monkeypatch.setattr(os, "getuid", lambda: 4242)
    with pytest.raises(UntrustedCacheError, match="owned by uid"):
        store.cached("demo", MODULES, derive)


def refuse(*args, **kwargs):
    raise OSError(30, "Read-only file system")


def test_a_store_that_cannot_be_created_costs_only_the_derivation(cache, derive, calls, monkeypatch):
    monkeypatch.setattr(store.cachedir, "private_dir", refuse)
    assert store.cached("demo", MODULES, derive)["e"] == x + sp.Rational(1, 3)
    assert store.cached("demo", MODULES, derive)["e"] == x + sp.Rational(1, 3)
    assert len(calls) == 2


def test_a_store_that_cannot_be_written_costs_only_the_derivation(cache, derive, calls, monkeypatch):
    monkeypatch.setattr("natal.files.tempfile.mkstemp", refuse)
    assert store.cached("demo", MODULES, derive)["e"] == x + sp.Rational(1, 3)
    assert store.cached("demo", MODULES, derive)["e"] == x + sp.Rational(1, 3)
    assert len(calls) == 2 and not (cache / "demo.json").exists()
