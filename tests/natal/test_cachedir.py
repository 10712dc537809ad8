"""natal.cachedir: cache folders are created private, and what others could write is refused.

The tests run as whatever user runs them (often root in containers), so a foreign owner is made
by pretending to be another user (``os.getuid``) rather than by ``chown``.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from natal import cachedir
from natal.cachedir import UntrustedCacheError, private_dir, read_file, remove_folder

posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def root(tmp_path, monkeypatch):
    """$NATAL_CACHE pointing at a folder that does not exist yet."""
    path = tmp_path / "home" / "cache" / "natal"
    monkeypatch.setenv("NATAL_CACHE", str(path))
    return path


@pytest.fixture
def umask():
    """Set the process umask for one test (restored afterwards)."""
    saved = os.umask(0o022)
    yield os.umask
    os.umask(saved)


def assert_one_line(error: UntrustedCacheError, path: Path, *words: str) -> None:
    text = str(error)
    assert "\n" not in text and str(path) in text
    for word in words:
        assert word in text


def as_another_user(monkeypatch) -> int:
    """Pretend to run as a user who owns none of the files; returns that uid."""
    uid = os.getuid() + 4242
    monkeypatch.setattr(os, "getuid", lambda: uid)
    return uid


@posix_only
@pytest.mark.parametrize("mask", [0o022, 0o002, 0o277])
def test_created_folders_are_private_whatever_the_umask(root, umask, mask):
    umask(mask)
    path = private_dir(root / "codegen" / "sub")
    assert path.is_dir()
    for p in (root.parent.parent, root.parent, root, root / "codegen", path):
        assert mode(p) == 0o700, p


def test_cache_root_fallbacks(monkeypatch, tmp_path):
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path / "a"))
    assert cachedir.cache_root() == tmp_path / "a"
    monkeypatch.delenv("NATAL_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cachedir.cache_root() == tmp_path / "xdg" / "natal"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cachedir.cache_root() == tmp_path / "home" / ".cache" / "natal"


@posix_only
def test_an_existing_folder_that_only_its_owner_writes_is_used_as_it_is(root):
    root.mkdir(parents=True, mode=0o755)
    os.chmod(root, 0o755)
    private_dir(root / "codegen")
    assert mode(root) == 0o755  # not someone's business to tighten
    assert mode(root / "codegen") == 0o700


@posix_only
@pytest.mark.parametrize("bits, who", [(0o777, "group and others"), (0o775, "group"), (0o757, "others")])
def test_a_folder_others_can_write_is_refused_in_one_line(root, bits, who):
    folder = private_dir(root / "codegen")
    os.chmod(folder, bits)
    with pytest.raises(UntrustedCacheError) as caught:
        private_dir(folder)
    assert_one_line(caught.value, folder, f"writable by {who}", f"chmod go-w {folder}", "NATAL_CACHE")
    assert mode(folder) == bits  # refused, not silently changed


@posix_only
def test_the_root_above_a_cache_folder_is_checked_too(root):
    private_dir(root / "derivations")
    os.chmod(root, 0o777)
    with pytest.raises(UntrustedCacheError) as caught:
        private_dir(root / "derivations")
    assert_one_line(caught.value, root, "writable by group and others")


@posix_only
def test_a_folder_given_outside_the_root_is_checked_alone(root, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp: only the folder natal uses must be private
    assert mode(private_dir(shared / "mine")) == 0o700


@posix_only
def test_a_folder_of_another_user_is_refused(root, monkeypatch):
    folder = private_dir(root / "codegen")
    owner = os.stat(folder).st_uid
    uid = as_another_user(monkeypatch)
    with pytest.raises(UntrustedCacheError) as caught:
        private_dir(folder)
    assert_one_line(caught.value, root, f"owned by uid {owner}", f"(uid {uid})")


def test_a_file_where_a_folder_belongs_is_refused(root):
    private_dir(root)
    (root / "codegen").write_text("not a folder")
    with pytest.raises(UntrustedCacheError) as caught:
        private_dir(root / "codegen" / "deeper")
    assert_one_line(caught.value, root / "codegen", "not a folder")


@posix_only
def test_symlinks_are_judged_by_the_folder_they_lead_to(root, tmp_path):
    mine = tmp_path / "disk" / "mine"
    mine.mkdir(parents=True, mode=0o700)
    root.parent.mkdir(parents=True)
    root.symlink_to(mine)
    private_dir(root / "codegen")
    assert (mine / "codegen").is_dir()
    os.chmod(mine, 0o777)
    with pytest.raises(UntrustedCacheError):
        private_dir(root / "codegen")


# --- files ---------------------------------------------------------------------------------------

@pytest.fixture
def folder(root):
    return private_dir(root / "derivations")


def test_a_private_or_read_only_file_is_read(folder):
    path = folder / "f.json"
    path.write_bytes(b"\x00data")
    for bits in (0o600, 0o644, 0o400):
        os.chmod(path, bits)
        assert read_file(path) == b"\x00data"


@posix_only
@pytest.mark.parametrize("bits", [0o666, 0o620, 0o602])
def test_a_file_others_can_write_is_refused_in_one_line(folder, bits):
    path = folder / "f.json"
    path.write_text("{}")
    os.chmod(path, bits)
    with pytest.raises(UntrustedCacheError) as caught:
        read_file(path)
    assert_one_line(caught.value, path, "file is writable by", f"chmod go-w {path}")


@posix_only
def test_a_file_of_another_user_is_refused(folder, monkeypatch):
    path = folder / "f.json"
    path.write_text("{}")
    as_another_user(monkeypatch)
    with pytest.raises(UntrustedCacheError) as caught:
        read_file(path)
    assert_one_line(caught.value, path, "file is owned by uid")


def test_absent_file_and_folder_in_its_place_are_told_apart(folder):
    with pytest.raises(FileNotFoundError):
        read_file(folder / "absent.json")
    (folder / "dir.json").mkdir()
    with pytest.raises(IsADirectoryError):
        read_file(folder / "dir.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(folder):
    path = folder / "f.json"
    os.mkfifo(path, 0o600)
    with pytest.raises(UntrustedCacheError) as caught:
        read_file(path)
    assert_one_line(caught.value, path, "not a regular file")


def test_remove_folder_removes_the_users_folder_only(folder, monkeypatch):
    path = folder / "f.json"
    (path / "inner").mkdir(parents=True)
    (path / "inner" / "x").write_text("x")
    remove_folder(path)
    assert not os.path.lexists(path)
    remove_folder(path)  # nothing there: nothing to do
    if hasattr(os, "getuid"):
        path.mkdir()
        as_another_user(monkeypatch)
        with pytest.raises(UntrustedCacheError) as caught:
            remove_folder(path)
        assert_one_line(caught.value, path, "owned by uid")
        assert path.is_dir()


def test_error_is_a_permission_error_that_survives_pickling(tmp_path):
    error = UntrustedCacheError(tmp_path / "a\nb", "the folder is writable by others", "fix it")
    assert isinstance(error, PermissionError)
    assert "\n" not in str(error) and "a\\nb" in str(error)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and again.path == error.path


def test_without_posix_owners_only_the_kind_of_entry_is_checked(root, monkeypatch):
    folder = private_dir(root / "codegen")
    os.chmod(folder, 0o777)
    monkeypatch.setattr(cachedir, "_POSIX", False)
    private_dir(folder)
    (folder / "f").write_text("x")
    os.chmod(folder / "f", 0o666)
    assert read_file(folder / "f") == b"x"


# --- Numba's cache ----------------------------------------------------------------------------------

def import_kernels(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import natal's kernel module in a fresh process: prints where Numba caches compiled kernels."""
    env = {k: v for k, v in {**os.environ, **env}.items() if k != "NUMBA_CACHE_DIR"}
    code = "import natal.numerics.jit, numba; print(numba.config.CACHE_DIR)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=60)


