"""The playground server refuses every malformed, oversized or unknown request with a
status (400, 404, 405) and a message saying what is wrong, and goes on serving.
"""

import http.client
import json
import socket

import pytest
from playground_client import call, new_session

import nn
from viz.playground.server.http_server import Handler

BAD = [
    ("settings", b"{", "request body is not valid JSON"),
    ("settings", b'{"lr": NaN}', "holds NaN, which is not a JSON number"),
    ("settings", b'{"seed": 1' + b"0" * 5000 + b"}",
     "holds a 5,001-digit integer, beyond the largest float"),
    ("settings", b"[" * 100_000, "request body is nested too deeply"),
    ("settings", b"\xff\xfe", "request body is not UTF-8 text"),
    ("settings", [], "settings must be a JSON object, got array"),
    ("settings", {"eta": 1}, "unknown field(s) eta in settings"),
    ("settings", {"lr": "fast"}, "settings.lr must be a number, got string"),
    ("settings", {"lr": 11}, "settings.lr must be between 0.0001 and 10, got 11"),
    ("settings", {"lr": 0}, "settings.lr must be between 0.0001 and 10, got 0"),
    ("settings", {"seed": 1.5}, "settings.seed must be a whole number, got number 1.5"),
    ("settings", {"activation": "__import__('os')"}, "settings.activation must be one of"),
    ("settings", {"model": 3}, "settings.model must be one of perceptron, tutorial, mlp"),
    ("settings", {"hidden": "4,,x"}, 'settings.hidden must be a list of layer widths such as '
                                     '[4, 4] (the sizes of the hidden layers, in order), got '
                                     'the text "4,,x"'),
    ("settings", {"hidden": [2] * 7}, "must hold 1 to 6 hidden layers, got 7"),
    ("settings", {"hidden": [33]}, "settings.hidden[0] must be between 1 and 32, got 33"),
    ("settings", {"features": ["x^3"]}, "settings.features[0] must be one of x^2, y^2, x*y, "
                                        "sin(x), sin(y); got 'x^3'"),
    ("settings", {"features": "x^2"}, "settings.features must be a list of feature names"),
    ("settings", {"features": ["x^2", "x^2"]}, "settings.features names a feature twice"),
    ("settings", {"l2": -0.1}, "settings.l2 must be between 0 and 10, got -0.1"),
    ("settings", {"batch_size": 0}, "settings.batch_size must be between 1 and 2,000, got 0"),
    ("settings", {"batch_size": 2.5}, "settings.batch_size must be a whole number"),
    ("settings", {"split": 0}, "settings.split must be between 0.1 and 1, got 0"),
    ("weight", {"name": "w[q->1]", "value": 1}, "weight.name must name a weight of the model, "
                                                "such as w[0->1], w[in_x->1], w[in_y->1]"),
    ("weight", {"name": "w[0->1]", "value": "1"}, "weight.value must be a number, got string"),
    ("weight", {"name": "w[0->1]", "value": 1e6}, "weight.value must be between -1000 and 1000"),
    ("weight", {"name": "w[0->1]"}, "weight is missing the field(s) value"),
    ("csv", {"text": 3}, "csv.text must be the file's text (a string), got number"),
    ("csv", {"text": "", "name": ""}, "csv.name must be the file's name"),
    ("csv", {"text": "x,y,label\n0.1,0.2,1\n0.3,zz,0\n", "name": "mine.csv"},
     "mine.csv, line 3: y is 'zz', not a number"),
    ("csv", {"text": "0.1,0.2,5\n", "name": "mine.csv"},
     "mine.csv, line 1: label is '5', expected a class 0 to 4"),
    ("csv", {"text": "x,y,label\n"}, "data.csv: no data rows"),
    ("csv", {"text": "0,0,1\n" * 2001}, "data.csv holds 2,001 points; at most 2,000"),
    ("points", {"points": [[0, 0, 0]] * 2001}, "holds 2,001 points; at most 2,000"),
    ("points", {"points": [[2, 0, 0]]}, "points[0][0] (x) must be between -1 and 1, got 2"),
    ("points", {"points": [[0, 0, 2]]}, "points[0][2] (label) must be between 0 and 1"),
    ("points", {"points": [[0, 0]]}, "points[0] must be a triple [x, y, label]"),
    ("points", {}, "body is missing the field(s) points"),
    ("dataset", {"name": "iris"}, "dataset.name must be one of linear, xor"),
    ("dataset", {"name": "xor", "n": 5000}, "dataset.n must be between 2 and 2,000"),
    ("train", {"epochs": 1, "updates": 1}, "train needs exactly one of epochs"),
    ("train", {"epochs": 0}, "train.epochs must be between 1 and"),
    ("train", {"epochs": 1}, "there are no points to train on"),
    ("train", {"updates": 1, "max_seconds": 60}, "train.max_seconds must be between"),
    ("select", {"index": 0}, "select.index: there are no points to select"),
    ("reset", {"seed": 2}, "unknown field(s) seed in reset"),
    ("model", b'{"format": "x"}', "is not a saved model"),
    ("model", b"[1, 2]", "model file must be a JSON object, got array"),
    ("model", b"{", "model file is not valid JSON"),
    ("model", b"[" * 100_000, "model file is nested too deeply"),
]


