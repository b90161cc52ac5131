"""The groups of a level-scheduled program: each runs many graph nodes in one NumPy call.

A program keeps its node values in a block ``V`` of shape (rows, batch): one row per
node, one column per sample.  The values that depend on no input (parameters,
constants, and nodes made only of them) live in a column ``S`` of their own,
computed once per call.  A group is a set of nodes with the same depth (longest path
from the leaves) and the same kind, laid out in contiguous rows of ``V``; since no
edge joins two nodes of one depth, the whole group is one call.

- :class:`OpGroup`: one entry of :data:`autograd.ops.TABLE`, forward rule and
  derivative rules evaluated on whole blocks, exactly the rules the scalar engine runs.
- :class:`SumGroup`: fused weighted sums ``out_r = sum_k c_rk z_k + offset_r``, the
  chains of ``+``/``-`` with their ``w * z`` products, as one matrix product; its
  reverse pass is ``dE/dZ = W^T g`` and ``dE/dW = g Z^T``.

Gradients flow back into blocks of the same shapes; a node that feeds several nodes
of one group receives their shares through :class:`Scatter`, a precomputed segment sum.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autograd.ops import Op


def rows(index: list[int]) -> Any:
    """``index`` as a slice when it is a run of consecutive rows (a view, no copy), else
    as an integer array (a gather)."""
    if index and index == list(range(index[0], index[0] + len(index))):
        return slice(index[0], index[0] + len(index))
    return np.asarray(index, dtype=np.intp)


class Scatter:
    """Adds a block of shares into the rows ``index`` of a gradient block, summing the
    shares of rows that appear more than once (a segment sum prepared once)."""

    __slots__ = ("index", "order", "starts", "targets")

    def __init__(self, index: list[int]) -> None:
        self.index = rows(index)
        self.order = None
        if not isinstance(self.index, slice) and len(set(index)) < len(index):
            order = np.argsort(self.index, kind="stable")
            ranked = self.index[order]
            self.starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
            self.order, self.targets = order, ranked[self.starts]

    def add(self, G: Any, share: Any) -> None:
        """G[index] += share, with repeated rows summed."""
        if self.order is None:
            G[self.index] += share
        else:
            G[self.targets] += np.add.reduceat(share[self.order], self.starts, axis=0)


def product(W: Any, present: Any, Z: Any) -> Any:
    """W @ Z in which an entry of W that is no term (``present`` False) adds nothing, even
    against an inf or nan of Z (where the matrix product would add 0 * inf = nan): the
    scalar engine's sums, in IEEE arithmetic.  ``present`` None: every entry is a term
    (a dense layer), and the product is the sums.  Otherwise finite Z, the usual case,
    is one product; a finite result proves it (an inf or nan in column k of Z reaches
    every row of W Z)."""
    out = W @ Z
    if present is None or math.isfinite(out.sum()) or np.isfinite(Z).all():
        return out
    terms = np.where(present[:, :, None], W[:, :, None] * Z[None, :, :], 0.0)
    return terms.sum(axis=1)


class Coefficients:
    """A vector v of ``n`` entries made of entries of the static column S, and its reverse:
    v[pos_t] += sign_t S[source_t] for each term t, and GS[source_t] += sign_t gv[pos_t].

    Prepared once: when every position holds one term of sign +1 (the tutorial's networks:
    one weight per edge, one bias per perceptron) reading is one gather, and when no source
    repeats, sending is one indexed add; otherwise both are segment sums (``bincount``).
    """

    __slots__ = ("n", "pos", "source", "sign", "index", "distinct")

    def __init__(self, pos: list[int], source: list[int], sign: list[float], n: int) -> None:
        self.n = n
        self.pos = np.asarray(pos, dtype=np.intp)
        self.source = np.asarray(source, dtype=np.intp)
        self.sign = np.asarray(sign, dtype=float)
        plain = all(c == 1.0 for c in sign) and len(set(pos)) == len(pos)
        self.index = None
        if plain and len(pos) == n:  # v = S[index]: position p reads S[index[p]]
            self.index = np.empty(n, dtype=np.intp)
            self.index[self.pos] = self.source
        self.distinct = plain and len(set(source)) == len(source)

    def read(self, S: Any) -> Any:
        """v from the current S."""
        if self.index is not None:
            return S[self.index]
        return np.bincount(self.pos, S[self.source] * self.sign, minlength=self.n)

    def send(self, GS: Any, gv: Any) -> None:
        """GS += dE/dS, given gv = dE/dv."""
        if not self.distinct:
            GS += np.bincount(self.source, gv[self.pos] * self.sign, minlength=len(GS))
        elif self.index is not None:
            GS[self.index] += gv
        else:
            GS[self.source] += gv[self.pos]


class Operand:
    """Where one operand of a group's nodes lives: rows of the block ``V`` (``static``
    False) or entries of the column ``S`` (``static`` True, broadcast over the batch)."""

    __slots__ = ("static", "index", "scatter", "needed")

    def __init__(self, static: bool, index: list[int], needed: bool) -> None:
        self.static, self.needed = static, needed
        self.index = np.asarray(index, dtype=np.intp) if static else rows(index)
        self.scatter = Scatter(index)

    def read(self, V: Any, S: Any) -> Any:
        """The operand's values: a (nodes, batch) block, or a (nodes, 1) column."""
        return S[self.index][:, None] if self.static else V[self.index]

    def send(self, G: Any, GS: Any, share: Any) -> None:
        """Add the shares dE/d(operand): summed over the batch for an entry of ``S``."""
        if self.static:
            self.scatter.add(GS, share.sum(axis=1))
        else:
            self.scatter.add(G, share)


