"""A flat program written as C: the table's rules run on symbols, in C's syntax.

The rules run on symbols exactly as for the Python backend; what changes is the target:
a domain predicate that holds returns the batch row at fault (the caller then lets the
NumPy program raise the engine's error for it), and the functions the rules call are
the C prelude below, written to give what the float functions of
:data:`autograd.ops.FLOATS` give (IEEE arithmetic: ``inf``, ``nan``, no exception).

A batch program is written by level groups (:mod:`autograd.cgroups`: one function per
group, its indices as data), and one call runs a whole batch:

    int run(int B, const double *X, const double *W, const double *GO,
            double *OUT, double *GW, double *WORK)

X holds B rows of one number per input, W the parameters, GO (or NULL for the outputs
alone) B rows of output weights g; OUT gets B rows of outputs and GW += sum_b g_b
d out(x_b)/dw; WORK (or NULL: allocated in the call) holds :func:`workspace` numbers.
It returns -1, or the first row outside a function's domain.
Sequential steps (:func:`steps_source`) are straight-line code, one line per node
(:mod:`autograd.emit`), each line ending in ``;`` and each local declared ``double``.
"""

from __future__ import annotations

import re
from typing import Any

from autograd.cdata import Data
from autograd.cgroups import backward, forward
from autograd.emit import Guard
from autograd.step_lines import StepsPlan

PRELUDE = r"""
#include <math.h>
#include <stdlib.h>
#include <string.h>
#define nan NAN
#define inf INFINITY
#define True 1
#define False 0
#define abs(x) fabs(x)
#define pow_ pow
#define log_ log
#define sqrt_ sqrt
#define div_ div
#define div program_div  /* not stdlib's div */
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
static double relu(double x) {  /* x <= 0 ? 0 : x, without a branch to mispredict */
    union { double d; unsigned long long u; } bits = {x};
    bits.u &= (unsigned long long)(x <= 0.0) - 1ULL;
    return bits.d;
}
static double step(double x) { return x != x ? x : (double)(x > 0.0); }
static double sign(double x) { return x == x ? (double)((x > 0.0) - (x < 0.0)) : x; }
static double scale_pow(double c, double x, double e) { return c == 0.0 ? 0.0 : c * pow(x, e); }
"""

