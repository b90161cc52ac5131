"""Networks of perceptrons on the autograd engine: the tutorial's perceptron, MLPs, DAG networks.

Every model is a :class:`Module` made of perceptrons (``units()``, each an :class:`Unit`),
callable on a list or dict of inputs, traceable for teaching (``trace()``) and saved as
JSON (``save`` / :func:`load`, or as text ``dumps`` / :func:`loads`).  Imports only
:mod:`autograd`.
"""

from autograd._version import __version__ as __version__
from nn import datasets, losses, optim
from nn.activations import ACTIVATIONS
from nn.history import History
from nn.mlp import MLP, Layer
from nn.module import Module
from nn.multiclass import softmax
from nn.network import Network
from nn.optim import SGD, Adam, DivergedError, Optimizer
from nn.perceptron import Perceptron
from nn.predict import predict_class, predict_proba
from nn.pytorch import from_torch
from nn.saving import ModelFileError, load, loads
from nn.trace import Trace
from nn.train import fit
from nn.tutorial import tutorial_network
from nn.unit import Unit

__all__ = [
    "ACTIVATIONS", "Module", "Perceptron", "Layer", "MLP", "Network", "tutorial_network",
    "Unit", "Trace", "load", "loads", "ModelFileError",
    "datasets", "losses", "optim", "SGD", "Adam", "Optimizer", "DivergedError", "History",
    "fit", "softmax", "predict_class", "predict_proba", "from_torch",
]
