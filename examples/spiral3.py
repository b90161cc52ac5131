"""Three classes: a 2-16-16-3 MLP learns a 3-arm spiral with softmax cross-entropy.

300 seeded points on three arms (``nn.datasets.spiral(..., classes=3)``), three linear
outputs s_1..s_3 (one score per class), E = -1/N sum_i ln softmax(s_i)[t_i], Adam, batch
mode on the compiled program.  Prints the training accuracy (the argmax rule) and writes
the decision regions to out/spiral3.png.  Runs in a few seconds.
"""

from __future__ import annotations

import time
from pathlib import Path

import nn
import viz
from nn import datasets

POINTS, CLASSES, EPOCHS, LR = 300, 3, 300, 0.05
"""The data set, the number of classes, and the training run."""


def train(seed: int = 0) -> tuple[nn.MLP, list[list[float]], list[int], nn.History]:
    """The spiral and the MLP trained on it (the same run every time for one seed)."""
    X, y = datasets.spiral(POINTS, seed=seed, classes=CLASSES)
    model = nn.MLP(2, [16, 16, CLASSES], activation="tanh", output_activation="linear",
                   seed=seed)
    history = nn.fit(model, X, y, loss="cross_entropy",
                     optimizer=nn.Adam(model.parameters(), lr=LR), epochs=EPOCHS,
                     progress=False)
    return model, X, y, history


def main(out: str = "out") -> Path:
    """Train, print what happened, write the figure; return its path."""
    start = time.perf_counter()
    model, X, y, history = train()
    seconds = time.perf_counter() - start
    print(f"{POINTS} points in {CLASSES} spiral arms; MLP 2-16-16-{CLASSES}, cross_entropy, "
          f"Adam lr={LR}, {len(history)} epochs in {seconds:.2f} s")
    print(f"loss E = {history.loss[-1]:.4f}, training accuracy "
          f"{history.accuracy[-1]:.1%} ({history.accuracy_rule} rule)")
    path = Path(out) / "spiral3.png"
    viz.save(viz.plot_decision_boundary(model, X, y, resolution=150), path)
    print(f"wrote {path}")
    return path


if __name__ == "__main__":
    main()
