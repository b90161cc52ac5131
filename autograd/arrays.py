"""The namespace the table's rules use on NumPy arrays: blocks of (nodes, batch) values.

Built from :data:`autograd.ops.TABLE` like the float namespace: every function op is
its entry's ``arrays`` implementation, element-wise, behind the entry's own domain
(an error names the first offending entry and its batch row), and every helper of
:data:`autograd.ops.HELPERS` its ``arrays`` column.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from autograd.ops import HELPERS, TABLE, Namespace, Op, namespace


@functools.cache
def arrays(batch: bool = True) -> Namespace:
    """The rules' functions on blocks of shape (nodes, batch); ``batch=False`` for the
    static column, whose entries belong to no batch row."""

    def on_arrays(op: Op) -> Callable[..., Any]:
        f, domain = op.arrays, op.domain
        assert f is not None, f"{op!r} has no array implementation"
        if not domain:  # nothing to check: the implementation itself
            return functools.partial(f, np)

        def apply(*xs: Any) -> Any:
            for d in domain:
                if np.any(bad := d.bad(*xs)):
                    where = np.unravel_index(int(np.argmax(bad)), np.shape(bad))
                    shown = [repr(float(np.broadcast_to(x, np.shape(bad))[where])) for x in xs]
                    row = f" (batch row {where[-1]})" if batch and np.ndim(bad) else ""
                    raise d.refuse(op.key, shown, row)
            return f(np, *xs)

        return apply

    return namespace(TABLE, HELPERS, on_arrays, lambda h: functools.partial(h.arrays, np))
