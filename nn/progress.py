"""A one-line text progress bar on stderr, redrawn in place with a carriage return."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """``epoch  120/1000 [###.........]  12%  loss 0.0123  acc 97.0%``, redrawn in place.

    :meth:`update` redraws at most every ``interval`` seconds (and always for the
    first and the last step), so a fast loop does not spend its time printing;
    :meth:`close` draws the latest state if it was skipped and ends the line.
    The stream is looked up when the bar is made (``sys.stderr`` unless given).
    """

    def __init__(
        self, total: int, width: int = 30, interval: float = 0.1, stream: TextIO | None = None
    ) -> None:
        self.total = total
        self.width = width
        self.interval = interval
        self.stream = sys.stderr if stream is None else stream
        self._last = -float("inf")
        self._shown = ""  # the line on screen
        self._latest = ""  # the line of the latest update

    def update(self, done: int, loss: float, accuracy: float | None = None) -> None:
        """Show ``done`` of ``total`` steps with the current loss (and accuracy)."""
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        digits = len(str(self.total))
        line = (
            f"epoch {done:>{digits}}/{self.total} [{bar}] {done / self.total:4.0%}"
            f"  loss {loss:.4g}"
        )
        if accuracy is not None:
            line += f"  acc {accuracy:.1%}"
        self._latest = line
        now = time.monotonic()
        if not self._shown or done >= self.total or now - self._last >= self.interval:
            self._last = now
            self._draw()

    def close(self) -> None:
        """Draw the latest update if it was skipped, and end the line (if any was drawn)."""
        if self._latest != self._shown:
            self._draw()
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        # Pad with spaces to wipe what is left of a longer line drawn before.
        self.stream.write("\r" + self._latest.ljust(len(self._shown)))
        self.stream.flush()
        self._shown = self._latest
