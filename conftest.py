"""Settings for the Python blocks of README.md and docs/*.md, which pytest-markdown-docs runs.

Each block runs in a fresh temporary folder, so that the files it writes (``model.json``,
``points.csv``, figures in ``out/``) land there and not in the checkout.  What a block
prints is captured like any test's output (shown only when it fails): the plugin turns
pytest's capture off while a block runs (its open issue 54), which this undoes.
"""

import contextlib
import os

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
# The slow tier: the files whose tests take seconds each (a bare virtual environment, a
# wheel built and installed, mypy over the packages, every figure rendered by `dot`, child
# processes without NumPy), then single tests over about 1.5 s, by file and name.
# Measured with `pytest -m "not slow" --durations=40`; update both after a change.
SLOW_FILES = ("test_without_extras.py", "test_packaging.py", "test_types.py", "test_overlap.py",
              "test_playground_without_numpy.py")
SLOW_TESTS = {
    "test_train_stopping.py": {
        "test_a_diverging_fit_stops_with_finite_weights_and_says_what_to_lower",
        "test_outputs_that_overflow_stop_fit_as_a_divergence"},
    "test_playground_features.py": {"test_a_long_training_lets_the_sessions_views_through"},
    "test_playground_api.py": {"test_a_time_budget_ends_a_long_request"},
    "test_playground_server.py": {"test_twenty_concurrent_clients_are_served_correctly"},
    "test_playground_budget.py": {"test_clients_training_at_once_each_get_updates"},
    "test_playground_expression.py": {
        "test_each_order_is_the_central_difference_of_the_one_below"},
    "test_copying.py": {"test_a_chain_of_a_hundred_thousand_nodes_copies_without_recursion"},
    "test_dag_building.py": {"test_a_12000_node_chain_loads_in_either_order_with_one_cycle_check"},
    "test_network_edges.py": {"test_a_label_with_no_room_on_its_edge_moves_to_the_table"},
    "test_backward.py": {"test_deep_chain_of_a_million_nodes"},
    "test_paths.py": {"test_every_path_gives_the_scalar_engines_values_and_gradients"},
    "test_paths_backends.py": {
        "test_the_python_backend_gives_the_scalar_engines_numbers_bit_for_bit"},
    "test_multiclass.py": {"test_the_scalar_engine_takes_the_same_steps"},
    "test_cli.py": {"test_python_dash_m_viz_runs_the_same_command"},
}


def tier(item) -> str | None:
    """The marker of the tier ``item`` belongs to, None for the fast tier."""
    path = item.path
    if path.suffix == ".ipynb":
        return "notebooks"
    if path.suffix == ".md" or path.name == "test_figures_doc.py":  # runs docs/figures.md
        return "docs"
    if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) or any(
        path.match(pattern) for pattern in BROWSER_FILES
    ):
        return "browser"
    test = getattr(item, "originalname", item.name)
    if path.name in SLOW_FILES or test in SLOW_TESTS.get(path.name, ()):
        return "slow"
    return None


def pytest_collection_modifyitems(config, items):
    """Mark every collected item with its tier, so that ``-m`` can pick or leave out each."""
    for item in items:
        marker = tier(item)
        if marker is not None:
            item.add_marker(marker)
    if os.environ.get("AUTOGRAD_BACKEND") == "python":  # no NumPy program to check there
        left = [item for item in items if item.get_closest_marker("numpy_program")]
        if left:
            config.hook.pytest_deselected(items=left)
            items[:] = [item for item in items if item not in left]
