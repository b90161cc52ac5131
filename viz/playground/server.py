"""The playground's HTTP server: the static page and the JSON API (documented in the README).

Standard library only (``http.server.ThreadingHTTPServer``): one thread per request,
so several tabs are served at once, their engine work taking turns (see
:mod:`viz.playground.session`).  Every request is first checked by :mod:`guard`
(Host, and the origin of anything that changes state; see :mod:`exchange`).
Every body is parsed as JSON (never evaluated) and checked by :mod:`validate`; a bad
request gets status 400 and ``{"error": "what is wrong"}``, and the server goes on.
"""

from __future__ import annotations

import ipaddress
import json
import re
import sys
import webbrowser
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from typing import Any

from viz.playground import classes, files, panel, validate
from viz.playground.assets import static_files
from viz.playground.exchange import Exchange
from viz.playground.guard import Address, Refused
from viz.playground.session import Session
from viz.playground.store import Store
from viz.playground.validate import BadRequest
from viz.playground.view import svg, view

ROUTE = re.compile(r"^/api/sessions/([0-9a-f]{16})(?:/([a-z_.]+))?$")
"""A session's URL: ``/api/sessions/<id>`` and ``/api/sessions/<id>/<action>``."""


def options() -> dict[str, Any]:
    """What the page may choose from, and the limits every request is checked against."""
    from nn.activations import ACTIVATIONS
    from nn.datasets import GENERATORS
    from viz.playground.features import FEATURES

    return {"defaults": validate.DEFAULTS, "models": validate.MODELS,
            "activations": list(ACTIVATIONS), "losses": validate.LOSSES,
            "optimizers": validate.OPTIMIZERS, "modes": validate.MODES,
            "datasets": list(GENERATORS), "features": list(FEATURES),
            "limits": {"points": validate.MAX_POINTS, "hidden_layers": validate.MAX_HIDDEN_LAYERS,
                       "width": validate.MAX_WIDTH, "lr": validate.LR_RANGE,
                       "l2": validate.L2_RANGE, "split": validate.SPLIT_RANGE,
                       "weight": validate.MAX_WEIGHT, "body_bytes": validate.MAX_BODY_BYTES,
                       "classes": [2, classes.MAX_CLASSES]}, **classes.options()}


def _actions() -> dict[str, Callable[[Session, Any], Any]]:
    """POST /api/sessions/<id>/<action>: what each does with the session and the JSON body."""
    return {
        "settings": lambda s, body: s.apply(validate.settings(body)),
        "points": lambda s, body: s.set_points(
            *validate.points(validate.fields(body, "body", ("points",))["points"],
                             classes=s.settings["classes"])),
        "dataset": lambda s, body: s.generate(**validate.dataset(body)),
        "reset": lambda s, body: (validate.fields(body, "reset", ()), s.rebuild()),
        "select": lambda s, body: s.select(validate.selection(body, len(s.X))),
        "weight": lambda s, body: s.set_weight(*validate.weight(
            body, [name for name, _ in s.model.named_parameters()])),
        "csv": lambda s, body: classes.take_points(s, *files.read(*validate.upload(body))),
    }


DOWNLOADS: dict[str, tuple[str, Callable[[Session], str]]] = {
    "model.json": ("application/json", Session.model_file),
    "data.csv": ("text/csv; charset=utf-8", lambda s: files.write(s.X, s.y)),
    "diagram.svg": ("image/svg+xml", svg),
    "state": ("application/json", lambda s: json.dumps(s.state())),
}
"""GET /api/sessions/<id>/<name>: files the page offers for download."""


