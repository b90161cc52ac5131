"""Switching graph recording off and on: ``no_grad`` and ``enable_grad``.

The switch belongs to the thread that flips it, so one thread can evaluate under
``no_grad`` while another records a training graph.  The engine's hot path
(:func:`autograd.value._record`) pays for that with a single truth test of
:data:`paused_threads`, which is empty unless some thread is inside ``no_grad``.
"""

from __future__ import annotations

from threading import get_ident

paused_threads: dict[int, int] = {}
"""Threads inside :class:`no_grad` (thread id -> nesting depth).  Operations record graph
nodes unless their thread is listed here."""


def is_grad_enabled() -> bool:
    """Whether operations in the current thread record graph nodes (False inside
    :class:`no_grad`, unless an :class:`enable_grad` block reopened it)."""
    return not paused_threads or get_ident() not in paused_threads


class no_grad:
    """Inside ``with no_grad():`` operations compute values but record no graph.

    Results are leaves (no op, no parents), which is cheaper in time and memory:
    use it for inference and for parameter updates.  Nests, applies to the current
    thread only, and restores the previous state on exit, even after an exception.
    """

    def __enter__(self) -> no_grad:
        thread = get_ident()
        paused_threads[thread] = paused_threads.get(thread, 0) + 1
        return self

    def __exit__(self, *exception: object) -> None:
        thread = get_ident()
        depth = paused_threads[thread] - 1
        if depth:
            paused_threads[thread] = depth
        else:
            del paused_threads[thread]


class enable_grad:
    """Record again inside a ``no_grad`` block (current thread), until the block ends.

    ``grad(..., create_graph=True)`` and ``compile`` use it: both need the graph.
    """

    def __enter__(self) -> enable_grad:
        self._depth = paused_threads.pop(get_ident(), 0)
        return self

    def __exit__(self, *exception: object) -> None:
        if self._depth:
            paused_threads[get_ident()] = self._depth
