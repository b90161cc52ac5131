"""Shared test settings.

Test files are imported with pytest's importlib mode (so tests/nn/test_x.py and
tests/viz/test_x.py may share a name); this folder is put on sys.path so that the
helper modules beside this file (random_graphs.py) can be imported by any test.
"""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")

# Every program of the session runs on one backend, so that runs repeat bit for bit: a
# program left to pick switches from NumPy to C when its library is loaded, at a moment no
# test can foresee.  `make test-backends` runs the engine's and the networks' tests under
# c and python too; the tests of the switch itself set what they need.
os.environ.setdefault("AUTOGRAD_BACKEND", "numpy")
