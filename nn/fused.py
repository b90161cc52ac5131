"""A batch epoch of ``fit`` as one C call: the step and the measure after it.

When every step is a step on the whole set through the compiled program on C, with the
weights in one vector (:mod:`nn.vector`), an epoch is one call of
:func:`autograd.cepoch.epoch_source`'s ``epoch``: the step w := update(w, dE/dw) by the
optimiser's own rule (:func:`nn.optimizer_code.on_symbols`), then E and the samples
classified right at the new w, which is all :class:`nn.stepper.Stepper.measure` gives
``fit``'s History.  The weights and the optimiser's buffers stay in NumPy arrays that
the C code changes in place; the gradient at the new weights, which the call computes
anyway, is the next step's.

A minibatch step is one C call too (:meth:`FusedEpoch.minibatch`): the rows gathered,
the gradient at w, the L2 term and the update; the measure after a minibatch epoch goes
the NumPy way (the C program's ``run``), as does the accuracy of a model with several
outputs.

Nothing else changes: the library builds in the background while the epochs run the
NumPy way; a step the C code refuses (a number that would not be finite) is taken the
NumPy way, which raises the optimiser's :class:`nn.optim.DivergedError`; a row outside a
function's domain is left to the NumPy program to name.
"""

from __future__ import annotations

import ctypes
import math
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from autograd.compile import default_backend
from nn.accuracy import positives
from nn.optimizer_code import on_symbols

if TYPE_CHECKING:
    from autograd.cepoch import NativeEpoch

_LIBRARIES: WeakKeyDictionary[Any, dict[tuple[Any, ...], NativeEpoch]] = WeakKeyDictionary()
"""Each batch program's C epochs, by rule, hyperparameters, buffers and L2 term: a model
trained by ``fit`` again (the same program) does not write or load its library again."""


def native_epoch(batch: Any, optimizer: Any, hyper: tuple[str, ...], l2: bool) -> NativeEpoch:
    """The C epoch of ``batch`` for ``optimizer``'s rule with the hyperparameters named
    ``hyper``, building in the background (at once under ``$AUTOGRAD_BACKEND=c``)."""
    from autograd.cepoch import NativeEpoch  # C and NumPy: not in every install

    key = (optimizer.rule, hyper, len(optimizer.buffers), l2)
    kept = _LIBRARIES.setdefault(batch, {})
    if key not in kept:
        update, names = on_symbols(optimizer.rule, hyper)
        kept[key] = NativeEpoch(batch, update, names, len(optimizer.buffers), l2,
                                wait=default_backend() == "c")
    return kept[key]


