"""The argument types and shared options of the console command ``backprop``.

Each type turns one command-line word into what a subcommand uses (``"0.5,-0.2"`` into
``[0.5, -0.2]``) or refuses it with an ``argparse.ArgumentTypeError`` saying what was
expected; the options every figure subcommand shares are declared once here.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path


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


def out_argument(parser: argparse.ArgumentParser) -> None:
    """``--out DIR``: the folder a subcommand writes its figures into."""
    parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                        help="folder for the figures (default: out/)")


def figure_arguments(parser: argparse.ArgumentParser) -> None:
    """``--format``, ``--dpi`` and ``--labels``: how a subcommand's figure is written."""
    parser.add_argument("--format", choices=("svg", "png", "pdf", "tex"), default="svg",
                        help="file type of the figure (default: svg; tex: LaTeX with TikZ)")
    parser.add_argument("--dpi", type=float, metavar="N",
                        help="pixels per inch of a png (default: 300)")
    parser.add_argument("--labels", type=name_texts, metavar="NAME=TEXT,...",
                        help="write TEXT in place of node NAME, e.g. 1.1=h_1 (_ and ^ make "
                             "sub- and superscripts in a network)")
