"""The Python backend: a flat program as generated functions on floats held in locals.

No dependency, so it runs wherever Python does (the static site under Pyodide too).
Each function is written once per program by :mod:`autograd.emit` from the table's
rules run on symbols, and compiled by ``exec``:

- :func:`row_function`: one sample's forward and reverse pass; it adds
  sum_k g_k d out_k/dw to each parameter's ``.grad`` (``FlatProgram.backward_row``);
- :func:`rows_function`: the forward pass over many rows (``FlatProgram.forward_rows``);
- :func:`steps_function`: sequential training, one optimiser update per sample,
  w := update(w, dE_i/dw), the weights never leaving their locals between samples.

The numbers are the scalar engine's, bit for bit (the same float operations in the same
order); a step whose gradient is not finite is not taken (see :func:`steps_function`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd.emit import define, forward, indent, python_guard, reverse, slot_text
from autograd.step_lines import StepsPlan
from autograd.symbols import Symbol, literal


def _leaves(program: Any, weights: str, inputs: str) -> tuple[list[str], list[str]]:
    """The lines that read the parameters (``weights`` formats index i) and the inputs
    (``inputs`` formats column j: ``x[{j}]`` reads a row ``x`` of exactly one number per
    input, unpacked in one statement when every input is read)."""
    read = [f"v{s} = {weights.format(i=i)}" for i, (s, _) in enumerate(program._parameters)]
    by_column = sorted((j, s) for s, j in program._inputs)
    if inputs == "x[{j}]" and [j for j, _ in by_column] == list(range(len(program.inputs))):
        targets = "".join(f"v{s}, " for _, s in by_column)
        return read, [f"{targets}= x"] if by_column else []
    columns = [f"v{s} = {inputs.format(j=j)}" for s, j in program._inputs]
    return read, columns


def _outputs(program: Any, v: list[Any]) -> str:
    return "[" + ", ".join(literal(v[s]) for s in program._outs) + "]"


def row_function(program: Any) -> Any:
    """``row(P, x, g)``: the outputs at sample ``x`` (floats, one per input), after adding
    sum_k g_k d out_k/dP_i to ``P[i].grad`` for each parameter ``P`` = ``parameters``."""
    v = slot_text(program)
    read, columns = _leaves(program, "P[{i}].data", "x[{j}]")
    grad_outputs = [Symbol(f"g_out[{k}]") for k in range(len(program._outs))]
    back, have = reverse(program, v, grad_outputs)
    store = [f"P[{i}].grad += {have[s]}" for i, (s, _) in enumerate(program._parameters)
             if s in have]
    body = read + columns + forward(program, v) + back + store
    return define("row", ["def row(P, x, g_out):", *indent(body, 1),
                          f"    return {_outputs(program, v)}"], "backward_row")


def rows_function(program: Any) -> Any:
    """``rows(P, X)``: the outputs of every row of ``X``, the parameters ``P`` read once; an
    error of the engine names its row (``rows[i]``)."""
    v = slot_text(program)
    read, columns = _leaves(program, "P[{i}].data", "float(x[{j}])")
    loop = columns + forward(program, v) + [f"append({_outputs(program, v)})"]
    lines = ["def rows(P, X):", *indent(read, 1), "    out = []", "    append = out.append",
             "    i = 0", "    try:", "        for i, x in enumerate(X):", *indent(loop, 3),
             "    except (ArithmeticError, ValueError) as error:",
             "        raise type(error)(f'{error} (rows[{i}])') from None",
             "    return out"]
    return define("rows", lines, "forward_rows")


def steps_function(program: Any, grad_outputs: Sequence[float | None], trained: Sequence[int],
                   update: Callable[..., tuple[Any, ...]], hyper: Sequence[str],
                   buffers: int) -> Any:
    """``steps(W, B, X, order, start, stop, G, H)``: the sequential updates ``start`` to
    ``stop`` (positions in ``order``, rows of ``X`` with one float per input), returning
    the position reached; see :class:`autograd.step_lines.StepsPlan` for what a step does
    and when it is not taken.  ``W`` holds the values of ``parameters`` and is updated
    in place, ``B`` holds the optimiser's buffers (lists, one number per parameter of
    the optimiser), ``G`` gets the gradients of the last step when every step was
    taken, ``H`` holds the hyperparameters named ``hyper`` (``update`` on symbols)."""
    plan = StepsPlan(program, grad_outputs, trained, update, hyper, buffers, "B[{n}][{k}]",
                     python_guard)
    read, columns = _leaves(program, "W[{i}]", "x[{j}]")
    loop = ["x = X[order[position]]", *columns, *plan.body, *_total("total", plan.finite),
            "if not isfinite(total):", "    break", *plan.moves]
    lines = ["def steps(W, B, X, order, start, stop, G, H):", *indent(read + plan.state, 1),
             "    position = start", "    for position in range(start, stop):",
             *indent(loop, 2), "    else:", "        position = stop",
             *indent(plan.stores, 1), "    if position == stop > start:",
             *indent(plan.last or ["pass"], 2), "    return position"]
    return define("steps", lines, "steps")


def _total(name: str, terms: list[str], width: int = 64) -> list[str]:
    """Lines that sum ``terms`` into ``name``, ``width`` terms a line (a sum of thousands in
    one expression would nest too deep for Python's compiler)."""
    lines = [f"{name} = 0.0"]
    for k in range(0, len(terms), width):
        lines.append(f"{name} = {name} + ({' + '.join(terms[k:k + width])})")
    return lines


class PythonFunctions:
    """A program's generated functions on floats, each written on its first use."""

    def __init__(self, program: Any) -> None:
        self.program = program
        self._row: Any = None
        self._rows: Any = None

    @property
    def row(self) -> Any:
        """:func:`row_function` of the program."""
        if self._row is None:
            self._row = row_function(self.program)
        return self._row

    @property
    def rows(self) -> Any:
        """:func:`rows_function` of the program."""
        if self._rows is None:
            self._rows = rows_function(self.program)
        return self._rows
