"""autograd.Exercise: an answer graded at the digits shown, hints in order, giving up."""

import pytest

from autograd import Exercise, Value
from autograd.exercise import agrees


@pytest.mark.parametrize("answer, expected, right", [
    (0.1235, 0.123456, True), (0.12346, 0.123456, True), (0.1234, 0.123456, False),
    (14.6, 14.6012, True), (2.712e-5, 2.7118e-5, True), (0.0, 0.0, True),
    (0.0, 1e-9, False), (float("nan"), 0.5, False), (-0.5, 0.5, False),
])
def test_an_answer_is_right_when_it_reads_as_the_value_on_screen(answer, expected, right):
    assert agrees(answer, expected) is right


def test_hints_come_in_order_symbols_numbers_answer_then_the_answer_again():
    x = Value(0.7)
    ex = Exercise("dy/dx", (x * x * 3).data, "6 x", "6 (0.7)")  # a float, or a Value
    assert ex.value == pytest.approx(1.47)
    hints = [ex.check(1.0).hint for _ in range(4)]
    assert hints == ["dy/dx = 6 x", "dy/dx = 6 x = 6 (0.7)", "dy/dx = 1.470", "dy/dx = 1.470"]
    assert ex.check(1.0).expected is None and ex.wrong == 5
    verdict = ex.check(1.47)
    assert verdict.correct and verdict.expected == ex.value
    assert str(verdict) == "right: dy/dx = 6 x = 6 (0.7) = 1.470" and ex.outcome == "after hints"


def test_giving_up_gives_the_value_and_a_later_right_answer_keeps_the_outcome():
    ex = Exercise("z", Value(-0.25), "sigma(s)", "sigma(-1.099)")
    verdict = ex.check(give_up=True)
    assert not verdict.correct and verdict.expected == -0.25 and ex.outcome == "given up"
    assert str(verdict).startswith("the answer: z = ")
    assert ex.check(-0.25).correct and ex.outcome == "given up"
    first = Exercise("z", 0.5, "a", "b")
    assert first.check(0.5).correct and first.outcome == "first try"
    with pytest.raises(TypeError, match="give an answer"):
        first.check()
