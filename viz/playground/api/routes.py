"""The playground's JSON API, whatever carries its requests: HTTP or a Web Worker.

:class:`Routes` answers ``(method, target, body)`` with ``(status, payload, content
type)`` on a :class:`~viz.playground.api.sessions.Store` of sessions; it knows nothing of
sockets or headers.  The HTTP server (:mod:`viz.playground.server.http_server`) runs its checks of
Host and origin first and then hands each request here; in the static site the page's
Web Worker hands the very same requests here under Pyodide (:mod:`viz.playground.browser`).
Every body is parsed as JSON (never evaluated) and checked by :mod:`.request_bodies`;
:func:`outcome` turns a refusal into its status and ``{"error": "what is wrong"}``.
"""

from __future__ import annotations

import json
import math
import re
import sys
import traceback
from collections.abc import Callable
from typing import Any

from viz.playground import diagram
from viz.playground.api import request_bodies
from viz.playground.api.fields import BadRequest, fields, parse
from viz.playground.api.sessions import Store
from viz.playground.explain import panel_data
from viz.playground.expression import answers
from viz.playground.lab import grading
from viz.playground.models import choices, csv_data, k_classes, own_network, regression
from viz.playground.pictures.view import svg, view
from viz.playground.server.header_checks import Refused
from viz.playground.training.session import Session

Reply = tuple[int, Any, str]
"""A request's answer: ``(status, payload, content type)``, "json" meaning a JSON payload."""

ROUTE = re.compile(r"^/api/sessions/([0-9a-f]{16})(?:/([a-z_.]+))?$")
"""A session's URL: ``/api/sessions/<id>`` and ``/api/sessions/<id>/<action>``."""


def options() -> dict[str, Any]:
    """What the page may choose from, and the limits every request is checked against."""
    from nn.activations import ACTIVATIONS
    from nn.datasets import CURVES, GENERATORS
    from viz.playground.models.features import FEATURES

    return {"defaults": choices.DEFAULTS, "models": choices.MODELS,
            "activations": list(ACTIVATIONS), "losses": choices.LOSSES,
            "optimizers": choices.OPTIMIZERS, "modes": choices.MODES,
            "datasets": list(GENERATORS), "features": list(FEATURES),
            "limits": {"points": choices.MAX_POINTS,
                       "hidden_layers": choices.MAX_HIDDEN_LAYERS,
                       "width": choices.MAX_WIDTH, "lr": choices.LR_RANGE,
                       "l2": choices.L2_RANGE, "split": choices.SPLIT_RANGE,
                       "weight": request_bodies.MAX_WEIGHT,
                       "body_bytes": request_bodies.MAX_BODY_BYTES,
                       "classes": [2, k_classes.MAX_CLASSES],
                       "perceptrons": own_network.MAX_PERCEPTRONS,
                       "links": own_network.MAX_LINKS}, **k_classes.options(),
            "tasks": regression.TASKS, "curve_datasets": list(CURVES),
            "curve_losses": regression.LOSSES}


ACTIONS: dict[str, Callable[[Session, Any], Any]] = {
    "settings": lambda s, body: s.apply(choices.settings(body)),
    "points": lambda s, body: s.set_points(
        *request_bodies.points(fields(body, "body", ("points",))["points"],
                         classes=s.settings["classes"], task=s.settings["task"])),
    "dataset": lambda s, body: s.generate(**request_bodies.dataset(body)),
    "reset": lambda s, body: s.rebuild(**fields(body, "reset", ())),  # takes no fields: {}
    "select": lambda s, body: s.select(request_bodies.selection(body, len(s.X))),
    "weight": lambda s, body: s.set_weight(*request_bodies.weight(
        body, [name for name, _ in s.model.named_parameters()])),
    "csv": lambda s, body: k_classes.take_points(s, *csv_data.read(*request_bodies.upload(body))),
}
"""POST /api/sessions/<id>/<action>: what each does with the session and the JSON body."""

DOWNLOADS: dict[str, tuple[str, Callable[[Session], str]]] = {
    "model.json": ("application/json", Session.model_file),
    "data.csv": ("text/csv; charset=utf-8", lambda s: csv_data.write(s.X, s.y)),
    "diagram.svg": ("image/svg+xml", svg),
    "state": ("application/json", lambda s: json.dumps(s.state())),
}
"""GET /api/sessions/<id>/<name>: files the page offers for download."""


