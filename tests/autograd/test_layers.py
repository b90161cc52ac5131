"""The engine's modules import one way: no cycle among them (an import inside a function
counts, a type-only one under ``if TYPE_CHECKING:`` does not), and the table (``autograd.ops``)
imports nothing else of the engine, so it sits under ``value`` only."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "autograd"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def runtime_imports(tree: ast.AST) -> list[ast.ImportFrom | ast.Import]:
    """Every import statement of ``tree`` outside an ``if TYPE_CHECKING:`` block."""
    found: list[ast.ImportFrom | ast.Import] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
                and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def engine_imports(name: str) -> set[str]:
    """The engine modules that module ``name`` imports when it runs."""
    found = set()
    for node in runtime_imports(ast.parse(MODULES[name].read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
        elif node.module in MODULES:  # from a module its names, from a package its modules
            submodules = {f"{node.module}.{a.name}" for a in node.names} & MODULES.keys()
            found |= submodules
            if len(submodules) < len(node.names):  # a name of the package's __init__
                found.add(node.module)
    found.discard("autograd")  # the package's __init__ imports everything; nothing imports it
    return found


def cycle() -> list[str] | None:
    """One import cycle among the engine's modules, or None."""
    graph = {name: engine_imports(name) for name in MODULES if name != "autograd"}
    state: dict[str, str] = {}

    def search(name: str, path: list[str]) -> list[str] | None:
        state[name] = "open"
        for other in sorted(graph.get(name, ())):
            if state.get(other) == "open":
                return [*path[path.index(other):], other] if other in path else [name, other]
            if other not in state and (found := search(other, [*path, other])):
                return found
        state[name] = "done"
        return None

    for name in sorted(graph):
        if name not in state and (found := search(name, [name])):
            return found
    return None


def test_the_engine_has_no_import_cycle():
    assert cycle() is None


def test_the_search_finds_a_cycle_where_there_is_one(monkeypatch):
    fake = {"autograd.value": {"autograd.backward"}, "autograd.backward": {"autograd.value"}}
    monkeypatch.setattr(sys.modules[__name__], "engine_imports",
                        lambda name: fake.get(name, set()))
    assert cycle() == ["autograd.backward", "autograd.value", "autograd.backward"]


def test_the_table_imports_nothing_else_of_the_engine():
    for name in MODULES:
        if name.startswith("autograd.ops"):
            assert all(m.startswith("autograd.ops") for m in engine_imports(name)), name


def test_value_imports_the_table_and_not_what_builds_on_values():
    imported = engine_imports("autograd.value")
    assert "autograd.ops" in imported
    assert not imported & {"autograd.gradients", "autograd.values_namespace",
                           "autograd.forward_mode", "autograd.program"}
