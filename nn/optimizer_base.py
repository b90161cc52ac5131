"""The optimisers' base class: parameters, learning rate, buffers, and the steps.

The loop is the tutorial's gradient descent (section 1.3), w_{t+1} := w_t - eta dE/dw:

    optimizer.zero_grad()
    E = loss(...)
    E.backward()
    optimizer.step()

Updates write ``p.data`` directly, so they record no graph.  Each optimiser
(:mod:`nn.optim`) gives its update once, as ``rule`` with its hyperparameters as inputs
(:meth:`Optimizer.hyper`, read at every step: ``opt.lr`` may change between steps).
:meth:`Optimizer.step_vector` runs it on NumPy vectors (a few NumPy calls);
:meth:`Optimizer.step` runs the loop over the Values that :mod:`nn.optimizer_code`
writes from it on symbols: one call a step (5.2 us for plain SGD on the 2-5-1 network,
as the hand-written loop it replaced).  tests/nn/test_optim.py holds the forms equal.

No step ever leaves a weight, or a number of the optimiser's state, that is not finite:
a step whose gradient or whose result is not finite is not applied (the weights, the
buffers and the counters stay as they were) and raises :class:`DivergedError`, whose
message names the settings to lower.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

from autograd.value import Value
from nn import arguments
from nn.diverged import DivergedError
from nn.optimizer_code import loop

_grad = attrgetter("grad")
_data = attrgetter("data")


class Optimizer:
    """Base class: holds the parameters and the learning rate eta, and clears gradients.

    ``params`` is any iterable of Values (e.g. ``model.parameters()``); it must be
    non-empty and hold each Value once.  Subclasses give the update as ``rule`` and
    its inputs as :meth:`hyper`, and name its per-parameter buffers in ``buffers``
    (``velocity``; ``m`` and ``v``), each a list with one number per parameter.
    """

    buffers: tuple[str, ...] = ()
    counters: tuple[str, ...] = ()
    """Attributes besides the buffers that a step changes (Adam's step count t)."""
    rule: Callable[..., tuple[Any, ...]]
    """``rule(m, w, g, *buffers, **hyper)``: the update of values w with gradients g and
    the buffers, on the namespace m (``math``, ``numpy``, or symbols) with the
    hyperparameters :meth:`hyper`; returns the new values, then the new buffers."""

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
        self.lr = arguments.positive(name, "lr", lr)
        self._state: dict[str, Any] = {b: [0.0] * len(params) for b in self.buffers}
        self._code: tuple[Any, Any, tuple[str, ...]] = (None, None, ())

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

    def hyper(self) -> dict[str, float]:
        """The rule's hyperparameters at this step, by name, in the order the written code
        takes them; one left out drops its term (and maybe a buffer) from the rule, as
        SGD's momentum when there is none."""
        raise NotImplementedError(f"{type(self).__name__} has no update rule")

    def _begin(self) -> None:
        """Per-step set-up shared by every parameter (Adam's step count)."""

    def _loop(self, hyper: dict[str, float]) -> tuple[Any, Any, tuple[str, ...]]:
        """The names of ``hyper``, the loop over the Values written from the rule with them
        (:func:`nn.optimizer_code.loop`) and the buffers it changes; kept in ``_code``
        until the names change."""
        if self._code[0] != hyper.keys():
            function, changed = loop(self.rule, self.buffers, hyper)
            self._code = (set(hyper), function, changed)
        return self._code

    def step(self) -> None:
        """Move every parameter once along its current gradient.

        A non-finite gradient, or a step whose new weights or buffers would not be
        finite, raises :class:`DivergedError` (naming the parameter) with every
        parameter, buffer and counter as it was before the step.
        """
        params = self.params
        if not all(map(math.isfinite, map(_grad, params))):
            raise self._bad_gradient([p.grad for p in params])
        hyper = self.hyper()
        _, update, changing = self._loop(hyper)
        before = list(map(_data, params))
        saved = self._saved(changing) if changing or self.counters else None
        self._begin()
        if self.counters:  # the hyperparameters at the new count
            hyper = self.hyper()
        state = self._state
        for b in changing:  # lists again after step_vector
            if not isinstance(state[b], list):
                state[b] = _floats(state[b])
        update(params, state, hyper)
        if all(map(math.isfinite, map(_data, params))) and (not changing or all(
                all(map(math.isfinite, state[b])) for b in changing)):
            return
        error = self._bad_result([p.data for p in params],
                                 {b: _floats(state[b]) for b in self.buffers})
        for p, w in zip(params, before, strict=True):
            p.data = w
        if saved is not None:
            self._restore(saved)
        raise error

    def step_vector(self, w: Any, g: Any) -> Any:
        """The same step on NumPy vectors: ``w`` the values and ``g`` the gradients of
        ``params``, in that order; returns the new values (no Value is touched).

        A non-finite gradient or result raises the :class:`DivergedError` of
        :meth:`step`, with nothing changed.
        """
        import numpy as np

        if not np.isfinite(g).all():
            raise self._bad_gradient(g.tolist())
        hyper = self.hyper()
        changing = self._loop(hyper)[2]
        saved = self._saved(changing)
        self._begin()
        with np.errstate(over="ignore", invalid="ignore"):  # checked next
            new = self.rule(np, w, g, *(np.asarray(self._state[b], dtype=float)
                                        for b in self.buffers), **self.hyper())
        if not (np.isfinite(new[0]).all() and all(
                np.isfinite(x).all() for b, x in zip(self.buffers, new[1:], strict=True)
                if b in changing)):
            self._restore(saved)
            raise self._bad_result(new[0].tolist(), {b: x.tolist() for b, x in
                                                     zip(self.buffers, new[1:], strict=True)})
        self._state = dict(zip(self.buffers, new[1:], strict=True))
        return new[0]

    def _saved(self, changing: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
        """What a step changes besides the weights: the buffers (copies of the lists
        ``changing`` that the loop on Values changes in place; the vectors, which a rule
        replaces, as they are) and the counters."""
        return ({b: list(v) if b in changing and isinstance(v, list) else v
                 for b, v in self._state.items()},
                {c: getattr(self, c) for c in self.counters})

    def _restore(self, saved: tuple[dict[str, Any], dict[str, Any]]) -> None:
        buffers, counters = saved
        self._state = buffers
        for name, value in counters.items():
            setattr(self, name, value)

    def _bad_gradient(self, grads: list[float]) -> DivergedError:
        i = next(i for i, g in enumerate(grads) if not math.isfinite(g))
        return self.diverged(f"{self._named(i)} has gradient {grads[i]}")

    def _bad_result(self, weights: list[float], buffers: dict[str, list[float]]
                    ) -> DivergedError:
        bad = next((i for i, w in enumerate(weights) if not math.isfinite(w)), None)
        if bad is not None:
            return self.diverged(f"the update would make {self._named(bad)} {weights[bad]}")
        name, values = next((b, v) for b, v in buffers.items()
                            if not all(map(math.isfinite, v)))
        i = next(i for i, x in enumerate(values) if not math.isfinite(x))
        return self.diverged(f"the update would make the {name} of {self._named(i)} {values[i]}")

    def _named(self, i: int) -> str:
        label = self.params[i].label
        return f"parameter {i}" + (f" ({label})" if label else "")

    def diverged(self, what: str) -> DivergedError:
        """The :class:`DivergedError` of a step of this optimiser: ``what`` went wrong, and
        the settings that make its steps larger, to lower."""
        return DivergedError(f"{type(self).__name__}.step", what, self._settings())

    def _settings(self) -> list[str]:
        """The settings that make the steps larger, as words with their values."""
        return [f"the learning rate eta (lr = {self.lr:g})"]

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
        return arguments.positive(owner, "lr", state["lr"])


def _floats(buffer: Any) -> list[float]:
    """A buffer (a list, or a NumPy vector after ``step_vector``) as a list of floats."""
    return buffer.tolist() if hasattr(buffer, "tolist") else list(buffer)


def _buffer(owner: str, state: dict[str, Any], key: str, n: int) -> list[float]:
    buf = state.get(key)
    if (
        not isinstance(buf, list)
        or len(buf) != n
        or not all(map(arguments.is_number, buf))
    ):
        raise ValueError(
            f"{owner}.load_state_dict: '{key}' must be a list of {n} numbers, got {buf!r}"
        )
    return [float(x) for x in buf]
