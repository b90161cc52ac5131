"""The backward pass (or the forward sweep) as data: one readable step per node.

:func:`explain` replays the reverse pass of :mod:`autograd.backward` and records what
happens at every node instead of writing ``.grad``.  At node v, whose gradient
g = dE/dv is final by then (every consumer of v has been visited), the chain rule

    dE/dp += dE/dv * dv/dp

sends each parent p its share.  The local derivative dv/dp is the node's rule from
:data:`autograd.ops.TABLE` evaluated with g = 1, and the share is the same rule
evaluated with the upstream g, exactly as the engine computes it, so the shares of
the steps add up to the engine's gradients.  This is the tutorial's backpropagation
(section 1.3: dE/dw_{i->j} = delta_j z_i), written out one primitive at a time.

``explain(output, mode="forward", wrt=x)`` is its counterpart in forward mode: the sweep
of :mod:`autograd.forward_mode`, node after node in topological order, where each parent p
sends dv/dp * dp/dx into the node's tangent dv/dx, in the same step format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from autograd.backward import topological_order
from autograd.display import format_number
from autograd.forward_mode import forward_pass
from autograd.gradients import reverse_pass
from autograd.ops import FLOATS, Op
from autograd.value import Constant, Value


@dataclass(frozen=True)
class Share:
    """What one step sends to one parent p of its node v (reverse), or takes from it (forward).

    ``local`` is dv/dp.  Reverse: ``contribution`` is dE/dv * dv/dp and ``total`` is dE/dp
    summed over every share p has received so far.  Forward: ``contribution`` is
    dv/dp * dp/dx and ``total`` is v's tangent dv/dx so far.
    """

    parent: Value
    name: str
    local: float
    contribution: float
    total: float


@dataclass(frozen=True)
class ExplainedStep:
    """One node of the pass: its gradient dE/dv and the shares it sends (reverse), or its
    tangent dv/dx and the shares it sums (forward).

    ``upstream`` is the final dE/dv (dv/dx) of the node.  A leaf (``op`` is None) sends
    nothing: its gradient is the answer (in forward mode, the leaf x starts the sweep).
    """

    index: int
    node: Value
    name: str
    op: Op | None
    upstream: float
    shares: tuple[Share, ...]


def node_names(order: list[Value]) -> dict[Value, str]:
    """A readable, deterministic name per node: its label, else ``v<topological index>``.

    Constants are named by their value (``2``, ``0.5``).
    """
    names = {}
    for i, node in enumerate(order):
        if node.label:
            names[node] = node.label
        elif node.__class__ is Constant:
            names[node] = f"{node.data:g}"
        else:
            names[node] = f"v{i}"
    return names


def formula(node: Value, names: dict[Value, str]) -> str:
    """The op that made ``node`` written over its parents' names: ``w * x`` for a
    two-input op, ``tanh(s)`` (``neg(x)``) for a one-input op."""
    op = node.op
    if op is None:
        return names[node]
    operands = [names[p] for p in node.parents]
    if op.arity == 2:
        return f"{operands[0]} {op.name} {operands[1]}"
    return f"{op.name}({operands[0]})"


@dataclass(frozen=True, repr=False)
class Explanation:
    """The whole reverse pass of ``output``: its steps in the order the engine visits them.

    Iterate over it, index it, or print it for a worked solution.  ``gradients`` maps
    every node to its final dE/d(node), the value ``backward()`` would leave in
    ``.grad`` on a fresh graph; in forward mode (``mode="forward"``), every node that
    depends on ``wrt`` to its tangent d(node)/d(wrt).
    """

    output: Value
    steps: tuple[ExplainedStep, ...]
    gradients: dict[Value, float]
    names: dict[Value, str]
    mode: str = "reverse"
    wrt: Value | None = None

    def __iter__(self) -> Iterator[ExplainedStep]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, i: int) -> ExplainedStep:
        return self.steps[i]

    def __repr__(self) -> str:
        return (f"<Explanation of {self.names[self.output]} = {format_number(self.output.data)}: "
                f"{_count(self.steps)}; print it for the worked solution>")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython and Jupyter show the worked solution itself."""
        printer.text(str(self))

    def __str__(self) -> str:
        out = self.names[self.output]
        value = format_number(self.output.data)
        if self.wrt is not None:
            x = self.names[self.wrt]
            lines = [f"Forward pass of d{out}/d{x} ({out} = {value}): {_count(self.steps)}, "
                     f"each node after its parents.",
                     f"Chain rule at node v with parent p: dv/d{x} += dv/dp * dp/d{x}."]
            return "\n".join(lines + [_describe_forward(s, x, self.names) for s in self.steps])
        lines = [
            f"Backward pass of {out} = {value}: {_count(self.steps)}, "
            f"each node after every node that uses it.",
            f"Chain rule at node v with parent p: d{out}/dp += d{out}/dv * dv/dp.",
        ]
        for step in self.steps:
            lines.append(_describe(step, out, self.names))
        return "\n".join(lines)


