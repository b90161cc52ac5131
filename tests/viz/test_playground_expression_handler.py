"""The expression lab through the static site's handler (viz.playground.browser.handle):
it answers every request, refusals too, as the server does, with NumPy and without."""

import json
import subprocess
import sys
from pathlib import Path

from playground_client import post_expression as post

from viz.playground import browser

ROOT = Path(__file__).resolve().parents[2]


REQUESTS = [
    {"text": "x * x * x", "at": {"x": 3}, "wrt": "x", "order": 3},
    {"text": "tanh(w * x + b)", "at": {"w": 0.5, "x": 1.0, "b": 0.0}, "order": 2,
     "mode": "forward", "plot": {"var": "x", "points": 21}},
    {"text": "tanh(w * x +", "at": {"x": 1}},
    {"text": "x * y", "at": {"x": 1}},
    {"text": "x", "at": {"x": 1}, "order": 5},
]


def test_the_sites_handler_answers_as_the_server(port):
    for body in REQUESTS:
        status, text, ctype = browser.handle("POST", "/api/expression", json.dumps(body))
        assert ctype == "application/json"
        assert (status, json.loads(text)) == post(port, body)


SCRIPT = """
import json, subprocess, sys
sys.modules["numpy"] = None
from viz.playground import browser
browser.start(lambda source, engine: subprocess.run(  # as the site's Graphviz draws
    ["dot", "-K" + engine, "-Tsvg"], input=source, capture_output=True, text=True,
    check=True).stdout)
print(json.dumps([browser.handle("POST", "/api/expression", json.dumps(body))[:2]
                  for body in json.loads(sys.argv[1])]))
"""


def test_the_sites_handler_needs_no_numpy():
    run = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(REQUESTS)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    without = json.loads(run.stdout)
    for body, (status, text) in zip(REQUESTS, without, strict=True):
        expected = browser.handle("POST", "/api/expression", json.dumps(body))
        assert (status, json.loads(text)) == (expected[0], json.loads(expected[1]))
