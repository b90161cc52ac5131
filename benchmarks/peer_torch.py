"""The workloads on PyTorch: scalar by scalar (0-d tensors, like micrograd) and batched.

Both run on one CPU thread, like the scalar engines.  Module-level names:
``SCALAR`` and ``BATCHED`` map a workload to its function.
"""

import random

import torch

from benchmarks import data
from benchmarks.timing import chain, deepest_chain, measure, time_backward

torch.set_num_threads(1)
DOUBLE = torch.float64


def count_nodes(root: torch.Tensor) -> int:
    """Autograd nodes behind ``root`` (its grad_fn graph), for nanoseconds per node."""
    seen, stack = set(), [root.grad_fn]
    while stack:
        fn = stack.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        stack.extend(next_fn for next_fn, _ in fn.next_functions)
    return len(seen)


# -- scalar by scalar ------------------------------------------------------------------


def scalar(x: float) -> torch.Tensor:
    """One 0-d float64 tensor that requires a gradient: PyTorch used scalar by scalar."""
    return torch.tensor(x, dtype=DOUBLE, requires_grad=True)


def sgd(params: list[torch.Tensor], lr: float) -> None:
    """w <- w - lr dE/dw for every tensor, then its gradient cleared."""
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad = None


def scalar_w1(repeat: int) -> dict:
    """W1 with 0-d tensors: micrograd's MLP 2-16-16-1 and demo loss, scalar by scalar."""
    X, y = data.moons_pm1()
    rng = random.Random(1337)
    sizes = [2, 16, 16, 1]
    layers = [[[scalar(rng.uniform(-1, 1)) for _ in range(n_in + 1)] for _ in range(n_out)]
              for n_in, n_out in zip(sizes, sizes[1:], strict=False)]
    params = [w for layer in layers for row in layer for w in row]
    nodes = []

    def model(x: list) -> torch.Tensor:
        for k, layer in enumerate(layers):
            s = [row[0] + sum(w * a for w, a in zip(row[1:], x, strict=True)) for row in layer]
            x = s if k == len(layers) - 1 else [torch.relu(v) for v in s]
        return x[0]

    def step(k: int) -> None:
        scores = [model([torch.tensor(a, dtype=DOUBLE), torch.tensor(b, dtype=DOUBLE)])
                  for a, b in X]
        margins = [torch.relu(1 - label * s) for label, s in zip(y, scores, strict=True)]
        loss = sum(margins) * (1.0 / len(margins)) + 1e-4 * sum(p * p for p in params)
        loss.backward()
        sgd(params, 1.0 - 0.9 * k / 100)
        if not nodes:
            nodes.append(count_nodes(loss))

    return {"seconds": measure(step, repeat), "nodes": nodes[0]}


def tutorial_2_5_1() -> list[list[torch.Tensor]]:
    """The shared 2-5-1 weights as rows of 0-d tensors [w_0, w_{in_x->j}, w_{in_y->j}]."""
    hidden, output = data.tutorial_weights()
    return [[scalar(w) for w in row] for row in hidden] + [[scalar(w) for w in output]]


def tutorial_forward(rows: list[list[torch.Tensor]], x: list[float]) -> torch.Tensor:
    """h(x) of the 2-5-1 sigmoid network on 0-d tensors: z_j = sigma(s_j)."""
    a = [torch.sigmoid(w0 + w1 * x[0] + w2 * x[1]) for w0, w1, w2 in rows[:5]]
    out = rows[5]
    return torch.sigmoid(out[0] + sum(w * aj for w, aj in zip(out[1:], a, strict=True)))


def scalar_w2(repeat: int) -> dict:
    """W2 with 0-d tensors: sequential SGD on E = (h(x) - y)^2, one epoch."""
    X, y = data.xor_points()
    rows = tutorial_2_5_1()
    params = [w for row in rows for w in row]

    def epoch(_: int) -> None:
        for x, label in zip(X, y, strict=True):
            ((tutorial_forward(rows, x) - label) ** 2).backward()
            sgd(params, 0.5)

    return {"seconds": measure(epoch, repeat)}


def scalar_w3(repeat: int) -> dict:
    """W3 with 0-d tensors: the deepest chain that differentiates and its backward time."""
    result = deepest_chain(scalar)
    seconds = time_backward(lambda: chain(scalar, data.W3_COMMON_DEPTH), lambda y: y.backward(),
                            repeat)
    return {**result, "backward_depth": data.W3_COMMON_DEPTH, "backward_seconds": seconds}


