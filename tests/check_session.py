"""Requests to the playground's check endpoint (POST /api/sessions/ID/check), answered
straight by the API's Routes: four points, one request, and a graded answer."""

import json

POINTS = [[0.5, 0.5, 1], [-0.5, 0.2, 0], [0.1, -0.3, 1], [-0.4, -0.6, 0]]


def call(routes, method, path, body=None):
    """(status, payload) of one request to ``routes``, a JSON ``body`` ({} if none)."""
    status, payload, _, _ = routes.answer(method, path, json.dumps(body or {}).encode())
    return status, payload


def check(session, **body):
    """The answer to POST .../check with ``body`` in ``session`` (routes, base path); a 200."""
    routes, base = session
    status, answer = call(routes, "POST", base + "/check", body)
    assert status == 200, answer
    return answer
