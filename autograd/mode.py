"""Switching graph recording off: the no_grad context."""

from __future__ import annotations

from types import TracebackType

from autograd import value as _value


class no_grad:
    """Inside ``with no_grad():`` operations compute values but record no graph.

    Results are leaves (no op, no parents), which is cheaper in time and memory:
    use it for inference and for parameter updates.  Nests, and restores the
    previous state on exit, even after an exception.  The switch is process-wide.
    """

    def __enter__(self) -> no_grad:
        self._previous = _value._recording
        _value._recording = False
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        _value._recording = self._previous
