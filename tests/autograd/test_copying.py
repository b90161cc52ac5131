"""Copying and pickling Values, op nodes, ops and compiled programs (autograd.pickling)."""

import copy
import math
import pickle

import pytest

from autograd import TABLE, Value, compile, grad, topological_order


def pickled(x):
    return pickle.loads(pickle.dumps(x))


def leaf_named(root, label):
    return next(v for v in topological_order(root) if v.label == label)


@pytest.mark.parametrize("clone", [copy.deepcopy, pickled], ids=["deepcopy", "pickle"])
def test_an_op_node_copies_with_its_graph_and_its_derivatives(clone):
    # the audit: pickling any op node said "Can't pickle <lambda>"
    x = Value(1.5, label="x")
    y = (x * x).sin() + x  # dy/dx = 2x cos(x^2) + 1
    z = clone(y)
    assert z is not y and z.data == y.data and z.op is TABLE["+"]
    x2 = leaf_named(z, "x")
    assert x2 is not x and x2.data == 1.5
    assert grad(z, [x2]) == pytest.approx([2 * 1.5 * math.cos(2.25) + 1])
    z.backward()
    assert x2.grad != 0.0 and x.grad == 0.0  # the copy's leaves are its own


@pytest.mark.parametrize("clone", [copy.deepcopy, pickled], ids=["deepcopy", "pickle"])
def test_a_chain_of_a_hundred_thousand_nodes_copies_without_recursion(clone):
    v = Value(0.5, label="x")
    for _ in range(100_000):
        v = v * 1.0 + 0.0
    w = clone(v)
    assert w.data == v.data and len(topological_order(w)) == len(topological_order(v))


def test_sharing_is_kept():
    x = Value(2.0, label="x")
    shared = x * x
    y = shared + shared
    for clone in (copy.deepcopy, pickled):
        x2, y2 = clone([x, y])
        assert y2.parents[0] is y2.parents[1]  # one node, copied once
        assert y2.parents[0].parents[0] is x2  # the leaf copied with the list is the graph's
    with_memo = copy.deepcopy([y, shared])
    assert with_memo[0].parents[0] is with_memo[1]


def test_ops_constants_and_recorded_data_survive():
    assert pickled(TABLE["sin"]) is TABLE["sin"] and copy.deepcopy(TABLE["**"]) is TABLE["**"]
    x = Value(3.0, label="x")
    y = x ** 2 + 1
    x.data = 5.0  # a graph records one evaluation: the copy keeps y = 10
    z = pickled(y)
    assert z.data == 10.0
    assert z.parents[1].__class__.__name__ == "Constant"
    assert copy.copy(y).parents == y.parents  # a shallow copy shares the parents


@pytest.mark.parametrize("clone", [copy.deepcopy, pickled], ids=["deepcopy", "pickle"])
def test_a_compiled_program_copies_and_runs_on_its_own_parameters(clone):
    np = pytest.importorskip("numpy")
    x, w = Value(0.0, label="x"), Value(2.0, label="w")
    program = compile((w * x).tanh(), [x])
    again = clone(program)
    assert type(again) is type(program)
    X = np.array([[0.1], [-0.4]])
    np.testing.assert_allclose(again(X), program(X), rtol=1e-12)  # C and NumPy: last bits
    again.parameters[0].data = 0.0  # its own leaf, not w
    assert w.data == 2.0 and not again(X).any()
