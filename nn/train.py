"""fit(): gradient descent on a model over a data set, in the tutorial's batch or sequential form.

The tutorial (section 1.3) gives two ways to use the per-example gradients dE_i/dw:

- batch: one update per epoch on the whole set, w := w - eta sum_i dE_i/dw
  (``mode="batch"``; ``batch_size=b`` splits the epoch into steps on b examples);
- sequential: one update per example, w := w - eta dE_i/dw (``mode="sequential"``).

Each step is the engine's own backpropagation: E = loss(outputs, targets),
``E.backward()``, ``optimizer.step()``.  After every epoch the loss over the whole
set (and the accuracy, for class labels) is measured with the weights reached, and
training stops early once the loss changes by less than ``tol``, or when a step would
make a weight infinite (it is not applied; see :attr:`nn.History.diverged`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from nn import arguments, losses
from nn.history import History
from nn.objective import Objective
from nn.optim import SGD, DivergedError, Optimizer
from nn.progress import ProgressBar, watched
from nn.stepper import Stepper


def fit(
    model: Callable[[Any], Any],
    X: Sequence[Any],
    y: Sequence[Any],
    loss: str | losses.Loss = "squared_error",
    optimizer: Optimizer | None = None,
    lr: float | None = None,
    epochs: int = 100,
    mode: str = "batch",
    batch_size: int | None = None,
    shuffle: bool = True,
    seed: int | None = None,
    tol: float | None = None,
    progress: bool | None = None,
    l2: float = 0.0,
    callback: Callable[[int, History], Any] | None = None,
    compiled: bool | None = None,
) -> History:
    """Train ``model`` on inputs ``X`` and targets ``y``; return the :class:`History`.

    - ``X``: one row of inputs per example (a list, or a dict by input name), given as a
      list, any other sequence of rows, or a NumPy array; ``y`` likewise, one target each.

    - ``loss``: a name of :data:`nn.losses.LOSSES` or a callable(outputs, targets).
    - ``optimizer`` or ``lr`` (exactly one): ``lr=eta`` means ``SGD(model.parameters(), eta)``,
      plain gradient descent (the tutorial, section 1.3).
    - ``mode="batch"``: one step per epoch on the loss of the whole set, whose gradient
      for ``squared_error`` is the tutorial's summed gradient sum_i dE_i/dw; with
      ``batch_size=b``, one step per group of b examples.  ``mode="sequential"``:
      one step per example (``batch_size`` must then be None or 1).
    - ``shuffle``: visit the examples in a new random order every epoch (only when an
      epoch has more than one step).  All randomness comes from
      ``random.Random(seed)``: the same seed and initial weights give the same run.
    - ``tol``: stop once |E_epoch - E_previous| < tol (the first epoch is compared
      with the loss before training).
    - ``progress``: a progress bar with the current loss on stderr; nothing if False; by
      default (None) only where it is watched, on a terminal or in a notebook
      (:func:`nn.progress.watched`), so a script's log gets no lines it did not ask for.
    - ``l2``: alpha of an L2 penalty alpha sum_w w^2 added to the loss of every step
      and to the reported loss.
    - ``callback(epoch, history)``: called after every epoch (1-based) once the epoch's
      loss and accuracy are recorded; a true return value stops training, e.g.
      ``callback=lambda epoch, h: h.accuracy[-1] == 1.0``.
    - ``compiled``: take the steps through the compiled program of one sample's objective
      (:mod:`nn.objective`; the same gradients up to rounding, and in sequential mode
      the scalar engine's, bit for bit): None where it pays (named activations, a loss
      of :mod:`nn.losses` that one recorded pass can follow, and in batch mode NumPy and
      steps of 16 examples or more), True insists (or says why not), False never.

    Accuracy is measured when the targets are class labels.  One output and labels 0/1
    or -1/+1: an output counts as the positive class (1 or +1) when it is above a
    threshold, 0 for losses on raw scores (``hinge``,
    ``binary_cross_entropy_with_logits``, or a callable with attribute
    ``threshold``), otherwise the midpoint of the two labels (0.5 for 0/1, 0 for +-1).
    K outputs and labels 0..K-1 (or one-hot rows, as for ``cross_entropy``): the class
    is the argmax, the index of the largest output.  ``History.accuracy_rule`` says
    which rule was used.

    Every argument, and the model on every example, is checked before any weight moves.
    A step that would leave a weight or the optimiser's state not finite is not applied:
    training stops there with a RuntimeWarning, the last finite weights in place, and
    ``History.diverged`` says why and which setting to lower (the learning rate eta, the
    momentum, the L2 rate).
    """
    loss_fn = losses.get(loss)
    X, y = _as_lists(X), _as_lists(y)
    _check_data(X, y)
    _check_settings(model, optimizer, lr, epochs, mode, batch_size, shuffle, seed, tol,
                    progress, l2)
    if callback is not None and not callable(callback):
        raise TypeError(f"fit: callback must be callable, got {type(callback).__name__}")
    if compiled is not None and not isinstance(compiled, bool):
        raise TypeError(f"fit: compiled must be True, False or None (automatic), "
                        f"got {compiled!r}")
    params = list(model.parameters()) if hasattr(model, "parameters") else []
    if optimizer is None:
        optimizer = SGD(params, lr)  # type: ignore[arg-type]
    elif params and not set(params) & set(optimizer.params):
        raise ValueError("fit: the optimizer holds none of the model's parameters, so training "
                         "would change nothing; build it on model.parameters()")
    objective = Objective(model, loss_fn, l2, params, X, y, compiled)
    stepper = Stepper(objective, optimizer, mode, batch_size, shuffle, seed)
    bar = ProgressBar(epochs) if progress or (progress is None and watched()) else None
    with stepper.running():
        history = _train(stepper, epochs, tol, callback, bar)
    if bar:
        bar.close()
    return history


def _train(stepper: Stepper, epochs: int, tol: float | None, callback: Any,
           bar: ProgressBar | None) -> History:
    """The epochs of :func:`fit`, each followed by the loss, the accuracy and the callback
    (which sees the Values up to date: :meth:`Stepper.sync`); a divergence ends them with a
    warning and the last finite weights in place."""
    history = History(stepper.measure()[0])
    history.accuracy_rule = stepper.classifier.rule
    previous = history.initial_loss
    for epoch in range(1, epochs + 1):
        try:
            stepper.epoch()
            current, accuracy = stepper.measure()
        except DivergedError as error:
            history.stopped_early, history.diverged = True, str(error)
            warnings.warn(f"fit stopped in epoch {epoch}: {error}", RuntimeWarning,
                          stacklevel=3)
            break
        history.loss.append(current)
        if accuracy is not None:
            history.accuracy.append(accuracy)
        if bar:
            bar.update(epoch, current, accuracy)
        converged = tol is not None and abs(previous - current) < tol
        if callback is not None:
            stepper.sync()
        if converged or (callback is not None and callback(epoch, history)):
            history.stopped_early = epoch < epochs
            break
        previous = current
    return history


# -- helpers -----------------------------------------------------------------------------


def _as_lists(data: Any) -> Any:
    """A NumPy array (or any array with ``tolist``) as nested lists; anything else as it is."""
    tolist = getattr(data, "tolist", None)
    return tolist() if callable(tolist) and not isinstance(data, (list, tuple)) else data


def _check_data(X: Any, y: Any) -> None:
    arguments.sequence("fit", "X", X)
    arguments.sequence("fit", "y", y)
    if len(X) != len(y):
        raise ValueError(f"fit: X has {len(X)} examples but y has {len(y)} targets")
    if not X:
        raise ValueError("fit: X is empty; there is nothing to train on")
    for i, x in enumerate(X):
        if not (arguments.is_list(x) or isinstance(x, Mapping)):
            raise TypeError(
                f"fit: X[{i}] must be a list of inputs (or a dict by input name), "
                f"got {type(x).__name__}"
            )


def _check_settings(model: Any, optimizer: Any, lr: Any, epochs: Any, mode: Any,
                    batch_size: Any, shuffle: Any, seed: Any, tol: Any, progress: Any,
                    l2: Any) -> None:
    if not callable(model):
        raise TypeError(f"fit: model must be callable, got {type(model).__name__}")
    if (optimizer is None) == (lr is None):
        raise TypeError("fit: give exactly one of optimizer= (an nn.optim.Optimizer) "
                        "or lr= (the step size eta of plain SGD)")
    if optimizer is not None and not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"fit: optimizer must be an nn.optim.Optimizer, got {type(optimizer).__name__}"
        )
    if optimizer is None and not hasattr(model, "parameters"):
        raise TypeError("fit: model has no parameters(); pass optimizer= with its parameters")
    if l2 and not hasattr(model, "parameters"):
        raise TypeError("fit: l2 needs model.parameters(), which this model does not have")
    arguments.integer("fit", "epochs", epochs, at_least=1, symbol=True)
    if mode not in ("batch", "sequential"):
        raise ValueError(f"fit: mode must be 'batch' or 'sequential', got {mode!r}")
    if batch_size is not None:
        arguments.integer("fit", "batch_size", batch_size, at_least=1, symbol=True)
        if mode == "sequential" and batch_size != 1:
            raise ValueError(
                f"fit: mode='sequential' steps on one example at a time; batch_size="
                f"{batch_size} contradicts it (use mode='batch' with batch_size)"
            )
    arguments.flag("fit", "shuffle", shuffle)
    if progress is not None:
        arguments.flag("fit", "progress", progress)
    if seed is not None:
        arguments.integer("fit", "seed", seed)
    for what, x in (("tol", tol), ("l2", l2)):
        if x is not None:
            arguments.non_negative("fit", what, x)


