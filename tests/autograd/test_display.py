"""The one number format: four significant digits, scientific outside [1e-3, 1e5)."""

import math

import pytest

from autograd.display import format_number


@pytest.mark.parametrize(("x", "text"), [
    (0.0, "0"),
    (-0.0, "0"),
    (1e-300, "1.000e-300"),
    (2.712e-5, "2.712e-05"),
    (-0.2311, "-0.2311"),
    (0.001, "0.001000"),
    (1.0, "1.000"),
    (14.6, "14.60"),
    (999.96, "1000"),  # rounding carries into the next power of ten
    (0.00099996, "0.001000"),
    (12345.0, "12345"),
    (99999.7, "1.000e+05"),
    (123456.0, "1.235e+05"),
    (math.nan, "nan"),
    (math.inf, "inf"),
    (-math.inf, "-inf"),
    (3, "3.000"),
])
def test_table_of_values(x: float, text: str) -> None:
    assert format_number(x) == text


@pytest.mark.parametrize("x", [1e-300, 3.3e-8, 7.1e-4, 0.0123, 5.5, 876.5, 4e4, 3e12])
def test_nonzero_never_reads_zero_and_keeps_four_digits(x: float) -> None:
    for v in (x, -x):
        text = format_number(v)
        assert float(text) != 0
        assert math.isclose(float(text), v, rel_tol=5e-4)
