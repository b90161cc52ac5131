"""One HTTP exchange of the playground: the checks of :mod:`.header_checks`, the body, the answer.

:class:`Exchange` is the request handler's half that knows HTTP and nothing of the
playground: a route returns ``(status, payload, content type)`` or raises, and
every answer, errors and the standard library's own included, is JSON with the
:data:`header_checks.HEADERS`.  After any error the connection is closed, so nothing sent
behind a refused request (a pipelined one, an unread body) is ever read as a request.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

from viz.playground.api import request_bodies
from viz.playground.api.fields import BadRequest
from viz.playground.api.routes import Reply, encoded, outcome
from viz.playground.server import header_checks
from viz.playground.server.header_checks import Address, Refused

MAX_HEADER_BYTES = 64 * 1024
"""A request's header lines may take at most this many bytes in all (431 beyond)."""

Route = Callable[[], Reply]
"""A request's work: ``(status, payload, content type)`` (:data:`routes.Reply`)."""


class Exchange(BaseHTTPRequestHandler):
    """Check a request, run its route, send its answer; see the module text."""

    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a connection may stay silent (mid-body or between requests)
    disable_nagle_algorithm = True  # TCP_NODELAY: a kept-alive answer is sent at once
    address: Address
    _body_read = False

    def answer(self, route: Route, changes: bool) -> None:
        """Check Host (and, for a request that ``changes`` state, its origin and type), run
        ``route`` and send what it returns, or the status and message of its refusal."""
        def checked() -> Reply:
            self._body_read = False
            host = header_checks.check_host(self.headers, self.address)
            if changes:
                header_checks.check_origin(self.headers, host)
                header_checks.check_json(self.headers)
            return route()

        status, payload, ctype, extra = outcome(checked)
        if status >= 400:
            self._discard_body()
        self.send(status, payload, ctype, extra)

    def parse_request(self) -> bool:
        """The standard library's parsing of the request line and headers, with the header
        lines read through :class:`HeaderBudget`: more than :data:`MAX_HEADER_BYTES` in all
        is refused with 431 before any more is read."""
        rfile = self.rfile
        self.rfile = HeaderBudget(rfile, MAX_HEADER_BYTES)  # type: ignore[assignment]
        try:
            return super().parse_request()
        finally:
            self.rfile = rfile

    def send(self, status: int, payload: Any, ctype: str, extra: dict[str, str]) -> None:
        """Write one answer; an error closes the connection after it.  An answer that cannot
        be encoded (a bug) is sent as a 500 with its reason, never as an empty reply."""
        try:
            payload, ctype = encoded(payload, ctype)
        except Exception as error:  # noqa: BLE001 (whatever it is, the client gets an answer)
            status, extra, (payload, ctype) = 500, {}, encoded(
                {"error": f"internal error: the answer could not be written ({error})"}, "json")
        self.send_response(status)
        for name, value in {"Content-Type": ctype, "Content-Length": str(len(payload)),
                            "Cache-Control": "no-store", **header_checks.HEADERS, **extra}.items():
            self.send_header(name, value)
        if status >= 400:
            self.close_connection = True
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None
                   ) -> None:
        """The standard library's refusals (a malformed request line or header, an unknown
        method, ...) as JSON with the same headers as every answer."""
        text = message or self.responses.get(code, ("refused",))[0]
        self.send(code, {"error": text + (f": {explain}" if explain else "")}, "json", {})

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the console shows the URL and errors only."""

    def body(self) -> bytes:
        """The request's body, read whole; BadRequest when it is announced wrongly or cut."""
        if self.headers.get("Transfer-Encoding"):
            raise BadRequest("send the body with a Content-Length header (no chunked encoding)")
        length = header_checks.content_length(self.headers)
        if not (length.isascii() and length.isdigit()):
            raise BadRequest(f"Content-Length must be a whole number, got {length[:40]!r}")
        size = int(length) if len(length) <= 15 else None
        if size is None or size > request_bodies.MAX_BODY_BYTES:
            shown = f"{size:,}" if size is not None else f"a {len(length):,}-digit number of"
            raise BadRequest(f"request body of {shown} bytes is over the limit of "
                             f"{request_bodies.MAX_BODY_BYTES:,} bytes")
        self._body_read = True  # read, or tried: never read again
        try:
            raw = self.rfile.read(size)
        except TimeoutError:
            raise BadRequest(f"request body stopped arriving: {size:,} bytes were "
                             f"announced, and no more came for {self.timeout} s") from None
        if len(raw) < size:
            raise BadRequest(f"request body ended after {len(raw):,} of the {size:,} "
                             "bytes its Content-Length announced")
        return raw

    def _discard_body(self) -> None:
        """Read (and drop) a refused request's small, well-announced body, so that closing
        the connection does not reset it before the client has read the answer."""
        if self._body_read:
            return
        try:
            size = int(header_checks.content_length(self.headers))
            if 0 < size <= request_bodies.MAX_BODY_BYTES:
                self.rfile.read(size)
        except (Refused, ValueError, OSError):
            pass  # nothing sensible to read: the connection closes all the same


class HeadersTooLarge(http.client.HTTPException):
    """The header lines of a request went over their budget (the standard library's
    parser answers an HTTPException while reading headers with 431)."""


class HeaderBudget:
    """A request's input stream, seen by the header parser: ``readline`` counts the bytes
    read and raises :class:`HeadersTooLarge` once they pass ``limit``, after reading (and
    dropping, without keeping any) the rest of the header block, up to :data:`DRAINED`
    bytes: a connection closed with unread input is reset, and the client would lose the
    answer."""

    DRAINED = 1024 * 1024

    def __init__(self, stream: Any, limit: int) -> None:
        self.stream, self.left = stream, limit

    def readline(self, size: int = -1) -> bytes:
        """One header line (at most ``size`` bytes), counted."""
        line: bytes = self.stream.readline(size)
        self.left -= len(line)
        if self.left < 0:
            drained = 0
            while line not in (b"\r\n", b"\n", b"") and drained < self.DRAINED:
                line = self.stream.readline(MAX_HEADER_BYTES)
                drained += len(line)
            raise HeadersTooLarge(f"the request's headers take more than "
                                  f"{MAX_HEADER_BYTES:,} bytes in all")
        return line

