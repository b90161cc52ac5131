"""Markdown tables from the children's results, ratios taken within the same run."""

import statistics

from benchmarks import data

TITLES = {
    "W1": "W1: micrograd's demo step (MLP 2-16-16-1, 100 moons, max-margin + 1e-4 L2, "
          "forward + backward + SGD), per step",
    "W2": "W2: the tutorial's 2-5-1 sigmoid network, squared error, sequential SGD (lr 0.5), "
          "one epoch over 200 points",
    "W3": f"W3: a chain y <- y * w; largest depth of {', '.join(map(str, data.W3_DEPTHS))} "
          f"that differentiates, and backward time at depth {data.W3_COMMON_DEPTH:,}",
    "W4": f"W4: bytes per node (tracemalloc peak while building a {data.W4_NODES:,}-node chain)",
    "W5": f"W5: forward of the W2 network over a {data.GRID_SIDE} x {data.GRID_SIDE} grid",
    "W6": "W6: W1 trained by fit(model, X, y, loss=\"hinge\", l2=1e-4, mode=\"batch\"), "
          "per epoch",
    "W7": f"W7: a random DAG of {data.DAG_LEVELS * data.DAG_WIDTH} tanh perceptrons with skip "
          f"links, forward and backward over {data.DAG_BATCH} rows",
}


NOTES = {
    "W1": "ours: nn.MLP, nn.losses.hinge + l2_penalty, E.backward(), SGD.step(). "
          "ours-compiled: the same step through the compiled objective (nn.objective, what "
          "fit(mode=\"batch\") steps with): loss, L2 term and gradients of the whole batch "
          "in one level-scheduled replay; its node count is the program's nodes x 100 rows.",
    "W2": "ours: nn.tutorial_network with the shared weights, nn.losses.squared_error, "
          "E.backward() and SGD.step() per example (fit(mode=\"sequential\", "
          "compiled=False), without its loss over the whole set after each epoch). "
          "ours-compiled: the same steps as fit(mode=\"sequential\") takes them by default: "
          "the compiled objective's epoch as one generated function, on Python until its C "
          "library (built in the background) is loaded, bit for bit the scalar engine's "
          "steps. micrograd has no "
          "sigmoid: it gets one written its own way (a Value with a _backward closure). "
          "ours-python: every program on the Python backend (AUTOGRAD_BACKEND=python: the "
          "epoch as one generated float function, NumPy unused); ours-c: on C (the epoch in "
          "one native call), both bit for bit the scalar engine's steps. floats: the "
          "network written by hand on plain floats. jax: the epoch as one jitted lax.scan.",
    "W3": "Backward times are taken on a fresh graph after gc.collect(); micrograd's "
          "own backward recurses, so its timing run raises the recursion limit.",
    "W5": "ours: net(x) point by point under no_grad. ours-compiled: net.predict(grid) "
          "from the list of 10,000 [x, y] rows (the model keeps its program; the list-to-"
          "array conversion is included). torch-batched: the same network as nn.Linear "
          "layers, tensor built from the same list. ours-c: predict with the program on C "
          "(the list read in C). "
          "jax: a jitted forward pass, its input read from the list by NumPy.",
    "W6": "torch-batched: W1's batched PyTorch step (nn.Linear layers, the same loss and "
          "L2 term, SGD). ours: fit(..., compiled=False), the scalar engine. ours-compiled: "
          "fit's default, one step through the compiled objective and the loss and accuracy "
          "over the set after each epoch; seconds per epoch of 100-epoch fit calls "
          "(micrograd's demo trains 100 steps), the call's set-up included. ours-c: the "
          "same with the objective's program on C. jax: W1's whole step (value_and_grad "
          "and SGD) under jax.jit.",
    "W7": "torch-units: PyTorch unit by unit, each perceptron one small product of its "
          "stacked sources. ours: the scalar engine, row by row. ours-per-node: the same "
          "program replayed one NumPy call per graph node (the design before level "
          "scheduling). ours-compiled: the model's program, level-scheduled, weighted sums "
          "fused into matrix products. ours-c: the program on C (one loop per level group, "
          "its indices as data, over the rows). jax: value_and_grad of the outputs' sum "
          "under jax.jit.",
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.3g}" if seconds < 1 else f"{seconds * 1e3:,.0f}"


