"""Level scheduling: a recorded graph laid out as groups of independent nodes.

The nodes of a program fall into two spaces: the *static* space (parameters,
constants, and every node made only of them: one value per call) and the *varying*
space (inputs and every node that reads one: one value per sample).  Each space is
scheduled on its own, the static one on a block one column wide, in three steps:

1. **Fusion.**  A chain of ``+``/``-`` whose inner nodes feed nothing else, with the
   products ``c * z`` that feed it (c from the static space), becomes one weighted
   sum ``sum_k c_k z_k + offset``: the tutorial's s_j = w_0 + sum_i w_{i->j} z_i (section 1.1).
2. **Depth.**  Every remaining node gets its depth, the longest path from the
   space's leaves (inputs, or parameters and constants).
3. **Groups.**  Nodes of one depth and one kind are independent: they become one
   group (:mod:`autograd.groups`), given consecutive rows, ordered by where their
   first operand lives so that reads are slices rather than gathers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from autograd import ops
from autograd.groups import Operand, OpGroup, SumGroup

CHAINS = (ops.ADD, ops.SUB)


class Space:
    """One space's schedule: leaf rows first, then the groups in order of depth.

    ``row[slot]`` is each node's row in the space's block, ``own_slots`` the slots that
    live in this space (its leaves and op nodes); ``groups`` run in order forward and in
    reverse order backward.
    """

    def __init__(self, graph: Any, members: list[int], leaves: list[int],
                 static_row: dict[int, int] | None) -> None:
        """``graph``: a :class:`autograd.program.FlatProgram`; ``members``: this space's op
        slots in topological order; ``leaves``: its leaf slots; ``static_row``: for
        the varying space, the row of every static slot (where its operands and
        coefficients outside this space live), None for the static space itself."""
        self.graph, self.static_row = graph, static_row
        self.own_slots = own = set(members) | set(leaves)
        self.row = {s: r for r, s in enumerate(leaves)}
        depth = dict.fromkeys(leaves, 0)
        sums, absorbed = self._fuse(members)
        keyed: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for s in members:
            if s in absorbed:
                continue
            if s in sums:
                inner = [z for z, _, _ in sums[s][0]] + [c for _, c, _ in sums[s][0]]
                d = 1 + max((depth[t] for t in inner if t in own), default=0)
                key: tuple[Any, ...] = (d, "sum")
            else:
                code, a, b = graph.node_ops[s]
                args = (a,) if b < 0 else (a, b)
                d = 1 + max((depth[t] for t in args if t in own), default=0)
                key = (d, code) + tuple((t in own, graph.wants_grad[t]) for t in args)
            depth[s] = d
            keyed[key].append(s)
        self.groups: list[OpGroup | SumGroup] = []
        self.n_rows = len(leaves)
        for key in sorted(keyed, key=lambda k: (k[0], str(k[1:]))):
            members_of = sorted(keyed[key], key=lambda s: self._first_read(s, sums))
            out = slice(self.n_rows, self.n_rows + len(members_of))
            for s in members_of:
                self.row[s] = self.n_rows
                self.n_rows += 1
            if key[1] == "sum":
                self.groups.append(self._sum_group(out, [sums[s] for s in members_of]))
            else:
                self.groups.append(self._op_group(out, members_of))

    # -- fusion ------------------------------------------------------------------------

    def _fuse(self, members: list[int]) -> tuple[dict[int, Any], set[int]]:
        """Every chain root's (terms, offsets), and the inner nodes the chains absorbed.

        A term is (z, c, sign): the product sign * c * z, with c a static slot (or
        None for 1); an offset is (slot, sign), a static slot added as it is.
        """
        graph, uses = self.graph, self.graph.uses
        sums: dict[int, Any] = {}
        absorbed: set[int] = set()
        for root in reversed(members):
            if root in absorbed or graph.node_ops[root][0] not in graph.chain_codes:
                continue
            terms: list[tuple[int, int | None, float]] = []
            offsets: list[tuple[int, float]] = []
            stack = [(root, 1.0)]
            while stack:
                s, sign = stack.pop()
                code, a, b = graph.node_ops[s]
                right = sign if graph.op_of(code) is ops.ADD else -sign
                for t, sg in ((b, right), (a, sign)):
                    single = uses[t] == 1 and t in self.own_slots and graph.node_ops.get(t)
                    if single and graph.node_ops[t][0] in graph.chain_codes:
                        absorbed.add(t)
                        stack.append((t, sg))
                    elif t not in self.own_slots:
                        offsets.append((t, sg))
                    elif single and (product := self._product(t)) is not None:
                        absorbed.add(t)
                        terms.append((product[0], product[1], sg))
                    else:
                        terms.append((t, None, sg))
            sums[root] = (terms[::-1], offsets[::-1])
        return sums, absorbed

    def _product(self, s: int) -> tuple[int, int] | None:
        """(z, c) when node s is a product c * z with c static and z in this space."""
        code, a, b = self.graph.node_ops[s]
        if self.graph.op_of(code) is not ops.MUL:
            return None
        if self.static_row is not None:  # varying space: the static side is the coefficient
            if b not in self.own_slots:
                return a, b
            if a not in self.own_slots:
                return b, a
            return None
        leaf = self.graph.is_leaf  # static space: a parameter or a constant
        if leaf(b):
            return a, b
        if leaf(a):
            return b, a
        return None

    # -- groups ------------------------------------------------------------------------

    def _first_read(self, s: int, sums: dict[int, Any]) -> int:
        if s in sums:
            terms = sums[s][0]
            return self.row[terms[0][0]] if terms else 0
        a = self.graph.node_ops[s][1]
        return self.row[a] if a in self.own_slots else -1

    def _static(self, s: int) -> int:
        """Where static slot s lives in the static column S."""
        return self.row[s] if self.static_row is None else self.static_row[s]

    def _op_group(self, out: slice, members: list[int]) -> OpGroup:
        graph = self.graph
        code, a, b = graph.node_ops[members[0]]
        operands = []
        for position in range(1 if b < 0 else 2):
            read = [graph.node_ops[s][1 + position] for s in members]
            if read[0] in self.own_slots:
                operands.append(Operand(False, [self.row[t] for t in read],
                                        graph.wants_grad[read[0]]))
            else:
                operands.append(Operand(True, [self._static(t) for t in read],
                                        graph.wants_grad[read[0]]))
        return OpGroup(graph.op_of(code), out, operands)

    def _sum_group(self, out: slice, fused: list[Any]) -> SumGroup:
        graph = self.graph
        columns: dict[int, int] = {}
        for terms, _ in fused:
            for z, _, _ in terms:
                columns.setdefault(self.row[z], len(columns))
        order = sorted(columns)
        column = {r: k for k, r in enumerate(order)}
        entries, offsets, z_needed, w_needed = [], [], False, False
        for r, (terms, offs) in enumerate(fused):
            for z, c, sign in terms:
                source = graph.one_slot if c is None else c
                entries.append((r, column[self.row[z]], self._static(source), sign))
                z_needed |= graph.wants_grad[z]
                w_needed |= c is not None and graph.wants_grad[c]
            for t, sign in offs:
                offsets.append((r, self._static(t), sign))
                w_needed |= graph.wants_grad[t]
        return SumGroup(out, order, entries, offsets, z_needed, w_needed)

