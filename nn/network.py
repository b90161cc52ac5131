"""A network of perceptrons wired as any loop-free graph (the tutorial, sections 1.2 and 3.1).

Named inputs and named perceptrons; a weight w_{i->j} links node i (an input or a
perceptron) to perceptron j, which computes

    s_j = w_0 + sum_i w_{i->j} z_i,        z_j = sigma_j(s_j)

(inputs have z_i = x_i).  Links may skip over any number of "layers", a node may
feed many others, and every perceptron nobody reads from is an output.  The only
rule is the tutorial's: no loops.  A link that would close one is refused when it is
made.  A network given all at once (``from_edges``, a model file) is checked by
:mod:`nn.edge_lists` before it is built.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from autograd.value import Value
from nn import arguments, edge_lists, graph_search
from nn.activations import ActivationArg, resolve
from nn.module import Module
from nn.unit import Unit, initial_weight, make_rng, new_unit


class Network(Module):
    """A feed-forward network of named perceptrons wired as any DAG.

    ``Network(inputs=["x", "y"], seed=0)``, then :meth:`add` perceptrons and
    :meth:`connect` nodes, or build it at once with :meth:`from_edges`.  Evaluation
    goes in topological order; ``net(x)`` takes a list (input order) or a dict by
    name and returns a Value for one output, a list for several.  Every new weight
    (bias w_0 of a node, or w_{i->j} of a link) is drawn from U(-1, 1) with
    ``random.Random(seed)`` when it is made.
    """

    def __init__(self, inputs: Sequence[str], seed: int | random.Random | None = None) -> None:
        where = "Network"
        if not arguments.is_list(inputs, Iterable):
            raise TypeError(f"{where}: inputs must be a list of names, got {inputs!r}")
        names = [arguments.name(where, name, "input name") for name in inputs]
        if not names:
            raise ValueError(f"{where}: a network needs at least one input")
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"{where}: duplicate input name(s) {repeated}")
        self.input_names = names
        self._rng = make_rng(seed, where)
        self._nodes: dict[str, Unit] = {}  # every perceptron, in insertion order
        self._readers: dict[str, list[str]] = {name: [] for name in names}

    @classmethod
    def from_edges(
        cls,
        inputs: Sequence[str],
        edges: Iterable[tuple[str, str]],
        activation: ActivationArg | Mapping[str, ActivationArg] = "sigmoid",
        seed: int | random.Random | None = None,
    ) -> Network:
        """A network from links (src, dst) given in any order.

        Every name in ``edges`` that is not an input becomes a perceptron, in order of
        first appearance (which is also the order of the outputs).  ``activation`` is
        one activation for all, or a dict {node: activation} (others get "sigmoid").
        Biases are drawn first, node by node, then the link weights in edge order.
        """
        where = "Network.from_edges"
        net = cls(inputs, seed)
        pairs = edge_lists.edge_pairs(where, edges)
        nodes = edge_lists.perceptron_names(where, net.input_names, pairs)
        for name, act in edge_lists.activation_per_node(where, activation, nodes).items():
            net.add(name, activation=act)
        net._connect_all(where, pairs)
        return net

    # -- building -----------------------------------------------------------------------

    def add(
        self, name: str, inputs: Sequence[str] = (), activation: ActivationArg = "sigmoid"
    ) -> Network:
        """Add perceptron ``name`` reading from ``inputs`` (existing inputs or perceptrons).

        Draws its bias w_0 and one weight w_{i->name} per input; returns the network.
        """
        where = f"Network.add({name!r})"
        arguments.name(where, name)
        if name in self._readers:
            kind = "an input" if name in self.input_names else "a perceptron"
            raise ValueError(f"{where}: the name {name!r} is already taken by {kind}")
        if not arguments.is_list(inputs, Iterable):
            raise TypeError(f"{where}: inputs must be a list of node names, got {inputs!r}")
        sources = list(inputs)
        for src in sources:
            self._check_known(src, where, "source")
        repeated = sorted({src for src in sources if sources.count(src) > 1})
        if repeated:
            raise ValueError(f"{where}: input(s) {repeated} listed twice; one link per pair")
        self._nodes[name] = new_unit(self._rng, name, resolve(activation, where), ())
        self._readers[name] = []
        self._link([(src, name) for src in sources])  # no inputs still changes the structure
        return self

    def connect(self, src: str, dst: str) -> Network:
        """Add the link w_{src->dst} (a new weight); refuse it if it would close a cycle."""
        where = f"Network.connect({src!r}, {dst!r})"
        self._check_link(where, src, dst, set(self._nodes[dst].sources)
                         if dst in self._nodes else set())
        path = graph_search.path(self._readers, dst, src)
        if path is not None:
            raise ValueError(
                f"{where}: this link would make a cycle {' -> '.join([src, *path])}; "
                "a feed-forward network has no loops"
            )
        self._link([(src, dst)])
        return self

    def _connect_all(self, where: str, pairs: list[tuple[str, str]]) -> None:
        """Add every link of ``pairs`` (in order), then check once that they close no cycle.

        One topological sort (:func:`nn.graph_search.topological`) for all the links, O(nodes +
        links), in place of :meth:`connect`'s search per link, which costs O(nodes) each: a
        chain of 12,000 perceptrons listed from its end took minutes that way.  Used by the loaders
        (:meth:`from_edges`, a model file); the network is theirs to drop on an error.
        """
        linked: dict[str, set[str]] = {dst: set() for _, dst in pairs}
        for k, (src, dst) in enumerate(pairs):
            self._check_link(f"{where}: edge {k}", src, dst, linked.get(dst, set()))
            linked[dst].add(src)
        self._link(pairs)
        sources = self._sources()
        placed = graph_search.topological(sources, self._readers)
        if len(placed) < len(sources):
            loop = " -> ".join(graph_search.cycle(sources, set(placed)))
            raise ValueError(f"{where}: the links make a cycle {loop}; "
                             "a feed-forward network has no loops")

    # -- reading --------------------------------------------------------------------------

    @property
    def output_names(self) -> list[str]:  # type: ignore[override]
        """The perceptrons nobody reads from, in insertion order."""
        return [name for name in self._nodes if not self._readers[name]]

    @property
    def node_names(self) -> list[str]:
        """Every perceptron's name, in insertion order."""
        return list(self._nodes)

    def weight(self, src: str, dst: str) -> Value:
        """The weight w_{src->dst} (a Value)."""
        where = f"Network.weight({src!r}, {dst!r})"
        self._check_known(src, where, "source")
        self._check_known(dst, where, "target")
        links = self._nodes[dst].weights if dst in self._nodes else ()
        for s, w in links:
            if s == src:
                return w
        sources = [s for s, _ in links]
        raise ValueError(f"{where}: there is no link {src} -> {dst}; {dst!r} reads from "
                         f"{sources or 'nothing'}")

    def bias(self, name: str) -> Value:
        """The bias w_0 of perceptron ``name`` (the weight of its constant input a_0 = 1)."""
        where = f"Network.bias({name!r})"
        if name in self.input_names:
            raise ValueError(f"{where}: {name!r} is an input; only perceptrons have a bias")
        self._check_known(name, where, "perceptron")
        return self._nodes[name].bias

    # -- Module hooks -----------------------------------------------------------------------

    def _units(self) -> list[Unit]:
        """The perceptrons in topological order, ties broken by insertion order."""
        order = graph_search.topological(self._sources(), self._readers)
        return [self._nodes[name] for name in order]

    def _sources(self) -> dict[str, tuple[str, ...]]:
        return {name: unit.sources for name, unit in self._nodes.items()}

    def _config(self) -> dict[str, Any]:
        nodes = [{"name": name, "activation": unit.activation.saved_name(),
                  "inputs": list(unit.sources)} for name, unit in self._nodes.items()]
        return {"inputs": list(self.input_names), "nodes": nodes}

    @classmethod
    def _from_config(cls, config: dict[str, Any]) -> Network:
        if set(config) != {"inputs", "nodes"}:
            raise ValueError(
                f"a Network config has the fields inputs and nodes, got {sorted(config)}"
            )
        net = cls(config["inputs"])
        nodes = edge_lists.config_nodes(config["nodes"])
        for name, activation, _ in nodes:
            net.add(name, activation=activation)
        net._connect_all("Network", [(src, name) for name, _, sources in nodes
                                     for src in sources])
        return net

    def __repr__(self) -> str:
        return (f"Network(inputs={self.input_names}, perceptrons={len(self._nodes)}, "
                f"outputs={self.output_names})")

    # -- helpers --------------------------------------------------------------------------

    def _check_known(self, name: Any, where: str, what: str) -> None:
        if not isinstance(name, str):
            raise TypeError(f"{where}: {what} must be a node name (str), got {name!r}")
        if name not in self._readers:
            known = ", ".join([*self.input_names, *self._nodes]) or "none"
            raise ValueError(f"{where}: unknown {what} {name!r}; known nodes: {known}")

    def _check_link(self, where: str, src: str, dst: str, sources: set[str]) -> None:
        """Refuse a link from an unknown node, into an input, or already in ``sources``."""
        self._check_known(src, where, "source")
        if dst in self.input_names:
            raise ValueError(f"{where}: {dst!r} is an input; inputs take no incoming links")
        self._check_known(dst, where, "target")
        if src in sources:
            raise ValueError(f"{where}: {src!r} is already connected to {dst!r}")

    def _link(self, pairs: list[tuple[str, str]]) -> None:
        """Add the links (src, dst), drawing their weights w_{src->dst} in order."""
        new: dict[str, list[tuple[str, Value]]] = {}
        for src, dst in pairs:
            new.setdefault(dst, []).append((src, initial_weight(self._rng, f"w[{src}->{dst}]")))
            self._readers[src].append(dst)
        for dst, links in new.items():
            unit = self._nodes[dst]
            self._nodes[dst] = dataclasses.replace(unit, weights=(*unit.weights, *links))
        self._changed()
