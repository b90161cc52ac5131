"""The recorded pass of one point through a playground model, and how to read it by perceptron.

:func:`record` runs the model's own forward pass (:func:`nn.forward.forward`, 000's
s_j = w_0 + sum_i w_{i->j} z_i and z_j = sigma(s_j)) on the point and the loss on its
target, keeping the nodes s_j and z_j of every perceptron j (labelled ``s_j``, ``z_j`` as
:meth:`nn.Module.trace` labels them), so that the steps of :func:`autograd.explain` on E
can be grouped by the perceptron they belong to.  Nothing here differentiates.
"""

from __future__ import annotations

from dataclasses import dataclass

import nn
from autograd.value import Value
from nn import losses
from nn.forward import compile_plan, forward, read_inputs
from nn.unit import Unit, bias_name
from viz.playground.formula import tex


@dataclass
class Graph:
    """The pass of one point: inputs, every s_j and z_j node, the output and E.

    ``z`` holds the inputs' nodes too (by input name), as the seed's z_i of an input is
    the input itself.  ``links[j]`` lists, per source i of j, the product node
    w_{i->j} z_i that s_j adds up.  ``outputs`` names the model's outputs: ``[output]``,
    or the K scores of a K-class model (see :mod:`viz.playground.scores`).
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
    K scores (see module text)."""
    units = model.units()
    plan = compile_plan(model.input_names, units, model.output_names)
    z_in = read_inputs(model.input_names, inputs, type(model).__name__)
    s_nodes: list[Value] = []
    z_nodes = forward(plan, list(z_in), s_nodes)
    n = len(model.input_names)
    s, z, links = {}, dict(zip(model.input_names, z_nodes[:n], strict=True)), {}
    for unit, s_j, z_j in zip(units, s_nodes, z_nodes[n:], strict=True):
        if not s_j.is_leaf:
            s_j.label = f"s_{unit.name}"
        if z_j is not s_j:
            z_j.label = f"z_{unit.name}"
        s[unit.name], z[unit.name] = s_j, z_j
        links[unit.name] = _products(s_j, unit)
    output, outputs = units[-1].name, list(model.output_names)
    h = z[output] if outputs == [output] else [z[o] for o in outputs]
    E = losses.get(loss)([h], [target])
    E.label = "E"
    return Graph(model, units, s, z, links, output, float(target), loss, E, outputs)


def _products(s_j: Value, unit: Unit) -> dict[str, Value]:
    """The product nodes w_{i->j} z_i of s_j's chain w_0 + w_{i1->j} z_i1 + ..., by source."""
    found: list[Value] = []
    node = s_j
    while node is not unit.bias:
        node, product = node.parents
        found.append(product)
    sources = [src for src, _ in unit.weights]
    return dict(zip(sources, reversed(found), strict=True))


def z_symbol(graph: Graph, name: str) -> str:
    """z_i in the seeds' notation: an input is itself (in_x), a perceptron's output z_j."""
    return tex(name) if name in graph.model.input_names else f"z_{{{tex(name)}}}"


def weight_symbol(source: str | None, unit: str) -> str:
    """w_{i->j}, or for w_0 (``source`` None) w_{0->j}: the weight of the constant input
    a_0 = 1, the one name of the bias on the page, the diagram and in the formulas."""
    return rf"w_{{{tex('0' if source is None else source)} \to {tex(unit)}}}"


def parameter_name(source: str | None, unit: str) -> str:
    """The API's name of a weight (``nn``'s): ``w[i->j]``, or ``w[0->j]`` for the bias."""
    return bias_name(unit) if source is None else f"w[{source}->{unit}]"


def derivative_symbol(activation: str, unit: str, output: bool) -> str:
    """sigma'(s_j) for a sigmoid (the seeds' symbol), g'(s_j) or g_o'(s_o) otherwise."""
    g = r"\sigma" if activation == "sigmoid" else ("g_o" if output else "g")
    return rf"{g}'(s_{{{tex(unit)}}})"

