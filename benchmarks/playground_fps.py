"""Page updates per second of the playground while it trains, in headless Chromium.

    python -m benchmarks.playground_fps            # both set-ups, 10 s each
    python -m benchmarks.playground_fps --seconds 5

The server runs in a child process (``python -m viz playground --port 0``), as a user
starts it; the page is driven by Playwright on Debian's ``/usr/bin/chromium``.  Each
set-up chooses its network and data on the page, presses *play*, lets it warm up for
a second, then counts the changes of the epoch counter (``#epoch``) for ``--seconds``
seconds: every change is one view drawn.  The two set-ups are issue 12's: the 2-5-1
network on 100 points (30 or more updates a second wanted) and an MLP 8,8 on 300
points (15 or more).  Then it times one training request with ``max_seconds`` 1 and 5
on the largest network the playground builds (MLP of 6 layers of 32 on 2,000 points,
sequential updates): the request should take at most 20% longer than it asked.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

SETUPS = [
    ("2-5-1 network, 100 points", {"model": "tutorial"}, 100, 30),
    ("MLP 8,8, 300 points", {"model": "mlp", "hidden": "8,8"}, 300, 15),
]
"""(name, form fields to set, points, updates a second wanted)."""

COUNT = """(seconds) => new Promise((resolve) => {
  const epoch = document.getElementById("epoch");
  let changes = 0;
  const observer = new MutationObserver(() => { changes += 1; });
  observer.observe(epoch, { childList: true, characterData: true, subtree: true });
  setTimeout(() => { observer.disconnect(); resolve(changes); }, seconds * 1000);
})"""
"""Counts the changes of the epoch counter over ``seconds`` (run in the page)."""

SHOWN = """(count) => new Promise((resolve, reject) => {
  const end = Date.now() + 20000;
  const check = () => {
    if (document.getElementById("point-count").textContent === count) resolve(true);
    else if (Date.now() > end) reject(new Error(`${count} points never shown`));
    else setTimeout(check, 10);
  };
  check();
})"""
"""Waits until the page shows ``count`` points (the page's CSP forbids eval'd waits)."""


WITHOUT_NUMPY = ("import runpy, sys; sys.modules['numpy'] = None; "
                 "sys.argv = ['viz', 'playground', '--port', '0']; "
                 "runpy.run_module('viz', run_name='__main__')")
"""The server as the static site runs the playground: NumPy blocked, so every program
runs on the Python backend (CPython here, not Pyodide)."""


@contextlib.contextmanager
def server(numpy: bool = True) -> Iterator[str]:
    """A playground server in a child process (without NumPy if not ``numpy``); yields its
    URL."""
    command = ["-m", "viz", "playground", "--port", "0"] if numpy else ["-c", WITHOUT_NUMPY]
    child = subprocess.Popen([sys.executable, *command], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        if not line.startswith("playground: http://"):
            raise RuntimeError(f"the server did not start: {line!r}")
        yield line.split()[1]
    finally:
        child.terminate()
        child.wait(timeout=10)


def choose(page: object, fields: dict[str, str], points: int) -> None:
    """Set the form fields and the point count on the page, then regenerate the preset."""
    for name, value in fields.items():
        page.eval_on_selector(f"#{name}", "(el, v) => { el.value = v; "  # type: ignore[attr-defined]
                              "el.dispatchEvent(new Event('change')); }", value)
    page.fill("#count", str(points))  # type: ignore[attr-defined]
    page.locator("#count").dispatch_event("change")  # type: ignore[attr-defined]
    page.evaluate(SHOWN, str(points))  # type: ignore[attr-defined]


def measure(url: str, fields: dict[str, str], points: int, seconds: float) -> float:
    """Updates a second of the epoch counter while the page plays the given set-up."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_selector("#status[data-state=ready]")
        choose(page, fields, points)
        page.click("#play")
        page.wait_for_timeout(1000)
        changes = page.evaluate(COUNT, seconds)
        page.click("#play")
        browser.close()
    return changes / seconds


def post(url: str, path: str, body: object) -> dict:
    """One JSON POST to the server; its answer."""
    address = urlsplit(url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json",
                                                   "Origin": url.rstrip("/")})
    answer = json.loads(conn.getresponse().read())
    conn.close()
    return answer


def budget(url: str, seconds: float) -> float:
    """How long a training request asking for ``seconds`` takes on the largest network."""
    from nn import datasets

    sid = post(url, "/api/sessions", {"settings": {"model": "mlp", "hidden": [32] * 6,
                                                   "mode": "sequential", "split": 1}})["id"]
    X, y = datasets.moons(2000, seed=1)
    post(url, f"/api/sessions/{sid}/points",
         {"points": [[a, b, t] for (a, b), t in zip(X, y, strict=True)]})
    start = time.perf_counter()
    post(url, f"/api/sessions/{sid}/train?view=compact",
         {"epochs": 1000, "max_seconds": seconds})
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Measure both set-ups and print their updates a second."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.playground_fps")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="how long to count, per set-up (default 10)")
    args = parser.parse_args(argv)
    with server() as url:
        for name, fields, points, wanted in SETUPS:
            rate = measure(url, fields, points, args.seconds)
            verdict = "ok" if rate >= wanted else f"below the {wanted} wanted"
            print(f"{name}: {rate:.1f} updates a second ({verdict})", flush=True)
        for seconds in (1.0, 5.0):
            took = budget(url, seconds)
            verdict = "ok" if took <= 1.2 * seconds else "more than 20% over"
            print(f"max_seconds {seconds:g}: the request took {took:.2f} s ({verdict})",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
