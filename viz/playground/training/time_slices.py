"""A training request of the playground: its budget, its slices, their turns, and divergence.

A request trains for its ``max_seconds`` of training in slices of at most
:data:`SLICE_SECONDS`, each under the session's lock (so that the tab's views and clicks
wait for one slice at most) and under :data:`ENGINE`, the turns of every session's
slices: one slice runs at a time, first come, first served.  Only a slice's own time
counts against the budget: neither the wait for its turn nor the view drawn after the
request, so every model trains at the engine's speed for it however costly its view,
and concurrent requests each train as long as alone (they take longer to come back).

Each slice may diverge (:func:`stopping`): no update is applied whose weights would not
be finite (:class:`nn.DivergedError`), and weights whose loss is not finite are left for
the end of the last epoch whose loss was (:meth:`.trainer.Trainer.back_to_finite`); the request is
then refused with :class:`Diverged`, whose message names the epoch the view shows.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast

from nn import DivergedError
from viz.playground.api.fields import BadRequest
from viz.playground.server.header_checks import Refused
from viz.playground.training.fair_lock import FairLock

if TYPE_CHECKING:
    from viz.playground.training.session import Session

SLICE_SECONDS = 0.025
"""A training request holds the engine and the session's lock for at most about this long
at a time (longer only where measuring is slow: :data:`MEASURING_SHARE`)."""

CURVE_SECONDS = 0.01
"""While training, the loss curve gets a point after an epoch at most this often."""

MEASURING_SHARE = 0.2
"""Measuring the session (E and the accuracy on the training and test points, after each
slice and for the curve) takes at most about this share of a request's training time:
slices, and curve points, are at least the last measure's cost / MEASURING_SHARE apart.
With NumPy a measure costs well under a millisecond and nothing changes; without it (the
static site) an MLP 8,8's costs some 9 ms under Pyodide, so its slices last 45 ms."""

ENGINE = FairLock()
"""The engine's turns: one training slice of any session at a time, first come, first
served, so that no thread holds Python's interpreter from another for long; views and
clicks do not wait for it, and go in between the slices."""


class Diverged(Refused):
    """Training stopped (400, code ``diverged``): the next update would have left a weight
    that is not finite, or a loss that is not; every weight is finite, the loss too."""

    def __init__(self, reason: str) -> None:
        super().__init__(400, f"training stopped: {reason}", "diverged")


def train(session: Session, request: dict[str, Any]) -> int:
    """The updates (or epochs) asked for, within ``max_seconds`` of the slices' own time
    (at least one update); returns the updates run.  The caller does not hold the lock."""
    with session.lock:
        if not session.X:
            raise BadRequest("there are no points to train on; add points of both colours "
                             "first")
        wanted = request.get("updates") or request["epochs"] * session.trainer.per_epoch
    ran, left = 0, request["max_seconds"]
    while ran < wanted and (ran == 0 or left > 0):
        with ENGINE, session.lock:
            started = time.perf_counter()
            length = max(SLICE_SECONDS, _spacing(session))
            ran += _slice(session, wanted - ran, min(length, left))
            left -= time.perf_counter() - started
    if ran > 1:  # playing: the view answering it is quick (viz.playground.pictures.view)
        session.kept["quick"] = True
    return ran


def _slice(session: Session, updates: int, seconds: float) -> int:
    """Up to ``updates`` updates within ``seconds`` (at least one), then measure."""
    last = [time.perf_counter()]

    def on_epoch() -> None:
        if time.perf_counter() - last[0] >= max(CURVE_SECONDS, _spacing(session)):
            _timed(session, session.measure)
            last[0] = time.perf_counter()

    with stopping(session):
        ran = session.trainer.run(updates, seconds, on_epoch)
    return ran


def _timed(session: Session, measure: Callable[[], None]) -> None:
    """``measure()`` (the session measured), its cost kept for :func:`_spacing`."""
    started = time.perf_counter()
    measure()
    session.kept["measuring"] = time.perf_counter() - started


def _spacing(session: Session) -> float:
    """The least training time between two measures: the last one's cost divided by
    :data:`MEASURING_SHARE` (0 before any)."""
    cost: float = session.kept.get("measuring", 0.0)
    return cost / MEASURING_SHARE


@contextlib.contextmanager
def stopping(session: Session) -> Iterator[None]:
    """Updates that may diverge, then the session measured.  A step that would not be
    finite is not applied (:class:`nn.DivergedError`); when the weights reached give a
    loss that is not finite (outputs or an L2 term that overflow, though every weight is
    finite), training goes back to the end of the last epoch of these updates whose loss
    was finite (:meth:`.trainer.Trainer.back_to_finite`), and the loss curve loses the points after
    it.  Either way :class:`Diverged` is raised, and the session's loss, trace and
    explanation are numbers where it stays."""
    trainer = session.trainer
    before = trainer.checkpoint()
    stopped = None
    try:
        yield
    except DivergedError as error:
        stopped = error
    _timed(session, session.changed)
    if not _finite(session):
        assert trainer.stepper is not None  # there are points
        stopped = stopped or trainer.stepper.diverged("the loss E is no longer a finite "
                                                      "number")
        trainer.back_to_finite(before, trainer.updates_since(before))
        # a point is (epoch, E, test E): its epoch is never None
        session.curve = [point for point in session.curve
                         if cast(float, point[0]) <= trainer.epoch]
        session.changed()
        stopped = stopped.went_back(f"training went back to epoch {trainer.epoch:g}, the "
                                    "last point where the loss was finite")
    if stopped is not None:
        raise Diverged(stopped.reason)


def _finite(session: Session) -> bool:
    """Whether the losses on the session's points are finite numbers."""
    losses = [session.loss] + ([session.test_loss] if session.test else [])
    return all(E is not None and math.isfinite(E) for E in losses)
