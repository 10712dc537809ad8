"""Paper packs: one paper's symbols, printed forms, derivations, checks, evaluators and reproduction.

A pack is a :class:`PaperPack` found through the entry-point group ``natal.papers``; the entry
point's name is the pack's key.  natal's own papers register through the same group in natal's
pyproject.toml, so the core (``natal verify``, ``natal reproduce``, ``natal codegen``) names no
paper.  A third-party pack declares, in its own pyproject.toml::

    [project.entry-points."natal.papers"]
    kepler = "natal_kepler:pack"

A pack object only names modules; nothing is imported until a command needs it, so listing the
installed packs stays fast.  The modules a pack names each hold one part of the contract:

``checks``
    modules whose import registers the paper's equation checks with :func:`natal.verdict.check`
    (ids ``<key>:eq<N>``); each check returns a :class:`natal.verdict.Verdict`.
``evaluators``
    a module with ``EVALUATORS``, a mapping from evaluator names ``"<key>.<name>"`` to
    zero-argument factories returning :class:`natal.derivations.result.Derivation`; ``natal
    codegen`` lists and builds them and numeric code loads them with
    :func:`natal.codegen.stored.build`.
``reproduction``
    a module with ``run(out, progress, **options) -> natal.report.Report`` writing the paper's
    figures, tables and numbers; it may define ``arguments(values) -> dict``, turning the values of
    the pack's own ``natal reproduce`` options (:class:`Option`) into ``run`` keywords and raising
    :class:`natal.arguments.UsageError` for a combination that cannot work.
``printed``
    modules holding the printed forms (``eq<N>`` functions and ``EQUATIONS`` mappings), which
    ``natal verify --mutants`` mutates.
``trusted``
    a JSON file in the pack's package with its evaluators' trusted values (:mod:`natal.trusted`),
    the pack's regression net.

A pack that cannot be loaded is reported in one line naming it and its entry point
(:class:`BrokenPack`); the other packs still run.  Modelled on xarray's ``xarray.backends`` engines
and pytest's ``pytest11`` plugins.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import Any, Mapping

__all__ = ["GROUP", "BrokenPack", "Option", "PackError", "PaperPack", "broken", "get", "installed", "load_part", "reset",
           "source_packages"]

#: the entry-point group packs register in
GROUP = "natal.papers"

_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


class PackError(Exception):
    """A pack is missing, or one of its parts cannot be loaded or breaks the contract."""


@dataclass(frozen=True)
class Option:
    """One option a pack adds to ``natal reproduce``: ``argparse`` ``add_argument`` arguments.

    ``exclusive`` names a mutually exclusive group within the pack (options sharing it exclude each
    other).  The option's value reaches the pack's reproduction only when it differs from its
    default, and giving it with ``--paper`` set to another pack is a usage error.
    """

    flags: tuple[str, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    exclusive: str | None = None

    @property
    def dest(self) -> str:
        """The name argparse stores the value under."""
        if "dest" in self.settings:
            return self.settings["dest"]
        long = next((f for f in self.flags if f.startswith("--")), self.flags[0])
        return long.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class PaperPack:
    """One paper: its key, what it is, and the modules holding each part of the contract."""

    key: str
    title: str
    reference: str
    checks: tuple[str, ...] = ()
    evaluators: str | None = None
    reproduction: str | None = None
    options: tuple[Option, ...] = ()
    #: where its printed forms and stated numbers live (listed by ``natal papers``; mutated by
    #: ``natal verify --mutants``)
    printed: tuple[str, ...] = ()
    #: ``"package:file.json"``: its evaluators' trusted values (:mod:`natal.trusted`)
    trusted: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not _KEY.match(self.key):
            raise PackError(f"pack key must be a letter followed by letters, digits or _, got {self.key!r}")
        object.__setattr__(self, "checks", tuple(self.checks))
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "printed", tuple(self.printed))


@dataclass(frozen=True)
class BrokenPack:
    """An entry point of ``natal.papers`` that did not give a usable pack."""

    key: str
    entry_point: str
    error: str

    def line(self) -> str:
        """One line naming the pack, its entry point and what went wrong."""
        return f"pack {self.key!r} (entry point {GROUP}: {self.entry_point}) cannot be loaded: {self.error}"


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def _load(ep: EntryPoint) -> PaperPack | BrokenPack:
    where = f"{ep.name} = {ep.value}"
    try:
        pack = ep.load()
    except Exception as error:  # any failure of someone's package: reported, the other packs go on
        return BrokenPack(ep.name, where, _describe(error))
    if not isinstance(pack, PaperPack):
        return BrokenPack(ep.name, where, f"{ep.value} is a {type(pack).__name__}, not a natal.packs.PaperPack")
    if pack.key != ep.name:
        return BrokenPack(ep.name, where, f"the pack's key is {pack.key!r}, not the entry point's name")
    return pack


_FOUND: tuple[dict[str, PaperPack], list[BrokenPack]] | None = None


def _discover() -> tuple[dict[str, PaperPack], list[BrokenPack]]:
    global _FOUND
    if _FOUND is None:
        packs: dict[str, PaperPack] = {}
        problems: list[BrokenPack] = []
        for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.name, e.value)):
            found = _load(ep)
            if isinstance(found, BrokenPack):
                problems.append(found)
            elif found.key in packs:
                problems.append(BrokenPack(ep.name, f"{ep.name} = {ep.value}",
                                           f"a second pack with key {ep.name!r}; the first one found is used"))
            else:
                packs[found.key] = found
        _FOUND = (packs, problems)
    return _FOUND


def installed() -> dict[str, PaperPack]:
    """The packs that loaded, by key, in sorted key order."""
    return dict(_discover()[0])


def broken() -> list[BrokenPack]:
    """The entry points that did not give a usable pack."""
    return list(_discover()[1])


def get(key: str) -> PaperPack:
    """The installed pack ``key``; :class:`PackError` names the installed ones otherwise."""
    packs = installed()
    if key not in packs:
        named = [b for b in broken() if b.key == key]
        if named:
            raise PackError(named[0].line())
        raise PackError(f"no paper pack {key!r} is installed; installed: {', '.join(packs) or 'none'}")
    return packs[key]


def load_part(pack: PaperPack, module: str) -> ModuleType:
    """Import one module a pack names; :class:`PackError` names the pack and the module otherwise."""
    try:
        return importlib.import_module(module)
    except Exception as error:
        raise PackError(f"pack {pack.key!r}: module {module} cannot be imported: {_describe(error)}") from error


def source_packages() -> list[str]:
    """The top-level packages the registered packs live in (their files are part of every stored
    result's key, :mod:`natal.source_store`), found without importing them."""
    return sorted({ep.value.split(":")[0].split(".")[0].strip() for ep in entry_points(group=GROUP)})


def reset() -> None:
    """Forget what was discovered (after installing or removing a pack in this process)."""
    global _FOUND
    _FOUND = None
