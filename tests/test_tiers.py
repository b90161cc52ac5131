"""The test tiers of the root conftest.py name files and tests that exist, and mark what
they say (so that a renamed test cannot leave the slow tier's list silently stale)."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def root_conftest():
    spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TIERS = root_conftest()


def test_every_slow_file_and_slow_test_exists():
    for name in TIERS.SLOW_FILES:
        assert list((ROOT / "tests").rglob(name)), f"conftest.py SLOW_FILES: no tests/**/{name}"
    for name, tests in TIERS.SLOW_TESTS.items():
        sources = [path.read_text() for path in (ROOT / "tests").rglob(name)]
        assert sources, f"conftest.py SLOW_TESTS: no tests/**/{name}"
        for test in tests:
            pattern = re.compile(rf"^def {test}\(", re.M)
            assert any(pattern.search(text) for text in sources), (
                f"conftest.py SLOW_TESTS: no test {test} in {name}")


def test_every_browser_file_pattern_matches_a_file():
    for pattern in TIERS.BROWSER_FILES:
        assert list((ROOT / "tests" / "viz").glob(pattern)), pattern


class Item:
    """What tier() reads of a collected item."""

    def __init__(self, path, name, fixturenames=()):
        self.path, self.name, self.originalname = Path(path), name + "[x]", name
        self.fixturenames = list(fixturenames)


def test_each_kind_of_item_lands_in_its_tier():
    tier = TIERS.tier
    assert tier(Item("notebooks/01.ipynb", "01.ipynb")) == "notebooks"
    assert tier(Item("docs/tutorial.md", "block")) == "docs"
    assert tier(Item("tests/viz/test_figures_doc.py", "test_example_runs")) == "docs"
    assert tier(Item("tests/viz/test_x.py", "test_a", ["page"])) == "browser"
    assert tier(Item("tests/viz/test_playground_site_open.py", "test_a")) == "browser"
    assert tier(Item("tests/test_types.py", "test_a")) == "slow"
    assert tier(Item("tests/autograd/test_backward.py",
                     "test_deep_chain_of_a_million_nodes")) == "slow"
    assert tier(Item("tests/autograd/test_backward.py", "test_something_else")) is None
    assert tier(Item("tests/viz/test_playground_api.py", "test_a", ["port"])) is None
