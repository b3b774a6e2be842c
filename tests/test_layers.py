"""The house's rules (../shared/design/layout.md): imports only go down the layers, and no
modules import each other in a circle. Read from the source, imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crawler", "spiders", "pipelines")

# Low to high: a module may import its own layer and those below it, never one above.
LAYERS = (
    # pure functions over bytes and text, configuration, names
    ("crawler.text", "crawler.compat", "crawler.errors", "crawler.stats", "crawler.signals",
     "crawler.settings", "crawler.sites", "crawler.demo", "crawler.discover"),
    ("crawler.page",),  # the Page and the stage table
    ("crawler.archive", "crawler.processes"),  # SQLite; the stage pool
    # Scrapy plumbing and the library functions the commands call
    ("crawler.middlewares", "crawler.extensions", "crawler.reprocess", "crawler.crawl", "crawler.frontier",
     "crawler.distributed", "crawler.probe"),
    ("spiders", "pipelines"),  # thin Scrapy adapters
    ("crawler.addons", "crawler.spiderloader"),  # what assembles the adapters
    ("crawler.cli", "crawler.__main__", "crawler.commands"),  # the command lines
)


def layer_of(module: str) -> int:
    if module == "crawler":  # the package itself: its version
        return 0
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            modules[module_name(path)] = path
    return modules


def imports(path: Path, known: set[str]) -> set[str]:
    """The project modules a file imports, wherever in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from crawler.archive import datasette_plugin` imports a module
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known
                     else node.module for alias in node.names]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] in PACKAGES)
    return {name for name in found if name in known}


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports(path, set(modules)) - {name} for name, path in modules.items()}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                  if layer_of(b) > layer_of(a))


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer_and_imports_only_downwards():
    graph = import_graph()
    assert "crawler.text.decode" in graph and "crawler.cli.crawl" in graph  # the walk sees the tree
    assert upward_imports(graph) == []


def test_no_import_circle():
    assert circles(import_graph()) == []


def test_the_checks_catch_an_upward_import_and_a_circle():
    graph = {"crawler.text.han": {"crawler.archive.store"}, "crawler.archive.store": {"crawler.page"},
             "crawler.page": {"crawler.archive.store"}}
    assert upward_imports(graph) == ["crawler.page -> crawler.archive.store",
                                     "crawler.text.han -> crawler.archive.store"]
    assert circles(graph) == [["crawler.archive.store", "crawler.page"]]
