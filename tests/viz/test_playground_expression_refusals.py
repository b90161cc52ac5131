"""The expression lab's refusals, on a real server: bad text, a missing value, bad fields,
a derivative graph too large to draw, a request from another origin; and its published
limits.

Each refusal is a 400 whose one-line error is checked against the parser's own message
or the words that name the field and what it expected.
"""

import pytest
from playground_client import call
from playground_client import post_expression as post

from viz import expr
from viz.playground.expression import answers


def parser_message(text, at):
    with pytest.raises(expr.ExpressionError) as error:
        expr.evaluate(text, at)
    return str(error.value)


@pytest.mark.parametrize("text", ["tanh(w * x +", "x ^ 2", "2x", "__import__('os')", "x" * 501])
def test_bad_text_gets_the_parsers_one_line_error(port, text):
    status, answer = post(port, {"text": text, "at": {"x": 1.0, "w": 1.0}})
    assert status == 400 and answer["error"] == parser_message(text, {"x": 1.0, "w": 1.0})
    assert "\n" not in answer["error"]


def test_a_missing_value_gets_the_parsers_error_and_the_variables(port):
    status, answer = post(port, {"text": "tanh(w * x + b)", "at": {"w": 0.5, "x": 1.0}})
    assert status == 400
    assert answer["error"] == parser_message("tanh(w * x + b)", {"w": 0.5, "x": 1.0})
    assert "'b'" in answer["error"] and answer["variables"] == ["w", "x", "b"]


@pytest.mark.parametrize(("body", "message"), [
    ({"text": "x", "at": {"x": 1}, "order": 5}, "expression.order must be between 0 and 4, got 5"),
    ({"text": "x", "at": {"x": 1}, "wrt": "y"}, "'y' is not a variable of the expression"),
    ({"text": "x", "at": {"x": 1}, "order": 2, "wrt": ["x"]}, "a list of 2 (one per order)"),
    ({"text": "x", "at": {"x": 1}, "mode": "sideways"}, "expression.mode must be one of"),
    ({"text": "x", "at": {"x": 1}, "plot": {"var": "x", "from": 2, "to": 1}},
     "plot.from must be below plot.to"),
    ({"text": "x", "at": {"x": 1}, "plot": {"var": "x", "points": 402}},
     "expression.plot.points must be between 2 and 401"),
    ({"text": 3}, "expression.text must be a string, got number"),
    ({"text": "x", "at": {"x": 1}, "colour": "red"}, "unknown field(s) colour in expression"),
    ({"text": "sqrt(x)", "at": {"x": 0}}, "the derivative of order 1 does not exist here"),
    ({"text": "3 + 4", "order": 1}, "no variable to differentiate (it is a constant)"),
    ({"text": "3 + 4", "order": 0, "plot": {"var": "x"}}, "its variables: none"),
])
def test_bad_requests_say_what_is_wrong(port, body, message):
    status, answer = post(port, body)
    assert status == 400 and message in answer["error"], answer


def test_a_derivative_graph_too_large_is_refused_with_its_size(port):
    text = "*".join(f"tanh(x + {k})" for k in range(12))
    status, answer = post(port, {"text": text, "at": {"x": 0.1}, "order": 4})
    assert status == 400, answer
    assert "nodes, more than the 400 the lab draws" in answer["error"]
    assert post(port, {"text": text, "at": {"x": 0.1}, "order": 1})[0] == 200


def test_the_limits_are_published(port):
    status, limits = call(port, "GET", "/api/expression")
    assert status == 200
    assert limits == {"length": 500, "order": 4, "nodes": 400, "points": 401,
                      "functions": list(expr.FUNCTIONS), "constants": ["pi", "e"]}
    assert answers.MAX_ORDER == limits["order"]


def test_a_post_from_another_origin_is_refused(port):
    status, answer = call(port, "POST", "/api/expression", {"text": "x", "at": {"x": 1}},
                          headers={"Origin": "https://evil.example"})
    assert status == 403 and answer["code"] == "foreign_origin"
    status, answer = call(port, "GET", "/api/expression", headers={"Host": "evil.example"})
    assert status == 403 and answer["code"] == "foreign_host"
