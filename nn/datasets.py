"""Seeded 2D point sets, as in the playground's demos (red and blue, or K classes).

Their CSV form is :mod:`nn.pointfiles` (its functions are reachable from here too).

Every generator is ``name(n, noise=0.0, seed=None) -> (X, y)``: ``X`` is a list of ``n``
points ``[x, y]`` with both coordinates in [-1, 1] (the tutorial's inputs in_x, in_y,
section 3.2), ``y`` a list of ``n`` labels 0 (red) or 1 (blue), half of each (the extra
point of an odd ``n`` is blue), in shuffled order.  :func:`spiral` and :func:`blobs` also
take ``classes=K`` (2 to :data:`MAX_CLASSES`): labels 0..K-1, n // K points each, the n % K
left over one each to the last classes.  ``noise`` is the standard deviation of Gaussian
jitter added to each coordinate; when it pushes a point out of the square, the whole set is
scaled down (about the origin) to fit.  The same seed always gives the same points;
``seed=None`` draws fresh ones.  All randomness comes from ``random.Random(seed)``, never
from the global generator.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from nn import arguments
from nn.curves import CURVES, Targets  # the 1-D regression sets (sine, abs, step)
from nn.pointfiles import (  # the CSV form of a point set, by its public names here
    CLASSES,
    MAX_CLASSES,
    Points,
    classes_of,
    dumps_csv,
    dumps_curve_csv,
    is_curve_csv,
    loads_csv,
    loads_curve_csv,
    read_csv,
    write_csv,
)

__all__ = ["linear", "xor", "circles", "moons", "spiral", "blobs", "GENERATORS", "Points",
           "MAX_CLASSES", "CLASSES", "dumps_csv", "loads_csv", "write_csv", "read_csv",
           "CURVES", "Targets", "dumps_curve_csv", "loads_curve_csv", "is_curve_csv"]


def linear(n: int, noise: float = 0.0, seed: int | None = None) -> Points:
    """Two classes on either side of a random line through the square (the tutorial, section 2).

    Without noise no point lies within 0.05 of the line, so a single perceptron can
    separate them exactly.
    """
    rng = _start("linear", n, noise, seed)
    angle = rng.uniform(0.0, 2.0 * math.pi)
    normal = (math.cos(angle), math.sin(angle))
    offset = rng.uniform(-0.3, 0.3)

    def point(label: int) -> list[float]:
        while True:
            p = [rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)]
            side = normal[0] * p[0] + normal[1] * p[1] - offset
            if abs(side) >= 0.05 and (side > 0) == (label == 1):
                return p

    return _finish(rng, n, noise, point)


def xor(n: int, noise: float = 0.0, seed: int | None = None) -> Points:
    """Blue where x and y have the same sign, red elsewhere: no line separates them.

    Points keep a distance of at least 0.05 from both axes.
    """
    rng = _start("xor", n, noise, seed)

    def point(label: int) -> list[float]:
        x = rng.uniform(0.05, 1.0) * rng.choice((-1.0, 1.0))
        y = rng.uniform(0.05, 1.0) * rng.choice((-1.0, 1.0))
        return [x, y if (x * y > 0) == (label == 1) else -y]

    return _finish(rng, n, noise, point)


def circles(n: int, noise: float = 0.0, seed: int | None = None) -> Points:
    """Blue inside a disc of radius 0.4, red on a ring of radii 0.6 to 1 around it."""
    rng = _start("circles", n, noise, seed)

    def point(label: int) -> list[float]:
        r = 0.4 * math.sqrt(rng.random()) if label == 1 else rng.uniform(0.6, 1.0)
        t = rng.uniform(0.0, 2.0 * math.pi)
        return [r * math.cos(t), r * math.sin(t)]

    return _finish(rng, n, noise, point)


def moons(n: int, noise: float = 0.0, seed: int | None = None) -> Points:
    """Two interleaving half circles: red (cos t, sin t) and blue (1 - cos t, 1/2 - sin t).

    t is uniform on [0, pi]; the pair, which spans [-1, 2] x [-1/2, 1], is centred
    and scaled by 2/3 to fill the width of the square.
    """
    rng = _start("moons", n, noise, seed)

    def point(label: int) -> list[float]:
        t = rng.uniform(0.0, math.pi)
        x, y = (1.0 - math.cos(t), 0.5 - math.sin(t)) if label == 1 else (math.cos(t), math.sin(t))
        return [(x - 0.5) / 1.5, (y - 0.25) / 1.5]

    return _finish(rng, n, noise, point)


def spiral(n: int, noise: float = 0.0, seed: int | None = None, classes: int = 2) -> Points:
    """K = ``classes`` arms winding 1.5 turns out from the centre, arm k turned by 2 pi k / K
    (for two classes: the blue arm turned by pi)."""
    rng = _start("spiral", n, noise, seed, classes)

    def point(label: int) -> list[float]:
        r = rng.uniform(0.05, 1.0)
        t = 3.0 * math.pi * r + 2.0 * math.pi * label / classes
        return [r * math.cos(t), r * math.sin(t)]

    return _finish(rng, n, noise, point, classes)


def blobs(n: int, noise: float = 0.0, seed: int | None = None, classes: int = 2) -> Points:
    """K = ``classes`` round Gaussian clouds (spread 0.15) centred on the circle of radius
    sqrt(1/2), class k at the angle 5 pi / 4 + 2 pi k / K: for two classes (-0.5, -0.5) red
    and (0.5, 0.5) blue."""
    rng = _start("blobs", n, noise, seed, classes)
    angles = [2.0 * math.pi * (5 / 8 + k / classes) for k in range(classes)]
    # rounded to 12 decimals, so that the diagonal centres are exactly (+-0.5, +-0.5)
    centres = [(round(math.cos(a) / math.sqrt(2), 12), round(math.sin(a) / math.sqrt(2), 12))
               for a in angles]

    def point(label: int) -> list[float]:
        cx, cy = centres[label]
        return [cx + rng.gauss(0.0, 0.15), cy + rng.gauss(0.0, 0.15)]

    return _finish(rng, n, noise, point, classes)


GENERATORS: MappingProxyType[str, Callable[..., Points]] = MappingProxyType({
    f.__name__: f for f in (linear, xor, circles, moons, spiral, blobs)
})
"""Every generator by name (read-only)."""


def _start(name: str, n: Any, noise: Any, seed: Any, classes: Any = 2) -> random.Random:
    """Check the common arguments; the generator's own random source."""
    if classes_of(name, classes) and arguments.integer(name, "n", n) < classes:
        raise ValueError(f"{name}: n must be at least {classes} (one point of each class), "
                         f"got {n}")
    arguments.non_negative(name, "noise", noise)
    return random.Random(arguments.seed(name, seed))


def _finish(
    rng: random.Random, n: int, noise: float, point: Callable[[int], list[float]],
    classes: int = 2,
) -> Points:
    """n points, n // K of each label (the rest one each to the last classes), jittered,
    fitted into [-1, 1]^2 and shuffled."""
    labels = [k for k in range(classes) for _ in range(n // classes + (k >= classes - n % classes))]
    X = [point(label) for label in labels]
    if noise:
        X = [[a + rng.gauss(0.0, noise), b + rng.gauss(0.0, noise)] for a, b in X]
    scale = max(1.0, max(abs(c) for p in X for c in p))
    order = list(range(n))
    rng.shuffle(order)
    return [[X[i][0] / scale, X[i][1] / scale] for i in order], [labels[i] for i in order]
