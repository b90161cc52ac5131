"""Forward mode from the same table: jvp() and jacobian().

A forward sweep visits the recorded graph in topological order and carries, with every
node v, its tangent dv/dt along a direction t of the inputs (t_j = dx_j/dt).  When v is
reached its parents' tangents are final, and the chain rule

    dv/dt = sum_p dv/dp * dp/dt

is each parent's derivative rule of :data:`autograd.ops.TABLE` with the parent's tangent
in the place of the upstream gradient: ``rule(m, g=dp/dt, out, x[, y])``.  A share is
linear in g, so the reverse pass's rules are the forward sweep's too.  Reverse mode costs
one pass per output, forward mode one sweep per input: :func:`jacobian` counts both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd.arguments import real, value_list
from autograd.backward import topological_order, undefined
from autograd.gradients import as_value, float_operand, reverse_pass, value_operand
from autograd.mode import enable_grad
from autograd.ops import FLOATS, Namespace
from autograd.value import Constant, Value
from autograd.values_namespace import VALUES

Visit = Callable[[Value, Any, list[Any], list[tuple[Value, Any, Any, Any]]], None]


def forward_pass(
    outputs: Sequence[Value],
    seeds: dict[Value, Any],
    m: Namespace = FLOATS,
    operand: Callable[[Value], Any] = float_operand,
    visit: Visit | None = None,
) -> dict[Value, Any]:
    """The forward sweep into a dict {node: d(node)/dt}, for every node that has a tangent.

    ``seeds`` gives the inputs' tangents (a Constant's is ignored: a constant has none).
    ``visit(node, tangent, args, shares)`` is called at every node with a tangent, in
    order, with the operands its rules saw and one ``(parent, rule, share, running
    tangent)`` per parent that carried one; no ``.grad`` is touched.
    """
    tangents: dict[Value, Any] = {}
    done: set[Value] = set()
    for root in outputs:
        for node in topological_order(root):
            if node in done:
                continue
            done.add(node)
            if node in seeds and node.__class__ is not Constant:
                tangents[node] = seeds[node]
                if visit is not None:
                    visit(node, seeds[node], [], [])
                continue
            op, parents = node._op, node.parents
            if op is None or not any(p in tangents for p in parents):
                continue
            out, args = operand(node), [operand(p) for p in parents]
            total: Any = None
            shares: list[tuple[Value, Any, Any, Any]] = []
            for p, rule in zip(parents, op.derivatives, strict=True):
                if p not in tangents:
                    continue
                try:
                    share = rule(m, tangents[p], out, *args)
                except (ArithmeticError, ValueError) as error:
                    raise undefined(node, error, "forward") from error
                total = share if total is None else total + share
                shares.append((p, rule, share, total))
            tangents[node] = total
            if visit is not None:
                visit(node, total, args, shares)
    return tangents


def jvp(outputs: Value | Sequence[Value], inputs: Sequence[Value],
        tangents: Sequence[float | Value], create_graph: bool = False) -> list[Any]:
    """The directional derivatives sum_j d(output)/d(x_j) t_j, one per output, along
    ``tangents`` (one t_j per input), by one forward sweep (see :func:`forward_pass`).

    Touches no ``.grad``.  Floats, or with ``create_graph=True`` Values whose graph
    records the sweep, so they can be differentiated again (``jvp`` of a ``grad(...,
    create_graph=True)`` is a Hessian-vector product).  An input listed twice has the sum
    of its tangents; an output that does not depend on the inputs gets 0.
    """
    outs = _outputs(outputs, "jvp")
    xs = value_list(inputs, "jvp", "inputs")
    if isinstance(tangents, (str, bytes)) or not isinstance(tangents, Sequence) \
            or len(tangents) != len(xs):
        raise ValueError(f"jvp: tangents must hold {len(xs)} numbers, one per input, "
                         f"got {tangents!r}")
    seeds: dict[Value, Any] = {}
    for i, (x, t) in enumerate(zip(xs, tangents, strict=True)):
        t = t if create_graph and isinstance(t, Value) else real(t, f"jvp: tangents[{i}]")
        seeds[x] = seeds[x] + t if x in seeds else t
    if create_graph:
        with enable_grad():
            found = forward_pass(outs, seeds, VALUES, value_operand)
        return [as_value(found.get(out, 0.0)) for out in outs]
    found = forward_pass(outs, seeds)
    return [float(found.get(out, 0.0)) for out in outs]


class Jacobian(list[list[float]]):
    """The matrix J[i][j] = d output_i / d input_j as a list of rows, and what it cost:
    ``sweeps`` (passes over the graph) and ``rule_evaluations`` (derivative rules run)."""

    def __init__(self, rows: list[list[float]], mode: str, sweeps: int,
                 rule_evaluations: int) -> None:
        super().__init__(rows)
        self.mode, self.sweeps, self.rule_evaluations = mode, sweeps, rule_evaluations

    def __repr__(self) -> str:
        return (f"Jacobian({list(self)!r}, mode={self.mode!r}, sweeps={self.sweeps}, "
                f"rule_evaluations={self.rule_evaluations})")


def jacobian(outputs: Value | Sequence[Value], inputs: Sequence[Value],
             mode: str = "reverse") -> Jacobian:
    """d output_i / d input_j for every output and input, as a :class:`Jacobian`.

    ``mode="reverse"`` runs one reverse pass per output (a row each), ``mode="forward"``
    one forward sweep per input (a column each); both give the same matrix, at a cost
    the result reports: for a scalar loss of n parameters, 1 sweep against n.
    """
    outs = _outputs(outputs, "jacobian")
    xs = value_list(inputs, "jacobian", "inputs")
    count = [0]

    def counted(node: Value, g: Any, args: list[Any], shares: list[Any]) -> None:
        count[0] += len(shares)

    if mode == "reverse":
        rows = []
        for out in outs:
            grads = reverse_pass(out, visit=counted, wrt=xs)
            rows.append([0.0 if x.__class__ is Constant else float(grads.get(x, 0.0))
                         for x in xs])
        return Jacobian(rows, mode, len(outs), count[0])
    if mode == "forward":
        columns = []
        for x in xs:
            found = forward_pass(outs, {x: 1.0}, visit=counted)
            columns.append([float(found.get(out, 0.0)) for out in outs])
        rows = [[column[i] for column in columns] for i in range(len(outs))]
        return Jacobian(rows, mode, len(xs), count[0])
    raise ValueError(f"jacobian: mode must be 'reverse' or 'forward', got {mode!r}")


def _outputs(outputs: Value | Sequence[Value], where: str) -> list[Value]:
    many = "a Value or a non-empty list of Values"
    outs = value_list([outputs] if isinstance(outputs, Value) else outputs, where,
                       "outputs", many)
    if not outs:
        raise TypeError(f"{where}: outputs must be {many}, got an empty list")
    return outs
