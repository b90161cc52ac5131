"""Networks of perceptrons on the autograd engine: the seed's perceptron, MLPs, DAG networks.

Every model is a :class:`Module` made of perceptrons (``units()``), callable on a list
or dict of inputs, traceable for teaching (``trace()``) and saved as JSON (``save``,
:func:`load`).  Imports only :mod:`autograd`.
"""

from autograd._version import __version__ as __version__
from nn import datasets, losses, optim
from nn.activations import ACTIVATIONS
from nn.mlp import MLP, Layer
from nn.module import Module, load
from nn.network import Network, tutorial_network
from nn.optim import SGD, Adam, Optimizer
from nn.perceptron import Perceptron
from nn.saving import ModelFileError
from nn.trace import Trace, Unit
from nn.train import History, fit

__all__ = [
    "ACTIVATIONS", "Module", "Perceptron", "Layer", "MLP", "Network", "tutorial_network",
    "Unit", "Trace", "load", "ModelFileError",
    "datasets", "losses", "optim", "SGD", "Adam", "Optimizer", "History", "fit",
]
