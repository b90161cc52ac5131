"""Sequential SGD as one generated function: the Python backend's training loop.

In sequential mode each example i gives one update, w := w - eta dE_i/dw (with momentum,
v := mu v + dE_i/dw and w := w - eta v).  On the scalar engine every update is a graph
and a pass; on the compiled float program it is a call of ``backward_row`` and of
``optimizer.step``.  Here a run of updates is one call of a function written for this
objective and optimiser (:func:`autograd.floats.steps_function`): the weights stay in
Python locals from one example to the next, the forward pass, the reverse pass and the
update being straight-line float code from the table's rules and the optimiser's own
``rule`` run on symbols (:func:`nn.optimizer_code.on_symbols`), its hyperparameters
read at each call, so a new eta needs no new code.  The numbers are those of
``backward_row`` + ``step``, bit for bit.

A step the generated code does not take (a gradient or a new weight that is not finite,
or a domain error in the sample) is taken the ordinary way, by ``fallback``, so the
optimiser refuses it, or the engine names the error, exactly as it would have.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd.compile import BUILD_AFTER, default_backend
from autograd.floats import steps_function
from nn.optimizer_base import Optimizer
from nn.optimizer_code import on_symbols

MAX_NODES = 4000
"""The largest program whose sequential epochs are written as one function.  Python compiles
about 25,000 lines a second, and the function holds some five lines per node and
parameter: a 6 x 32 MLP (16,000 nodes, 5,400 weights) took 3.5 s to write, against
0.9 s for its per-sample function (backward_row), which larger programs use instead."""


class SequentialSteps:
    """The sequential updates of ``optimizer`` (an :class:`nn.optim.SGD`, say) on the float
    program ``program``, whose outputs are weighted ``grad_outputs`` in the reverse pass, over
    ``rows`` (one list of floats per example: inputs, then targets)."""

    def __init__(self, program: Any, grad_outputs: Sequence[float | None], optimizer: Optimizer,
                 rows: list[list[float]], table: Any = None) -> None:
        self.program, self.grad_outputs, self.optimizer = program, grad_outputs, optimizer
        self.rows, self.table = rows, table
        index = {p: k for k, p in enumerate(optimizer.params)}
        self.trained = [index.get(p, -1) for p in program.parameters]
        self._written: tuple[Any, Any, Any] = (None, None, None)
        self._runs = 0

    @staticmethod
    def fits(program: Any, optimizer: Any) -> bool:
        """Whether the optimiser's update can be written out: a rule whose inputs do not
        change from one step to the next (SGD, with or without momentum; not Adam, whose
        bias corrections count the steps) on parameters that are all the program's, and
        a program of at most :data:`MAX_NODES` nodes."""
        return isinstance(optimizer, Optimizer) and not optimizer.counters \
            and set(optimizer.params) <= set(program.parameters) \
            and program.n_nodes <= MAX_NODES

    def _function(self, hyper: dict[str, float]) -> Any:
        """The generated function for the optimiser's rule with the hyperparameters named
        in ``hyper`` (the terms of the others left out): the C one once its library is
        loaded (its build starts in the background at the
        :data:`~autograd.compile.BUILD_AFTER`-th run, when NumPy holds the rows:
        :func:`native_steps`), the Python one until then."""
        optimizer = self.optimizer
        key = tuple(hyper)
        if self._written[0] != key:
            update, names = on_symbols(optimizer.rule, hyper)
            function = steps_function(self.program, self.grad_outputs, self.trained, update, names,
                                      len(optimizer.buffers))
            self._written, self._runs = (key, function, None), 0
        self._runs += 1
        native = self._written[2]
        if native is None and (self._runs >= BUILD_AFTER or default_backend() == "c"):
            native = native_steps(self.program, self.grad_outputs, self.trained, optimizer,
                                  self.table)
            self._written = (key, self._written[1], native)
        return (native is not None and native.function()) or self._written[1]

    @property
    def backend(self) -> str:
        """Which backend runs the steps now: ``"c"`` or ``"python"``."""
        native = self._written[2]
        return "c" if native is not None and native.function() is not None else "python"

    def run(self, order: Sequence[int], start: int, stop: int,
            fallback: Callable[[int], None]) -> None:
        """The updates at positions ``start`` to ``stop`` of ``order`` (indices of rows);
        ``fallback(position)`` takes one update the ordinary way."""
        optimizer, params = self.optimizer, self.program.parameters
        state = optimizer._state
        for b in optimizer.buffers:  # lists again after a step on vectors
            if not isinstance(state[b], list):
                state[b] = list(map(float, state[b]))
        hyper = optimizer.hyper()
        function = self._function(hyper)
        values = list(hyper.values())
        while start < stop:
            weights = [p.data for p in params]
            grads = [p.grad for p in params]
            try:
                done = function(weights, [state[b] for b in optimizer.buffers], self.rows,
                                order, start, stop, grads, values)
            except (ArithmeticError, ValueError):  # nothing was written back:
                for position in range(start, stop):  # each step the ordinary way
                    fallback(position)
                return
            for i, p in enumerate(params):
                if self.trained[i] >= 0:
                    p.data, p.grad = weights[i], grads[i]
            if done < stop:
                fallback(done)  # the step it did not take: refused, or taken, as usual
                done += 1
            start = done


def native_steps(program: Any, grad_outputs: Sequence[float | None], trained: list[int],
                 optimizer: Any, table: Any) -> Any:
    """The C steps (:class:`autograd.csteps.NativeSteps`), building, or None: no NumPy table
    of the rows, or ``$AUTOGRAD_BACKEND`` forcing another backend.  (A build that fails,
    e.g. for want of a compiler, warns once and leaves the steps on Python.)"""
    forced = default_backend()
    if table is None or forced in ("numpy", "python"):
        return None
    from autograd.csteps import NativeSteps

    update, names = on_symbols(optimizer.rule, optimizer.hyper())
    return NativeSteps(program, grad_outputs, trained, update, names, len(optimizer.buffers),
                       len(optimizer.params), table, wait=forced == "c")


def sequential_steps(objective: Any, optimizer: Any, size: int) -> SequentialSteps | None:
    """The generated sequential updates of ``optimizer`` on ``objective``, or None where
    they do not apply: steps of more than one example, the scalar engine, or an optimiser
    that :meth:`SequentialSteps.fits` refuses."""
    program = objective.program
    if size != 1 or program is None or not SequentialSteps.fits(program, optimizer):
        return None
    weights = objective._output_weights(1)
    grad_outputs = [w if k < 1 + bool(objective.l2) else None for k, w in enumerate(weights)]
    return SequentialSteps(program, grad_outputs, optimizer, objective.rows, objective.table)
