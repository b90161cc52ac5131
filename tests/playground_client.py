"""A playground server for tests, and a small JSON client for it (for the playground tests)."""

import contextlib
import http.client
import json
import socket
import threading

import nn
from viz.playground.server.http_server import PlaygroundServer


class Clock:
    """A clock the test turns on by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@contextlib.contextmanager
def serving(store=None, **options):
    """A PlaygroundServer on a free loopback port, serving from a thread; yields it."""
    server = PlaygroundServer(("127.0.0.1", 0), store, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def call(port, method, path, body=None, raw=None, headers=None, response=None):
    """(status, parsed JSON or text) of one request; ``headers`` replace or add to the JSON
    Content-Type (None as a value leaves a header out); ``response`` (a list) gets the
    http.client response."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    sent = {"Content-Type": "application/json", **(headers or {})}
    conn.request(method, path, body=data,
                 headers={k: v for k, v in sent.items() if v is not None})
    answer = conn.getresponse()
    text = answer.read().decode()
    conn.close()
    if response is not None:
        response.append(answer)
    if answer.getheader("Content-Type") == "application/json":
        return answer.status, json.loads(text)
    return answer.status, text


def exchange(port, data):
    """Send ``data`` (whole requests) on one connection and read until the server closes it:
    the status lines of the answers, and the whole text received."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(data)
        received = conn.makefile("rb").read()
    text = received.decode("utf-8", "replace")
    return [line for line in text.split("\r\n") if line.startswith("HTTP/1.")], text


def new_session(port, **state):
    status, view = call(port, "POST", "/api/sessions", state)
    assert status == 201, view
    return view


def act(port, sid, action, body):
    status, view = call(port, "POST", f"/api/sessions/{sid}/{action}", body)
    assert status == 200, view
    return view


def exported(port, sid, tmp_path, name="model.json"):
    status, text = call(port, "GET", f"/api/sessions/{sid}/model.json")
    assert status == 200
    path = tmp_path / name
    path.write_text(text if isinstance(text, str) else json.dumps(text))
    return nn.load(path)


def post_expression(port, body):
    """(status, answer) of the expression lab's request POST /api/expression with ``body``."""
    return call(port, "POST", "/api/expression", body)


def points(X, y):
    return [[a, b, label] for (a, b), label in zip(X, y, strict=True)]


@contextlib.contextmanager
def serving_folder(folder):
    """A static file server of ``folder`` on a free loopback port, as ``python -m http.server
    -d folder`` serves it, from a thread; yields its URL."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
