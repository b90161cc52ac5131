"""The one place that decides how a model is evaluated and trained: scalar or compiled.

Every number a model gives, for ``predict``, ``fit``, the decision boundary and the
playground, comes from one of two paths with the same mathematics:

- the scalar engine: ``model(x)`` builds the graph of each sample, ``E.backward()``;
- a compiled program (:func:`autograd.compile`) of one sample's graph, recorded once
  and replayed on a whole batch with NumPy (level by level, weighted sums as matrix
  products), or on floats one sample at a time (``backward_row``: no NumPy needed).

The training objective is written once, :class:`Objective`:

    E = scale(N) sum_i sum_k term(h_k(x_i), t_ik) + l2 sum_w w^2,

with ``term`` and ``scale`` from the loss (:class:`nn.losses.Loss`).  Compiled, one
sample's graph has the targets t as inputs besides x, so a single program serves every
sample and every target; its outputs are the sample's term, the L2 penalty (which
depends on no input) and the model's outputs h.  :class:`nn.stepper.Stepper` runs the
updates on it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from functools import reduce
from itertools import chain
from operator import add, attrgetter
from typing import TYPE_CHECKING, Any

from autograd import Value, no_grad
from autograd.compile import compile_function
from autograd.mode import enable_grad
from autograd.program import FlatProgram, accumulate
from nn import losses

if TYPE_CHECKING:
    from autograd.batch import BatchProgram

_data = attrgetter("data")

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
    cache = _cache(model)
    if "reason" not in cache:
        cache["reason"] = next((
            f"perceptron {unit.name!r} has the activation {unit.activation.name!r}, a "
            f"function that may branch on its input's value, which one recorded pass cannot "
            f"follow (named activations compile: sigmoid, tanh, linear, relu)"
            for unit in model.units() if not unit.activation.named), None)
    reason: str | None = cache["reason"]
    return reason


def _cache(model: Any) -> dict[Any, Any]:
    """The model's programs (and whether it has any), dropped when its structure changes."""
    if model._programs is None:
        model._programs = {}
    programs: dict[Any, Any] = model._programs
    return programs


def forward_program(model: Any) -> Any:
    """The compiled h(x) of ``model`` (inputs named after ``model.input_names``), cached."""
    cache = _cache(model)
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
    return _finite_rows(out)


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


def _finite_rows(out: Any) -> list[Any] | None:
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
        if set(map(len, X)) != {width}:
            return None
        return np.fromiter(chain.from_iterable(X), float, count=len(X) * width).reshape(
            len(X), width)
    except (TypeError, ValueError):
        return None


