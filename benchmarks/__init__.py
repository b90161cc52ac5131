"""Benchmarks: our engine side by side with micrograd 0.1.0 and PyTorch, in one run.

Run ``python -m benchmarks`` from the project root (``--help`` for options).  Every
(workload, engine) pair runs in a fresh Python process; see ``__main__.py``.
"""
