"""nn and the examples type-check under ``mypy --strict`` (the engine is checked on its own)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_nn_and_examples_are_mypy_strict_clean():
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "nn", "examples"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
