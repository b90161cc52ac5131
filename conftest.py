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
