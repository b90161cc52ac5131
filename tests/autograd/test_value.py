"""Value construction, operators, forward results and error messages."""

import math

import pytest

import autograd
from autograd import Constant, Value


@pytest.mark.parametrize("bad", ["1.0", None, [1.0], 1 + 2j, True, False, {}])
def test_value_rejects_non_numbers_naming_the_type(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        Value(bad)


def test_value_holds_a_float_and_a_short_repr():
    v = Value(3, label="x")
    assert isinstance(v.data, float) and v.data == 3.0
    assert v.grad == 0.0 and v.label == "x" and v.is_leaf and v.parents == () and v.op is None
    assert repr(v) == "Value(label='x', data=3, grad=0)"
    assert repr(Value(0.5)) == "Value(data=0.5, grad=0)"


def test_label_must_be_a_string():
    with pytest.raises(TypeError, match="label must be a str, got int"):
        Value(1.0, label=3)


def test_parents_are_ordered_operands():
    a, b = Value(2.0), Value(5.0)
    c = b - a
    assert c.parents == (b, a) and c.op.name == "-" and c.data == 3.0
    d = 10 - a
    assert isinstance(d.parents[0], Constant) and d.parents[0].data == 10.0 and d.parents[1] is a
    assert (-a).parents == (a,) and (-a).op.name == "neg"


@pytest.mark.parametrize(
    "expr, expected",
    [
        (lambda a, b: a + b, 2.0 + -3.0),
        (lambda a, b: 1 + a, 3.0),
        (lambda a, b: a - b, 5.0),
        (lambda a, b: 1 - b, 4.0),
        (lambda a, b: a * b, -6.0),
        (lambda a, b: 4 * b, -12.0),
        (lambda a, b: a / b, 2.0 / -3.0),
        (lambda a, b: 3 / a, 1.5),
        (lambda a, b: a**3, 8.0),
        (lambda a, b: b**2, 9.0),
        (lambda a, b: a**a, 4.0),
        (lambda a, b: 2**a, 4.0),
        (lambda a, b: -b, 3.0),
        (lambda a, b: abs(b), 3.0),
        (lambda a, b: a.exp(), math.exp(2.0)),
        (lambda a, b: a.log(), math.log(2.0)),
        (lambda a, b: a.sqrt(), math.sqrt(2.0)),
        (lambda a, b: b.tanh(), math.tanh(-3.0)),
        (lambda a, b: b.sigmoid(), 1 / (1 + math.exp(3.0))),
        (lambda a, b: b.relu(), 0.0),
        (lambda a, b: a.relu(), 2.0),
    ],
)
def test_forward_values(expr, expected):
    assert expr(Value(2.0), Value(-3.0)).data == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("x", [1e4, -1e4, 745.0, -745.0, 1e300, -1e300])
def test_stable_at_extremes(x):
    s, t = Value(x).sigmoid(), Value(x).tanh()
    assert not math.isnan(s.data) and 0.0 <= s.data <= 1.0
    assert t.data == pytest.approx(math.copysign(1.0, x))
    for node in (s, t):
        (g,) = autograd.grad(node, [node.parents[0]])
        assert g == pytest.approx(0.0, abs=1e-300) and not math.isnan(g)
    e = Value(x).exp()
    assert e.data == (math.inf if x > 709 else math.exp(x))


def test_sigmoid_matches_naive_formula_where_it_is_safe():
    for x in (-30.0, -2.5, 0.0, 0.7, 30.0):
        assert Value(x).sigmoid().data == pytest.approx(1 / (1 + math.exp(-x)), rel=1e-15)


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: Value(0.0).log(), ValueError, ["log", "0.0"]),
        (lambda: Value(-2.0).log(), ValueError, ["log", "-2.0"]),
        (lambda: Value(-1.0).sqrt(), ValueError, ["sqrt", "-1.0"]),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, ["pow", "0.0", "-1"]),
        (lambda: Value(1.0) / 0, ZeroDivisionError, ["div", "1.0", "0.0"]),
        (lambda: 1.0 / Value(0.0), ZeroDivisionError, ["div", "0.0"]),
        (lambda: Value(-8.0) ** 0.5, ValueError, ["pow", "-8.0", "0.5"]),
        (lambda: Value(-8.0) ** Value(0.5), ValueError, ["pow", "-8.0", "positive base"]),
        (lambda: Value(-2.0) ** Value(2.0), ValueError, ["pow", "-2.0", "plain number"]),
        (lambda: 0 ** Value(2.0), ValueError, ["pow", "0.0"]),
        (lambda: Value(1.0) + "a", TypeError, ["+", "str"]),
        (lambda: "a" * Value(1.0), TypeError, ["*", "str"]),
        (lambda: Value(1.0) ** None, TypeError, ["**", "NoneType"]),
        (lambda: Value(1.0) - True, TypeError, ["-", "bool"]),
        (lambda: Value(1.0) / [2], TypeError, ["/", "list"]),
    ],
)
def test_bad_operands_have_specific_messages(make, error, words):
    with pytest.raises(error) as info:
        make()
    for word in words:
        assert word in str(info.value)


