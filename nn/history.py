"""History: what :func:`nn.fit` measured, epoch by epoch, and why the run ended.

One epoch is one pass over the training set (the tutorial, section 1.3): one batch
update, or one update per sample.  After each, fit measures the error E over the whole
set at the weights reached, and the accuracy when the targets are class labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class History:
    """What :func:`nn.fit` measured: per epoch, the loss and the accuracy over the whole set.

    ``loss[k]`` and ``accuracy[k]`` are measured after epoch k + 1 (``initial_loss``
    before the first); ``accuracy`` is empty when the targets are not class labels.
    ``len(history)`` is the number of epochs run; ``stopped_early`` says whether
    ``tol``, the callback or a divergence ended the run before ``epochs``.  ``diverged``
    is None, or the message of the :class:`nn.optim.DivergedError` that stopped it: a
    step that would have left a weight not finite, not applied, so the model keeps the
    weights of the last finite step (the epoch it cut short is not in ``loss``).
    ``accuracy_rule`` says how a sample was classified: ``"h > t"`` (one output, the
    positive class above the threshold t), ``"argmax"`` (K outputs, the class of the
    largest), None without accuracy.
    """

    initial_loss: float
    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    stopped_early: bool = False
    accuracy_rule: str | None = None
    diverged: str | None = None

    def __len__(self) -> int:
        return len(self.loss)

    def to_dict(self) -> dict[str, Any]:
        """The history as plain lists and numbers (JSON-ready)."""
        return {"epochs": len(self), "initial_loss": self.initial_loss, "loss": list(self.loss),
                "accuracy": list(self.accuracy), "stopped_early": self.stopped_early,
                "accuracy_rule": self.accuracy_rule, "diverged": self.diverged}

    def __repr__(self) -> str:
        last = f", loss={self.loss[-1]:.6g}" if self.loss else ""
        acc = (f", accuracy={self.accuracy[-1]:.4g} ({self.accuracy_rule})"
               if self.accuracy else "")
        why = f", diverged={self.diverged!r}" if self.diverged else ""
        return (f"History(epochs={len(self)}{last}{acc}, stopped_early={self.stopped_early}"
                f"{why})")
