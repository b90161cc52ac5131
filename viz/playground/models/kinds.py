"""The playground's models: built from settings, exported as ``nn`` model files, imported back.

Four kinds, all on the inputs x, y of the plane (and the chosen input features, see
:mod:`viz.playground.models.features`).  For two classes they have one sigmoid output (so h(x)
is read as the probability of blue, and the class boundary is h = 0.5); for K > 2 classes
K linear outputs, one score per class (see :mod:`viz.playground.models.k_classes`):

- ``perceptron``: the tutorial's single sigmoid perceptron (section 2) (demo 1); for K classes K
  perceptrons on the inputs (an MLP without hidden layers, "1.1" to "1.K");
- ``tutorial``: the tutorial's 2-5-1 network (section 3), sigmoid everywhere (demo 2); with
  features, the same network with every feature as one more input of each of 1..5; for K
  classes the 2-5-K network, outputs 6 to 5 + K;
- ``mlp``: an MLP with the chosen hidden widths and hidden activation g (the tutorial, 4),
  g_o = sigmoid (or K linear outputs);
- ``network``: the learner's own DAG of perceptrons (:mod:`viz.playground.models.own_network`).

An imported file is first checked for size (so no huge structure is ever built),
loaded with :func:`nn.load`, then matched to one of these kinds by its structure.
"""

from __future__ import annotations

from typing import Any

import nn
from viz.playground.api.fields import BadRequest, kind, parse
from viz.playground.models import (
    choices,
    features,
    k_classes,
    own_network,
    regression,
    setting_rules,
)

MAX_WEIGHTS = (3 + len(features.FEATURES)) * 32 + 5 * 33 * 32 + 33 * k_classes.MAX_CLASSES
"""The most weights (w_0 included) a playground model has: the MLP 7-32-32-32-32-32-32-5
(x, y and all five features, five classes)."""


def build(settings: dict[str, Any]) -> nn.Module:
    """A fresh model for ``settings`` (model, hidden, activation, features, classes, seed),
    weights from the seed."""
    kind, seed, extra = settings["model"], settings["seed"], settings["features"]
    if kind == "network":
        return own_network.build(settings)
    n_outputs, g_o = regression.outputs(settings)
    if kind == "tutorial":
        if not extra and n_outputs == 1 and g_o == "sigmoid":
            return nn.tutorial_network(seed=seed)
        names = regression.inputs(settings, features.TUTORIAL_INPUTS)
        net = nn.Network(names, seed=seed)
        hidden = [str(j) for j in range(1, 6)]
        for name in hidden:
            net.add(name, names)
        for k in range(n_outputs):
            net.add(str(6 + k), hidden, activation=g_o)
        return net
    names = regression.inputs(settings, features.PLANE_INPUTS)
    if kind == "perceptron" and n_outputs == 1:
        return nn.Perceptron(len(names), activation=g_o, seed=seed, input_names=names)
    hidden = settings["hidden"] if kind == "mlp" else []
    return nn.MLP(len(names), [*hidden, n_outputs], activation=settings["activation"],
                  output_activation=g_o, seed=seed, input_names=names)


def structure(model: nn.Module) -> list[tuple[str, tuple[int, ...]]]:
    """Each perceptron's activation and sources by position (inputs -1, -2, ...), names aside."""
    position = {name: -1 - k for k, name in enumerate(model.input_names)}
    shape: list[tuple[str, tuple[int, ...]]] = []
    for k, unit in enumerate(model.units()):
        shape.append((unit.activation, tuple(position[src] for src, _ in unit.weights)))
        position[unit.name] = k
    return shape


def document(model: nn.Module) -> str:
    """The model file ``model.save`` writes (loadable by :func:`nn.load`), as text."""
    return model.dumps()


