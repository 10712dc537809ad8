"""The example pack examples/driven_oscillator, installed from outside natal as anyone's pack would
be: found through its entry point, verified (one misprint differs, one equation agrees), reproduced;
and a pack that breaks on import, reported in one line while the others still run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "driven_oscillator"

pytestmark = pytest.mark.slow

BROKEN_PYPROJECT = """
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "broken-pack"
version = "0.0.1"

[project.entry-points."natal.papers"]
broken = "broken_pack:pack"
"""


def _can_build_wheels() -> bool:
    """pip builds a wheel with the environment's own setuptools (no network): that needs setuptools
    >= 70.1 or the ``wheel`` package."""
    import importlib.util

    import setuptools

    major, minor = (int(p) for p in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def _install(source: Path, target: Path) -> None:
    """pip install ``source`` into ``target`` from a copy, so no build/ or *.egg-info lands beside it."""
    if not _can_build_wheels():
        pytest.skip("pip cannot build a wheel offline here: setuptools < 70.1 and no `wheel` package")
    copy = target.parent / f"{source.name}-src"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "--no-input", "--target", str(target), str(copy)],
                   check=True, capture_output=True, text=True)


def _natal(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "natal", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def _env(tmp: Path, *sites: Path) -> dict:
    env = dict(os.environ, NATAL_CACHE=str(tmp / "cache"), MPLBACKEND="Agg")
    env["PYTHONPATH"] = os.pathsep.join([*map(str, sites), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, dict]:
    """The example installed into a folder of its own; the environment that finds it."""
    tmp = tmp_path_factory.mktemp("example_pack")
    _install(EXAMPLE, tmp / "site")
    return tmp, _env(tmp, tmp / "site")


def test_papers_lists_the_example(example):
    _, env = example
    done = _natal(env, "papers")
    assert done.returncode == 0, done.stderr
    keys = [line.split()[0] for line in done.stdout.splitlines()[1:]]
    assert "oscillator" in keys and {"mag", "nuN", "rsfp"} <= set(keys)


def test_verify_finds_the_misprint(example):
    tmp, env = example
    done = _natal(env, "verify", "--paper", "oscillator", "--quiet", "--json", str(tmp / "verify.json"))
    assert done.returncode == 0, done.stdout + done.stderr
    checks = {c["id"]: c for c in json.loads((tmp / "verify.json").read_text())["checks"]}
    assert {k: c["status"] for k, c in checks.items()} == {"oscillator:eq2.125a": "differs",
                                                           "oscillator:eq2.125b": "agrees"}
    amplitude = checks["oscillator:eq2.125a"]
    assert "Omega**4" in amplitude["corrected"] and "erratum" in amplitude["note"]
    for c in checks.values():
        assert c["premises"] and c["independent"]
        assert c["independent_max_rel"] < 1e-8  # the ODE integration agrees with the derivation


def test_reproduce_draws_the_figure_with_the_evaluator(example):
    tmp, env = example
    out = tmp / "reproduce"
    done = _natal(env, "reproduce", "--paper", "oscillator", "--quiet", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["figures"] == ["resonance.png"] and (out / "resonance.png").stat().st_size > 10_000
    peak = report["quantities"]["peak_Omega_gamma_0.1"]["value"]
    assert peak == pytest.approx((1 - 2 * 0.1**2) ** 0.5, abs=1e-4)


def test_a_broken_pack_is_one_line_and_the_others_run(example, tmp_path):
    _, example_env = example
    source = tmp_path / "broken_pack"
    (source / "broken_pack").mkdir(parents=True)
    (source / "pyproject.toml").write_text(BROKEN_PYPROJECT)
    (source / "broken_pack" / "__init__.py").write_text('raise RuntimeError("this pack is broken on purpose")\n')
    _install(source, tmp_path / "site")
    env = dict(example_env, PYTHONPATH=os.pathsep.join([str(tmp_path / "site"), example_env["PYTHONPATH"]]))

    listed = _natal(env, "papers")
    assert listed.returncode == 1
    lines = [line for line in listed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, listed.stderr
    assert "'broken'" in lines[0] and "broken = broken_pack:pack" in lines[0] and "broken on purpose" in lines[0]
    assert {"mag", "oscillator"} <= {line.split()[0] for line in listed.stdout.splitlines()[1:]}

    verified = _natal(env, "verify", "--paper", "oscillator", "--quiet")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "1 agrees, 1 differs" in verified.stdout
