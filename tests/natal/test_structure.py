"""The shape of the code: the core names no paper, importing it imports no pack, and no module-level
import cycle."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NATAL_PACKS = ("mag", "nuN", "rsfp")


CORE = [*(ROOT / "natal").glob("*.py"), *(ROOT / "natal" / "checks").glob("*.py"),
        *(ROOT / "natal" / "pages").glob("*.py"), *(ROOT / "codegen").glob("*.py"),
        *(ROOT / "derivations").glob("*.py"), *(ROOT / "numerics").glob("*.py"),
        *(ROOT / "numerics" / "montecarlo").glob("*.py")]
_KEY = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(NATAL_PACKS) + r")(?![A-Za-z0-9])")


def _paper_names(source: str) -> list[str]:
    """Paper keys named by code (names, attributes, imports, strings other than docstrings)."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            texts = [node.value]
        elif isinstance(node, ast.Name):
            texts = [node.id]
        elif isinstance(node, ast.Attribute):
            texts = [node.attr]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            texts = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
        else:
            continue
        found += [f"line {node.lineno}: {t!r}" for t in texts if _KEY.search(t)]
    return found


def test_the_scan_sees_a_paper_named_in_code():
    assert _paper_names('from natal.papers import rsfp\nx = "nuN"\n') != []
    assert _paper_names('"""the mag paper is an example"""\n') == []


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_names_no_paper(path):
    assert _paper_names(path.read_text(encoding="utf-8")) == []


def test_importing_the_core_imports_no_pack():
    code = ("import sys, natal.cli, natal.verify, natal.reproduce, natal.codegen.registry, natal.codegen.stored, "
            "natal.numerics.montecarlo\n"
            "print(sorted(m for m in sys.modules if any(p in m.split('.') for p in ('papers', 'mag', 'nuN', 'rsfp'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _modules() -> dict[str, Path]:
    """natal's modules by dotted name, found from the installed packages' folders."""
    out = {}
    for package in ("natal", "natal.derivations", "natal.codegen", "natal.numerics"):
        for root in importlib.util.find_spec(package).submodule_search_locations:
            for path in Path(root).rglob("*.py"):
                parts = list(path.relative_to(root).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                if package == "natal" and parts and parts[0] in ("derivations", "codegen", "numerics"):
                    continue
                out[".".join([package, *parts])] = path
    return out


def _imports_at_load(tree: ast.Module, modules: dict[str, Path]) -> set[str]:
    """The natal modules a module imports when it is loaded (module level, outside TYPE_CHECKING)."""
    found = set()
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, (ast.If, ast.Try)):
            todo.extend(ast.iter_child_nodes(node))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "natal":
            found |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                      for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "natal"}
    return found & set(modules)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while (w := stack.pop()) != v:
                component.append(w)
            if component:
                out.append(sorted([v, *component]))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_cycle_search_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_level_import_cycle():
    modules = _modules()
    graph = {name: _imports_at_load(ast.parse(path.read_text(encoding="utf-8")), modules) - {name}
             for name, path in modules.items()}
    assert _cycles(graph) == []
