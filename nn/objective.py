"""The training objective, written once, and the choice of its path: scalar or compiled.

Every number a model gives, for ``predict``, ``fit``, the decision boundary and the
playground, comes from one of two paths with the same mathematics:

- the scalar engine: ``model(x)`` builds the graph of each sample, ``E.backward()``;
- a compiled program (:func:`autograd.compile`) of one sample's graph, recorded once
  and replayed on a whole batch with NumPy (level by level, weighted sums as matrix
  products), or on floats one sample at a time (``backward_row``: no NumPy needed).

The training objective is written once, :class:`Objective`:

    E = scale(N) sum_i term(h(x_i), t_i) + l2 sum_w w^2,

with the sample's ``term`` and ``scale`` from the loss (:class:`nn.losses.Loss`: by default
a sum over the outputs, sum_k term(h_k, t_k); for softmax cross-entropy one term that
couples the K outputs).  Compiled, one sample's graph has the targets t as inputs
besides x, so a single recording serves every sample and every target.  The batch
program's outputs are the sample's term and the model's outputs h; the L2 term is
NumPy's, E += l2 w.w and dE/dw += 2 l2 w on the weight vector.  The float program (one
sample at a time) has the L2 penalty as an output too, so that a sequential step adds
in the scalar engine's order.  :class:`nn.stepper.Stepper` runs the updates on them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from autograd import Value, no_grad
from autograd.program import FlatProgram, accumulate
from nn import losses, recording
from nn.model_programs import by_position, finite_rows, path, scalar_outputs, table
from nn.vector import WeightVector

if TYPE_CHECKING:
    from autograd.batch import BatchProgram

_data = attrgetter("data")

class Objective:
    """E = loss(h(X), y) + l2 sum_w w^2 of one model on one data set, and its gradients.

    ``program`` is the compiled sample graph (outputs: the term, the L2 penalty when
    ``l2``, then the model's outputs; inputs: x, then the targets t), a
    :class:`~autograd.program.FlatProgram` for sequential steps; ``batch`` is the same
    graph without the L2 output as a NumPy :class:`~autograd.batch.BatchProgram` (None
    without NumPy), the L2 term added in NumPy.  Both
    are None on the scalar engine, and ``reason`` then says why.  ``compiled``: None (the
    program where it pays), True (the program, or a ValueError saying why not), False
    (the scalar engine).
    ``outputs``: the model's outputs on X if already computed (they check the targets).
    """

    def __init__(self, model: Any, loss: Any, l2: float, params: list[Value],
                 X: Sequence[Any], y: Sequence[Any], compiled: bool | None = None) -> None:
        self.model, self.loss, self.l2, self.params = model, loss, l2, params
        self.X, self.y, self.compiled = X, list(y), compiled
        self.reason = recording.why_objective_unrecordable(model, loss)
        if compiled and self.reason:
            raise ValueError(f"fit: compiled=True is impossible: {self.reason}")
        self.program: FlatProgram | None = None
        self.batch: BatchProgram | None = None
        if compiled is not False and not self.reason:
            self.program, self.batch = recording.programs(model, loss, l2, params)
        self.batched = self.batch is not None
        inputs = table(model.input_names, X) if self.batched else None
        outputs = self._checked_outputs(inputs)
        self.table: Any = None
        self._output_weight_blocks: dict[int, Any] = {}
        self._ahead: tuple[Any, Any] | None = None
        if self.program is not None:
            targets = loss.targets(outputs, self.y)
            if inputs is not None:
                import numpy as np

                self.table = np.hstack([inputs, np.asarray(targets, dtype=float)])
                self.rows = self.table.tolist()
            else:
                self.rows = [[float(v) for v in x] + t for x, t in
                             zip(by_position(model.input_names, X), targets, strict=True)]

    def _measured_rows(self) -> tuple[float, list[Any]] | None:
        """E and the outputs by the float program, row by row (the Python backend), or None
        if E is not finite (the scalar engine then names what went wrong)."""
        assert self.program is not None
        out = self.program.forward_rows(self.rows)
        factor = self.loss.scale(len(self.X))
        E = sum(o[0] for o in out) * (1.0 if factor is None else factor)
        first = 1 + bool(self.l2)  # the outputs h follow the term and the penalty
        if self.l2 and out:
            E += out[0][1]
        h = [o[first] if len(o) == first + 1 else o[first:] for o in out]
        return (E, h) if math.isfinite(E) else None

    def _checked_outputs(self, inputs: Any) -> list[Any]:
        """The model's outputs on every example (floats), through the forward program when
        the inputs form a table and every output is finite; otherwise on the scalar
        engine, where an error names its example."""
        if inputs is not None and self.batch is not None:  # targets 0: its outputs h are h(x)
            import numpy as np

            width = len(self.model.output_names)
            out = self.batch(np.hstack([inputs, np.zeros((len(inputs), width))]))
            rows = finite_rows(out[:, 1:])
            if rows is not None:
                return rows
        return scalar_outputs(self.model, self.X, "fit")

    def scalar(self, X: Sequence[Any], y: Sequence[Any]) -> Value:
        """E = loss(h(X), y) + l2 sum_w w^2 on the scalar engine: a Value whose graph reaches
        every weight."""
        E: Value = self.loss([self.model(x) for x in X], y)
        return E + losses.l2_penalty(self.params, self.l2) if self.l2 else E

    def _output_weights(self, rows: int) -> list[float]:
        """Each program output's weight (``grad_outputs``) for a step on ``rows`` samples:
        scale(N) on the term, 1 on the L2 penalty, 0 on the outputs h."""
        factor = self.loss.scale(rows)
        return ([1.0 if factor is None else factor] + [1.0] * bool(self.l2)
                + [0.0] * len(self.model.output_names))

    def _output_weight_block(self, rows: int) -> Any:
        """The (rows, outputs) ``grad_outputs`` of a batch step: scale(N) on every row's
        term, 0 on the outputs h."""
        if rows not in self._output_weight_blocks:
            import numpy as np

            weights = np.zeros((rows, 1 + len(self.model.output_names)))
            weights[:, 0] = self._output_weights(rows)[0]
            self._output_weight_blocks[rows] = weights
        return self._output_weight_blocks[rows]

    def steps_vector(self, params: list[Value]) -> bool:
        """Whether batch steps of an optimiser on ``params`` can run on one weight vector
        (:mod:`nn.vector`): they are the batch program's parameters, and so are the
        weights of the L2 term."""
        if self.batch is None or not WeightVector.fits(params, self.batch.parameters):
            return False
        return not self.l2 or WeightVector.fits(self.params, self.batch.parameters)

    def _penalty(self, weights: Any) -> float:
        """l2 w.w, from the weight vector or the Values."""
        if weights is not None:
            return float(self.l2 * (weights @ weights))
        return self.l2 * sum(w.data * w.data for w in self.params)

    def _penalise_values(self) -> None:
        """dE/dw += 2 l2 w in every ``.grad`` (a batch step's L2 term on the Values)."""
        if self.l2:
            for w in self.params:
                w.grad += 2 * self.l2 * w.data

    def path(self, rows: int) -> str:
        """Which path computes ``rows`` examples (:func:`nn.model_programs.path`)."""
        way = path(rows, self.compiled, self.reason, training=True)
        return "python" if way == "numpy" and self.batch is None else way

    def on_program(self, rows: int) -> bool:
        """Whether a step on ``rows`` examples runs on the NumPy program."""
        return self.path(rows) == "numpy"

    def backward(self, rows: Sequence[int]) -> None:
        """Add dE/dw of the examples ``rows`` (indices into X) to every ``.grad``."""
        ahead = self._take_ahead(rows, None)
        way = self.path(len(rows))
        if way == "python":
            assert self.program is not None
            weights = self._output_weights(len(rows))
            for k, i in enumerate(rows):  # the L2 penalty counts once, with the first row
                self.program.backward_row(self.rows[i], weights)
                if k == 0 and self.l2:
                    weights = [*weights[:1], 0.0, *weights[2:]]
        elif ahead is not None and self.batch is not None:
            accumulate(self.batch.parameters, ahead)  # measure() took this gradient already
            self._penalise_values()
        elif way == "numpy":
            assert self.batch is not None
            self.batch.backward(self.table[rows], self._output_weight_block(len(rows)))
            self._penalise_values()
        else:
            self.scalar([self.X[i] for i in rows], [self.y[i] for i in rows]).backward()

    def gradient(self, rows: Sequence[int], weights: Any) -> Any:
        """dE/dw of the examples ``rows`` at ``weights``, a NumPy vector over the batch
        program's ``parameters`` (the gradient comes in the same order); no Value is
        read or written (:mod:`nn.vector`; :meth:`steps_vector` says when)."""
        assert self.batch is not None
        g = self._take_ahead(rows, weights)
        if g is None:
            table = self.table if len(rows) == len(self.X) else self.table[rows]
            g = self.batch.value_and_gradients(
                table, self._output_weight_block(len(rows)), parameter_vector=weights)[1]
        return g + (2 * self.l2) * weights if self.l2 else g

    def _take_ahead(self, rows: Sequence[int], weights: Any) -> Any:
        """The gradient :meth:`measure` took ahead, if it is the one of this whole-set step
        at these weights (the same vector, or the Values' same numbers)."""
        ahead, self._ahead = self._ahead, None
        if ahead is None or len(rows) != len(self.X):
            return None
        key, grads = ahead
        if weights is not None:
            return grads if key is weights else None
        return grads if isinstance(key, tuple) and key == self._weights() else None

    def _weights(self) -> tuple[float, ...]:
        return tuple(map(_data, self.params))

    def measure(self, ahead: bool = False, weights: Any = None) -> tuple[float, list[Any]]:
        """E over the whole set with the current weights, and the model's outputs (floats).

        ``ahead``: the next step is on the whole set, so take its gradient in the same
        replay (one reverse pass more, one whole step less); the step uses it while the
        weights are still the ones it was taken at.  ``weights``: the weights as a vector
        over the batch program's parameters (see :meth:`gradient`); E then comes from
        the program even when it is not finite, and one output's values as a NumPy
        vector."""
        way = "numpy" if weights is not None else self.path(len(self.X))
        if way == "python" and (found := self._measured_rows()) is not None:
            return found
        if way == "numpy" and self.batch is not None:
            if ahead:
                out, grads = self.batch.value_and_gradients(
                    self.table, self._output_weight_block(len(self.X)), parameter_vector=weights)
                self._ahead = (self._weights() if weights is None else weights, grads)
            else:
                out = self.batch(self.table, parameter_vector=weights)
            factor = self.loss.scale(len(self.X))
            E = float(out[:, 0].sum()) * (1.0 if factor is None else factor)
            if self.l2:
                E += self._penalty(weights)
            h = out[:, 1:]
            if weights is not None and h.shape[1] == 1:  # a run: the stepper counts in NumPy
                return E, h[:, 0]
            if math.isfinite(E) or weights is not None:
                return E, h[:, 0].tolist() if h.shape[1] == 1 else h.tolist()
        with no_grad():
            outputs = [self.model(x) for x in self.X]
            E = self.loss(outputs, self.y)
            if self.l2:
                E = E + losses.l2_penalty(self.params, self.l2)
        return E.data, [h.data if isinstance(h, Value) else [v.data for v in h] for h in outputs]