@pytest.mark.parametrize(("action", "body", "message"), BAD, ids=[m for _, _, m in BAD])
def test_each_bad_request_gets_400_and_says_what_is_wrong(port, action, body, message):
    sid = new_session(port)["id"]
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    status, answer = call(port, "POST", f"/api/sessions/{sid}/{action}", raw=raw)
    assert status == 400 and message in answer["error"], answer
    assert call(port, "GET", f"/api/sessions/{sid}")[0] == 200  # still serving


def test_bad_states_and_model_files_are_refused(port, tmp_path):
    status, answer = call(port, "POST", "/api/sessions", {"format": "other"})
    assert status == 400 and "state.format must be 'autograd-dag playground state'" in \
        answer["error"]
    status, answer = call(port, "POST", "/api/sessions", {"settings": {"lr": -1}})
    assert status == 400 and "state.settings.lr must be between" in answer["error"]
    sid = new_session(port)["id"]
    nn.MLP(8, [2, 1], seed=0).save(tmp_path / "eight.json")
    status, answer = call(port, "POST", f"/api/sessions/{sid}/model",
                          raw=(tmp_path / "eight.json").read_bytes())
    assert status == 400 and "has 8 inputs; the plane gives 2 (x, y) and at most 5 features" \
        in answer["error"]
    nn.MLP(3, [2, 1], seed=0).save(tmp_path / "three.json")  # inputs x1, x2, x3: no feature
    status, answer = call(port, "POST", f"/api/sessions/{sid}/model",
                          raw=(tmp_path / "three.json").read_bytes())
    assert status == 400 and "MLP with 3 input(s)" in answer["error"]
    assert "then any of the features x^2, y^2, x*y, sin(x), sin(y)" in answer["error"]
    nn.MLP(2, [2, 2], seed=0).save(tmp_path / "two_out.json")
    status, answer = call(port, "POST", f"/api/sessions/{sid}/model",
                          raw=(tmp_path / "two_out.json").read_bytes())
    assert status == 400 and "2 output(s)" in answer["error"]
    huge = {"format": "autograd-dag model", "version": 1, "class": "MLP", "config": {},
            "parameters": {f"w{k}": 0.0 for k in range(6000)}}
    status, answer = call(port, "POST", f"/api/sessions/{sid}/model", huge)
    assert status == 400 and "6,000 parameters; a playground model has at most" in \
        answer["error"]


def test_an_oversized_body_is_refused_unread(port):
    sid = new_session(port)["id"]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest("POST", f"/api/sessions/{sid}/points")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", "5000000")
    conn.endheaders()
    response = conn.getresponse()
    answer = json.loads(response.read())
    conn.close()
    assert response.status == 400
    assert answer["error"] == ("request body of 5,000,000 bytes is over the limit of "
                               "1,000,000 bytes")


def test_other_methods_get_405(port):
    sid = new_session(port)["id"]
    for method in ("PUT", "DELETE", "PATCH"):
        status, answer = call(port, method, f"/api/sessions/{sid}", {})
        assert status == 405 and f"{method} is not used" in answer["error"]


def test_unknown_sessions_and_paths_get_404(port):
    status, answer = call(port, "GET", "/api/sessions/0123456789abcdef")
    assert status == 404 and "no session 0123456789abcdef" in answer["error"]
    sid = new_session(port)["id"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/explode", {})
    assert status == 404 and "no such action 'explode'" in answer["error"]
    status, answer = call(port, "GET", f"/api/sessions/{sid}/secrets.txt")
    assert status == 404 and "no such download 'secrets.txt'" in answer["error"]


# -- many clients, addresses, the command --------------------------------------------------


def _raw_exchange(port, head, body):
    """Send ``head`` and ``body`` on a socket, close our side, return (status line, JSON)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head + b"\r\n\r\n" + body)
        conn.shutdown(socket.SHUT_WR)
        answer = conn.makefile("rb").read()
    head, _, text = answer.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0].decode(), json.loads(text)


@pytest.mark.parametrize(("length", "message"), [
    ("\u00b2", "Content-Length must be a whole number, got '\u00b2'"),
    ("9" * 5000, "request body of a 5,000-digit number of bytes is over the limit"),
    ("100", "request body ended after 2 of the 100 bytes its Content-Length announced"),
])
def test_a_bad_content_length_is_refused(port, length, message):
    sid = new_session(port)["id"]
    head = (f"POST /api/sessions/{sid}/settings HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}").encode("latin-1")
    status, answer = _raw_exchange(port, head, b"{}")
    assert status == "HTTP/1.1 400 Bad Request" and message in answer["error"], answer
    assert call(port, "GET", f"/api/sessions/{sid}")[0] == 200


def test_a_body_that_stops_arriving_times_out(port, monkeypatch):
    monkeypatch.setattr(Handler, "timeout", 0.5)
    sid = new_session(port)["id"]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(f"POST /api/sessions/{sid}/settings HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{}".encode())
        answer = conn.makefile("rb").read()  # the server answers without our closing
    assert answer.startswith(b"HTTP/1.1 400")
    assert (b"request body stopped arriving: 100 bytes were announced, and no more came "
            b"for 0.5 s") in answer


def test_a_post_without_an_action_names_the_actions(port):
    sid = new_session(port)["id"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}", {})
    assert status == 404
    assert answer["error"].startswith(f"POST needs an action; POST /api/sessions/{sid}/ACTION "
                                      "with ACTION one of train, settings, points, dataset, reset, "
                                      "select, weight, csv, model, explain or check")
