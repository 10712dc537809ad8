"""Every option of every ``natal`` command has a help text, and every default a help text states is the
one the command uses."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from natal import cli, reproduce
from natal.codegen.cache import default_directory
from natal.mc import sphere_results
from natal.numerics.montecarlo.sphere import SphereProblem
from natal.papers.rsfp.reproduce import Statistics

#: the smallest valid command line of each (sub)command, to read its defaults from a parsed namespace
MINIMAL = {
    (): ["verify"],
    ("verify",): ["verify"],
    ("reproduce",): ["reproduce"],
    ("mc",): ["mc", "sphere", "--tau", "1", "--n", "2"],
    ("mc", "sphere"): ["mc", "sphere", "--tau", "1", "--n", "2"],
    ("codegen",): ["codegen"],
    ("papers",): ["papers"],
}

#: Defaults the parser leaves as None because the code below it fills them in: the stated text, and
#: what the code actually uses (checked against the help text by the test).
EFFECTIVE = {
    ("verify", "paper"): ("every installed paper pack", None),
    ("papers", "paper"): ("every pack with trusted values", None),
    ("verify", "jobs"): ("one per CPU this process may use", None),
    ("reproduce", "rsfp__n"): ("20000, the variants 4000", f"{Statistics().n_per_row}, the variants {Statistics().n_variant}"),
    ("reproduce", "rsfp__seed"): ("20010", str(Statistics().seed)),
    ("reproduce", "rsfp__workers"): ("one per CPU", None),
    ("mc sphere", "batch_size"): ("N/20, at least 1", None),
    ("codegen", "names"): ("all of them", None),
    ("codegen", "cache_dir"): ("$NATAL_CACHE/codegen, where $NATAL_CACHE defaults to $XDG_CACHE_HOME/natal or "
                               "~/.cache/natal", None),
}

_STATED = re.compile(r"\(default(?::\s*(?P<value>[^)]*))?\)")  # "(default: X; more)" or "(default)"


def _parsers():
    """(path of subcommand names, parser) for the top level and every subcommand, depth first."""
    todo = [((), cli._parser())]
    while todo:
        path, parser = todo.pop(0)
        yield path, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(((*path, name), sub) for name, sub in action.choices.items())


def _options():
    for path, parser in _parsers():
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                yield path, parser, action


def _id(path, action):
    return " ".join(("natal", *path, (action.option_strings or [action.dest])[0]))


def test_defaults_are_stated_in_one_form():
    """'(default: X)' (or '(default)' after a flag), so that the test below reads every one of them."""
    loose = [_id(path, action) for path, _, action in _options()
             if (action.help or "").count("(default") != len(_STATED.findall(action.help or ""))]
    assert not loose, f"a default not in the form '(default: X)': {loose}"


def test_every_option_and_subcommand_has_help():
    missing = [_id(path, action) for path, _, action in _options()
               if not action.help or action.help == argparse.SUPPRESS or not action.help.strip()]
    for path, parser in _parsers():
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {a.dest: a.help for a in action._choices_actions}
                missing += [" ".join(("natal", *path, name)) for name in action.choices if not helps.get(name)]
        if not parser.description and path:
            missing.append(" ".join(("natal", *path)) + " (description)")
    assert not missing, f"no help text: {missing}"


def test_help_renders_for_every_command(capsys):
    for path, _ in _parsers():
        with pytest.raises(SystemExit) as stop:
            cli.main([*path, "--help"])
        assert stop.value.code == 0
        assert "usage: natal" in capsys.readouterr().out


def _stated_defaults():
    for path, parser, action in _options():
        for match in _STATED.finditer(action.help or ""):
            yield path, parser, action, match.group("value")


def test_stated_defaults_are_the_parsers():
    checked = 0
    for path, parser, action, stated in _stated_defaults():
        top = cli._parser()
        namespace = top.parse_args(MINIMAL[path])
        value = getattr(namespace, action.dest)
        where = _id(path, action)
        if stated is None:  # "(default)" after a flag: the flag's constant is what the parser uses
            assert isinstance(action, argparse._StoreConstAction), where
            assert value == action.const, where
        elif value is None or value == []:
            key = (" ".join(path), action.dest)
            assert key in EFFECTIVE, f"{where} states a default ({stated!r}) the parser does not hold"
            text, actual = EFFECTIVE[key]
            assert stated.split(";")[0].strip() == text, where
            if actual is not None:
                assert stated.split(";")[0].strip() == actual, where
        else:
            stated = stated.split(";")[0].split(",")[0].strip()
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert float(stated) == value, where
            else:
                assert stated == str(value), where
        checked += 1
    assert checked >= 15


def test_every_parser_default_is_stated():
    """An option that has a default beyond off/None says what it is."""
    silent = []
    for path, parser, action in _options():
        if action.default in (None, False, argparse.SUPPRESS) or isinstance(
                action, (argparse._HelpAction, argparse._VersionAction)):
            continue
        if not _STATED.search(action.help or "") and not any(
                _STATED.search(other.help or "") and other.dest == action.dest and other is not action
                for other in parser._actions):
            silent.append(_id(path, action))
    assert not silent, f"default not stated in the help: {silent}"


# The defaults that the parser leaves to the code, as the code applies them.

def _rsfp_statistics(*argv: str) -> Statistics:
    """The Statistics ``natal reproduce --paper rsfp ARGV`` runs with."""
    args = cli._parser().parse_args(["reproduce", "--paper", "rsfp", *argv])
    return reproduce.arguments("rsfp", cli._pack_values(args, "rsfp"))["statistics"]


def test_reproduce_n_and_variants_as_stated():
    statistics = _rsfp_statistics("--n", "100")
    assert (statistics.n_per_row, statistics.n_variant) == (100, 25)  # "the variants run N/4"
    default = _rsfp_statistics()
    assert (default.n_per_row, default.n_variant, default.seed) == (20000, 4000, 20010)
    assert default.workers is None  # the runner's local cluster then takes one worker per CPU
    full = _rsfp_statistics("--full")
    assert (full.n_per_row, full.n_variant) == (400_000, 40_000)


def test_sphere_batch_size_default_is_n_over_20():
    record = sphere_results(SphereProblem(0.5), n=60, seed=1)
    assert record["batches"] == 20  # 60 particles in batches of 3
    record = sphere_results(SphereProblem(0.5), n=10, seed=1)
    assert record["batches"] == 10  # at least one particle per batch


def test_codegen_cache_default(monkeypatch, tmp_path):
    monkeypatch.setenv("NATAL_CACHE", str(tmp_path / "root"))
    assert default_directory() == tmp_path / "root" / "codegen"
    monkeypatch.delenv("NATAL_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_directory() == tmp_path / "xdg" / "natal" / "codegen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_directory() == Path.home() / ".cache" / "natal" / "codegen"


def test_python_dash_m_natal_is_the_natal_command():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "natal", "--help"], capture_output=True, text=True, check=True)
    assert "usage: natal" in out.stdout and "verify" in out.stdout
