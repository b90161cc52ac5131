"""docs/figures.md: every Python example runs as written, from the repository root."""

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "figures.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", DOC.read_text(), flags=re.S | re.M)


def test_the_guide_has_examples_and_shows_its_figures():
    assert len(BLOCKS) >= 6
    for image in re.findall(r"\]\((figures/[^)]+)\)", DOC.read_text()):
        assert (DOC.parent / image).is_file(), image


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{k}" for k in range(len(BLOCKS))])
def test_example_runs(code, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # the examples write under out/
    exec(compile(code, str(DOC), "exec"), {"__name__": "figures_md"})
    written = list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else []
    printed = capsys.readouterr().out
    assert written or printed
