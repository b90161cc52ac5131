"""Optimisers: turn the gradients left in ``p.grad`` by ``E.backward()`` into steps.

The loop is the seed's gradient descent, w_{t+1} := w_t - eta dE/dw |_{w_t}:

    optimizer.zero_grad()
    E = loss(...)
    E.backward()
    optimizer.step()

Updates write ``p.data`` directly, so they record no graph.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from autograd.value import Value
from nn import checks

_grad = attrgetter("grad")


class Optimizer:
    """Base class: holds the parameters and the learning rate eta, and clears gradients.

    ``params`` is any iterable of Values (e.g. ``model.parameters()``); it must be
    non-empty and hold each Value once.  Subclasses implement :meth:`_update`.
    """

    def __init__(self, params: Iterable[Value], lr: float) -> None:
        name = type(self).__name__
        if isinstance(params, Value) or not isinstance(params, Iterable):
            raise TypeError(
                f"{name}: params must be an iterable of Values (e.g. model.parameters()), "
                f"got {type(params).__name__}"
            )
        params = list(params)
        if not params:
            raise ValueError(f"{name}: params is empty; there is nothing to optimise")
        seen: set[Value] = set()
        for i, p in enumerate(params):
            if not isinstance(p, Value):
                raise TypeError(f"{name}: params[{i}] must be a Value, got {type(p).__name__}")
            if p in seen:
                raise ValueError(f"{name}: params[{i}] appears twice; list each parameter once")
            seen.add(p)
        self.params: list[Value] = params
        self.lr = checks.positive(name, "lr", lr)

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0 (leaves accumulate across backward passes)."""
        for p in self.params:
            p.grad = 0.0

    def step(self) -> None:
        """Move every parameter once along its current gradient.

        A non-finite gradient raises ValueError naming the parameter, before any
        parameter changes.
        """
        if not all(map(math.isfinite, map(_grad, self.params))):
            i, p = next((i, p) for i, p in enumerate(self.params) if not math.isfinite(p.grad))
            label = f" ({p.label})" if p.label else ""
            raise ValueError(
                f"{type(self).__name__}.step: parameter {i}{label} has gradient {p.grad}; "
                "the loss diverged (try a smaller lr)"
            )
        self._update()

    def _update(self) -> None:
        raise NotImplementedError

    def state_dict(self) -> dict[str, Any]:
        """The learning rate and the per-parameter buffers, as plain numbers and lists."""
        return {"lr": self.lr}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` returned (same parameters, same order).

        Everything is checked before anything is assigned.
        """
        self.lr = self._checked_lr(state)

    def _checked_lr(self, state: Any) -> float:
        owner = f"{type(self).__name__}.load_state_dict"
        if not isinstance(state, dict) or "lr" not in state:
            raise ValueError(f"{owner}: expected a dict with 'lr', got {state!r}")
        return checks.positive(owner, "lr", state["lr"])


class SGD(Optimizer):
    """Gradient descent, optionally with momentum mu.

    Without momentum a step is the seed's w := w - eta dE/dw.  With momentum each
    parameter keeps a velocity v := mu v + dE/dw and steps w := w - eta v.
    """

    def __init__(self, params: Iterable[Value], lr: float, momentum: float = 0.0) -> None:
        super().__init__(params, lr)
        if not 0.0 <= checks.number("SGD", "momentum", momentum) < 1.0:
            raise ValueError(f"SGD: momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)
        self.velocity = [0.0] * len(self.params)

    def _update(self) -> None:
        eta, mu, v = self.lr, self.momentum, self.velocity
        if not mu:  # v = dE/dw: the seed's step, without the bookkeeping
            for p in self.params:
                p.data -= eta * p.grad
            return
        for i, p in enumerate(self.params):
            v[i] = mu * v[i] + p.grad
            p.data -= eta * v[i]

    def state_dict(self) -> dict[str, Any]:
        """lr and the velocities."""
        return {"lr": self.lr, "velocity": list(self.velocity)}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore lr and the velocities (momentum stays as constructed)."""
        lr = self._checked_lr(state)
        self.velocity = _buffer("SGD", state, "velocity", len(self.params))
        self.lr = lr


class Adam(Optimizer):
    """Adam: steps scaled by running averages of the gradient and of its square.

    With g = dE/dw at step t:  m := b1 m + (1 - b1) g,  v := b2 v + (1 - b2) g^2,
    w := w - eta m_hat / (sqrt(v_hat) + eps), where m_hat = m / (1 - b1^t) and
    v_hat = v / (1 - b2^t) undo the bias of starting the averages at 0.
    """

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
            if not checks.is_number(b) or not 0.0 <= b < 1.0:
                raise ValueError(f"Adam: betas[{k}] must be a number in [0, 1), got {b!r}")
        self.betas = (float(betas[0]), float(betas[1]))
        self.eps = checks.positive("Adam", "eps", eps)
        self.t = 0
        self.m = [0.0] * len(self.params)
        self.v = [0.0] * len(self.params)

    def _update(self) -> None:
        b1, b2 = self.betas
        self.t += 1
        c1, c2 = 1.0 - b1**self.t, 1.0 - b2**self.t
        m, v, eta, eps = self.m, self.v, self.lr, self.eps
        for i, p in enumerate(self.params):
            g = p.grad
            m[i] = b1 * m[i] + (1.0 - b1) * g
            v[i] = b2 * v[i] + (1.0 - b2) * g * g
            p.data -= eta * (m[i] / c1) / (math.sqrt(v[i] / c2) + eps)

    def state_dict(self) -> dict[str, Any]:
        """lr, the step count t and both running averages."""
        return {"lr": self.lr, "t": self.t, "m": list(self.m), "v": list(self.v)}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore lr, the step count and both running averages (betas, eps as constructed)."""
        lr = self._checked_lr(state)
        m = _buffer("Adam", state, "m", len(self.params))
        v = _buffer("Adam", state, "v", len(self.params))
        t: Any = state.get("t")
        if not checks.is_int(t) or t < 0:
            raise ValueError(f"Adam.load_state_dict: 't' must be an int >= 0, got {t!r}")
        self.lr, self.m, self.v, self.t = lr, m, v, t


def _buffer(owner: str, state: dict[str, Any], key: str, n: int) -> list[float]:
    buf = state.get(key)
    if (
        not isinstance(buf, list)
        or len(buf) != n
        or not all(map(checks.is_number, buf))
    ):
        raise ValueError(
            f"{owner}.load_state_dict: '{key}' must be a list of {n} numbers, got {buf!r}"
        )
    return [float(x) for x in buf]
