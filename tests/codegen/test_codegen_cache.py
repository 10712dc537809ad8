"""The module cache: content-addressed keys, verified loads, regeneration of damaged files."""

from __future__ import annotations

import importlib
import logging
import os
import stat
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

from natal.cachedir import UntrustedCacheError
from natal.codegen import emit, evaluator
from natal.codegen.cache import cache_key, default_directory, package_versions, read_verified, with_header
from natal.derivations.result import Derivation

# The submodule that generates and caches evaluators.
evaluator_module = importlib.import_module("natal.codegen.generate")
is_cached = evaluator_module.is_cached


@pytest.fixture
def generations(monkeypatch):
    """Counts how often module source is generated (a cache hit generates nothing)."""
    calls = []
    real = evaluator_module.generate

    def counting(derivation, backend):
        calls.append((derivation.name, backend))
        return real(derivation, backend)

    monkeypatch.setattr(evaluator_module, "generate", counting)
    return calls


def test_miss_writes_a_module_and_hit_reuses_it(cases, cache_dir, generations):
    d = cases.shared()
    first = evaluator(d)
    assert first.path.parent == cache_dir
    assert first.path.name.startswith("test_shared_numpy_") and first.path.suffix == ".py"
    assert generations == [("test.shared", "numpy")]
    stamp = first.path.stat().st_mtime_ns

    second = evaluator(d)
    assert generations == [("test.shared", "numpy")]  # no regeneration
    assert second.path == first.path and second.path.stat().st_mtime_ns == stamp
    assert second.module is first.module  # loaded once per process
    assert sorted(p.name for p in cache_dir.iterdir() if p.suffix == ".py") == [first.path.name]


def test_header_carries_key_and_body_hash(cases):
    d = cases.shared()
    ev = evaluator(d)
    lines = ev.source.splitlines()
    assert lines[2] == f"# natal-codegen-key: {cache_key(d, 'numpy')}"
    assert lines[3].startswith("# natal-codegen-body-sha256: ")
    assert read_verified(ev.path, cache_key(d, "numpy")) is not None
    assert read_verified(ev.path, "0" * 64) is None


