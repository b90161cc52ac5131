"""The backend a test session forces (``AUTOGRAD_BACKEND``, see conftest.py and ``make
test-backends``), for the tests of one backend's own path."""

import pytest

numpy_program = pytest.mark.numpy_program
"""Mark a test that checks what the NumPy program does (its arrays, its weight vector): it
runs in the default session, and a session with ``AUTOGRAD_BACKEND=python`` (where there
is no NumPy program to check) leaves it out of its collection (conftest.py)."""
