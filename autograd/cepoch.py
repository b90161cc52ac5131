"""A batch epoch in C: the optimiser's step and the measure after it, in one native call.

Training in batch mode repeats: take dE/dw at w (the program's reverse pass, with the
L2 term 2 l2 w added), step w := update(w, dE/dw) by the optimiser's rule, then measure
E and the samples classified right at the new w.  The measure's forward pass is the
next step's forward pass too, so one call of

    int epoch(void *const *ARRAYS, int B, int fresh)

with ARRAYS the addresses of X, GO, OUT, WORK, W, V, ORDER, S, GW, GL, T, H, A, POS, R
and run (one argument: ctypes converts each argument at every call, 0.2 us apiece)

does a whole epoch.  W holds the weights in the program's order, V the same in the
optimiser's (W[i] = V[ORDER[i]]); the optimiser's buffers S (one row of P numbers per
buffer) and the step's gradient GL are in the optimiser's order too.  (When ``fresh``)
the gradient GW at W by ``run``, the batch program's own function
(:func:`autograd.csource.batch_source`, in the library :mod:`autograd.cbatch` loaded,
passed by address: this library is a few lines, built in a few tens of milliseconds);
the step's gradient GL = GW + 2 l2 W; the new values and buffers
into the scratch T (the optimiser's rule run on symbols, its hyperparameters read from
H); then, only if every one of them is finite, W, V and S take them in place, and
``run`` at the new W gives OUT, the next step's GW, E = scale sum_b OUT[b, 0] + l2 w.w
into R[0] and, when POS (1 for a positive target) is given, the count of rows with
(OUT[b, 1] > threshold) == POS[b] into R[1].  A = (l2, scale, threshold).

One minibatch step is one call of

    int minibatch(void *const *ARRAYS, int B, const int *index, int width, double part,
                  double *XB, double *GB)

which gathers the B rows ``index`` of X (``width`` numbers each) into XB, their output
weights (``part`` = scale(B) on each row's term) into GB, takes the gradient at W by
``run`` and the same step; it returns DONE, REFUSED or BEFORE as below.

``epoch`` returns :data:`DONE`; :data:`REFUSED` (a gradient or a new number not finite: nothing
changed, the caller takes the step the NumPy way, which raises the optimiser's error);
:data:`BEFORE` (a row outside a function's domain at the old W: nothing changed); or
:data:`AFTER` (the step taken, a row outside a domain at the new W: no E).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from typing import Any

from autograd.csource import PRELUDE, statements
from autograd.native import Library
from autograd.step_lines import written
from autograd.symbols import Symbol

DONE, REFUSED, BEFORE, AFTER = 0, 1, 2, 3
_A = ctypes.c_void_p
ARRAYS = ("const double *X", "const double *GO", "double *OUT", "double *WORK", "double *W",
          "double *V", "const int *ORDER", "double *S", "double *GW", "double *GL",
          "double *T", "const double *H", "const double *A", "const double *POS",
          "double *R", "Run run")
"""What ``epoch``'s first argument points at, in order."""
ARGTYPES = [_A, ctypes.c_int, ctypes.c_int]
"""epoch(ARRAYS, B, fresh)."""
MINIBATCH = [_A, ctypes.c_int, _A, ctypes.c_int, ctypes.c_double, _A, _A]
"""minibatch(ARRAYS, B, index, width, part, XB, GB)."""
RUN = ("typedef int (*Run)(int B, const double *X, const double *W, const double *GO,\n"
       "                   double *OUT, double *GW, double *WORK);")
"""The type of the batch program's ``run`` (:mod:`autograd.csource`)."""


