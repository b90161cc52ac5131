"""Networks through compiled replay (:func:`autograd.compile`): predict and fit.

A model is compiled on leaf inputs (one per input name); the program reads the
weights at every call, so it follows the optimiser.  Three uses, same results:

- ``Module.predict``: one NumPy replay of the model for the whole batch.
- ``fit(mode="batch")``: the chain rule split at the outputs h_bk of the network,
  for sample b and output k,

      dE/dw = sum_b sum_k dE/dh_bk * dh_bk/dw,

  the first factor from the loss on the scalar engine (a few nodes per sample, any
  loss), the second from the program's reverse pass over the whole batch.
- ``fit(mode="sequential")``: each example's whole graph E = loss(h(x), t), compiled
  once per target value t and replayed on floats with the engine's own rules.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from autograd import Value, grad, no_grad
from autograd.compile import Program, compile_function
from nn import losses
from nn.activations import ACTIVATIONS

EXACT_LOSSES = frozenset({losses.squared_error, losses.mse, losses.hinge,
                          losses.binary_cross_entropy_with_logits})
"""Losses that are functions of the outputs' values alone, so splitting at the outputs
gives their exact gradient.  (``binary_cross_entropy`` on probabilities looks through
a sigmoid output to its logit, which a bare output value cannot show.)"""

MIN_ROWS = 16
"""Below this many rows the scalar engine is as fast as the program: keep it."""


def available() -> bool:
    """Whether NumPy is installed, so that models can be compiled."""
    try:
        return importlib.util.find_spec("numpy") is not None
    except ValueError:  # sys.modules["numpy"] is None: the import is blocked
        return False


def replayable(model: Any) -> bool:
    """Whether one recorded pass stands for every input: an nn model (``input_names``,
    ``units()``) whose activations are all named ones.  A callable activation may
    branch on its input's value, which a recorded graph cannot follow."""
    units = getattr(model, "units", None)
    return (hasattr(model, "input_names") and callable(units)
            and all(unit.activation in ACTIVATIONS for unit in units()))


def program(model: Callable[[Any], Any]) -> Program:
    """``model`` compiled on leaf inputs named after ``model.input_names``."""
    return compile_function(model, [Value(0.0, name) for name in model.input_names])


def predict(model: Callable[[Any], Any], X: Sequence[Any]) -> list:
    """h(x) for every row of ``X`` in one replay: one float per sample for a one-output
    model, else one list per sample (as ``Module.predict``)."""
    return _as_lists(_replay(model, X))


def try_predict(model: Callable[[Any], Any], X: Any) -> list | None:
    """:func:`predict`, or None where the scalar path should answer: no NumPy, fewer than
    :data:`MIN_ROWS` rows, a model that is not :func:`replayable`, or rows the program
    cannot read or that give a non-finite output, such as a NaN input (the scalar path
    then reports the precise error)."""
    if not (available() and hasattr(X, "__len__") and len(X) >= MIN_ROWS
            and replayable(model)):
        return None
    try:
        outputs = _replay(model, X)
    except (TypeError, ValueError, ArithmeticError):
        return None
    finite = math.isfinite(float(abs(outputs).max()))  # a nan makes the max nan
    return _as_lists(outputs) if finite else None


def _replay(model: Callable[[Any], Any], X: Sequence[Any]) -> Any:
    """The (rows, outputs) array of the model's program over ``X``."""
    compiled = program(model)
    try:
        return compiled(X)
    except TypeError:  # rows given as dicts by input name
        return compiled(_by_position(compiled, X))


def _as_lists(outputs: Any) -> list:
    return outputs[:, 0].tolist() if outputs.shape[1] == 1 else outputs.tolist()


def evaluate(model: Callable[[Any], Any], X: Sequence[Any]) -> list:
    """model(x) for every row, as ungraphed Values (a list of them per row for several
    outputs), through one replay when :func:`try_predict` takes it: what a loss over the
    whole set needs."""
    fast = try_predict(model, X)
    if fast is None:
        with no_grad():
            return [model(x) for x in X]
    return [Value(h) if isinstance(h, float) else [Value(v) for v in h] for h in fast]


class BatchSteps:
    """fit's batch step: the model's program over the batch, split at the outputs
    (:func:`loss_backward`), plus the L2 term on the scalar engine."""

    def __init__(self, model: Any, loss: Callable[..., Value], params: list[Value],
                 l2: float) -> None:
        self.program, self.loss, self.params, self.l2 = program(model), loss, params, l2

    def backward(self, X: Sequence[Any], y: Sequence[Any]) -> None:
        """Add dE/dw of this batch's E = loss(h(X), y) (+ L2) to every ``.grad``."""
        loss_backward(self.program, self.loss, X, y)
        if self.l2:
            losses.l2_penalty(self.params, self.l2).backward()


