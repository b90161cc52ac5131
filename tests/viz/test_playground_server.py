"""The playground server: twenty clients served at once, one tab's training undisturbed by
another's views, loopback as the only private address, and ``python -m viz playground``
printing its URL and serving.
"""

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playground_client import act, call, exported, new_session, points

from nn import datasets
from viz.playground.server import http_server as playground_server


def test_twenty_concurrent_clients_are_served_correctly(port):
    start = threading.Barrier(20)

    def client(k):
        start.wait()
        view = new_session(port, settings={"seed": k, "mode": "batch", "lr": 0.05})
        act(port, view["id"], "dataset", {"name": "xor", "n": 30, "seed": k})
        trained = act(port, view["id"], "train", {"epochs": 5, "max_seconds": 5})
        status, final = call(port, "GET", f"/api/sessions/{view['id']}")
        return k, view["loss"], trained, final

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(client, range(20)))
    assert len({final["id"] for _, _, _, final in results}) == 20
    for k, _, trained, final in results:
        X, y = datasets.xor(30, seed=k)
        assert final["points"] == [[round(a, 4), round(b, 4), t]
                                   for (a, b), t in zip(X, y, strict=True)]
        assert final["settings"]["seed"] == k and final["epoch"] == 5
        assert trained["loss"] == final["loss"] and trained["loss"] < trained["curve"][0][1]


def test_training_in_one_tab_is_not_disturbed_by_views_of_another(port, tmp_path):
    # The engine's no_grad switch is process-wide: the server must keep tabs from
    # measuring (no_grad) while another tab records its training graph.  Training with
    # another tab busy beside it must give exactly the weights of training alone.
    settings = {"mode": "sequential", "loss": "binary_cross_entropy", "lr": 0.1}
    X, y = datasets.circles(100, seed=5)
    busy, alone = new_session(port, settings=settings), new_session(port, settings=settings)
    for view in (busy, alone):
        act(port, view["id"], "points", {"points": points(X, y)})
    other = new_session(port)["id"]
    moons = {"points": points(*datasets.moons(2000, seed=1))}
    stop = threading.Event()

    def look():  # new points: the loss over them is measured under no_grad
        while not stop.is_set():
            assert call(port, "POST", f"/api/sessions/{other}/points", moons)[0] == 200

    with ThreadPoolExecutor(2) as pool:
        lookers = [pool.submit(look) for _ in range(2)]
        for _ in range(4):
            act(port, busy["id"], "train", {"updates": 200, "max_seconds": 5})
        stop.set()
        for f in lookers:
            f.result()
    for _ in range(4):
        act(port, alone["id"], "train", {"updates": 200, "max_seconds": 5})
    assert exported(port, busy["id"], tmp_path, "busy.json").state_dict() == \
        exported(port, alone["id"], tmp_path, "alone.json").state_dict()


def test_only_loopback_counts_as_private():
    assert all(map(playground_server.is_loopback, ["127.0.0.1", "::1", "localhost"]))
    assert not any(map(playground_server.is_loopback, ["0.0.0.0", "192.0.2.1", "example.org"]))


def test_another_address_prints_a_warning(monkeypatch, capsys):
    class Stub:
        url = "http://192.0.2.1:1/"

        def __init__(self, address):
            self.address = address

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            pass

    monkeypatch.setattr(playground_server, "PlaygroundServer", Stub)
    assert playground_server.serve("192.0.2.1", 0) == 0
    out, err = capsys.readouterr()
    assert "warning: serving on 192.0.2.1, not loopback" in err
    assert "playground: http://192.0.2.1:1/" in out


def test_the_command_prints_the_url_and_serves(tmp_path):
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen([sys.executable, "-m", "viz", "playground", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=root)
    try:
        line = process.stdout.readline()
        assert line.startswith("playground: http://127.0.0.1:"), line
        url_port = int(line.split()[1].rstrip("/").rsplit(":", 1)[1])
        assert call(url_port, "GET", "/api/options")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
