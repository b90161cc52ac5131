"""The expression lab's API, POST /api/expression, on a real server: values, derivatives of
every order, the steps of each pass, the formulas, the plot and the names of the nodes.

Derivatives are checked against closed forms (x^3, tanh) and central differences of the
order below; the steps against autograd.explain run here on graphs built here with
autograd.grad(create_graph=True); the plot against the expression evaluated here point by
point.  Refusals are in test_playground_expression_refusals.py, the static site's handler
in test_playground_expression_handler.py.
"""

import math
import re

import pytest
from playground_client import post_expression as post

import autograd
from viz import expr
from viz.playground.explain.formula import evaluate


def built(text, at, wrt, order):
    """f and its derivatives of orders 1..order, by autograd.grad here."""
    graphs = [expr.evaluate(text, at)]
    x = next(n for n in autograd.topological_order(graphs[0]) if n.label == wrt)
    for _ in range(order):
        graphs.append(autograd.grad(graphs[-1], [x], create_graph=True)[0])
    return graphs


def test_x_cubed_at_3_gives_27_and_the_derivatives_27_18_6(port):
    status, answer = post(port, {"text": "x * x * x", "at": {"x": 3}, "wrt": "x", "order": 3})
    assert status == 200, answer
    assert answer["value"] == 27 and answer["derivatives"] == [27, 18, 6]
    assert len(answer["graphs"]) == len(answer["steps"]) == len(answer["forward"]) == 4
    assert all(svg.lstrip().startswith(("<?xml", "<svg", "<!--")) for svg in answer["graphs"])
    assert answer["variables"] == ["x"] and answer["wrt"] == ["x", "x", "x"]


@pytest.mark.parametrize("x", [-2.0, -0.7, 0.0, 0.3, 1.1, 2.5])
def test_tanh_second_derivative_is_minus_2_tanh_times_1_minus_tanh_squared(port, x):
    status, answer = post(port, {"text": "tanh(x)", "at": {"x": x}, "wrt": "x", "order": 3})
    assert status == 200, answer
    t = math.tanh(x)
    d1, d2, d3 = answer["derivatives"]
    assert d1 == pytest.approx(1 - t * t, abs=1e-14)
    assert d2 == pytest.approx(-2 * t * (1 - t * t), abs=1e-14)
    assert d3 == pytest.approx(-2 * (1 - t * t) * (1 - 3 * t * t), abs=1e-13)


def test_each_order_is_the_central_difference_of_the_one_below(port):
    text, at, h = "log(1 + exp(w * x)) * sigmoid(x * b) + x ** 3", \
        {"w": 0.5, "x": 0.8, "b": -1.2}, 1e-5
    order = 4
    _, answer = post(port, {"text": text, "at": at, "wrt": "x", "order": order})
    values = [answer["value"], *answer["derivatives"]]
    for k in range(order):
        ups = post(port, {"text": text, "at": {**at, "x": at["x"] + h}, "order": k, "wrt": "x"})[1]
        downs = post(port, {"text": text, "at": {**at, "x": at["x"] - h}, "order": k,
                            "wrt": "x"})[1]
        up, down = ([a["value"], *a["derivatives"]][k] for a in (ups, downs))
        assert values[k + 1] == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-8)


def test_mixed_partials_take_one_variable_per_order(port):
    # d/dw d/dx (w x^2) = 2x, whichever variable comes first
    for wrt in (["x", "w"], ["w", "x"]):
        _, answer = post(port, {"text": "w * x * x", "at": {"w": 0.5, "x": 1.5}, "wrt": wrt,
                                "order": 2})
        assert answer["derivatives"][1] == pytest.approx(3.0)


def numbers(steps):
    return [(s.node.data, s.upstream, [(sh.local, sh.contribution, sh.total) for sh in s.shares])
            for s in steps]


def test_the_steps_of_each_pass_are_autograd_explain_on_that_graph(port):
    text, at = "tanh(w * x + b)", {"w": 0.5, "x": 1.0, "b": 0.0}
    _, answer = post(port, {"text": text, "at": at, "wrt": "x", "order": 2})
    for graph, steps in zip(built(text, at, "x", 2), answer["steps"], strict=True):
        reference = autograd.explain(graph)
        assert [(s["value"], s["gradient"], [(sh["local"], sh["contribution"], sh["total"])
                                             for sh in s["shares"]]) for s in steps] \
            == numbers(reference)
        order = autograd.topological_order(graph)
        place = {node: f"n{k}" for k, node in enumerate(order)}  # draw_graph's node ids
        ids = {s["node"]: s["id"] for s in steps}  # the lab's names -> ids
        for s, ref in zip(steps, reference, strict=True):
            assert s["id"] == place[ref.node]
            assert [ids[sh["to"]] for sh in s["shares"]] == [place[sh.parent] for sh in ref.shares]
            if ref.node.label:  # a variable, named by the user
                assert s["node"] == ref.node.label
        assert len(set(ids)) == len(steps)  # one name per node


def test_every_formula_evaluates_to_the_number_beside_it(port):
    _, answer = post(port, {"text": "sqrt(x) * exp(-w / x) - abs(x - 2) ** 2", "order": 2,
                            "at": {"x": 1.3, "w": 0.4}, "mode": "forward"})
    lines = [f for passes in ("forward", "steps", "forward_mode") for graph in answer[passes]
             for step in graph for f in step["formulas"]]
    assert len(lines) > 50
    for line in lines:
        assert evaluate(line["terms"]) == pytest.approx(line["result"], rel=1e-12, abs=1e-15)


