"""The workloads on micrograd 0.1.0, written with its own Value, MLP and demo loss.

micrograd has no sigmoid, so the tutorial's 2-5-1 network (W2, W5) uses a sigmoid node added the
way micrograd adds every op: a Value whose _backward closure applies z (1 - z).
"""

import random
import sys
import threading

from micrograd.engine import Value
from micrograd.nn import MLP

from autograd.ops import FLOATS
from benchmarks import data
from benchmarks.timing import bytes_per_node, chain, deepest_chain, measure, time_backward


def count_nodes(root: Value) -> int:
    """Nodes behind ``root`` in micrograd's graph (its _prev links)."""
    seen, stack = {id(root)}, [root]
    while stack:
        for child in stack.pop()._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def w1(repeat: int) -> dict:
    """W1 on micrograd: its demo step (MLP 2-16-16-1, max-margin + L2, SGD)."""
    X, y = data.moons_pm1()
    random.seed(1337)
    model = MLP(2, [16, 16, 1])
    nodes = []

    def step(k: int) -> None:
        scores = [model([Value(a), Value(b)]) for a, b in X]
        margins = [(1 + -label * score).relu() for label, score in zip(y, scores, strict=True)]
        loss = sum(margins) * (1.0 / len(margins)) + 1e-4 * sum(p * p for p in model.parameters())
        model.zero_grad()
        loss.backward()
        lr = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= lr * p.grad
        if not nodes:
            nodes.append(count_nodes(loss))

    return {"seconds": measure(step, repeat), "nodes": nodes[0]}


def sigmoid(x: Value) -> Value:
    """sigma(x) as a micrograd node: a _backward closure adds z (1 - z) out.grad."""
    z = FLOATS.sigmoid(x.data)
    out = Value(z, (x,), "sigmoid")

    def _backward() -> None:
        x.grad += z * (1 - z) * out.grad

    out._backward = _backward
    return out


class Tutorial251:
    """The tutorial's 2-5-1 sigmoid network (section 3) on micrograd Values."""

    def __init__(self) -> None:
        hidden, output = data.tutorial_weights()
        self.hidden = [[Value(w) for w in row] for row in hidden]
        self.output = [Value(w) for w in output]

    def parameters(self) -> list[Value]:
        return [w for row in self.hidden for w in row] + self.output

    def __call__(self, x: list[float]) -> Value:
        a = [sigmoid(w0 + w1 * x[0] + w2 * x[1]) for w0, w1, w2 in self.hidden]
        s = self.output[0]
        for w, aj in zip(self.output[1:], a, strict=True):
            s = s + w * aj
        return sigmoid(s)


def w2(repeat: int) -> dict:
    """W2 on micrograd: one epoch of sequential SGD on E = (h(x) - y)^2."""
    X, y = data.xor_points()
    net = Tutorial251()
    params = net.parameters()

    def epoch(_: int) -> None:
        for x, label in zip(X, y, strict=True):
            loss = (net(x) - label) ** 2
            for p in params:
                p.grad = 0
            loss.backward()
            for p in params:
                p.data -= 0.5 * p.grad

    return {"seconds": measure(epoch, repeat)}


def w3(repeat: int) -> dict:
    """W3 on micrograd: the deepest chain it differentiates, then backward times at depth
    W3_COMMON_DEPTH with the recursion limit raised."""
    result = deepest_chain(Value)
    # Backward per node with the recursion limit raised (and a big thread stack for it).
    sys.setrecursionlimit(10 * data.W3_COMMON_DEPTH)
    threading.stack_size(512 * 1024 * 1024)
    out: dict = {}

    def run() -> None:
        out["seconds"] = time_backward(lambda: chain(Value, data.W3_COMMON_DEPTH),
                                       lambda y: y.backward(), repeat)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    result.update(backward_depth=data.W3_COMMON_DEPTH, backward_seconds=out["seconds"],
                  note="backward timed with sys.setrecursionlimit raised")
    return result


def w4(_: int) -> dict:
    """W4 on micrograd: bytes per node of a W4_NODES-node chain."""
    return bytes_per_node(lambda: chain(Value, data.W4_NODES), count_nodes)


def w5(repeat: int) -> dict:
    """W5 on micrograd: the grid point by point."""
    points, net = data.grid(), Tutorial251()
    return {"seconds": measure(lambda _: [net(p).data for p in points], repeat)}


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "W5": w5}
