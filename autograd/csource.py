"""A flat program written as C: the same lines :mod:`autograd.emit` writes, in C's syntax.

The rules run on symbols exactly as for the Python backend; what changes is the target:
each line ends in ``;``, each local is declared ``double``, a domain predicate that holds
returns the batch row at fault (the caller then lets the NumPy program raise the
engine's error for it), and the functions the rules call are the C prelude below,
written to give what the float functions of :data:`autograd.ops.FLOATS` give (IEEE
arithmetic: ``inf``, ``nan``, no exception).  One call runs a whole batch:

    int run(int B, const double *X, const double *W, const double *GO,
            double *OUT, double *GW)

X holds B rows of one number per input, W the parameters, GO (or NULL for the outputs
alone) B rows of output weights g; OUT gets B rows of outputs and GW += sum_b g_b
d out(x_b)/dw.  It returns -1, or the first row outside a function's domain.
"""

from __future__ import annotations

import re
from typing import Any

from autograd.emit import Guard, forward, reverse, slot_text
from autograd.steps import StepsPlan
from autograd.symbols import Symbol, literal

PRELUDE = r"""
#include <math.h>
#define nan NAN
#define inf INFINITY
#define True 1
#define False 0
#define abs(x) fabs(x)
#define pow_ pow
#define log_ log
#define sqrt_ sqrt
#define div_ div
static double div(double x, double y) { return x / y; }
static double mod(double x, double y) {  /* Python's %: the sign of y */
    double r = fmod(x, y);
    return (r != 0.0 && ((r < 0.0) != (y < 0.0))) ? r + y : r;
}
static double sigmoid(double x) {
    if (x >= 0.0) return 1.0 / (1.0 + exp(-x));
    double e = exp(x);
    return e / (1.0 + e);
}
static double softplus(double x) { return ((0.0 > x) ? 0.0 : x) + log1p(exp(-fabs(x))); }
static double logaddexp(double x, double y) {
    if (x == y) return x + 0.69314718055994529;
    double top = (y > x) ? y : x;
    return top + log1p(exp(-fabs(x - y)));
}
static double relu(double x) { return x <= 0.0 ? 0.0 : x; }
static double step(double x) { return x > 0.0 ? 1.0 : (x <= 0.0 ? 0.0 : x); }
static double sign(double x) { return x == x ? (double)((x > 0.0) - (x < 0.0)) : x; }
static double scale_pow(double c, double x, double e) { return c == 0.0 ? 0.0 : c * pow(x, e); }
"""

_ASSIGNED = re.compile(r"^\s*([A-Za-z_]\w*) = ")


def guard(action: str) -> Guard:
    """A C guard: ``action`` (``return r;``, ``break;``) where a domain predicate holds."""
    def write(line: str, checks: list[tuple[str, str]]) -> list[str]:
        return [f"if ({bad}) {action}" for bad, _ in checks] + [line]

    return write


def statements(lines: list[str]) -> list[str]:
    """Python's assignments as C statements (a guard line is one already)."""
    return [line if line.startswith("if (") else f"{line};" for line in lines]


def _declared(lines: list[str]) -> list[str]:
    """Every local the lines assign, in order of first assignment."""
    names: dict[str, None] = {}
    for line in lines:
        if (match := _ASSIGNED.match(line)) is not None:
            names.setdefault(match.group(1), None)
    return list(names)


def batch_source(program: Any) -> str:
    """The C source of ``run`` for ``program``: forward and reverse pass over a batch."""
    v = slot_text(program)
    n_in, n_out = len(program.inputs), len(program._outs)
    read = [f"v{s} = W[{i}]" for i, (s, _) in enumerate(program._parameters)]
    columns = [f"v{s} = x[{j}]" for s, j in program._inputs]
    ahead = forward(program, v, guard("return r;"))
    outs = [f"OUT[r * {n_out} + {k}] = {literal(v[s])}" for k, s in enumerate(program._outs)]
    back, have = reverse(program, v, [Symbol(f"g_out[{k}]") for k in range(n_out)])
    sums = [f"GW[{i}] += {have[s]}" for i, (s, _) in enumerate(program._parameters)
            if s in have]
    names = _declared(read + columns + ahead + back)
    lines = [f"double {', '.join(names)};" if names else "",
             *statements(read),
             "for (int r = 0; r < B; r++) {",
             f"const double *x = X + (long)r * {n_in};",
             *statements(columns + ahead + outs),
             "if (GO) {", f"const double *g_out = GO + (long)r * {n_out};",
             *statements(back + sums), "}", "}", "return -1;"]
    body = "\n    ".join(lines)
    return (f"{PRELUDE}\nint run(int B, const double *X, const double *W, const double *GO,"
            f"\n        double *OUT, double *GW) {{\n    {body}\n}}\n")


def steps_source(program: Any, seeds: Any, trained: list[int], update: Any, buffers: int,
                 n_trained: int) -> str:
    """The C source of ``steps``: sequential updates as :func:`autograd.floats.steps_function`
    takes them (:class:`autograd.steps.StepsPlan`), with X a (rows, inputs) block, ``order``
    ints, W the parameters, B the ``buffers`` as one block of ``n_trained`` columns:

        int steps(const double *X, const int *order, int start, int stop,
                  double *W, double *B, double *G)

    returning the position reached (a step outside a function's domain is not taken)."""
    plan = StepsPlan(program, seeds, trained, update, buffers, f"B[{{n}} * {n_trained} + {{k}}]",
                     guard("break;"))
    n_in = len(program.inputs)
    read = [f"v{s} = W[{i}]" for i, (s, _) in enumerate(program._parameters)]
    columns = [f"v{s} = x[{j}]" for s, j in program._inputs]
    total = ["total = 0.0"] + [f"total = total + {term}" for term in plan.finite]
    loop = columns + plan.body + total
    names = _declared(read + plan.state + loop + plan.moves)
    lines = [f"double {', '.join(names)};", *statements(read + plan.state),
             "int position = start;", "for (; position < stop; position++) {",
             f"const double *x = X + (long)order[position] * {n_in};", *statements(loop),
             "if (!isfinite(total)) break;", *statements(plan.moves), "}",
             *statements(plan.stores), "if (position == stop && stop > start) {",
             *statements(plan.last), "}", "return position;"]
    body = "\n    ".join(lines)
    return (f"{PRELUDE}\nint steps(const double *X, const int *order, int start, int stop,"
            f"\n          double *W, double *B, double *G) {{\n    {body}\n}}\n")
