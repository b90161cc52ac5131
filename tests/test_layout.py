"""The house: no import cycles, short files, every module in contributing.md, the tutorial cited.

These are the measures of a code base a newcomer reads in an afternoon: each package's
modules import one another in one direction, a file does one job in at most 250 lines
(tests, benchmarks and examples too), the contributors' guide says what every module owns,
and every reference to the mathematics points at docs/tutorial.md, which is in the repository.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("autograd", "nn", "viz")
MAX_LINES = 250
LONG = "longer than 250 lines:"
"""A module over :data:`MAX_LINES` says why in its docstring, after these words."""


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the three packages by dotted name (a package by its own name)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_only(tree: ast.AST) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:`` (imports for annotations only)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def _imported(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules ``module`` imports, at any depth of the file, type-only ones aside."""
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skipped, names = _type_only(tree), []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    found = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name and name != module:
            found.add(name)
    return found


def import_cycle(root: Path = ROOT) -> list[str] | None:
    """One cycle of imports among the modules of a package, or None.

    A package's ``__init__`` re-exports its modules (it imports them, they never import
    it), so package modules are left out of the graph: they sit above everything.
    """
    known = modules(root)
    packages = {name for name, path in known.items() if path.name == "__init__.py"}
    graph = {name: _imported(name, path, known) - packages
             for name, path in known.items() if name not in packages}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [node, nxt] if nxt in path else [node, nxt]
            if nxt not in state and (cycle := visit(nxt, path + [node])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [])):
            return cycle
    return None


def test_no_import_cycles():
    cycle = import_cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle(tmp_path):
    for package in PACKAGES:
        (tmp_path / package).mkdir()
    files = {"__init__.py": "", "b.py": "import autograd.a\n",
             "a.py": "def f():\n    from autograd import b\n"}
    for name, text in files.items():
        (tmp_path / "autograd" / name).write_text(text)
    assert import_cycle(tmp_path) in (["autograd.a", "autograd.b", "autograd.a"],
                              ["autograd.b", "autograd.a", "autograd.b"])


def _sources() -> list[Path]:
    """The packages' modules, the page's scripts, and the tests, benchmarks and examples."""
    static = ROOT / "viz" / "playground" / "static"
    others = [p for folder in ("tests", "benchmarks", "examples")
              for p in sorted((ROOT / folder).rglob("*.py"))]
    return list(modules().values()) + sorted(static.glob("*.js")) + others


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_files_are_short(path):
    lines = path.read_text().count("\n")
    if lines > MAX_LINES:
        head = path.read_text()[:3000].lower()
        assert LONG in head, (f"{path.relative_to(ROOT)} has {lines} lines: split it by job, "
                              f"or say why in its docstring ('{LONG} ...')")


def test_contributing_lists_every_module():
    guide = (ROOT / "docs" / "contributing.md").read_text()
    missing = [str(path.relative_to(ROOT)) for path in modules().values()
               if path.name not in ("__init__.py", "__main__.py", "_version.py")
               and not re.search(rf"(^|[\s/`(,]){re.escape(path.name)}\b", guide)]
    assert not missing, "docs/contributing.md says nothing of: " + ", ".join(missing)


REFERENCE = re.compile(r"\bthe seed(?:'s|s')|\b00[01](?:'s\b|\s+section\b)|\b(?:in|of) 00[01]\b",
                       re.IGNORECASE)
"""A pointer at the source documents, which are not in the repository ("the seed's network",
"000 section 4.1", "001's notation"); the random seed (``seed=``, "the seed of the random
generator") is another thing."""


def _prose() -> list[Path]:
    paths = list(modules().values()) + sorted((ROOT / "docs").glob("*.md"))
    paths += [ROOT / "README.md"] + sorted((ROOT / "notebooks").glob("*.ipynb"))
    return paths + sorted((ROOT / "viz" / "playground" / "static").glob("*.js"))


def test_references_point_at_the_tutorial():
    found = []
    for path in _prose():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if REFERENCE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not found, "cite 'the tutorial, section N' (docs/tutorial.md):\n" + "\n".join(found)
