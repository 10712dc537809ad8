"""The paper-pack contract (natal.packs): discovery through entry points, broken packs reported
without stopping the others, checks, evaluators and reproduce options of any pack, and a core that
names no paper."""

from __future__ import annotations

import re
import sys
from importlib.metadata import EntryPoint, entry_points

import pytest

from natal import cli, packs, verify
from natal.codegen import registry
from natal.packs import Option, PackError, PaperPack
from natal.verdict import REGISTRY

NATAL_PACKS = ("mag", "nuN", "rsfp")


TOY_CHECKS = """
from natal.verdict import Verdict, check


@check("toy", "1", "a toy definition")
def eq1():
    return Verdict("given", "stated", "Definition: the toy pack's only equation.")
"""

TOY_EVALUATORS = """
import sympy as sp

from natal.derivations.result import Derivation


def square():
    x = sp.Symbol("x")
    return Derivation("toy.square", "toy Eq. 1", (x,), (("y", x**2),))


EVALUATORS = {NAME: square}
"""

TOY_REPRODUCTION = """
from natal.report import Quantity, Report


def run(out, progress, level=1):
    report = Report("toy", "A toy paper")
    report.quantities["level"] = Quantity(float(level), None, "1", "analytic")
    report.write(out)
    return report
"""

TOY_PACK = """
from natal.packs import Option, PaperPack

pack = PaperPack("toy", "A toy paper", "nowhere", checks=CHECKS, evaluators="toy_pack.evaluators",
                 reproduction="toy_pack.reproduce",
                 options=(Option(("--level",), {"type": int, "metavar": "L", "help": "how far"}),))
"""


@pytest.fixture
def extra_packs(monkeypatch, tmp_path):
    """``add(name, value, files)`` writes a package (``files``: dotted module -> source) on a path of
    its own and installs an entry point beside natal's own; discovery starts afresh."""
    found = list(entry_points(group=packs.GROUP))
    assert sorted(ep.name for ep in found) == list(NATAL_PACKS)  # natal's packs, through the same group
    monkeypatch.syspath_prepend(str(tmp_path))
    before = set(sys.modules)

    def add(name: str, value: str, files: dict[str, str] | None = None) -> None:
        for module, source in (files or {}).items():
            path = tmp_path.joinpath(*module.split("."))
            if "." not in module:
                path.mkdir(exist_ok=True)
                path = path / "__init__.py"
            else:
                path = path.with_suffix(".py")
            path.write_text(source, encoding="utf-8")
        found.append(EntryPoint(name, value, packs.GROUP))
        packs.reset()

    monkeypatch.setattr(packs, "entry_points", lambda group: [ep for ep in found if ep.group == group])
    packs.reset()
    yield add
    packs.reset()
    for module in set(sys.modules) - before:
        del sys.modules[module]
    for cid in [cid for cid, c in REGISTRY.items() if c.paper == "toy"]:
        del REGISTRY[cid]
    verify._LOADED.pop("toy", None)
    for name in [n for n in registry.REGISTRY if n.startswith("toy.")]:
        del registry.REGISTRY[name]
    registry._FROM_PACKS.discard("toy")


def _toy(checks: str = '("toy_pack.checks",)', evaluator_name: str = "toy.square") -> dict[str, str]:
    return {"toy_pack": TOY_PACK.replace("CHECKS", checks), "toy_pack.checks": TOY_CHECKS,
            "toy_pack.evaluators": TOY_EVALUATORS.replace("NAME", repr(evaluator_name)),
            "toy_pack.reproduce": TOY_REPRODUCTION}


def test_natal_papers_lists_the_installed_packs(capsys):
    packs.reset()
    assert list(packs.installed()) == list(NATAL_PACKS)
    assert packs.broken() == []
    assert cli.main(["papers"]) == 0
    out = capsys.readouterr().out
    assert all(re.search(rf"^{key}\s+\S", out, re.M) for key in NATAL_PACKS)


