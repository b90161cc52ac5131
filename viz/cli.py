"""The console command ``backprop`` (also ``python -m viz``) and its subcommands.

Each subcommand is one :class:`Command` in :data:`COMMANDS`: a help line, a function
that declares its arguments and a function that runs it.  Adding a subcommand means
adding one entry.  Every error (a bad option, an expression refused, a derivative that
does not exist, a missing file or extra) ends the command with one line on stderr and
exit status 2.  The figure modules are imported only when a subcommand runs, so
``backprop --help`` and ``--version`` work without the ``viz`` extra, and a subcommand
that needs an extra says which one to install.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import nn
from autograd import __version__, explain
from autograd.display import format_number
from viz.expr import ExpressionError, UnknownVariable, evaluate, not_finite
from viz.extras import install_hint

PROG = "backprop"


@dataclass(frozen=True)
class Command:
    """One subcommand: its help line, its arguments and what it does (returns the exit code)."""

    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr with exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``PROG COMMAND: error: message`` and where to look, then exit with 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def number_list(text: str) -> list[float]:
    """``"0.5,-0.2"`` as ``[0.5, -0.2]`` (an argparse type)."""
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        numbers = []
    if not numbers or not all(math.isfinite(x) for x in numbers):
        raise argparse.ArgumentTypeError(
            f"expected finite numbers separated by commas, got {text.strip()!r}"
        )
    return numbers


def assignments(text: str) -> dict[str, float]:
    """``"x=1.5,w=-0.3"`` as ``{"x": 1.5, "w": -0.3}`` (an argparse type)."""
    values = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, number = part.partition("=")
        try:
            if not sep:
                raise ValueError
            value = float(number)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected name=number pairs separated by commas, got {part!r} in "
                f"{text.strip()!r}"
            ) from None
        if name.strip() in values:
            raise argparse.ArgumentTypeError(f"variable {name.strip()!r} is given twice")
        values[name.strip()] = value
    return values


def not_options(argv: Sequence[str]) -> list[str]:
    """``argv`` with a space put before every word that starts with a single ``-`` (other
    than ``-h``, the command's only short option): such a word is a value, e.g.
    ``--sample -0.5,1`` or the expression ``"-x"``, which argparse would otherwise take
    for an unknown option.  The space is stripped again (``float``, the expression
    parser)."""
    return [f" {word}" if word.startswith("-") and not word.startswith("--")
            and word not in ("-", "-h") else word for word in argv]


def _out_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                        help="folder for the figures (default: out/)")


def name_texts(text: str) -> dict[str, str]:
    """``"1.1=h_1,2.1=y"`` as ``{"1.1": "h_1", "2.1": "y"}`` (an argparse type)."""
    pairs = [part.partition("=") for part in text.split(",") if part.strip()]
    if not pairs or any(not sep or not name.strip() or not shown.strip()
                        for name, sep, shown in pairs):
        raise argparse.ArgumentTypeError(
            f"expected name=text pairs separated by commas, got {text.strip()!r}")
    return {name.strip(): shown.strip() for name, _, shown in pairs}


def node_names(text: str) -> list[str]:
    """``"3,6"`` as ``["3", "6"]`` (an argparse type)."""
    names = [part.strip() for part in text.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(
            f"expected node names separated by commas, got {text.strip()!r}")
    return names


def _figure_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("svg", "png", "pdf", "tex"), default="svg",
                        help="file type of the figure (default: svg; tex: LaTeX with TikZ)")
    parser.add_argument("--dpi", type=float, metavar="N",
                        help="pixels per inch of a png (default: 300)")
    parser.add_argument("--labels", type=name_texts, metavar="NAME=TEXT,...",
                        help="write TEXT in place of node NAME, e.g. 1.1=h_1 (_ and ^ make "
                             "sub- and superscripts in a network)")


def _graph_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expression", help='e.g. "sigmoid(w * x + b)"')
    parser.add_argument("--at", type=assignments, default={}, metavar="x=1.5,w=-0.3",
                        help="the value of every variable")
    parser.add_argument("--frames", action="store_true",
                        help="also write the backward pass as an animated GIF")
    _figure_arguments(parser)
    _out_argument(parser)


def _run_graph(args: argparse.Namespace) -> int:
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


def _network_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", type=Path, help="a model saved with model.save(path)")
    parser.add_argument("--sample", type=number_list, metavar="X1,X2,...",
                        help="show s_j and z_j for this input")
    parser.add_argument("--target", type=number_list, metavar="Y",
                        help="with --sample: also show delta_j and the weight gradients")
    parser.add_argument("--open", type=node_names, default=[], metavar="NAME,...",
                        help="draw these perceptrons as their operations: each w z, s_j, "
                             "z_j and E, with values and gradients for --sample/--target")
    _figure_arguments(parser)
    _out_argument(parser)


def _run_network(args: argparse.Namespace) -> int:
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


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dataset", choices=("xor", "circles"), default="xor",
                        help="the 2D point set (default: xor)")
    parser.add_argument("--epochs", type=int, default=None,
                        help="training epochs (default: the demo's own)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the initial weights (default: the demo's own)")
    _out_argument(parser)


def _run_demo(args: argparse.Namespace) -> int:
    from viz.demo import run_demo

    options = {k: v for k, v in (("epochs", args.epochs), ("seed", args.seed)) if v is not None}
    run_demo(args.out, dataset=args.dataset, **options)
    return 0


def _playground_arguments(parser: argparse.ArgumentParser) -> None:
    from viz.playground import command

    command.arguments(parser)


def _run_playground(args: argparse.Namespace) -> int:
    from viz.playground import command

    return command.run(args)


COMMANDS: dict[str, Command] = {
    "demo": Command("train the tutorial's 2-5-1 network and write its figures",
                    _demo_arguments, _run_demo),
    "graph": Command("differentiate an expression, explain the pass and draw its graph",
                     _graph_arguments, _run_graph),
    "network": Command("draw a saved model", _network_arguments, _run_network),
    "playground": Command("start the playground: a local web page that trains networks live",
                          _playground_arguments, _run_playground),
}
"""Every subcommand by name."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subparser per entry of :data:`COMMANDS`."""
    parser = Parser(
        prog=PROG, description="Figures of the autograd engine and of networks of perceptrons."
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="name", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        child = sub.add_parser(name, help=command.help, description=command.help)
        try:
            command.arguments(child)
        except ModuleNotFoundError as error:  # its options live beside code that needs an extra
            child.description = f"{command.help}\n\nthis command {install_hint(error)}"
            child.formatter_class = argparse.RawDescriptionHelpFormatter
            child.set_defaults(missing=error)
        child.set_defaults(command=command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(not_options(sys.argv[1:] if argv is None else argv))
    if unknown and "missing" not in args:  # a command that cannot run takes any options
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        if "missing" in args:
            raise args.missing
        return args.command.run(args)
    except BrokenPipeError:  # the reader went away (``backprop graph ... | head``): not ours
        sys.stderr.close()
        return 0
    except ModuleNotFoundError as error:
        message = f"this command {install_hint(error)}"
    except (ExpressionError, ValueError, TypeError, OSError) as error:
        message = str(error)
    print(f"{PROG} {args.name}: error: {message}", file=sys.stderr)
    return 2
