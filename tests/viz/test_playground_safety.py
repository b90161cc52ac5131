"""The playground against other web pages and misbehaving clients, through its HTTP API.

Requests that other pages (or a DNS-rebinding name) could send are refused with 403
and change nothing; every answer carries the security headers; no client can evict
another's session; idle sessions expire; nothing pipelined behind a refused request
is read.  Connections and framing are in test_playground_connections.py.
"""

from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

import pytest
from playground_client import Clock, call, exchange, new_session, serving

from viz.playground.api.sessions import Store
from viz.playground.training import session as playground_session

SECURITY = {"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}



@pytest.fixture
def one_place():
    """A server whose store holds a single session: whether a request made one shows."""
    with serving(Store(limit=1)) as server:
        yield server


def assert_nothing_was_made(port):
    """The single place of a one_place server is still free (and then taken)."""
    assert call(port, "POST", "/api/sessions", {})[0] == 201
    status, answer = call(port, "POST", "/api/sessions", {})
    assert status == 503 and answer["code"] == "full"


# -- Host ----------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "127.0.0.2:{port}",
                                  "localhost", "rebound.example"])
def test_a_foreign_host_gets_403_and_makes_nothing(one_place, host):
    port = one_place.server_address[1]
    for method, path in (("POST", "/api/sessions"), ("GET", "/"), ("GET", "/api/options")):
        status, answer = call(port, method, path, {}, headers={"Host": host.format(port=port)})
        assert status == 403 and answer["code"] == "foreign_host", answer
        assert f"use one of 127.0.0.1:{port}, [::1]:{port}, localhost:{port}" in answer["error"]
    assert_nothing_was_made(port)


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}",
                                  "[::1]:{port}"])
def test_the_servers_own_names_are_accepted(server, host):
    port = server.server_address[1]
    status, view = call(port, "POST", "/api/sessions", {}, headers={"Host": host.format(port=port)})
    assert status == 201 and len(view["id"]) == 16


# -- Origin and Content-Type ---------------------------------------------------------------


CROSS_SITE = [
    {"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"},  # another local port
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Origin": "null"},  # a sandboxed frame or a file: page
    {"Sec-Fetch-Site": "cross-site"},
]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: " ".join(h.values()))
def test_a_cross_origin_simple_post_gets_403_and_makes_nothing(one_place, headers):
    # What fetch(url, {mode: "no-cors", method: "POST", body: "{}",
    # headers: {"Content-Type": "text/plain"}}) sends from another page.
    port = one_place.server_address[1]
    for ctype in ("text/plain", "application/json"):
        status, answer = call(port, "POST", "/api/sessions", raw=b"{}",
                              headers={**headers, "Content-Type": ctype})
        assert status == 403 and answer["code"] == "foreign_origin", answer
        assert "must come from the playground's own page" in answer["error"]
    assert_nothing_was_made(port)


def test_a_cross_origin_action_changes_nothing(server):
    port = server.server_address[1]
    sid = new_session(port)["id"]
    status, _ = call(port, "POST", f"/api/sessions/{sid}/settings", {"lr": 2.0},
                     headers={"Origin": "http://localhost:1", "Content-Type": "text/plain"})
    assert status == 403
    assert call(port, "GET", f"/api/sessions/{sid}")[1]["settings"]["lr"] == 0.5


