"""JAX as a peer: each workload's whole step under ``jax.jit``, single-threaded, in float64.

XLA runs on one thread (``--xla_cpu_multi_thread_eigen=false
intra_op_parallelism_threads=1``, set before JAX is imported) with ``jax_enable_x64``, as
the other engines do.  The warm-up call (``measure``'s first, dropped) traces and
compiles; every timed call waits for its result (``block_until_ready``).

- W2: the 2-5-1 network's sequential epoch as one ``lax.scan`` over the 200 examples,
  each a ``value_and_grad`` of (h(x) - y)^2 and the step w := w - eta dE/dw;
- W5: the grid's forward pass from the same list of 10,000 rows, back to a list;
- W6: W1's whole training step (hinge loss, L2 1e-4, SGD) as one jitted function;
- W7: the DAG's forward pass and the gradient of the outputs' sum over its weights.
"""

import os

os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false"
                           " intra_op_parallelism_threads=1").strip()

import jax  # noqa: E402  (after XLA_FLAGS)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

from benchmarks import data  # noqa: E402
from benchmarks.timing import measure  # noqa: E402

jax.config.update("jax_enable_x64", True)


def tutorial_params() -> tuple:
    """The 2-5-1 network's shared weights as (W1, b1, w2, b2)."""
    hidden, output = data.tutorial_weights()
    return (jnp.array([row[1:] for row in hidden]), jnp.array([row[0] for row in hidden]),
            jnp.array(output[1:]), jnp.array(output[0]))


def tutorial_forward(params: tuple, x: jax.Array) -> jax.Array:
    """h(x) = sigma(w2 . sigma(W1 x + b1) + b2)."""
    W1, b1, w2, b2 = params
    return jax.nn.sigmoid(jax.nn.sigmoid(x @ W1.T + b1) @ w2 + b2)


def w2(repeat: int) -> dict:
    """W2: one epoch of sequential SGD as one lax.scan."""
    X, y = data.xor_points()
    inputs, labels = jnp.array(X), jnp.array(y, dtype=jnp.float64)
    loss = jax.value_and_grad(lambda p, x, t: (tutorial_forward(p, x) - t) ** 2)

    @jax.jit
    def epoch(params: tuple) -> tuple:
        def step(p: tuple, sample: tuple) -> tuple:
            E, g = loss(p, *sample)
            return jax.tree_util.tree_map(lambda w, d: w - 0.5 * d, p, g), E

        return jax.lax.scan(step, params, (inputs, labels))[0]

    state = [tutorial_params()]

    def run(_: int) -> None:
        state[0] = jax.block_until_ready(epoch(state[0]))

    return {"seconds": measure(run, repeat)}


def w5(repeat: int) -> dict:
    """W5: the grid's forward pass from a list of rows, back to a list."""
    points, params = data.grid(), tutorial_params()
    forward = jax.jit(tutorial_forward)

    def run(_: int) -> None:  # NumPy reads the list 100 times faster than jnp.asarray
        forward(params, jnp.asarray(np.asarray(points))).block_until_ready().tolist()

    return {"seconds": measure(run, repeat)}


def w6(repeat: int) -> dict:
    """W1's training step, jitted whole: hinge loss, L2 term, gradients and SGD."""
    X, y = data.moons_pm1()
    inputs, labels = jnp.array(X), jnp.array(y)
    key = jax.random.PRNGKey(1337)
    sizes = [2, 16, 16, 1]
    params = []
    for n_in, n_out in zip(sizes, sizes[1:], strict=False):
        key, sub = jax.random.split(key)
        params.append((jax.random.uniform(sub, (n_in, n_out), minval=-1, maxval=1),
                       jnp.zeros(n_out)))

    def objective(p: list) -> jax.Array:
        z = inputs
        for k, (W, b) in enumerate(p):
            z = z @ W + b
            z = jax.nn.relu(z) if k < len(p) - 1 else z
        penalty = sum((W * W).sum() + (b * b).sum() for W, b in p)
        return jax.nn.relu(1 - labels * z[:, 0]).mean() + 1e-4 * penalty

    @jax.jit
    def step(p: list) -> tuple:
        E, g = jax.value_and_grad(objective)(p)
        return jax.tree_util.tree_map(lambda w, d: w - 0.05 * d, p, g), E

    state = [params]

    def run(_: int) -> None:
        state[0] = jax.block_until_ready(step(state[0])[0])

    return {"seconds": measure(run, repeat)}


def w7(repeat: int) -> dict:
    """W7: the DAG's outputs and the gradient of their sum over every perceptron's row."""
    perceptrons, weights, X = data.dag()
    rows = [jnp.array(row) for row in weights]
    inputs = jnp.array(X)
    read = {src for _, sources in perceptrons for src in sources}

    def total(ws: list) -> jax.Array:
        z = {f"x{i}": inputs[:, i] for i in range(data.DAG_INPUTS)}
        for (name, sources), w in zip(perceptrons, ws, strict=True):
            z[name] = jnp.tanh(jnp.stack([z[s] for s in sources], 1) @ w[1:] + w[0])
        return sum(z[name].sum() for name, _ in perceptrons if name not in read)

    both = jax.jit(jax.value_and_grad(total))

    def run(_: int) -> None:
        jax.block_until_ready(both(rows))

    return {"seconds": measure(run, repeat)}


WORKLOADS = {"W2": w2, "W5": w5, "W6": w6, "W7": w7}
