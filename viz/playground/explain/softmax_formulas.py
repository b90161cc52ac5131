"""The explain panel's formulas at K outputs: softmax cross-entropy on one score per class.

A model of K classes has K linear outputs o_1..o_K (z_o = s_o, one score per class, class c
the output ``graph.outputs[c]``); its point's loss is

    E = -ln p_{y_i},   p_o = e^{s_o} / sum_k e^{s_k}   (softmax),

and the engine's dE/ds_o at each output is the closed form delta_o = p_o - [o is y_i's
output].  These formulas are written with the engine's numbers (the probabilities are
``nn.softmax`` of the recorded scores), as :mod:`viz.playground.explain.pass_steps` writes the rest.
"""

from __future__ import annotations

from typing import Any

from autograd.explain import Explanation
from nn import softmax
from viz.playground.explain.formula import Term, formula, leaf, op, tex
from viz.playground.explain.recorded_pass import Graph


def is_scores(graph: Graph) -> bool:
    """Whether the graph ends in K > 1 scores (softmax cross-entropy) rather than one h."""
    return len(graph.outputs) > 1


def probability(graph: Graph, name: str) -> Term:
    """p_o of output ``name``: softmax of the recorded scores."""
    p = softmax([graph.s[o].data for o in graph.outputs])
    return leaf(rf"p_{{{tex(name)}}}", p[graph.outputs.index(name)])


def loss_formula(graph: Graph) -> dict[str, Any]:
    """E = -ln p_t, t the output of the point's class y_i."""
    target = graph.outputs[int(graph.target)]
    return formula("E", op("neglog", probability(graph, target)), graph.E.data)


def reads(graph: Graph) -> str:
    """What E reads, for the forward pass's last step."""
    scores = ", ".join(f"s_{o}" for o in graph.outputs)
    return (f"E reads the {len(graph.outputs)} scores {scores} (through their softmax p) and "
            f"the target class y = {graph.target:g}, that is output "
            f"{graph.outputs[int(graph.target)]}")


def delta(graph: Graph, name: str) -> Term:
    """delta_o = p_o - [y_i = c] of output ``name`` (class c)."""
    c = graph.outputs.index(name)
    return op("difference", probability(graph, name),
              leaf(f"[y_i = {c}]", float(int(graph.target) == c)))


def why_delta(name: str) -> str:
    """Who reads s_o of an output ``name``."""
    return f"only E reads s_{name} (with the other scores, through the softmax)"


def final_tangent(graph: Graph, reverse: Explanation, tangent: dict[Any, Any]) -> dict[str, Any]:
    """Forward mode's last step at K outputs: E' = sum_o dE/ds_o s_o'."""
    terms = [op("product", leaf(rf"\frac{{\partial E}}{{\partial s_{{{tex(o)}}}}}",
                                reverse.gradients[graph.s[o]]),
                leaf(rf"\dot{{s}}_{{{tex(o)}}}", tangent.get(graph.s[o], 0.0)))
             for o in graph.outputs]
    return formula(r"\dot{E}", op("sum", *terms), tangent[graph.E])
