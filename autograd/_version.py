"""The project's version: the one place it is written (setup.cfg reads it from here).

``autograd.__version__``, ``nn.__version__``, ``viz.__version__`` and ``backprop --version``
all show this string.
"""

__version__ = "0.1.0"
