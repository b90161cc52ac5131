"""A model's compiled programs: which models compile, the cached programs, and predict.

A model compiles when one recorded pass stands for every input: an nn model whose
activations are the named built-ins.  Its programs (:func:`autograd.compile`) are kept
on the model until its structure changes, and every batch of 16 rows or more that
``Module.predict`` sees goes through the forward one: the rows become one NumPy table,
the program runs the whole graph on it level by level.  Anything the program cannot
read, or an output that is not finite, goes back to the scalar engine, which names the
example at fault.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import Any

from autograd import Value, no_grad
from autograd.compile import compile_function

MIN_ROWS = 16
"""Below this many rows a step or a prediction stays on the scalar engine: compiling and
calling NumPy would cost more than the few graphs it replaces."""


def available() -> bool:
    """Whether NumPy is installed, so that batches can be replayed."""
    try:
        return importlib.util.find_spec("numpy") is not None
    except ValueError:  # sys.modules["numpy"] is None: the import is blocked
        return False


def unrecordable(model: Any) -> str | None:
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
    answer: no NumPy, fewer than :data:`MIN_ROWS` rows, a model that cannot be recorded,
    rows that are not a table of numbers, or an output that is not finite (the scalar
    path then reports the precise error)."""
    if not (available() and hasattr(X, "__len__") and len(X) >= MIN_ROWS
            and unrecordable(model) is None):
        return None
    rows = table(model.input_names, X)
    if rows is None:
        return None
    try:
        out = forward_program(model)(rows)
    except (ValueError, ArithmeticError):  # a domain error: the scalar path names the row
        return None
    return finite_rows(out)


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
    rows = X if isinstance(X, np.ndarray) else _fromiter(X, width)
    if rows is None:
        rows = _fromiter(by_position(names, X), width)
    if rows is None or rows.ndim != 2 or rows.shape[1] != width \
            or not np.isfinite(rows).all():
        return None
    return rows.astype(float, copy=False)


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
