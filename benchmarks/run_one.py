"""Child process: run one workload on one engine and print the result as one JSON line.

    python -m benchmarks.run_one W1 micrograd 5
"""

import importlib
import json
import sys

ENGINES = {
    # engine name: (module, table of workload functions in it)
    "micrograd": ("benchmarks.peer_micrograd", "WORKLOADS"),
    "ours": ("benchmarks.ours", "SCALAR"),
    "ours-compiled": ("benchmarks.ours", "COMPILED"),
    "ours-fit": ("benchmarks.ours_fast", "COMPILED"),
    "ours-fit-scalar": ("benchmarks.ours_fast", "SCALAR"),
    "ours-per-node": ("benchmarks.ours_fast", "REPLAY"),
    "torch-scalar": ("benchmarks.peer_torch", "SCALAR"),
    "torch-batched": ("benchmarks.peer_torch", "BATCHED"),
}


def main(workload: str, engine: str, repeat: int) -> dict:
    """The result of ``workload`` on ``engine`` with ``repeat`` timed repetitions."""
    module, table = ENGINES[engine]
    return getattr(importlib.import_module(module), table)[workload](repeat)


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
