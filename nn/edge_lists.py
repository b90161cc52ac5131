"""A network given all at once, as lists, checked before any perceptron is built.

:meth:`nn.Network.from_edges` takes its links as (src, dst) pairs, link w_{src->dst},
and a model file gives a network's perceptrons as a list of nodes, each with its name,
its activation sigma_j and the sources i of its weights w_{i->j}.  The functions here
check such lists and say which entry is wrong; :class:`nn.Network` then builds the
perceptrons with ``add`` and the links in one pass that refuses a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nn import arguments
from nn.activations import ActivationArg

NodeEntry = tuple[str, Any, list[str]]
"""One perceptron of a model file: its name, its saved activation, its sources."""


def edge_pairs(where: str, edges: Any) -> list[tuple[str, str]]:
    """The (src, dst) names of ``edges``, checked, or a TypeError naming the bad edge."""
    if isinstance(edges, Mapping) or not arguments.is_list(edges, Iterable):
        raise TypeError(f"{where}: edges must be a list of (src, dst) pairs, got {edges!r}")
    pairs = []
    for k, edge in enumerate(edges):
        if not arguments.is_list(edge) or len(edge) != 2:
            raise TypeError(f"{where}: edge {k} must be a (src, dst) pair, got {edge!r}")
        pairs.append((arguments.name(where, edge[0], f"edge {k} source"),
                      arguments.name(where, edge[1], f"edge {k} target")))
    if not pairs:
        raise ValueError(f"{where}: edges is empty; give at least one (src, dst) link")
    return pairs


def perceptron_names(where: str, inputs: list[str], pairs: list[tuple[str, str]]
                     ) -> list[str]:
    """Every name of ``pairs`` that is not an input, in order of first appearance: the
    perceptrons j, each the target of some link w_{i->j} (an input takes no link)."""
    for k, (src, dst) in enumerate(pairs):
        if dst in inputs:
            raise ValueError(f"{where}: edge {k} ({src!r}, {dst!r}): {dst!r} is an input; "
                             "inputs take no incoming links")
    names = list(dict.fromkeys(name for pair in pairs for name in pair if name not in inputs))
    targets = {dst for _, dst in pairs}
    for name in names:
        if name not in targets:
            raise ValueError(
                f"{where}: node {name!r} has no incoming edge; if it is an input, "
                f"list it in inputs (inputs are {inputs})"
            )
    return names


def activation_per_node(where: str, activation: ActivationArg | Mapping[str, ActivationArg],
                        nodes: list[str]) -> dict[str, ActivationArg]:
    """Each node's activation: one for all, or a dict {node: activation} ("sigmoid" else)."""
    if not isinstance(activation, Mapping):
        return dict.fromkeys(nodes, activation)
    unknown = sorted(set(activation) - set(nodes))
    if unknown:
        raise ValueError(f"{where}: activation given for unknown node(s) {unknown}")
    return {name: activation.get(name, "sigmoid") for name in nodes}


def config_nodes(nodes: Any) -> list[NodeEntry]:
    """A model file's list of perceptrons as (name, activation, sources), checked for shape
    (the names and activations are checked as the network adds them)."""
    if not isinstance(nodes, list):
        raise TypeError(f"nodes must be a list, got {type(nodes).__name__}")
    if not nodes:
        raise ValueError("a Network needs at least one perceptron; this one has none")
    entries = []
    for k, node in enumerate(nodes):
        if not isinstance(node, dict) or set(node) != {"name", "activation", "inputs"}:
            raise ValueError(f"node {k} must be an object with name, activation and inputs")
        if not isinstance(node["inputs"], list):
            raise TypeError(f"node {k}: inputs must be a list of names")
        entries.append((node["name"], node["activation"], node["inputs"]))
    return entries
