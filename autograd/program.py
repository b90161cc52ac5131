"""A recorded graph as a flat program, and its replay slot by slot.

:class:`Replay` walks a recorded graph once and writes it down: one instruction
``(code, out, a, b)`` per op node, in topological order, where ``code`` indexes
:data:`CODES` (the entries of :data:`autograd.ops.TABLE`) and ``out``, ``a``, ``b``
are integer slots (``b = -1`` for a one-input op).  Leaves become slots filled at
call time: an input's slot takes its value from the caller; a parameter's slot reads
``.data`` of its Value on every call (so the program stays valid after an optimiser
step); a :class:`~autograd.value.Constant` is baked in.

Replaying runs the table's forward rules slot by slot, then its derivative rules in
reverse, for every op node

    dE/d(input) += g * d(node)/d(input)

exactly as :mod:`autograd.backward` does, on whatever the namespace computes with:
plain floats here (:meth:`Replay.backward_row`), NumPy arrays over a whole batch in
:mod:`autograd.compile`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from autograd.backward import topological_order
from autograd.ops import FLOATS, TABLE, Namespace, Op
from autograd.value import Constant, Value

CODES: tuple[Op, ...] = tuple(TABLE.values())
"""The op of each op code: instruction code ``k`` runs ``CODES[k]``."""

_CODE_OF = {op.name: code for code, op in enumerate(CODES)}


class Replay:
    """A recorded graph as a flat list of instructions, replayed slot by slot.

    Attributes: ``inputs`` and ``outputs`` (the Values it was made from),
    ``parameters`` (the other non-constant leaves, in topological order),
    ``instructions`` (``(code, out, a, b)`` tuples) and ``n_nodes`` (slots, one per
    graph node).  :func:`autograd.compile` makes its batch form,
    :class:`autograd.compile.Program`.
    """

    def __init__(self, outputs: list[Value], inputs: list[Value]) -> None:
        slot: dict[Value, int] = {}
        order: list[Value] = []
        for out in outputs:
            for node in topological_order(out):
                if node not in slot:
                    slot[node] = len(order)
                    order.append(node)
        column = {x: j for j, x in enumerate(inputs)}
        self.inputs, self.outputs = inputs, outputs
        self.parameters: list[Value] = []
        self.instructions: list[tuple[int, int, int, int]] = []
        self._inputs: list[tuple[int, int]] = []  # (slot, column of X)
        self._parameters: list[tuple[int, Value]] = []
        self._constants: list[tuple[int, float]] = []
        needs = [False] * len(order)  # some parameter reaches the node: it wants a gradient
        varies = [False] * len(order)  # some input reaches the node: one entry per sample
        for s, node in enumerate(order):
            op = node.op
            if op is None:
                if node in column:
                    self._inputs.append((s, column[node]))
                    varies[s] = True
                elif node.__class__ is Constant:
                    self._constants.append((s, node.data))
                else:
                    self._parameters.append((s, node))
                    self.parameters.append(node)
                    needs[s] = True
                continue
            if _CODE_OF.get(op.name) is None or CODES[_CODE_OF[op.name]] is not op:
                raise ValueError(f"compile: op {op.name!r} is not an entry of autograd.ops.TABLE")
            a = slot[node._a]
            b = -1 if node._b is None else slot[node._b]
            self.instructions.append((_CODE_OF[op.name], s, a, b))
            needs[s] = needs[a] or (b >= 0 and needs[b])
            varies[s] = varies[a] or (b >= 0 and varies[b])
        self._steps = [(CODES[c].forward, CODES[c].derivatives, o, a, b)
                       for c, o, a, b in self.instructions]
        self.n_nodes = len(order)
        self._outs = [slot[out] for out in outputs]
        self._needs, self._varies = needs, varies

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({len(self.inputs)} inputs -> {len(self.outputs)} outputs, "
                f"{self.n_nodes} nodes, {len(self.parameters)} parameters)")

    def backward_row(self, x: Sequence[float]) -> list[float]:
        """The reverse pass for one sample ``x`` (seed 1 on every output): adds d out/dw
        to each parameter's ``.grad`` and returns the outputs.  It replays on plain
        floats with the scalar engine's own namespace: no graph is built, and the
        gradients are the scalar engine's, bit for bit."""
        if isinstance(x, (str, bytes)) or not hasattr(x, "__len__") \
                or len(x) != len(self.inputs):
            raise ValueError(f"{type(self).__name__}.backward_row: x must hold "
                             f"{len(self.inputs)} numbers, one per input, got {x!r}")
        try:
            v = self._leaves([float(value) for value in x])
        except (TypeError, ValueError):
            raise TypeError(f"{type(self).__name__}.backward_row: x must hold numbers, "
                            f"got {x!r}") from None
        self._run(v, FLOATS)
        g: list[Any] = [None] * self.n_nodes
        for s in self._outs:
            g[s] = 1.0 if g[s] is None else g[s] + 1.0
        self._backward_chunk(v, g, FLOATS)
        for s, w in self._parameters:
            if g[s] is not None:
                w.grad += g[s]
        return [v[s] for s in self._outs]

    def _leaves(self, columns: Any) -> list[Any]:
        """A slot list with the leaves filled: constants, parameters' current ``.data``,
        and each input's column."""
        v: list[Any] = [None] * self.n_nodes
        for s, c in self._constants:
            v[s] = c
        for s, w in self._parameters:
            v[s] = w.data
        for s, j in self._inputs:
            v[s] = columns[j]
        return v

    def _run(self, v: list[Any], m: Namespace) -> None:
        """Every op slot, in program order, by the table's forward rules on ``m``."""
        for forward, _, o, a, b in self._steps:
            v[o] = forward(m, v[a]) if b < 0 else forward(m, v[a], v[b])

    def _backward_chunk(self, v: list[Any], g: list[Any], m: Namespace) -> None:
        """The reverse pass over one chunk: dE/d(slot) into g, rules from the table.

        A share sent to a slot that does not depend on the inputs is summed over the
        batch at once (its rules then run on numbers; they are linear in g).
        """
        needs, varies = self._needs, self._varies
        for _, derivatives, o, a, b in reversed(self._steps):
            go = g[o]
            if go is None:
                continue
            out, xa = v[o], v[a]
            if b < 0:  # spelled out per arity: this loop is the hot path of a replay
                targets = ((a, derivatives[0](m, go, out, xa)),) if needs[a] else ()
            else:
                xb = v[b]
                da, db = derivatives
                if needs[a]:
                    targets = ((a, da(m, go, out, xa, xb)), (b, db(m, go, out, xa, xb))) \
                        if needs[b] else ((a, da(m, go, out, xa, xb)),)
                else:
                    targets = ((b, db(m, go, out, xa, xb)),) if needs[b] else ()
            for p, share in targets:
                if not varies[p] and getattr(share, "ndim", 0):
                    share = share.sum()
                g[p] = share if g[p] is None else g[p] + share
