"""Seeded 1-D regression sets: points (x, y) of a function y = f(x), with noise.

Every generator is ``name(n, noise=0.0, seed=None) -> (X, y)``: ``X`` is a list of ``n``
one-input rows ``[x]`` with x drawn uniformly from [-1, 1], ``y`` the ``n`` real targets
y = f(x) + e, e Gaussian with standard deviation ``noise``, clipped to [-1, 1] (the
plane's square, where the playground draws them).  The functions keep within [-0.8, 0.8]
so that a little noise is seldom clipped:

- :func:`sine`: f(x) = 0.8 sin(pi x), one full period;
- :func:`abs`: f(x) = 1.6 |x| - 0.8, a V with its corner at 0;
- :func:`step`: f(x) = -0.6 for x < 0, 0.6 for x >= 0.

The same seed always gives the same points (``random.Random(seed)``, never the global
generator).  Their CSV form is :func:`nn.pointfiles.dumps_curve_csv`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from types import MappingProxyType

from nn import arguments

Targets = tuple[list[list[float]], list[float]]
"""(X, y): the one-input rows [x] and their real targets."""


def _curve(name: str, f: Callable[[float], float], n: int, noise: float,
           seed: int | None) -> Targets:
    """n points (x, f(x) + e), x uniform in [-1, 1], e ~ N(0, noise^2), y clipped to [-1, 1]."""
    arguments.integer(name, "n", n, at_least=1)
    arguments.non_negative(name, "noise", noise)
    rng = random.Random(arguments.seed(name, seed))
    xs = [rng.uniform(-1.0, 1.0) for _ in range(n)]
    ys = [f(x) + (rng.gauss(0.0, noise) if noise else 0.0) for x in xs]
    return [[x] for x in xs], [max(-1.0, min(1.0, y)) for y in ys]


def sine(n: int, noise: float = 0.0, seed: int | None = None) -> Targets:
    """y = 0.8 sin(pi x) + noise: one period of a sine, the classic smooth target."""
    return _curve("sine", lambda x: 0.8 * math.sin(math.pi * x), n, noise, seed)


def abs(n: int, noise: float = 0.0, seed: int | None = None) -> Targets:  # noqa: A001
    """y = 1.6 |x| - 0.8 + noise: a corner, which ReLU units draw exactly."""
    return _curve("abs", lambda x: 1.6 * (x if x >= 0 else -x) - 0.8, n, noise, seed)


def step(n: int, noise: float = 0.0, seed: int | None = None) -> Targets:
    """y = -0.6 for x < 0, 0.6 for x >= 0, plus noise: a jump, which smooth units only
    approach."""
    return _curve("step", lambda x: 0.6 if x >= 0 else -0.6, n, noise, seed)


CURVES: MappingProxyType[str, Callable[..., Targets]] = MappingProxyType({
    "sine": sine, "abs": abs, "step": step,
})
"""Every generator by name (read-only)."""
