"""Hypothesis strategies that draw random expression DAGs for the engine's tests.

A recipe is a list of steps; step k makes node n+k from earlier nodes (inputs are
nodes 0..n-1).  Operands are drawn from all earlier nodes, so sub-expressions are
reused and the graphs are DAGs, not trees.  Every step is smooth and defined on the
whole real line (log and sqrt see 1 + x^2, exponents stay bounded), so central
differences are a fair reference at every drawn point.
"""

from hypothesis import strategies as st

UNARY = {
    "neg": lambda x: -x,
    "tanh": lambda x: x.tanh(),
    "sigmoid": lambda x: x.sigmoid(),
    "exp_tanh": lambda x: x.tanh().exp(),
    "log1p2": lambda x: (1 + x * x).log(),
    "sqrt1p2": lambda x: (1 + x * x).sqrt(),
    "square": lambda x: x**2,
    "cube": lambda x: x**3,
    "recip": lambda x: 1 / (1 + x * x),
    "scale": lambda x: 0.5 * x - 0.25,
}
BINARY = {
    "add": lambda x, y: x + y,
    "sub": lambda x, y: x - y,
    "mul": lambda x, y: x * y,
    "div": lambda x, y: x / (1 + y * y),
    "pow": lambda x, y: (1 + x * x) ** y.tanh(),
    "rsub": lambda x, y: 2.0 - x * y,
}

finite = st.floats(min_value=-2.0, max_value=2.0, allow_nan=False)


@st.composite
def recipes(draw, max_inputs=3, max_steps=8):
    """(point, steps): input values and the steps that build the DAG."""
    n = draw(st.integers(1, max_inputs))
    point = draw(st.lists(finite, min_size=n, max_size=n))
    steps = []
    for k in range(draw(st.integers(1, max_steps))):
        available = n + k
        if draw(st.booleans()):
            name = draw(st.sampled_from(sorted(UNARY)))
            steps.append((name, draw(st.integers(0, available - 1))))
        else:
            steps.append((
                draw(st.sampled_from(sorted(BINARY))),
                draw(st.integers(0, available - 1)),
                draw(st.integers(0, available - 1)),
            ))
    return point, steps


def build(steps):
    """The function of the inputs that the recipe describes; its output sums the last
    two nodes, so both a deep path and a reused node reach the output."""

    def fn(*xs):
        nodes = list(xs)
        for name, *operands in steps:
            rule = UNARY.get(name) or BINARY[name]
            nodes.append(rule(*(nodes[i] for i in operands)))
        return nodes[-1] + nodes[-2] if len(nodes) > 1 else nodes[-1] * 1.0

    return fn
