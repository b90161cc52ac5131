"""Networks of perceptrons on the autograd engine: the seed's perceptron, MLPs, DAG networks.

Every model is a :class:`Module` made of perceptrons (``units()``), callable on a list
or dict of inputs, traceable for teaching (``trace()``) and saved as JSON (``save``,
:func:`load`).  Imports only :mod:`autograd`.
"""

from nn.activations import ACTIVATIONS
from nn.mlp import MLP, Layer
from nn.module import Module, load
from nn.network import Network, tutorial_network
from nn.perceptron import Perceptron
from nn.saving import ModelFileError
from nn.trace import Trace, Unit

__all__ = [
    "ACTIVATIONS", "Module", "Perceptron", "Layer", "MLP", "Network", "tutorial_network",
    "Unit", "Trace", "load", "ModelFileError",
]

# -- losses, optimisers, training, data sets (helper B adds its lines below) ------------
from nn import datasets, losses, optim  # noqa: E402
from nn.optim import SGD, Adam, Optimizer  # noqa: E402
from nn.train import History, fit  # noqa: E402

__all__ += ["datasets", "losses", "optim", "SGD", "Adam", "Optimizer", "History", "fit"]
