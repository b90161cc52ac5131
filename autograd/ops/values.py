"""The table's functions on Values: the namespace of ``create_graph=True``.

Each function op of the table records its own node when any argument is a Value, and is
the float function otherwise, so a rule evaluated here builds the graph of its own
arithmetic and higher derivatives come for free.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd.ops.op import Namespace, Op, functions
from autograd.ops.table import FLOATS, TABLE
from autograd.value import Value, _constant, _record


def _on_values(op: Op) -> Callable[..., Any]:
    """``op`` recorded as a node when an argument is a Value, else its float function."""
    plain = getattr(FLOATS, op.key)

    def apply(x: Any, *rest: Any) -> Any:
        if isinstance(x, Value):
            return _record(op, x, *rest)
        if any(isinstance(y, Value) for y in rest):
            return _record(op, _constant(x, op), *rest)
        return plain(x, *rest)

    return apply


def _scale_pow(c: Any, x: Any, e: Any) -> Any:
    """c x^e; a constant c = 0 gives the number 0, so x^0 has no derivative node at all."""
    if not isinstance(c, Value) and c == 0:
        return 0.0
    return c * VALUES.pow(x, e)


VALUES = Namespace(
    **functions(TABLE, _on_values),
    # The derivatives of relu and |x| are piecewise constant: numbers, not nodes.
    step=lambda x: FLOATS.step(float(x)),
    sign=lambda x: FLOATS.sign(float(x)),
    scale_pow=_scale_pow,
)
"""Rules evaluated on Values: every step of a pass is itself recorded."""
