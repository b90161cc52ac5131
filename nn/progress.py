"""Training progress on stderr: a tqdm bar where one can be drawn, otherwise a few plain lines.

:func:`nn.fit` shows it by default only where someone watches (:func:`watched`: stderr is a
terminal, or the code runs in a notebook), and always with ``progress=True``.

- On a terminal, and as a widget in Jupyter, the bar is ``tqdm.auto``'s, when tqdm is
  installed (``pip install 'autograd-dag[progress]'``).
- Anywhere else (a log file, a pipe, a captured stream), or without tqdm, it writes one
  line per stretch of epochs, at most :data:`LINES` lines in all, never a carriage return:
  ``epoch  30/300  loss 0.1234  acc 97.5%``.
"""

from __future__ import annotations

import math
import sys
from typing import Any, TextIO

from autograd.display import format_number

LINES = 10
"""How many lines a run writes at most when no bar is drawn (plus one if it stops early)."""


class ProgressBar:
    """The progress of ``total`` epochs: :meth:`update` after each epoch, :meth:`close` at the end.

    The stream is ``sys.stderr`` unless given, looked up when the bar is made.
    """

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = sys.stderr if stream is None else stream
        self.every = max(1, math.ceil(total / LINES))
        self._bar = _tqdm_bar(total, self.stream)
        self._line = ""  # the latest update's line, until it is written

    def update(self, done: int, loss: float, accuracy: float | None = None) -> None:
        """Show that ``done`` of ``total`` epochs are done, with the loss (and accuracy)."""
        status = f"loss {format_number(loss)}"
        if accuracy is not None:
            status += f"  acc {accuracy:.1%}"
        if self._bar is not None:
            self._bar.set_postfix_str(status, refresh=False)
            self._bar.update(done - self._bar.n)
            return
        self._line = f"epoch {done:>{len(str(self.total))}}/{self.total}  {status}\n"
        if done % self.every == 0 or done >= self.total:
            self._write()

    def close(self) -> None:
        """End the bar, or write the line of the last epoch if a run stopped between lines."""
        if self._bar is not None:
            self._bar.close()
        elif self._line:
            self._write()

    def _write(self) -> None:
        self.stream.write(self._line)
        self.stream.flush()
        self._line = ""


def watched(stream: TextIO | None = None) -> bool:
    """Whether progress written to ``stream`` (default: ``sys.stderr``) is seen as it comes:
    the stream is a terminal, or the code runs in a Jupyter notebook (an IPython kernel),
    which shows stderr under the cell.  Not in a script whose output goes to a file or a
    pipe, nor under a test runner that captures it."""
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        return True
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    return shell is not None and hasattr(shell, "kernel")


def _tqdm_bar(total: int, stream: TextIO) -> Any:
    """A ``tqdm.auto`` bar on ``stream``, or None without tqdm or where it draws nothing.

    tqdm's ``disable=None`` turns the bar off on a stream that is not a terminal; its
    Jupyter widget is always shown.
    """
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]  # tqdm ships no types
    except ImportError:
        return None
    bar = tqdm(total=total, file=stream, unit="epoch", disable=None, dynamic_ncols=True)
    return None if bar.disable else bar