class Objective:
    """E = loss(h(X), y) + l2 sum_w w^2 of one model on one data set, and its gradients.

    ``program`` is the compiled sample graph (outputs: the term, the L2 penalty when
    ``l2``, then the model's outputs; inputs: x, then the targets t), a
    :class:`~autograd.program.FlatProgram` for sequential steps; ``batch`` is the same
    program as a NumPy :class:`~autograd.batch.BatchProgram` (None without NumPy).  Both
    are None on the scalar engine, and ``reason`` then says why.  ``compiled``: None (the
    program where it pays), True (the program, or a ValueError saying why not), False
    (the scalar engine).
    ``outputs``: the model's outputs on X if already computed (they check the targets).
    """

    def __init__(self, model: Any, loss: Any, l2: float, params: list[Value],
                 X: Sequence[Any], y: Sequence[Any], compiled: bool | None = None) -> None:
        self.model, self.loss, self.l2, self.params = model, loss, l2, params
        self.X, self.y, self.compiled = X, list(y), compiled
        self.reason = self._unrecordable()
        if compiled and self.reason:
            raise ValueError(f"fit: compiled=True is impossible: {self.reason}")
        self.program: FlatProgram | None = None
        self.batch: BatchProgram | None = None
        if compiled is not False and not self.reason:
            self.program, self.batch = self._programs()
        self.batched = self.batch is not None
        inputs = table(model.input_names, X) if self.batched else None
        outputs = self._checked_outputs(inputs)
        self.table: Any = None
        self._seed_blocks: dict[int, Any] = {}
        self._ahead: tuple[tuple[float, ...], list[float]] | None = None
        if self.program is not None:
            targets = loss.targets(outputs, self.y)
            if inputs is not None:
                import numpy as np

                self.table = np.hstack([inputs, np.asarray(targets, dtype=float)])
                self.rows = self.table.tolist()
            else:
                self.rows = [[float(v) for v in x] + t for x, t in
                             zip(by_position(model.input_names, X), targets, strict=True)]

    def _checked_outputs(self, inputs: Any) -> list[Any]:
        """The model's outputs on every example (floats), through the forward program when
        the inputs form a table and every output is finite; otherwise on the scalar
        engine, where an error names its example."""
        if inputs is not None and self.batch is not None:  # targets 0: its outputs h are h(x)
            import numpy as np

            width = len(self.model.output_names)
            out = self.batch(np.hstack([inputs, np.zeros((len(inputs), width))]))
            rows = _finite_rows(out[:, 1 + bool(self.l2):])
            if rows is not None:
                return rows
        return scalar_outputs(self.model, self.X, "fit")

    def _unrecordable(self) -> str | None:
        if not isinstance(self.loss, losses.Loss):
            return ("the loss is a function of the whole batch; a compiled program needs a "
                    "per-sample loss (an nn.losses.Loss)")
        reason = unrecordable(self.model)
        if reason is None:
            with enable_grad():  # the loss looks at the ops that made the outputs
                first = self.model([0.0] * len(self.model.input_names))
            reason = self.loss.unrecordable([first] if isinstance(first, Value) else first)
        return reason

    def _programs(self) -> tuple[FlatProgram, BatchProgram | None]:
        key = ("objective", self.loss, self.l2)
        cache = _cache(self.model)
        if key not in cache:
            x = [Value(0.0, n) for n in self.model.input_names]
            t = [Value(0.0, f"t_{n}") for n in self.model.output_names]
            with enable_grad():
                h = self.model(x)
                h = [h] if isinstance(h, Value) else h
                outs = [reduce(add, [self.loss.term(hk, tk) for hk, tk in zip(h, t, strict=True)])]
                if self.l2:
                    outs.append(losses.l2_penalty(self.params, self.l2))
            outs += h
            if available():
                batch = compile_function(lambda _: outs, x + t)
                cache[key] = (batch, batch)
            else:
                cache[key] = (FlatProgram(outs, x + t), None)
        programs: tuple[FlatProgram, BatchProgram | None] = cache[key]
        return programs

    def scalar(self, X: Sequence[Any], y: Sequence[Any]) -> Value:
        """E = loss(h(X), y) + l2 sum_w w^2 on the scalar engine: a Value whose graph reaches
        every weight."""
        E: Value = self.loss([self.model(x) for x in X], y)
        return E + losses.l2_penalty(self.params, self.l2) if self.l2 else E

    def _seeds(self, rows: int) -> list[float]:
        """Each program output's seed for a step on ``rows`` samples: scale(N) on the term,
        1 on the L2 penalty, 0 on the outputs h."""
        factor = self.loss.scale(rows)
        return ([1.0 if factor is None else factor] + [1.0] * bool(self.l2)
                + [0.0] * len(self.model.output_names))

    def _seed_block(self, rows: int) -> Any:
        """The (rows, outputs) seed of a batch step: scale(N) on every row's term, 1 on the
        L2 penalty of the first row only (it depends on no input: counted once)."""
        if rows not in self._seed_blocks:
            import numpy as np

            seed = np.zeros((rows, len(self._seeds(rows))))
            seed[:, 0] = self._seeds(rows)[0]
            if self.l2:
                seed[0, 1] = 1.0
            self._seed_blocks[rows] = seed
        return self._seed_blocks[rows]

    def backward(self, rows: Sequence[int]) -> None:
        """Add dE/dw of the examples ``rows`` (indices into X) to every ``.grad``."""
        ahead, self._ahead = self._ahead, None
        if self.program is not None and len(rows) == 1:
            self.program.backward_row(self.rows[rows[0]], self._seeds(1))
        elif (ahead is not None and self.batch is not None and len(rows) == len(self.X)
              and ahead[0] == self._weights()):
            accumulate(self.batch.parameters, ahead[1])  # measure() took this gradient already
        elif self.batch is not None and (len(rows) >= MIN_ROWS or self.compiled):
            self.batch.backward(self.table[rows], self._seed_block(len(rows)))
        else:
            self.scalar([self.X[i] for i in rows], [self.y[i] for i in rows]).backward()

    def _weights(self) -> tuple[float, ...]:
        return tuple(map(_data, self.params))

    def measure(self, ahead: bool = False) -> tuple[float, list[Any]]:
        """E over the whole set with the current weights, and the model's outputs (floats).

        ``ahead``: the next step is on the whole set, so take its gradient in the same
        replay (one reverse pass more, one whole step less); :meth:`backward` uses it
        while the weights are still the ones it was taken at."""
        if self.batch is not None and len(self.X) >= MIN_ROWS:
            if ahead:
                out, grads = self.batch.value_and_gradients(
                    self.table, self._seed_block(len(self.X)))
                self._ahead = (self._weights(), grads)
            else:
                out = self.batch(self.table)
            factor = self.loss.scale(len(self.X))
            E = float(out[:, 0].sum()) * (1.0 if factor is None else factor)
            if self.l2:
                E += float(out[0, 1])
            h = out[:, 1 + bool(self.l2):]
            import numpy as np

            if np.isfinite(E):
                return E, h[:, 0].tolist() if h.shape[1] == 1 else h.tolist()
        with no_grad():
            outputs = [self.model(x) for x in self.X]
            E = self.loss(outputs, self.y)
            if self.l2:
                E = E + losses.l2_penalty(self.params, self.l2)
        return E.data, [h.data if isinstance(h, Value) else [v.data for v in h] for h in outputs]
