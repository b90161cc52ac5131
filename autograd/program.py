"""A recorded graph as a flat program, and its replay slot by slot.

:class:`FlatProgram` walks a recorded graph once and writes it down: one instruction
``(code, out, a, b)`` per op node, in topological order, where ``code`` indexes
:data:`CODES` (the entries of :data:`autograd.ops.TABLE`) and ``out``, ``a``, ``b``
are integer slots (``b = -1`` for a one-input op).  Leaves become slots filled at
call time: an input's slot takes its value from the caller; a parameter's slot reads
``.data`` of its Value on every call (so the program stays valid after an optimiser
step); a :class:`~autograd.value.Constant` is baked in.

Replaying runs the table's forward rules slot by slot, then its derivative rules in
reverse, for every op node

    dE/d(input) += g * d(node)/d(input)

exactly as :mod:`autograd.backward` does.  On plain floats (:meth:`FlatProgram.backward_row`,
one sample; :meth:`FlatProgram.forward_rows`) the rules are not interpreted node by node:
they are written once as straight-line Python (:mod:`autograd.floats`, the Python
backend).  The batch form in :mod:`autograd.compile` schedules the same slots by level
(:mod:`autograd.levels`) and runs the same rules on NumPy blocks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from autograd.backward import topological_order
from autograd.floats import PythonFunctions
from autograd.ops import TABLE, Namespace, Op
from autograd.value import Constant, Value

CODES: tuple[Op, ...] = tuple(TABLE.values())
"""The op of each op code: instruction code ``k`` runs ``CODES[k]``."""

_CODE_OF = {op.name: code for code, op in enumerate(CODES)}

class FlatProgram:
    """A recorded graph as a flat list of instructions, replayed slot by slot.

    Attributes: ``inputs`` and ``outputs`` (the Values it was made from),
    ``parameters`` (the other non-constant leaves, in topological order),
    ``instructions`` (``(code, out, a, b)`` tuples) and ``n_nodes`` (slots, one per
    graph node).  :func:`autograd.compile` makes its batch form,
    :class:`autograd.batch.BatchProgram`, which schedules the same slots by level.
    """

    @property
    def backend(self) -> str:
        """Which backend runs the program's batches: its float methods are the Python
        one's."""
        return "python"

    chain_codes = frozenset({_CODE_OF["+"], _CODE_OF["-"]})
    """The op codes whose chains fuse into weighted sums (see :mod:`autograd.levels`)."""

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
        self.node_ops: dict[int, tuple[int, int, int]] = {}  # op slot -> (code, a, b)
        # wants_grad: some parameter reaches the slot; per_sample: some input reaches it
        # (one value per sample).  The last slot, one_slot, is the constant 1.
        wants_grad = [False] * (len(order) + 1)
        per_sample = [False] * (len(order) + 1)
        for s, node in enumerate(order):
            op = node.op
            if op is None:
                if node in column:
                    self._inputs.append((s, column[node]))
                    per_sample[s] = True
                elif node.__class__ is Constant:
                    self._constants.append((s, node.data))
                else:
                    self._parameters.append((s, node))
                    self.parameters.append(node)
                    wants_grad[s] = True
                continue
            if _CODE_OF.get(op.name) is None or CODES[_CODE_OF[op.name]] is not op:
                raise ValueError(f"compile: op {op.name!r} is not an entry of autograd.ops.TABLE")
            a = slot[node.parents[0]]
            b = -1 if node._b is None else slot[node._b]
            self.instructions.append((_CODE_OF[op.name], s, a, b))
            self.node_ops[s] = (_CODE_OF[op.name], a, b)
            wants_grad[s] = wants_grad[a] or (b >= 0 and wants_grad[b])
            per_sample[s] = per_sample[a] or (b >= 0 and per_sample[b])
        self._steps = [(CODES[c].forward, CODES[c].derivatives, o, a, b)
                       for c, o, a, b in self.instructions]
        self.n_nodes = len(order)
        self.one_slot = len(order)
        self._outs = [slot[out] for out in outputs]
        self.wants_grad, self.per_sample = wants_grad, per_sample
        self.uses = uses_of(self.instructions, self._outs)
        self._python: PythonFunctions | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied and pickled as the graph it was made from: unpickling compiles it again
        (its steps hold the table's rules, which pickle cannot name)."""
        return (self.__class__, (self.outputs, self.inputs))

    @staticmethod
    def op_of(code: int) -> Op:
        """The table entry that op code ``code`` runs."""
        return CODES[code]

    def is_leaf(self, s: int) -> bool:
        """Whether slot ``s`` is a leaf (an input, a parameter or a constant)."""
        return s not in self.node_ops

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({len(self.inputs)} inputs -> {len(self.outputs)} outputs, "
                f"{self.n_nodes} nodes, {len(self.parameters)} parameters)")

    def backward_row(self, x: Sequence[float],
                     grad_outputs: Sequence[float] | None = None) -> list[float]:
        """The reverse pass for one sample ``x``: adds sum_k g_k d out_k/dw to each
        parameter's ``.grad``, g = ``grad_outputs`` (dE/d out_k: 1 on every output by
        default), and returns the outputs.

        It runs the program's generated Python (:mod:`autograd.floats`): the table's rules
        written as straight-line float code, so no graph is built, no NumPy is needed,
        and the gradients are the scalar engine's, bit for bit."""
        name = f"{type(self).__name__}.backward_row"
        if isinstance(x, (str, bytes)) or not hasattr(x, "__len__") \
                or len(x) != len(self.inputs):
            raise ValueError(f"{name}: x must hold {len(self.inputs)} numbers, one per input, "
                             f"got {x!r}")
        g = [1.0] * len(self._outs) if grad_outputs is None else list(grad_outputs)
        if len(g) != len(self._outs):
            raise ValueError(f"{name}: grad_outputs must hold {len(self._outs)} numbers, one "
                             f"per output, got {len(g)}")
        for what, values in (("x", x), ("grad_outputs", g)):
            try:
                [float(value) for value in values]
            except (TypeError, ValueError):
                raise TypeError(f"{name}: {what} must hold numbers, got {values!r}") from None
        outputs: list[float] = self.python().row(
            self.parameters, [float(value) for value in x], [float(value) for value in g])
        return outputs

    def forward_rows(self, rows: Sequence[Sequence[float]]) -> list[list[float]]:
        """The outputs of every row of ``rows`` (one float per input each): the table's
        forward rules as generated float code (:mod:`autograd.floats`); no graph, no
        NumPy.  The parameters are read once, when the call starts."""
        width = len(self.inputs)
        for i, row in enumerate(rows):
            if len(row) != width:
                raise ValueError(f"{type(self).__name__}.forward_rows: rows[{i}] must hold "
                                 f"{width} numbers, one per input, got {len(row)}")
        outputs: list[list[float]] = self.python().rows(self.parameters, rows)
        return outputs

    def python(self) -> PythonFunctions:
        """The program's Python backend (:mod:`autograd.floats`), written on first use."""
        if self._python is None:
            self._python = PythonFunctions(self)
        return self._python

    def _leaves(self, columns: Any) -> list[Any]:
        """A slot list with the leaves filled: constants, parameters' current ``.data``,
        and each input's value."""
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


def uses_of(instructions: list[tuple[int, int, int, int]], outputs: list[int]) -> Counter[int]:
    """How many times each slot is read: as an operand (twice for x * x) or as an output."""
    uses: Counter[int] = Counter(outputs)
    for _, _, a, b in instructions:
        uses[a] += 1
        if b >= 0:
            uses[b] += 1
    return uses


def accumulate(parameters: list[Value], gradients: list[float]) -> None:
    """w.grad += g for every parameter (leaves accumulate, as in ``Value.backward``)."""
    for w, g in zip(parameters, gradients, strict=True):
        w.grad += g
