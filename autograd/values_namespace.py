"""The table's functions on Values: the namespace of ``create_graph=True``.

Each function op of the table records its own node when any argument is a Value, and is
the float function otherwise, so a rule evaluated here builds the graph of its own
arithmetic and higher derivatives come for free.  The helpers are their ``values``
column of :data:`autograd.ops.HELPERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd.ops import FLOATS, HELPERS, TABLE, Op, namespace
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


VALUES = namespace(TABLE, HELPERS, _on_values, lambda h: h.values)
"""Rules evaluated on Values: every step of a pass is itself recorded."""
