"""The wheel a user installs: typed packages, the licence, the metadata, a quiet build."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import autograd

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["setup.cfg", "pyproject.toml", "README.md", "LICENSE", "autograd", "nn", "viz"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel built from a copy of the sources (so the checkout gets no build/ folder),
    with the build's output."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out),
         "-v", str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    path, = out.glob("autograd_dag-*.whl")
    return path, built.stdout + built.stderr


def test_the_build_prints_no_backend_warning(wheel):
    _, log = wheel
    assert "BuildBackendWarning" not in log and "viz.playground.static" not in log


def test_the_wheel_holds_the_markers_the_licence_and_the_page(wheel):
    path, _ = wheel
    names = set(zipfile.ZipFile(path).namelist())
    assert {"autograd/py.typed", "nn/py.typed", "viz/py.typed"} <= names
    assert {"viz/playground/static/index.html", "viz/playground/static/app.js",
            "viz/playground/static/katex/katex.min.js",
            "viz/playground/static/katex/LICENSE"} <= names
    assert [n for n in names if n.startswith("viz/playground/static/katex/fonts/")]
    assert f"autograd_dag-{autograd.__version__}.dist-info/licenses/LICENSE" in names
    assert not [name for name in names if "__pycache__" in name or name.startswith("tests/")]


def test_the_metadata_names_version_author_and_licence(wheel):
    path, _ = wheel
    with zipfile.ZipFile(path) as archive:
        metadata = archive.read(f"autograd_dag-{autograd.__version__}.dist-info/METADATA").decode()
        licence = archive.read(
            f"autograd_dag-{autograd.__version__}.dist-info/licenses/LICENSE").decode()
    assert f"\nVersion: {autograd.__version__}\n" in metadata
    assert "\nAuthor: autograd-dag developers\n" in metadata and "\nLicense: MIT\n" in metadata
    assert licence.startswith("MIT License\n") and "autograd-dag developers" in licence
