"""The Python backend's program: a batch replayed row by row in generated float code.

:func:`autograd.compile` returns a :class:`PythonProgram` where NumPy is missing (or when
asked, ``backend="python"``).  It answers like the NumPy program, with lists instead of
arrays: ``program(X)`` the outputs of every row, ``program.gradients(X, grad_outputs)``
the sums over the rows sum_b sum_k g_bk d out_k(x_b)/dw.  Each row runs the program's
generated function (:mod:`autograd.floats`), so a row's numbers are the scalar engine's
bit for bit and the sums add the rows in order, as ``backward()`` row after row does.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from autograd.program import FlatProgram, accumulate

_data = attrgetter("data")


class Slot:
    """A parameter's value and gradient sum while a batch runs (the Values untouched)."""

    __slots__ = ("data", "grad")

    def __init__(self, data: float) -> None:
        self.data, self.grad = data, 0.0


class PythonProgram(FlatProgram):
    """A recorded graph replayed on lists of rows by generated Python; no dependency.

    Attributes as :class:`FlatProgram`; ``backend`` is ``"python"``."""

    def __call__(self, X: Sequence[Sequence[float]], *,
                 parameter_vector: Sequence[float] | None = None
                 ) -> list[list[float]]:
        """The outputs for every row of ``X`` (one number per input each): a list of rows.
        ``parameter_vector``: the parameters' values in the order of ``parameters``, used
        instead of their ``.data``."""
        self._widths(X)
        try:
            outputs: list[list[float]] = self.python().rows(self._slots(parameter_vector), X)
        except TypeError as error:
            raise TypeError(f"PythonProgram: X must be rows of real numbers ({error})") from None
        return outputs

    def gradients(self, X: Sequence[Sequence[float]], grad_outputs: Any = 1.0) -> list[float]:
        """sum_b sum_k grad_outputs[b][k] d out_k(x_b)/dw for each w in ``parameters``
        (``grad_outputs``: a number, one per row, one list per row, or a function of the
        outputs that returns one of these; 1 by default)."""
        gradients: list[float] = self.value_and_gradients(X, grad_outputs)[1]
        return gradients

    def value_and_gradients(self, X: Sequence[Sequence[float]], grad_outputs: Any = 1.0, *,
                            parameter_vector: Sequence[float] | None = None
                            ) -> tuple[list[list[float]], list[float]]:
        """The outputs and :meth:`gradients` from one pass per row; no ``.grad`` touched."""
        rows = self._rows(X)
        slots = self._slots(parameter_vector)
        if callable(grad_outputs):
            grad_outputs = grad_outputs(self.python().rows(slots, rows))
        g = self._weights(grad_outputs, len(rows))
        row, outputs = self.python().row, []
        for i, x in enumerate(rows):
            try:
                outputs.append(row(slots, x, g[i]))
            except (ArithmeticError, ValueError) as error:
                raise type(error)(f"{error} (rows[{i}])") from None
        return outputs, [s.grad for s in slots]

    def backward(self, X: Sequence[Sequence[float]], grad_outputs: Any = 1.0
                 ) -> list[list[float]]:
        """Add :meth:`gradients` to each parameter's ``.grad`` and return the outputs."""
        outputs, grads = self.value_and_gradients(X, grad_outputs)
        accumulate(self.parameters, grads)
        return outputs

    def _slots(self, weights: Sequence[float] | None) -> list[Slot]:
        if weights is None:
            return [Slot(w) for w in map(_data, self.parameters)]
        if len(weights) != len(self.parameters):
            raise ValueError(f"PythonProgram: parameter_vector must hold {len(self.parameters)} "
                             f"numbers, one per parameter, got {len(weights)}")
        return [Slot(float(w)) for w in weights]

    def _rows(self, X: Any) -> list[list[float]]:
        """``X`` as rows of floats, one per input, or a clear error naming the bad row."""
        self._widths(X)
        try:
            return [[float(v) for v in x] for x in X]
        except (TypeError, ValueError) as error:
            raise TypeError(f"PythonProgram: X must be rows of real numbers ({error})") from None

    def _widths(self, X: Any) -> None:
        """A ValueError naming the first row of ``X`` that does not hold one number per
        input (a row without a length: a TypeError)."""
        width = len(self.inputs)
        try:
            lengths = list(map(len, X))
        except TypeError as error:
            raise TypeError(f"PythonProgram: X must be rows of real numbers ({error})") from None
        if lengths.count(width) != len(lengths):
            i = next(i for i, n in enumerate(lengths) if n != width)
            raise ValueError(f"PythonProgram: X[{i}] must hold {width} numbers, one per "
                             f"input, got {lengths[i]}")

    def _weights(self, g: Any, n: int) -> list[list[float]]:
        """``grad_outputs`` as one list of output weights per row, or a clear error."""
        k = len(self.outputs)
        expects = (f"a number, {n} numbers (one output), or {n} rows of {k} numbers")
        if isinstance(g, bool):
            raise TypeError(f"PythonProgram: grad_outputs must be {expects}, got bool")
        if isinstance(g, (int, float)):
            return [[float(g)] * k] * n
        try:
            rows = [[float(v) for v in r] if hasattr(r, "__len__") else [float(r)] for r in g]
        except (TypeError, ValueError) as error:
            raise TypeError(f"PythonProgram: grad_outputs must be {expects} ({error})"
                            ) from None
        if len(rows) != n or any(len(r) != k for r in rows):
            raise ValueError(f"PythonProgram: grad_outputs must be {expects}")
        return rows

