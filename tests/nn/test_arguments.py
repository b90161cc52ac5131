"""nn.arguments: each shared argument check returns the value or names where, what and why."""

import math
from fractions import Fraction

import pytest

from nn import arguments


@pytest.mark.parametrize("call, expected", [
    (lambda: arguments.integer("f", "n", 3), 3),
    (lambda: arguments.integer("f", "n", 1, at_least=1), 1),
    (lambda: arguments.seed("f", None), None),
    (lambda: arguments.seed("f", 7), 7),
    (lambda: arguments.number("f", "a", 2), 2.0),
    (lambda: arguments.number("f", "a", Fraction(1, 4)), 0.25),
    (lambda: arguments.non_negative("f", "a", 0), 0.0),
    (lambda: arguments.positive("f", "a", 0.5), 0.5),
    (lambda: arguments.flag("f", "b", False), False),
    (lambda: arguments.sequence("f", "X", (1, 2)), (1, 2)),
])
def test_valid_values_come_back(call, expected):
    result = call()
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("call, error, message", [
    (lambda: arguments.integer("f", "n", 2.0), TypeError, "f: n must be an int, got float"),
    (lambda: arguments.integer("f", "n", True), TypeError, "f: n must be an int, got bool"),
    (lambda: arguments.integer("f", "n", 0, at_least=1), ValueError,
     "f: n must be at least 1, got 0"),
    (lambda: arguments.seed("g", "s"), TypeError, "g: seed must be an int or None, got str"),
    (lambda: arguments.seed("g", False), TypeError, "g: seed must be an int or None, got bool"),
    (lambda: arguments.number("f", "a", "1"), TypeError, "f: a must be a number, got str"),
    (lambda: arguments.number("f", "a", True), TypeError, "f: a must be a number, got bool"),
    (lambda: arguments.non_negative("f", "a", -0.5), ValueError,
     r"f: a must be a finite number >= 0, got -0.5"),
    (lambda: arguments.non_negative("f", "a", math.inf), ValueError,
     "f: a must be a finite number >= 0, got inf"),
    (lambda: arguments.positive("f", "lr", 0), ValueError,
     "f: lr must be a finite number > 0, got 0"),
    (lambda: arguments.positive("f", "lr", math.nan), ValueError,
     "f: lr must be a finite number > 0"),
    (lambda: arguments.positive("f", "lr", None), TypeError,
     "f: lr must be a number, got NoneType"),
    (lambda: arguments.flag("f", "b", 1), TypeError, "f: b must be True or False, got 1"),
    (lambda: arguments.sequence("f", "X", "ab"), TypeError, "f: X must be a list, got str"),
    (lambda: arguments.sequence("f", "X", {1: 2}), TypeError, "f: X must be a list, got dict"),
    (lambda: arguments.sequence("f", "X", 3, " (one per sample)"), TypeError,
     r"f: X must be a list \(one per sample\), got int"),
])
def test_bad_values_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
