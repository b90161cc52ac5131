"""The tutorial's own network: the 2-5-1 sigmoid network of its section 3, with its names."""

from __future__ import annotations

import random

from nn.network import Network


def tutorial_network(seed: int | random.Random | None = None) -> Network:
    """The 2-5-1 network of the tutorial, section 3.2, sigmoid everywhere.

    Inputs "in_x" and "in_y" feed perceptrons "1".."5", which all feed "6", whose
    output z_6 is h(x).  ``net.bias("1")`` is the bias w_{0->1} (a_0 = 1),
    ``net.weight("in_x", "1")`` its w_{in_x->1} and ``net.weight("1", "6")`` its w_{1->6}.
    """
    net = Network(["in_x", "in_y"], seed=seed)
    hidden = [str(j) for j in range(1, 6)]
    for name in hidden:
        net.add(name, ["in_x", "in_y"])
    return net.add("6", hidden)
