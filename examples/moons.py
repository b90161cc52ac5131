"""An MLP with a max-margin (hinge) loss on two interleaving moons.

The network 2-8-8-1 has relu hidden units g and a linear output g_o (001's notation)
whose sign is the class; the loss is E = 1/N sum_i max(0, 1 - y_i s_i) with labels
y = +-1 (the data's 0/1 labels are mapped to -1/+1) plus an L2 penalty 1e-4 sum w^2,
minimised with Adam on the whole set at every step until every point is classified.

Run: python examples/moons.py
"""

import nn
from nn import datasets
from nn.optim import Adam

X, y = datasets.moons(80, noise=0.05, seed=0)
model = nn.MLP(2, [8, 8, 1], activation="relu", output_activation="linear", seed=0)
print(f"moons: {len(X)} points; MLP 2-8-8-1 (relu, linear output), "
      f"{len(model.parameters())} parameters")
history = nn.fit(model, X, y, loss="hinge", optimizer=Adam(model.parameters(), lr=0.05),
                 epochs=300, mode="batch", l2=1e-4, callback=lambda e, h: h.accuracy[-1] == 1.0)
print(f"after {len(history)} epochs: hinge loss {history.initial_loss:.3f} -> "
      f"{history.loss[-1]:.3f}, training accuracy {history.accuracy[-1]:.1%} "
      "(class = sign of the output)")

# The plane as text: background by the sign of the output, the points on top.
cols, rows = 60, 21
cells = [["#" if s > 0 else "." for s in model.predict(
    [[-1 + 2 * i / (cols - 1), 0.75 - 1.5 * j / (rows - 1)] for i in range(cols)], output=0)]
    for j in range(rows)]
for (a, b), label in zip(X, y, strict=True):
    i, j = round((a + 1) * (cols - 1) / 2), round((0.75 - b) * (rows - 1) / 1.5)
    if 0 <= j < rows:
        cells[j][i] = "B" if label else "R"
print("output > 0 as '#', < 0 as '.'; blue points B (label 1), red points R (label 0):")
print("\n".join("  " + "".join(row) for row in cells))
