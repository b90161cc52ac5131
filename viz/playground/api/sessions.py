"""The playground's sessions: how many may live at once, and how long an unused one is kept.

No client can cost another its session: none is ever dropped to make room for a new
one.  A session goes only when no request has named it for :data:`IDLE_SECONDS`
(a page whose session went brings it back from what it holds, see ``app.js``).
When all :data:`MAX_SESSIONS` places are taken, a new session is refused with 503
and a ``Retry-After`` saying when the next place frees.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from viz.playground.server.header_checks import Refused
from viz.playground.training.session import Session

MAX_SESSIONS = 64
"""At most this many sessions live at once (each holds at most a few MB)."""

IDLE_SECONDS = 30 * 60
"""A session unused (no request naming it) for this long is dropped."""

class Full(Refused):
    """No new session now (503): all places are taken; one frees within ``retry_after`` s."""

    def __init__(self, limit: int, idle_seconds: float, retry_after: int) -> None:
        super().__init__(503, f"the playground holds its maximum of {limit} sessions and "
                              f"drops none that is in use; a place frees when a session has "
                              f"had no request for {idle_seconds / 60:g} min (try again "
                              f"in {retry_after} s)", "full", {"Retry-After": str(retry_after)})


class Store:
    """The live sessions by id: at most ``limit``, each dropped after ``idle_seconds`` unused.

    No session is ever dropped to make room for another: when all ``limit`` are in
    use, :meth:`create` raises :class:`Full`, and a new session can be made once one
    has been idle for ``idle_seconds``.  ``clock`` gives seconds (tests turn it on).
    """

    def __init__(self, limit: int = MAX_SESSIONS, idle_seconds: float = IDLE_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.idle_seconds, self.clock = limit, idle_seconds, clock
        self._sessions: dict[str, Session] = {}
        self._used: dict[str, float] = {}
        self._lock = threading.Lock()

    def create(self, state: dict[str, Any]) -> Session:
        """A new session from a checked state (see :func:`.request_bodies.state`), or
        :class:`Full`."""
        with self._lock:
            self._make_room()  # refuse before building a model that could not be kept
        session = Session(secrets.token_hex(8), state)
        with self._lock:
            self._make_room()
            self._sessions[session.id] = session
            self._used[session.id] = self.clock()
        return session

    def get(self, sid: str) -> Session | None:
        """The session ``sid`` (now counted as used), or None: never made, or expired."""
        with self._lock:
            self._expire()
            if sid not in self._sessions:
                return None
            self._used[sid] = self.clock()
            return self._sessions[sid]

    def _make_room(self) -> None:
        """Expire idle sessions; :class:`Full` if none of the ``limit`` places is free then."""
        self._expire()
        if len(self._sessions) >= self.limit:
            wait = min(self._used.values()) + self.idle_seconds - self.clock()
            raise Full(self.limit, self.idle_seconds, max(1, math.ceil(wait)))

    def _expire(self) -> None:
        """Drop the sessions unused for ``idle_seconds`` (the caller holds the lock)."""
        cutoff = self.clock() - self.idle_seconds
        for sid in [sid for sid, used in self._used.items() if used <= cutoff]:
            del self._sessions[sid], self._used[sid]
