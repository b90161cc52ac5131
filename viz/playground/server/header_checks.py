"""What every request must show before the playground does anything for it.

Other web pages the user has open can send requests to a local server: a page
served from another origin can POST "simple" requests (no preflight) to it, and a
page on a DNS name that rebinds to 127.0.0.1 can even read its answers.  So:

- the ``Host`` header must name this server (:meth:`Address.accepts`): 403 otherwise,
  400 when it is missing or repeated;
- a state-changing request (POST) must come from the page's own origin: an
  ``Origin`` header, where sent, must be ``http://`` plus that Host, and a
  ``Sec-Fetch-Site`` header, where sent, must be ``same-origin`` or ``none``: 403
  otherwise.  A request with neither header is not from a web page (a script, curl)
  and is let through;
- a POST must say ``Content-Type: application/json`` (415 otherwise), which no
  cross-site request can send without a preflight, and no preflight is ever granted.

:data:`HEADERS` go on every answer: the page may load only its own files and may
not be framed, and nothing is sniffed or sent on as a referrer.
"""

from __future__ import annotations

import ipaddress
import re
from email.message import Message

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""Headers sent with every answer, errors included."""

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
"""Names of this machine that are always accepted in the Host header."""


class Refused(Exception):
    """A request refused before anything changed: its status and a message saying why."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.headers = status, code, headers or {}

    def payload(self) -> dict[str, str]:
        """The JSON answer: ``error`` and, for a client to act on, ``code``."""
        return {"error": str(self)} | ({"code": self.code} if self.code else {})


class Address:
    """The address a server listens on, and which Host values name it."""

    def __init__(self, host: str, port: int) -> None:
        self.port = port
        self.names = frozenset({*LOOPBACK_NAMES, f"[{host}]" if ":" in host else host.lower()})
        self.wildcard = host in ("0.0.0.0", "::", "")

    def accepts(self, value: str) -> bool:
        """Whether ``value`` (a Host header) names this server: the loopback names, or the
        address it listens on, with its port (which may be left out only for port 80).
        A server on all interfaces (0.0.0.0 or ::) also accepts any IP address, never
        a DNS name: a name is what a rebinding attack needs.
        """
        match = re.fullmatch(r"(\[[0-9a-f:.]+\]|[^:\[\]]*)(?::([0-9]{1,5}))?", value.lower())
        if match is None or int(match.group(2) or 80) != self.port:
            return False
        name = match.group(1)
        return name in self.names or (self.wildcard and _is_ip(name.strip("[]")))

    def shown(self) -> str:
        """The accepted Host values, for messages."""
        return ", ".join(f"{name}:{self.port}" for name in sorted(self.names))


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def check_host(headers: Message, address: Address) -> str:
    """The request's Host (lower case), or Refused: 400 missing or repeated, 403 foreign."""
    values = headers.get_all("Host") or []
    if len(values) != 1:
        raise Refused(400, "the request has no Host header; HTTP/1.1 requires one" if not values
                      else f"the request has {len(values)} Host headers; send exactly one")
    host = values[0].strip().lower()
    if address.accepts(host):
        return host
    raise Refused(403, f"Host {values[0][:100]!r} is not this server; use one of "
                       f"{address.shown()}", "foreign_host")


def check_origin(headers: Message, host: str) -> None:
    """Refused (403) unless a state-changing request comes from ``http://<host>``."""
    origin = headers.get("Origin")
    if origin is not None and origin.strip().lower() != f"http://{host}":
        raise Refused(403, f"requests that change anything must come from the playground's "
                           f"own page (http://{host}), not from {origin[:100]!r}",
                      "foreign_origin")
    site = headers.get("Sec-Fetch-Site")
    if site is not None and site.strip().lower() not in ("same-origin", "none"):
        raise Refused(403, f"requests that change anything must come from the playground's "
                           f"own page; this one is {site[:40]!r} (Sec-Fetch-Site)",
                      "foreign_origin")


def check_json(headers: Message) -> None:
    """Refused (415) unless the request says ``Content-Type: application/json``."""
    given = headers.get("Content-Type")
    if given is None or given.split(";", 1)[0].strip().lower() != "application/json":
        shown = "none" if given is None else repr(given[:60])
        raise Refused(415, f"a POST must be sent with Content-Type: application/json "
                           f"(got {shown})", "content_type")


def content_length(headers: Message) -> str:
    """The one Content-Length value ("0" when there is none); Refused (400) when repeated."""
    values = headers.get_all("Content-Length") or []
    if len(values) > 1:
        raise Refused(400, f"the request has {len(values)} Content-Length headers; "
                           "send exactly one")
    return values[0].strip() if values else "0"
