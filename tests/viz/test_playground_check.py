"""POST /api/sessions/ID/check (predict, then check) and GET .../check (the score), on the
2-5-1 network with point 2 selected.

The references are computed here, independently of the playground: the model the session
exports (model.json), its E on the selected point differentiated by ``autograd.grad``, and
the tutorial's formulas (section 3.2) for the 2-5-1 network typed in by hand (z_j = sigma(s_j),
delta_6 = 2 (z_6 - y) z_6 (1 - z_6), delta_j = z_j (1 - z_j) w_{j->6} delta_6).  Every
model kind and the static site's handler are in test_playground_check_models.py.
"""

import math

import pytest
from check_session import POINTS, call, check

import autograd
import nn
from autograd.display import format_number
from viz.playground.api.routes import Routes


@pytest.fixture
def session():
    """(routes, base path) of a 2-5-1 session with point 2 selected."""
    routes = Routes()
    status, view = call(routes, "POST", "/api/sessions", {"points": POINTS})
    assert status == 201, view
    base = f"/api/sessions/{view['id']}"
    assert call(routes, "POST", base + "/select", {"index": 2})[0] == 200
    return routes, base


def reference(session):
    """The exported model, the selected point (x, y), its named weights and a pass by hand."""
    routes, base = session
    model = nn.loads(call(routes, "GET", base + "/model.json")[1].decode())
    x, y = POINTS[2][:2], POINTS[2][2]
    weights = dict(model.named_parameters())
    sig = lambda s: 1 / (1 + math.exp(-s))  # noqa: E731
    z = {"in_x": x[0], "in_y": x[1]}
    s = {}
    for j in "123456":
        sources = ["in_x", "in_y"] if j != "6" else list("12345")
        s[j] = model.bias(j).data + sum(weights[f"w[{i}->{j}]"].data * z[i]
                                             for i in sources)
        z[j] = sig(s[j])
    delta = {"6": 2 * (z["6"] - y) * z["6"] * (1 - z["6"])}
    for j in "12345":
        delta[j] = z[j] * (1 - z[j]) * weights[f"w[{j}->6]"].data * delta["6"]
    E = (model(x) - y) ** 2
    return model, weights, E, s, z, delta


def shown(x):
    return float(format_number(x))


def test_a_step_answered_right_at_the_first_try_scores_first_try(session):
    _, _, _, s, z, delta = reference(session)
    # steps: in_x, in_y (0, 1), forward 1..6 (2..7), E (8), backward 6, 5, 4, 3, 2, 1 (9..14)
    assert check(session, step=4, answer=shown(z["3"]))["correct"] is True
    assert check(session, step=4, formula=0, answer=shown(s["3"]))["correct"] is True
    answer = check(session, step=12, answer=shown(delta["3"]))
    assert answer["correct"] is True and answer["symbol"] == r"\delta_{3}"
    assert answer["expected"] == pytest.approx(delta["3"], rel=1e-12)
    assert answer["score"]["first_try"] == 3 and answer["score"]["after_hints"] == 0


def test_a_wrong_answer_earns_the_formula_then_its_numbers_then_the_answer(session):
    *_, delta = reference(session)
    right = shown(delta["3"])
    wrong = right + 10 ** (math.floor(math.log10(abs(right))) - 3)  # off in the 4th digit
    hints = []
    for _ in range(4):
        answer = check(session, step=12, answer=wrong)
        assert answer["correct"] is False and answer["expected"] is None
        hints.append(answer["hint"])
    symbols, numbers, value, again = hints
    assert symbols == r"\delta_{3} = \sigma'(s_{3})\,\left(w_{3 \to 6}\,\delta_{6}\right)"
    assert numbers.startswith(symbols + " = ") and format_number(delta["6"]) in numbers
    assert value == rf"\delta_{{3}} = {format_number(delta['3'])}" == again
    answer = check(session, step=12, answer=right)
    assert answer["correct"] is True and answer["tries"] == 4
    assert answer["hint"] == f"{numbers} = {format_number(delta['3'])}"
    assert answer["score"]["after_hints"] == 1 and answer["score"]["first_try"] == 0


