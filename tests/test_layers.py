"""Imports go one way: from a higher layer of ``config.layers.LAYERS`` to a lower or the same one.

Every project module is read with ``ast`` (nothing is imported), so lazy imports inside
functions count as much as the ones at the top of a file; only imports under
``if TYPE_CHECKING:`` are left out, since they never run. Migrations are read too: they are
code Django loads, and an import of another app's helper from a migration ties the two apps
as much as any other import (their ``dependencies`` strings are not imports and do not count).
Tests are left out: they may reach every layer.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

from config.layers import ABOVE_ALL, LAYERS

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"tests", ".venv", "node_modules", "static", "templates", "locale", "var"}
ROOF = LAYERS[-1]
RANK = {app: rank for rank, app in enumerate(LAYERS)} | {
    name: len(LAYERS) + i for i, name in enumerate(ABOVE_ALL)
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing app
    target: str  # the imported app
    path: str
    line: int
    statement: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.source} → {self.target}: {self.statement}"


def project_packages() -> set[str]:
    return {
        child.name for child in ROOT.iterdir()
        if child.is_dir() and child.name not in SKIPPED_DIRS and (child / "__init__.py").exists()
    }


def project_files() -> list[Path]:
    files = []
    for package in sorted(project_packages()):
        files.extend(sorted((ROOT / package).rglob("*.py")))
    return files


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST):
    """Every Import/ImportFrom node except those in the body of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _module_of(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports_of(path: Path, packages: set[str], root: Path = ROOT) -> list[Import]:
    source_app = path.relative_to(root).parts[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in _runtime_imports(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            package = _module_of(path, root)
            if path.name != "__init__.py":
                package = package[:-1]
            base = package[: len(package) - node.level + 1]
            names = [".".join([*base, node.module] if node.module else base)]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = [alias.name for alias in node.names]
        for name in names:
            target = name.split(".")[0]
            if target in packages and target != source_app:
                found.append(Import(source_app, target, str(path.relative_to(root)),
                                    node.lineno, ast.unparse(node)))
    return found


def all_imports() -> list[Import]:
    packages = project_packages()
    found = [found for path in project_files() for found in imports_of(path, packages)]
    return sorted(found, key=lambda i: (i.path, i.line))


def _fail(message: str, offending: list[Import]) -> str:
    return message + ":\n  " + "\n  ".join(str(i) for i in offending)


def test_every_project_package_has_a_layer():
    unknown = sorted(project_packages() - set(RANK))
    assert not unknown, f"packages missing from config.layers.LAYERS: {unknown}"


def test_core_imports_no_project_app():
    offending = [i for i in all_imports() if i.source == "core"]
    assert not offending, _fail("core must import no other project app", offending)


def test_no_app_imports_the_roof_or_the_wiring():
    offending = [i for i in all_imports()
                 if i.target in (ROOF, *ABOVE_ALL) and i.source not in ABOVE_ALL]
    assert not offending, _fail(f"no app may import {ROOF} or {', '.join(ABOVE_ALL)}", offending)


def test_imports_go_down_the_layers():
    offending = [i for i in all_imports() if RANK[i.target] > RANK[i.source]]
    order = " < ".join(LAYERS)
    assert not offending, _fail(f"imports must go down the layers ({order})", offending)


def cycles(imports: list[Import]) -> list[list[str]]:
    """The groups of apps that import each other (strongly connected components, Tarjan)."""
    graph: dict[str, set[str]] = {}
    for i in imports:
        graph.setdefault(i.source, set()).add(i.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for nxt in sorted(graph.get(app, ())):
            if nxt not in index:
                visit(nxt)
                low[app] = min(low[app], low[nxt])
            elif nxt in stack:
                low[app] = min(low[app], index[nxt])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for app in sorted(graph):
        if app not in index:
            visit(app)
    return groups


def test_no_import_cycle_between_apps():
    imports = all_imports()
    found = cycles(imports)
    details = [
        _fail(" ↔ ".join(group), [i for i in imports if i.source in group and i.target in group])
        for group in found
    ]
    assert not found, "apps that import each other:\n" + "\n".join(details)


def test_the_cycle_finder_names_the_apps_of_a_cycle():
    edge = [Import(a, b, f"{a}/x.py", 1, f"import {b}")
            for a, b in [("orgs", "search"), ("search", "registry"), ("registry", "orgs"),
                         ("registry", "core")]]
    assert cycles(edge) == [["orgs", "registry", "search"]]
    assert cycles(edge[1:]) == []


def test_the_checker_sees_lazy_imports_and_skips_type_checking_ones(tmp_path):
    module = tmp_path / "core" / "probe.py"
    module.parent.mkdir()
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from registry.models import Exemplar\n"
        "else:\n"
        "    import audit.log\n"
        "def f():\n"
        "    from orgs import selectors\n"
        "from . import text\n",
        encoding="utf-8",
    )
    found = sorted(imports_of(module, {"core", "registry", "audit", "orgs"}, root=tmp_path),
                   key=lambda i: i.line)
    assert [(i.target, i.line) for i in found] == [("audit", 5), ("orgs", 7)]
    assert str(found[1]) == (
        "core/probe.py:7: core → orgs: from orgs import selectors"
    )
