"""The benchmark driver's pooling of rounds, and our engines' workloads running (the timings
themselves are never tested)."""

import os

import pytest

from benchmarks import run_one
from benchmarks.__main__ import pooled


def test_rounds_pool_their_timings_and_keep_the_first_rounds_other_figures():
    first = {"seconds": [1.0, 2.0], "nodes": 10, "schedule_seconds": 0.5}
    second = {"seconds": [3.0], "nodes": 11, "schedule_seconds": 0.7}
    assert pooled(None, first) == first
    assert pooled(first, second) == {"seconds": [1.0, 2.0, 3.0], "nodes": 10,
                                     "schedule_seconds": 0.5}


def test_an_error_in_any_round_stays():
    error = {"error": "exit 1: boom"}
    assert pooled({"seconds": [1.0]}, error) == error
    assert pooled(error, {"seconds": [1.0]}) == error


# This project's own engines on each workload, one timed repetition each: a rename in the
# engine that a benchmark still uses fails here, not in the next benchmark run.  Left out:
# W3 and W4 (chains of 10^6 nodes) and W6 on the scalar engine (100-epoch fit calls).
OWN = [("W1", "ours"), ("W1", "ours-compiled"), ("W2", "ours"), ("W2", "ours-compiled"),
       ("W2", "ours-python"), ("W2", "ours-c"), ("W5", "ours"), ("W5", "ours-compiled"),
       ("W5", "ours-c"), ("W6", "ours-compiled"), ("W6", "ours-c"), ("W7", "ours"),
       ("W7", "ours-per-node"), ("W7", "ours-compiled"), ("W7", "ours-c")]


@pytest.mark.parametrize(("workload", "engine"), OWN, ids=[f"{w}-{e}" for w, e in OWN])
def test_each_of_our_engines_runs_its_workloads(workload, engine, monkeypatch):
    monkeypatch.setattr(os, "environ", os.environ.copy())  # ours-c and ours-python set it
    result = run_one.main(workload, engine, 1)
    assert "error" not in result
    assert len(result["seconds"]) == 1 and result["seconds"][0] > 0