def truncate(text: str) -> str:
    return text[: len(text) // 2]


def edit_body(text: str) -> str:
    # A plausible hand edit: same length, different result.
    assert "3.0" in text
    return text.replace("3.0", "4.0", 1)


def edit_key(text: str) -> str:
    head, rest = text.split("# natal-codegen-key: ", 1)
    return head + "# natal-codegen-key: " + "f" * 64 + rest[64:]


@pytest.mark.parametrize(
    "damage",
    [truncate, edit_body, edit_key, lambda t: "", lambda t: "\x00\xff garbage"],
    ids=["truncated", "edited-body", "other-key", "empty", "garbage"],
)
def test_damaged_module_is_detected_and_regenerated(cases, generations, damage):
    d = cases.shared()
    args = cases.sample(d, 5)
    path = evaluator(d).path
    good = path.read_text()
    want = evaluator(d)(*args)
    path.write_text(damage(good), encoding="utf-8", errors="surrogateescape")
    generations.clear()

    ev = evaluator(d)
    assert generations == [("test.shared", "numpy")]
    assert path.read_text() == good
    for a, b in zip(ev(*args), want):
        np.testing.assert_array_equal(a, b)


def test_binary_garbage_is_regenerated(cases, generations):
    d = cases.trivial()
    path = evaluator(d).path
    path.write_bytes(os.urandom(300))
    generations.clear()
    evaluator(d)
    assert generations == [("test.trivial", "numpy")]


def test_key_depends_on_everything_the_module_is_generated_from(cases):
    d = cases.shared()
    x, y, z = d.inputs
    base = cache_key(d, "numpy")
    assert cache_key(cases.shared(), "numpy") == base  # deterministic
    variants = [
        Derivation(d.name, d.ref, d.inputs, ((k, e + (x if k == "g" else 0)) for k, e in d.outputs),
                   d.units),
        Derivation(d.name, d.ref, (y, x, z), d.outputs, d.units),
        Derivation(d.name, d.ref, d.inputs, ((k.upper(), e) for k, e in d.outputs), d.units),
        Derivation(d.name, d.ref, d.inputs, d.outputs, {**d.units, "z": "km"}),
        Derivation(d.name, "other ref", d.inputs, d.outputs, d.units),
    ]
    keys = {base, cache_key(d, "numba")} | {cache_key(v, "numpy") for v in variants}
    assert len(keys) == 2 + len(variants)


def test_symbol_assumptions_are_part_of_the_key():
    plain, positive = sp.Symbol("x"), sp.Symbol("x", positive=True)
    keys = {cache_key(Derivation("t.x", "r", (s,), (("f", s**2),)), "numpy") for s in (plain, positive)}
    assert len(keys) == 2


def test_different_expressions_get_different_files(cases):
    d = cases.shared()
    x = d.inputs[0]
    other = Derivation(d.name, d.ref, d.inputs, ((k, e * x) for k, e in d.outputs), d.units)
    assert evaluator(d).path != evaluator(other).path


def test_cache_dir_argument(cases, tmp_path, cache_dir):
    ev = evaluator(cases.trivial(), cache_dir=tmp_path / "elsewhere")
    assert ev.path.parent == tmp_path / "elsewhere"
    assert not cache_dir.exists()


def test_default_directory_falls_back_to_home(monkeypatch, tmp_path):
    """(NATAL_CACHE and XDG_CACHE_HOME: tests/natal/test_cli_help.py.)"""
    for name in ("NATAL_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_directory() == tmp_path / "home" / ".cache" / "natal" / "codegen"


def test_the_key_names_library_versions_and_an_absent_one():
    assert package_versions("numpy", "no-such-distribution-natal") == {
        "numpy": np.__version__, "no-such-distribution-natal": "absent"}


def test_writes_leave_no_temporary_files(cases, cache_dir):
    evaluator(cases.shared())
    evaluator(cases.trivial())
    assert all(not p.name.startswith(".") for p in cache_dir.iterdir())


def test_numba_module_is_cached_too(cases, generations):
    d = cases.trivial()
    first = evaluator(d, "numba")
    second = evaluator(d, "numba")
    assert generations == [("test.trivial", "numba")]
    assert first.path == second.path and "_numba_" in first.path.name
    assert first.path != evaluator(d, "numpy").path


def test_generated_source_does_not_depend_on_the_hash_seed():
    """Same derivation, different PYTHONHASHSEED: byte-identical modules (and so the same file)."""
    script = """
import hashlib
import sympy as sp
from natal.derivations import vector
from natal.derivations.jets import to_jets
from natal.derivations.result import Derivation
from natal.codegen.generate import generate

r, theta = sp.symbols("r theta", positive=True)
c = vector.spherical(r, theta, sp.Symbol("phi", real=True))
J = tuple(sp.Function(f"J{k}")(r, theta) for k in "rtp")
v = tuple(sp.Function(f"v{k}")(r, theta) for k in "rtp")
out = [to_jets(e) for e in vector.curl(vector.cross(v, vector.curl(J, c)), c)]
s = sp.symbols("s0:8")
out.append(sum(s[i] * s[j] for i in range(8) for j in range(i)))  # every factor ties
inputs = sorted(set().union(*(e.free_symbols for e in out)), key=lambda s: s.name)
d = Derivation("test.seed", "synthetic", tuple(inputs), tuple(zip(("a", "b", "c", "d"), out)))
print(hashlib.sha256((generate(d, "numpy") + generate(d, "numba")).encode()).hexdigest())
"""
    digests = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        digests.add(run.stdout.strip())
    assert len(digests) == 1


# --- a folder in a module's place; trust -----------------------------------------------------------

posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")


def test_a_folder_in_place_of_a_module_is_replaced_with_one_warning(cases, generations, caplog):
    d = cases.shared()
    path = evaluator(d).path
    good = path.read_text()
    path.unlink()
    (path / "inner").mkdir(parents=True)
    (path / "inner" / "x.py").write_text("x = 1\n")
    generations.clear()
    assert not is_cached(d)

    with caplog.at_level(logging.WARNING, logger="natal.codegen.cache"):
        ev = evaluator(d)
    assert generations == [("test.shared", "numpy")]
    assert path.is_file() and path.read_text() == good and ev.path == path
    [line] = [r.getMessage() for r in caplog.records if r.name == "natal.codegen.cache"]
    assert "\n" not in line and str(path) in line


@posix_only
def test_a_folder_of_another_user_in_place_of_a_module_is_refused(cases, monkeypatch):
    d = cases.trivial()
    path = evaluator(d).path
    path.unlink()
    path.mkdir()
    real = os.lstat

    def lstat(p, *args, **kwargs):  # the folder, and only it, belongs to someone else
        st = real(p, *args, **kwargs)
        if os.fspath(p) == os.fspath(path):
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid + 4242,
                                   st.st_gid, st.st_size, st.st_atime, st.st_mtime, st.st_ctime))
        return st

    monkeypatch.setattr(os, "lstat", lstat)
    with pytest.raises(UntrustedCacheError) as caught:
        evaluator(d)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.is_dir()


