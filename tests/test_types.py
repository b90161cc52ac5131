"""Every package (autograd, nn, viz) and the examples type-check under ``mypy --strict``,
so that a user's mypy sees real types (each package ships a ``py.typed`` marker)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_and_the_examples_are_mypy_strict_clean():
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "autograd", "nn", "viz",
                             "examples"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
