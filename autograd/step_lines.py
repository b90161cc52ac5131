"""Sequential training written as code: what one step of the generated loop does.

A :class:`StepsPlan` writes the lines of one sequential step for a target (the Python
backend, :func:`autograd.floats.steps_function`; the C one,
:func:`autograd.csource.steps_source`): the sample's forward pass and reverse pass
(:mod:`autograd.emit`), then for every trained parameter the optimiser's update

    w := update(w, dE/dw, *buffers)      (SGD: w - eta dE/dw)

which is the optimiser's own ``rule`` run on symbols, so its arithmetic writes the lines
(:func:`written`); its hyperparameters are symbols too, locals the step reads from its
argument ``H``, so a new eta needs no new code.
The gradient it sees is the optimiser's ``p.grad`` (zeroed, then the sample's gradient
added: ``0.0 + g``), so the numbers are those of ``backward_row`` and ``step``.  A step
is taken only when every gradient and every new value is finite (their sum is, which a
sum that overflows also fails; the caller then takes that step its own way).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from autograd.emit import Guard, forward, reverse, slot_text
from autograd.symbols import Symbol, literal


def written(update: Callable[..., tuple[Any, ...]], w: Any, g: Any, buffers: list[Symbol],
            names: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """``update(w, g, *buffers)`` run on symbols, as text: the new value, and (n, text)
    for each buffer n that it changes.  The value reads a changed buffer by its local
    ``names[n]`` rather than computing its expression again (the same text on the same
    locals is the same number)."""
    new = update(w, g, *buffers)
    changed = [(n, literal(x)) for n, x in enumerate(new[1:]) if x is not buffers[n]]
    value = literal(new[0])
    for n, text in changed:
        if not text.isidentifier():
            value = value.replace(text, names[n])
    return value, changed


class StepsPlan:
    """The lines of one step: ``state`` (the hyperparameters named ``hyper``, read from
    ``H``, and the buffers, before the loop), ``body`` (forward,
    reverse, the new values ``n<slot>`` and buffers ``c<n>_<k>``), ``finite`` (the terms
    whose sum must be finite), ``moves`` (the step taken), ``stores`` (weights and
    buffers written back after the loop) and ``last`` (the gradients ``G[i]`` of the last
    step).  ``buffer`` formats buffer n of optimiser parameter k; ``guard`` writes a
    function's domain check for the target."""

    def __init__(self, program: Any, grad_outputs: Sequence[float | None], trained: Sequence[int],
                 update: Callable[..., tuple[Any, ...]], hyper: Sequence[str], buffers: int,
                 buffer: str, guard: Guard) -> None:
        v = slot_text(program)
        back, have = reverse(program, v, [None if k is None else float(k) for k in grad_outputs])
        self.state: list[str] = [f"{name} = H[{k}]" for k, name in enumerate(hyper)]
        self.body = forward(program, v, guard) + back
        self.finite: list[str] = []
        self.moves: list[str] = []
        self.stores: list[str] = []
        self.last: list[str] = []
        for i, (s, _) in enumerate(program._parameters):
            k = trained[i]
            if k < 0:
                continue
            g = Symbol(f"(0.0 + {have[s]})" if s in have else "0.0")
            b = [Symbol(f"b{n}_{k}") for n in range(buffers)]
            value, changed = written(update, v[s], g, b,  # a parameter's slot is a symbol
                                     [f"c{n}_{k}" for n in range(buffers)])
            self.state += [f"b{n}_{k} = {buffer.format(n=n, k=k)}" for n, _ in changed]
            self.body += [f"c{n}_{k} = {x}" for n, x in changed]
            self.body += [f"n{s} = {value}"]
            self.moves += [f"v{s} = n{s}"] + [f"b{n}_{k} = c{n}_{k}" for n, _ in changed]
            self.stores += [f"W[{i}] = v{s}"]
            self.stores += [f"{buffer.format(n=n, k=k)} = b{n}_{k}" for n, _ in changed]
            self.last.append(f"G[{i}] = {g.text}")
            self.finite += ([have[s]] if s in have else []) + [f"n{s}"]
