"""The session lock serves waiting threads in the order they came (training.fair_lock)."""

import threading

from viz.playground.training.fair_lock import FairLock


def queued(turns, count):
    """Wait (bounded) until ``count`` tickets have been handed out."""
    for _ in range(10_000):
        if turns._issued >= count:
            return
        threading.Event().wait(0.001)
    raise AssertionError(f"only {turns._issued} tickets were handed out")


def test_a_thread_that_asks_again_at_once_waits_behind_the_others():
    turns, order = FairLock(), []
    turns.__enter__()  # the training thread holds the lock

    def view():
        with turns:
            order.append("view")

    waiting = threading.Thread(target=view)
    waiting.start()
    queued(turns, 2)
    turns.__exit__(None, None, None)  # one slice done: release, and ask again at once
    with turns:
        order.append("training")
    waiting.join(10)
    assert order == ["view", "training"]


def test_many_threads_each_get_their_turn_once():
    turns, inside, seen = FairLock(), [0], []

    def work(k):
        with turns:
            inside[0] += 1
            seen.append(inside[0])
            inside[0] -= 1

    threads = [threading.Thread(target=work, args=(k,)) for k in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [1] * 20  # never two holders at once
