"""The model kind ``network``: the learner's own DAG of perceptrons, wired link by link.

Its settings are ``edges``, a list of links ``[source, target]``, and ``activations``,
``{perceptron: activation}``.  The inputs are ``in_x``, ``in_y`` and the chosen features'
inputs (``in_x^2``, ...); every other name is a perceptron, computing the tutorial's
s_j = w_0 + sum_i w_{i->j} z_i and z_j = sigma_j(s_j); the outputs are the perceptrons
nothing reads from (one for two classes, K scores for K classes).  A perceptron without an
activation of its own gets the sigmoid (a linear score at K classes).  The model is
``nn.Network.from_edges`` on them, so its file is the one ``nn.Network`` writes.

:func:`edges` and :func:`activations` check each field alone (a loop is refused there,
named node by node); :func:`settle` checks them against the other settings (features,
classes, loss) whenever settings are merged, so nothing is changed by a refusal.
"""

from __future__ import annotations

import re
from typing import Any

import nn
from nn import graph_search
from nn.activations import ACTIVATIONS
from viz.playground.api.fields import BadRequest, choice, kind
from viz.playground.models import regression
from viz.playground.models.features import FEATURES, TUTORIAL_INPUTS, input_names

MAX_PERCEPTRONS = 30
"""At most this many perceptrons in the learner's network."""

MAX_LINKS = 150
"""At most this many links; with the biases, at most 180 weights: drawn and explained."""

NAME = re.compile(r"[A-Za-z0-9_]{1,16}")
"""A perceptron's name: 1 to 16 letters, digits or underscores, not starting with ``in_``
(and not ``0``, which names the constant input a_0 = 1 of every bias w[0->j])."""

EDGES = [["in_x", "a"], ["in_y", "a"], ["a", "out"], ["in_x", "out"]]
"""The network a new session's settings hold: a hidden perceptron and a skip link."""

ACTIVATIONS_DEFAULT = {"a": "tanh", "out": "sigmoid"}
"""The activations of :data:`EDGES`."""


def edges(value: Any, where: str) -> list[list[str]]:
    """Checked links: pairs of names, none into an input, none twice, no loop, within
    :data:`MAX_PERCEPTRONS` and :data:`MAX_LINKS`."""
    if not isinstance(value, list) or not value:
        raise BadRequest(f"{where} must be a non-empty list of links [source, target] such as "
                         f'[["in_x", "a"], ["a", "out"]], got {kind(value)}')
    if len(value) > MAX_LINKS:
        raise BadRequest(f"{where} holds {len(value):,} links; at most {MAX_LINKS} are allowed")
    inputs = set(input_names(TUTORIAL_INPUTS, list(FEATURES)))
    seen: set[tuple[str, str]] = set()
    for k, link in enumerate(value):
        if not isinstance(link, list) or len(link) != 2:
            raise BadRequest(f"{where}[{k}] must be a link [source, target], got {kind(link)}")
        for end, name in zip(("source", "target"), link, strict=True):
            if name not in inputs and not _perceptron_name(name):
                raise BadRequest(
                    f"{where}[{k}] {end} {name!r:.40} is neither an input "
                    f"({', '.join(TUTORIAL_INPUTS)} "
                    "or a feature's, such as in_x^2) nor a perceptron's name (1 to 16 "
                    "letters, digits or _, not starting with in_, and not 0, the name of "
                    "the constant input a_0 = 1)")
        source, target = link
        if target in inputs:
            raise BadRequest(f"{where}[{k}]: {target} is an input; nothing links into an input")
        if source == target:
            raise BadRequest(f"{where}[{k}]: perceptron {target} cannot read its own output")
        if (source, target) in seen:
            raise BadRequest(f"{where}[{k}]: the link {source} -> {target} is there twice")
        seen.add((source, target))
    perceptrons = list(dict.fromkeys(n for link in value for n in link if n not in inputs))
    if len(perceptrons) > MAX_PERCEPTRONS:
        raise BadRequest(f"{where} names {len(perceptrons)} perceptrons; at most "
                         f"{MAX_PERCEPTRONS} are allowed")
    _refuse_loops(value, perceptrons, inputs, where)
    return [list(link) for link in value]


def _perceptron_name(name: Any) -> bool:
    return isinstance(name, str) and NAME.fullmatch(name) is not None and \
        not name.startswith("in_") and name != "0"


def _refuse_loops(links: list[list[str]], perceptrons: list[str], inputs: set[str],
                  where: str) -> None:
    """BadRequest naming a loop a -> b -> ... -> a if the links close one."""
    sources: dict[str, list[str]] = {name: [] for name in perceptrons}
    readers: dict[str, list[str]] = {name: [] for name in [*inputs, *perceptrons]}
    for source, target in links:
        sources[target].append(source)
        readers[source].append(target)
    placed = graph_search.topological(sources, readers)
    if len(placed) < len(perceptrons):
        loop = " -> ".join(graph_search.cycle(sources, set(placed)))
        raise BadRequest(f"{where}: these links make a loop {loop}: a perceptron would read "
                         "its own output through the others; the network feeds forward only, "
                         "so remove one of these links")