def _count(steps: tuple[ExplainedStep, ...]) -> str:
    return f"{len(steps)} step" if len(steps) == 1 else f"{len(steps)} steps"


def _describe(step: ExplainedStep, out: str, names: dict[Value, str]) -> str:
    v = step.name
    made = " (leaf)" if step.op is None else f" = {formula(step.node, names)}"
    head = f"{step.index:>3}. {v}{made} = {format_number(step.node.data)}"
    if step.index == 1:
        head += f";  d{out}/d{v} = 1 (the start of the pass)"
    else:
        head += f";  d{out}/d{v} = {format_number(step.upstream)} (final)"
    if step.op is None:
        return head
    lines = [head]
    g = format_number(step.upstream)
    for s in step.shares:
        local = format_number(s.local)
        lines.append(
            f"       -> {s.name}: d{v}/d{s.name} = {local};  "
            f"{g} * {local} = {format_number(s.contribution)};  "
            f"d{out}/d{s.name} so far = {format_number(s.total)}"
        )
    return "\n".join(lines)


def _describe_forward(step: ExplainedStep, x: str, names: dict[Value, str]) -> str:
    v = step.name
    if step.index == 1:
        return (f"{step.index:>3}. {v} (leaf) = {format_number(step.node.data)};  "
                f"d{v}/d{x} = 1 (the start of the pass)")
    lines = [f"{step.index:>3}. {v} = {formula(step.node, names)} = "
             f"{format_number(step.node.data)};  d{v}/d{x} = {format_number(step.upstream)}"]
    for s in step.shares:
        local = format_number(s.local)
        lines.append(
            f"       <- {s.name}: d{v}/d{s.name} = {local};  {local} * d{s.name}/d{x} = "
            f"{format_number(s.contribution)};  d{v}/d{x} so far = {format_number(s.total)}"
        )
    return "\n".join(lines)


def explain(output: Value, mode: str = "reverse", wrt: Value | None = None) -> Explanation:
    """The reverse pass of ``output`` as a list of steps (see :class:`Explanation`), or,
    with ``mode="forward"``, the forward sweep of d(output)/d(wrt).

    Runs the pass itself on floats: no prior ``backward()`` is needed and no
    ``.grad`` is read or written.  Constants (plain numbers in the expression) get no
    step and receive no share, as in the engine; in forward mode only the nodes that
    depend on ``wrt`` get a step.
    """
    if not isinstance(output, Value):
        raise TypeError(f"explain: output must be a Value, got {type(output).__name__}")
    if mode not in ("reverse", "forward"):
        raise ValueError(f"explain: mode must be 'reverse' or 'forward', got {mode!r}")
    if (mode == "forward") != isinstance(wrt, Value):
        raise TypeError(f"explain: wrt must be a Value with mode='forward' and None with "
                        f"mode='reverse', got mode={mode!r}, wrt={type(wrt).__name__}")
    names = node_names(topological_order(output))
    steps: list[ExplainedStep] = []

    def record(node: Value, g: float, args: list[float],
               shares: list[tuple[Value, Any, float, float]]) -> None:
        steps.append(ExplainedStep(len(steps) + 1, node, names[node], node.op, g, tuple(
            Share(p, names[p], rule(FLOATS, 1.0, node.data, *args), share, total)
            for p, rule, share, total in shares
        )))

    if wrt is not None:
        if wrt not in names:
            raise ValueError(f"explain: {output!r} does not depend on wrt = {wrt!r}")
        tangents = forward_pass([output], {wrt: 1.0}, visit=record)
        return Explanation(output, tuple(steps), tangents, names, mode, wrt)
    totals = reverse_pass(output, visit=record)
    return Explanation(output, tuple(steps), totals, names)