def test_giving_up_shows_the_answer_and_counts_as_given_up(session):
    _, _, _, _, z, _ = reference(session)
    answer = check(session, step=7, answer=0.0)
    assert answer["expected"] is None
    answer = check(session, step=7, give_up=True)
    assert answer["correct"] is False
    assert answer["expected"] == pytest.approx(z["6"], rel=1e-12)
    assert answer["score"]["given_up"] == 1
    assert check(session, step=7, answer=shown(z["6"]))["score"]["given_up"] == 1  # stays


def test_each_question_kind_is_graded_against_the_engines_number(session):
    model, weights, E, _, _, delta = reference(session)
    assert check(session, question="delta", node="2", answer=shown(delta["2"]))["correct"]
    assert not check(session, question="delta", node="4", answer=shown(delta["4"]) * 1.01)[
        "correct"]
    bias_3 = next(name for name, w in weights.items() if w is model.bias("3"))  # as named
    names = ["w[in_x->1]", bias_3, "w[2->6]"]
    grads = autograd.grad(E, [weights[n] for n in names])
    assert grads[2] == pytest.approx(delta["6"] * reference(session)[4]["2"], rel=1e-9)
    for name, g in zip(names, grads, strict=True):
        answer = check(session, question="dE/dw", weight=name, answer=shown(g))
        assert answer["correct"] and answer["expected"] == pytest.approx(g, rel=1e-12)
        w_next = weights[name].data - 0.5 * g  # eta = 0.5, the default
        answer = check(session, question="update", weight=name, answer=shown(w_next))
        assert answer["correct"] and answer["expected"] == pytest.approx(w_next, rel=1e-12)
    assert check(session, question="dE/dw", weight="w[in_y->5]", answer=0.5)["correct"] is False


def test_a_drawn_question_comes_from_the_pass_and_can_then_be_answered(session):
    posed = check(session, question="delta")
    assert posed["node"] in list("12345") and "correct" not in posed  # a hidden perceptron
    drawn = check(session, question="dE/dw")["weight"]  # a weight into a hidden perceptron
    assert drawn[-2:] in {f"{j}]" for j in "12345"}
    *_, delta = reference(session)
    answer = check(session, question="delta", node=posed["node"],
                   answer=shown(delta[posed["node"]]))
    assert answer["correct"] and answer["score"]["first_try"] == 1


def test_the_score_is_reset_when_the_point_or_the_weights_change(session):
    routes, base = session
    *_, delta = reference(session)
    check(session, question="delta", node="1", answer=shown(delta["1"]))
    assert call(routes, "GET", base + "/check")[1]["score"]["first_try"] == 1
    call(routes, "POST", base + "/weight", {"name": "w[1->6]", "value": 0.25})
    assert call(routes, "GET", base + "/check")[1]["score"]["first_try"] == 0
    check(session, question="delta", node="1", give_up=True)
    call(routes, "POST", base + "/select", {"index": 1})
    score = call(routes, "GET", base + "/check")[1]["score"]
    assert score["index"] == 1 and score["given_up"] == 0


@pytest.mark.parametrize("body, words", [
    ({"step": 99}, "0 to 14"),
    ({"step": 3, "formula": 7}, "formulas 0 to 1"),
    ({"question": "delta", "node": "9", "answer": 1}, "got '9'"),
    ({"question": "update", "weight": "w[9->6]", "answer": 1}, "a weight of the network"),
    ({"question": "delta", "answer": 1}, "names its node"),
    ({"question": "gradient"}, "one of delta, dE/dw, update"),
    ({"step": 1, "question": "delta"}, "exactly one of step"),
    ({"step": 1, "answer": "0.3"}, "must be a number"),
    ({"question": "delta", "weight": "w[0->1]"}, "takes a node, not a weight"),
])
def test_a_bad_request_says_what_is_wrong(session, body, words):
    routes, base = session
    status, answer = call(routes, "POST", base + "/check", body)
    assert status == 400 and words in answer["error"], answer