LOOPS = r"""
#ifdef __GNUC__  /* one function per group, kept apart: the compiler's time stays linear */
#define GROUP static __attribute__((noinline)) int
#else
#define GROUP static int
#endif
/* y[b] = (add ? y[b] : 0) + sum_e c_e x_e[b], e = first..last-1, c_e = sign_e S[source_e]
   and x_e the row row_e of X: one sparse row of a weighted sum, eight samples at a time,
   its terms added in order into eight running sums */
static void gather(int n, int first, int last, const int *row, const int *source,
                   const double *sign, const double *S, const double *X,
                   double *restrict y, int add) {
    int b = 0;
    for (; b + 8 <= n; b += 8) {
        double t0, t1, t2, t3, t4, t5, t6, t7;
        if (add) { t0 = y[b]; t1 = y[b + 1]; t2 = y[b + 2]; t3 = y[b + 3];
                   t4 = y[b + 4]; t5 = y[b + 5]; t6 = y[b + 6]; t7 = y[b + 7]; }
        else t0 = t1 = t2 = t3 = t4 = t5 = t6 = t7 = 0.0;
        for (int e = first; e < last; e++) {
            const double c = sign[e] * S[source[e]];
            const double *x = X + (long)row[e] * n + b;
            t0 += c * x[0]; t1 += c * x[1]; t2 += c * x[2]; t3 += c * x[3];
            t4 += c * x[4]; t5 += c * x[5]; t6 += c * x[6]; t7 += c * x[7];
        }
        y[b] = t0; y[b + 1] = t1; y[b + 2] = t2; y[b + 3] = t3;
        y[b + 4] = t4; y[b + 5] = t5; y[b + 6] = t6; y[b + 7] = t7;
    }
    for (; b < n; b++) {
        double t = add ? y[b] : 0.0;
        for (int e = first; e < last; e++) t += sign[e] * S[source[e]] * X[(long)row[e] * n + b];
        y[b] = t;
    }
}
static double dot(int n, const double *restrict g, const double *restrict z) {
    double t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0;  /* sum_b g_b z_b in four running sums */
    int b = 0;
    for (; b + 4 <= n; b += 4) {
        t0 += g[b] * z[b]; t1 += g[b + 1] * z[b + 1];
        t2 += g[b + 2] * z[b + 2]; t3 += g[b + 3] * z[b + 3];
    }
    for (; b < n; b++) t0 += g[b] * z[b];
    return (t0 + t1) + (t2 + t3);
}
"""
"""The dense loops of a weighted sum over the batch: axpy (forward, dE/dz) and dot (dE/dc),
the dot's sum in four independent running sums (a chain of dependent additions would
wait on each; the order is fixed by the code, IEEE throughout)."""

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
    """The C source of ``run`` for ``program``: forward and reverse pass over a batch, one
    loop per level group (:mod:`autograd.cgroups`), the batch in chunks of
    :func:`chunk` samples."""
    data = Data()
    static, varying = program._static, program._varying
    n_par, n_in, n_out = len(program.parameters), len(program.inputs), len(program._outs)
    constants = data.doubles(program._constant_values.tolist())
    columns = data.ints(program._input_columns)

    def calls(made: list[str]) -> list[str]:
        return [f"if ((status = {call}) >= 0) goto done;" for call in made]

    ahead = calls([forward(group, data) for group in static.groups])
    body = calls([forward(group, data) for group in varying.groups])
    back = calls([c for group in reversed(varying.groups) for c in backward(group, data)])
    behind = calls([c for group in reversed(static.groups) for c in backward(group, data)])
    outs, seeding, every = [], [], "for (int b = 0; b < n; b++) "
    for k, (varies, r) in enumerate(program._out_rows):
        at = f"(long)(start + b) * {n_out} + {k}"
        value, grad = (f"V[(long){r} * n + b]", f"G[(long){r} * n + b]") if varies \
            else (f"S[{r}]", f"GS[{r}]")
        outs.append(f"{every}OUT[{at}] = {value};")
        seeding.append(f"{every}{grad} += GO[{at}];")
    width = chunk(varying.n_rows)
    lines = [f"const long rows = {varying.n_rows + 1}, cells = {static.n_rows + 1}, "
             f"width = B < {width} ? (B > 0 ? B : 1) : {width};",
             "int status = -1, n = 1, start = 0;",
             "double *S = WORK, *GS = WORK + cells, *V = GS + cells, *G = V + rows * width;",
             "if (!WORK) {  /* no workspace given: one of its own */",
             "S = malloc(cells * sizeof(double)), GS = malloc(cells * sizeof(double));",
             "V = malloc(rows * width * sizeof(double));",
             "G = GO ? malloc(rows * width * sizeof(double)) : NULL;",
             "if (!S || !GS || !V || (GO && !G)) { status = 0; goto done; }", "}",
             "memset(GS, 0, cells * sizeof(double));",
             f"for (int i = 0; i < {n_par}; i++) S[i] = W[i];",
             f"for (int i = 0; i < {len(program._constant_values)}; i++) "
             f"S[{n_par} + i] = {constants}[i];",
             "{", "double *V = S, *G = GS;  /* the static space: one column */", *ahead, "}",
             f"for (start = 0; start < B; start += {width}) {{",
             f"n = B - start < {width} ? B - start : {width};",
             f"for (int j = 0; j < {len(program._input_columns)}; j++) "
             f"for (int b = 0; b < n; b++) "
             f"V[(long)j * n + b] = X[(long)(start + b) * {n_in} + {columns}[j]];",
             *body, *outs, "if (GO) {", "memset(G, 0, rows * n * sizeof(double));",
             *seeding, *back, "}", "}",
             "if (GO) {", "double *V = S, *G = GS;", "n = 1, start = 0;", *behind,
             f"for (int i = 0; i < {n_par}; i++) GW[i] += GS[i];", "}",
             "done:", "if (!WORK) { free(S); free(GS); free(V); free(G); }", "return status;"]
    text = "\n    ".join(lines)
    return (f"{PRELUDE}{LOOPS}\n{chr(10).join(data.lines)}\n"
            f"int run(int B, const double *X, const double *W, const double *GO,"
            f"\n        double *OUT, double *GW, double *WORK) {{\n    {text}\n}}\n")


def workspace(program: Any, rows: int) -> int:
    """How many numbers ``run`` uses for a batch of ``rows`` rows: the static column and its
    gradient, one chunk's block and its gradient."""
    static, varying = int(program._static.n_rows), int(program._varying.n_rows)
    width = max(1, min(rows, chunk(varying)))
    return 2 * (static + 1) + 2 * (varying + 1) * width


def chunk(rows: int) -> int:
    """Samples per chunk of the batch: the block of ``rows`` rows (and its gradient) within
    about 4 MB, between 128 and 2,048 samples."""
    return max(128, min(2048, (1 << 19) // max(rows, 1)))


def steps_source(program: Any, grad_outputs: Any, trained: list[int], update: Any,
                 hyper: list[str], buffers: int, n_trained: int) -> str:
    """The C source of ``steps``: sequential updates as :func:`autograd.floats.steps_function`
    takes them (:class:`autograd.step_lines.StepsPlan`), with X a (rows, inputs) block, ``order``
    ints, W the parameters, B the ``buffers`` as one block of ``n_trained`` columns, H
    the hyperparameters named ``hyper``:

        int steps(const double *X, const int *order, int start, int stop,
                  double *W, double *B, double *G, const double *H)

    returning the position reached (a step outside a function's domain is not taken)."""
    plan = StepsPlan(program, grad_outputs, trained, update, hyper, buffers,
                     f"B[{{n}} * {n_trained} + {{k}}]", guard("break;"))
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
            f"\n          double *W, double *B, double *G, const double *H) {{\n    {body}\n}}\n")
