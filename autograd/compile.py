"""Compiled graphs: a recorded graph as a program, replayed over a whole batch.

:func:`compile` writes a recorded graph down as a program: the flat instruction list of
:class:`autograd.program.FlatProgram`, run by one of the backends, which it picks itself
(``program.backend`` says which):

- ``"numpy"`` (:class:`autograd.batch.BatchProgram`): scheduled by level
  (:mod:`autograd.levels`) so that each group of independent nodes is one NumPy call
  over the whole batch, and chains of weighted sums are matrix products;
- ``"python"`` (:class:`autograd.pyprogram.PythonProgram`): the table's rules written as
  straight-line float code (:mod:`autograd.floats`), row by row; no dependency.

Both run the very derivative rules of the scalar engine; a parameter's gradient is the
sum over the batch, sum_b dE_b/dw (the batch update of the tutorial, section 1.3).
NumPy is needed by the NumPy backend and nowhere else in the engine, and only once a
program is made.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from autograd.arguments import value_list
from autograd.mode import enable_grad
from autograd.program import FlatProgram
from autograd.pyprogram import PythonProgram
from autograd.value import Constant, Value

INSTALL_HINT = ("install the `fast` extra: pip install 'autograd-dag[fast]' "
                "(or pip install 'numpy>=1.24')")
"""How to get NumPy, said wherever a program needs it."""


BACKENDS = ("c", "numpy", "python")
"""The backends of a program, in the order :func:`compile` prefers them."""

BUILD_AFTER = 3
"""A program's C library is built (in the background) when it is called this many times."""



def unavailable(backend: str) -> str | None:
    """Why ``backend`` cannot run here, or None when it can."""
    if backend in ("c", "numpy"):
        try:
            import numpy  # noqa: F401
        except ImportError:
            return f"NumPy is not installed; {INSTALL_HINT}"
    if backend == "c":
        from autograd.native import unavailable as no_compiler

        return no_compiler()
    return None


def default_backend() -> str | None:
    """The backend ``$AUTOGRAD_BACKEND`` names for every program that can run it (CI runs
    the tests under each; it also makes runs repeat bit for bit, which a switch to C in
    the middle of one does not), or None: each program picks its own."""
    forced = os.environ.get("AUTOGRAD_BACKEND") or None
    if forced is not None and forced not in BACKENDS:
        raise ValueError(f"AUTOGRAD_BACKEND must be one of {', '.join(BACKENDS)}, "
                         f"got {forced!r}")
    return forced


def compile(outputs: Value | Sequence[Value], inputs: Sequence[Value],
            backend: str | None = None) -> FlatProgram:
    """The graph that computes ``outputs`` from ``inputs``, as a program.

    ``inputs`` are the leaf Values that become the columns of a batch (the x of the
    tutorial's h(x), section 1.1); every other leaf the outputs depend on is a parameter,
    read at call time.  ``backend``: None (the default; ``$AUTOGRAD_BACKEND`` where that
    backend runs) lets the program pick: NumPy where it is installed, switching to C once its
    library, built in the background after :data:`BUILD_AFTER` calls, is loaded (a
    build that fails, e.g. for want of a compiler, says why in one warning and leaves it
    on NumPy); Python where NumPy is missing.  A name forces that backend (``"c"`` waits
    for its build), and one that cannot run is refused (ImportError with the reason).
    Raises TypeError / ValueError on bad arguments.
    """
    chosen = backend
    if chosen is None and (named := default_backend()) is not None \
            and unavailable(named) is None:
        chosen = named
    if backend is not None and backend not in BACKENDS:
        raise ValueError(f"compile: backend must be one of {', '.join(map(repr, BACKENDS))} "
                         f"or None (the first that runs here), got {backend!r}")
    if chosen is not None and (reason := unavailable(chosen)) is not None:
        raise ImportError(f"compile: the {chosen!r} backend cannot run here: {reason}")
    outs = [outputs] if isinstance(outputs, Value) else outputs
    many = "a Value or a non-empty list of Values"
    outs = value_list(outs, "compile", "outputs", many)
    if not outs:
        raise TypeError(f"compile: outputs must be {many}, got an empty list")
    inputs = value_list(inputs, "compile", "inputs", "a list of leaf Values")
    seen: set[Value] = set()
    for i, x in enumerate(inputs):
        if x.__class__ is Constant or not x.is_leaf:
            made = "a Constant" if x.op is None else f"made by {x.op.name!r}"
            raise ValueError(
                f"compile: inputs[{i}] must be a leaf Value made by the user, but it is {made}"
            )
        if x in seen:
            raise ValueError(f"compile: inputs[{i}] is listed twice")
        seen.add(x)
    if chosen == "python" or (chosen is None and unavailable("numpy") is not None):
        return PythonProgram(list(outs), list(inputs))
    from autograd.batch import BatchProgram

    program = BatchProgram(list(outs), list(inputs))
    if chosen == "c":
        from autograd.cbatch import NativeBatch

        program.native = NativeBatch(program, wait=True)
        if not program.native.ready():
            raise ImportError(f"compile: the 'c' backend cannot run here: "
                              f"{program.native.library.error}")
    elif chosen is None:
        program.native_after = BUILD_AFTER  # a build that fails (no compiler, ...) warns once
    return program


def compile_function(fn: Callable[[list[Value]], Any], inputs: Sequence[Value],
                     backend: str | None = None) -> Any:
    """``compile(fn(inputs), inputs, backend)``, with fn's graph recorded even inside
    ``no_grad`` (a program needs every op; an unrecorded output would be a constant)."""
    with enable_grad():
        outputs = fn(list(inputs))
    return compile(outputs if isinstance(outputs, Value) else list(outputs), inputs, backend)
