"""The error of a training step that would leave a number that is not finite.

An optimiser (:mod:`nn.optimizer_base`) checks every step, w_{t+1} = w_t - eta dE/dw and its
buffers, before it keeps it; a step whose gradient or result is not finite is not
applied and raises :class:`DivergedError`, which ``fit`` and the playground turn into
a stop with the last finite weights in place.
"""

from __future__ import annotations

KEPT = ("this update was not applied (the weights and the optimiser's state are those of "
        "the last finite update)")
"""What a :class:`DivergedError` says was kept, unless told otherwise."""


class DivergedError(ValueError):
    """Training diverged: a step would leave a weight (or the optimiser's state) that is not
    a finite number, so it was not applied.

    ``what`` says which number went wrong; ``settings`` are the settings to lower, each
    as words with its value (e.g. ``"the learning rate eta (lr = 10)"``); ``kept`` what
    training kept (by default: the weights of the last finite update).  The message
    joins them in plain words.  Callers that know more settings (the L2 rate of the
    loss) add them with :meth:`lower`, and one that went further back says so with
    :meth:`went_back`.
    """

    def __init__(self, where: str, what: str, settings: list[str], kept: str = KEPT) -> None:
        self.where, self.what, self.settings, self.kept = where, what, list(settings), kept
        super().__init__(f"{where}: {self.reason}")

    @property
    def reason(self) -> str:
        """The message without the name of the method that raised it (for a learner)."""
        return (f"{self.what}; the loss diverged, so {self.kept}. "
                f"Lower {_either(self.settings)} and train again")

    def lower(self, setting: str) -> DivergedError:
        """The same error with one more setting to lower."""
        return DivergedError(self.where, self.what, [*self.settings, setting], self.kept)

    def went_back(self, kept: str) -> DivergedError:
        """The same error, saying that training kept ``kept`` instead."""
        return DivergedError(self.where, self.what, self.settings, kept)


def _either(settings: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return settings[0] if len(settings) == 1 else f"{', '.join(settings[:-1])} or {settings[-1]}"
