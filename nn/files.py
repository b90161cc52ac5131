"""The one way anything here writes a file: whole or not at all.

:func:`write_bytes` (and :func:`write_text`) writes to a temporary file in the target's
folder, named ``.NAME.PID.RANDOM.tmp`` (unique per process and per call, so threads and
processes saving to one path never share one), flushes it to disk, gives it the
target's permissions, and renames it over the target: a reader sees the old file or
the new one, never a part.  A symlink is written through (its target is replaced, the
link stays).  A failure removes the temporary file; a process killed outright cannot,
so the next write to the same path removes the temporary files of processes that are
gone.  Models (``model.save``), point sets (``write_csv``) and figures (``viz.save``)
all write through here.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: the whole file or, on any failure, the old
    one untouched and no temporary file left.

    Raises FileNotFoundError when the folder does not exist and IsADirectoryError when
    ``path`` is a folder, said in words; other OSErrors as they come.
    """
    target = Path(os.path.realpath(path))  # through a symlink, to the file it names
    if not target.parent.is_dir():
        raise FileNotFoundError(
            f"{os.fspath(path)}: cannot save, the folder {target.parent} does not exist")
    if target.is_dir():
        raise IsADirectoryError(f"{os.fspath(path)}: is a folder, cannot save a file over it")
    _remove_orphans(target)
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None  # a new file: 0o666 less the umask, as open() gives
    fd, temporary = _create(target)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:  # KeyboardInterrupt too: never leave the temporary file behind
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _create(target: Path) -> tuple[int, Path]:
    """A new temporary file ``.NAME.PID.RANDOM.tmp`` beside ``target``, opened for writing
    with open()'s permissions (0o666 less the umask); a name taken already is drawn again."""
    while True:
        temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def _remove_orphans(target: Path) -> None:
    """Remove ``.NAME.PID.*.tmp`` beside ``target`` left by processes no longer running."""
    for orphan in target.parent.glob(f".{_escape(target.name)}.*.tmp"):
        pid = orphan.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                orphan.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours (PermissionError), or the check is refused
        return True
    return True


def _escape(name: str) -> str:
    """``name`` with the glob pattern characters taken literally."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
