"""The one rule for writing a number on screen: figures, explain, the CLI, the playground.

Four significant digits; scientific notation below 1e-3 and from 1e5 up, so a value
that is not zero never reads ``0.0000``:

>>> [format_number(x) for x in (0.0, 2.712e-05, -0.2311, 14.6, 123456.0)]
['0', '2.712e-05', '-0.2311', '14.60', '1.235e+05']
"""

from __future__ import annotations

import math

SIGNIFICANT = 4
"""Significant digits of every number shown."""


def format_number(x: float) -> str:
    """``x`` with :data:`SIGNIFICANT` significant digits: fixed point for 1e-3 <= |x| < 1e5,
    scientific outside; ``0``, ``nan``, ``inf`` and ``-inf`` as they are."""
    x = float(x)
    if x == 0:
        return "0"
    if not math.isfinite(x):
        return repr(x)
    scientific = f"{x:.{SIGNIFICANT - 1}e}"
    size = abs(float(scientific))  # rounded first: 999.96 counts as 1000, 99999.7 as 1e5
    if size < 1e-3 or size >= 1e5:
        return scientific
    decimals = max(0, SIGNIFICANT - 1 - math.floor(math.log10(size)))
    return f"{x:.{decimals}f}"
