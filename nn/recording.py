"""One sample's objective recorded once, as the compiled programs of :mod:`nn.objective`.

The graph of term(h(x), t) (with x and the targets t as inputs) stands for every sample
when the model's activations are named built-ins and the loss is an
:class:`nn.losses.Loss` whose graph does not depend on the values
(:func:`why_objective_unrecordable` gives the reason otherwise).  :func:`programs` records
it once per model structure, loss and l2, and keeps the programs in the model's cache
(:func:`nn.model_programs.cache_of`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd import Value
from autograd.compile import compile_function
from autograd.mode import enable_grad
from autograd.program import FlatProgram
from nn import losses
from nn.loss_base import as_value
from nn.model_programs import available, cache_of, why_model_unrecordable

if TYPE_CHECKING:
    from autograd.batch import BatchProgram


def why_objective_unrecordable(model: Any, loss: Any) -> str | None:
    """Why one recorded pass of ``loss`` on ``model`` cannot stand for every sample, or
    None."""
    if not isinstance(loss, losses.Loss):
        return ("the loss is a function of the whole batch; a compiled program needs a "
                "per-sample loss (an nn.losses.Loss)")
    reason = why_model_unrecordable(model)
    if reason is not None:
        return reason
    cache, key = cache_of(model), ("unrecordable", loss)
    if key not in cache:  # once per structure: the loss looks at the ops of the outputs
        with enable_grad():
            first = model([0.0] * len(model.input_names))
        cache[key] = loss.why_unrecordable([first] if isinstance(first, Value) else first)
    verdict: str | None = cache[key]
    return verdict


def programs(model: Any, loss: Any, l2: float, params: list[Value]
             ) -> tuple[FlatProgram, BatchProgram | None]:
    """The float program (outputs: the term, the L2 penalty when ``l2``, then h) and the
    NumPy batch program (the term and h: its L2 term is NumPy's), None without NumPy;
    inputs x, then the targets t.  Without an L2 term the batch program serves both."""
    key = ("objective", loss, l2)
    cache = cache_of(model)
    if key not in cache:
        x = [Value(0.0, n) for n in model.input_names]
        t = [Value(0.0, f"t_{n}") for n in model.output_names]
        with enable_grad():
            h = model(x)
            h = [h] if isinstance(h, Value) else h
            term = as_value(loss.sample_term(h, t))
            penalty = [losses.l2_penalty(params, l2)] if l2 else []
        batch = compile_function(lambda _: [term, *h], x + t) if available() else None
        flat = FlatProgram([term, *penalty, *h], x + t) if penalty or batch is None else batch
        cache[key] = (flat, batch)
    found: tuple[FlatProgram, BatchProgram | None] = cache[key]
    return found
