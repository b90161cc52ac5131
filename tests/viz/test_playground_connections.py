"""The playground server's connections: a missing or repeated Host and duplicate
Content-Length headers get 400 and a closed connection, Nagle's algorithm is off on
every accepted connection, and a client that goes away is one line in the output.
"""

import socket
import struct
import threading

import pytest
from playground_client import call, exchange, new_session, serving

from viz.playground.server import Handler


@pytest.fixture(scope="module")
def server():
    with serving() as server:
        yield server


@pytest.mark.parametrize(("hosts", "message"), [
    ([], "the request has no Host header; HTTP/1.1 requires one"),
    (["127.0.0.1:{port}", "127.0.0.1:{port}"], "the request has 2 Host headers; send exactly one"),
])
def test_a_missing_or_repeated_host_gets_400_and_a_closed_connection(server, hosts, message):
    port = server.server_address[1]
    head = "GET /api/options HTTP/1.1\r\n" + "".join(f"Host: {h}\r\n" for h in hosts)
    statuses, text = exchange(port, head.format(port=port).encode() + b"\r\n")
    assert statuses == ["HTTP/1.1 400 Bad Request"], text  # and the server closed
    assert "Connection: close" in text and message in text


def test_duplicate_content_lengths_get_400_and_a_closed_connection(server):
    port = server.server_address[1]
    head = (f"POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 9\r\n\r\n{}")
    statuses, text = exchange(port, head.encode())
    assert statuses == ["HTTP/1.1 400 Bad Request"] and "Connection: close" in text
    assert "the request has 2 Content-Length headers; send exactly one" in text


def test_accepted_connections_have_nagle_off(server, monkeypatch):
    seen = []
    setup = Handler.setup

    def recording(handler):
        setup(handler)
        seen.append(handler.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    monkeypatch.setattr(Handler, "setup", recording)
    assert call(server.server_address[1], "GET", "/api/options")[0] == 200
    assert seen == [1]


def test_a_client_that_goes_away_is_one_line(server, capfd, monkeypatch):
    port = server.server_address[1]
    sid = new_session(port)["id"]
    logged = threading.Event()
    handle_error = type(server).handle_error

    def noting(self, request, address):
        handle_error(self, request, address)
        logged.set()

    monkeypatch.setattr(type(server), "handle_error", noting)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(f"POST /api/sessions/{sid}/settings HTTP/1.1\r\n"
                     f"Host: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100\r\n\r\n{".encode())
        # Closing with linger 0 resets the connection mid-body: the server's read fails.
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert logged.wait(30)
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("playground: client 127.0.0.1:") and \
        "went away (ConnectionResetError" in err
    assert call(port, "GET", f"/api/sessions/{sid}")[0] == 200  # and the server goes on
