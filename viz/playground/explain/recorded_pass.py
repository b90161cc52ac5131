"""The recorded pass of one point through a playground model, and how to read it by perceptron.

:func:`record` takes the model's own recorded pass (:func:`nn.trace.record_pass`: the
tutorial's s_j = w_0 + sum_i w_{i->j} z_i and z_j = sigma(s_j), section 1.2) on the point
and the loss on its target, with the nodes s_j, z_j and w_{i->j} z_i of every perceptron
j by name, so that the steps of :func:`autograd.explain` on E can be grouped by the
perceptron they belong to.  Nothing here differentiates.
"""

from __future__ import annotations

from dataclasses import dataclass

import nn
from autograd.explain import ExplainedStep
from autograd.value import Value
from nn.forward import compile_plan, read_inputs
from nn.trace import record_pass
from nn.unit import Unit
from viz.playground.explain.formula import tex


@dataclass
class Graph:
    """The pass of one point: inputs, every s_j and z_j node, the output and E.

    ``z`` holds the inputs' nodes too (by input name), as the tutorial's z_i of an input is
    the input itself.  ``links[j]`` lists, per source i of j, the product node
    w_{i->j} z_i that s_j adds up.  ``outputs`` names the model's outputs: ``[output]``,
    or the K scores of a K-class model (see :mod:`viz.playground.explain.softmax_formulas`).
    """

    model: nn.Module
    units: list[Unit]
    s: dict[str, Value]
    z: dict[str, Value]
    links: dict[str, dict[str, Value]]
    output: str
    target: float
    loss: str
    E: Value
    outputs: list[str]

    def consumers(self, name: str) -> list[Unit]:
        """The perceptrons that read z of ``name``."""
        return [u for u in self.units if name in self.links[u.name]]

    def order(self) -> dict[str, int]:
        """Each node's place (from 1) in the topological order: inputs, then perceptrons."""
        names = [*self.model.input_names, *(u.name for u in self.units)]
        return {name: k for k, name in enumerate(names, 1)}


def record(model: nn.Module, inputs: list[float], target: float, loss: str) -> Graph:
    """The graph of ``model`` on ``inputs`` and E = loss([h], [target]), h the output or the
    K scores: :func:`nn.trace.record_pass`'s nodes (see module text)."""
    units = model.units()
    plan = compile_plan(model.input_names, units, model.output_names)
    nodes = record_pass(plan, read_inputs(model.input_names, inputs, type(model).__name__),
                        target, loss)
    assert nodes.E is not None  # a target was given
    return Graph(model, units, nodes.s, nodes.z, nodes.products, units[-1].name, float(target),
                 loss, nodes.E, nodes.outputs)


def local(step: ExplainedStep, parent: Value) -> float:
    """d(node)/d(parent) of ``step``'s node: the local derivative of its share to ``parent``
    (found by the node, never by the operands' order)."""
    return next(share.local for share in step.shares if share.parent is parent)


def z_symbol(graph: Graph, name: str) -> str:
    """z_i in the tutorial's notation: an input is itself (in_x), a perceptron's output z_j."""
    return tex(name) if name in graph.model.input_names else f"z_{{{tex(name)}}}"


def weight_symbol(source: str | None, unit: str) -> str:
    """w_{i->j}, or for w_0 (``source`` None) w_{0->j}: the weight of the constant input
    a_0 = 1, the one name of the bias on the page, the diagram and in the formulas."""
    return rf"w_{{{tex('0' if source is None else source)} \to {tex(unit)}}}"


def derivative_symbol(activation: str, unit: str, output: bool) -> str:
    """sigma'(s_j) for a sigmoid (the tutorial's symbol), g'(s_j) or g_o'(s_o) otherwise."""
    g = r"\sigma" if activation == "sigmoid" else ("g_o" if output else "g")
    return rf"{g}'(s_{{{tex(unit)}}})"

