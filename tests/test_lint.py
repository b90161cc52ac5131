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


def imported_packages(package: str, skip: tuple[str, ...] = ()) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        if path.name in skip:
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


BATCH_MODULES = ("compile.py", "batch.py", "batch_arguments.py", "blas.py", "levels.py",
                 "groups.py", "arrays.py", "cbatch.py", "csteps.py", "cgroups.py", "crows.py")
"""The modules of the batch replay, the only ones that may import NumPy (and threadpoolctl)."""


def test_engine_imports_only_the_standard_library():
    outside = imported_packages("autograd", skip=BATCH_MODULES) - set(sys.stdlib_module_names)
    assert outside == {"autograd"}
    batch = imported_packages("autograd") - set(sys.stdlib_module_names)
    assert batch == {"autograd", "numpy", "threadpoolctl"}


def test_the_scalar_engine_imports_no_batch_module():
    # `import autograd` (and nn) must work where NumPy is not installed.
    code = ("import sys; sys.modules['numpy'] = None; import autograd, nn; "
            "print(sorted(m for m in sys.modules if m.startswith('autograd.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    loaded = {name.split(".")[1] + ".py" for name in eval(out)}
    assert loaded and not loaded & set(BATCH_MODULES[1:])
