"""Gradient checking by central differences.

The engine's gradient of a scalar function f is compared, input by input, with

    df/dx_i ~ (f(x + eps e_i) - f(x - eps e_i)) / (2 eps),

whose error shrinks like eps^2.  A pair agrees when |analytic - numeric| <=
atol + rtol |numeric|.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from autograd.arguments import real
from autograd.gradients import grad
from autograd.mode import no_grad
from autograd.value import Value


class GradcheckError(AssertionError):
    """The engine's gradient and the central difference disagree."""


def _values(values: Sequence[float], where: str) -> list[float]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{where}: values must be a list of numbers, got {type(values).__name__}")
    return [real(v, f"{where}: values[{i}]") for i, v in enumerate(values)]


def _scalar(fn: Callable[..., Value], xs: list[Value], where: str) -> Value:
    out = fn(*xs)
    if not isinstance(out, Value):
        raise TypeError(f"{where}: fn must return a Value, got {type(out).__name__}")
    return out


def _central_differences(f: Callable[[list[float]], float], x: list[float],
                         eps: float) -> list[float]:
    numeric = []
    for i in range(len(x)):
        up, down = list(x), list(x)
        up[i] += eps
        down[i] -= eps
        numeric.append((f(up) - f(down)) / (2 * eps))
    return numeric


def _compare(analytic: Sequence[float], numeric: Sequence[float], x: Sequence[float],
             atol: float, rtol: float, what: str) -> bool:
    worst: int | None = None
    worst_excess = 0.0
    for i, (a, n) in enumerate(zip(analytic, numeric, strict=True)):
        excess = abs(a - n) - (atol + rtol * abs(n))
        if excess > worst_excess:
            worst, worst_excess = i, excess
    if worst is not None:
        raise GradcheckError(
            f"{what}: input {worst} (x = {x[worst]!r}) has engine gradient "
            f"{analytic[worst]!r} but central difference {numeric[worst]!r}"
        )
    return True


def gradcheck(
    fn: Callable[..., Value],
    values: Sequence[float],
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
) -> bool:
    """Check the engine's gradient of ``fn(*Values)`` at ``values`` against central differences.

    Returns True, or raises :class:`GradcheckError` naming the worst input and both
    numbers.
    """
    x = _values(values, "gradcheck")
    xs = [Value(v) for v in x]
    analytic = grad(_scalar(fn, xs, "gradcheck"), xs)

    def f(point: list[float]) -> float:
        with no_grad():
            return _scalar(fn, [Value(v) for v in point], "gradcheck").data

    return _compare(analytic, _central_differences(f, x, eps), x, atol, rtol, "gradcheck")


def gradgradcheck(
    fn: Callable[..., Value],
    values: Sequence[float],
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
) -> bool:
    """Check second derivatives: each row of the Hessian from ``create_graph`` against
    central differences of the engine's first derivatives."""
    x = _values(values, "gradgradcheck")
    n = len(x)

    def first(point: list[float]) -> tuple[list[Value], list[Value]]:
        xs = [Value(v) for v in point]
        return xs, grad(_scalar(fn, xs, "gradgradcheck"), xs, create_graph=True)

    def component(i: int) -> Callable[[list[float]], float]:
        return lambda point: first(point)[1][i].data

    xs, firsts = first(x)
    for i in range(n):
        analytic = grad(firsts[i], xs)
        numeric = _central_differences(component(i), x, eps)
        _compare(analytic, numeric, x, atol, rtol, f"gradgradcheck (d/dx of df/dx_{i})")
    return True
