"""Our compiled workloads with every program on one backend: ``ours-c`` and ``ours-python``.

The child sets ``AUTOGRAD_BACKEND`` before the engine is imported (:mod:`autograd.compile`),
so each program runs on that backend from its first call: C waits for its library (built
into a fresh cache folder, so the first call's time, reported as the program's build
time, is the source's generation and the compiler's run), Python never touches NumPy.
The workloads are the ``ours-compiled`` ones (:mod:`benchmarks.ours`,
:mod:`benchmarks.ours_fast`).
"""

import os
import tempfile
from collections.abc import Callable


def on(backend: str) -> dict[str, Callable[[int], dict]]:
    """The compiled workloads, run with every program on ``backend``."""
    os.environ["AUTOGRAD_BACKEND"] = backend
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="autograd-bench-")
    from benchmarks import ours, ours_fast

    return {**ours.COMPILED, **ours_fast.COMPILED}


def __getattr__(name: str) -> dict[str, Callable[[int], dict]]:
    """``C`` and ``PYTHON``: the workload tables, the backend chosen when first asked."""
    if name in ("C", "PYTHON"):
        return on(name.lower())
    raise AttributeError(name)
