"""The engine type-checks under ``mypy --strict``."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_strict_is_clean_on_the_engine():
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "autograd"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
