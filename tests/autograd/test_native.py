"""The C backend: the same numbers as the other backends, a library cached by structure, and a
build that fails (no compiler, a compiler error, a cache folder that cannot be written)
leaving the program on NumPy with one warning and the right numbers."""

import importlib
import math
import os
import warnings

import numpy as np
import pytest

import autograd
from autograd import Value, native

compile_module = importlib.import_module("autograd.compile")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test builds into a cache folder of its own, and no warning is remembered."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AUTOGRAD_BACKEND", raising=False)
    monkeypatch.setattr(native, "_warned", set())


def tanh_program():
    x, w = Value(0.0, "x"), Value(0.7, "w")
    return autograd.compile((w * x).tanh() * w, [x]), x, w


X = np.linspace(-2, 2, 50)[:, None]


def want():
    return [math.tanh(0.7 * x) * 0.7 for x in X[:, 0]]


def test_a_program_switches_to_c_once_its_library_is_loaded_and_a_second_run_loads_it_at_once():
    program, _, _ = tanh_program()
    for _ in range(compile_module.BUILD_AFTER):
        assert program.backend == "numpy"
        np.testing.assert_allclose(program(X)[:, 0], want(), rtol=1e-15)
    program.native.library.wait()
    assert program.backend == "c"
    np.testing.assert_allclose(program(X)[:, 0], want(), rtol=1e-15)
    again, _, _ = tanh_program()
    again.native = type(program.native)(again, wait=True)
    assert again.native.library.build_seconds < 0.5  # loaded from the cache, not compiled
    assert len(list(native.cache_folder().glob("*.so"))) == 1


def fails_once(program, message):
    """Every call answers NumPy's numbers; the failed build says why in one warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(compile_module.BUILD_AFTER):
            program(X)
        program.native.library.wait()
        for _ in range(3):
            np.testing.assert_allclose(program(X)[:, 0], want(), rtol=1e-15)
            assert program.backend == "numpy"
    found = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(found) == 1 and message in str(found[0].message), [str(w.message) for w in found]


def test_no_compiler_leaves_numpy_with_one_warning(monkeypatch):
    monkeypatch.setattr(native, "compiler", lambda: None)
    fails_once(tanh_program()[0], "no C compiler found")
    with pytest.raises(ImportError, match="'c' backend cannot run here: no C compiler found"):
        autograd.compile(Value(1.0) * 2, [Value(0.0)], backend="c")


def test_a_compiler_error_leaves_numpy_with_one_warning(monkeypatch):
    monkeypatch.setenv("CC", "false")  # a compiler that fails on every source
    fails_once(tanh_program()[0], "the compiler 'false' failed")


def test_a_cache_folder_that_cannot_be_written_leaves_numpy_with_one_warning(monkeypatch,
                                                                             tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")  # read-only for root too: nothing can go under it
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    fails_once(tanh_program()[0], "cannot be written")
    if os.getuid() != 0:  # a folder without write permission (root writes anyway)
        readonly = tmp_path / "readonly"
        readonly.mkdir(mode=0o500)
        monkeypatch.setenv("XDG_CACHE_HOME", str(readonly))
        monkeypatch.setattr(native, "_warned", set())
        fails_once(tanh_program()[0], "cannot be written")


def test_a_domain_error_in_c_is_named_by_the_numpy_replay():
    x, w = Value(1.0), Value(2.0)
    program = autograd.compile((x * w).log(), [x], backend="c")
    with pytest.raises(ValueError, match=r"log: expects x > 0, got x = -2.0 \(batch row 1\)"):
        program(np.array([[1.0], [-1.0]]))


def test_c_by_level_groups_over_chunks_shared_weights_and_a_static_coefficient():
    """Two layers whose sums share weights (one of them twice in one sum), a coefficient
    made of weights alone (a * a, the static space), a product of two varying nodes and
    a batch of several chunks: C's outputs and summed gradients are the NumPy program's
    (sums in another order: within the documented bound) and the scalar engine's."""
    from autograd.csource import chunk

    a, b, c = Value(0.3, "a"), Value(-0.8, "b"), Value(0.5, "c")

    def network(x0, x1):
        h0 = (a * x0 + b * x1 + a * x1 + c).tanh()
        h1 = (b * x0 + (a * a) * x1 - c).sigmoid()
        return [h0 * h1 + c * h0, (h1 - b * h0).relu()]

    x0, x1 = Value(0.0, "x0"), Value(0.0, "x1")
    program = autograd.compile(network(x0, x1), [x0, x1], backend="c")
    numpy = autograd.compile(network(x0, x1), [x0, x1], backend="numpy")
    rows = 2 * chunk(program._varying.n_rows) + 7
    X = np.random.default_rng(3).normal(size=(rows, 2)) * 3
    G = np.random.default_rng(4).normal(size=(rows, 2))
    got, grads = program.value_and_gradients(X, G)
    want, want_grads = numpy.value_and_gradients(X, G)
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(grads, want_grads, rtol=1e-12)
    for k in range(rows):  # the scalar engine, row by row
        outs = network(*X[k].tolist())
        assert [o.data for o in outs] == pytest.approx(got[k].tolist(), rel=1e-13, abs=1e-15)
        (outs[0] * G[k, 0] + outs[1] * G[k, 1]).backward()
    assert grads == pytest.approx([a.grad, b.grad, c.grad], rel=1e-11)


def test_a_call_while_another_holds_the_workspace_allocates_its_own():
    """The workspace kept between batches serves one call at a time: a call made while
    another thread's holds it (here: the lock held) runs in memory of its own, with the
    same numbers."""
    x, w = Value(0.0, "x"), Value(0.7, "w")
    program = autograd.compile((w * x).tanh() * w + x * x, [x], backend="c")
    kept = program.value_and_gradients(X, 1.0)
    assert program.native._work.size > 0
    with program.native._lock:  # as if another thread's call were running
        alone = program.value_and_gradients(X, 1.0)
    np.testing.assert_array_equal(alone[0], kept[0])
    assert alone[1] == kept[1]
    assert alone[0][:, 0].tolist() == pytest.approx(
        [math.tanh(0.7 * v) * 0.7 + v * v for v in X[:, 0]], rel=1e-15)
