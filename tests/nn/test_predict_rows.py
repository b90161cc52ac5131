"""predict on a long list: read in C (autograd.crows) where a compiler is there, with the
numbers of NumPy's reading, and a bad row still named by the scalar engine."""

import pytest

import nn
from autograd import crows, native
from nn import model_programs


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(crows, "_library", None)


def grid(n):
    return [[i / n - 0.5, (i * 7 % n) / n] for i in range(n)]


def test_a_long_list_predicts_what_an_array_of_it_predicts():
    np = pytest.importorskip("numpy")
    model = nn.MLP(2, [5, 1], activation="tanh", seed=1)
    rows = grid(model_programs.NATIVE_ROWS + 5)
    if native.unavailable() is None:
        assert crows.table(rows, 2, wait=True) is not None  # the reader is built and takes it
    assert model.predict(rows) == model.predict(np.array(rows))
    assert model.predict(rows)[-1] == pytest.approx(model(rows[-1]).data, rel=1e-15)


def test_a_bad_row_in_a_long_list_is_named():
    model = nn.MLP(2, [5, 1], activation="tanh", seed=1)
    rows = grid(model_programs.NATIVE_ROWS + 5)
    rows[1003] = [0.5, "high"]
    with pytest.raises(TypeError, match=r"X\[1003\]"):
        model.predict(rows)

