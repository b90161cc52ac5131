"""Settings for the Python blocks of README.md and docs/*.md, which pytest-markdown-docs runs.

Each block runs in a fresh temporary folder, so that the files it writes (``model.json``,
``points.csv``, figures in ``out/``) land there and not in the checkout.  What a block
prints is captured like any test's output (shown only when it fails): the plugin turns
pytest's capture off while a block runs (its open issue 54), which this undoes.
"""

import contextlib

import pytest


@pytest.fixture(autouse=True)
def _docs_blocks_run_in_a_temporary_folder(request, monkeypatch):
    if request.node.get_closest_marker("markdown-docs"):
        monkeypatch.chdir(request.getfixturevalue("tmp_path"))
        capture = request.config.pluginmanager.getplugin("capturemanager")
        monkeypatch.setattr(capture, "global_and_fixture_disabled", contextlib.nullcontext)


# The test tiers (registered in setup.cfg): `make check` runs the tests none of them marks.
BROWSER_FIXTURES = {"page", "site_url"}  # tests/viz/conftest.py: a page of headless Chromium
BROWSER_FILES = ("test_playground_e2e*.py", "test_playground_site*.py")
# Each of these takes more than 3 s here (pytest --durations): a bare virtual environment,
# a wheel built and installed, mypy over the packages.
SLOW_FILES = ("test_without_extras.py", "test_packaging.py", "test_types.py")


def tier(item) -> str | None:
    """The marker of the tier ``item`` belongs to, None for the fast tier."""
    path = item.path
    if path.suffix == ".ipynb":
        return "notebooks"
    if path.suffix == ".md":
        return "docs"
    if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) or any(
        path.match(pattern) for pattern in BROWSER_FILES
    ):
        return "browser"
    if path.name in SLOW_FILES:
        return "slow"
    return None


def pytest_collection_modifyitems(config, items):
    """Mark every collected item with its tier, so that ``-m`` can pick or leave out each."""
    for item in items:
        marker = tier(item)
        if marker is not None:
            item.add_marker(marker)