class Handler(Exchange):
    """One request: route it, check it, answer JSON (or a file); see :class:`Exchange`."""

    server: PlaygroundServer

    def setup(self) -> None:
        """The connection's socket, and the address whose Host values it accepts."""
        super().setup()
        self.address = self.server.address

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        """Static files, options, a session's view or one of its downloads."""
        self.answer(self._get, changes=False)

    def do_POST(self) -> None:  # noqa: N802
        """A new session, or an action on one."""
        self.answer(self._post, changes=True)

    def do_PUT(self) -> None:  # noqa: N802
        """Not used by the API (OPTIONS included: no cross-origin permission is given): 405."""
        self.answer(self._not_allowed, changes=False)

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    def _get(self) -> tuple[int, Any, str]:
        path, compact = self._target()
        if path in self.server.files:
            body, ctype = self.server.files[path]
            return 200, body, ctype
        if path == "/api/options":
            return 200, options(), "json"
        session, action = self._session(path)
        if action is None:
            with session.turn():
                return 200, view(session, compact), "json"
        if action not in DOWNLOADS:
            return 404, {"error": f"no such download {action!r}; "
                                  f"there are {', '.join(DOWNLOADS)}"}, "json"
        ctype, make = DOWNLOADS[action]
        with session.turn():
            return 200, make(session).encode("utf-8"), ctype

    def _post(self) -> tuple[int, Any, str]:
        path, compact = self._target()
        raw = self.body()
        if path == "/api/sessions":
            session = self.server.store.create(validate.state(_json(raw)))
            with session.turn():
                return 201, view(session, compact), "json"
        session, action = self._session(path)
        if action == "train":  # in slices: the session's other requests go in between
            request = validate.train(_json(raw))
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
                return 200, panel.explain(session, _json(raw)), "json"
            if action == "model":
                session.adopt(_text(raw))
                return 200, view(session, compact), "json"
            act = self.server.actions.get(action or "")
            if act is None:
                wrong = f"no such action {action!r}" if action else "POST needs an action"
                return 404, {"error": f"{wrong}; POST /api/sessions/{session.id}/ACTION with "
                                      f"ACTION one of train, {', '.join(self.server.actions)}, "
                                      "model or explain"}, "json"
            act(session, _json(raw))
            return 200, view(session, compact), "json"

    def _target(self) -> tuple[str, bool]:
        """The path, and whether the query asks for a compact view (``?view=compact``)."""
        path, _, query = self.path.partition("?")
        return path, "view=compact" in query.split("&")

    def _not_allowed(self) -> tuple[int, Any, str]:
        raise Refused(405, f"{self.command} is not used; the API takes GET and POST",
                      headers={"Allow": "GET, POST"})

    def _session(self, path: str) -> tuple[Session, str | None]:
        match = ROUTE.match(path)
        if match is None:
            raise LookupError(f"no such page or API path {path[:100]!r}")
        session = self.server.store.get(match.group(1))
        if session is None:
            idle = self.server.store.idle_seconds / 60
            raise Refused(404, f"no session {match.group(1)}: it was never made, or it expired "
                               f"after {idle:g} min without requests, or the server "
                               "restarted; POST /api/sessions makes a new one", "no_session")
        return session, match.group(2)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("request body is not UTF-8 text") from None


def _json(raw: bytes) -> Any:
    """The body as checked JSON (see :func:`validate.parse`); an empty body means ``{}``."""
    return validate.parse(_text(raw)) if raw.strip() else {}


class PlaygroundServer(ThreadingHTTPServer):
    """The server: its sessions, its static files and its actions."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 resets connections when many tabs call at once

    def __init__(self, address: tuple[str, int], store: Store | None = None) -> None:
        self.store = store if store is not None else Store()
        self.files = static_files()
        self.actions = _actions()
        super().__init__(address, Handler)
        self.address = Address(address[0], self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is one line on stderr; anything else a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)
            return
        host, port = client_address[:2]
        print(f"playground: client {host}:{port} went away ({type(error).__name__}: "
              f"{error})", file=sys.stderr, flush=True)

    @property
    def url(self) -> str:
        """The page's address, e.g. ``http://127.0.0.1:8765/``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False) -> int:
    """Serve until interrupted; prints the URL (and a warning off loopback). Returns 0."""
    server = PlaygroundServer((host, port))
    if not is_loopback(host):
        print(f"warning: serving on {host}, not loopback: anyone who can reach this machine "
              "can use the playground (it has no login)", file=sys.stderr)
    print(f"playground: {server.url}  (Ctrl-C stops it)", flush=True)
    if open_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("playground stopped")
    finally:
        server.server_close()
    return 0
