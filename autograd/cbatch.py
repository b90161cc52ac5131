"""A batch program's C backend: its whole batch, forward and reverse, in one native call.

:class:`NativeBatch` builds the program's C source (:func:`autograd.csource.batch_source`)
in the background (:class:`autograd.native.Library`) and, once it is loaded, runs
``program(X)`` and ``program.value_and_gradients(X, g)`` for the
:class:`~autograd.batch.BatchProgram` that owns it: the rows of X, the output weights g
and the parameters' vector are NumPy arrays whose memory the C code reads and writes in
place, and a workspace kept from one batch to the next (fresh memory for every call
cost W7 some 200 page faults a call).  Until then, or when a row falls outside a
function's domain (the NumPy replay then raises the engine's error for it),
:meth:`NativeBatch.run` answers None and the program runs on NumPy.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import numpy as np

from autograd.batch_arguments import grad_outputs_block
from autograd.csource import batch_source, workspace
from autograd.native import Library

ARGTYPES = [ctypes.c_int] + [ctypes.c_void_p] * 6
"""run(B, X, W, GO, OUT, GW, WORK): see :mod:`autograd.csource`; the arrays by address (an
int, the cheapest argument ctypes passes)."""


class NativeBatch:
    """The C library of one batch program, and the calls that run it."""

    def __init__(self, program: Any, wait: bool = False) -> None:
        self.program = program
        self.library = Library(batch_source(program), "run", ARGTYPES, ctypes.c_int, wait)
        self._work = np.empty(0)  # the workspace of the last batch, kept for the next one
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[Any, int]] = {}  # by role: the last array, its address

    def ready(self) -> bool:
        """Whether the library is loaded (a failed build warns once and stays False)."""
        return self.library.function() is not None

    def run(self, X: Any, g: Any, weights: Any) -> tuple[Any, Any] | None:
        """(outputs (B, outputs), gradients as a vector over ``parameters``) of the rows of
        ``X`` weighted ``g`` (a (B, outputs) array; None: the outputs alone, and no
        gradients), at ``weights`` (a vector; None: the parameters' ``.data``); None when
        the library is not loaded or a row is outside a function's domain."""
        function = self.library.function()
        if function is None:
            return None
        program = self.program
        X = np.ascontiguousarray(X, dtype=float)
        if weights is None:
            W = np.fromiter((p.data for p in program.parameters), float,
                            count=len(program.parameters))
        else:
            W = np.ascontiguousarray(weights, dtype=float)
        out = np.empty((len(X), len(program.outputs)))
        grads = np.zeros(len(program.parameters))
        G = None if g is None else np.ascontiguousarray(g, dtype=float)
        args = (len(X), self._address("X", X), W.ctypes.data,
                None if G is None else self._address("GO", G), out.ctypes.data,
                grads.ctypes.data)
        if self._lock.acquire(blocking=False):  # else another thread's call holds it:
            try:  # the C code allocates its own
                size = workspace(program, len(X))
                if len(self._work) < size:
                    self._work = np.empty(size)
                bad = function(*args, self._address("WORK", self._work))
            finally:
                self._lock.release()
        else:
            bad = function(*args, None)
        return None if bad >= 0 else (out, grads)

    def _address(self, role: str, array: Any) -> int:
        """The address of ``array``'s memory (asking NumPy costs a microsecond or two): the
        last array of each role, which comes back call after call in training (the rows,
        their output weights, the workspace), is kept with its address."""
        kept = self._kept.get(role)
        if kept is None or kept[0] is not array:
            kept = self._kept[role] = (array, array.ctypes.data)
        return kept[1]

    def reverse(self, X: Any, g: Any, weights: Any) -> tuple[Any, Any] | None:
        """The program's ``value_and_gradients(X, g, weights=weights)`` in C (``g`` as the
        program takes it, a function of the outputs included), or None as :meth:`run`."""
        if not self.ready():
            return None
        if callable(g):
            outputs = self.run(X, None, weights)
            if outputs is None:
                return None
            g = g(outputs[0])
        return self.run(X, grad_outputs_block(g, len(X), len(self.program.outputs)), weights)
