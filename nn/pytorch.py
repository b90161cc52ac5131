"""A PyTorch model as one of ours, with the same weights: :func:`from_torch`.

A ``torch.nn.Sequential`` of ``Linear`` layers, each followed by at most one activation
this package knows (``Tanh``, ``Sigmoid``, ``ReLU``, ``Identity``; none means linear),
is an MLP (the tutorial, section 4): Linear layer k with weight matrix W and bias b is layer k of
perceptrons, node j computing s_j = w_0 + sum_i w_{i->j} z_i with w_0 = b[j - 1] and
w_{i->j} = W[j - 1, i - 1].  The weights are copied as float64 (Python floats), so the
two models' outputs agree to rounding.  torch is imported only when called (the
``torch`` extra installs it).
"""

from __future__ import annotations

from typing import Any

from nn.mlp import MLP
from nn.module import Module
from nn.network import Network

ACTIVATIONS = {"Tanh": "tanh", "Sigmoid": "sigmoid", "ReLU": "relu", "Identity": "linear"}
"""The torch activation modules by class name, and this package's name for each."""


def from_torch(module: Any) -> Module:
    """The ``nn`` model of a ``torch.nn.Sequential`` of Linear layers and activations.

    Returns an :class:`nn.MLP` (hidden activation g, output activation g_o) whose
    weights are the module's, or, when the hidden layers' activations differ (a Tanh
    layer, then a ReLU layer), the same layered network as an :class:`nn.Network` with
    one activation per perceptron.  Perceptron j of layer k is named "k.j" and input i
    "x<i>", as in an MLP.  Any other layer (a Dropout, a Conv2d, a LayerNorm, ...) is
    refused, naming it and its place.
    """
    import torch

    if not isinstance(module, torch.nn.Sequential):
        raise TypeError(f"from_torch: expected a torch.nn.Sequential of Linear layers and "
                        f"activations, got {type(module).__name__}")
    layers = _layers(list(module), torch.nn.Linear)
    inputs = [f"x{i}" for i in range(1, layers[0][0].in_features + 1)]
    sizes = [linear.out_features for linear, _ in layers]
    hidden = {act for _, act in layers[:-1]}
    model: Module
    if len(hidden) <= 1:
        g = next(iter(hidden), layers[-1][1])
        model = MLP(len(inputs), sizes, activation=g, output_activation=layers[-1][1],
                    input_names=inputs)
    else:
        names = [inputs] + [[f"{k}.{j}" for j in range(1, n + 1)]
                            for k, n in enumerate(sizes, 1)]
        edges = [(src, dst) for k in range(1, len(names)) for dst in names[k]
                 for src in names[k - 1]]
        model = Network.from_edges(inputs, edges, activation={
            name: act for k, (_, act) in enumerate(layers, 1) for name in names[k]})
    _copy(model, layers)
    return model


def _layers(children: list[Any], linear_type: Any) -> list[tuple[Any, str]]:
    """(Linear, activation name) per layer, after checking every child of the Sequential:
    Linear layers whose widths chain, each followed by at most one known activation."""
    layers: list[tuple[Any, str]] = []
    for k, child in enumerate(children):
        kind = type(child).__name__
        if isinstance(child, linear_type):
            if layers and child.in_features != layers[-1][0].out_features:
                raise ValueError(f"from_torch: layer {k} ({child}) reads {child.in_features} "
                                 f"inputs but the Linear layer before it gives "
                                 f"{layers[-1][0].out_features}")
            layers.append((child, "linear"))
        elif kind in ACTIVATIONS and type(child).__module__.startswith("torch.nn"):
            if not layers or children[k - 1] is not layers[-1][0]:
                where = "first" if not layers else "after another activation"
                raise ValueError(f"from_torch: layer {k} ({child}) is an activation {where}; "
                                 f"each activation must follow a Linear layer")
            layers[-1] = (layers[-1][0], ACTIVATIONS[kind])
        else:
            raise ValueError(f"from_torch: layer {k} of the Sequential is {child}, which has "
                             f"no perceptron equivalent; only Linear layers and the "
                             f"activations {', '.join(ACTIVATIONS)} can be converted")
    if not layers:
        raise ValueError("from_torch: the Sequential has no Linear layer")
    return layers


def _copy(model: Module, layers: list[tuple[Any, str]]) -> None:
    """Set w_0 of perceptron "k.j" to b[j - 1] and w_{i->j} to W[j - 1, i - 1] of Linear
    layer k, as float64."""
    tensors = [(linear.weight.detach().double().tolist(),
                None if linear.bias is None else linear.bias.detach().double().tolist())
               for linear, _ in layers]
    for unit in model.units():
        k, j = (int(part) for part in unit.name.split("."))
        weight, bias = tensors[k - 1]
        unit.bias.data = 0.0 if bias is None else float(bias[j - 1])
        for source, w in unit.weights:
            i = int(source[1:]) if k == 1 else int(source.split(".")[1])
            w.data = float(weight[j - 1][i - 1])
