#!/usr/bin/env python3
"""The package's import graph as a reader sees it: cycles between modules and folders, and deferred imports.

Usage: scripts/import_graph.py [--package wizard] [--root .] [--json]

Every `import` and `from … import` in every module of the package counts, wherever it stands: at the top,
under `if TYPE_CHECKING:` (a reader follows it) and inside function bodies. An edge goes to the most specific
module named (`from wizard.core import settings` → `wizard.core.settings`; `from wizard.core.settings import
Settings` → `wizard.core.settings`). Printed:
- module cycles: each strongly connected component of more than one module;
- folder cycles: the same over the graph collapsed to the package's first-level folders (`wizard.probe`, …);
- deferred imports: imports inside a function body outside a TYPE_CHECKING block, with the comment on the
  line, the line before, or heading the run of import lines it stands in (the one-line reason each owes).
Exit 0 always; `tests/test_import_graph.py` turns the findings into assertions.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class DeferredImport:
    """An import inside a function body: where it stands and the reason written beside it ('' when none)."""

    module: str
    line: int
    target: str
    reason: str


@dataclass(frozen=True)
class ImportGraph:
    """Module → modules it imports (package-internal only), and the deferred imports found on the way."""

    edges: dict[str, set[str]]
    deferred: list[DeferredImport]


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_import_line(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith(("import ", "from ")) and " import " in f" {stripped}"


def _reason(lines: list[str], lineno: int) -> str:
    """The comment on the import's line, else on the line just before it, or before the run of import lines
    it stands in (one reason may head a block of imports that are deferred for it)."""
    here = lines[lineno - 1]
    if "#" in here:
        return here.split("#", 1)[1].strip()
    at = lineno - 2
    while at >= 0 and _is_import_line(lines[at]) and "#" not in lines[at]:
        at -= 1
    before = lines[at].strip() if at >= 0 else ""
    if before.startswith("#"):
        return before[1:].strip()
    if at >= 0 and _is_import_line(lines[at]) and "#" in lines[at]:
        return lines[at].split("#", 1)[1].strip()
    return ""


class _ModuleReader:
    """Walks one module's syntax tree, adding its package-internal edges and deferred imports."""

    def __init__(self, module: str, path: Path, modules: set[str], graph: ImportGraph) -> None:
        self.module = module
        self.is_package = path.name == "__init__.py"
        self.source = path.read_text(encoding="utf-8")
        self.lines = self.source.splitlines()
        self.path = path
        self.modules = modules
        self.graph = graph

    def target_of(self, name: str) -> str | None:
        while name:
            if name in self.modules:
                return name
            name = name.rpartition(".")[0]
        return None

    def read(self) -> None:
        self.visit(ast.parse(self.source, str(self.path)), in_function=False, in_type_checking=False)

    def add_import(self, node: ast.Import | ast.ImportFrom, deferred: bool) -> None:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
            shown_external = names[0]
        else:
            base = node.module or ""
            if node.level:
                base = _resolve_relative(self.module, self.is_package, node.level, node.module)
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
            shown_external = base
        targets = sorted({t for t in map(self.target_of, names) if t is not None and t != self.module})
        self.graph.edges[self.module].update(targets)
        if deferred:
            shown = ", ".join(targets) or shown_external
            reason = _reason(self.lines, node.lineno)
            self.graph.deferred.append(DeferredImport(self.module, node.lineno, shown, reason))

    def visit(self, node: ast.AST, in_function: bool, in_type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                self.add_import(child, deferred=in_function and not in_type_checking)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                self.visit(child, True, in_type_checking)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    self.visit(ast.Module(body=[stmt], type_ignores=[]), in_function, True)
                for stmt in child.orelse:
                    self.visit(ast.Module(body=[stmt], type_ignores=[]), in_function, in_type_checking)
            else:
                self.visit(child, in_function, in_type_checking)


def read_graph(root: Path, package: str) -> ImportGraph:
    """Parse every module below `root/package`; raises SyntaxError for a module Python cannot parse."""
    files = {module_name(root, f): f for f in sorted((root / package).rglob("*.py"))}
    graph = ImportGraph({m: set() for m in files}, [])
    for module, path in files.items():
        _ModuleReader(module, path, set(files), graph).read()
    return graph


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; returns the components of more than one node, each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(edges.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pending = work[-1]
            if pending:
                nxt = pending.pop(0)
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(edges.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def folder_of(module: str, package: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (len(parts) == 2 and parts[0] == package) else module


def folder_edges(edges: dict[str, set[str]], package: str) -> dict[str, set[str]]:
    folders: dict[str, set[str]] = {}
    for source, targets in edges.items():
        here = folder_of(source, package)
        folders.setdefault(here, set())
        for target in targets:
            there = folder_of(target, package)
            if there != here:
                folders[here].add(there)
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default="wizard")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    graph = read_graph(args.root, args.package)
    module_cycles = strongly_connected(graph.edges)
    folder_cycles = strongly_connected(folder_edges(graph.edges, args.package))
    if args.json:
        json.dump(
            {
                "module_cycles": module_cycles,
                "folder_cycles": folder_cycles,
                "deferred_imports": [asdict(d) for d in graph.deferred],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return 0
    print(f"module cycles: {len(module_cycles)}")
    for cycle in module_cycles:
        print("  " + " <-> ".join(cycle))
    print(f"folder cycles: {len(folder_cycles)}")
    for cycle in folder_cycles:
        print("  " + " <-> ".join(cycle))
    files = {d.module for d in graph.deferred}
    print(f"deferred imports: {len(graph.deferred)} in {len(files)} modules")
    for d in graph.deferred:
        print(f"  {d.module}:{d.line} -> {d.target}" + (f"  # {d.reason}" if d.reason else "  (no reason given)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
