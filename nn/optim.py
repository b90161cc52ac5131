"""Optimisers: turn the gradients left in ``p.grad`` by ``E.backward()`` into steps.

The loop is the seed's gradient descent, w_{t+1} := w_t - eta dE/dw |_{w_t}:

    optimizer.zero_grad()
    E = loss(...)
    E.backward()
    optimizer.step()

Updates write ``p.data`` directly, so they record no graph.

Each optimiser's update has two forms side by side, the same operations in the same
order: ``_update``, a loop over the Values (``step``), and :meth:`Optimizer.rule` on
NumPy vectors of all the parameters (``step_vector``, the compiled trainer's step: a
few NumPy calls).  tests/nn/test_optim.py holds them to the same numbers, bit for bit.
(One element-wise rule for both would cost the loop a function call per parameter:
measured, 6 times slower on the seed's 2-5-1 network.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

from autograd.value import Value
from nn import checks

_grad = attrgetter("grad")

class Optimizer:
    """Base class: holds the parameters and the learning rate eta, and clears gradients.

    ``params`` is any iterable of Values (e.g. ``model.parameters()``); it must be
    non-empty and hold each Value once.  Subclasses give the update as :meth:`rule`
    and name its per-parameter buffers in ``buffers`` (``velocity``; ``m`` and ``v``),
    each a list with one number per parameter.
    """

    buffers: tuple[str, ...] = ()
    rule: Callable[..., tuple[Any, ...]]
    """``rule(w, g, *buffers)``: the update of NumPy vectors, values w with gradients g
    and the buffers; returns the new values, then the new buffers."""

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
        self._state: dict[str, Any] = {b: [0.0] * len(params) for b in self.buffers}

    def __getattr__(self, name: str) -> list[float]:
        """A buffer by its name (``opt.velocity``), as a list of floats."""
        state = self.__dict__.get("_state", {})
        if name not in state:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return _floats(state[name])

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0 (leaves accumulate across backward passes)."""
        for p in self.params:
            p.grad = 0.0

    def _begin(self) -> None:
        """Per-step set-up shared by every parameter (Adam's step count)."""

    def step(self) -> None:
        """Move every parameter once along its current gradient.

        A non-finite gradient raises ValueError naming the parameter, before any
        parameter changes.
        """
        if not all(map(math.isfinite, map(_grad, self.params))):
            self._diverged([p.grad for p in self.params])
        self._begin()
        for b in self.buffers:  # lists again after step_vector
            if not isinstance(self._state[b], list):
                self._state[b] = _floats(self._state[b])
        self._update()

    def _update(self) -> None:
        """The step on the Values (``p.data``, ``p.grad``, the buffers as lists)."""
        raise NotImplementedError(f"{type(self).__name__} has no update rule")

    def step_vector(self, w: Any, g: Any) -> Any:
        """The same step on NumPy vectors: ``w`` the values and ``g`` the gradients of
        ``params``, in that order; returns the new values (no Value is touched).

        A non-finite gradient raises the ValueError of :meth:`step`, with nothing changed.
        """
        import numpy as np

        if not hasattr(self, "rule"):
            raise NotImplementedError(f"{type(self).__name__} has no update rule")
        if not np.isfinite(g).all():
            self._diverged(g.tolist())
        self._begin()
        new = self.rule(w, g, *(np.asarray(self._state[b], dtype=float) for b in self.buffers))
        self._state = dict(zip(self.buffers, new[1:], strict=True))
        return new[0]

    def _diverged(self, grads: list[float]) -> None:
        i = next(i for i, g in enumerate(grads) if not math.isfinite(g))
        p = self.params[i]
        label = f" ({p.label})" if p.label else ""
        raise ValueError(
            f"{type(self).__name__}.step: parameter {i}{label} has gradient {grads[i]}; "
            "the loss diverged (try a smaller lr)"
        )

    def state_dict(self) -> dict[str, Any]:
        """The learning rate and the per-parameter buffers, as plain numbers and lists."""
        return {"lr": self.lr, **{b: getattr(self, b) for b in self.buffers}}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` returned (same parameters, same order).

        Everything is checked before anything is assigned.
        """
        lr = self._checked_lr(state)
        owner = type(self).__name__
        buffers = {b: _buffer(owner, state, b, len(self.params)) for b in self.buffers}
        self._load_extra(state)
        self.lr, self._state = lr, buffers

    def _load_extra(self, state: dict[str, Any]) -> None:
        """Check and restore what a subclass keeps besides lr and the buffers."""

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

    buffers = ("velocity",)

    def __init__(self, params: Iterable[Value], lr: float, momentum: float = 0.0) -> None:
        super().__init__(params, lr)
        if not 0.0 <= checks.number("SGD", "momentum", momentum) < 1.0:
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
        if not checks.is_int(t) or t < 0:
            raise ValueError(f"Adam.load_state_dict: 't' must be an int >= 0, got {t!r}")
        self.t = t


def _floats(buffer: Any) -> list[float]:
    """A buffer (a list, or a NumPy vector after ``step_vector``) as a list of floats."""
    return buffer.tolist() if hasattr(buffer, "tolist") else list(buffer)


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
