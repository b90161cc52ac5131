"""The atomic writer (nn.files) that every writer uses: killed mid-write, threads, modes, links."""

import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest

import nn
from nn import datasets, files

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# A child that writes 8 MB to TARGET through nn.files, says "writing" once the temporary file
# holds the data, then waits before renaming it (os.replace slowed down): the parent kills it.
CHILD = textwrap.dedent("""
    import os, sys, time
    from nn import files
    real = os.replace
    def slow(a, b):
        print("writing", flush=True)
        time.sleep(60)
        real(a, b)
    os.replace = slow
    files.write_bytes(sys.argv[1], b"new" * 2_800_000)
""")


def temporaries(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def start_child(target):
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": ROOT}, text=True)
    assert child.stdout.readline() == "writing\n"
    return child


def test_a_child_killed_mid_write_leaves_the_old_file_and_the_next_write_cleans_up(tmp_path):
    target = tmp_path / "points.csv"
    datasets.write_csv(target, [[0.5, 0.5]], [1])
    old = target.read_bytes()
    child = start_child(target)
    assert len(temporaries(tmp_path)) == 1  # the new data waits beside the target
    child.send_signal(signal.SIGKILL)  # no cleanup can run in the child
    child.wait()
    assert target.read_bytes() == old
    datasets.write_csv(target, [[0.25, -0.5]], [0])  # the next write removes the orphan
    assert temporaries(tmp_path) == []
    assert datasets.read_csv(target) == ([[0.25, -0.5]], [0])


def test_a_child_interrupted_mid_write_removes_its_temporary_file(tmp_path):
    target = tmp_path / "model.json"
    nn.Perceptron(2, seed=0).save(target)
    old = target.read_bytes()
    child = start_child(target)
    child.send_signal(signal.SIGINT)  # KeyboardInterrupt inside the write
    child.wait()
    assert child.returncode != 0
    assert target.read_bytes() == old and temporaries(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "model.json"
    target.write_text("old")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        files.write_text(target, "new")
    assert target.read_text() == "old" and temporaries(tmp_path) == []


def test_threads_saving_to_one_path_each_write_a_whole_file(tmp_path):
    # FileNotFoundError in 10 of 10 trials before: one temporary name per process
    target = tmp_path / "model.json"
    models = [nn.MLP(2, [4, 1], seed=k) for k in range(8)]
    texts = {m.dumps() for m in models}
    errors = []

    def save(model):
        try:
            for _ in range(20):
                model.save(target)
        except Exception as error:  # the assertion below shows it
            errors.append(error)

    threads = [threading.Thread(target=save, args=(m,)) for m in models]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_text() in texts and temporaries(tmp_path) == []


def test_the_targets_permissions_are_kept(tmp_path):
    target = tmp_path / "secret.json"
    target.write_text("old")
    target.chmod(0o600)
    nn.Perceptron(2, seed=0).save(target)
    assert target.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "fresh.csv"
    datasets.write_csv(fresh, [[0.0, 0.0]], [0])
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() would make it


def test_a_symlink_is_written_through(tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "model.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    model = nn.Perceptron(2, seed=3)
    model.save(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == model.dumps()
    assert temporaries(tmp_path) == [] and temporaries(tmp_path / "real") == []


def test_a_missing_folder_or_a_folder_target_is_said_in_words(tmp_path):
    with pytest.raises(FileNotFoundError, match="cannot save, the folder .* does not exist"):
        files.write_text(tmp_path / "no" / "f.txt", "x")
    with pytest.raises(IsADirectoryError, match="is a folder, cannot save a file over it"):
        files.write_text(tmp_path, "x")
