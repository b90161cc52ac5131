"""The C backend's build: a program's C source compiled once, cached on disk, never waited for.

:class:`Library` takes the C source of a program (:mod:`autograd.csource`) and builds it
into a shared library with the compiler Python itself was built with
(``sysconfig.get_config_var("CC")``, or ``$CC``), in IEEE arithmetic: ``-O2
-fno-fast-math -ffp-contract=off`` (no reassociation, no fused multiply-add, so every
operation rounds as Python's floats do), and for this machine's processor where the
compiler can (:data:`TUNED`: its vector instructions, which change no number under
those rules).  The library is cached
under the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``, then
``autograd-dag/native``) by a hash of the source, the compiler command and the
processor's features, and the source holds the graph's structure and constants, never
the weights: a second run of the same network loads it at once.

A build runs in a background thread while the program answers on NumPy or Python;
``function()`` is None until the library is loaded.  A build that fails (no compiler,
a compiler error, a cache folder that cannot be written) leaves the program on its
other backend and says so in one warning per reason, from the thread that next asks.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import shlex
import shutil
import subprocess
import sysconfig
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

FLAGS = ["-O2", "-fPIC", "-shared", "-fno-fast-math", "-ffp-contract=off", "-std=c99"]
"""How every library is built: optimised, position-independent, IEEE semantics."""
TUNED = ["-march=native"]
"""Added when the compiler takes it: this processor's instructions (never reassociating
nor contracting: the numbers stay those of :data:`FLAGS` alone).  Measured on W1's batch
program: the call 28 us instead of 43, the build as long (0.4-0.7 s); GCC's dynamic
vectorisation cost model gained 3 us more for a build half as long again."""

_warned: set[str] = set()


def compiler() -> list[str] | None:
    """The C compiler command (``$CC``, else the one ``sysconfig`` names, else ``cc``), or
    None when it cannot be found."""
    named = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    command = shlex.split(named)
    if not command or shutil.which(command[0]) is None:
        return None
    return command


@functools.cache
def tuned(command: tuple[str, ...]) -> tuple[list[str], str]:
    """:data:`TUNED` if ``command`` compiles with it (else no flag), and what it means here:
    the macros the compiler then defines, which name the processor's features."""
    try:
        done = subprocess.run([*command, *TUNED, "-E", "-dM", "-x", "c", os.devnull],
                              capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return [], ""
    return (TUNED, done.stdout) if done.returncode == 0 else ([], "")


def cache_folder() -> Path:
    """Where libraries are kept: ``$XDG_CACHE_HOME/autograd-dag/native`` (``~/.cache`` by
    default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "autograd-dag" / "native"


def unavailable() -> str | None:
    """Why no C library can be built here, or None."""
    if compiler() is None:
        named = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
        return f"no C compiler found (looked for {named!r}: $CC or Python's own compiler)"
    return None


class Library:
    """The shared library of one C source, built in the background (or at once with
    ``wait=True``), and its function ``name`` with C types ``argtypes`` -> ``restype``."""

    def __init__(self, source: str, name: str, argtypes: list[Any], restype: Any,
                 wait: bool = False, python: bool = False) -> None:
        """``python``: the source includes ``Python.h`` and its function reads Python
        objects, so it is built against Python's headers and called holding the GIL."""
        self.source, self.name, self.argtypes, self.restype = source, name, argtypes, restype
        self.flags = [f"-I{sysconfig.get_paths()['include']}"] if python else []
        self.error: str | None = None
        self.build_seconds: float | None = None
        self._function: Any = None
        self._done = threading.Event()
        if wait:
            self._build()
        else:
            threading.Thread(target=self._build, daemon=True, name="autograd-cc").start()

    def function(self) -> Any:
        """The loaded function, or None while it builds or after it failed (warned once)."""
        if self._function is None and self._done.is_set() and self.error is not None:
            if self.error not in _warned:
                _warned.add(self.error)
                warnings.warn(f"autograd: the C backend is unavailable ({self.error}); "
                              f"programs run on NumPy or Python", RuntimeWarning, stacklevel=3)
        return self._function

    def wait(self) -> Any:
        """The function once the build has finished (None if it failed, warned once)."""
        self._done.wait()
        return self.function()

    def _build(self) -> None:
        import time

        start = time.perf_counter()
        try:
            self._function = self._load(self._compiled())
            self.build_seconds = time.perf_counter() - start
        except (OSError, subprocess.SubprocessError, RuntimeError) as error:
            self.error = str(error) or type(error).__name__
        finally:
            self._done.set()

    def _compiled(self) -> Path:
        """The library's path in the cache, compiled first if it is not there."""
        command = compiler()
        if command is None:
            raise RuntimeError(unavailable() or "no C compiler found")
        flags, processor = tuned(tuple(command))
        flags = [*FLAGS, *flags, *self.flags]
        key = hashlib.sha256("\0".join([*command, *flags, processor, self.source]).encode()
                             ).hexdigest()
        folder = cache_folder()
        target = folder / f"{key[:32]}.so"
        if target.exists():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix="build-", dir=folder))
        except OSError as error:
            raise RuntimeError(f"the cache folder {folder} cannot be written ({error})"
                               ) from None
        source, built = work / "program.c", work / "program.so"
        source.write_text(self.source)
        done = subprocess.run([*command, *flags, "-o", str(built), str(source), "-lm"],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            message = (done.stderr or done.stdout).strip().splitlines()
            raise RuntimeError(f"the compiler {command[0]!r} failed: "
                               f"{message[0] if message else done.returncode}")
        os.replace(built, target)  # atomic: a concurrent build of the same key is harmless
        shutil.rmtree(work, ignore_errors=True)
        return target

    def _load(self, path: Path) -> Any:
        loader = ctypes.PyDLL if self.flags else ctypes.CDLL  # PyDLL keeps the GIL
        function = getattr(loader(str(path)), self.name)
        function.argtypes, function.restype = self.argtypes, self.restype
        return function
