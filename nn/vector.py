"""The weights of a compiled run held in one NumPy vector, and given back to the Values.

A batch step on the compiled program (:mod:`nn.objective`) needs the weights as a
vector and gives the gradient as one; the optimiser's rule runs on vectors too
(:meth:`nn.optimizer_base.Optimizer.step_vector`).  Between those, nothing needs the Values,
so during a run (:meth:`nn.stepper.Stepper.running`) the weights live here:

    w (the optimiser's order) --gather--> the program's order --> E, dE/dw --> w'

and only :meth:`WeightVector.store` writes them back, ``p.data`` = w and ``p.grad`` =
the last step's dE/dw, exactly what the step on the Values leaves.  That saves a
Python loop over the parameters at every step, most of what a small network's step
costs besides the program.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from autograd import Value

_data = attrgetter("data")


class WeightVector:
    """The values ``w`` and last gradient ``g`` of ``params`` (a list of Values), and
    ``at``: w in the order of ``program_params`` (the same Values, another order)."""

    def __init__(self, params: list[Value], program_params: list[Value]) -> None:
        import numpy as np

        position = {p: i for i, p in enumerate(params)}
        self.params = params
        self.to_program = np.array([position[p] for p in program_params], dtype=np.intp)
        self.w: Any = None  # None: the Values hold the weights (not loaded, or stored)
        self.g: Any = None
        self.at: Any = None

    @staticmethod
    def fits(params: list[Value], program_params: list[Value]) -> bool:
        """Whether the optimiser steps exactly the program's parameters."""
        return len(params) == len(program_params) and set(params) == set(program_params)

    def load(self) -> None:
        """w := every ``p.data`` (if they are not loaded already)."""
        if self.w is None:
            import numpy as np

            self.set(np.fromiter(map(_data, self.params), float, len(self.params)))

    def set(self, w: Any) -> None:
        """The new values (a step's result)."""
        self.w, self.at = w, w[self.to_program]

    def hold(self, w: Any, at: Any, g: Any) -> None:
        """The values ``w`` (and ``at``, in the program's order) and last gradient ``g`` of
        a step taken in place (:mod:`nn.fused`): no copy."""
        self.w, self.at, self.g = w, at, g

    def gradient(self, g_program: Any) -> Any:
        """The program's gradient vector in the optimiser's order (kept as ``g``)."""
        import numpy as np

        self.g = np.empty_like(g_program)
        self.g[self.to_program] = g_program
        return self.g

    def store(self) -> None:
        """``p.data`` := w and ``p.grad`` := the last gradient, for every parameter; the
        Values hold the weights again until the next :meth:`load`."""
        if self.w is None:
            return
        grads = self.g.tolist() if self.g is not None else None
        for k, (p, w) in enumerate(zip(self.params, self.w.tolist(), strict=True)):
            p.data = w
            if grads is not None:
                p.grad = grads[k]
        self.w = self.g = self.at = None
