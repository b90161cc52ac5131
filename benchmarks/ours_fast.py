"""The workloads that measure the one fast path: fit's epoch (W6) and a 300-perceptron DAG (W7).

``W6`` is W1 trained the way a user trains it, ``fit(model, X, y, loss="hinge",
l2=1e-4, mode="batch")``: each epoch one step through the compiled objective and the
loss over the set.  ``W7`` is the forward and backward pass of a random DAG network
(:func:`benchmarks.data.dag`) over 100 rows, through the model's compiled program;
``replay`` runs the same program the way the previous design did, one NumPy call per
graph node, to show what level scheduling and fusion bring.
"""

import time

import autograd.batch  # noqa: F401  (NumPy imported before any program is timed)
from autograd import Value
from autograd.arrays import arrays
from autograd.compile import compile_function
from benchmarks import data
from benchmarks.ours import demo_model
from benchmarks.timing import measure
from nn import Network, fit, model_programs

EPOCHS = 100  # epochs per timed fit call (micrograd's demo trains 100 steps); time per epoch


def fit_w6(repeat: int, compiled: bool = True) -> dict:
    """W6: seconds per epoch of fit on W1's model and data (compiled program or scalar)."""
    X, y = data.moons_pm1()
    model = demo_model()
    epochs = EPOCHS if compiled else 1
    start = time.perf_counter()
    fit(model, X, y, loss="hinge", l2=1e-4, lr=0.05, epochs=1, progress=False,
        compiled=compiled)
    schedule = time.perf_counter() - start  # the first call compiles the objective
    seconds = measure(lambda _: fit(model, X, y, loss="hinge", l2=1e-4, lr=0.05,
                                    epochs=epochs, progress=False, compiled=compiled), repeat)
    return {"seconds": [s / epochs for s in seconds],
            "schedule_seconds": schedule if compiled else None}


def dag_network() -> tuple[Network, list[list[float]]]:
    """W7's network with its shared weights, and its input rows."""
    perceptrons, weights, X = data.dag()
    net = Network([f"x{i}" for i in range(data.DAG_INPUTS)], seed=0)
    for (name, sources), row in zip(perceptrons, weights, strict=True):
        net.add(name, sources, activation="tanh")
        net.bias(name).data = row[0]
        for src, w in zip(sources, row[1:], strict=True):
            net.weight(src, name).data = w
    return net, X


def dag_w7(repeat: int) -> dict:
    """W7 through the model's compiled program: outputs and the summed gradients."""
    net, X = dag_network()
    start = time.perf_counter()
    program = model_programs.forward_program(net)
    schedule = time.perf_counter() - start
    rows = model_programs.table(net.input_names, X)
    return {"seconds": measure(lambda _: program.gradients(rows), repeat),
            "nodes": program.n_nodes * len(X), "schedule_seconds": schedule,
            "groups": len(program.groups)}


def replay_w7(repeat: int) -> dict:
    """W7 replayed one NumPy call per node (the previous design), same rules, same results."""
    net, X = dag_network()
    program = compile_function(net, [Value(0.0, n) for n in net.input_names])
    columns = model_programs.table(net.input_names, X).T
    m = arrays()

    def step(_: int) -> None:
        v = program._leaves(list(columns))
        program._run(v, m)
        g = [None] * program.n_nodes
        for s in program._outs:
            g[s] = 1.0
        for _, derivatives, o, a, b in reversed(program._steps):
            if g[o] is None:
                continue
            args = (v[a],) if b < 0 else (v[a], v[b])
            for p, rule in zip((a, b), derivatives, strict=False):  # b is -1 for one input
                if program.wants_grad[p]:
                    share = rule(m, g[o], v[o], *args)
                    if not program.per_sample[p] and getattr(share, "ndim", 0):
                        share = share.sum()
                    g[p] = share if g[p] is None else g[p] + share

    return {"seconds": measure(step, repeat), "nodes": program.n_nodes * len(X)}


def scalar_w7(repeat: int) -> dict:
    """W7 on the scalar engine: each row's graph built and differentiated."""
    net, X = dag_network()

    def step(_: int) -> None:
        for x in X:
            outs = net(x)
            total = outs if not isinstance(outs, list) else sum(outs[1:], outs[0])
            total.backward()

    return {"seconds": measure(step, repeat)}


SCALAR = {"W6": lambda repeat: fit_w6(repeat, compiled=False), "W7": scalar_w7}
COMPILED = {"W6": fit_w6, "W7": dag_w7}
REPLAY = {"W7": replay_w7}
