"""A lock handed out in the order it was asked for.

``threading.Lock`` promises no order: a thread that releases it and asks again at once
(a long training request between two of its slices) may get it back before a thread
that has been waiting all along, so a tab's view could wait for a whole training
request instead of one slice.  :class:`FairLock` serves the waiting threads first come,
first served.
"""

from __future__ import annotations

import threading
from typing import Any


class FairLock:
    """A first-come, first-served lock, used as ``with turns: ...``."""

    def __init__(self) -> None:
        self._changed = threading.Condition(threading.Lock())
        self._issued = 0  # tickets handed out
        self._serving = 0  # the ticket whose holder may go on

    def __enter__(self) -> None:
        with self._changed:
            ticket = self._issued
            self._issued += 1
            while ticket != self._serving:
                self._changed.wait()

    def __exit__(self, *exc: Any) -> None:
        with self._changed:
            self._serving += 1
            self._changed.notify_all()
