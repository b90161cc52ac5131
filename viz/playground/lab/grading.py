"""``POST /api/sessions/ID/check``: predict, then check; ``GET .../check``: the pass's score.

A body names a question (:mod:`viz.playground.lab.questions`): ``{"step": k}`` (with
``"formula": f``) or ``{"question": kind}`` with its ``node`` (delta) or ``weight``
(dE/dw, update).  With an ``answer`` (a number) or ``"give_up": true`` it is graded
(:meth:`autograd.Exercise.check`): ``{"correct", "hint", "expected"}``, the question, the
wrong ``tries`` so far and the ``score``.  Without either, the question is posed: for a
kind without a name, one is drawn from the selected point's pass.

The exercises of a pass live in the session (``session.kept``) for its version: selecting
another point or any change of the weights (training, an edit, a new model) starts a new
pass and a new score.  The caller holds the session's lock.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from autograd import Exercise
from viz.playground.api.fields import BadRequest, fields, integer, kind
from viz.playground.explain import panel_data
from viz.playground.lab.questions import KINDS, Pass, Question
from viz.playground.training.session import Session

OUTCOMES = ("first try", "after hints", "given up")
"""How an exercise ended (:mod:`autograd.exercise`), the score's keys (spaces as ``_``)."""


@dataclass
class Book:
    """The exercises of one pass (session ``version``), by question, and the draws so far."""

    version: int
    index: int | None
    exercises: dict[tuple[Any, ...], Exercise] = field(default_factory=dict)
    drawn: int = 0

    def score(self) -> dict[str, Any]:
        """Exercises right at the first try, right after hints, given up, and still open."""
        ended = Counter(e.outcome for e in self.exercises.values())
        counts = {name.replace(" ", "_"): ended[name] for name in OUTCOMES}
        return {"index": self.index, "version": self.version, **counts, "open": ended[None]}


def book(session: Session) -> Book:
    """The session's book for its current pass (a fresh one after any change)."""
    kept = session.kept.get("exercises")
    if not isinstance(kept, Book) or kept.version != session.version:
        kept = Book(session.version, session.selected)
        session.kept["exercises"] = kept
    return kept


def score(session: Session) -> dict[str, Any]:
    """GET .../check: the score of the current pass."""
    return {"score": book(session).score()}


def check(session: Session, body: Any) -> dict[str, Any]:
    """Pose or grade the question of ``body`` (see the module text), or BadRequest."""
    given = fields(body, "check", (), ("step", "formula", "question", "node", "weight",
                                       "answer", "give_up"))
    answer, give_up = _answer(given)
    graph, reverse = panel_data.selected_pass(session, "check")
    read = Pass(graph, reverse, panel_data.steps(graph, reverse), session.settings["lr"])
    kept = book(session)
    question = _question(read, given, kept)
    exercise = kept.exercises.setdefault(question.key, question.exercise)
    posed = {**question.describe(), "tries": exercise.wrong, "score": kept.score()}
    if answer is None and not give_up:
        return posed
    verdict = exercise.check(answer, give_up)
    return {"correct": verdict.correct, "hint": verdict.hint, "expected": verdict.expected,
            **posed, "tries": exercise.wrong, "score": kept.score()}


def _question(read: Pass, given: dict[str, Any], kept: Book) -> Question:
    """The question ``given`` names (drawn when it names none)."""
    if ("step" in given) == ("question" in given):
        raise BadRequest('check needs exactly one of step (a step of the explain pass, from 0)'
                         f' or question (one of {", ".join(KINDS)})')
    if "step" in given:
        if "node" in given or "weight" in given:
            raise BadRequest("check: node and weight go with question, not with step")
        f = given.get("formula")
        return read.step(integer(given["step"], "check.step", 0, 10**6),
                         None if f is None else integer(f, "check.formula", 0, 10**6))
    what = given["question"]
    if what not in KINDS:
        raise BadRequest(f"check.question must be one of {', '.join(KINDS)}; got "
                         f"{what if isinstance(what, str) else kind(what)!r:.40}")
    wanted, other = ("node", "weight") if what == "delta" else ("weight", "node")
    if other in given or "formula" in given:
        extra = other if other in given else "formula"
        raise BadRequest(f"check: a {what} question takes a {wanted}, not a {extra}")
    name = given.get(wanted)
    if name is not None and not isinstance(name, str):
        raise BadRequest(f"check.{wanted} must be a name (a string), got {kind(name)}")
    if name is None and (given.get("answer") is not None or given.get("give_up")):
        raise BadRequest(f"check: an answer to a {what} question names its {wanted}")
    rng = random.Random(f"{kept.version}:{kept.drawn}")
    kept.drawn += name is None
    return read.ask(what, name, rng)


def _answer(given: dict[str, Any]) -> tuple[float | None, bool]:
    """The answer (a finite number, or None) and whether the learner gives up."""
    answer, give_up = given.get("answer"), given.get("give_up", False)
    if not isinstance(give_up, bool):
        raise BadRequest(f"check.give_up must be true or false, got {kind(give_up)}")
    if answer is None:
        return None, give_up
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or \
            not math.isfinite(answer):
        raise BadRequest(f"check.answer must be a number, got {kind(answer)} {answer!r:.40}")
    return float(answer), give_up
