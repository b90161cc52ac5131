"""The static site's playground beside the server's, in headless Chromium.

    python -m benchmarks.playground_site             # 10 s of playing on each page
    python -m benchmarks.playground_site --seconds 5

The site is built into a temporary folder (``npm ci`` first, as ``make site`` does) and
served by ``python -m http.server``, the server page by ``python -m viz playground``,
each in a child process.  On each page: the start-up time (from opening the page until
its status says ready: on the site, Pyodide's start included), then the 2-5-1 network
on 100 points (sequential updates, half of them training) plays for a second and is
measured for ``--seconds``: updates a second (views drawn: changes of ``#epoch``) and
epochs a second (the epoch counter's progress).
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.playground_fps import ARGS, CHROMIUM, COUNT, choose, server

EPOCH = "() => Number(document.getElementById('epoch').textContent)"


@contextlib.contextmanager
def static_site() -> Iterator[str]:
    """The site, built into a temporary folder and served by ``python -m http.server``."""
    from viz.playground.site import build

    with tempfile.TemporaryDirectory() as folder:
        build(Path(folder))
        child = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind",
                                  "127.0.0.1", "-d", folder], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        try:
            assert child.stdout is not None
            line = child.stdout.readline()  # Serving HTTP on 127.0.0.1 port 41234 (...) ...
            if "port" not in line:
                raise RuntimeError(f"http.server did not start: {line!r}")
            yield f"http://127.0.0.1:{line.split('port')[1].split()[0]}/"
        finally:
            child.terminate()
            child.wait(timeout=10)


def measure(url: str, seconds: float) -> tuple[float, float, float]:
    """(start-up seconds, updates a second, epochs a second) of the page at ``url``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("#status[data-state=ready]", timeout=120_000)
        started = time.perf_counter() - start
        choose(page, {"model": "tutorial"}, 100)
        page.click("#play")
        page.wait_for_timeout(1000)
        before = page.evaluate(EPOCH)
        changes = page.evaluate(COUNT, seconds)
        epochs = page.evaluate(EPOCH) - before
        page.click("#play")
        browser.close()
    return started, changes / seconds, epochs / seconds


def main(argv: list[str] | None = None) -> int:
    """Measure both pages and print one line each."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.playground_site")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="how long to count on each page (default 10)")
    args = parser.parse_args(argv)
    print("2-5-1 network, 100 points (50 training), sequential updates")
    for name, serving in (("server page", server), ("static site", static_site)):
        with serving() as url:
            started, updates, epochs = measure(url, args.seconds)
        print(f"{name}: starts in {started:.1f} s, {updates:.1f} updates a second, "
              f"{epochs:.0f} epochs a second", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
