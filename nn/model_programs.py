"""A model's compiled programs: which models compile, which path runs, and predict.

A model compiles when one recorded pass stands for every input: an nn model whose
activations are the named built-ins.  Its programs (:func:`autograd.compile`) are kept
on the model until its structure changes.  :func:`path` is the one place that decides
which path computes a batch: the scalar engine, the NumPy program (level by level over
the whole batch), or the Python one (generated float code, row by row).  Every batch of
16 rows or more that ``Module.predict`` sees goes through the forward program.  Anything
the program cannot read, or an output that is not finite, goes back to the scalar
engine, which names the example at fault.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import Any

from autograd import Value, no_grad
from autograd.compile import compile_function, default_backend

MIN_ROWS = 16
"""Below this many rows a step or a prediction stays on the scalar engine: compiling and
calling NumPy would cost more than the few graphs it replaces."""


def available() -> bool:
    """Whether batches can be replayed with NumPy: it is installed, and
    ``$AUTOGRAD_BACKEND`` does not force the Python backend."""
    if default_backend() == "python":
        return False
    try:
        return importlib.util.find_spec("numpy") is not None
    except ValueError:  # sys.modules["numpy"] is None: the import is blocked
        return False


def path(rows: int, compiled: bool | None, reason: str | None, training: bool) -> str:
    """Which path computes ``rows`` samples: ``"scalar"``, ``"numpy"`` or ``"python"``.

    The scalar engine (a graph per sample) when ``compiled`` is False or ``reason`` says
    why one recorded pass cannot stand for every sample; otherwise a compiled program
    where it pays: :data:`MIN_ROWS` rows or more, or ``compiled=True``, or one sample
    of a training step (its program is recorded already).  A program runs on NumPy for
    a batch of two rows or more when NumPy is installed, else on generated Python."""
    if compiled is False or reason is not None:
        return "scalar"
    if rows >= MIN_ROWS or compiled or (training and rows == 1):
        return "numpy" if rows > 1 and available() else "python"
    return "scalar"


def why_model_unrecordable(model: Any) -> str | None:
    """Why one recorded pass of ``model`` cannot stand for every input, or None.

    Only nn models whose activations are the named built-ins themselves qualify: a
    function of the user's may branch on its input's value (whatever its name)."""
    if not (callable(getattr(model, "_plan", None)) and hasattr(model, "_programs")):
        return "the model is not an nn model (nn.Module)"
    cache = cache_of(model)
    if "reason" not in cache:
        cache["reason"] = next((
            f"perceptron {unit.name!r} has the activation {unit.activation.name!r}, a "
            f"function that may branch on its input's value, which one recorded pass cannot "
            f"follow (named activations compile: sigmoid, tanh, linear, relu)"
            for unit in model.units() if not unit.activation.named), None)
    reason: str | None = cache["reason"]
    return reason


def cache_of(model: Any) -> dict[Any, Any]:
    """The model's programs (and whether it has any), dropped when its structure changes."""
    if model._programs is None:
        model._programs = {}
    programs: dict[Any, Any] = model._programs
    return programs


def forward_program(model: Any) -> Any:
    """The compiled h(x) of ``model`` (inputs named after ``model.input_names``), cached."""
    cache = cache_of(model)
    if "forward" not in cache:
        cache["forward"] = compile_function(model, [Value(0.0, n) for n in model.input_names])
    return cache["forward"]


def predictions(model: Any, X: Sequence[Any]) -> list[Any]:
    """h(x) for every row of ``X`` under ``no_grad``: through the compiled program where it
    pays (:func:`predict`), else on the scalar engine (where an error names its row)."""
    fast = predict(model, X)
    return scalar_outputs(model, X, "predict") if fast is None else fast


