"""The project installed without any extra: a fresh virtual environment with no packages
at all (not even pip), whose only addition is a .pth file that puts this checkout on
sys.path.  The engine, nn (progress without tqdm), --help and --version must work there;
a subcommand that needs an extra says which one to install."""

import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory):
    home = tmp_path_factory.mktemp("bare-venv")
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    site = subprocess.run([python, "-c", "import site; print(site.getsitepackages()[0])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "autograd_dag_checkout.pth").write_text(f"{ROOT}\n")
    return python


def run(python, *args):
    return subprocess.run([python, *args], capture_output=True, text=True, cwd=ROOT.parent,
                          timeout=60)


def test_the_environment_really_has_no_extras(bare_python):
    probe = "import importlib.util as u; print([m for m in {} if u.find_spec(m)])"
    modules = ["graphviz", "matplotlib", "numpy", "tqdm", "PIL", "pytest"]
    assert run(bare_python, "-c", probe.format(modules)).stdout == "[]\n"
    assert run(bare_python, "-c", "import viz; print(viz.__file__)").stdout.startswith(str(ROOT))


def test_help_and_version_work(bare_python):
    shown = run(bare_python, "-m", "viz", "--help")
    assert shown.returncode == 0 and shown.stderr == ""
    assert "usage: backprop" in shown.stdout and "playground" in shown.stdout
    version = run(bare_python, "-m", "viz", "--version")
    assert version.returncode == 0 and version.stdout.startswith("backprop 0.")
    graph_help = run(bare_python, "-m", "viz", "graph", "--help")
    assert graph_help.returncode == 0 and "--at x=1.5,w=-0.3" in graph_help.stdout


@pytest.mark.parametrize("argv", [
    ["graph", "x * x", "--at", "x=1"], ["demo"], ["network", "model.json"],
    ["playground", "--port", "0"],
])
def test_a_subcommand_that_needs_an_extra_says_which(bare_python, argv):
    done = run(bare_python, "-m", "viz", *argv)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"backprop {argv[0]}: error: this command needs the 'viz' extra "
                           f"(graphviz is not installed): pip install 'autograd-dag[viz]'\n")


def test_playground_help_names_the_extra(bare_python):
    shown = run(bare_python, "-m", "viz", "playground", "--help")
    assert shown.returncode == 0 and "pip install 'autograd-dag[viz]'" in shown.stdout


def test_engine_and_training_run_on_the_standard_library(bare_python):
    script = (
        "import nn, autograd\n"
        "X, y = nn.datasets.linear(20, seed=0)\n"
        "h = nn.fit(nn.Perceptron(2, seed=0), X, y, lr=0.5, epochs=20, mode='batch',\n"
        "           progress=True)\n"
        "print(autograd.__version__ == nn.__version__, len(h))\n"
    )
    done = run(bare_python, "-c", script)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True 20\n"
    assert len(done.stderr.splitlines()) == 10 and done.stderr.startswith("epoch  2/20  loss ")


def test_examples_engine_runs(bare_python):
    done = run(bare_python, str(ROOT / "examples" / "engine.py"))
    assert done.returncode == 0, done.stderr