class SequentialSteps:
    """fit's sequential step: for each distinct target t, the whole graph of one
    example's E = loss([h(x)], [t]) (+ L2) compiled once, then replayed per example on
    floats (:meth:`Program.backward_row`): the scalar engine's gradients, no graph built.
    """

    def __init__(self, model: Any, loss: Callable[..., Value], params: list[Value],
                 l2: float, targets: set[Any]) -> None:
        def graph(t: Any) -> Callable[[list[Value]], Value]:
            def E(x: list[Value]) -> Value:
                e = loss([model(x)], [list(t) if isinstance(t, tuple) else t])
                return e + losses.l2_penalty(params, l2) if l2 else e
            return E

        leaves = [Value(0.0, name) for name in model.input_names]
        self.programs = {t: compile_function(graph(t), leaves) for t in targets}

    def backward(self, X: Sequence[Any], y: Sequence[Any]) -> None:
        """Add dE/dw of the one example (X[0], y[0]) to every ``.grad``."""
        compiled = self.programs[_key(y[0])]
        compiled.backward_row(_by_position(compiled, X)[0])


MAX_TARGETS = 8
"""Sequential steps compile one program per distinct target: at most this many."""

SEQUENTIAL_LOSSES = frozenset({losses.squared_error, losses.mse, losses.hinge})
"""Losses whose graph is the same for every example (no branch on a value), so one
recorded example stands for all; the cross entropies pick a stable formula by sign."""


def for_fit(model: Any, loss: Callable[..., Value], mode: str, rows: int,
            requested: bool | None, params: list[Value], l2: float,
            y: Sequence[Any]) -> BatchSteps | SequentialSteps | None:
    """How ``fit`` steps through compiled replays, or None for the scalar engine.

    ``requested``: True (compile, or say why not), False (never), None (when it pays:
    NumPy installed and a :func:`replayable` model; ``mode="batch"`` with at least
    :data:`MIN_ROWS` rows a step and a loss of :data:`EXACT_LOSSES`, or
    ``mode="sequential"`` with a loss of :data:`SEQUENTIAL_LOSSES` and at most
    :data:`MAX_TARGETS` distinct targets).
    """
    if requested is not None and not isinstance(requested, bool):
        raise TypeError(f"fit: compiled must be True, False or None (automatic), "
                        f"got {requested!r}")
    if requested is False or not (requested or (available() and replayable(model))):
        return None
    targets = {_key(t) for t in y} if mode == "sequential" else set()
    if requested:
        if not available():
            raise ImportError("fit: compiled=True needs NumPy: install the `fast` extra "
                              "(pip install -e '.[fast]')")
        if not hasattr(model, "input_names"):
            raise ValueError("fit: compiled=True needs a model with input_names (an nn model)")
        if not replayable(model):
            raise ValueError("fit: compiled=True needs named activations (sigmoid, tanh, "
                             "linear, relu): a callable activation may branch on its input's "
                             "value, which one recorded pass cannot follow")
        if len(targets) > MAX_TARGETS:
            raise ValueError(f"fit: compiled=True in sequential mode compiles one program per "
                             f"distinct target; {len(targets)} is more than {MAX_TARGETS}")
    elif mode == "batch" and (rows < MIN_ROWS or loss not in EXACT_LOSSES):
        return None
    elif mode == "sequential" and (loss not in SEQUENTIAL_LOSSES or len(targets) > MAX_TARGETS):
        return None
    if mode == "batch":
        return BatchSteps(model, loss, params, l2)
    return SequentialSteps(model, loss, params, l2, targets)


def loss_backward(
    compiled: Program, loss: Callable[..., Value], X: Sequence[Any], y: Sequence[Any]
) -> float:
    """E = loss(h(X), y); adds dE/dw to every parameter's ``.grad`` and returns E.

    ``loss`` takes (predictions, targets) as the functions of :mod:`nn.losses` do.
    """
    measured: list[float] = []

    def seed(H: Any) -> list[list[float]]:
        rows = [[Value(h) for h in row] for row in H.tolist()]
        E = loss([row[0] for row in rows] if H.shape[1] == 1 else rows, y)
        measured.append(E.data)
        dE = grad(E, [h for row in rows for h in row])
        width = H.shape[1]
        return [dE[i:i + width] for i in range(0, len(dE), width)]

    compiled.backward(_by_position(compiled, X), seed)
    return measured[0]


def _key(t: Any) -> Any:
    """A target as a dict key: a float, or a tuple of floats for several outputs."""
    return tuple(float(v) for v in t) if isinstance(t, Sequence) else float(t)


def _by_position(compiled: Program, X: Sequence[Any]) -> list:
    """The rows in input order: a dict by input name becomes a list."""
    names = [x.label for x in compiled.inputs]
    return [[row[name] for name in names] if isinstance(row, Mapping) else row for row in X]
