"""Settings for the notebooks, which the nbmake plugin runs as tests (one per notebook).

Each notebook runs in a fresh Jupyter kernel whose working folder is this one.  The kernel
is a new process: putting the checkout first on its PYTHONPATH makes it import the
packages of this checkout (also from a second work tree that shares the virtual
environment of another checkout).
"""

import os
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[1])
os.environ["PYTHONPATH"] = os.pathsep.join(
    [ROOT] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != ROOT])