def epoch_source(program: Any, update: Callable[..., tuple[Any, ...]], hyper: Sequence[str],
                 buffers: int, l2: bool) -> str:
    """The C source of ``epoch`` for the batch program ``program`` and the optimiser's
    ``update`` on symbols (taking the hyperparameters named ``hyper`` and ``buffers``
    buffers); ``l2``: whether the objective has an L2 term."""
    n_par, n_out = len(program.parameters), len(program.outputs)
    slots = [Symbol(f"S[{n} * P + k]") for n in range(buffers)]
    value, changed = written(update, Symbol("W[i]"), Symbol("GL[k]"), slots,
                             [f"new_B{n}" for n in range(buffers)])
    new = [f"double new_B{n} = {text}" for n, text in changed] + [f"double new_w = {value}"]
    finite = " || ".join(["!isfinite(new_w)", *(f"!isfinite(new_B{n})" for n, _ in changed)])
    keep = ["T[i] = new_w", *(f"T[{n + 1} * P + k] = new_B{n}" for n, _ in changed)]
    take = ["memcpy(W, T, P * sizeof(double))",
            "for (int i = 0; i < P; i++) V[ORDER[i]] = T[i]",
            *(f"memcpy(S + {n} * P, T + {n + 1} * P, P * sizeof(double))" for n, _ in changed)]
    gradient = "GW[i] + (2.0 * l2) * W[i]" if l2 else "GW[i]"
    penalty = ["double ww = 0.0;", "for (int i = 0; i < P; i++) ww += W[i] * W[i];",
               "E += l2 * ww;"] if l2 else []
    unpack = [f"{declared} = {'(Run)' if declared.startswith('Run') else ''}ARRAYS[{k}];"
              for k, declared in enumerate(ARRAYS)]
    given = [*unpack, f"const int P = {n_par};", "const double l2 = A[0], scale = A[1], "
             "threshold = A[2];", "(void)X; (void)GO; (void)OUT; (void)WORK; (void)POS; "
             "(void)R; (void)run; (void)l2; (void)scale; (void)threshold;"]
    step = [*given, *(f"const double {name} = H[{k}];" for k, name in enumerate(hyper)),
            "for (int i = 0; i < P; i++) {", f"GL[ORDER[i]] = {gradient};",
            "if (!isfinite(GL[ORDER[i]])) return 1;", "}",
            "for (int i = 0; i < P; i++) {", "const int k = ORDER[i];", *statements(new),
            f"if ({finite}) return 1;", *statements(keep), "}", *statements(take), "return 0;"]
    epoch = [*given, "if (fresh) {", "memset(GW, 0, P * sizeof(double));",
             "if (run(B, X, W, GO, OUT, GW, WORK) >= 0) return 2;", "}",
             "if (take_step(ARRAYS)) return 1;", "memset(GW, 0, P * sizeof(double));",
             "if (run(B, X, W, GO, OUT, GW, WORK) >= 0) return 3;",
             "double E = 0.0;", f"for (int b = 0; b < B; b++) E += OUT[(long)b * {n_out}];",
             "E = E * scale;", *penalty, "R[0] = E;",
             "if (POS) {", "long hits = 0;",
             f"for (int b = 0; b < B; b++) hits += (OUT[(long)b * {n_out} + 1] > threshold)"
             " == (POS[b] != 0.0);", "R[1] = (double)hits;", "}", "return 0;"]
    rows = [*given, "for (int r = 0; r < B; r++) memcpy(XB + (long)r * width, "
            "X + (long)index[r] * width, width * sizeof(double));",
            f"memset(GB, 0, (long)B * {n_out} * sizeof(double));",
            f"for (int r = 0; r < B; r++) GB[(long)r * {n_out}] = part;",
            "memset(GW, 0, P * sizeof(double));",
            "if (run(B, XB, W, GB, OUT, GW, WORK) >= 0) return 2;",
            "return take_step(ARRAYS);"]

    def function(head: str, lines: list[str]) -> str:
        return f"{head} {{\n    " + "\n    ".join(lines) + "\n}\n"

    return (f"{PRELUDE}\n{RUN}\n" + function("static int take_step(void *const *ARRAYS)", step)
            + function("int epoch(void *const *ARRAYS, int B, int fresh)", epoch)
            + function("int minibatch(void *const *ARRAYS, int B, const int *index, "
                       "int width,\n              double part, double *XB, double *GB)",
                       rows))


class NativeEpoch:
    """The C epoch of one batch program and optimiser rule, built in the background."""

    def __init__(self, program: Any, update: Callable[..., tuple[Any, ...]],
                 hyper: Sequence[str], buffers: int, l2: bool, wait: bool = False) -> None:
        source = epoch_source(program, update, hyper, buffers, l2)
        self.library = Library(source, "epoch", ARGTYPES, ctypes.c_int, wait)
        self._minibatch: Any = None

    def function(self) -> Any:
        """``epoch`` (arguments by address, as above), or None until it is loaded."""
        return self.library.function()

    def minibatch(self) -> Any:
        """``minibatch`` of the same library, or None until it is loaded."""
        if self._minibatch is None and self.library.function() is not None:
            same = Library(self.library.source, "minibatch", MINIBATCH, ctypes.c_int,
                           wait=True)  # the library built for epoch, from the cache
            self._minibatch = same.function()
        return self._minibatch
