"""The playground's HTTP server: the static page and the JSON API (documented in the README).

Standard library only (``http.server.ThreadingHTTPServer``): one thread per request,
so several tabs are served at once, their engine work taking turns (see
:mod:`viz.playground.session`).  Every request is first checked by :mod:`guard`
(Host, and the origin of anything that changes state; see :mod:`exchange`), then
answered by :class:`viz.playground.routes.Routes`, the API that the static site's
Web Worker runs too.
"""

from __future__ import annotations

import ipaddress
import sys
import webbrowser
from http.server import ThreadingHTTPServer
from typing import Any

from viz.playground.assets import static_files
from viz.playground.exchange import Exchange
from viz.playground.guard import Address
from viz.playground.routes import Reply, Routes, not_allowed
from viz.playground.store import Store


class Handler(Exchange):
    """One request: check it, route it, answer JSON (or a file); see :class:`Exchange`."""

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
        self.answer(lambda: self.server.routes.post(self.path, self.body()), changes=True)

    def do_PUT(self) -> None:  # noqa: N802
        """Not used by the API (OPTIONS included: no cross-origin permission is given): 405."""
        self.answer(lambda: not_allowed(self.command), changes=False)

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    def _get(self) -> Reply:
        path = self.path.partition("?")[0]
        if path in self.server.files:
            body, ctype = self.server.files[path]
            return 200, body, ctype
        return self.server.routes.get(self.path)


class PlaygroundServer(ThreadingHTTPServer):
    """The server: its static files and its API (:class:`Routes`, which holds the sessions)."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 resets connections when many tabs call at once

    def __init__(self, address: tuple[str, int], store: Store | None = None) -> None:
        self.routes = Routes(store)
        self.store = self.routes.store
        self.files = static_files()
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
