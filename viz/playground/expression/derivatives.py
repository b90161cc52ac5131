"""Derivatives of an expression to any order, each one a recorded graph of its own, and
where every node of a derivative's graph came from.

``autograd.grad(f, [x], create_graph=True)`` runs the reverse pass of f with the table's
rules evaluated on Values: at each node v of f's graph, the chain rule

    df/dp += df/dv * dv/dp

records new nodes (the local derivative dv/dp, the share df/dv * dv/dp, the running sum
df/dp), and the sum that reaches the leaf x is df/dx, a Value whose graph can be
differentiated again.  :func:`differentiate` runs that same pass (the engine's
``reverse_pass`` on the Values' namespace, as ``grad`` runs it) and watches it step by step
(its ``visit`` hook), so that each new node is traced to the node v of f whose step made
it; the nodes of f that df/dx reuses (tanh's rule reads tanh's own output) come from
themselves.  :func:`sampled` evaluates a chain of such graphs over a grid of one variable
by the engine's float replay (:class:`autograd.program.FlatProgram`): pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from autograd import Value, enable_grad, topological_order
from autograd.gradients import reverse_pass, value_operand
from autograd.program import FlatProgram
from autograd.values_namespace import VALUES

SEED = "seed"
"""The label of the 1 that starts a reverse pass (df/df = 1), a leaf of the derivative
(``seed1`` for the first derivative's, ``seed2`` for the second's, ...)."""


def differentiate(f: Value, x: Value, seed_label: str = SEED) -> tuple[Value, dict[Value, Value]]:
    """df/dx as a recorded graph (what ``autograd.grad(f, [x], create_graph=True)`` gives),
    and for each node of its graph the node of f's graph it came from (see module text).

    A node of f reused as it is comes from itself; a node the pass made comes from the
    node v whose step made it; the seed 1 comes from f.  If f does not depend on x,
    df/dx is the leaf 0, from nowhere.
    """
    known = set(topological_order(f))
    seed = Value(1.0, label=seed_label)
    made: dict[Value, Value] = {seed: f}

    def visit(node: Value, g: Any, args: list[Any], shares: list[Any]) -> None:
        for _, _, share, total in shares:
            _claim([share, total], node, known, made)

    with enable_grad():
        grads = reverse_pass(f, VALUES, seed, value_operand, visit, wrt=[x])
    found = grads.get(x)
    derivative = found if isinstance(found, Value) else Value(0.0)
    sources = {node: node if node in known else made[node]
               for node in topological_order(derivative) if node in known or node in made}
    return derivative, sources


def _claim(starts: list[Any], step: Value, known: set[Value],
           made: dict[Value, Value]) -> None:
    """Give ``step`` every node reachable from ``starts`` that is neither f's nor claimed."""
    stack = [v for v in starts if isinstance(v, Value)]
    while stack:
        node = stack.pop()
        if node in known or node in made:
            continue
        made[node] = step
        stack.extend(node.parents)


def sampled(graphs: Sequence[Value], x: Value, grid: Sequence[float]) -> list[list[float | None]]:
    """Each graph's value at every point of ``grid`` for the variable ``x`` (the other
    variables at their values), replayed on floats; a sample the engine cannot compute
    (outside a function's domain) or that is not finite is None, and so is every
    derivative where the first graph, the expression itself, is None."""
    curves = []
    for graph in graphs:
        program = FlatProgram([graph], [x])
        curve: list[float | None] = []
        for t in grid:
            try:
                (y,) = program.forward_rows([[t]])[0]
            except (ArithmeticError, ValueError):
                y = math.nan
            curve.append(y if math.isfinite(y) else None)
        curves.append(curve)
    return [[None if curves[0][i] is None else y for i, y in enumerate(curve)]
            for curve in curves]


def grid(start: float, stop: float, points: int) -> list[float]:
    """``points`` evenly spaced numbers from ``start`` to ``stop``, both included."""
    step = (stop - start) / (points - 1)
    return [start + i * step for i in range(points - 1)] + [stop]
