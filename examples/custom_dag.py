"""A network that is not a stack of layers: skip links, built from an edge list in any order.

000 section 4 allows "a completely unrestricted feed-forward structure"; here two
hidden perceptrons read the inputs, a third reads the inputs and one of them, and
the output reads everything, inputs included (skip links).  The network is trained
on the xor points, then one sample is traced: s_j, z_j and delta_j = dE/ds_j per node.

Run: python examples/custom_dag.py
"""

import time

from nn import Network, datasets, fit

EDGES = [  # deliberately shuffled: from_edges takes links in any order
    ("h3", "out"), ("x", "h1"), ("h1", "h3"), ("y", "out"), ("x", "h2"), ("h2", "out"),
    ("y", "h1"), ("x", "h3"), ("h1", "out"), ("y", "h2"), ("x", "out"), ("y", "h3"),
]

net = Network.from_edges(["x", "y"], EDGES, activation={"h3": "tanh"}, seed=1)
print(net)
print("units in evaluation order (layer = 1 + deepest perceptron source):")
for unit in net.units():
    sources = ", ".join(src for src, _ in unit.weights)
    print(f"  {unit.name:>3}  layer {unit.layer}  {unit.activation:<7}  reads {sources}")
print(f"{len(net.parameters())} weights, e.g. the skip link w_(x->out) = "
      f"{net.weight('x', 'out').data:+.4f}")

X, y = datasets.xor(100, seed=0)
start = time.perf_counter()
history = fit(net, X, y, lr=0.5, epochs=300, mode="sequential", seed=0, progress=False)
print(f"\ntrained on xor (100 points, sequential, eta = 0.5, {len(history)} epochs) in "
      f"{time.perf_counter() - start:.1f} s: E = {history.loss[-1]:.3f}, "
      f"training accuracy {history.accuracy[-1]:.0%}")

sample, target = X[0], y[0]
trace = net.trace(sample, target)
assert trace.delta is not None and trace.weight_grads is not None  # a target fills both
print(f"\none traced sample x = ({sample[0]:+.2f}, {sample[1]:+.2f}), target {target}, "
      f"E = (z_out - y)^2 = {trace.loss:.4f}")
print("   node        s_j        z_j    delta_j")
for name in trace.s:
    print(f"  {name:>5}  {trace.s[name]:+9.4f}  {trace.z[name]:+9.4f}  {trace.delta[name]:+9.5f}")
grad_skip = trace.weight_grads[("x", "out")]
print(f"dE/dw_(x->out) = delta_out * z_x = {trace.delta['out']:+.5f} * {sample[0]:+.4f} "
      f"= {grad_skip:+.5f}")
