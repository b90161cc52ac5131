"""The console command ``backprop`` (also ``python -m viz``) and its subcommands.

Each subcommand is one :class:`Command` in :data:`COMMANDS`: a help line, a function
that declares its arguments and a function that runs it (:mod:`viz.clicommands`, with
the argument types of :mod:`viz.cliargs`).  Adding a subcommand means
adding one entry.  Every error (a bad option, an expression refused, a derivative that
does not exist, a missing file or extra) ends the command with one line on stderr and
exit status 2.  The figure modules are imported only when a subcommand runs, so
``backprop --help`` and ``--version`` work without the ``viz`` extra, and a subcommand
that needs an extra says which one to install.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NoReturn

from autograd import __version__
from viz import clicommands
from viz.expr import ExpressionError
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


def not_options(argv: Sequence[str]) -> list[str]:
    """``argv`` with a space put before every word that starts with a single ``-`` (other
    than ``-h``, the command's only short option): such a word is a value, e.g.
    ``--sample -0.5,1`` or the expression ``"-x"``, which argparse would otherwise take
    for an unknown option.  The space is stripped again (``float``, the expression
    parser)."""
    return [f" {word}" if word.startswith("-") and not word.startswith("--")
            and word not in ("-", "-h") else word for word in argv]


COMMANDS: dict[str, Command] = {
    "demo": Command("train the tutorial's 2-5-1 network and write its figures",
                    clicommands.demo_arguments, clicommands.run_demo),
    "graph": Command("differentiate an expression, explain the pass and draw its graph",
                     clicommands.graph_arguments, clicommands.run_graph),
    "network": Command("draw a saved model", clicommands.network_arguments,
                       clicommands.run_network),
    "playground": Command("start the playground: a local web page that trains networks live",
                          clicommands.playground_arguments, clicommands.run_playground),
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
        command: Command = args.command  # each subcommand's parser sets it
        return command.run(args)
    except BrokenPipeError:  # the reader went away (``backprop graph ... | head``): not ours
        sys.stderr.close()
        return 0
    except ModuleNotFoundError as error:
        message = f"this command {install_hint(error)}"
    except (ExpressionError, ValueError, TypeError, OSError) as error:
        message = str(error)
    print(f"{PROG} {args.name}: error: {message}", file=sys.stderr)
    return 2