def test_a_pack_that_fails_to_import_is_one_line_and_the_others_run(extra_packs, capsys):
    extra_packs("bad", "bad_pack:pack", {"bad_pack": "import astropy_nonexistent_module\n"})
    assert list(packs.installed()) == list(NATAL_PACKS)
    (problem,) = packs.broken()
    assert problem.line().count("\n") == 0
    assert "'bad'" in problem.line() and "natal.papers: bad = bad_pack:pack" in problem.line()
    assert cli.main(["papers"]) == 1
    captured = capsys.readouterr()
    assert "bad_pack:pack" in captured.err and "mag" in captured.out
    with pytest.raises(PackError, match="bad_pack:pack"):
        packs.get("bad")
    # natal verify still runs the good packs and reports the broken one as an error record
    records = verify.pack_errors()
    assert [r["id"] for r in records] == ["bad:pack"] and "bad_pack:pack" in records[0]["note"]


@pytest.mark.parametrize("value, why", [("not_a_pack:pack", "not a natal.packs.PaperPack"),
                                        ("misnamed_pack:pack", "not the entry point's name")])
def test_an_entry_point_must_give_a_pack_of_its_own_name(extra_packs, value, why):
    extra_packs("odd", value, {"not_a_pack": "pack = object()\n",
                               "misnamed_pack": "from natal.packs import PaperPack\npack = PaperPack('other', 't', 'r')\n"})
    (problem,) = packs.broken()
    assert why in problem.line()


def test_a_pack_key_is_an_identifier():
    with pytest.raises(PackError, match="pack key"):
        PaperPack("two words", "t", "r")
    assert Option(("--no-variants",)).dest == "no_variants"


def test_a_toy_packs_checks_run_through_natal_verify(extra_packs, capsys):
    extra_packs("toy", "toy_pack:pack", _toy())
    records = verify.run("toy", jobs=1)
    assert [(r["id"], r["status"]) for r in records] == [("toy:eq1", "given")]
    assert cli.main(["verify", "--paper", "toy", "--quiet", "--fresh"]) == 0
    assert "toy:eq1" in capsys.readouterr().out


def test_checks_that_fail_to_import_are_an_error_record(extra_packs):
    extra_packs("toy", "toy_pack:pack", _toy(checks='("toy_pack.missing",)'))
    records = verify.run("toy", jobs=1)
    assert [(r["id"], r["status"]) for r in records] == [("toy:pack", "error")]
    assert "toy_pack.missing" in records[0]["note"]


def test_a_pack_may_register_only_its_own_checks(extra_packs):
    files = _toy()
    files["toy_pack.checks"] += '\n\n@check("mag", "999", "not toy\'s")\ndef eq999():\n    return Verdict("given", "s", "x")\n'
    extra_packs("toy", "toy_pack:pack", files)
    (record,) = verify.pack_errors("toy")
    assert "registered checks of another paper: mag:eq999" in record["note"]
    assert "mag:eq999" not in REGISTRY


def test_evaluators_come_from_the_packs(extra_packs, tmp_path):
    extra_packs("toy", "toy_pack:pack", _toy())
    assert "toy.square" in registry.names() and "mag.dB_dt" in registry.names()
    assert registry.build("toy.square", cache_dir=tmp_path / "cache")(3.0) == 9.0


def test_evaluator_names_must_carry_the_pack_key(extra_packs, caplog):
    extra_packs("toy", "toy_pack:pack", _toy(evaluator_name="square"))
    assert "square" not in registry.names()
    assert "must start with 'toy.'" in caplog.text


def test_reproduce_options_belong_to_their_pack(extra_packs, tmp_path, capsys):
    extra_packs("toy", "toy_pack:pack", _toy())
    out = tmp_path / "out"
    assert cli.main(["reproduce", "--paper", "toy", "--level", "3", "--out", str(out), "--quiet"]) == 0
    assert '"value": 3.0' in (out / "report.json").read_text()
    assert cli.main(["reproduce", "--paper", "nuN", "--level", "3", "--out", str(tmp_path)]) == 2
    assert "--level applies only to --paper toy" in capsys.readouterr().err
    assert cli.main(["reproduce", "--paper", "nuN", "--tables", str(tmp_path), "--out", str(tmp_path)]) == 2
    assert "--tables applies only to --paper mag" in capsys.readouterr().err
