"""000 section 4's "completely unrestricted feed-forward structure": any loop-free DAG.

Named inputs and named perceptrons; a weight w_{i->j} links node i (an input or a
perceptron) to perceptron j, which computes

    s_j = w_0 + sum_i w_{i->j} z_i,        z_j = sigma_j(s_j)

(inputs have z_i = x_i).  Links may skip over any number of "layers", a node may
feed many others, and every perceptron nobody reads from is an output.  The only
rule is the seed's: no loops.  A link that would close one is refused when it is made.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from autograd.value import Value
from nn.activations import Activation, ActivationArg, resolve
from nn.module import Module, check_name, initial_weight, make_rng
from nn.trace import Spec


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
        if isinstance(inputs, str) or not isinstance(inputs, Iterable):
            raise TypeError(f"{where}: inputs must be a list of names, got {inputs!r}")
        names = [check_name(name, where, "input name") for name in inputs]
        if not names:
            raise ValueError(f"{where}: a network needs at least one input")
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"{where}: duplicate input name(s) {repeated}")
        self.input_names = names
        self._rng = make_rng(seed, where)
        self._activations: dict[str, Activation] = {}
        self._biases: dict[str, Value] = {}
        self._sources: dict[str, list[tuple[str, Value]]] = {}
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
        if isinstance(edges, (str, Mapping)) or not isinstance(edges, Iterable):
            raise TypeError(f"{where}: edges must be a list of (src, dst) pairs, got {edges!r}")
        pairs = []
        for k, edge in enumerate(edges):
            if isinstance(edge, str) or not isinstance(edge, Sequence) or len(edge) != 2:
                raise TypeError(f"{where}: edge {k} must be a (src, dst) pair, got {edge!r}")
            pairs.append((check_name(edge[0], where, f"edge {k} source"),
                          check_name(edge[1], where, f"edge {k} target")))
        if not pairs:
            raise ValueError(f"{where}: edges is empty; give at least one (src, dst) link")
        for k, (src, dst) in enumerate(pairs):
            if dst in net.input_names:
                raise ValueError(f"{where}: edge {k} ({src!r}, {dst!r}): {dst!r} is an input; "
                                 "inputs take no incoming links")
        nodes = list(dict.fromkeys(name for pair in pairs for name in pair
                                   if name not in net._readers))
        targets = {dst for _, dst in pairs}
        for name in nodes:
            if name not in targets:
                raise ValueError(
                    f"{where}: node {name!r} has no incoming edge; if it is an input, "
                    f"list it in inputs (inputs are {net.input_names})"
                )
        per_node = activation if isinstance(activation, Mapping) else {}
        unknown = sorted(set(per_node) - set(nodes))
        if unknown:
            raise ValueError(f"{where}: activation given for unknown node(s) {unknown}")
        for name in nodes:
            default = "sigmoid" if isinstance(activation, Mapping) else activation
            net.add(name, activation=per_node.get(name, default))
        for src, dst in pairs:
            net.connect(src, dst)
        return net

    # -- building -----------------------------------------------------------------------

    def add(
        self, name: str, inputs: Sequence[str] = (), activation: ActivationArg = "sigmoid"
    ) -> Network:
        """Add perceptron ``name`` reading from ``inputs`` (existing inputs or perceptrons).

        Draws its bias w_0 and one weight w_{i->name} per input; returns the network.
        """
        where = f"Network.add({name!r})"
        check_name(name, where)
        if name in self._readers:
            kind = "an input" if name in self.input_names else "a perceptron"
            raise ValueError(f"{where}: the name {name!r} is already taken by {kind}")
        if isinstance(inputs, str) or not isinstance(inputs, Iterable):
            raise TypeError(f"{where}: inputs must be a list of node names, got {inputs!r}")
        sources = list(inputs)
        for src in sources:
            self._check_known(src, where, "source")
        repeated = sorted({src for src in sources if sources.count(src) > 1})
        if repeated:
            raise ValueError(f"{where}: input(s) {repeated} listed twice; one link per pair")
        act = resolve(activation, where)
        self._activations[name] = act
        self._biases[name] = initial_weight(self._rng, f"b[{name}]")
        self._sources[name] = []
        self._readers[name] = []
        for src in sources:
            self._link(src, name)
        return self

    def connect(self, src: str, dst: str) -> Network:
        """Add the link w_{src->dst} (a new weight); refuse it if it would close a cycle."""
        where = f"Network.connect({src!r}, {dst!r})"
        self._check_known(src, where, "source")
        if dst in self.input_names:
            raise ValueError(f"{where}: {dst!r} is an input; inputs take no incoming links")
        self._check_known(dst, where, "target")
        if any(s == src for s, _ in self._sources[dst]):
            raise ValueError(f"{where}: {src!r} is already connected to {dst!r}")
        path = self._path(dst, src)
        if path is not None:
            raise ValueError(
                f"{where}: this link would make a cycle {' -> '.join([src, *path])}; "
                "a feed-forward network has no loops"
            )
        self._link(src, dst)
        return self

    # -- reading --------------------------------------------------------------------------

    @property
    def output_names(self) -> list[str]:  # type: ignore[override]
        """The perceptrons nobody reads from, in insertion order."""
        return [name for name in self._sources if not self._readers[name]]

    @property
    def node_names(self) -> list[str]:
        """Every perceptron's name, in insertion order."""
        return list(self._sources)

    def weight(self, src: str, dst: str) -> Value:
        """The weight w_{src->dst} (a Value)."""
        where = f"Network.weight({src!r}, {dst!r})"
        self._check_known(src, where, "source")
        self._check_known(dst, where, "target")
        for s, w in self._sources.get(dst, ()):
            if s == src:
                return w
        readers_of = [s for s, _ in self._sources.get(dst, ())]
        raise ValueError(f"{where}: there is no link {src} -> {dst}; {dst!r} reads from "
                         f"{readers_of or 'nothing'}")

    def bias(self, name: str) -> Value:
        """The bias w_0 of perceptron ``name`` (the weight of its constant input a_0 = 1)."""
        where = f"Network.bias({name!r})"
        if name in self.input_names:
            raise ValueError(f"{where}: {name!r} is an input; only perceptrons have a bias")
        self._check_known(name, where, "perceptron")
        return self._biases[name]

    # -- Module hooks -----------------------------------------------------------------------

    def _specs(self) -> list[Spec]:
        """The perceptrons in topological order, ties broken by insertion order."""
        position = {name: i for i, name in enumerate(self._sources)}
        waiting = {name: sum(src in position for src, _ in links)
                   for name, links in self._sources.items()}
        ready = [i for i, name in enumerate(self._sources) if waiting[name] == 0]
        heapq.heapify(ready)
        names = list(self._sources)
        specs = []
        while ready:
            name = names[heapq.heappop(ready)]
            specs.append(Spec(name, self._activations[name], self._biases[name],
                              tuple(self._sources[name])))
            for reader in self._readers[name]:
                waiting[reader] -= 1
                if waiting[reader] == 0:
                    heapq.heappush(ready, position[reader])
        return specs

    def _config(self) -> dict[str, Any]:
        nodes = [{"name": name, "activation": self._activations[name].saved_name(),
                  "inputs": [src for src, _ in links]} for name, links in self._sources.items()]
        return {"inputs": list(self.input_names), "nodes": nodes}

    @classmethod
    def _from_config(cls, config: dict[str, Any]) -> Network:
        if set(config) != {"inputs", "nodes"}:
            raise ValueError(
                f"a Network config has the fields inputs and nodes, got {sorted(config)}"
            )
        net = cls(config["inputs"])
        nodes = config["nodes"]
        if not isinstance(nodes, list):
            raise TypeError(f"nodes must be a list, got {type(nodes).__name__}")
        for k, node in enumerate(nodes):
            if not isinstance(node, dict) or set(node) != {"name", "activation", "inputs"}:
                raise ValueError(f"node {k} must be an object with name, activation and inputs")
            if not isinstance(node["inputs"], list):
                raise TypeError(f"node {k}: inputs must be a list of names")
            net.add(node["name"], activation=node["activation"])
        for node in nodes:
            for src in node["inputs"]:
                net.connect(src, node["name"])
        return net

    def __repr__(self) -> str:
        return (f"Network(inputs={self.input_names}, perceptrons={len(self._sources)}, "
                f"outputs={self.output_names})")

    # -- helpers --------------------------------------------------------------------------

    def _check_known(self, name: Any, where: str, what: str) -> None:
        if not isinstance(name, str):
            raise TypeError(f"{where}: {what} must be a node name (str), got {name!r}")
        if name not in self._readers:
            known = ", ".join([*self.input_names, *self._sources]) or "none"
            raise ValueError(f"{where}: unknown {what} {name!r}; known nodes: {known}")

    def _link(self, src: str, dst: str) -> None:
        self._sources[dst].append((src, initial_weight(self._rng, f"w[{src}->{dst}]")))
        self._readers[src].append(dst)
        self._changed()

    def _path(self, start: str, goal: str) -> list[str] | None:
        """A path start -> ... -> goal along existing links (breadth first), or None."""
        previous: dict[str, str | None] = {start: None}
        frontier = [start]
        while frontier:
            following = []
            for name in frontier:
                if name == goal:
                    path = [name]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])  # type: ignore[arg-type]
                    return path[::-1]
                for reader in self._readers[name]:
                    if reader not in previous:
                        previous[reader] = name
                        following.append(reader)
            frontier = following
        return None


def tutorial_network(seed: int | random.Random | None = None) -> Network:
    """The 2-5-1 network of 000 section 4.1, sigmoid everywhere.

    Inputs "in_x" and "in_y" feed perceptrons "1".."5", which all feed "6", whose
    output z_6 is h(x).  ``net.bias("1")`` is the seed's w_{in_1->1},
    ``net.weight("in_x", "1")`` its w_{in_x->1} and ``net.weight("1", "6")`` its w_{1->6}.
    """
    net = Network(["in_x", "in_y"], seed=seed)
    hidden = [str(j) for j in range(1, 6)]
    for name in hidden:
        net.add(name, ["in_x", "in_y"])
    return net.add("6", hidden)