class Routes:
    """The API on one store of sessions: :meth:`get` and :meth:`post` of a target (a path
    with its query), or :meth:`answer` for any method with the refusals settled."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else Store()

    def answer(self, method: str, target: str, raw: bytes = b"") -> tuple[int, Any, str,
                                                                           dict[str, str]]:
        """A whole request (no HTTP checks: the caller is the page itself), as
        :func:`outcome` gives it."""
        def route() -> Reply:
            if method == "GET":
                return self.get(target)
            if method == "POST":
                return self.post(target, raw)
            return not_allowed(method)

        return outcome(route)

    def get(self, target: str) -> Reply:
        """Options, a session's view or one of its downloads."""
        path, compact = split_target(target)
        if path == "/api/options":
            return 200, options(), "json"
        if path == "/api/expression":
            return 200, answers.limits(), "json"
        session, action = self._session(path)
        if action is None:
            with session.turn():
                return 200, view(session, compact), "json"
        if action == "check":  # the score of predict-then-check for the selected point
            with session.turn():
                return 200, grading.score(session), "json"
        if action not in DOWNLOADS:
            return 404, {"error": f"no such download {action!r}; "
                                  f"there are {', '.join(DOWNLOADS)}"}, "json"
        ctype, make = DOWNLOADS[action]
        with session.turn():
            if action == "diagram.svg":  # ?open=3,5: perceptrons drawn as their operations
                shown = diagram.opened(target.partition("?")[2], session.model)
                return 200, svg(session, shown).encode("utf-8"), ctype
            return 200, make(session).encode("utf-8"), ctype

    def post(self, target: str, raw: bytes) -> Reply:
        """A new session, or an action on one (``raw``: the JSON body)."""
        path, compact = split_target(target)
        if path == "/api/expression":  # no session: the expression lab
            return (*answers.post(_json(raw)), "json")
        if path == "/api/sessions":
            session = self.store.create(request_bodies.state(_json(raw)))
            with session.turn():
                return 201, view(session, compact), "json"
        session, action = self._session(path)
        if action == "train":  # in slices: the session's other requests go in between
            request = request_bodies.train(_json(raw))
            with session.admitted():
                if request.get("updates") == 1:  # one step: described too
                    with session.lock:
                        update = session.step()
                        return 200, {**view(session, compact), "ran": 1, "update": update}, "json"
                ran = session.train(request)
                with session.lock:
                    return 200, {**view(session, compact), "ran": ran}, "json"
        with session.turn():
            if action == "explain":  # answered with the panel's steps, not a view
                return 200, panel_data.explain(session, _json(raw)), "json"
            if action == "check":  # predict, then check: a question posed or graded
                return 200, grading.check(session, _json(raw)), "json"
            if action == "model":
                session.adopt(_text(raw))
                return 200, view(session, compact), "json"
            act = ACTIONS.get(action or "")
            if act is None:
                wrong = f"no such action {action!r}" if action else "POST needs an action"
                return 404, {"error": f"{wrong}; POST /api/sessions/{session.id}/ACTION with "
                                      f"ACTION one of train, {', '.join(ACTIONS)}, "
                                      "model, explain or check"}, "json"
            act(session, _json(raw))
            return 200, view(session, compact), "json"

    def _session(self, path: str) -> tuple[Session, str | None]:
        match = ROUTE.match(path)
        if match is None:
            raise LookupError(f"no such page or API path {path[:100]!r}")
        session = self.store.get(match.group(1))
        if session is None:
            idle = self.store.idle_seconds / 60
            raise Refused(404, f"no session {match.group(1)}: it was never made, or it expired "
                               f"after {idle:g} min without requests, or the server "
                               "restarted; POST /api/sessions makes a new one", "no_session")
        return session, match.group(2)


def split_target(target: str) -> tuple[str, bool]:
    """The path of ``target``, and whether its query asks for a compact view
    (``?view=compact``)."""
    path, _, query = target.partition("?")
    return path, "view=compact" in query.split("&")


def not_allowed(method: str) -> Reply:
    """PUT, PATCH, DELETE, OPTIONS and the like: Refused with 405 (the API takes GET and POST)."""
    raise Refused(405, f"{method} is not used; the API takes GET and POST",
                  headers={"Allow": "GET, POST"})


def outcome(route: Callable[[], Reply]) -> tuple[int, Any, str, dict[str, str]]:
    """What ``route()`` returns, plus the headers of a refusal: Refused gives its status
    and headers, BadRequest 400, LookupError 404, and any other error (a bug) 500 with
    its traceback on stderr; a ConnectionError (the client went away) is raised again."""
    try:
        status, payload, ctype = route()
        return status, payload, ctype, {}
    except Refused as error:
        return error.status, error.payload(), "json", error.headers
    except BadRequest as error:
        return 400, {"error": str(error)}, "json", {}
    except LookupError as error:
        return 404, {"error": str(error)}, "json", {}
    except ConnectionError:
        raise
    except Exception as error:  # a bug: say so, keep serving
        traceback.print_exc(file=sys.stderr)
        return 500, {"error": f"internal error: {error}"}, "json", {}


def encoded(payload: Any, ctype: str) -> tuple[bytes, str]:
    """The bytes of an answer and their content type ("json": the payload as JSON, where a
    number that is not finite, such as a loss that overflowed, is ``null``, as the
    browser's ``JSON.stringify`` writes it)."""
    if ctype != "json":
        return payload, ctype
    try:
        text = json.dumps(payload, allow_nan=False)
    except ValueError:  # rare: walk the payload only then
        text = json.dumps(finite_or_null(payload), allow_nan=False)
    return text.encode("utf-8"), "application/json"


def finite_or_null(data: Any) -> Any:
    """``data`` (JSON-ready dicts, lists and numbers) with every infinite or NaN float
    replaced by None."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite_or_null(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite_or_null(value) for value in data]
    return data


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("request body is not UTF-8 text") from None


def _json(raw: bytes) -> Any:
    """The body as checked JSON (see :func:`.fields.parse`); an empty body means ``{}``."""
    return parse(_text(raw)) if raw.strip() else {}
