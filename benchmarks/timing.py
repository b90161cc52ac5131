"""Timing and memory helpers shared by the engine modules (run inside the child)."""

import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from benchmarks import data


def measure(step: Callable[[int], Any], repeat: int, warmup: int = 1) -> list[float]:
    """Seconds taken by step(k) for k = 0 .. warmup + repeat - 1, the warm-up calls dropped.

    The garbage collector stays on, as in a real program: its cost is part of an engine.
    """
    times = []
    for k in range(warmup + repeat):
        start = time.perf_counter()
        step(k)
        times.append(time.perf_counter() - start)
    return times[warmup:]


def time_backward(build: Callable[[], Any], backward: Callable[[Any], Any],
                  repeat: int) -> list[float]:
    """Seconds of backward(graph) on a fresh graph each time; the previous graph (and any
    garbage cycles it left) is collected before the clock starts."""
    times = []
    for _ in range(repeat):
        graph = build()
        gc.collect()
        start = time.perf_counter()
        backward(graph)
        times.append(time.perf_counter() - start)
        del graph
    return times


def bytes_per_node(build: Callable[[], Any], count: Callable[[Any], int]) -> dict[str, float]:
    """Peak traced bytes while build() makes a graph, divided by its node count."""
    gc.collect()
    tracemalloc.start()
    graph = build()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    nodes = count(graph)
    return {"bytes_per_node": peak / nodes, "nodes": nodes}


def deepest(differentiates: Callable[[int], bool], depths: tuple[int, ...]) -> dict[str, Any]:
    """The largest of ``depths`` whose chain differentiates; on a failure, bisect below it
    for the exact limit."""
    ok = 0
    for depth in depths:
        if not differentiates(depth):
            low, high = ok, depth  # low works (or is 0), high fails
            while high - low > 1:
                mid = (low + high) // 2
                low, high = (mid, high) if differentiates(mid) else (low, mid)
            return {"max_depth": low, "fails_at": high}
        ok = depth
    return {"max_depth": ok, "fails_at": None}


def chain(leaf: Callable[[float], Any], depth: int) -> Any:
    """W3's and W4's graph: y <- y * w, ``depth`` times, from leaves made by ``leaf``."""
    w, y = leaf(data.CHAIN_FACTOR), leaf(1.0)
    for _ in range(depth):
        y = y * w
    return y


def deepest_chain(leaf: Callable[[float], Any]) -> dict[str, Any]:
    """:func:`deepest` over ``data.W3_DEPTHS`` for chains of ``leaf`` values: a depth
    counts when ``backward()`` returns without a RecursionError."""

    def differentiates(depth: int) -> bool:
        try:
            chain(leaf, depth).backward()
        except RecursionError:
            return False
        return True

    return deepest(differentiates, data.W3_DEPTHS)
