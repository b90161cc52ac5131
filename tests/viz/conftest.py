"""Fixtures of the viz tests: golden files of DOT text, and a page of headless Chromium.

Run the tests with UPDATE_GOLDEN=1 to rewrite the stored files after a deliberate
change of style, then review the diff before committing it.
"""

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden():
    """assert_golden(source, name): the text equals the stored file, line for line."""

    def assert_golden(source: str, name: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            GOLDEN.mkdir(exist_ok=True)
            path.write_text(source)
        assert path.exists(), f"missing golden file {path}: run with UPDATE_GOLDEN=1 once"
        assert source.splitlines() == path.read_text().splitlines()

    return assert_golden


@pytest.fixture
def page():
    """A page of a fresh headless Chromium (see playground_browser.browser_page): on leaving,
    no script error and no Content-Security-Policy violation may have happened on it."""
    from playground_browser import browser_page

    with browser_page() as page:
        yield page


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The static site (``make site``) built into a temporary folder and served as plain
    files, as ``python -m http.server -d site`` serves it; its URL."""
    from playground_client import serving_folder

    from viz.playground import site

    folder = tmp_path_factory.mktemp("site")
    site.build(folder)
    with serving_folder(folder) as url:
        yield url


@pytest.fixture(scope="module")
def server():
    """A playground server of the module's tests, on a free loopback port (see
    playground_client.serving); a test that needs other settings starts its own."""
    from playground_client import serving

    with serving() as running:
        yield running


@pytest.fixture(scope="module")
def port(server):
    """The port of the module's playground server."""
    return server.server_address[1]
