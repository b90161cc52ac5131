"""Child process: run one workload on one engine and print the result as one JSON line.

    python -m benchmarks.run_one W1 micrograd 5
"""

import importlib
import json
import sys

ENGINES = {
    # engine name: the (module, table of workload functions) that may hold the workload
    "micrograd": [("benchmarks.peer_micrograd", "WORKLOADS")],
    "ours": [("benchmarks.ours", "SCALAR"), ("benchmarks.ours_fast", "SCALAR")],
    "ours-compiled": [("benchmarks.ours", "COMPILED"), ("benchmarks.ours_fast", "COMPILED")],
    "ours-per-node": [("benchmarks.ours_fast", "REPLAY")],
    "ours-c": [("benchmarks.ours_backends", "C")],
    "ours-python": [("benchmarks.ours_backends", "PYTHON")],
    "jax": [("benchmarks.peer_jax", "WORKLOADS")],
    "floats": [("benchmarks.peer_floats", "WORKLOADS")],
    "torch-scalar": [("benchmarks.peer_torch", "SCALAR")],
    "torch-batched": [("benchmarks.peer_torch", "BATCHED")],
    "torch-units": [("benchmarks.peer_torch", "UNITS")],
}


def main(workload: str, engine: str, repeat: int) -> dict:
    """The result of ``workload`` on ``engine`` with ``repeat`` timed repetitions."""
    for module, table in ENGINES[engine]:
        functions = getattr(importlib.import_module(module), table)
        if workload in functions:
            return functions[workload](repeat)
    raise KeyError(f"{engine} has no workload {workload}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
