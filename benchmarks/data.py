"""The inputs every engine sees: the same points, labels and grid, as plain lists."""

import random

from nn import datasets

W1_POINTS = 100
W2_POINTS = 200
GRID_SIDE = 100
W3_DEPTHS = (1_000, 10_000, 100_000, 1_000_000)
W3_COMMON_DEPTH = 100_000  # where backward time per node is compared
W4_NODES = 100_000
CHAIN_FACTOR = 0.99999  # y <- y * w with w = CHAIN_FACTOR: w^1e6 ~ e^-10, no underflow


def moons_pm1() -> tuple[list[list[float]], list[float]]:
    """W1: 100 two-moons points with labels -1 / +1 (micrograd's demo set-up)."""
    X, y = datasets.moons(W1_POINTS, noise=0.1, seed=1)
    return X, [2.0 * label - 1.0 for label in y]


def xor_points() -> tuple[list[list[float]], list[int]]:
    """W2: 200 xor points with 0 / 1 labels (no line separates them)."""
    return datasets.xor(W2_POINTS, noise=0.05, seed=2)


def grid() -> list[list[float]]:
    """W5: a GRID_SIDE x GRID_SIDE grid over [-1, 1]^2, the decision-boundary raster."""
    ticks = [-1.0 + 2.0 * i / (GRID_SIDE - 1) for i in range(GRID_SIDE)]
    return [[x, y] for y in ticks for x in ticks]


def seed_weights() -> tuple[list[list[float]], list[float]]:
    """W2 / W5: one fixed set of weights for the 2-5-1 network, shared by all engines.

    Returns (hidden, output): five rows [w_0, w_{in_x->j}, w_{in_y->j}] and the output
    row [w_0, w_{1->6}, ..., w_{5->6}].
    """
    rng = random.Random(5)
    hidden = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(5)]
    output = [rng.uniform(-1, 1) for _ in range(6)]
    return hidden, output
