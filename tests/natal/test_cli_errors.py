"""The natal command refuses bad values and unwritable outputs by the flag's name, before any work."""

from __future__ import annotations

from pathlib import Path

import pytest

from natal import cli, reproduce, verify
from natal.numerics.montecarlo import sphere as sphere_module


@pytest.fixture
def no_work(monkeypatch):
    """Make every command's work fail the test if it starts."""

    def started(*args, **kwargs):
        raise AssertionError("the command started its work before checking its arguments")

    monkeypatch.setattr(verify, "run", started)
    monkeypatch.setattr(reproduce, "run", started)
    monkeypatch.setattr(sphere_module, "sphere_task", started)
    monkeypatch.setattr("natal.mc.sphere_task", started)


def _unwritable(tmp_path):
    """Paths no process can create: under a regular file, and under /proc."""
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    return [blocker / "out" / "report.json", Path("/proc/natal-test/report.json")]


def _one_line_error(capsys, *words):
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert all(w in err for w in words), err
    return err


@pytest.mark.parametrize("command", [["verify", "--json"], ["mc", "sphere", "--tau", "2", "--n", "40", "--json"]])
def test_unwritable_json_fails_first_with_one_line(tmp_path, capsys, no_work, command):
    for path in _unwritable(tmp_path):
        assert cli.main([*command, str(path)]) == 2
        _one_line_error(capsys, "--json", str(path))


def test_unwritable_or_wrong_output_folders(tmp_path, capsys, no_work):
    for path in _unwritable(tmp_path):
        assert cli.main(["reproduce", "--paper", "nuN", "--out", str(path.parent)]) == 2
        _one_line_error(capsys, "--out")
        assert cli.main(["codegen", "--emit", str(path.parent)]) == 2
        _one_line_error(capsys, "--emit")
    assert cli.main(["verify", "--json", str(tmp_path)]) == 2  # a folder where a file is wanted
    _one_line_error(capsys, "--json", "is a folder")


@pytest.mark.parametrize("argv, flag", [
    (["reproduce", "--paper", "rsfp", "--n", "-5"], "--n"),
    (["reproduce", "--paper", "rsfp", "--n", "ten"], "--n"),
    (["reproduce", "--paper", "rsfp", "--seed", "-1"], "--seed"),
    (["reproduce", "--paper", "rsfp", "--workers", "0"], "--workers"),
    (["reproduce", "--paper", "rsfp", "--scheduler", "nowhere"], "--scheduler"),
    (["reproduce", "--paper", "rsfp", "--full", "--n", "100"], "--n"),
    (["mc", "sphere", "--tau", "2", "--n", "40", "--batch-size", "0"], "--batch-size"),
    (["mc", "sphere", "--tau", "-1", "--n", "40"], "--tau"),
    (["mc", "sphere", "--tau", "nan", "--n", "40"], "--tau"),
    (["mc", "sphere", "--tau", "2", "--n", "1"], "--n"),
    (["mc", "sphere", "--tau", "2", "--n", "40", "--seed", "-3"], "--seed"),
    (["mc", "sphere", "--tau", "2", "--n", "40", "--anisotropy", "1.5"], "--anisotropy"),
    (["mc", "sphere", "--tau", "2", "--n", "40", "--anisotropy", "nan"], "--anisotropy"),
])
def test_bad_values_name_the_flag_typed(capsys, no_work, argv, flag):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {flag}" in err and "Traceback" not in err, err


@pytest.mark.parametrize("argv, words", [
    (["reproduce", "--paper", "rsfp", "--scheduler", "serial", "--workers", "2"], ["--workers", "--scheduler serial"]),
    (["reproduce", "--paper", "rsfp", "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"], ["--workers"]),
    (["reproduce", "--paper", "mag", "--n", "100"], ["--n", "--paper rsfp"]),
    (["reproduce", "--paper", "nuN", "--scheduler", "serial"], ["--scheduler"]),
    (["reproduce", "--paper", "rsfp", "--tables", "."], ["--tables", "--paper mag"]),
    (["mc", "sphere", "--tau", "2", "--n", "40", "--batch-size", "30"], ["--batch-size", "two batches"]),
])
def test_options_that_cannot_work_together(capsys, no_work, argv, words):
    assert cli.main(argv) == 2
    _one_line_error(capsys, *words)


def test_tables_folder_is_checked_before_work(tmp_path, capsys, no_work):
    assert cli.main(["reproduce", "--paper", "mag", "--tables", str(tmp_path / "absent")]) == 2
    _one_line_error(capsys, "--tables", "no such folder")
    (tmp_path / "shells.csv").write_text("shell,rho_g_cm3\n1,1e13\n")
    assert cli.main(["reproduce", "--paper", "mag", "--tables", str(tmp_path)]) == 2
    _one_line_error(capsys, "--tables", "missing energy_per_nucleon.csv, luminosity.csv")


def test_garbage_tables_name_the_file(tmp_path, capsys):
    from natal.numerics.mag.neutrino_data import SYNTHETIC_TABLES, TABLE_FILES

    for name in TABLE_FILES:
        (tmp_path / name).write_bytes((SYNTHETIC_TABLES / name).read_bytes())
    (tmp_path / "luminosity.csv").write_bytes(bytes(range(0xbf, 0x100)) * 8)
    assert cli.main(["reproduce", "--paper", "mag", "--tables", str(tmp_path), "--out", str(tmp_path / "out"),
                     "--quiet"]) == 2
    _one_line_error(capsys, "luminosity.csv, line 1", "not UTF-8 text (byte 0xbf")
