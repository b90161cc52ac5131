"""The backend a test session forces (``AUTOGRAD_BACKEND``, see conftest.py and ``make
test-backends``), for the tests of one backend's own path."""

import os

import pytest

numpy_program = pytest.mark.skipif(
    os.environ.get("AUTOGRAD_BACKEND") == "python",
    reason="tests the NumPy program's own path, which AUTOGRAD_BACKEND=python rules out")
"""Mark a test that checks what the NumPy program does (its arrays, its weight vector)."""