def test_forward_mode_sweeps_the_variable_and_counts_both_modes(port):
    _, answer = post(port, {"text": "tanh(w * x + b)", "at": {"w": 0.5, "x": 1.0, "b": 0.0},
                            "wrt": "x", "order": 2, "mode": "forward", "sweep": "x"})
    # the forward sweep of f^(k) in x is f^(k+1): the next graph's value
    assert answer["tangents"][:2] == pytest.approx(answer["derivatives"])
    for counts in answer["counts"]:
        assert counts["forward"]["sweeps"] == 3 and counts["reverse"]["sweeps"] == 1
    first = answer["forward_mode"][0]
    assert first[0]["node"] == "x" and first[-1]["node"] == "f"
    assert first[-1]["tangent"] == pytest.approx(answer["derivatives"][0])


def test_sources_link_each_derivative_node_to_the_node_it_came_from(port):
    _, answer = post(port, {"text": "tanh(w * x + b)", "at": {"w": 0.5, "x": 1.0, "b": 0.0},
                            "order": 2})
    for k in (1, 2):
        drawn = [re.findall(r"<title>(n\d+)</title>", svg) for svg in answer["graphs"]]
        sources = answer["sources"][k]
        assert sorted(sources) == sorted(drawn[k])  # every node of graph k has a source
        assert set(sources.values()) <= set(drawn[k - 1])  # a node of the graph below

        def tanh(steps):
            return next(s for s in steps if s["formulas"][0]["symbols"].startswith(r"\tanh"))

        # the tanh node of f is reused by the rule 1 - tanh^2: it comes from itself
        assert sources[tanh(answer["forward"][k])["id"]] == tanh(answer["forward"][k - 1])["id"]
        seed = next(s for s in answer["forward"][k] if s["node"] == f"seed{k}")
        assert sources[seed["id"]] == answer["steps"][k - 1][0]["id"]  # from the root below
        below = {s["node"]: s["id"] for s in answer["forward"][k - 1]}
        for step in answer["forward"][k]:  # a node keeps its name: reused ones come from
            if step["node"] in below:      # themselves
                assert sources[step["id"]] == below[step["node"]]
    # f_x's rule at f = tanh(v2) made f * f, 1 - f * f and seed1 * (1 - f * f): from f
    made = {s["formulas"][0]["symbols"]: s["id"] for s in answer["forward"][1]}
    for symbols in (r"f \cdot f", r"1 - v_{3}", r"\mathit{seed}_{1} \cdot v_{4}"):
        assert answer["sources"][1][made[symbols]] == answer["steps"][0][0]["id"]


def test_the_plot_samples_the_expression_and_its_derivatives(port):
    _, answer = post(port, {"text": "log(x) * w", "at": {"x": 1.0, "w": 2.0}, "order": 2,
                            "plot": {"var": "x", "from": -1, "to": 3, "points": 9}})
    plot = answer["plot"]
    assert plot["var"] == "x" and plot["x"] == [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]
    assert len(plot["curves"]) == 3
    for i, t in enumerate(plot["x"]):
        if t <= 0:  # outside log's domain: null, the derivatives too
            assert [curve[i] for curve in plot["curves"]] == [None, None, None]
            continue
        graphs = built("log(x) * w", {"x": t, "w": 2.0}, "x", 2)
        assert [curve[i] for curve in plot["curves"]] == pytest.approx([g.data for g in graphs])


def test_a_node_has_one_name_in_every_graph_and_never_a_variables(port):
    _, answer = post(port, {"text": "f * v1 + seed1 * x", "order": 2, "wrt": "x",
                            "at": {"f": 0.5, "v1": 2.0, "seed1": 1.5, "x": 3.0}})
    for k, steps in enumerate(answer["forward"]):
        names = [s["node"] for s in steps]
        assert len(set(names)) == len(names)
        assert [s["node"] for s in answer["steps"][k]][0] not in ("f", "v1", "seed1", "x")
    ids = {s["node"]: s["id"] for s in answer["forward"][0]}
    for s in answer["forward"][1]:  # a name of f's graph is the same node in f_x's
        if s["node"] in ids:
            assert answer["sources"][1][s["id"]] == ids[s["node"]]


def test_the_forward_pass_writes_each_op_in_latex_with_its_numbers(port):
    _, answer = post(port, {"text": "exp(-x) / sqrt(x) + x ** 3 - abs(x)", "order": 0,
                            "at": {"x": 4.0}})
    lines = {s["node"]: s["formulas"][0] for s in answer["forward"][0]}
    written = {(line["symbols"], line["numbers"]) for line in lines.values()}
    assert {(r"-x", r"-4.000"), (r"\exp\left(v_{1}\right)", r"\exp\left(-4.000\right)"),
            (r"\sqrt{x}", r"\sqrt{4.000}"), (r"\frac{v_{2}}{v_{3}}", r"\frac{0.01832}{2.000}"),
            (r"{x}^{3}", r"{4.000}^{3}"), (r"\left|x\right|", r"\left|4.000\right|"),
            (r"v_{4} + v_{5}", r"0.009158 + 64.00"), (r"v_{6} - v_{7}", r"64.01 - 4.000")} \
        <= written


def test_each_leaf_says_what_it_is(port):
    _, answer = post(port, {"text": "x * x * x", "at": {"x": 3}, "order": 4})
    assert answer["derivatives"] == [27, 18, 6, 0]
    why = {s["node"]: s["why"] for k in (1, 4) for s in answer["forward"][k]}
    assert why["x"] == "x is a variable: its value is given"
    assert why["seed1"].startswith("seed1 is a leaf: the value 1 that started the reverse pass")
    assert why["f_xxxx"].startswith("f_xxxx is a number: the graph it is the derivative of")
