"""The table's rules run on symbols write source that computes what they compute on floats.

Every entry's forward rule and each of its derivative rules, run on symbols and the
text evaluated with the program's bindings, give the float rule's number bit for bit
(nan where nan, the same error where the float rule raises one)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd.emit import bindings
from autograd.ops import FLOATS, TABLE
from autograd.symbols import Symbol, literal, symbols

numbers = st.one_of(st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.0, 0.5, math.inf, -math.inf,
                                     math.nan]), st.floats(-50, 50))
OPS = sorted(TABLE)


def run(rule, *xs):
    """(result, error type) of rule(*xs), with xs floats."""
    try:
        return rule(*xs), None
    except (ArithmeticError, ValueError) as error:
        return None, type(error)


def same(a, b):
    return (a == b and math.copysign(1, a) == math.copysign(1, b)) or (
        math.isnan(a) and math.isnan(b))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(OPS), st.lists(numbers, min_size=3, max_size=3))
def test_every_rule_written_as_source_computes_what_it_computes_on_floats(name, values):
    op = TABLE[name]
    g, x, y = values
    xs = (x,) if op.arity == 1 else (x, y)
    names = ("x", "y")[:op.arity]
    out, error = run(lambda *a: op.forward(FLOATS, *a), *xs)
    scope = {**bindings(), "g": g, "out": out, **dict(zip(names, xs, strict=True))}
    for checked in (True, False):
        m = symbols(checked)
        text = literal(op.forward(m, *[Symbol(n) for n in names]))
        got, got_error = run(lambda t=text: eval(t, scope))  # noqa: S307
        if error is not None:
            assert got_error is not None
            continue
        assert same(got, out), (text, got, out)
        for rule in op.derivatives:
            want, want_error = run(lambda *a, r=rule: r(FLOATS, g, out, *a), *xs)
            text = literal(rule(m, Symbol("g"), Symbol("out"), *[Symbol(n) for n in names]))
            got, got_error = run(lambda t=text: eval(t, scope))  # noqa: S307
            assert got_error == want_error, text
            if want_error is None:
                assert same(got, want), (text, got, want)


def test_a_symbol_writes_each_operation_in_the_order_the_float_rule_does_it():
    g, out = Symbol("g"), Symbol("out")
    assert literal(g * (1 - out * out)) == "(g * (1.0 - (out * out)))"
    assert literal(-g * out / 2.0) == "(((-g) * out) / 2.0)"
    assert literal(symbols().exp(g)) == "exp(g)"
    assert literal(symbols().scale_pow(0.0, g, out)) == "0.0"  # c = 0: x^e not written


def test_numbers_are_written_exactly_and_decided_predicates_fold():
    assert [literal(v) for v in (0.1, -0.0, math.inf, -math.inf, math.nan, 3)] == [
        "0.1", "(-0.0)", "inf", "(-inf)", "nan", "3.0"]
    x = Symbol("x")
    assert ((x == 0) & False) is False
    assert literal((x < 0) & True) == "(x < 0.0)"
    assert literal(symbols().pow(x, 1.0)) == "pow_(x, 1.0)"  # no domain predicate can hold
    assert literal(symbols().pow(x, -1.0)) == "pow(x, (-1.0))"  # 0 ** -1 may: checked


def test_a_rule_that_branches_on_its_operand_cannot_be_written():
    with pytest.raises(TypeError, match="no truth value"):
        bool(Symbol("x") > 0)