def scalar_w5(repeat: int) -> dict:
    """W5 with 0-d tensors: the 2-5-1 forward pass point by point under no_grad."""
    points, rows = data.grid(), tutorial_2_5_1()

    def forward(_: int) -> None:
        with torch.no_grad():
            [tutorial_forward(rows, p).item() for p in points]

    return {"seconds": measure(forward, repeat)}


# -- batched: the same networks as tensor layers -----------------------------------------


def tutorial_layers() -> torch.nn.Sequential:
    """The 2-5-1 sigmoid network as nn.Linear layers holding the shared weights."""
    hidden, output = data.tutorial_weights()
    net = torch.nn.Sequential(torch.nn.Linear(2, 5), torch.nn.Sigmoid(),
                              torch.nn.Linear(5, 1), torch.nn.Sigmoid()).to(DOUBLE)
    with torch.no_grad():
        net[0].bias.copy_(torch.tensor([row[0] for row in hidden]))
        net[0].weight.copy_(torch.tensor([row[1:] for row in hidden]))
        net[2].bias.copy_(torch.tensor(output[:1]))
        net[2].weight.copy_(torch.tensor([output[1:]]))
    return net


def batched_w1(repeat: int) -> dict:
    """W1 on tensor layers, the whole batch at once: PyTorch's ceiling."""
    X, y = data.moons_pm1()
    torch.manual_seed(1337)
    net = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16),
                              torch.nn.ReLU(), torch.nn.Linear(16, 1)).to(DOUBLE)
    params = list(net.parameters())
    inputs, labels = torch.tensor(X, dtype=DOUBLE), torch.tensor(y, dtype=DOUBLE)

    def step(k: int) -> None:
        scores = net(inputs)[:, 0]
        loss = torch.relu(1 - labels * scores).mean() + 1e-4 * sum((p * p).sum() for p in params)
        loss.backward()
        sgd(params, 1.0 - 0.9 * k / 100)

    return {"seconds": measure(step, repeat)}


def batched_w2(repeat: int) -> dict:
    """W2 on tensor layers: sequential SGD, one example (a 1 x 2 batch) at a time."""
    X, y = data.xor_points()
    net = tutorial_layers()
    params = list(net.parameters())
    rows = [(torch.tensor([x], dtype=DOUBLE), float(label)) for x, label in zip(X, y, strict=True)]

    def epoch(_: int) -> None:
        for x, label in rows:
            ((net(x)[0, 0] - label) ** 2).backward()
            sgd(params, 0.5)

    return {"seconds": measure(epoch, repeat)}


def batched_w5(repeat: int) -> dict:
    """W5 on tensor layers: the whole grid in one forward pass."""
    net, points = tutorial_layers(), data.grid()

    def forward(_: int) -> None:
        with torch.no_grad():
            net(torch.tensor(points, dtype=DOUBLE)).numpy()

    return {"seconds": measure(forward, repeat)}


def units_w7(repeat: int) -> dict:
    """W7 unit by unit: each perceptron one small product over the batch, its sources
    stacked: s_j = [z_i]_i w_j + w_0, z_j = tanh(s_j); backward of the outputs' sum."""
    perceptrons, weights, X = data.dag()
    rows = [torch.tensor(row, dtype=DOUBLE, requires_grad=True) for row in weights]
    inputs = torch.tensor(X, dtype=DOUBLE)
    read = {src for _, sources in perceptrons for src in sources}

    def step(_: int) -> None:
        z = {f"x{i}": inputs[:, i] for i in range(data.DAG_INPUTS)}
        for (name, sources), w in zip(perceptrons, rows, strict=True):
            z[name] = torch.tanh(torch.stack([z[s] for s in sources], 1) @ w[1:] + w[0])
        sum(z[name].sum() for name, _ in perceptrons if name not in read).backward()
        for w in rows:
            w.grad = None

    return {"seconds": measure(step, repeat)}


SCALAR = {"W1": scalar_w1, "W2": scalar_w2, "W3": scalar_w3, "W5": scalar_w5}
BATCHED = {"W1": batched_w1, "W2": batched_w2, "W5": batched_w5, "W6": batched_w1}
UNITS = {"W7": units_w7}
