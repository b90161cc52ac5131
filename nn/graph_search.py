"""Searches in a network's graph of names: a topological order, a path, a cycle.

The graph is given by ``readers[i]`` (the nodes j with a link i -> j, every node a key)
and ``sources[j]`` (the nodes i with a link i -> j, the perceptrons only).  Each search
is linear in nodes + links.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence


def topological(sources: Mapping[str, Sequence[str]], readers: Mapping[str, Sequence[str]]
                ) -> list[str]:
    """The perceptrons (keys of ``sources``) each after its sources, ties broken by the
    keys' order (Kahn's algorithm); those on or after a cycle are left out."""
    names = list(sources)
    position = {name: i for i, name in enumerate(names)}
    waiting = {name: sum(src in position for src in sources[name]) for name in names}
    ready = [i for i, name in enumerate(names) if waiting[name] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        name = names[heapq.heappop(ready)]
        order.append(name)
        for reader in readers[name]:
            waiting[reader] -= 1
            if waiting[reader] == 0:
                heapq.heappush(ready, position[reader])
    return order


def cycle(sources: Mapping[str, Sequence[str]], placed: set[str]) -> list[str]:
    """A cycle a -> ... -> a among the perceptrons :func:`topological` did not place: each
    reads from another one of them, so walking back along such links comes round."""
    name = next(n for n in sources if n not in placed)
    walked: list[str] = []
    seen: dict[str, int] = {}
    while name not in seen:
        seen[name] = len(walked)
        walked.append(name)
        name = next(src for src in sources[name] if src in sources and src not in placed)
    return [name, *reversed(walked[seen[name] + 1:]), name]


def path(readers: Mapping[str, Sequence[str]], start: str, goal: str) -> list[str] | None:
    """A path start -> ... -> goal along the links (breadth first), or None."""
    previous: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        following = []
        for name in frontier:
            if name == goal:
                found = [name]
                while previous[found[-1]] is not None:
                    found.append(previous[found[-1]])  # type: ignore[arg-type]
                return found[::-1]
            for reader in readers[name]:
                if reader not in previous:
                    previous[reader] = name
                    following.append(reader)
        frontier = following
    return None
