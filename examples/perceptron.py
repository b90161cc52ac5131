"""000 section 3.1: one sigmoid perceptron learns to separate red from blue points.

The perceptron h(x) = sigma(w_0 + w_1 in_x + w_2 in_y) is trained by batch gradient
descent on E = sum_i (h(x_i) - y_i)^2 with eta = 0.1, i.e. the seed's update
w := w - 0.2 sum_i (h(x_i) - y_i) h(x_i) (1 - h(x_i)) x_i, until every training
point is on the right side of the line h = 0.5.

Run: python examples/perceptron.py
"""

import math

import nn
from nn import datasets

X, y = datasets.linear(60, seed=1)  # normalised in_x, in_y in [-1, 1]; a line separates them
p = nn.Perceptron(2, activation="sigmoid", seed=0)
print(f"{len(X)} points ({y.count(0)} red, {y.count(1)} blue), separable by a line")
print("initial weights w_0, w_1, w_2 =", ", ".join(f"{w.data:+.4f}" for w in p.w))

# The first update, by the seed's formula, to compare with the engine's step below.
w = [v.data for v in p.w]
expected = list(w)
for (a1, a2), t in zip(X, y, strict=True):
    h = 1 / (1 + math.exp(-(w[0] + w[1] * a1 + w[2] * a2)))
    for j, a in enumerate((1.0, a1, a2)):
        expected[j] -= 0.2 * (h - t) * h * (1 - h) * a
nn.fit(p, X, y, lr=0.1, epochs=1, mode="batch", progress=False)
gap = max(abs(v.data - e) for v, e in zip(p.w, expected, strict=True))
print(f"epoch 1: engine step vs 000's formula, largest difference {gap:.1e}")

history = nn.fit(p, X, y, lr=0.1, epochs=2000, mode="batch", progress=False,
                 callback=lambda epoch, h: h.accuracy[-1] == 1.0)
epochs = 1 + len(history)
print(f"100% training accuracy after {epochs} epochs: "
      f"E = {history.loss[-1]:.3f}, accuracy = {history.accuracy[-1]:.0%}")
w0, w1, w2 = (v.data for v in p.w)
print(f"learned weights w_0, w_1, w_2 = {w0:+.3f}, {w1:+.3f}, {w2:+.3f}")
print(f"decision line h = 0.5:  {w0:+.3f} {w1:+.3f} in_x {w2:+.3f} in_y = 0")
