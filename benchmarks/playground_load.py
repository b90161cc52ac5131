"""The playground's training requests, alone and under load, over HTTP on loopback.

    python -m benchmarks.playground_load                 # both parts
    python -m benchmarks.playground_load --clients 20 --seconds 20

The server runs in a child process (``python -m viz playground --port 0``), as a user
starts it.  First, alone: the updates of one request asking for 15 ms of training (the
page's request while playing, ``?view=compact``), median of ``--requests`` requests,
for the three set-ups of issue 21: the 2-5-1 network on 100 xor points (sequential), the
3-class 2-5-3 network on 100 spiral points (sequential; 20 or more wanted) and an MLP
16,16 on 100 xor points (batch; 5 or more wanted).  Then ``--clients`` page-like clients
for ``--seconds`` s, a third on each set-up: each trains 15 ms a request, one after the
other, as a playing page does, and every fifth request also reads its view and its
diagram (GET; the diagram drawn once before, as the page draws it when the network
changes); the worst client's median updates a request and the GETs' 99th percentile
(under 100 ms wanted).  Figures, not tests: nothing here is asserted.

``--without-numpy`` runs the server with NumPy blocked, as the static site runs the
playground (on CPython, which is faster than Pyodide): the time a request takes, its
15 ms of training and then its view, is what the site's page waits for.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit

from benchmarks.playground_fps import server

SETUPS = [
    ("2-5-1 network, sequential", {"model": "tutorial", "mode": "sequential"},
     {"name": "xor", "n": 100, "noise": 0.1, "seed": 1}, None),
    ("3-class 2-5-3, sequential", {"model": "tutorial", "classes": 3, "mode": "sequential"},
     {"name": "spiral", "n": 100, "noise": 0.1, "seed": 1}, 20),
    ("MLP 16,16, batch", {"model": "mlp", "hidden": [16, 16], "mode": "batch"},
     {"name": "xor", "n": 100, "noise": 0.1, "seed": 1}, 5),
]
"""(name, settings, preset, updates a request wanted)."""

TRAIN = {"epochs": 100000, "max_seconds": 0.015}
"""The page's request while playing."""


class Client:
    """One connection to the server, kept alive, as a page's."""

    def __init__(self, url: str) -> None:
        address = urlsplit(url)
        self.conn = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
        self.origin = url.rstrip("/")

    def call(self, method: str, path: str, body: object = None) -> tuple[int, bytes]:
        """(status, body) of one request."""
        data = None if body is None else json.dumps(body)
        self.conn.request(method, path, data, {"Content-Type": "application/json",
                                               "Origin": self.origin})
        answer = self.conn.getresponse()
        return answer.status, answer.read()

    def session(self, settings: dict, preset: dict) -> str:
        """A new session with ``settings`` on the ``preset`` points; its id."""
        status, text = self.call("POST", "/api/sessions?view=compact", {"settings": settings})
        sid: str = json.loads(text)["id"]
        self.call("POST", f"/api/sessions/{sid}/dataset?view=compact", preset)
        return sid

    def train(self, sid: str) -> int:
        """One page-like training request; the updates it ran."""
        status, text = self.call("POST", f"/api/sessions/{sid}/train?view=compact", TRAIN)
        if status != 200:
            raise RuntimeError(f"train answered {status}: {text[:200]!r}")
        ran: int = json.loads(text)["ran"]
        return ran


def alone(url: str, requests: int) -> None:
    """The median updates of one 15 ms request, for each set-up."""
    client = Client(url)
    for name, settings, preset, wanted in SETUPS:
        sid = client.session(settings, preset)
        for _ in range(5):  # warm up: programs compiled, caches filled
            client.train(sid)
        began = time.perf_counter()
        ran = [client.train(sid) for _ in range(requests)]
        took = (time.perf_counter() - began) / requests
        verdict = "" if wanted is None else (" (ok)" if statistics.median(ran) >= wanted
                                             else f" (below the {wanted} wanted)")
        print(f"{name}: median {statistics.median(ran):g} updates a 15 ms request "
              f"(min {min(ran)}, max {max(ran)}){verdict}; {1000 * took:.0f} ms a request "
              "with its view", flush=True)


def loaded(url: str, clients: int, seconds: float) -> None:
    """``clients`` page-like clients for ``seconds``: updates a request, GET latencies."""
    ran: list[list[int]] = [[] for _ in range(clients)]
    gets: list[float] = []
    failures: list[str] = []
    start = threading.Barrier(clients)

    def play(k: int) -> None:
        client = Client(url)
        _, settings, preset, _ = SETUPS[k % len(SETUPS)]
        sid = client.session(settings, preset)
        client.call("GET", f"/api/sessions/{sid}/diagram.svg")  # drawn once, as a page does
        start.wait()
        end = time.perf_counter() + seconds
        for n in range(100_000):  # bounded
            if time.perf_counter() >= end:
                break
            try:
                ran[k].append(client.train(sid))
                if n % 5 == 4:
                    for path in (f"/api/sessions/{sid}?view=compact",
                                 f"/api/sessions/{sid}/diagram.svg"):
                        began = time.perf_counter()
                        client.call("GET", path)
                        gets.append(time.perf_counter() - began)
            except (OSError, RuntimeError, http.client.HTTPException) as error:
                failures.append(f"client {k}: {error}")
                return

    threads = [threading.Thread(target=play, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    medians = sorted((statistics.median(r) if r else 0, k) for k, r in enumerate(ran))
    worst, k = medians[0]
    print(f"{clients} clients, {seconds:g} s: {sum(map(len, ran))} training requests; "
          f"the worst client's median {worst:g} updates a request ({SETUPS[k % 3][0]}); "
          f"by set-up, the medians of the clients' medians: " + ", ".join(
              f"{SETUPS[s][0]} {statistics.median(m for m, c in medians if c % 3 == s):g}"
              for s in range(len(SETUPS))), flush=True)
    ones = sum(r.count(1) for r in ran)
    print(f"requests that ran exactly 1 update: {ones} of {sum(map(len, ran))}", flush=True)
    if gets:
        p99 = statistics.quantiles(gets, n=100)[98] if len(gets) >= 2 else gets[0]
        verdict = "ok" if p99 < 0.1 else "over the 100 ms wanted"
        print(f"GET (view, diagram): {len(gets)} requests, median "
              f"{1000 * statistics.median(gets):.1f} ms, p99 {1000 * p99:.1f} ms ({verdict})",
              flush=True)
    for failure in failures:
        print(f"failed: {failure}", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Both parts, or the one asked for."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.playground_load")
    parser.add_argument("--requests", type=int, default=60, help="requests per set-up alone")
    parser.add_argument("--clients", type=int, default=20, help="clients under load")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds under load")
    parser.add_argument("--part", choices=("alone", "loaded", "both"), default="both")
    parser.add_argument("--without-numpy", action="store_true",
                        help="the server with NumPy blocked, as the static site runs")
    args = parser.parse_args(argv)
    with server(numpy=not args.without_numpy) as url:
        if args.part in ("alone", "both"):
            alone(url, args.requests)
        if args.part in ("loaded", "both"):
            loaded(url, args.clients, args.seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