def test_the_pages_own_origin_may_post(server):
    port = server.server_address[1]
    own = {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"}
    assert call(port, "POST", "/api/sessions", {}, headers=own)[0] == 201
    status, answer = call(port, "POST", "/api/sessions", {},
                          headers={**own, "Origin": f"http://localhost:{port}"})
    assert status == 403 and answer["code"] == "foreign_origin"  # not the Host it addressed


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", None])
def test_a_post_must_be_json(one_place, ctype):
    port = one_place.server_address[1]
    status, answer = call(port, "POST", "/api/sessions", raw=b"{}",
                          headers={"Content-Type": ctype})
    assert status == 415 and answer["code"] == "content_type", answer
    assert answer["error"].startswith("a POST must be sent with Content-Type: application/json")
    assert_nothing_was_made(port)


def test_options_grants_no_cross_origin_permission(server):
    port = server.server_address[1]
    response = []
    status, answer = call(port, "OPTIONS", "/api/sessions", response=response, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 405 and "OPTIONS is not used" in answer["error"]
    headers = dict(response[0].getheaders())
    assert headers["Allow"] == "GET, POST"
    assert not [name for name in headers if name.lower().startswith("access-control-")]


# -- headers -------------------------------------------------------------------------------


def test_every_answer_carries_the_security_headers(server):
    port = server.server_address[1]
    sid = new_session(port)["id"]
    answers = [("GET", "/", None, {}), ("GET", "/static/app.js", None, {}),
               ("GET", f"/api/sessions/{sid}/diagram.svg", None, {}),
               ("POST", f"/api/sessions/{sid}/settings", {"lr": 99}, {}),
               ("GET", "/nothing", None, {}), ("PUT", "/", None, {}),
               ("GET", "/", None, {"Host": "evil.example"})]
    for method, path, body, headers in answers:
        response = []
        call(port, method, path, body, headers=headers, response=response)
        for name, value in SECURITY.items():
            assert response[0].getheader(name) == value, (method, path, name)
    _, text = exchange(port, b"BREW / HTTP/1.1\r\n\r\n")  # the standard library's refusal
    assert "HTTP/1.1 501" in text and all(f"{n}: {v}" in text for n, v in SECURITY.items())
    assert '{"error": "Unsupported method (\'BREW\')"}' in text


# -- sessions ------------------------------------------------------------------------------


def test_no_client_can_evict_another(tmp_path):
    with serving(Store(limit=3)) as server:
        port = server.server_address[1]
        users = [new_session(port)["id"] for _ in range(3)]
        for _ in range(70):  # the attack of the issue: many new sessions in a row
            status, answer = call(port, "POST", "/api/sessions", {})
            assert status == 503 and answer["code"] == "full"
        assert "holds its maximum of 3 sessions and drops none that is in use" in answer["error"]
        for sid in users:
            assert call(port, "GET", f"/api/sessions/{sid}")[0] == 200


def test_idle_sessions_expire_and_free_their_place():
    clock = Clock()
    with serving(Store(limit=2, idle_seconds=600, clock=clock)) as server:
        port = server.server_address[1]
        used, idle = new_session(port)["id"], new_session(port)["id"]
        clock.now += 400
        assert call(port, "GET", f"/api/sessions/{used}")[0] == 200  # used: kept longer
        response = []
        status, answer = call(port, "POST", "/api/sessions", {}, response=response)
        assert status == 503 and response[0].getheader("Retry-After") == "200"
        clock.now += 200  # idle: 600 s without a request
        status, answer = call(port, "GET", f"/api/sessions/{idle}")
        assert status == 404 and answer["code"] == "no_session"
        assert "expired after 10 min without requests" in answer["error"]
        assert call(port, "GET", f"/api/sessions/{used}")[0] == 200
        assert call(port, "POST", "/api/sessions", {})[0] == 201  # the place is free


def test_a_gone_session_says_so_and_can_be_brought_back(server, tmp_path):
    port = server.server_address[1]
    status, answer = call(port, "POST", "/api/sessions/0123456789abcdef/train", {"epochs": 1})
    assert status == 404 and answer["code"] == "no_session"
    assert "POST /api/sessions makes a new one" in answer["error"]
    first = new_session(port, settings={"mode": "batch"},
                        points=[[0.5, 0.5, 1], [-0.5, -0.5, 0], [0.5, -0.5, 0]])
    trained = call(port, "POST", f"/api/sessions/{first['id']}/train", {"epochs": 7})[1]
    model = call(port, "GET", f"/api/sessions/{first['id']}/model.json")[1]
    back = new_session(port, settings=trained["settings"], points=trained["points"],
                       model=model, epochs=trained["epochs"])
    assert back["epoch"] == 7 and back["loss"] == trained["loss"]
    assert back["heatmap"] == trained["heatmap"]
    status, answer = call(port, "POST", "/api/sessions", {"model": [1]})
    assert status == 400 and "state.model must be a model file (a JSON object), got array" in \
        answer["error"]


def test_a_flood_on_one_session_is_refused_not_queued(server):
    port = server.server_address[1]
    sid = new_session(port)["id"]
    held = server.store.get(sid)
    n = playground_session.MAX_PENDING + 1
    with ThreadPoolExecutor(n) as pool:
        with held.lock:  # the session is busy: every request of it waits, or is refused
            futures = [pool.submit(call, port, "GET", f"/api/sessions/{sid}") for _ in range(n)]
            done, _ = wait(futures, timeout=30, return_when=FIRST_COMPLETED)
            (first,) = done
            status, answer = first.result()
            assert status == 429 and answer["code"] == "busy", answer
        assert sorted(f.result()[0] for f in futures) == [200] * (n - 1) + [429]


# -- pipelining ---------------------------------------------------------------


def test_requests_pipelined_after_an_error_are_not_read(one_place):
    port = one_place.server_address[1]
    good = (f"POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
    bad = good.replace(f"127.0.0.1:{port}", "evil.example")
    statuses, text = exchange(port, (bad + good + good).encode())
    assert statuses == ["HTTP/1.1 403 Forbidden"], text
    assert_nothing_was_made(port)