def _ratio(reference: float | None, value: float) -> str:
    return "" if reference is None else f"{reference / value:,.3g}x"


def _median(result: dict, key: str = "seconds") -> float | None:
    return statistics.median(result[key]) if result and key in result else None


def timed_table(name: str, results: dict) -> list[str]:
    """A timed workload's table: median, min, max and ratios to the reference engine (the
    first of the workload's plan: micrograd, or PyTorch), one row per engine."""
    first = next(iter(results), "micrograd")
    reference = _median(results.get(first, {}))
    fastest = min(results.get(first, {}).get("seconds", [None]) or [None])
    lines = [f"| engine | median ms | min ms | max ms | speed-up vs {first} "
             "| (by min) | graph nodes | ns per node |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for engine, result in results.items():
        if "error" in result:
            lines.append(f"| {engine} | failed: {result['error']} | | | | | | |")
            continue
        median, nodes = _median(result), result.get("nodes")
        per_node = f"{median / nodes * 1e9:,.0f}" if nodes else ""
        lines.append(
            f"| {engine} | {_ms(median)} | {_ms(min(result['seconds']))} "
            f"| {_ms(max(result['seconds']))} | {_ratio(reference, median)} "
            f"| {_ratio(fastest, min(result['seconds']))} | {nodes or ''} | {per_node} |"
        )
    return lines


def depth_table(results: dict) -> list[str]:
    """W3's table: largest depth that differentiates and backward time per node."""
    reference = _median(results.get("micrograd", {}), "backward_seconds")
    lines = ["| engine | largest depth | first failing depth | backward ms at "
             f"{data.W3_COMMON_DEPTH:,} (min-max) | ns per node | speed-up vs micrograd | note |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for engine, result in results.items():
        if "error" in result:
            lines.append(f"| {engine} | failed: {result['error']} | | | | | |")
            continue
        times = result["backward_seconds"]
        median = statistics.median(times)
        note = result.get("note", "")
        if result.get("deepest_seconds"):
            deepest = statistics.median(result["deepest_seconds"])
            note = (f"backward at depth {result['max_depth']:,}: {_ms(deepest)} ms "
                    f"({deepest / result['max_depth'] * 1e9:,.0f} ns per node)")
        lines.append(
            f"| {engine} | {result['max_depth']:,} | {result['fails_at'] or '-'} "
            f"| {_ms(median)} ({_ms(min(times))}-{_ms(max(times))}) "
            f"| {median / result['backward_depth'] * 1e9:,.0f} | {_ratio(reference, median)} "
            f"| {note} |"
        )
    return lines


def memory_table(results: dict) -> list[str]:
    """W4's table: bytes per node and micrograd's bytes over the engine's."""
    reference = results.get("micrograd", {}).get("bytes_per_node")
    lines = ["| engine | bytes per node | nodes | micrograd / engine |", "|---|---:|---:|---:|"]
    for engine, result in results.items():
        if "error" in result:
            lines.append(f"| {engine} | failed: {result['error']} | | |")
            continue
        size = result["bytes_per_node"]
        lines.append(
            f"| {engine} | {size:,.0f} | {result['nodes']:,} | {_ratio(reference, size)} |"
        )
    return lines


def targets(results: dict) -> list[str]:
    """The issue's targets, each with the figure measured in this run."""

    def median(workload: str, engine: str, key: str = "seconds") -> float | None:
        return _median(results.get(workload, {}).get(engine, {}), key)

    def speedup(workload: str, engine: str, over: str = "micrograd",
                key: str = "seconds") -> float | None:
        a, b = median(workload, over, key), median(workload, engine, key)
        return a / b if a and b else None

    w3 = results.get("W3", {}).get("ours", {})
    w4 = results.get("W4", {})
    w4_ratio = None
    if "bytes_per_node" in w4.get("ours", {}) and "bytes_per_node" in w4.get("micrograd", {}):
        w4_ratio = w4["micrograd"]["bytes_per_node"] / w4["ours"]["bytes_per_node"]
    rows = [
        ("W1 scalar path >= 10x micrograd", speedup("W1", "ours"), 10),
        ("W1 compiled path >= 200x micrograd", speedup("W1", "ours-compiled"), 200),
        ("W2 >= 3x micrograd (scalar engine)", speedup("W2", "ours"), 3),
        ("W2 >= 3x micrograd (compiled sequential steps, fit's default with NumPy)",
         speedup("W2", "ours-compiled"), 3),
        ("W3 reaches depth 10^6 (largest depth / 10^6)",
         w3["max_depth"] / 1e6 if "max_depth" in w3 else None, 1),
        ("W3 backward per node no slower than micrograd's (raised limit)",
         speedup("W3", "ours", key="backward_seconds"), 1),
        ("W4 at most 1/4 of micrograd's bytes per node", w4_ratio, 4),
        ("W5 compiled >= 100x micrograd point by point", speedup("W5", "ours-compiled"), 100),
        ("W5 predict from a list >= 1.5x PyTorch's forward from the same list",
         speedup("W5", "ours-compiled", over="torch-batched"), 1.5),
        ("W6 fit's epoch >= 2x faster than PyTorch's batched step (goal 3x)",
         speedup("W6", "ours-compiled", over="torch-batched"), 2),
        ("W7 DAG >= 4x PyTorch unit by unit", speedup("W7", "ours-compiled", over="torch-units"),
         4),
        ("W7 DAG >= 3x the per-node replay", speedup("W7", "ours-compiled",
                                                     over="ours-per-node"), 3),
        ("W6 fit's epoch on C >= 2x faster than JAX's jitted step (goal 4x)",
         speedup("W6", "ours-c", over="jax"), 2),
        ("W2 sequential epoch on C >= 2x faster than JAX's lax.scan (goal 10x)",
         speedup("W2", "ours-c", over="jax"), 2),
        ("W7 DAG on C >= 1.5x faster than JAX", speedup("W7", "ours-c", over="jax"), 1.5),
        ("W5 predict on C >= 1.3x faster than JAX from the same list",
         speedup("W5", "ours-c", over="jax"), 1.3),
        ("W5 predict on C >= 1.3x faster than PyTorch from the same list",
         speedup("W5", "ours-c", over="torch-batched"), 1.3),
        ("W2 on Python, no NumPy: within 1.5x of the hand-written float loop (floats / "
         "ours >= 0.67)", speedup("W2", "ours-python", over="floats"), 1 / 1.5),
    ]
    lines = ["| target | measured | met |", "|---|---:|:---:|"]
    for text, value, goal in rows:
        if value is None:
            lines.append(f"| {text} | not measured | - |")
        else:
            lines.append(f"| {text} | {value:,.3g} | {'yes' if value >= goal else 'NO'} |")
    return lines


def schedules(results: dict) -> list[str]:
    """How long building each compiled program took, once: recording, levels and groups
    (ours-compiled), and for ours-c the C source's generation and the compiler's run (into
    an empty cache folder), for ours-python the Python source's."""
    lines = ["| workload | engine | program built in ms |", "|---|---|---:|"]
    for name, by_engine in results.items():
        for engine in ("ours-compiled", "ours-python", "ours-c"):
            seconds = by_engine.get(engine, {}).get("schedule_seconds")
            if seconds is not None:
                lines.append(f"| {name} | {engine} | {_ms(seconds)} |")
    return lines


def markdown(results: dict, header: list[str]) -> str:
    """The whole report: ``header``, the targets, then one table per workload."""
    parts = header + ["", "### Targets", ""] + targets(results)
    parts += ["", "### Building the programs", ""] + schedules(results)
    for name, by_engine in results.items():
        parts += ["", f"### {TITLES[name]}", ""]
        if name == "W3":
            parts += depth_table(by_engine)
        elif name == "W4":
            parts += memory_table(by_engine)
        else:
            parts += timed_table(name, by_engine)
        if name in NOTES:
            parts += ["", NOTES[name]]
    return "\n".join(parts) + "\n"
