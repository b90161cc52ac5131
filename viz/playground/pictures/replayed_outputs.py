"""A model's outputs at fixed rows, replayed whenever asked: with NumPy or without it.

The pictures of the plane ask for every perceptron's z_j at the same cells after every
change of the weights: a compiled program (:func:`autograd.compile`), one call for all
rows, whose backend is the program's choice: NumPy where it is installed, else (in the
browser, under Pyodide) generated float code row by row.  Both run the table's own
forward rules, so they agree to rounding.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


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
    """A compiled ``program``'s outputs at ``rows`` (one float per input each); calling
    it replays them with the parameters as they are now."""

    def __init__(self, program: Any, rows: list[list[float]]) -> None:
        self.program = program
        self.table: Any = rows
        if program.backend == "numpy":
            import numpy as np

            self.table = np.asarray(rows, dtype=float)

    def __call__(self) -> Outputs:
        """Every output at every row, now."""
        return Outputs(self.program(self.table))
