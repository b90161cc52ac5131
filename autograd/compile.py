"""Compiled graphs: a recorded graph replayed over a whole batch with NumPy.

:func:`compile` writes a recorded graph down as a program
(:class:`autograd.batch.BatchProgram`): the flat instruction list of
:class:`autograd.program.FlatProgram`, scheduled by level (:mod:`autograd.levels`) so
that each group of independent nodes is one NumPy call over the whole batch, and
chains of weighted sums are matrix products.  The reverse pass runs the very
derivative rules of the scalar engine on those blocks; a parameter's gradient is the
sum over the batch, sum_b dE_b/dw (the seed's batch update).  NumPy is needed here and
nowhere else in the engine, and only once a program is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from autograd.mode import enable_grad
from autograd.value import Constant, Value, _value_list

if TYPE_CHECKING:
    from autograd.batch import BatchProgram

INSTALL_HINT = ("install the `fast` extra: pip install 'autograd-dag[fast]' "
                "(or pip install 'numpy>=1.24')")
"""How to get NumPy, said wherever a program needs it."""


def _numpy() -> Any:
    """The numpy module, or an ImportError that says how to get it."""
    try:
        import numpy
    except ImportError as error:
        raise ImportError(
            f"autograd.compile needs NumPy for batch replay; {INSTALL_HINT}"
        ) from error
    return numpy


def compile(outputs: Value | Sequence[Value], inputs: Sequence[Value]) -> BatchProgram:
    """The graph that computes ``outputs`` from ``inputs``, as a :class:`BatchProgram`.

    ``inputs`` are the leaf Values that become the columns of a batch (the x of the
    seed's h(x)); every other leaf the outputs depend on is a parameter, read at call
    time.  Raises ImportError without NumPy, TypeError / ValueError on bad arguments.
    """
    _numpy()  # or the ImportError that says how to get it
    outs = [outputs] if isinstance(outputs, Value) else outputs
    many = "a Value or a non-empty list of Values"
    outs = _value_list(outs, "compile", "outputs", many)
    if not outs:
        raise TypeError(f"compile: outputs must be {many}, got an empty list")
    inputs = _value_list(inputs, "compile", "inputs", "a list of leaf Values")
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
    from autograd.batch import BatchProgram

    return BatchProgram(list(outs), list(inputs))


def compile_function(fn: Callable[[list[Value]], Any], inputs: Sequence[Value]) -> BatchProgram:
    """``compile(fn(inputs), inputs)``, with fn's graph recorded even inside ``no_grad``
    (a program needs every op; an unrecorded output would be a constant)."""
    with enable_grad():
        outputs = fn(list(inputs))
    return compile(outputs if isinstance(outputs, Value) else list(outputs), inputs)
