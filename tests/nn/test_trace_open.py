"""model.trace(x, target, open=[...]): an opened perceptron's operations and their gradients.

Checked against closed forms: with softmax cross-entropy on linear outputs,
dE/dz_k = dE/ds_k = p_k - [k = t]; every product's gradient is dE/ds_j (d s_j / d p_i = 1)
and the products add up to s_j.
"""

import math

import pytest

import autograd
import nn
from autograd import no_grad
from nn.forward import compile_plan, read_inputs
from nn.trace import record_pass


def test_every_output_shows_the_shared_loss_with_softmax_gradients():
    model = nn.MLP(2, [3, 3], activation="tanh", output_activation="linear", seed=0)
    trace = model.trace([0.5, -0.2], 1, loss="cross_entropy", open=["2.1", "2.3", "1.2"])
    s = [trace.s[f"2.{k}"] for k in (1, 2, 3)]
    p = [math.exp(v) / sum(math.exp(u) for u in s) for v in s]
    for k, name in ((0, "2.1"), (2, "2.3")):
        *products, total, z, loss = trace.operations[name]
        assert [op.kind for op in (total, z, loss)] == ["sum", "activation", "loss"]
        assert loss.value == pytest.approx(-math.log(p[1])) and loss.grad == 1.0
        assert z.grad == pytest.approx(p[k] - (k == 1))
        assert total.grad == pytest.approx(p[k] - (k == 1))
        assert sum(op.value for op in products) == pytest.approx(total.value)
        assert all(op.grad == pytest.approx(total.grad) for op in products)
        assert [op.source for op in products] == [None, "1.1", "1.2", "1.3"]
    hidden = trace.operations["1.2"]
    assert [op.kind for op in hidden][-1] == "activation"  # no loss on a hidden one
    assert hidden[-1].grad == pytest.approx(trace.delta["1.2"] / (1 - hidden[-1].value ** 2))
    assert hidden[-2].grad == pytest.approx(trace.delta["1.2"])  # tanh' = 1 - z^2


def test_a_sample_without_target_keeps_values_only():
    model = nn.tutorial_network(seed=0)
    ops = model.trace([0.5, -0.2], open=["6"]).operations["6"]
    assert [op.kind for op in ops] == ["product"] * 6 + ["sum", "activation"]
    assert all(op.grad is None for op in ops)
    assert ops[-1].value == pytest.approx(model([0.5, -0.2]).data)


def test_bad_names_and_no_graph_are_refused():
    model = nn.tutorial_network(seed=0)
    with pytest.raises(ValueError, match="its perceptrons are 1, 2, 3, 4, 5, 6"):
        model.trace([0.5, -0.2], open=["in_x"])
    with pytest.raises(ValueError, match="open must list perceptrons"):
        model.trace([0.5, -0.2], open="6")
    with no_grad(), pytest.raises(RuntimeError, match="outside autograd.no_grad"):
        model.trace([0.5, -0.2], 1.0, open=["6"])


def test_operations_without_a_graph_have_their_values():
    # the forward pass hands over each product w_{i->j} z_i by itself, so the opened
    # operations need no recorded graph to be found (only their gradients need one)
    model = nn.tutorial_network(seed=0)
    with no_grad():
        quiet = model.trace([0.5, -0.2], open=["6"]).operations["6"]
    recorded = model.trace([0.5, -0.2], open=["6"]).operations["6"]
    assert [op.value for op in quiet] == [op.value for op in recorded]
    assert [op.source for op in quiet] == [None, "1", "2", "3", "4", "5", None, None]


def test_record_pass_names_every_node_of_the_sum():
    # s_j = w_0 + sum_i w_{i->j} z_i with each product a node of its own, by source name,
    # and d s_j / d(w_{i->j} z_i) = 1: the gradient of each product is delta_j
    model = nn.tutorial_network(seed=3)
    units = model.units()
    plan = compile_plan(model.input_names, units, model.output_names)
    nodes = record_pass(plan, read_inputs(model.input_names, [0.4, -0.7], "test"), 1.0)
    trace = model.trace([0.4, -0.7], 1.0)
    for unit in units:
        j, products = unit.name, nodes.products[unit.name]
        assert list(products) == list(unit.sources)
        for i, w in unit.weights:
            assert products[i].data == w.data * nodes.z[i].data
        assert nodes.s[j].data == pytest.approx(
            unit.bias.data + sum(p.data for p in products.values()), rel=1e-15)
        assert nodes.z[j].data == trace.z[j] and nodes.s[j].label == f"s_{j}"
        grads = autograd.grad(nodes.E, list(products.values()))
        assert grads == pytest.approx([trace.delta[j]] * len(products), rel=1e-12)
    assert nodes.outputs == ["6"] and nodes.E.data == trace.loss and nodes.E.label == "E"
