"""The train/test split: which points train the network and which only measure it.

The share ``split`` of the points trains (at least one point); the others are the test
set, whose loss is measured but never trained on.  Which points test is decided by a
digest of each point (its coordinates, label and the seed), so the split is the same
every time and adding or removing one point moves at most one other between the sets,
rather than shuffling them all as a fresh random draw would.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence


def _rank(point: Sequence[float], label: float, seed: int) -> bytes:
    """A point's place in the order that fills the test set first."""
    if len(point) == 1:  # regression: the point (x, y), y its target
        data = struct.pack("<ddq", float(point[0]), float(label), seed)
    else:
        data = struct.pack("<ddqq", float(point[0]), float(point[1]), label, seed)
    return hashlib.blake2b(data, digest_size=8).digest()


def test_indices(X: Sequence[Sequence[float]], y: Sequence[float], split: float,
                 seed: int) -> list[int]:
    """The indices (ascending) of the points that test, the share 1 - ``split`` of them."""
    n = len(X)
    testing = n - max(1, round(n * split)) if n else 0
    order = sorted(range(n), key=lambda i: (_rank(X[i], y[i], seed), i))
    return sorted(order[:testing])