def predict(model: Any, X: Sequence[Any]) -> list[Any] | None:
    """h(x) for every row through the compiled program, or None where the scalar path should
    answer (:func:`path`: fewer than :data:`MIN_ROWS` rows, a model that cannot be
    recorded), rows that are not a table of numbers, or an output that is not finite
    (the scalar path then reports the precise error)."""
    way = "scalar" if not hasattr(X, "__len__") else \
        path(len(X), None, why_model_unrecordable(model), training=False)
    if way == "scalar":
        return None
    program = forward_program(model)
    if way == "python":
        return _predict_rows(program, by_position(model.input_names, X))
    rows = table(model.input_names, X)
    if rows is None:
        return None
    try:
        out = program(rows)
    except (ValueError, ArithmeticError):  # a domain error: the scalar path names the row
        return None
    return finite_rows(out)


def _predict_rows(program: Any, rows: list[Any]) -> list[Any] | None:
    """h(x) of every row by the program's Python backend, or None (a bad row, a domain
    error, or an output that is not finite: the scalar path then names the row)."""
    try:
        out = program.forward_rows(rows)
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not all(map(math.isfinite, chain.from_iterable(out))):
        return None
    return [h[0] for h in out] if len(program.outputs) == 1 else out


def scalar_outputs(model: Any, X: Iterable[Any], where: str) -> list[Any]:
    """The model's outputs on every row of ``X`` on the scalar engine, as floats (a list
    per row for several outputs); a bad row's error names it, e.g. ``"fit: X[3]: ..."``."""
    results = []
    with no_grad():
        for i, x in enumerate(X):
            try:
                h = model(x)
            except (TypeError, ValueError) as error:
                if type(error) not in (TypeError, ValueError):
                    raise
                raise type(error)(f"{where}: X[{i}]: {error}") from None
            results.append(h.data if isinstance(h, Value) else [v.data for v in h])
    return results


def finite_rows(out: Any) -> list[Any] | None:
    """A (rows, outputs) array as floats (one per row for one output), None if any is not
    finite."""
    import numpy as np

    if not np.isfinite(out).all():
        return None
    rows: list[Any] = out[:, 0].tolist() if out.shape[1] == 1 else out.tolist()
    return rows


def table(names: Sequence[str], X: Any) -> Any:
    """The inputs X (rows in input order, or dicts by input name) as a (rows, inputs) float
    array, or None when they are not a table of finite numbers."""
    import numpy as np

    width = len(names)
    rows = X if isinstance(X, np.ndarray) else _native_rows(X, width)
    if rows is None:
        rows = _fromiter(X, width)
    if rows is None:
        rows = _fromiter(by_position(names, X), width)
    if rows is None or rows.ndim != 2 or rows.shape[1] != width \
            or not np.isfinite(rows).all():
        return None
    return rows.astype(float, copy=False)


NATIVE_ROWS = 1000
"""The fewest rows of a list read by the C reader (:mod:`autograd.crows`): below, NumPy's
conversion takes some 30 us at most, and no compiler is started for it."""


def _native_rows(X: Any, width: int) -> Any:
    """A list of :data:`NATIVE_ROWS` rows or more read in C, when the C backend may run
    (a compiler is there and ``$AUTOGRAD_BACKEND`` names no other), or None."""
    forced = default_backend()
    if type(X) is not list or len(X) < NATIVE_ROWS or forced in ("numpy", "python"):
        return None
    from autograd.compile import unavailable
    from autograd.crows import table as read

    return read(X, width, wait=forced == "c") if unavailable("c") is None else None


def by_position(names: Sequence[str], X: Sequence[Any]) -> list[Any]:
    """The rows in input order: a dict by input name becomes a list."""
    try:
        return [[row[n] for n in names] if isinstance(row, Mapping) else row for row in X]
    except (KeyError, TypeError):
        return list(X)


def _fromiter(X: Any, width: int) -> Any:
    """A list of rows through ``np.fromiter`` once every row is checked to hold ``width``
    entries: three times faster than ``np.asarray`` on nested lists; None if it fails."""
    import numpy as np

    try:
        if list(map(len, X)).count(width) != len(X):  # every row holds width entries
            return None
        return np.fromiter(chain.from_iterable(X), float, count=len(X) * width).reshape(
            len(X), width)
    except (TypeError, ValueError):
        return None
