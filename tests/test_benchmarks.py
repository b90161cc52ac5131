"""The benchmark driver's pooling of rounds (the timings themselves are never tested)."""

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