class FusedEpoch:
    """The C epochs of ``stepper`` (see :func:`fusable` for when they apply)."""

    def __init__(self, stepper: Any) -> None:
        import numpy as np

        from autograd.batch_arguments import grad_outputs_block
        from autograd.cepoch import AFTER, ARRAYS, DONE
        from autograd.csource import workspace

        self.taken, self.after = (DONE, AFTER), AFTER  # the statuses of a step taken
        self.stepper = stepper
        objective, optimizer = stepper.objective, stepper.optimizer
        batch = objective.batch
        n, p = len(objective.X), len(batch.parameters)
        self.X = np.ascontiguousarray(objective.table, dtype=float)
        self.GO = np.ascontiguousarray(
            grad_outputs_block(objective._output_weight_block(n), n, len(batch.outputs)))
        self.OUT = np.empty((n, len(batch.outputs)))
        self.XB, self.GB = np.empty_like(self.X), np.empty_like(self.OUT)  # a minibatch's
        self.blocks = (self.XB.ctypes.data, self.GB.ctypes.data)
        self.WORK = np.empty(workspace(batch, n))
        self.S = np.zeros((len(optimizer.buffers), p))
        self.rows = list(self.S)  # each buffer's row, the array the optimiser holds
        self.GW, self.GL = np.zeros(p), np.zeros(p)
        self.T = np.empty((1 + len(optimizer.buffers)) * p)
        self.R = np.zeros(2)
        self.H = np.zeros(0)  # the hyperparameters' values, in their order (_written_for)
        self.W, self.V = np.empty(p), np.empty(p)  # the program's order, the optimiser's
        self.ORDER = np.ascontiguousarray(stepper.vector.to_program, dtype=np.intc)
        self.fresh = True  # GW is not the gradient at W
        factor = objective.loss.scale(n)
        t = stepper.classifier.threshold
        self.A = np.array([objective.l2, 1.0 if factor is None else factor,
                           t if t is not None else 0.0])
        self.one = len(objective.model.output_names) == 1  # counted here (else in NumPy)
        counts = self.one and t is not None
        self.POS = positives(objective.y).astype(float) if counts else None
        self.rule = f"h > {t:g}" if counts else None
        self.r = self.R.data  # a memoryview: floats out
        arrays = (self.X, self.GO, self.OUT, self.WORK, self.W, self.V, self.ORDER, self.S,
                  self.GW, self.GL, self.T, self.H, self.A, self.POS, self.R)
        run = ctypes.cast(batch.native.library.function(), ctypes.c_void_p).value
        self.ARRAYS = np.array([0 if a is None else a.ctypes.data for a in arrays] + [run],
                               dtype=np.uintp)  # ARRAYS of autograd.cepoch, asked once
        self.arrays = self.ARRAYS.ctypes.data
        self.at_h = ARRAYS.index("const double *H")
        self.names: set[str] = set()
        self.native: Any = None
        self.h: Any = None  # H's memoryview: floats in
        self._written_for(optimizer.hyper())

    def _written_for(self, hyper: dict[str, float]) -> None:
        """The library of the rule with the hyperparameters named in ``hyper`` (SGD's
        momentum set from 0 adds a term: another library, building in the background)."""
        import numpy as np

        self.H = np.zeros(len(hyper))
        self.ARRAYS[self.at_h], self.h = self.H.ctypes.data, self.H.data
        self.names = set(hyper)
        self.native = native_epoch(self.stepper.objective.batch, self.stepper.optimizer,
                                   tuple(hyper), bool(self.stepper.objective.l2))

    def epoch(self) -> tuple[bool, tuple[float, float | None] | None]:
        """One step on the whole set: whether it was taken here (not: the library is not
        loaded, or the C code refused it, and the caller takes it the NumPy way), and
        (E, accuracy) after it (None: the measure is left to the NumPy way)."""
        function, saved = self._begin("function")
        if function is None:
            return False, None
        status = function(self.arrays, len(self.X), self.fresh)
        if not self._end(status in self.taken, saved):
            return False, None
        E = self.r[0]
        self.fresh = status == self.after  # the step taken, then a domain error: no gradient
        if self.fresh or not self.one or not math.isfinite(E):
            return True, None  # the measure goes the NumPy way
        if self.rule is None:
            return True, (E, None)
        self.stepper.classifier.rule = self.rule
        return True, (E, self.r[1] / len(self.X))

    def minibatch(self, rows: list[int]) -> bool:
        """One step on the examples ``rows`` (indices into X) as one C call; whether it was
        taken (not: as for :meth:`epoch`)."""
        import numpy as np

        function, saved = self._begin("minibatch")
        if function is None:
            return False
        index = np.asarray(rows, dtype=np.intc)
        factor = self.stepper.objective.loss.scale(len(rows))
        status = function(self.arrays, len(rows), index.ctypes.data, self.X.shape[1],
                          1.0 if factor is None else factor, *self.blocks)
        self.fresh = True  # GW is the minibatch's gradient, not the set's
        return self._end(status == self.taken[0], saved)

    def _begin(self, name: str) -> tuple[Any, Any]:
        """The C function (``name``: the library's method that gives it, asked once the
        library is the one of the rule's current terms) and what the optimiser's step
        changes besides the weights (:meth:`~nn.optimizer_base.Optimizer._saved`), the
        step begun: the weights and buffers in the shared arrays, the hyperparameters
        in H."""
        stepper = self.stepper
        optimizer, vector = stepper.optimizer, stepper.vector
        hyper = optimizer.hyper()
        if hyper.keys() != self.names:
            self._written_for(hyper)
        function = getattr(self.native, name)()
        if function is None:
            return None, None
        vector.load()
        if vector.w is not self.V:  # new weights: their gradient, if the measure took it
            self.V[:], self.W[:] = vector.w, vector.at
            ahead = stepper.objective._ahead
            self.fresh = ahead is None or ahead[0] is not vector.at
            if not self.fresh:
                self.GW[:] = ahead[1]
        self._share_buffers()
        counted = optimizer.counters
        saved = optimizer._saved(()) if counted else None
        optimizer._begin()
        for k, x in enumerate((optimizer.hyper() if counted else hyper).values()):
            self.h[k] = x
        return function, saved

    def _end(self, taken: bool, saved: Any) -> bool:
        """After the call: the weights and last gradient in the vector if the step was
        ``taken``, else the optimiser's counters as they were."""
        if not taken:
            if saved is not None:
                self.stepper.optimizer._restore(saved)
            self.fresh = True
            return False
        self.stepper.objective._ahead = None  # W changed in place: nothing taken ahead holds
        self.stepper.vector.hold(self.V, self.W, self.GL)
        return True

    def _share_buffers(self) -> None:
        """The optimiser's buffers as the rows of ``S`` (copied in once, then shared)."""
        state = self.stepper.optimizer._state
        for b, row in zip(self.stepper.optimizer.buffers, self.rows, strict=True):
            if state[b] is not row:
                row[:] = state[b]
                state[b] = row


def fusable(stepper: Any) -> bool:
    """Whether the steps of ``stepper`` can be C calls once its batch program is on C:
    batch steps through the weight vector (:mod:`nn.vector`)."""
    return stepper.vector is not None
