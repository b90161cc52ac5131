"""The playground's HTTP server: the static page and the JSON API (documented in the README).

Standard library only (``http.server.ThreadingHTTPServer``): one thread per request,
so several tabs are served at once, their engine work taking turns (see
:mod:`viz.playground.training.session`).  Every request is first checked by
:mod:`.header_checks` (Host, and the origin of anything that changes state; see
:mod:`.handler`), then
answered by :class:`viz.playground.api.routes.Routes`, the API that the static site's
Web Worker runs too.
"""

from __future__ import annotations

import ipaddress
import json
import sys
import threading
import webbrowser
from http.server import ThreadingHTTPServer
from typing import Any, cast

from viz.playground.api.routes import Reply, Routes, not_allowed
from viz.playground.api.sessions import Store
from viz.playground.server import header_checks
from viz.playground.server.handler import Exchange
from viz.playground.server.header_checks import Address
from viz.playground.server.static_files import static_files


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


MAX_CONNECTIONS = 128
"""At most this many connections are open at once (each holds a thread); one more is
answered 503 at once and closed, costing the others nothing."""

BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
        b"Retry-After: 1\r\nConnection: close\r\n"
        + b"".join(f"{k}: {v}\r\n".encode() for k, v in header_checks.HEADERS.items()))
"""The head of the answer to a connection over :data:`MAX_CONNECTIONS` (its body follows)."""


class PlaygroundServer(ThreadingHTTPServer):
    """The server: its static files and its API (:class:`Routes`, which holds the sessions).

    At most ``max_connections`` connections are served at once; the next is refused
    (503, ``Retry-After: 1``) without a thread, until one closes."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 resets connections when many tabs call at once

    def __init__(self, address: tuple[str, int], store: Store | None = None,
                 max_connections: int = MAX_CONNECTIONS) -> None:
        self.routes = Routes(store)
        self.store = self.routes.store
        self.files = static_files()
        self.max_connections = max_connections
        self.open_connections = 0
        self._counting = threading.Lock()
        super().__init__(address, Handler)
        self.address = Address(address[0], self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own, or refuse it when all
        ``max_connections`` places are taken."""
        with self._counting:
            full = self.open_connections >= self.max_connections
            if not full:
                self.open_connections += 1
        if full:
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._closed()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """The connection's thread: its requests, then its place freed."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._closed()

    def _closed(self) -> None:
        with self._counting:
            self.open_connections -= 1

    def _refuse(self, request: Any) -> None:
        """Answer 503 without waiting for the client (a fresh connection's send buffer
        takes the few bytes at once) and close."""
        body = json.dumps({"error": f"the playground serves at most {self.max_connections} "
                                    "connections at once; try again in a second",
                           "code": "busy"}).encode()
        try:
            request.setblocking(False)
            request.send(BUSY + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        except OSError:
            pass  # the client is gone already, or not reading: it is closed all the same
        self.shutdown_request(request)

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
        host, port = self.server_address[:2]  # an AF_INET socket's name: its host is a str
        return f"http://{cast(str, host)}:{port}/"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


SWITCH_SECONDS = 0.001
"""How often Python's interpreter lock passes between the server's threads (the default is
5 ms): a request that waits on a socket or a lock needs the lock back each time, and a
thread that trains holds it in between, so a view would wait 5 ms at every step."""


def serve(host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False) -> int:
    """Serve until interrupted; prints the URL (and a warning off loopback). Returns 0."""
    sys.setswitchinterval(SWITCH_SECONDS)
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
