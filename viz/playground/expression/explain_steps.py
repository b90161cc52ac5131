"""The expression lab's explain steps: a graph's forward pass, its reverse pass and its
forward-mode sweep, one node a step, in the explain panel's format.

A step is ``{"pass", "node", "id", "order", "edges", "formulas", "why"}`` as for networks
(:mod:`viz.playground.explain.pass_steps`): ``node`` is the node's name in :func:`autograd.explain`
(its label, ``v<k>`` or a constant's value), ``id`` its node in the drawn graph (``n<k>``,
k its place in :func:`autograd.topological_order`, as :func:`viz.draw_graph` names it),
``edges`` the names of its inputs, and each formula is written with the engine's numbers
(:func:`viz.playground.explain.formula.formula`).  Every number of the reverse pass is read off
``autograd.explain(root)``: at node v, final gradient g = df/dv, each input p gets

    df/dp += df/dv * dv/dp,

and the step carries that explanation's own numbers (``value``, ``gradient``, ``made``,
``shares``) beside its formulas.  Forward mode for a variable x carries dv/dx instead:
dv/dx = sum_p dv/dp * dp/dx.  Nothing here differentiates.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from autograd import Constant, Value, topological_order
from autograd.explain import Explanation
from autograd.explain import formula as written
from viz.playground.explain.formula import Term, constant, formula, leaf, op, table

NUMBERED = re.compile(r"([A-Za-z]+)(\d+)$")


def fresh(name: str, taken: set[str]) -> str:
    """``name``, or if ``taken`` holds it (a variable is called so) ``name`` with the first
    number that makes it new; the name is added to ``taken``."""
    found, k = name, 0
    while found in taken:
        k += 1
        found = f"{name}{k}"
    taken.add(found)
    return found


def name_nodes(root: Value, taken: set[str]) -> None:
    """Label each unlabelled op node of ``root``'s graph ``v1``, ``v2``, ... in topological
    order, skipping the names in ``taken`` (and adding its own), so that a node keeps one
    name in every graph that holds it: f's nodes reused by f' are named as in f."""
    k = 1
    for node in topological_order(root):
        if node.op is not None and not node.label:
            while f"v{k}" in taken:
                k += 1
            node.label = f"v{k}"
            taken.add(node.label)


def symbol(name: str) -> str:
    """A node's name in LaTeX: ``v7`` -> v_{7}, ``f_xx`` -> f_{xx}, ``seed1`` ->
    \\mathit{seed}_{1}, a one-letter variable as it is, a negative constant in parentheses."""
    if name.startswith("-"):
        return f"({name})"
    base, _, sub = name.partition("_")
    numbered = NUMBERED.match(base)
    if numbered and not sub:
        base, sub = numbered.groups()
    if len(base) > 1 and base.isalpha():
        base = rf"\mathit{{{base}}}"
    return f"{base}_{{{sub}}}" if sub else base


def partial(top: str, bottom: str) -> str:
    """d top / d bottom in LaTeX, both node names."""
    return rf"\frac{{\partial {symbol(top)}}}{{\partial {symbol(bottom)}}}"


def operand(node: Value, names: dict[Value, str]) -> Term:
    """A node as a term of its consumer's formula: a constant as the number it is."""
    if node.__class__ is Constant:
        return constant(node.data) if node.data >= 0 else leaf(symbol(names[node]), node.data)
    return leaf(symbol(names[node]), node.data)


def places(order: list[Value]) -> dict[Value, int]:
    """Each node's place k in the topological order; ``n<k>`` is its id in the drawing."""
    return {node: k for k, node in enumerate(order)}


def _step(kind: str, node: Value, ex: Explanation, where: dict[Value, int],
          formulas: list[dict[str, Any]], why: str) -> dict[str, Any]:
    return {"pass": kind, "node": ex.names[node], "id": f"n{where[node]}",
            "order": where[node] + 1,
            "edges": [ex.names[p] for p in node.parents if p.__class__ is not Constant],
            "formulas": formulas, "why": why}


