"""Switching graph recording off and on: ``no_grad`` and ``enable_grad``.

The switch belongs to the thread that flips it, so one thread can evaluate under
``no_grad`` while another records a training graph.  The engine's hot path pays
for that with a single truth test: the table of paused threads is empty unless
some thread is inside ``no_grad`` at that moment.
"""

from __future__ import annotations

from threading import get_ident

from autograd.value import _paused


def is_grad_enabled() -> bool:
    """Whether operations in the current thread record graph nodes (False inside
    :class:`no_grad`, unless an :class:`enable_grad` block reopened it)."""
    return not _paused or get_ident() not in _paused


class no_grad:
    """Inside ``with no_grad():`` operations compute values but record no graph.

    Results are leaves (no op, no parents), which is cheaper in time and memory:
    use it for inference and for parameter updates.  Nests, applies to the current
    thread only, and restores the previous state on exit, even after an exception.
    """

    def __enter__(self) -> no_grad:
        thread = get_ident()
        _paused[thread] = _paused.get(thread, 0) + 1
        return self

    def __exit__(self, *exception: object) -> None:
        thread = get_ident()
        depth = _paused[thread] - 1
        if depth:
            _paused[thread] = depth
        else:
            del _paused[thread]


class enable_grad:
    """Record again inside a ``no_grad`` block (current thread), until the block ends.

    ``grad(..., create_graph=True)`` and ``compile`` use it: both need the graph.
    """

    def __enter__(self) -> enable_grad:
        self._depth = _paused.pop(get_ident(), 0)
        return self

    def __exit__(self, *exception: object) -> None:
        if self._depth:
            _paused[get_ident()] = self._depth
