"""The colours of the network diagrams, shared by the figure, its key and its LaTeX.

A weight w_{i->j} is drawn blue when positive and red when negative (the tutorial,
section 1.2: every edge of a network is a weight); an opened perceptron's operations
are filled in a pale yellow.
"""

POSITIVE, NEGATIVE = "#1f5fbf", "#d62728"
"""Edge colours of positive and negative weights."""

OPERATION = "#fff2cc"
"""Fill colour of the operations of an opened perceptron."""


def weight_colour(w: float) -> str:
    """The colour of a weight: :data:`POSITIVE` for w >= 0, else :data:`NEGATIVE`."""
    return POSITIVE if w >= 0 else NEGATIVE
