"""Run every workload on every engine, each pair in a fresh process, and print the tables.

    python -m benchmarks                 # everything, 7 repetitions, writes out/benchmarks.md
    python -m benchmarks --repeat 3 --workloads W1,W5 --out -
    python -m benchmarks --install       # first pip-install the reference, micrograd==0.1.0

micrograd 0.1.0 is the reference of W1-W5 (install it with ``pip install -e
'.[bench]'``), PyTorch (one thread, float64) the reference of W6 and W7 and of the fast
path's targets; PyTorch rows appear when torch is installed.  Each child process runs a
warm-up and then ``--repeat`` timed repetitions; the tables give median, min and max.
"""

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from benchmarks import report

ROOT = Path(__file__).resolve().parents[1]
PLAN = {
    "W1": ["micrograd", "ours", "ours-compiled", "torch-scalar", "torch-batched"],
    "W2": ["micrograd", "ours", "ours-compiled", "ours-python", "ours-c", "floats", "jax",
           "torch-scalar", "torch-batched"],
    "W3": ["micrograd", "ours", "torch-scalar"],
    "W4": ["micrograd", "ours"],
    "W5": ["micrograd", "ours", "ours-compiled", "ours-c", "jax", "torch-scalar",
           "torch-batched"],
    "W6": ["torch-batched", "ours", "ours-compiled", "ours-c", "jax"],
    "W7": ["torch-units", "ours", "ours-per-node", "ours-compiled", "ours-c", "jax"],
}
REFERENCE = "micrograd==0.1.0"


def installed(package: str) -> bool:
    """Whether ``package`` can be imported here."""
    return importlib.util.find_spec(package) is not None


def version(package: str) -> str:
    """The installed version of ``package``, or ``not installed``."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def ensure_reference(install: bool) -> None:
    """Stop with instructions unless micrograd 0.1.0 is installed (or install it)."""
    if installed("micrograd") and version("micrograd") == "0.1.0":
        return
    if not install:
        sys.exit(f"The benchmarks compare against {REFERENCE}, which is not installed here.\n"
                 f"Install it with:  {sys.executable} -m pip install -e '.[bench]'\n"
                 f"(or {sys.executable} -m pip install {REFERENCE}), or rerun with --install.")
    subprocess.run([sys.executable, "-m", "pip", "install", REFERENCE], check=True)


def run_child(workload: str, engine: str, repeat: int, timeout: float) -> dict:
    """One workload on one engine in a fresh Python process: its JSON result or an error."""
    command = [sys.executable, "-m", "benchmarks.run_one", workload, engine, str(repeat)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                                     os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {done.returncode}: {last}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def pooled(before: dict | None, result: dict) -> dict:
    """One engine's results over the rounds so far: the timings of every round together (the
    first round's other figures); an error in any round stays."""
    if before is None or "error" in before:
        return result if before is None else before
    if "error" in result:
        return result
    return {key: before[key] + result.get(key, []) if isinstance(before[key], list) else before[key]
            for key in before}


def header(repeat: int, rounds: int = 1) -> list[str]:
    """The report's first lines: date, CPU, versions and how the numbers were taken."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = f"{names[0]} x {len(names)}" if names else cpu
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        "## Benchmark results",
        "",
        f"Run `python -m benchmarks` on {today}: {cpu}, Python {platform.python_version()}, "
        f"micrograd {version('micrograd')}, numpy {version('numpy')}, torch {version('torch')} "
        "(one thread). Every engine runs each workload in a fresh process: one warm-up, then "
        f"{repeat} timed repetitions"
        + (f", in {rounds} rounds taken in turn with the other engines, pooled" if rounds > 1
           else "")
        + " (median, min, max). Speed-ups are the reference engine's "
        "median (the first row of each table: micrograd, or PyTorch for W6 and W7) divided by "
        "the engine's, from this same run; the garbage collector stays on.",
    ]


def main(argv: list[str] | None = None) -> None:
    """Run the chosen workloads on every engine, print the report and write it."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="timed repetitions (default 7)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run every engine this many times, in turn, and pool the "
                             "repetitions (default 1): a machine whose speed drifts then "
                             "slows every engine alike")
    parser.add_argument("--workloads", default=",".join(PLAN), help="e.g. W1,W5")
    parser.add_argument("--engines", default="", help="only these engines, e.g. ours,micrograd")
    parser.add_argument("--out", default="out/benchmarks.md",
                        help="Markdown file to write (default out/benchmarks.md; '-' for none)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per child process")
    parser.add_argument("--install", action="store_true", help=f"pip install {REFERENCE} first")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.rounds < 1:
        parser.error("--repeat and --rounds must be at least 1")
    chosen = [w.strip().upper() for w in args.workloads.split(",") if w.strip()]
    unknown = [w for w in chosen if w not in PLAN]
    if unknown:
        parser.error(f"unknown workload {unknown[0]!r}; choose from {', '.join(PLAN)}")
    only = {e.strip() for e in args.engines.split(",") if e.strip()}
    ensure_reference(args.install)
    results: dict = {}
    for workload in chosen:
        results[workload] = {}
        engines = [e for e in PLAN[workload] if not (only and e not in only) and
                   not (e.startswith("torch") and not installed("torch")) and
                   not (e == "jax" and not installed("jax"))]
        for k in range(args.rounds):
            for engine in engines:
                print(f"{workload} {engine} (round {k + 1} of {args.rounds}) ...",
                      file=sys.stderr, flush=True)
                result = run_child(workload, engine, args.repeat, args.timeout)
                results[workload][engine] = pooled(results[workload].get(engine), result)
    text = report.markdown(results, header(args.repeat, args.rounds))
    print(text)
    if args.out != "-":
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text)
        print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
