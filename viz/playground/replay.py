"""A model's outputs at fixed rows, replayed whenever asked: with NumPy or without it.

The pictures of the plane ask for every perceptron's z_j at the same cells after every
change of the weights.  With NumPy that is the compiled batch program
(:func:`autograd.compile`), one call for all rows; without it (in the browser, under
Pyodide) it is the same recorded graph replayed on plain floats, row by row
(:meth:`autograd.program.FlatProgram.forward_rows`).  Both run the table's own forward
rules, so they agree to rounding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd import Value
from autograd.compile import compile_function
from autograd.mode import enable_grad
from autograd.program import FlatProgram
from nn.programs import available


class Outputs:
    """The outputs of one replay: ``values[r][k]`` is output k at row r (an array with
    NumPy, a list of lists without)."""

    def __init__(self, values: Any) -> None:
        self.values = values

    def column(self, k: int) -> Any:
        """Output ``k`` at every row: a NumPy vector, or a list without NumPy."""
        if isinstance(self.values, list):
            return [row[k] for row in self.values]
        return self.values[:, k]

    def take(self, rows: Sequence[int]) -> Outputs:
        """The outputs at ``rows`` (indices) only."""
        if isinstance(self.values, list):
            return Outputs([self.values[r] for r in rows])
        return Outputs(self.values[list(rows)])


class Replay:
    """``fn(inputs)``'s outputs (a list of Values) at ``rows`` (one float per input each),
    recorded once; calling it replays them with the parameters as they are now."""

    def __init__(self, fn: Callable[[list[Value]], list[Value]], inputs: list[Value],
                 rows: list[list[float]]) -> None:
        self.rows, self.table = rows, None
        if available():
            import numpy as np

            self.program: Any = compile_function(fn, inputs)
            self.table = np.asarray(rows, dtype=float)
        else:
            with enable_grad():
                outputs = list(fn(list(inputs)))
            self.program = FlatProgram(outputs, inputs)

    def __call__(self) -> Outputs:
        """Every output at every row, now."""
        if self.table is None:
            return Outputs(self.program.forward_rows(self.rows))
        return Outputs(self.program(self.table))
