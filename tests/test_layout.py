"""The package's layout shows its design: folders by concept, data flowing one way.

Each folder may import only the folders below it in `LAYERS` (and itself), no module
is longer than a reader takes in at one sitting, and no module imports itself by a
round-about way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "pilotbook"
# From the bottom up: files, records, the pilot's screening, the audience's view,
# pages; the adapters on top. A folder imports only from the layers before its own.
LAYERS = (
    ("__init__", "text"),
    ("problems",),
    ("yaml",),
    ("method",),
    ("records",),
    ("screening",),
    ("audience",),
    ("urls",),
    ("config",),
    ("site", "review"),
    ("build",),
    ("commands",),
    ("__main__",),
)
MAX_LINES = 450
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "compiled" not in p.parts)


def _folder(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(tree: ast.AST) -> list[tuple[ast.stmt, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [(node, n) for n in names if n.startswith("pilotbook.")]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_the_layers_below_its_own(path):
    folder = _folder(path)
    assert folder in RANK, f"{folder} is in no layer: add it to LAYERS"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for _, name in _imports(tree):
        target = name.split(".")[1]
        if target in RANK:
            assert RANK[target] <= RANK[folder], f"{folder} imports {name}"
            if RANK[target] == RANK[folder] and target != folder:
                pytest.fail(f"{folder} imports {name}, a folder of its own layer")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_a_reader_takes_in_at_one_sitting(path):
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_LINES


def test_no_module_imports_itself_round_about():
    """Imports inside functions (which keep jinja2 and ruamel.yaml out of builds that do
    not need them) count too: a cycle may not hide there."""
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        module = ".".join(("pilotbook", *path.relative_to(PACKAGE).with_suffix("").parts))
        module = module.removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = {name for _, name in _imports(tree)}
    graph = {m: {t for t in targets if t in graph and t != m} for m, targets in graph.items()}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path[path.index(module) :], module))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
