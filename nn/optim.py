"""Optimisers: turn the gradients left in ``p.grad`` by ``E.backward()`` into steps.

SGD (the tutorial's w := w - eta dE/dw, section 1.3, optionally with momentum) and Adam.
Each writes its update once, as ``rule``: a static method on a namespace ``m`` (``math``
on floats, ``numpy`` on arrays, :mod:`autograd.symbols`' namespace on symbols), with the
hyperparameters as keyword inputs (:meth:`~nn.optimizer_base.Optimizer.hyper`).  The
base class (:mod:`nn.optimizer_base`) runs it on NumPy vectors (``step_vector``), on the
Values through the loop it writes from it (:mod:`nn.optimizer_code`), and the generated
sequential steps (:mod:`autograd.step_lines`) write it into their code; a step that would
leave a weight or a buffer not finite raises :class:`DivergedError` instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from autograd.value import Value
from nn import arguments
from nn.diverged import DivergedError
from nn.optimizer_base import Optimizer

__all__ = ["SGD", "Adam", "Optimizer", "DivergedError"]


class SGD(Optimizer):
    """Gradient descent, optionally with momentum mu.

    Without momentum a step is the tutorial's w := w - eta dE/dw (section 1.3).  With
    momentum each parameter keeps a velocity v := mu v + dE/dw and steps w := w - eta v.
    """

    buffers = ("velocity",)

    def __init__(self, params: Iterable[Value], lr: float, momentum: float = 0.0) -> None:
        super().__init__(params, lr)
        if not 0.0 <= arguments.number("SGD", "momentum", momentum) < 1.0:
            raise ValueError(f"SGD: momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)

    @staticmethod
    def rule(m: Any, w: Any, g: Any, v: Any, *, lr: Any, momentum: Any = None
             ) -> tuple[Any, Any]:
        """w := w - eta v with v := mu v + g; without momentum (no ``momentum``) the
        tutorial's w := w - eta g (section 2.1), the velocity left as it is."""
        if momentum is None:
            return w - lr * g, v
        v = momentum * v + g
        return w - lr * v, v

    def hyper(self) -> dict[str, float]:
        """eta as ``lr``, and mu as ``momentum`` when there is momentum."""
        return {"lr": self.lr, "momentum": self.momentum} if self.momentum else {"lr": self.lr}

    def _settings(self) -> list[str]:
        """The learning rate, and the momentum when there is one."""
        mu = [f"the momentum mu (momentum = {self.momentum:g})"] if self.momentum else []
        return super()._settings() + mu


class Adam(Optimizer):
    """Adam: steps scaled by running averages of the gradient and of its square.

    With g = dE/dw at step t:  m := b1 m + (1 - b1) g,  v := b2 v + (1 - b2) g^2,
    w := w - eta m_hat / (sqrt(v_hat) + eps), where m_hat = m / c1 and v_hat = v / c2,
    with c1 = 1 - b1^t and c2 = 1 - b2^t, undo the bias of starting the averages at 0.
    """

    buffers = ("m", "v")
    counters = ("t", "_bias")

    def __init__(
        self,
        params: Iterable[Value],
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        super().__init__(params, lr)
        if not (isinstance(betas, (tuple, list)) and len(betas) == 2):
            raise TypeError(f"Adam: betas must be a pair (b1, b2), got {betas!r}")
        for k, b in enumerate(betas):
            if not arguments.is_number(b) or not 0.0 <= b < 1.0:
                raise ValueError(f"Adam: betas[{k}] must be a number in [0, 1), got {b!r}")
        self.betas = (float(betas[0]), float(betas[1]))
        self.eps = arguments.positive("Adam", "eps", eps)
        self.t = 0
        self._bias = (1.0, 1.0)

    def _begin(self) -> None:
        """Count the step: t := t + 1, and the bias corrections c1, c2 at the new t."""
        b1, b2 = self.betas
        self.t += 1
        self._bias = (1.0 - b1**self.t, 1.0 - b2**self.t)

    @staticmethod
    def rule(m: Any, w: Any, g: Any, mean: Any, square: Any, *, lr: Any, b1: Any, b2: Any,
             eps: Any, c1: Any, c2: Any) -> tuple[Any, Any, Any]:
        """The running averages m := b1 m + (1 - b1) g and v := b2 v + (1 - b2) g^2, then
        w := w - eta (m / c1) / (sqrt(v / c2) + eps)."""
        mean = b1 * mean + (1.0 - b1) * g
        square = b2 * square + (1.0 - b2) * g * g
        return w - lr * (mean / c1) / (m.sqrt(square / c2) + eps), mean, square

    def hyper(self) -> dict[str, float]:
        """eta, b1, b2, eps, and the bias corrections c1, c2 of the current step."""
        (b1, b2), (c1, c2) = self.betas, self._bias
        return {"lr": self.lr, "b1": b1, "b2": b2, "eps": self.eps, "c1": c1, "c2": c2}

    def state_dict(self) -> dict[str, Any]:
        """lr, the step count t and both running averages."""
        return {**super().state_dict(), "t": self.t}

    def _load_extra(self, state: dict[str, Any]) -> None:
        t: Any = state.get("t")
        if not arguments.is_int(t) or t < 0:
            raise ValueError(f"Adam.load_state_dict: 't' must be an int >= 0, got {t!r}")
        self.t = t