@posix_only
def test_cache_folder_and_modules_are_private_and_emitted_modules_readable(cases, cache_dir, tmp_path):
    path = evaluator(cases.trivial()).path
    assert stat.S_IMODE(os.stat(cache_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(cache_dir.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    emitted = emit(cases.trivial(), tmp_path / "out")
    assert stat.S_IMODE(os.stat(emitted).st_mode) == 0o644


def planted(cases, marker):
    """The trivial derivation's cached module with a line that creates ``marker`` when executed,
    under a header whose key and body hash are right: only the trust check stands in the way."""
    d = cases.trivial()
    path = evaluator(d).path
    key = cache_key(d, "numpy")
    body = read_verified(path, key)
    path.write_text(with_header(key, f"open({str(marker)!r}, 'w').close()\n" + body))
    return d, path


@posix_only
def test_a_module_others_can_write_is_refused_never_executed(cases, tmp_path, generations):
    marker = tmp_path / "executed"
    d, path = planted(cases, marker)
    os.chmod(path, 0o666)
    generations.clear()
    with pytest.raises(UntrustedCacheError) as caught:
        evaluator(d)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert "chmod go-w" in str(caught.value)
    assert not marker.exists() and generations == []
    with pytest.raises(UntrustedCacheError):
        is_cached(d)


@posix_only
@pytest.mark.parametrize("bits", [0o777, 0o770, 0o707])
def test_a_cache_folder_others_can_write_is_refused(cases, cache_dir, tmp_path, bits):
    marker = tmp_path / "executed"
    d, _ = planted(cases, marker)
    os.chmod(cache_dir, bits)
    with pytest.raises(UntrustedCacheError) as caught:
        evaluator(d)
    assert "\n" not in str(caught.value) and str(cache_dir) in str(caught.value)
    assert not marker.exists()
    assert stat.S_IMODE(os.stat(cache_dir).st_mode) == bits  # refused, not silently changed


@posix_only
def test_a_cache_of_another_user_is_refused(cases, tmp_path, monkeypatch):
    marker = tmp_path / "executed"
    d, _ = planted(cases, marker)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path).st_uid + 4242)
    with pytest.raises(UntrustedCacheError, match="owned by uid"):
        evaluator(d)
    assert not marker.exists()


def test_is_cached_creates_no_folder(cases, cache_dir):
    assert not is_cached(cases.trivial())
    assert not cache_dir.exists() and not cache_dir.parent.exists()