def activations(value: Any, where: str) -> dict[str, str]:
    """Checked ``{perceptron: activation}`` (names of :data:`nn.activations.ACTIVATIONS`)."""
    if not isinstance(value, dict):
        raise BadRequest(f"{where} must be an object {{perceptron: activation}} such as "
                         f'{{"a": "tanh"}}, got {kind(value)}')
    if len(value) > MAX_PERCEPTRONS:
        raise BadRequest(f"{where} names {len(value)} perceptrons; at most {MAX_PERCEPTRONS}")
    for name in value:
        if not _perceptron_name(name):
            raise BadRequest(f"{where}: {name!r:.40} is not a perceptron's name")
    return {name: choice(act, f"{where}.{name}", tuple(ACTIVATIONS))
            for name, act in value.items()}


def settle(settings: dict[str, Any], given: dict[str, Any], where: str = "settings") -> None:
    """BadRequest if merged ``settings`` of kind ``network`` do not fit together: an input
    of a feature not chosen, a perceptron that reads nothing, an activation ``given`` for
    no perceptron, outputs that do not fit the classes, a cross-entropy output that is not
    a sigmoid.  New edges alone drop the activations of perceptrons they no longer name."""
    links = settings["edges"]
    possible = set(input_names(TUTORIAL_INPUTS, list(FEATURES)))
    perceptrons = _perceptrons(links, possible)
    stray = sorted(set(settings["activations"]) - set(perceptrons))
    if stray and "activations" in given:
        raise BadRequest(f"{where}.activations names {', '.join(stray)}, which no link "
                         "names; give activations to the perceptrons of edges only")
    settings["activations"] = {name: act for name, act in settings["activations"].items()
                               if name in perceptrons}
    if settings["model"] != "network":
        return
    chosen = regression.inputs(settings, TUTORIAL_INPUTS)
    for k, (source, _) in enumerate(links):
        if source in possible and source not in chosen and regression.active(settings):
            raise BadRequest(f"{where}.edges[{k}] reads {source}; regression fits y = f(x) "
                             "on the one input in_x: remove the link")
        if source in possible and source not in chosen:
            raise BadRequest(f"{where}.edges[{k}] reads {source}, the input of a feature that "
                             "is not chosen: add it to features or remove the link")
    reading = {target for _, target in links}
    lonely = [name for name in perceptrons if name not in reading]
    if lonely:
        raise BadRequest(f"{where}.edges: perceptron {lonely[0]} reads from nothing; link an "
                         f"input or a perceptron to it (inputs: {', '.join(chosen)})")
    outputs = _outputs(links, perceptrons)
    wanted, _ = regression.outputs(settings)
    if len(outputs) != wanted:
        raise BadRequest(f"{where}.edges: the outputs (perceptrons nothing reads from) are "
                         f"{', '.join(outputs)}; {_needs(settings, wanted)}: link the "
                         "others onward")
    acts = _activations(settings, perceptrons, outputs)
    if settings["loss"] == "binary_cross_entropy" and acts[outputs[0]] != "sigmoid":
        raise BadRequest(f"{where}: binary_cross_entropy reads the output as a probability; "
                         f"output {outputs[0]} needs the sigmoid (it has {acts[outputs[0]]})")


def _needs(settings: dict[str, Any], wanted: int) -> str:
    """What needs ``wanted`` outputs: the classes, or regression's one h(x)."""
    if regression.active(settings):
        return "fitting a function needs 1 output h(x)"
    return f"{settings['classes']} classes need {wanted} output{'s' if wanted > 1 else ''}"


def _outputs(links: list[list[str]], perceptrons: list[str]) -> list[str]:
    """The perceptrons nothing reads from."""
    read = {source for source, _ in links}
    return [name for name in perceptrons if name not in read]


def _perceptrons(links: list[list[str]], inputs: set[str]) -> list[str]:
    """The perceptrons in order of first appearance (as ``nn.Network.from_edges`` adds them)."""
    return list(dict.fromkeys(n for link in links for n in link if n not in inputs))


def _activations(settings: dict[str, Any], perceptrons: list[str],
                 outputs: list[str]) -> dict[str, str]:
    """Each perceptron's activation: its own, else the sigmoid (a K-class output: linear)."""
    _, g_o = regression.outputs(settings)
    return {name: settings["activations"].get(name, g_o if name in outputs else "sigmoid")
            for name in perceptrons}


def build(settings: dict[str, Any]) -> nn.Network:
    """The learner's network (settled ``settings``), weights from the seed."""
    inputs = regression.inputs(settings, TUTORIAL_INPUTS)
    links = settings["edges"]
    perceptrons = _perceptrons(links, set(inputs))
    acts = _activations(settings, perceptrons, _outputs(links, perceptrons))
    return nn.Network.from_edges(inputs, [(a, b) for a, b in links], acts, settings["seed"])


def of_model(model: nn.Module) -> dict[str, Any] | None:
    """The settings ``edges`` and ``activations`` that rebuild a loaded ``nn.Network`` on the
    plane's inputs (perceptrons in topological order), or None for any other model."""
    ours = (TUTORIAL_INPUTS, TUTORIAL_INPUTS[:1])
    if not isinstance(model, nn.Network) or model.input_names[:2] not in ours:
        return None
    units = model.units()
    if not all(_perceptron_name(u.name) for u in units):
        return None
    return {"edges": [[source, u.name] for u in units for source in u.sources],
            "activations": {u.name: u.activation.saved_name() for u in units}}
