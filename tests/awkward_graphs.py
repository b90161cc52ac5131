"""Random graphs with the awkward cases in, for the tests that hold every gradient path to
the others (tests/autograd/test_paths.py, test_paths_backends.py).

The graphs are drawn with: every op of the table, constants on either side, one-input
ops on constants (nodes that are constants themselves), relu and abs at exactly 0,
x ** 0, nan among the numbers, shared sub-expressions, several outputs, outputs that
depend on parameters alone (or are a parameter, an input, a constant).
"""

import math

from hypothesis import strategies as st

from autograd import Constant, Value
from autograd.ops import TABLE

UNARY = sorted(name for name, op in TABLE.items() if op.arity == 1)
BINARY = sorted(name for name, op in TABLE.items() if op.arity == 2)
EDGES = [0.0, 0.0, 1.0, -1.0, 0.5, -2.0, math.nan]
numbers = st.one_of(st.sampled_from(EDGES), st.floats(-3, 3, allow_nan=False).filter(
    lambda v: abs(v) > 1e-3))  # a tiny w makes w / w a difference of 1e96s: no path is exact


OPS = {
    "+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
    "/": lambda x, y: x / y, "**": lambda x, y: x ** y, "neg": lambda x: -x,
    "abs": lambda x: abs(x), "logaddexp": lambda x, y: x.logaddexp(y),
}


def apply(name, *args):
    """The table's op ``name`` through the operators and methods a user calls."""
    return OPS[name](*args) if name in OPS else getattr(args[0], name)()


@st.composite
def graphs(draw):
    """(n_inputs, parameter values, rows of inputs, steps, outputs, grad_outputs)."""
    n_in = draw(st.integers(0, 3))
    params = draw(st.lists(numbers, min_size=1, max_size=3))
    rows = draw(st.lists(st.lists(numbers, min_size=n_in, max_size=n_in), min_size=1,
                         max_size=5))
    n = n_in + len(params)
    steps = []
    for k in range(draw(st.integers(1, 10))):
        def operand(available=n + k):
            if draw(st.integers(0, 4)) == 0:  # a plain number, lifted to a Constant
                return ("c", draw(st.sampled_from([0.0, 1.0, 2.0, -0.5, 3.0, math.nan])))
            return ("n", draw(st.integers(0, available - 1)))
        if draw(st.booleans()):
            steps.append((draw(st.sampled_from(UNARY)), operand()))
        else:
            steps.append((draw(st.sampled_from(BINARY)), operand(), operand()))
    total = n + len(steps)
    outputs = draw(st.lists(st.integers(0, total - 1), min_size=1, max_size=3))
    grad_outputs = draw(st.lists(st.lists(st.floats(-2, 2), min_size=len(outputs),
                                   max_size=len(outputs)), min_size=len(rows),
                          max_size=len(rows)))
    return n_in, params, rows, steps, outputs, grad_outputs


def build(leaves, steps, outputs):
    """The outputs of the recipe on these leaves; a number operand stays a number (lifted to
    a Constant by the op), except in first place, where it is a Constant itself."""
    nodes = list(leaves)
    for name, *operands in steps:
        args = [v if kind == "c" else nodes[v] for kind, v in operands]
        if not isinstance(args[0], Value):
            args[0] = Constant(args[0])
        nodes.append(apply(name, *args))
    return [nodes[k] for k in outputs]


def close(a, b, scale):
    """Equal within 1e-9 of the scale, or the same inf, or both nan."""
    return a == b or (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, scale)
