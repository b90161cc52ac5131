"""The static site's playground beside the server's, in headless Chromium.

    python -m benchmarks.playground_site             # 10 s of playing on each page
    python -m benchmarks.playground_site --seconds 5 --pages site --only 2-5-1

The site is built into a temporary folder (``npm ci`` first, as ``make site`` does) and
served by ``python -m http.server``, the server page by ``python -m viz playground``,
each in a child process.  On each page, for each set-up of :data:`SETUPS` (100 points,
half of them training): the start-up time (from opening the page until its status says
ready: on the site, Pyodide's start included), then the page plays for a second and is
measured for ``--seconds``: views a second (changes of ``#epoch``), epochs a second
(the epoch counter's progress) and so training updates a second.
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


SETUPS = [
    ("2-5-1 network, sequential", {"model": "tutorial", "mode": "sequential"}, 50),
    ("3-class 2-5-3 on the spiral, sequential",
     {"classes": "3", "dataset": "spiral", "model": "tutorial", "mode": "sequential"}, 50),
    ("MLP 8,8, sequential", {"model": "mlp", "hidden": "8,8", "mode": "sequential"}, 50),
    ("MLP 16,16, batch", {"model": "mlp", "hidden": "16,16", "mode": "batch"}, 1),
]
"""(name, form fields, updates an epoch): 100 points each, half of them training."""


def measure(url: str, seconds: float, fields: dict[str, str]
            ) -> tuple[float, float, float]:
    """(start-up seconds, views a second, epochs a second) of the page at ``url`` playing
    the set-up of ``fields``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("#status[data-state=ready]", timeout=120_000)
        started = time.perf_counter() - start
        choose(page, fields, 100)
        page.click("#play")
        page.wait_for_timeout(1000)
        before = page.evaluate(EPOCH)
        changes = page.evaluate(COUNT, seconds)
        epochs = page.evaluate(EPOCH) - before
        page.click("#play")
        browser.close()
    return started, changes / seconds, epochs / seconds


def main(argv: list[str] | None = None) -> int:
    """Measure each set-up on both pages and print one line each."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.playground_site")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="how long to count on each page (default 10)")
    parser.add_argument("--pages", choices=("both", "server", "site"), default="both")
    parser.add_argument("--only", default="", metavar="TEXT",
                        help="only the set-ups whose name holds TEXT (e.g. '2-5-1')")
    args = parser.parse_args(argv)
    setups = [setup for setup in SETUPS if args.only in setup[0]]
    if not setups:
        parser.error(f"no set-up's name holds {args.only!r}")
    pages = {"server": ("server page", server), "site": ("static site", static_site)}
    for name, serving in [pages[k] for k in pages if args.pages in (k, "both")]:
        with serving() as url:
            for setup, fields, per_epoch in setups:
                started, views, epochs = measure(url, args.seconds, fields)
                print(f"{name}, {setup}: starts in {started:.1f} s, {views:.1f} views a "
                      f"second, {epochs:.1f} epochs = {epochs * per_epoch:.0f} updates a "
                      "second", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
