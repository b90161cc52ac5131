"""Optimisers: turn the gradients left in ``p.grad`` by ``E.backward()`` into steps.

SGD (the seed's w := w - eta dE/dw, optionally with momentum) and Adam, each with its
loop over the Values and its rule on vectors (:class:`nn.optimizer.Optimizer`); a step
that would leave a weight or a buffer not finite raises :class:`DivergedError` instead.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from autograd.value import Value
from nn import arguments
from nn.diverged import DivergedError
from nn.optimizer import Optimizer

__all__ = ["SGD", "Adam", "Optimizer", "DivergedError"]


class SGD(Optimizer):
    """Gradient descent, optionally with momentum mu.

    Without momentum a step is the seed's w := w - eta dE/dw.  With momentum each
    parameter keeps a velocity v := mu v + dE/dw and steps w := w - eta v.
    """

    buffers = ("velocity",)

    def __init__(self, params: Iterable[Value], lr: float, momentum: float = 0.0) -> None:
        super().__init__(params, lr)
        if not 0.0 <= arguments.number("SGD", "momentum", momentum) < 1.0:
            raise ValueError(f"SGD: momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)

    def _update(self) -> None:
        eta, mu, v = self.lr, self.momentum, self._state["velocity"]
        if not mu:  # v = dE/dw: the seed's step, without the bookkeeping
            for p in self.params:
                p.data -= eta * p.grad
            return
        for i, p in enumerate(self.params):
            v[i] = mu * v[i] + p.grad
            p.data -= eta * v[i]

    def _changing(self) -> tuple[str, ...]:
        """The velocity, with momentum (without, the step leaves it alone)."""
        return self.buffers if self.momentum else ()

    def _settings(self) -> list[str]:
        """The learning rate, and the momentum when there is one."""
        mu = [f"the momentum mu (momentum = {self.momentum:g})"] if self.momentum else []
        return super()._settings() + mu

    def rule(self, w: Any, g: Any, v: Any) -> tuple[Any, Any]:
        """w := w - eta v with v := mu v + g (v = g without momentum: the seed's step)."""
        if not self.momentum:
            return w - self.lr * g, v
        v = self.momentum * v + g
        return w - self.lr * v, v


class Adam(Optimizer):
    """Adam: steps scaled by running averages of the gradient and of its square.

    With g = dE/dw at step t:  m := b1 m + (1 - b1) g,  v := b2 v + (1 - b2) g^2,
    w := w - eta m_hat / (sqrt(v_hat) + eps), where m_hat = m / (1 - b1^t) and
    v_hat = v / (1 - b2^t) undo the bias of starting the averages at 0.
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
        b1, b2 = self.betas
        self.t += 1
        self._bias = (1.0 - b1**self.t, 1.0 - b2**self.t)

    def _update(self) -> None:
        (b1, b2), (c1, c2) = self.betas, self._bias
        m, v, eta, eps = self._state["m"], self._state["v"], self.lr, self.eps
        for i, p in enumerate(self.params):
            g = p.grad
            m[i] = b1 * m[i] + (1.0 - b1) * g
            v[i] = b2 * v[i] + (1.0 - b2) * g * g
            p.data -= eta * (m[i] / c1) / (math.sqrt(v[i] / c2) + eps)

    def rule(self, w: Any, g: Any, m: Any, v: Any) -> tuple[Any, Any, Any]:
        """The averages m, v of g and g^2, then w := w - eta m_hat / (sqrt(v_hat) + eps)."""
        import numpy as np

        (b1, b2), (c1, c2) = self.betas, self._bias
        m = b1 * m + (1.0 - b1) * g
        v = b2 * v + (1.0 - b2) * g * g
        return w - self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps), m, v

    def state_dict(self) -> dict[str, Any]:
        """lr, the step count t and both running averages."""
        return {**super().state_dict(), "t": self.t}

    def _load_extra(self, state: dict[str, Any]) -> None:
        t: Any = state.get("t")
        if not arguments.is_int(t) or t < 0:
            raise ValueError(f"Adam.load_state_dict: 't' must be an int >= 0, got {t!r}")
        self.t = t
