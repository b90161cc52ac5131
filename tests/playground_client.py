"""A playground server for tests, and a small JSON client for it (for the playground tests)."""

import contextlib
import http.client
import json
import threading

import nn
from viz.playground.server import PlaygroundServer


@contextlib.contextmanager
def serving():
    """A PlaygroundServer on a free loopback port, serving from a thread; yields it."""
    server = PlaygroundServer(("127.0.0.1", 0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def call(port, method, path, body=None, raw=None):
    """(status, parsed JSON or text) of one request."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    text = response.read().decode()
    conn.close()
    if response.getheader("Content-Type") == "application/json":
        return response.status, json.loads(text)
    return response.status, text


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


def points(X, y):
    return [[a, b, label] for (a, b), label in zip(X, y, strict=True)]
