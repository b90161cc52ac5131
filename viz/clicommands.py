"""The subcommands of ``backprop``: for each, a function that declares its arguments and
one that runs it (returning the exit status).  The figure modules are imported only when
a subcommand runs, so ``backprop --help`` works without the ``viz`` extra.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import nn
from autograd import Value, explain, topological_order
from autograd.display import format_number
from viz.cliargs import assignments, figure_arguments, node_names, number_list, out_argument
from viz.expr import ExpressionError, UnknownVariable, evaluate


def graph_arguments(parser: argparse.ArgumentParser) -> None:
    """``graph EXPRESSION --at x=1.5,...``: an expression, its variables' values, ``--frames``."""
    parser.add_argument("expression", help='e.g. "sigmoid(w * x + b)"')
    parser.add_argument("--at", type=assignments, default={}, metavar="x=1.5,w=-0.3",
                        help="the value of every variable")
    parser.add_argument("--frames", action="store_true",
                        help="also write the backward pass as an animated GIF")
    figure_arguments(parser)
    out_argument(parser)


def run_graph(args: argparse.Namespace) -> int:
    """Differentiate the expression by reverse mode (the tutorial, section 5), print every
    df/d(variable) and the pass step by step, and draw its graph (and frames)."""
    from viz.frames import backward_frames
    from viz.graph import draw_graph
    from viz.save import save

    at = ", ".join(f"{name}={x:g}" for name, x in args.at.items()) or "no variables"
    try:
        output = evaluate(args.expression, args.at)
    except UnknownVariable as error:
        give = f"give it one with --at {error.name}=1.5"
        raise ExpressionError(f"{error} {give.capitalize()}." if str(error).endswith("?")
                              else f"{error}; {give}") from None
    if not math.isfinite(output.data):
        raise ExpressionError(f"{args.expression.strip()!r} at {at} is {output.data}, not a "
                              f"finite number{not_finite(output)}")
    output.label = output.label or "f"
    try:
        steps = explain(output)
    except ArithmeticError as error:  # a local derivative that is infinite, e.g. sqrt at 0
        raise ExpressionError(f"cannot differentiate {args.expression.strip()!r} at {at}: "
                              f"{error}") from None
    leaves = {step.name: step.upstream for step in steps if step.op is None}
    for name in args.at:
        if not math.isfinite(leaves.get(name, 0.0)):
            raise ExpressionError(f"the derivative df/d{name} of {args.expression.strip()!r} "
                                  f"at {at} is {leaves[name]}, not a finite number"
                                  f"{not_finite(output)}")
    print(f"f = {args.expression.strip()} = {format_number(output.data)}")
    for name in args.at:
        print(f"df/d{name} = {format_number(leaves.get(name, 0.0))}")
    print()
    print(steps)
    output.backward()  # fills .grad for the drawing
    written = [save(draw_graph(output, labels=args.labels), args.out / f"graph.{args.format}",
                    **({"dpi": args.dpi} if args.dpi else {}))]
    if args.frames:
        backward_frames(output, args.out / "backward.gif")
        written.append(args.out / "backward.gif")
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


def network_arguments(parser: argparse.ArgumentParser) -> None:
    """``network MODEL``: a saved model, with ``--sample``, ``--target`` and ``--open``."""
    parser.add_argument("model", type=Path, help="a model saved with model.save(path)")
    parser.add_argument("--sample", type=number_list, metavar="X1,X2,...",
                        help="show s_j and z_j for this input")
    parser.add_argument("--target", type=number_list, metavar="Y",
                        help="with --sample: also show delta_j and the weight gradients")
    parser.add_argument("--open", type=node_names, default=[], metavar="NAME,...",
                        help="draw these perceptrons as their operations: each w z, s_j, "
                             "z_j and E, with values and gradients for --sample/--target")
    figure_arguments(parser)
    out_argument(parser)


def run_network(args: argparse.Namespace) -> int:
    """Draw the saved model (with one sample's s_j, z_j, delta_j and dE/dw if given)."""
    from viz.network import draw_network
    from viz.save import save

    if args.target is not None and args.sample is None:
        raise ValueError("--target needs --sample")
    model = nn.load(args.model)
    target = args.target[0] if args.target and len(args.target) == 1 else args.target
    path = save(draw_network(model, args.sample, target, labels=args.labels, open=args.open),
                args.out / f"network.{args.format}", **({"dpi": args.dpi} if args.dpi else {}))
    print(f"wrote {path}")
    return 0


def demo_arguments(parser: argparse.ArgumentParser) -> None:
    """``demo``: the point set, the epochs and the seed of the initial weights."""
    parser.add_argument("--dataset", choices=("xor", "circles"), default="xor",
                        help="the 2D point set (default: xor)")
    parser.add_argument("--epochs", type=int, default=None,
                        help="training epochs (default: the demo's own)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the initial weights (default: the demo's own)")
    out_argument(parser)


def run_demo(args: argparse.Namespace) -> int:
    """Train the tutorial's 2-5-1 network (section 3) and write its figures."""
    from viz import demo

    options = {k: v for k, v in (("epochs", args.epochs), ("seed", args.seed)) if v is not None}
    demo.run_demo(args.out, dataset=args.dataset, **options)
    return 0


def playground_arguments(parser: argparse.ArgumentParser) -> None:
    """The playground's own options (:mod:`viz.playground.command`)."""
    from viz.playground import command

    command.arguments(parser)


def run_playground(args: argparse.Namespace) -> int:
    """Start the playground's local server."""
    from viz.playground import command

    return command.run(args)


def not_finite(root: Value) -> str:
    """Where the values of ``root``'s graph first stop being finite numbers, in words
    (``" (exp(1500) is inf)"``), or "" when no operation made one."""
    for node in topological_order(root):
        if node.op is not None and not math.isfinite(node.data):
            shown = ", ".join(format(p.data, "g") for p in node.parents)
            return f" ({node.op.name}({shown}) is {node.data})"
    return ""