def test_negative_base_with_integer_exponent_is_fine():
    x = Value(-3.0)
    y = x**2 + x**3
    y.backward()
    assert y.data == 9.0 - 27.0
    assert x.grad == 2 * -3.0 + 3 * 9.0


def test_comparisons_read_data_and_record_nothing():
    a, b = Value(1.0), Value(2.0)
    assert a < b and b > a and a <= 1 and b >= 2.0 and not a > 1.5
    assert float(b) == 2.0
    assert sorted([b, a]) == [a, b]
    assert a != Value(1.0)  # identity: Values key the dicts of the backward pass
    with pytest.raises(TypeError, match="comparison: expected a Value or a real number, got str"):
        a < "x"  # noqa: B015


def test_no_grad_records_no_graph_and_restores_state():
    x = Value(2.0)
    with autograd.no_grad():
        y = x * x + 1
        with autograd.no_grad():
            z = y.exp()
        w = z + x
    assert y.is_leaf and z.is_leaf and w.is_leaf and y.data == 5.0
    v = x * x
    assert v.parents == (x, x)
    with pytest.raises(RuntimeError):
        with autograd.no_grad():
            raise RuntimeError("boom")
    assert (x * x).parents == (x, x)


def test_every_table_entry_is_reachable_from_value():
    names = {op.name for op in autograd.TABLE.values()}
    x, y = Value(0.3), Value(1.7)
    made = {
        (x + y).op.name, (x - y).op.name, (x * y).op.name, (x / y).op.name, (y**x).op.name,
        (-x).op.name, abs(x).op.name, x.exp().op.name, y.log().op.name, y.sqrt().op.name,
        x.tanh().op.name, x.sigmoid().op.name, x.relu().op.name, x.softplus().op.name,
        x.sin().op.name, x.cos().op.name,
    }
    assert made == names


def test_no_grad_belongs_to_the_thread_that_entered_it():
    import threading

    inside, recorded = threading.Event(), threading.Event()
    results = {}

    def evaluate():
        with autograd.no_grad():
            inside.set()
            recorded.wait(5)
            results["other"] = Value(2.0) * 3

    worker = threading.Thread(target=evaluate)
    worker.start()
    inside.wait(5)
    x = Value(2.0)
    y = x * 3  # this thread is not inside no_grad: it records
    recorded.set()
    worker.join(5)
    assert y.parents == (x, y.parents[1]) and not y.is_leaf
    assert results["other"].is_leaf


def test_enable_grad_records_inside_no_grad_and_restores():
    x = Value(1.5)
    with autograd.no_grad():
        with autograd.enable_grad():
            y = x * x
        z = x * x
        (d,) = autograd.grad(y, [x], create_graph=True)  # recording needed, and restored
        w = x * x
    assert not y.is_leaf and z.is_leaf and w.is_leaf and d.data == 3.0
    assert (x * x).parents == (x, x)
