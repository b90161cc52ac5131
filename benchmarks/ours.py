"""The workloads on this project: nn's models on the scalar engine, and compiled.

``SCALAR`` uses the engine node by node (what ``loss.backward()`` does);
``COMPILED`` goes through the compiled programs (``autograd.compile``) the way ``fit``
and ``Module.predict`` do when NumPy is installed.
"""

import time

import autograd.batch  # noqa: F401  (NumPy imported before any program is timed)
from autograd import Value, no_grad, topological_order
from benchmarks import data
from benchmarks.timing import bytes_per_node, chain, deepest_chain, measure, time_backward
from nn import MLP, Network, losses, model_programs, tutorial_network
from nn.objective import Objective
from nn.optim import SGD
from nn.stepper import Stepper


def demo_model() -> MLP:
    """micrograd's demo network on nn: MLP 2-16-16-1, relu hidden, linear output."""
    return MLP(2, [16, 16, 1], activation="relu", output_activation="linear", seed=1337)


def w1(repeat: int) -> dict:
    """W1 on the scalar engine: forward, E.backward() and an SGD step per call."""
    X, y = data.moons_pm1()
    model = demo_model()
    params = model.parameters()
    optimizer = SGD(params, lr=1.0)
    nodes = []

    def step(k: int) -> None:
        E = losses.hinge([model(x) for x in X], y) + losses.l2_penalty(params, 1e-4)
        optimizer.zero_grad()
        E.backward()
        optimizer.lr = 1.0 - 0.9 * k / 100
        optimizer.step()
        if not nodes:
            nodes.append(len(topological_order(E)))

    return {"seconds": measure(step, repeat), "nodes": nodes[0]}


def compiled_w1(repeat: int) -> dict:
    """W1 through the compiled objective (nn.objective, what fit(mode="batch") steps with):
    loss, L2 term and their gradients for the whole batch in one replay."""
    X, y = data.moons_pm1()
    model = demo_model()
    params = model.parameters()
    optimizer = SGD(params, lr=1.0)
    start = time.perf_counter()
    goal = Objective(model, losses.hinge, 1e-4, params, X, y, compiled=True)
    schedule = time.perf_counter() - start
    rows = list(range(len(X)))

    def step(k: int) -> None:
        optimizer.zero_grad()
        goal.backward(rows)
        optimizer.lr = 1.0 - 0.9 * k / 100
        optimizer.step()

    nodes = goal.program.n_nodes * len(X)  # node evaluations per step
    return {"seconds": measure(step, repeat), "nodes": nodes, "schedule_seconds": schedule}


def tutorial_2_5_1() -> Network:
    """nn.tutorial_network with the weights every engine shares (data.tutorial_weights)."""
    hidden, output = data.tutorial_weights()
    net = tutorial_network(seed=0)
    for j, (w0, wx, wy) in enumerate(hidden, start=1):
        net.bias(str(j)).data = w0
        net.weight("in_x", str(j)).data = wx
        net.weight("in_y", str(j)).data = wy
    net.bias("6").data = output[0]
    for j, w in enumerate(output[1:], start=1):
        net.weight(str(j), "6").data = w
    return net


def w2(repeat: int) -> dict:
    """W2 on the scalar engine: one epoch of sequential SGD on E = (h(x) - y)^2."""
    X, y = data.xor_points()
    net = tutorial_2_5_1()
    optimizer = SGD(net.parameters(), lr=0.5)

    def epoch(_: int) -> None:
        for x, label in zip(X, y, strict=True):
            E = losses.squared_error(net(x), label)
            optimizer.zero_grad()
            E.backward()
            optimizer.step()

    return {"seconds": measure(epoch, repeat)}


def compiled_w2(repeat: int) -> dict:
    """W2 through the compiled objective replayed on floats, as fit(mode="sequential") does:
    one program for every example and target, the scalar engine's gradients bit for bit."""
    X, y = data.xor_points()
    net = tutorial_2_5_1()
    start = time.perf_counter()
    goal = Objective(net, losses.squared_error, 0.0, net.parameters(), X, y, compiled=True)
    schedule = time.perf_counter() - start
    stepper = Stepper(goal, SGD(net.parameters(), lr=0.5), "sequential", shuffle=False)
    return {"seconds": measure(lambda _: stepper.epoch(), repeat), "schedule_seconds": schedule}


def w3(repeat: int) -> dict:
    """W3 on the scalar engine: the deepest chain that differentiates and backward times."""
    result = deepest_chain(Value)
    seconds = time_backward(lambda: chain(Value, data.W3_COMMON_DEPTH), Value.backward, repeat)
    deepest_seconds = time_backward(lambda: chain(Value, result["max_depth"]), Value.backward,
                                    min(repeat, 3))
    return {**result, "backward_depth": data.W3_COMMON_DEPTH, "backward_seconds": seconds,
            "deepest_seconds": deepest_seconds}


def w4(_: int) -> dict:
    """W4 on the scalar engine: bytes per node of a W4_NODES-node chain."""
    return bytes_per_node(lambda: chain(Value, data.W4_NODES), lambda y: len(topological_order(y)))


def w5(repeat: int) -> dict:
    """W5 on the scalar engine: the grid point by point under no_grad."""
    points, net = data.grid(), tutorial_2_5_1()

    def forward(_: int) -> None:
        with no_grad():
            [net(p).data for p in points]

    return {"seconds": measure(forward, repeat)}


def compiled_w5(repeat: int) -> dict:
    """W5 through a compiled program: net.predict over the whole grid."""
    points, net = data.grid(), tutorial_2_5_1()
    start = time.perf_counter()
    model_programs.forward_program(net)  # what the first predict builds, and the model keeps
    schedule = time.perf_counter() - start
    return {"seconds": measure(lambda _: net.predict(points), repeat),
            "schedule_seconds": schedule}


SCALAR = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "W5": w5}
COMPILED = {"W1": compiled_w1, "W2": compiled_w2, "W5": compiled_w5}