class OpGroup:
    """Nodes made by one op of the table, at one depth: forward and reverse in one call."""

    __slots__ = ("op", "out", "operands")

    def __init__(self, op: Op, out: slice, operands: list[Operand]) -> None:
        self.op, self.out, self.operands = op, out, operands

    def prepare(self, S: Any) -> None:
        """Nothing to set up once per call (see :meth:`SumGroup.prepare`)."""

    def forward(self, V: Any, S: Any, m: Any, prepared: Any) -> None:
        """V[out] = forward(operands), the table's forward rule on blocks."""
        V[self.out] = self.op.forward(m, *[x.read(V, S) for x in self.operands])

    def backward(self, V: Any, S: Any, G: Any, GS: Any, m: Any, prepared: Any) -> None:
        """dE/d(operand) += g * d(out)/d(operand) for each operand that wants a gradient."""
        args = [x.read(V, S) for x in self.operands]
        g, out = G[self.out], V[self.out]
        for x, rule in zip(self.operands, self.op.derivatives, strict=True):
            if x.needed:  # every rule's share is g times a local derivative: g's shape
                x.send(G, GS, rule(m, g, out, *args))

    def __repr__(self) -> str:
        return f"{self.op.name} x {self.out.stop - self.out.start}"


class SumGroup:
    """Fused weighted sums out_r = sum_k W[r, k] Z_k + b_r as one matrix product.

    ``Z`` are block rows (``columns``); each entry of W is a coefficient read from
    ``S`` (a parameter, a constant, or 1) times a sign, added at its (r, k) position,
    so a source used twice in one sum is counted twice.  ``b_r`` gathers the terms
    that depend on no input (biases and other entries of ``S``).
    """

    __slots__ = ("out", "columns", "scatter", "shape", "present", "weights", "offset",
                 "n_terms", "z_needed", "w_needed")

    def __init__(self, out: slice, columns: list[int], terms: list[tuple[int, int, int, float]],
                 offsets: list[tuple[int, int, float]], z_needed: bool, w_needed: bool) -> None:
        self.out, self.columns, self.scatter = out, rows(columns), Scatter(columns)
        self.shape = (out.stop - out.start, len(columns))
        r, k, source, sign = zip(*terms, strict=True)
        flat = [a * len(columns) + b for a, b in zip(r, k, strict=True)]
        self.weights = Coefficients(flat, list(source), list(sign), self.shape[0] * self.shape[1])
        present = np.zeros(self.shape[0] * self.shape[1], dtype=bool)
        present[flat] = True
        self.present: Any = None if present.all() else present.reshape(self.shape)
        self.offset = None
        if offsets:
            r, source, sign = zip(*offsets, strict=True)
            self.offset = Coefficients(list(r), list(source), list(sign), self.shape[0])
        self.n_terms = len(terms)
        self.z_needed, self.w_needed = z_needed, w_needed

    def prepare(self, S: Any) -> tuple[Any, Any]:
        """W and b (a column, or None), gathered once per call from the current S."""
        b = None if self.offset is None else self.offset.read(S)[:, None]
        return self.weights.read(S).reshape(self.shape), b

    def forward(self, V: Any, S: Any, m: Any, prepared: Any) -> None:
        """V[out] = W Z + b."""
        W, b = prepared
        if self.present is None:  # a dense layer: the product written in place
            np.matmul(W, V[self.columns], out=V[self.out])
        else:
            V[self.out] = product(W, self.present, V[self.columns])
        if b is not None:
            V[self.out] += b

    def backward(self, V: Any, S: Any, G: Any, GS: Any, m: Any, prepared: Any) -> None:
        """dE/dZ += W^T g; dE/dW = g Z^T, sent to each coefficient; dE/db = sum g."""
        g = G[self.out]
        if self.z_needed:
            present = None if self.present is None else self.present.T
            self.scatter.add(G, product(prepared[0].T, present, g))
        if self.w_needed:
            self.weights.send(GS, (g @ V[self.columns].T).ravel())
            if self.offset is not None:
                self.offset.send(GS, g.sum(axis=1))

    def __repr__(self) -> str:
        return f"sum x {self.shape[0]} ({self.n_terms} terms)"
