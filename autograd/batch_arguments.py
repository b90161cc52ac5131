"""A batch program's arguments checked and shaped: the rows X, and grad_outputs (dE/d out)."""

from __future__ import annotations

from typing import Any

import numpy as np


def batch_rows(X: Any, inputs: int) -> Any:
    """``X`` as a (B, inputs) float array, one column per input, or a clear error."""
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"BatchProgram: X must be a table of real numbers ({error})") from None
    if X.ndim != 2 or X.shape[1] != inputs:
        raise ValueError(
            f"BatchProgram: X must have shape (B, {inputs}), one column per input, "
            f"got shape {X.shape}"
        )
    return X


def grad_outputs_block(g: Any, rows: int, outputs: int) -> Any:
    """``grad_outputs`` (dE/d out, a number or an array) as a (rows, outputs) array, or
    a clear error."""
    shape = (rows, outputs)
    if isinstance(g, np.ndarray) and g.shape == shape and g.dtype == float:
        return g  # already the block (a trainer's, prepared once)
    if isinstance(g, bool):
        raise TypeError("BatchProgram: grad_outputs must be a number or an array, got bool")
    try:
        g = np.asarray(g, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"BatchProgram: grad_outputs must be a number or an array ({error})"
                        ) from None
    given = g.shape
    if g.ndim == 1 and outputs == 1:
        g = g[:, None]
    if g.ndim not in (0, 2) or (g.ndim == 2 and g.shape != shape):
        raise ValueError(
            f"BatchProgram: grad_outputs must be a number or have shape {shape} "
            f"(or ({rows},) for one output), got shape {given}"
        )
    return np.broadcast_to(g, shape)
