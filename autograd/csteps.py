"""Sequential training in C: the generated steps of :mod:`autograd.floats`, compiled.

:class:`NativeSteps` builds :func:`autograd.csource.steps_source` in the background
(:class:`autograd.native.Library`) and, once it is loaded, offers a function with the
signature of the Python backend's ``steps(W, B, X, order, start, stop, G, H)``, so a caller
takes whichever is ready.  The rows live in one NumPy block given once; the weights,
the buffers and the gradients go in and out as NumPy vectors.  Both targets run the
same lines in the same order on IEEE doubles with the same math library, so C takes
the Python backend's steps (tests/nn/test_sequential.py holds them to it).
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from typing import Any

import numpy as np

from autograd.csource import steps_source
from autograd.native import Library

_A = ctypes.c_void_p
ARGTYPES = [_A, _A, ctypes.c_int, ctypes.c_int, _A, _A, _A, _A]
"""steps(X, order, start, stop, W, B, G, H): see :func:`autograd.csource.steps_source`; the
arrays by address."""


class NativeSteps:
    """The C steps of one program and update over the rows of ``table``."""

    def __init__(self, program: Any, grad_outputs: Sequence[float | None], trained: list[int],
                 update: Any, hyper: list[str], buffers: int, n_trained: int, table: Any,
                 wait: bool = False) -> None:
        self.table = np.ascontiguousarray(table, dtype=float)
        self.n_trained, self.buffers = n_trained, buffers
        source = steps_source(program, grad_outputs, trained, update, hyper, buffers, n_trained)
        self.library = Library(source, "steps", ARGTYPES, ctypes.c_int, wait)

    def function(self) -> Any:
        """``steps(W, B, X, order, start, stop, G, H)`` in C (``X`` is ignored: the rows are
        ``table``'s), or None until the library is loaded."""
        native = self.library.function()
        if native is None:
            return None
        table, k = self.table, self.n_trained

        def steps(W: list[float], B: list[list[float]], X: Any, order: Sequence[int],
                  start: int, stop: int, G: list[float], H: list[float]) -> int:
            w, g, h = (np.array(x, dtype=float) for x in (W, G, H))
            b = np.array(B, dtype=float).reshape(-1) if B else np.zeros(0)
            o = np.fromiter(order, np.intc, count=len(order))
            done: int = native(table.ctypes.data, o.ctypes.data, start, stop, w.ctypes.data,
                               b.ctypes.data, g.ctypes.data, h.ctypes.data)
            W[:], G[:] = w.tolist(), g.tolist()
            for n, buffer in enumerate(B):
                buffer[:] = b[n * k:(n + 1) * k].tolist()
            return done

        return steps
