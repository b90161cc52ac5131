"""The batch form of a compiled graph: level-scheduled groups replayed with NumPy.

A :class:`BatchProgram` holds two spaces (:mod:`autograd.levels`): the static one, computed
once per call on a column of numbers (parameters read from their Values, constants,
and what is made only of them), and the varying one, computed on a block with one
column per sample.  The reverse pass runs the groups backwards with the table's rules
on the same blocks; what reaches the static column is summed over the batch, then
carried back to the parameters through the static groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

import numpy as np

from autograd.arrays import arrays
from autograd.batch_arguments import batch_rows, grad_outputs_block
from autograd.blas import one_thread
from autograd.levels import Space
from autograd.program import FlatProgram, accumulate
from autograd.value import Value

BLOCK_SIZE = 1 << 20
"""Batches are replayed in chunks of about this many numbers per block (8 MB): a chunk
holds BLOCK_SIZE / rows samples, at least ROWS_PER_CHUNK, so memory stays bounded for
big graphs while a small network takes a whole grid in one chunk."""

_data = attrgetter("data")

ROWS_PER_CHUNK = 256
"""The fewest samples in one chunk."""


class BatchProgram(FlatProgram):
    """A recorded graph, level-scheduled (:mod:`autograd.levels`) and replayed on whole
    batches with NumPy.

    Made by :func:`compile`.  Besides the attributes of :class:`FlatProgram` (``inputs``,
    ``outputs``, ``parameters``, ``instructions``, ``n_nodes``, and ``backward_row``
    for one sample on floats): call it on a batch, or ask for the batch's summed
    gradients.  ``groups`` lists the NumPy calls of one forward pass, in order:
    first those of the static space (once per call), then those of the varying
    space (once per chunk of the batch); :meth:`describe` prints them.  ``backend`` says
    what runs a batch now: ``"numpy"``, or ``"c"`` once the program's C library, built
    in the background when :func:`compile` found a compiler, is loaded
    (:mod:`autograd.cbatch`).
    """

    def __init__(self, outputs: list[Value], inputs: list[Value]) -> None:
        super().__init__(outputs, inputs)
        self.native: Any = None
        self.native_after: int | None = None  # calls before a C build starts (compile's)
        self._calls = 0
        static_ops = [s for s in self.node_ops if not self.per_sample[s]]
        varying_ops = [s for s in self.node_ops if self.per_sample[s]]
        params = [s for s, _ in self._parameters]
        constants = [s for s, _ in self._constants] + [self.one_slot]
        self._static = Space(self, static_ops, params + constants, None)
        self._varying = Space(self, varying_ops, [s for s, _ in self._inputs], self._static.row)
        # the static column's leaves: parameters first (read at call time), then constants
        self._constant_rows = slice(len(params), len(params) + len(constants))
        self._constant_values = np.array([c for _, c in self._constants] + [1.0])
        self._input_columns = [j for _, j in self._inputs]
        self._out_rows = [(self.per_sample[s], self._varying.row[s] if self.per_sample[s]
                           else self._static.row[s]) for s in self._outs]
        self.groups = self._static.groups + self._varying.groups

    @property
    def backend(self) -> str:
        """``"c"`` when the C library runs the batches, else ``"numpy"``."""
        return "c" if self.native is not None and self.native.ready() else "numpy"

    def describe(self) -> str:
        """One line per group: its space, depth order and what it computes."""
        lines = [repr(self)]
        for name, space in (("static", self._static), ("varying", self._varying)):
            lines += [f"  {name:7} {k + 1:>3}. {group!r}" for k, group in enumerate(space.groups)]
        return "\n".join(lines)

    def __call__(self, X: Any, *, parameter_vector: Any = None) -> Any:
        """The outputs for every row of ``X`` (shape (B, inputs)): shape (B, outputs).

        ``parameter_vector``: the parameters' values as a vector in the order of
        ``parameters``, used instead of their ``.data`` (a trainer that keeps them in one
        array)."""
        X = batch_rows(X, len(self.inputs))
        self._count()
        if self.native is not None and (found := self.native.run(X, None, parameter_vector)):
            return found[0]
        with one_thread(), np.errstate(all="ignore"):  # inf, nan as floats give; domains checked
            static = self._static_forward(parameter_vector)
            return self._join([self._forward(X[span], static)[1]
                               for span in self._spans(len(X))])

    def gradients(self, X: Any, grad_outputs: Any = 1.0) -> list[float]:
        """sum_b sum_k grad_outputs[b, k] * d out_k(x_b) / dw for each w in ``parameters``.

        With the default (1 on every output) and a per-sample loss E_b as the one output,
        these are the gradients of the batch's E = sum_b E_b; pass ``grad_outputs=1 / B``
        for a mean.  ``grad_outputs`` (dE/d out, PyTorch's name) is a number, an array of
        shape (B,) or (B, outputs), or a function that gets the outputs (B, outputs) first
        and returns one.  An output that depends on no input
        counts once per row, like any other.
        """
        gradients: list[float] = self.value_and_gradients(X, grad_outputs)[1]
        return gradients

    def value_and_gradients(self, X: Any, grad_outputs: Any = 1.0, *,
                            parameter_vector: Any = None) -> tuple[Any, Any]:
        """The outputs (B, outputs) and :meth:`gradients`, from one forward and one reverse
        pass; no ``.grad`` is touched.  The gradients are a list of floats, or, when
        ``parameter_vector`` gives the parameters' values as a NumPy vector (see :meth:`__call__`),
        a NumPy vector in the same order."""
        X = batch_rows(X, len(self.inputs))
        found = self._native_reverse(X, grad_outputs, parameter_vector)
        if found is not None:
            outputs, grads = found
        else:
            with one_thread(), np.errstate(all="ignore"):
                outputs, grads = self._reverse(X, grad_outputs, parameter_vector)
        return outputs, grads if parameter_vector is not None else grads.tolist()

    def _count(self) -> None:
        """Start the C build in the background at the call :func:`compile` asked for (a
        program called a few times only is not worth a compiler run)."""
        self._calls += 1
        if self._calls == self.native_after and self.native is None:
            from autograd.cbatch import NativeBatch

            self.native = NativeBatch(self)

    def _native_reverse(self, X: Any, g: Any, parameter_vector: Any) -> tuple[Any, Any] | None:
        """:meth:`value_and_gradients` by the C library, or None (not loaded, or a domain
        error: the NumPy replay then names it)."""
        self._count()
        if self.native is None:
            return None
        found: tuple[Any, Any] | None = self.native.reverse(X, g, parameter_vector)
        return found

    def backward(self, X: Any, grad_outputs: Any = 1.0) -> Any:
        """Add :meth:`gradients` to each parameter's ``.grad`` (leaves accumulate, as in
        ``Value.backward``) and return the outputs, shape (B, outputs)."""
        outputs, grads = self.value_and_gradients(X, grad_outputs)
        accumulate(self.parameters, grads)
        return outputs

    # -- the replay (inside one_thread() and np.errstate(all="ignore")) -------------------

    def _spans(self, rows: int) -> list[slice]:
        step = max(ROWS_PER_CHUNK, BLOCK_SIZE // max(self._varying.n_rows, 1))
        return [slice(i, i + step) for i in range(0, rows, step)] or [slice(0, 0)]

    def _static_forward(self, parameter_vector: Any) -> tuple[Any, list[Any], list[Any]]:
        """The static column S (a (rows, 1) block): parameters' current values
        (``parameter_vector``,
        or their ``.data``), constants, then the nodes made only of them; and each group's
        per-call set-up (the matrices of the weighted sums), static and varying groups."""
        space, n = self._static, len(self.parameters)
        block = np.empty((space.n_rows, 1))
        if parameter_vector is None:
            block[:n, 0] = list(map(_data, self.parameters))
        elif np.shape(parameter_vector) == (n,):
            block[:n, 0] = parameter_vector
        else:
            raise ValueError(f"BatchProgram: parameter_vector must hold {n} numbers, one per "
                             f"parameter, got shape {np.shape(parameter_vector)}")
        block[self._constant_rows, 0] = self._constant_values
        S = block[:, 0]  # a sum's coefficients are leaves here: ready before the groups run
        prepared = [group.prepare(S) for group in space.groups]
        m = arrays(batch=False)
        for group, ready in zip(space.groups, prepared, strict=True):
            group.forward(block, S, m, ready)
        return block, prepared, [group.prepare(S) for group in self._varying.groups]

    def _forward(self, X: Any, static: tuple[Any, list[Any], list[Any]]) -> tuple[Any, Any]:
        """The varying block for the rows of X, and the outputs as a (B, outputs) array."""
        space, S, prepared = self._varying, static[0][:, 0], static[2]
        V = np.empty((space.n_rows, len(X)))
        V[:len(self._input_columns)] = X.T[self._input_columns]
        m = arrays()
        for group, ready in zip(space.groups, prepared, strict=True):
            group.forward(V, S, m, ready)
        outputs = np.empty((len(X), len(self._out_rows)))
        for k, (varies, r) in enumerate(self._out_rows):
            outputs[:, k] = V[r] if varies else S[r]
        return V, outputs

    def _reverse(self, X: Any, g: Any, parameter_vector: Any) -> tuple[Any, Any]:
        """The outputs, and sum_b g_b . d out(x_b)/dw as a vector over ``parameters``
        (g = ``grad_outputs``)."""
        static = self._static_forward(parameter_vector)
        block, static_prepared, prepared = static
        S, spans = block[:, 0], self._spans(len(X))
        runs: Iterable[tuple[Any, Any]]
        if callable(g):  # g needs every output first: keep every chunk's block
            runs = [self._forward(X[span], static) for span in spans]
            g = grad_outputs_block(g(self._join([out for _, out in runs])), len(X),
                                   len(self.outputs))
        else:  # one chunk's block alive at a time
            g = grad_outputs_block(g, len(X), len(self.outputs))
            runs = (self._forward(X[span], static) for span in spans)
        GS = np.zeros_like(block)
        chunks, m = [], arrays()
        for span, (V, outputs) in zip(spans, runs, strict=True):
            chunks.append(outputs)
            G = np.zeros_like(V)
            for k, (varies, r) in enumerate(self._out_rows):
                if varies:
                    G[r] += g[span, k]
                else:
                    GS[r, 0] += g[span, k].sum()
            for group, ready in zip(reversed(self._varying.groups), reversed(prepared),
                                    strict=True):
                group.backward(V, S, G, GS[:, 0], m, ready)
        m = arrays(batch=False)
        for group, ready in zip(reversed(self._static.groups), reversed(static_prepared),
                                strict=True):
            group.backward(block, S, GS, GS[:, 0], m, ready)
        return self._join(chunks), GS[:len(self.parameters), 0]

    def _join(self, chunks: list[Any]) -> Any:
        return np.concatenate(chunks) if chunks else np.zeros((0, len(self.outputs)))
