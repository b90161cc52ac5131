"""Helpers of the tests of opened perceptrons: the operations read back from an SVG, and
the numbers they must show, from a forward pass built here and ``autograd.grad``."""

import html
import re

from autograd import Value, grad

SAMPLE, TARGET = [0.5, -0.2], 1.0


def operations(svg):
    """{tag: [texts]} of every operation group of the SVG."""
    found = {}
    for match in re.finditer(r'<g id="op&#45;([^"]*)" class="node"[^>]*>(.*?)</g>', svg, re.S):
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", match.group(2))
        found[html.unescape(match.group(1))] = [html.unescape(t) for t in texts]
    return found


def reference(model, sample, target):
    """Every perceptron's products, s_j and z_j as Values built here, and E = (h - y)^2."""
    z = dict(zip(model.input_names, map(Value, sample), strict=True))
    ops = {}
    for unit in model.units():
        products = [unit.bias] + [w * z[src] for src, w in unit.weights]
        s = products[0]
        for p in products[1:]:
            s = s + p
        z[unit.name] = unit.activation.fn(s)
        ops[unit.name] = products, s, z[unit.name]
    E = (z[model.output_names[0]] - target) ** 2
    return ops, E


def expected(model, name, sample=SAMPLE, target=TARGET):
    """{tag: (value, dE/d(value))} of perceptron ``name``'s operations."""
    ops, E = reference(model, sample, target)
    products, s, z = ops[name]
    unit = next(u for u in model.units() if u.name == name)
    tags = [f"{name}:w[0->{name}]", *(f"{name}:w[{src}->{name}]" for src in unit.sources),
            f"{name}:s", f"{name}:z"]
    nodes = [*products, s, z]
    if name in model.output_names:
        tags.append(f"{name}:E")
        nodes.append(E)
    grads = grad(E, nodes)
    return {tag: (node.data, g) for tag, node, g in zip(tags, nodes, grads, strict=True)}