def test_import_natal_changes_no_environment(root):
    env = {k: v for k, v in {**os.environ, "NATAL_CACHE": str(root)}.items() if k != "NUMBA_CACHE_DIR"}
    code = "import os; before = dict(os.environ); import natal, natal.cli, natal.verify; print(dict(os.environ) == before)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "True" and not root.exists()


@posix_only
def test_kernels_create_numbas_folder_private(root):
    run = import_kernels({"NATAL_CACHE": str(root)})
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout.strip() == str(root / "numba")
    assert mode(root / "numba") == 0o700 and mode(root) == 0o700


@posix_only
def test_numba_never_uses_a_folder_others_can_write(root):
    private_dir(root / "numba")
    os.chmod(root / "numba", 0o777)
    run = import_kernels({"NATAL_CACHE": str(root)})
    assert run.returncode == 0
    used = Path(run.stdout.strip())
    assert used != root / "numba" and not used.exists()  # a temporary folder, removed at exit
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and str(root / "numba") in lines[0] and "chmod go-w" in lines[0]


def test_numba_cache_folder_set_by_the_user_is_left_alone(root, tmp_path):
    mine = tmp_path / "numba-mine"
    env = {k: v for k, v in os.environ.items()}
    env.update(NATAL_CACHE=str(root), NUMBA_CACHE_DIR=str(mine))
    run = subprocess.run([sys.executable, "-c", "import natal.numerics.jit, numba; print(numba.config.CACHE_DIR)"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == str(mine) and not root.exists()
