"""The code base stays ruff clean and keeps its one direction of dependency."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is part of the dev extra: pip install -e '.[dev]'"
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def imported_packages(package: str, skip: str = "") -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        if path.name == skip:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_dependencies_point_one_way():
    assert not imported_packages("autograd") & {"nn", "viz"}
    assert "viz" not in imported_packages("nn")


def test_engine_imports_only_the_standard_library():
    # NumPy is allowed inside compile.py only, where the batch replay needs it.
    outside = imported_packages("autograd", skip="compile.py") - set(sys.stdlib_module_names)
    assert outside == {"autograd"}
