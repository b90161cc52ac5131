"""The engine on one expression: forward values, every node's gradient, higher order.

Run: python examples/engine.py
"""

from autograd import Value, grad, gradcheck, topological_order

# A perceptron's output, z = sigma(w0 * 1 + w1 * a1 + w2 * a2), as the seed writes it.
w0, w1, w2 = Value(0.1, "w0"), Value(-0.4, "w1"), Value(0.7, "w2")
a1, a2 = Value(0.5, "a1"), Value(-1.0, "a2")
s = w0 + w1 * a1 + w2 * a2
s.label = "s"
z = s.sigmoid()
z.label = "z"
z.backward()

print(f"forward:  s = {s.data:.6f}, z = sigma(s) = {z.data:.6f}")
print("backward: every node of the graph, in the order the reverse pass visits it")
for node in reversed(topological_order(z)):
    name = node.label or (node.op.name if node.op else "const")
    print(f"  {name:>8}  data = {node.data:+.6f}   dz/d{name} = {node.grad:+.6f}")

# The seed's closed form: dz/dw_j = sigma(s) (1 - sigma(s)) a_j, with a_0 = 1.
for w, a in ((w0, 1.0), (w1, a1.data), (w2, a2.data)):
    print(f"  check {w.label}: engine {w.grad:+.6f}  formula {z.data * (1 - z.data) * a:+.6f}")

# Higher order: each derivative is itself a graph that can be differentiated again.
x = Value(0.5, "x")
d = x.sigmoid()
for order in range(1, 5):
    (d,) = grad(d, [x], create_graph=True)
    print(f"  d^{order}/dx^{order} sigma(x) at x = 0.5: {d.data:+.6f}")

print("gradcheck against central differences:",
      gradcheck(lambda a, b: (a * b + a.tanh()).sigmoid() / b, [0.3, -1.2]))
