"""BLAS held to one thread while a program runs: a program's products are small.

:func:`one_thread` is the context every batch replay (and a trainer's run of them) runs
in; threadpoolctl sets the limit when it is installed, and nothing happens without it.
"""

from __future__ import annotations

import functools
import threading
from typing import Any


@functools.cache
def _blas() -> Any:
    """threadpoolctl's handle on the BLAS libraries, or None without threadpoolctl."""
    try:
        from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]
    except ImportError:
        return None
    return ThreadpoolController().select(user_api="blas")


class _OneThread:
    """BLAS held to one thread while any program runs, in any thread of the process.

    A program's products are small (perceptrons x batch); measured on two cores, waking
    a second BLAS thread for each made the W1 step 2.4 times slower than one thread.
    The limit is process-wide, so the first program to start sets it and the last one
    to finish restores what was there (nested or concurrent calls included)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._limiter: Any = None

    def __enter__(self) -> None:
        with self._lock:
            if self._running == 0 and (blas := _blas()) is not None:
                self._limiter = blas.limit(limits=1)
            self._running += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._limiter is not None:
                self._limiter.restore_original_limits()
                self._limiter = None


_ONE_THREAD = _OneThread()


def one_thread() -> _OneThread:
    """The context in which a program runs: BLAS on one thread (see :class:`_OneThread`)."""
    return _ONE_THREAD
