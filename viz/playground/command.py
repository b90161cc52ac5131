"""The ``playground`` subcommand of the console command: its options and what it runs."""

from __future__ import annotations

import argparse
import errno

from viz.playground.server.http_server import serve


def arguments(parser: argparse.ArgumentParser) -> None:
    """--host (default 127.0.0.1), --port (default 8765; 0 picks a free one), --open."""
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only; "
                             "any other address is reachable by others and prints a warning)")
    parser.add_argument("--port", type=int, default=8765,
                        help="port to listen on (default: 8765; 0 picks a free one)")
    parser.add_argument("--open", action="store_true",
                        help="open the page in the default web browser")


def run(args: argparse.Namespace) -> int:
    """Serve the playground until Ctrl-C (prints the URL first)."""
    if not 0 <= args.port <= 65535:
        raise ValueError(f"--port must be between 0 and 65535, got {args.port}")
    try:
        return serve(args.host, args.port, open_browser=args.open)
    except OSError as error:  # said in words, not as [Errno 98]
        if error.errno == errno.EADDRINUSE:
            raise OSError(f"port {args.port} on {args.host} is already in use (another "
                          "playground?); choose another with --port, or --port 0 for any free "
                          "one") from None
        if error.errno == errno.EACCES:
            raise OSError(f"port {args.port} needs administrator rights; choose one above "
                          "1023 with --port, or --port 0 for any free one") from None
        raise
