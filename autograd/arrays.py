"""The namespace the table's rules use on NumPy arrays: blocks of (nodes, batch) values.

The same functions as :data:`autograd.ops.FLOATS`, element-wise, with the same domain
errors (naming the first offending batch row) and the same stable sigmoid.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from autograd.ops import Namespace


@functools.cache
def arrays(batch: bool = True) -> Namespace:
    """The rules' functions on blocks of shape (nodes, batch); ``batch=False`` for the
    static column, whose entries belong to no batch row."""

    def at(x: Any, bad: Any) -> str:
        """The first offending entry of x, and its batch row when the block has a batch."""
        if not np.ndim(bad):
            return repr(float(x))
        where = np.unravel_index(int(np.argmax(bad)), np.shape(bad))
        value = repr(float(np.broadcast_to(x, np.shape(bad))[where]))
        return f"{value} (batch row {where[-1]})" if batch else value

    def log(x: Any) -> Any:
        if np.any(bad := np.less_equal(x, 0)):
            raise ValueError(f"log: expects x > 0, got x = {at(x, bad)}")
        return np.log(x)

    def sqrt(x: Any) -> Any:
        if np.any(bad := np.less(x, 0)):
            raise ValueError(f"sqrt: expects x >= 0, got x = {at(x, bad)}")
        return np.sqrt(x)

    def div(x: Any, y: Any) -> Any:
        if np.any(bad := np.equal(y, 0)):
            raise ZeroDivisionError(f"div: division by zero, x / y with y = {at(y, bad)}")
        return x / y

    def power(x: Any, y: Any) -> Any:
        if np.any(bad := np.equal(x, 0) & np.less(y, 0)):
            raise ZeroDivisionError(
                f"pow: 0 ** y is undefined for y < 0 (zero base, negative exponent), "
                f"y = {at(y, bad)}"
            )
        if np.any(bad := np.less(x, 0) & (np.floor(y) != y)):
            raise ValueError(
                f"pow: a negative base needs an integer exponent, got base {at(x, bad)}"
            )
        return np.power(x, y)

    def sigmoid(x: Any) -> Any:
        # sigma(x) = 1 / (1 + e^-x), in place.  For x < -709, e^-x overflows to inf and
        # the result is 0 (the float rule's e^x / (1 + e^x) gives a subnormal number
        # there, below 1e-308); everywhere else the two agree to an ulp, and this form is
        # four times faster than the two-branch one on blocks.
        r = np.negative(x)
        np.exp(r, out=r)
        r += 1.0
        return np.divide(1.0, r, out=r)

    return Namespace(
        exp=np.exp, log=log, tanh=np.tanh, sigmoid=sigmoid,
        softplus=lambda x: np.logaddexp(0.0, x), pow=power, div=div,
        sqrt=sqrt, abs=np.abs, relu=lambda x: np.maximum(x, 0.0),
        step=lambda x: np.where(np.greater(x, 0), 1.0, 0.0), sign=np.sign,
    )
