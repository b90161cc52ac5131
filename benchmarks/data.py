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


def tutorial_weights() -> tuple[list[list[float]], list[float]]:
    """W2 / W5: one fixed set of weights for the 2-5-1 network, shared by all engines.

    Returns (hidden, output): five rows [w_0, w_{in_x->j}, w_{in_y->j}] and the output
    row [w_0, w_{1->6}, ..., w_{5->6}].
    """
    rng = random.Random(5)
    hidden = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(5)]
    output = [rng.uniform(-1, 1) for _ in range(6)]
    return hidden, output


DAG_INPUTS = 4
DAG_LEVELS = 10
DAG_WIDTH = 30  # perceptrons per level: 300 in all
DAG_BATCH = 100


def dag() -> tuple[list[tuple[str, list[str]]], list[list[float]], list[list[float]]]:
    """W7: a random DAG of DAG_LEVELS x DAG_WIDTH tanh perceptrons with skip links.

    Returns (perceptrons, weights, X): each perceptron's (name, sources) in topological
    order, its row [w_0, w_{source->j}...], and DAG_BATCH input rows.  A perceptron reads
    three nodes of the level below it and one more from any level further down (inputs
    included): a sparse network whose links skip levels.
    """
    rng = random.Random(7)
    levels = [[f"x{i}" for i in range(DAG_INPUTS)]]
    perceptrons, weights = [], []
    for k in range(1, DAG_LEVELS + 1):
        below = [name for level in levels[:-1] for name in level]
        level = []
        for j in range(DAG_WIDTH):
            sources = rng.sample(levels[-1], min(3, len(levels[-1])))
            sources += [rng.choice(below)] if below else []
            name = f"p{k}.{j}"
            perceptrons.append((name, sources))
            weights.append([rng.uniform(-1, 1) for _ in range(len(sources) + 1)])
            level.append(name)
        levels.append(level)
    X = [[rng.uniform(-1, 1) for _ in range(DAG_INPUTS)] for _ in range(DAG_BATCH)]
    return perceptrons, weights, X
