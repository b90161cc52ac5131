"""Every namespace a rule runs on (floats, Values, arrays) is built from the one table and
the one list of helpers, and the helpers (relu', |x|', c x^e) agree on all three."""

import math
import pickle

import numpy as np
import pytest

from autograd import Value, grad
from autograd.arrays import arrays
from autograd.ops import FLOATS, HELPERS, TABLE, Op
from autograd.values_namespace import VALUES

NAMES = {op.key for op in TABLE.values() if op.floats is not None} | {h.name for h in HELPERS}


@pytest.mark.parametrize("namespace", [FLOATS, VALUES, arrays(), arrays(batch=False)])
def test_each_namespace_has_the_tables_functions_and_the_helpers(namespace):
    assert set(vars(namespace)) == NAMES


POINTS = [-2.5, -0.0, 0.0, 3.0, math.inf, -math.inf, math.nan]


@pytest.mark.parametrize("name, expected", [
    ("step", [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, math.nan]),
    ("sign", [-1.0, 0.0, 0.0, 1.0, 1.0, -1.0, math.nan]),
])
def test_step_and_sign_agree_on_floats_values_and_arrays(name, expected):
    on_floats = [getattr(FLOATS, name)(x) for x in POINTS]
    on_values = [getattr(VALUES, name)(Value(x)) for x in POINTS]  # numbers, not nodes
    on_arrays = getattr(arrays(), name)(np.array(POINTS)).tolist()
    for found in (on_floats, on_values, on_arrays):
        assert all(type(f) is float for f in found)
        assert [repr(f) if math.isnan(f) else f for f in found] == \
               [repr(e) if math.isnan(e) else e for e in expected]


def test_scale_pow_is_zero_without_evaluating_the_power_where_c_is_zero():
    # 0 * 0^-1 would be 0 * inf = nan, or a ZeroDivisionError: the helper never asks for it
    assert FLOATS.scale_pow(0.0, 0.0, -1.0) == 0.0
    assert VALUES.scale_pow(0.0, Value(0.0), -1.0) == 0.0
    assert arrays().scale_pow(np.array([0.0, 2.0]), np.array([0.0, 3.0]),
                              np.array([-1.0, 2.0])).tolist() == [0.0, 18.0]
    assert FLOATS.scale_pow(2.0, 3.0, 2.0) == 18.0


def test_scale_pow_on_a_value_records_the_power_so_it_differentiates_again():
    c, x = Value(2.0), Value(3.0)
    out = VALUES.scale_pow(c, x, 2.0)  # c x^2
    assert isinstance(out, Value) and out.data == 18.0
    assert grad(out, [c, x]) == [9.0, 12.0]  # x^2, 2 c x


def test_x_to_the_zero_has_derivative_zero_at_zero_to_every_order():
    x = Value(0.0)
    (d1,) = grad(x ** 0, [x], create_graph=True)
    assert d1.data == 0.0 and grad(d1, [x]) == [0.0]


@pytest.mark.parametrize("name", sorted(TABLE))
def test_an_op_pickles_and_copies_as_its_table_entry(name):
    import copy

    op = TABLE[name]
    assert isinstance(op, Op)
    assert pickle.loads(pickle.dumps(op)) is op
    assert copy.deepcopy(op) is op and copy.copy(op) is op
