"""The playground server's connections: a missing or repeated Host and duplicate
Content-Length headers get 400 and a closed connection, Nagle's algorithm is off on
every accepted connection, a client that goes away is one line in the output, more than
64 KB of headers get 431, and connections beyond the cap get 503 at once.
"""

import socket
import struct
import threading
import time

import pytest
from playground_client import call, exchange, new_session, serving

from viz.playground.server.http_server import Handler


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


def test_more_than_64_kb_of_headers_gets_431_and_a_closed_connection(server):
    port = server.server_address[1]
    head = f"GET /api/options HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
    line = "X-Filler: " + "a" * 4000 + "\r\n"
    fits = head + line * 15  # 60 KB in all: served
    statuses, _ = exchange(port, (fits + "Connection: close\r\n\r\n").encode())
    assert statuses == ["HTTP/1.1 200 OK"]
    statuses, text = exchange(port, (head + line * 17 + "\r\n").encode())  # 68 KB
    assert statuses == ["HTTP/1.1 431 Request Header Fields Too Large"], text
    assert "Connection: close" in text
    assert "the request's headers take more than 65,536 bytes in all" in text
    # 1 MB of headers: the rest of the block is read (and dropped) so that the answer arrives
    many = head + ("X-Filler: " + "b" * 10000 + "\r\n") * 97 + "\r\n"
    assert exchange(port, many.encode())[0] == ["HTTP/1.1 431 Request Header Fields Too Large"]
    # the 6.3 MB block: the server stops reading after 1 MB and closes (the client,
    # still sending, may see the answer or a reset); it keeps serving the others
    huge = (head + ("X-Filler: " + "c" * 65000 + "\r\n") * 97 + "\r\n").encode()
    try:
        statuses, _ = exchange(port, huge)
        assert statuses == ["HTTP/1.1 431 Request Header Fields Too Large"]
    except (BrokenPipeError, ConnectionResetError):
        pass
    assert call(port, "GET", "/api/options")[0] == 200


def test_connections_beyond_the_cap_get_503_at_once_and_cost_the_others_nothing():
    with serving(max_connections=3) as server:
        port = server.server_address[1]
        idle = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(3)]
        try:
            deadline = time.monotonic() + 10  # bounded wait for the accept loop
            while server.open_connections < 3 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert server.open_connections == 3
            with socket.create_connection(("127.0.0.1", port), timeout=30) as extra:
                answer = extra.makefile("rb").read().decode()
            assert answer.startswith("HTTP/1.1 503 Service Unavailable\r\n")
            assert "Retry-After: 1" in answer and '"code": "busy"' in answer
            assert "at most 3 connections at once" in answer
            # the open connections are still served
            idle[0].sendall(f"GET /api/options HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                            "Connection: close\r\n\r\n".encode())
            assert idle[0].makefile("rb").read().startswith(b"HTTP/1.1 200 OK")
        finally:
            for conn in idle:
                conn.close()
        while server.open_connections and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.open_connections == 0
        assert call(port, "GET", "/api/options")[0] == 200  # places free again
