"""Activation functions sigma of a perceptron, z_j = sigma(s_j), by name or as a callable.

000 section 2 lists the sigmoid sigma(x) = 1 / (1 + e^-x), the hyperbolic tangent
tanh(x) and the plain linear sigma(x) = x; ``relu`` (max(0, x)) is added for the
layered networks of 001.  Each is the engine's own op on a Value (``linear`` records
no node at all), so its derivative sigma'(s_j) comes from the engine's derivative table.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from autograd.value import Value


def linear(s: Value) -> Value:
    """The plain linear activation sigma(x) = x (000 section 2): z_j = s_j, no node recorded."""
    return s


_NAMED: dict[str, Callable[[Value], Value]] = {
    "sigmoid": Value.sigmoid,
    "tanh": Value.tanh,
    "linear": linear,
    "relu": Value.relu,
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
        if activation is fn:
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
