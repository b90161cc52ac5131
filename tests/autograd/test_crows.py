"""The C reader of a list of rows: the numbers NumPy reads, and None for anything it does not
take (the caller then reads the list its own way, naming a bad row)."""

import math

import numpy as np
import pytest

from autograd import crows, native


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(crows, "_library", None)
    if native.unavailable() is not None:
        pytest.skip(native.unavailable())


def test_floats_ints_and_tuples_are_read_as_numpy_reads_them():
    rows = [[0.1, -2.5], (3, 2**60 + 1), [1e308, -0.0]] * 400
    got = crows.table(rows, 2, wait=True)
    want = np.fromiter((float(v) for row in rows for v in row), float).reshape(-1, 2)
    assert got.shape == (1200, 2) and got.dtype == float
    assert got.tobytes() == want.tobytes()  # bit for bit, -0.0 included


@pytest.mark.parametrize("bad", [
    [1.0, True], [1.0, "2"], [1.0, np.float64(2.0)], [1.0], [1.0, 2.0, 3.0],
    {"x": 1.0, "y": 2.0}, [1.0, math.nan], [1.0, -math.inf], [1.0, 10**400], 7.0,
])
def test_anything_else_is_left_to_the_caller(bad):
    rows = [[0.5, 0.25]] * 10 + [bad] + [[0.5, 0.25]] * 10
    assert crows.table(rows, 2, wait=True) is None


def test_only_a_list_is_read():
    assert crows.table(((1.0, 2.0),), 2, wait=True) is None
    assert crows.table(np.ones((3, 2)), 2, wait=True) is None
    assert crows.table([], 2, wait=True).shape == (0, 2)