def forward_steps(ex: Explanation, order: list[Value],
                  variables: Collection[str]) -> list[dict[str, Any]]:
    """One step per node but the constants, in topological order: v = op(inputs); a leaf
    is one of ``variables``, a seed (the 1 that started a reverse pass) or, alone, a
    derivative that is a number (the graph below does not depend on the variable)."""
    names, where, steps = ex.names, places(order), []
    for node in order:
        if node.__class__ is Constant:
            continue
        name = names[node]
        if node.op is None:
            line = formula(symbol(name), leaf(symbol(name), node.data), node.data)
            if name in variables:
                why = f"{name} is a variable: its value is given"
            elif node is ex.output:
                why = (f"{name} is a number: the graph it is the derivative of does not "
                       "depend on that variable")
            else:
                why = (f"{name} is a leaf: the value 1 that started the reverse pass this "
                       "graph records (df/df = 1)")
        else:
            term = table(node.op.name, *(operand(p, names) for p in node.parents))
            line = formula(symbol(name), term, node.data)
            inputs = ", ".join(names[p] for p in node.parents)
            why = (f"{name} = {written(node, names)} reads {inputs}: they come earlier in the "
                   "topological order, so they are computed")
        steps.append(_step("forward", node, ex, where, [line], why))
    return steps


def reverse_steps(ex: Explanation, order: list[Value]) -> list[dict[str, Any]]:
    """One step per step of ``ex`` (the reverse pass), in its order, with its numbers."""
    out = ex.names[ex.output]
    where, steps = places(order), []
    totals: dict[Value, float] = {}  # each input's df/dp so far
    for s in ex:
        name = s.name
        lhs = partial(out, name)
        lines = [formula(lhs, constant(1) if s.index == 1 else leaf(lhs, s.upstream),
                         s.upstream)]
        for share in s.shares:
            term = op("product", leaf(lhs, s.upstream), leaf(partial(name, share.name),
                                                             share.local))
            before = totals.get(share.parent)
            if before is not None:
                so_far = rf"\left.{partial(out, share.name)}\right|_{{\text{{so far}}}}"
                term = op("sum", leaf(so_far, before), term)
            totals[share.parent] = share.total
            lines.append(formula(partial(out, share.name), term, share.total))
        if s.index == 1:
            why = f"{name} is the output: d{out}/d{name} = 1 starts the pass"
        elif s.op is None:
            why = (f"{name} is a leaf: every node that reads it has sent its share, so "
                   f"d{out}/d{name} is final; it is the answer for {name}")
        else:
            why = (f"every node that reads {name} has sent its share, so d{out}/d{name} is "
                   f"final; {name} now sends d{out}/d{name} times its local derivative to "
                   f"{', '.join(sh.name for sh in s.shares) or 'no input (constants only)'}")
        step = _step("backward", s.node, ex, where, lines, why)
        step.update(value=s.node.data, gradient=s.upstream,
                    made=None if s.op is None else written(s.node, ex.names),
                    shares=[{"to": sh.name, "local": sh.local, "contribution": sh.contribution,
                             "total": sh.total} for sh in s.shares])
        steps.append(step)
    return steps


def tangent_steps(ex: Explanation, order: list[Value]) -> list[dict[str, Any]]:
    """One step per node that depends on ``ex.wrt`` (forward mode), in topological order."""
    assert ex.wrt is not None
    x, where, tangent, steps = ex.names[ex.wrt], places(order), ex.gradients, []
    for s in ex:
        name = s.name
        lhs = partial(name, x)
        if s.index == 1:
            lines = [formula(lhs, constant(1), 1.0)]
            why = f"{name} is the variable of the sweep: d{name}/d{name} = 1 starts it"
        else:
            terms = [op("product", leaf(partial(name, sh.name), sh.local),
                        leaf(partial(sh.name, x), tangent[sh.parent])) for sh in s.shares]
            lines = [formula(lhs, terms[0] if len(terms) == 1 else op("sum", *terms),
                             s.upstream)]
            why = (f"{name} = {written(s.node, ex.names)}: the tangents of its inputs that "
                   f"depend on {x} are final (they come earlier), so d{name}/d{x} is too")
        step = _step("forward mode", s.node, ex, where, lines, why)
        step.update(value=s.node.data, tangent=s.upstream)
        steps.append(step)
    return steps
