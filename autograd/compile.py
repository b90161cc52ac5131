"""Compiled graphs: a recorded graph replayed over a whole batch with NumPy.

:func:`compile` writes a recorded graph down as a flat program
(:class:`autograd.program.Replay`: op codes into :data:`autograd.ops.TABLE` and
integer slots, in topological order) and returns its batch form, :class:`Program`.
Calling it evaluates every node once for the whole batch: each slot holds a NumPy
vector with one entry per sample (or one number, when the node does not depend on
the inputs).  The reverse pass runs the very derivative rules of the scalar engine,
evaluated on arrays through :func:`arrays`; a parameter's gradient is the sum over
the batch, sum_b dE_b/dw (the seed's batch update).  NumPy is needed here and
nowhere else in the engine.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from autograd.mode import enable_grad
from autograd.ops import Namespace
from autograd.program import Replay
from autograd.value import Constant, Value, _value_list

ROWS_PER_CHUNK = 2048
"""Batches are replayed in chunks of this many rows: memory stays bounded by
(nodes x chunk) numbers and each vector stays small enough for the CPU cache."""


def _numpy() -> Any:
    """The numpy module, or an ImportError that says how to get it."""
    try:
        import numpy
    except ImportError as error:
        raise ImportError(
            "autograd.compile needs NumPy for batch replay: install the `fast` extra "
            "(pip install -e '.[fast]', or pip install 'numpy>=1.24')"
        ) from error
    return numpy


@functools.cache
def arrays() -> Namespace:
    """The namespace the table's rules use on NumPy arrays (one entry per sample).

    The same functions as :data:`autograd.ops.FLOATS`, element-wise, with the same
    domain errors (naming the first offending batch row) and the same stable sigmoid.
    """
    np = _numpy()

    def at(x: Any, bad: Any) -> str:
        """The first offending entry of x, and its batch row when x has one."""
        if not np.ndim(bad):
            return repr(float(x))
        row = int(np.argmax(bad))
        return f"{float(np.broadcast_to(x, np.shape(bad))[row])!r} (batch row {row})"

    def log(x: Any) -> Any:
        if np.any(bad := np.less_equal(x, 0)):
            raise ValueError(f"log: expects x > 0, got x = {at(x, bad)}")
        return np.log(x)

    def sqrt(x: Any) -> Any:
        if np.any(bad := np.less(x, 0)):
            raise ValueError(f"sqrt: expects x >= 0, got x = {at(x, bad)}")
        return np.sqrt(x)

    def div(x: Any, y: Any) -> Any:
        if np.any(bad := np.equal(y, 0)):
            raise ZeroDivisionError(f"div: division by zero, x / y with y = {at(y, bad)}")
        return x / y

    def power(x: Any, y: Any) -> Any:
        if np.any(bad := np.equal(x, 0) & np.less(y, 0)):
            raise ZeroDivisionError(
                f"pow: 0 ** y is undefined for y < 0 (zero base, negative exponent), "
                f"y = {at(y, bad)}"
            )
        if np.any(bad := np.less(x, 0) & (np.floor(y) != y)):
            raise ValueError(
                f"pow: a negative base needs an integer exponent, got base {at(x, bad)}"
            )
        return np.power(x, y)

    def sigmoid(x: Any) -> Any:
        # sigma(x) = 1 / (1 + e^-x) for x >= 0 and e^x / (1 + e^x) below: e^-|x| <= 1.
        e = np.exp(-np.abs(x))
        r = 1.0 / (1.0 + e)
        return np.where(np.greater_equal(x, 0), r, e * r)

    return Namespace(
        exp=np.exp, log=log, tanh=np.tanh, sigmoid=sigmoid, pow=power, div=div,
        sqrt=sqrt, abs=np.abs, relu=lambda x: np.maximum(x, 0.0),
        step=lambda x: np.where(np.greater(x, 0), 1.0, 0.0), sign=np.sign,
    )


def compile(outputs: Value | Sequence[Value], inputs: Sequence[Value]) -> Program:
    """The graph that computes ``outputs`` from ``inputs``, as a :class:`Program`.

    ``inputs`` are the leaf Values that become the columns of a batch (the x of the
    seed's h(x)); every other leaf the outputs depend on is a parameter, read at call
    time.  Raises ImportError without NumPy, TypeError / ValueError on bad arguments.
    """
    _numpy()  # or the ImportError that says how to get it
    outs = [outputs] if isinstance(outputs, Value) else outputs
    many = "a Value or a non-empty list of Values"
    outs = _value_list(outs, "compile", "outputs", many)
    if not outs:
        raise TypeError(f"compile: outputs must be {many}, got an empty list")
    inputs = _value_list(inputs, "compile", "inputs", "a list of leaf Values")
    seen: set[Value] = set()
    for i, x in enumerate(inputs):
        if x.__class__ is Constant or not x.is_leaf:
            made = "a Constant" if x.__class__ is Constant else f"made by {x.op.name!r}"
            raise ValueError(
                f"compile: inputs[{i}] must be a leaf Value made by the user, but it is {made}"
            )
        if x in seen:
            raise ValueError(f"compile: inputs[{i}] is listed twice")
        seen.add(x)
    return Program(list(outs), list(inputs))


def compile_function(fn: Callable[[list[Value]], Any], inputs: Sequence[Value]) -> Program:
    """``compile(fn(inputs), inputs)``, with fn's graph recorded even inside ``no_grad``
    (a program needs every op; an unrecorded output would be a constant)."""
    with enable_grad():
        outputs = fn(list(inputs))
    return compile(outputs if isinstance(outputs, Value) else list(outputs), inputs)


class Program(Replay):
    """A recorded graph as a flat program, replayed on whole batches with NumPy.

    Made by :func:`compile`.  Besides the attributes of :class:`Replay` (``inputs``,
    ``outputs``, ``parameters``, ``instructions``, ``n_nodes``, and
    ``backward_row`` for one sample on floats): call it on a batch, or ask for the
    batch's summed gradients.
    """

    def __call__(self, X: Any) -> Any:
        """The outputs for every row of ``X`` (shape (B, inputs)): shape (B, outputs)."""
        X = self._batch(X)
        return self._join([self._forward(X[i:i + ROWS_PER_CHUNK])[1]
                           for i in range(0, len(X), ROWS_PER_CHUNK)])

    def gradients(self, X: Any, seed: Any = 1.0) -> list[float]:
        """sum_b sum_k seed[b, k] * d out_k(x_b) / dw for each w in ``parameters``.

        With the default seed 1 and a per-sample loss E_b as the one output, these
        are the gradients of the batch's E = sum_b E_b; pass ``seed=1 / B`` for a
        mean.  ``seed`` is a number, an array of shape (B,) or (B, outputs), or a
        function that gets the outputs (B, outputs) first and returns one.
        """
        return self._reverse(X, seed)[1]

    def backward(self, X: Any, seed: Any = 1.0) -> Any:
        """Add :meth:`gradients` to each parameter's ``.grad`` (leaves accumulate, as in
        ``Value.backward``) and return the outputs, shape (B, outputs)."""
        outputs, grads = self._reverse(X, seed)
        for w, g in zip(self.parameters, grads, strict=True):
            w.grad += g
        return outputs

    # -- the replay ------------------------------------------------------------------

    def _batch(self, X: Any) -> Any:
        np = _numpy()
        try:
            X = np.asarray(X, dtype=float)
        except (TypeError, ValueError) as error:
            raise TypeError(f"Program: X must be a table of real numbers ({error})") from None
        if X.ndim != 2 or X.shape[1] != len(self.inputs):
            raise ValueError(
                f"Program: X must have shape (B, {len(self.inputs)}), one column per input, "
                f"got shape {X.shape}"
            )
        return X

    def _forward(self, X: Any) -> tuple[list[Any], Any]:
        """Every slot's value for the rows of X, and the outputs as a (B, outputs) array."""
        np = _numpy()
        v = self._leaves(np.ascontiguousarray(X.T))
        with np.errstate(all="ignore"):  # inf and nan as in float arithmetic; domains checked
            self._run(v, arrays())
        shape = (len(X),)
        return v, np.stack([np.broadcast_to(v[s], shape) for s in self._outs], axis=1)

    def _reverse(self, X: Any, seed: Any) -> tuple[Any, list[float]]:
        np, m = _numpy(), arrays()
        X = self._batch(X)
        spans = [slice(i, i + ROWS_PER_CHUNK) for i in range(0, len(X), ROWS_PER_CHUNK)]
        if callable(seed):  # the seed needs every output first: keep every chunk's slots
            runs = [self._forward(X[span]) for span in spans]
            seed = self._seed(seed(self._join([out for _, out in runs])), len(X))
        else:  # one chunk's slots alive at a time
            seed = self._seed(seed, len(X))
            runs = (self._forward(X[span]) for span in spans)
        totals = [0.0] * len(self.parameters)
        chunks = []
        for span, (v, outputs) in zip(spans, runs, strict=True):
            chunks.append(outputs)
            g: list[Any] = [None] * self.n_nodes
            for k, s in enumerate(self._outs):
                g[s] = seed[span, k] if g[s] is None else g[s] + seed[span, k]
            with np.errstate(all="ignore"):
                self._backward_chunk(v, g, m)
            for k, (s, _) in enumerate(self._parameters):
                if g[s] is not None:
                    totals[k] += float(g[s].sum() if getattr(g[s], "ndim", 0) else g[s])
        return self._join(chunks), totals

    def _join(self, chunks: list[Any]) -> Any:
        np = _numpy()
        return np.concatenate(chunks) if chunks else np.zeros((0, len(self.outputs)))

    def _seed(self, seed: Any, rows: int) -> Any:
        """The seed as a (rows, outputs) array, or a clear error."""
        np = _numpy()
        if isinstance(seed, bool):
            raise TypeError("Program: seed must be a number or an array, got bool")
        try:
            seed = np.asarray(seed, dtype=float)
        except (TypeError, ValueError) as error:
            raise TypeError(f"Program: seed must be a number or an array ({error})") from None
        shape, given = (rows, len(self.outputs)), seed.shape
        if seed.ndim == 1 and len(self.outputs) == 1:
            seed = seed[:, None]
        if seed.ndim not in (0, 2) or (seed.ndim == 2 and seed.shape != shape):
            raise ValueError(
                f"Program: seed must be a number or have shape {shape} "
                f"(or ({rows},) for one output), got shape {given}"
            )
        return np.broadcast_to(seed, shape)