def adopt(text: str, current: dict[str, Any],
          labels: list[int]) -> tuple[dict[str, Any], nn.Module]:
    """The settings and model of an uploaded model file, or BadRequest saying why it does not fit.

    ``current`` supplies the settings the file does not hold (the seed); the file's outputs
    give the classes (and with them the loss), which the points' ``labels`` must fit.
    """
    _check_size(text)
    try:
        loaded = nn.loads(text, "model file")
    except nn.ModelFileError as error:
        raise BadRequest(str(error).replace("model file: ", "model file ", 1)) from None
    shape = structure(loaded)
    for candidate in _candidates(loaded, current):
        model = build(candidate)
        if structure(model) == shape:
            for w, saved in zip(model.parameters(), loaded.parameters(), strict=True):
                w.data = saved.data
            same_task = candidate["task"] == current["task"]  # else the points are shelved
            settled = setting_rules.settle(candidate, {}, labels if same_task else [],
                                     choices.DEFAULTS["loss"], "model file")
            return settled, model
    raise BadRequest(
        f"model file holds a {type(loaded).__name__} with {len(loaded.input_names)} input(s), "
        f"{len(loaded.output_names)} output(s) and {len(shape)} perceptron(s) that is not a "
        "playground model: a sigmoid perceptron, the 2-5-1 network, or an MLP on 2 inputs "
        "(regression: on the 1 input x, with one linear output) "
        f"(x, y, then any of the features {', '.join(features.FEATURES)}) with up to "
        f"{choices.MAX_HIDDEN_LAYERS} hidden layers of up to {choices.MAX_WIDTH} "
        "and one sigmoid output (two classes) or 3 to "
        f"{k_classes.MAX_CLASSES} linear outputs (one score per class), or a network of up to "
        f"{own_network.MAX_PERCEPTRONS} named perceptrons on in_x, in_y (see settings.edges)"
    )


def _candidates(model: nn.Module, current: dict[str, Any]) -> list[dict[str, Any]]:
    """Settings that might rebuild ``model``: the MLP its layers suggest, then the two demos,
    with the input features its input names show."""
    one_input = len(model.input_names) == 1  # regression: y = f(x), one linear output
    extra = [] if one_input else features.from_names(model.input_names)
    k = k_classes.classes_of(len(model.output_names))
    if extra is None or k is None or (one_input and k != 2):
        return []
    current = {**current, "features": extra, "classes": k,
               "task": "regression" if one_input else "classification"}
    found = []
    units = model.units()
    layers = sorted({u.layer for u in units})
    widths = [sum(u.layer == k for u in units) for k in layers[:-1]]
    if (1 <= len(widths) <= choices.MAX_HIDDEN_LAYERS
            and max(widths) <= choices.MAX_WIDTH):
        found.append({**current, "model": "mlp", "hidden": widths,
                      "activation": units[0].activation})
    demos = [{**current, "model": kind} for kind in ("tutorial", "perceptron")]
    own = own_network.of_model(model)
    if own is not None:  # the learner's network; the 2-5-1 one if named 1, 2, ... as it is
        numbered = [u.name for u in units] == [str(k) for k in range(1, len(units) + 1)]
        mine = [{**current, "model": "network", **own}]
        return demos + mine if numbered else mine + demos
    if type(model).__name__ == "Network":
        return demos + found
    return found + demos


def _check_size(text: str) -> None:
    """Refuse a file whose structure is larger than any playground model, before building it."""
    doc = parse(text, "model file")
    if not isinstance(doc, dict):
        raise BadRequest(f"model file must be a JSON object, got {kind(doc)}")
    config, parameters = doc.get("config"), doc.get("parameters")
    if isinstance(parameters, dict) and len(parameters) > MAX_WEIGHTS:
        raise BadRequest(f"model file has {len(parameters):,} parameters; a playground model "
                         f"has at most {MAX_WEIGHTS:,}")
    if not isinstance(config, dict):
        return  # nn.load names the fault
    sizes = config.get("sizes")
    if isinstance(sizes, list) and (len(sizes) > choices.MAX_HIDDEN_LAYERS + 1 or any(
            not isinstance(w, int) or w > choices.MAX_WIDTH for w in sizes)):
        raise BadRequest(f"model file's layer sizes {sizes!r:.80} exceed the playground's "
                         f"limits ({choices.MAX_HIDDEN_LAYERS} hidden layers of "
                         f"{choices.MAX_WIDTH})")
    nodes, n_inputs = config.get("nodes"), config.get("n_inputs")
    if isinstance(nodes, list):
        links = sum(1 + len(n["inputs"]) for n in nodes
                    if isinstance(n, dict) and isinstance(n.get("inputs"), list))
        if links > MAX_WEIGHTS:
            raise BadRequest(f"model file's network has {links:,} weights; a playground model "
                             f"has at most {MAX_WEIGHTS:,}")
    most = 2 + len(features.FEATURES)
    if isinstance(n_inputs, int) and not 1 <= n_inputs <= most:
        raise BadRequest(f"model file's model has {n_inputs} inputs; the plane gives 2 (x, y) "
                         f"and at most {most - 2} features (regression: the 1 input x)")
