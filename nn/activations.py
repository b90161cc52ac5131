"""Activation functions sigma of a perceptron, z_j = sigma(s_j), by name or as a callable.

The tutorial (section 1.1) names the sigmoid sigma(x) = 1 / (1 + e^-x), the hyperbolic
tangent tanh(x), the plain linear sigma(x) = x and the rectifier ``relu`` (max(0, x)),
common in the layered networks of its section 4.  Each is the engine's own op on a Value
(``linear`` records no node at all), so its derivative sigma'(s_j) comes from the engine's
derivative table.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from autograd.mode import is_grad_enabled
from autograd.ops import FLOATS
from autograd.value import Value


class Sigmoid(Value):
    """z_j = sigma(s_j) computed under :class:`~autograd.no_grad`: a leaf, as every result
    there, that keeps its ``logit`` s_j (a float).

    A loss on probabilities reads it to compute ln sigma(s_j) = -softplus(-s_j) exactly,
    where sigma(s_j) itself may have rounded to 0 or 1 (at s_j = 40, 1 - sigma(s_j) is
    4e-18, below the float spacing at 1), as it does through a recorded sigmoid node.
    """

    __slots__ = ("logit",)

    def __init__(self, logit: float, label: str = "") -> None:
        # made on no_grad's hot path from a float s_j: Value's argument checks are skipped
        self.data, self.grad, self.label = FLOATS.sigmoid(logit), 0.0, label
        self._op = self._a = self._b = None
        self.logit = logit

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied and pickled as its logit s_j (and label)."""
        return (Sigmoid, (self.logit, self.label))


def sigmoid(s: Value) -> Value:
    """The sigmoid sigma(s) = 1 / (1 + e^-s) (the tutorial, section 1.1), the engine's op on
    s_j; under :class:`~autograd.no_grad`, a :class:`Sigmoid` leaf that keeps s_j."""
    return s.sigmoid() if is_grad_enabled() else Sigmoid(s.data)


def tanh(s: Value) -> Value:
    """The hyperbolic tangent tanh(s) (the tutorial, section 1.1), the engine's op on s_j."""
    return s.tanh()


def relu(s: Value) -> Value:
    """The rectifier max(0, s) (the tutorial, section 1.1), the engine's op on s_j."""
    return s.relu()


def linear(s: Value) -> Value:
    """The plain linear activation sigma(x) = x (the tutorial, section 1.1): z_j = s_j, no
    node recorded."""
    return s


_NAMED: dict[str, Callable[[Value], Value]] = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "linear": linear,
    "relu": relu,
}
ACTIVATIONS = MappingProxyType(_NAMED)
"""Every named activation: name -> function on a Value (read-only)."""


class Activation(str):
    """An activation sigma: the str is its display name, ``fn(s)`` maps the Value s_j to
    z_j = sigma(s_j).

    Being its own name, it reads as one anywhere a name is wanted (``u.activation ==
    "tanh"``, JSON, messages).  ``named`` is True for the activations of
    :data:`ACTIVATIONS`, the only ones a saved model file can name.
    """

    fn: Callable[[Value], Value]
    named: bool

    def __new__(cls, name: str, fn: Callable[[Value], Value], named: bool) -> Activation:
        """The activation named ``name`` computing ``fn``."""
        self = super().__new__(cls, name)
        self.fn, self.named = fn, named
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied and pickled as its three arguments (str's own way would call
        ``__new__`` with the name alone); ``fn`` is pickled by reference, so a lambda
        activation can be copied but not pickled."""
        return (Activation, (str(self), self.fn, self.named))

    @property
    def name(self) -> str:
        """The name of sigma ("sigmoid", ..., or the callable's ``__name__``)."""
        return str(self)

    def saved_name(self) -> str:
        """The name a model file records; a callable activation cannot be saved."""
        if not self.named:
            raise ValueError(
                f"save: activation {self.name!r} is a function; a model file can only name "
                f"the activations {', '.join(_NAMED)}"
            )
        return self.name


ActivationArg = str | Callable[[Value], Value] | Activation
"""What an ``activation=`` argument may be: a name, a callable on a Value, an Activation."""


def resolve(activation: ActivationArg, where: str) -> Activation:
    """The :class:`Activation` for a name of :data:`ACTIVATIONS` or a callable on a Value
    (an :class:`Activation` is returned as it is).

    A callable is tried once on ``Value(0.5)`` and must return a Value (an exception it
    raises becomes a TypeError naming it); its name is its
    ``__name__`` (``Value.tanh`` and the others of the table count as their names).
    ``where`` starts every error message (e.g. ``"Network.add('3')"``).
    """
    known = ", ".join(_NAMED)
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        if activation not in _NAMED:
            raise ValueError(
                f"{where}: unknown activation {activation!r}; known activations: {known} "
                "(or pass a function that maps a Value to a Value)"
            )
        return Activation(activation, _NAMED[activation], True)
    if not callable(activation):
        raise TypeError(
            f"{where}: activation must be a name ({known}) or a callable on a Value, "
            f"got {type(activation).__name__}"
        )
    for name, fn in _NAMED.items():
        if activation is fn or activation is getattr(Value, name, None):
            return Activation(name, fn, True)
    name = getattr(activation, "__name__", type(activation).__name__)
    try:
        probe = activation(Value(0.5))
    except Exception as error:  # any fault of the user's function, reported as its own
        raise TypeError(
            f"{where}: activation {name!r} fails on Value(0.5) with {type(error).__name__}: "
            f"{error}; it must map a Value to a Value"
        ) from error
    if not isinstance(probe, Value):
        raise TypeError(
            f"{where}: activation {name!r} must return a Value when called on a Value, "
            f"got {type(probe).__name__}"
        )
    return Activation(name, activation, False)
