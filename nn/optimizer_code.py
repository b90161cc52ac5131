"""An optimiser's rule written as code: the loop over the Values, and the update on symbols.

An optimiser (:mod:`nn.optim`) gives its update once, as ``rule(m, w, g, *buffers,
**hyper)``.  Run on symbols (:mod:`autograd.symbols`), the rule writes its own arithmetic
down, with the hyperparameters as names; :func:`loop` puts that text in a loop over the
parameters and compiles it, once per optimiser class and set of hyperparameters (one
left out, like SGD's momentum when there is none, removes its term and its buffer from
the code).  For SGD with momentum it writes

    def update(P, S, H):
        h_lr = H['lr']
        h_momentum = H['momentum']
        B0 = S['velocity']
        for i, p in enumerate(P):
            new_B0 = ((h_momentum * B0[i]) + p.grad)
            new_w = (p.data - (h_lr * new_B0))
            B0[i] = new_B0
            p.data = new_w

so a step on the Values is one call, with the float operations of the rule in its order
(bit for bit the numbers of ``step_vector``).  :func:`on_symbols` gives the same rule to
the generated sequential steps (:mod:`autograd.step_lines`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from autograd.emit import UNCHECKED, define, indent
from autograd.step_lines import written
from autograd.symbols import Symbol

Rule = Callable[..., tuple[Any, ...]]
_LOOPS: dict[tuple[Any, ...], tuple[Any, tuple[str, ...]]] = {}


def on_symbols(rule: Rule, hyper: Iterable[str]) -> tuple[Rule, list[str]]:
    """``update(w, g, *buffers)``: ``rule`` on symbols with each hyperparameter named in
    ``hyper`` a name (``h_lr`` for ``lr``: no local of the written code is named so), and
    those names in order (the inputs the written code reads)."""
    names = [f"h_{k}" for k in hyper]
    symbols = {k: Symbol(name) for k, name in zip(hyper, names, strict=True)}

    def update(w: Any, g: Any, *buffers: Any) -> tuple[Any, ...]:
        return rule(UNCHECKED, w, g, *buffers, **symbols)

    return update, names


def loop(rule: Rule, buffers: tuple[str, ...], hyper: Iterable[str]
         ) -> tuple[Any, tuple[str, ...]]:
    """``update(P, S, H)``: the step of ``rule`` on the Values ``P``, with the buffers
    ``buffers`` as lists in the dict ``S`` and the hyperparameters named ``hyper`` in the
    dict ``H``; and the buffers it changes.  Written on first use, then kept."""
    hyper = tuple(hyper)
    key = (rule, buffers, hyper)
    if key not in _LOOPS:
        update, names = on_symbols(rule, hyper)
        slots = [Symbol(f"B{n}[i]") for n in range(len(buffers))]
        value, changed = written(update, Symbol("p.data"), Symbol("p.grad"), slots,
                                 [f"new_B{n}" for n in range(len(buffers))])
        if changed:
            body = ([f"new_B{n} = {text}" for n, text in changed] + [f"new_w = {value}"]
                    + [f"B{n}[i] = new_B{n}" for n, _ in changed] + ["p.data = new_w"])
        else:
            body = [f"p.data = {value}"]
        if "".join(body).count("p.grad") > 1:  # read once
            body = ["g = p.grad", *(line.replace("p.grad", "g") for line in body)]
        text = "".join(body)
        read = [f"{name} = H[{k!r}]" for k, name in zip(hyper, names, strict=True)]
        read += [f"B{n} = S[{b!r}]" for n, b in enumerate(buffers) if f"B{n}[" in text]
        each = "for i, p in enumerate(P):" if "[i]" in text else "for p in P:"
        lines = ["def update(P, S, H):", *indent(read, 1), f"    {each}", *indent(body, 2)]
        _LOOPS[key] = (define("update", lines, rule.__qualname__),
                       tuple(buffers[n] for n, _ in changed))
    return _LOOPS[key]
