"""The hand-written float loop: W2 as a person would write it in plain Python, no engine.

The tutorial's 2-5-1 sigmoid network (section 3) on E = (h(x) - y)^2, sequential SGD with eta = 0.5,
the forward pass s_j = w_0 + sum_i w_{i->j} z_i, z_j = sigma(s_j), the deltas
delta_o = 2 (z_o - y) z_o (1 - z_o) and delta_j = z_j (1 - z_j) w_{j->o} delta_o, and
the update w := w - eta delta_j z_i, all on floats in lists: the floor that generated
Python code can hope to reach.
"""

import math

from benchmarks import data
from benchmarks.timing import measure


def w2(repeat: int) -> dict:
    """W2 by hand: one epoch of sequential SGD on plain floats."""
    X, y = data.xor_points()
    hidden, output = data.tutorial_weights()
    hidden = [row[:] for row in hidden]
    output = output[:]
    eta, exp = 0.5, math.exp

    def epoch(_: int) -> None:
        for (x0, x1), t in zip(X, y, strict=True):
            z = [1.0 / (1.0 + exp(-(w0 + wa * x0 + wb * x1))) for w0, wa, wb in hidden]
            s = output[0] + sum(w * zj for w, zj in zip(output[1:], z, strict=True))
            h = 1.0 / (1.0 + exp(-s))
            delta = 2.0 * (h - t) * h * (1.0 - h)
            for j, zj in enumerate(z):
                d = zj * (1.0 - zj) * output[j + 1] * delta
                row = hidden[j]
                row[0] -= eta * d
                row[1] -= eta * d * x0
                row[2] -= eta * d * x1
                output[j + 1] -= eta * delta * zj
            output[0] -= eta * delta

    return {"seconds": measure(epoch, repeat)}


WORKLOADS = {"W2": w2}
