"""The ``demo`` subcommand: the tutorial's 2-5-1 network trained, then drawn four ways.

The tutorial, section 3: perceptrons 1..5 read in_x and in_y, perceptron 6 reads z_1..z_5,
sigmoid everywhere, trained sequentially (one update per point) with eta = 0.5 on
E = sum_i (h(x_i) - y_i)^2.  From some initial weights this recipe settles in a poor
local minimum; the default seed is one from which it does not, and the demo says so.
"""

from __future__ import annotations

from pathlib import Path

import nn
from autograd import Value
from autograd.display import format_number
from nn import datasets, losses
from viz.graph import draw_graph
from viz.network import draw_network
from viz.plots import plot_decision_boundary, plot_loss
from viz.save import save

SEED = 0
"""Initial weights of the demo's network (one from which training succeeds)."""

EPOCHS = 300
"""How many epochs the demo trains (each one update per point)."""

POINTS = 40
"""Size of the training set (seeded, so every run draws the same points)."""


def run_demo(
    out: str | Path = "out", dataset: str = "xor", epochs: int = EPOCHS, seed: int = SEED
) -> dict[str, Path]:
    """Train ``nn.tutorial_network(seed)`` on ``dataset`` and write its figures into ``out``.

    Prints the progress and returns the written files by figure: ``network`` (weights,
    and s_j, z_j, delta_j of the first point), ``graph`` (the computation graph of that
    point's loss E_i = (h(x_i) - y_i)^2 with every gradient), ``boundary`` (the plane)
    and ``loss`` (the loss curve).
    """
    if dataset not in ("xor", "circles"):
        raise ValueError(f"demo: dataset must be 'xor' or 'circles', got {dataset!r}")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"demo: epochs must be a positive int, got {epochs!r}")
    X, y = getattr(datasets, dataset)(POINTS, seed=0)
    model = nn.tutorial_network(seed=seed)
    print(f"{dataset}: {len(X)} points in [-1, 1]^2, labels 0 (red) and 1 (blue)")
    print(f"the tutorial's 2-5-1 sigmoid network (initial weights: seed {seed}), trained "
          f"sequentially with eta = 0.5 on E = sum_i (h(x_i) - y_i)^2")
    if seed == SEED:
        print(f"(seed {SEED} is one that works: from some initial weights this recipe does not "
              f"get there in its epochs; examples/tutorial_network.py counts how often)")
    history = nn.fit(model, X, y, lr=0.5, epochs=epochs, mode="sequential", seed=0)
    print(f"after {len(history)} epochs: E = {format_number(history.loss[-1])}, "
          f"training accuracy {history.accuracy[-1]:.0%}")
    if history.accuracy[-1] < 0.95:
        print("this run stopped short (a plateau or a poor local minimum), as the recipe "
              "sometimes does from unlucky initial weights: try another --seed or more --epochs")

    sample, target = X[0], y[0]
    inputs = [Value(x, label=name) for x, name in zip(sample, model.input_names, strict=True)]
    E = losses.squared_error([model(inputs)], [target])
    E.label = "E"
    model.zero_grad()
    E.backward()
    graph = draw_graph(E, parameters=model.parameters())
    model.zero_grad()
    out = Path(out)
    written = {
        "network": save(draw_network(model, sample, target), out / "network.svg"),
        "graph": save(graph, out / "loss_graph.svg"),
        "boundary": save(plot_decision_boundary(model, X, y), out / "decision_boundary.png"),
        "loss": save(plot_loss(history), out / "loss_curve.png"),
    }
    for name, path in written.items():
        print(f"wrote {path} ({name})")
    return written
