"""A scalar reverse-mode automatic differentiation engine.

Build an expression from :class:`Value` objects; every operation records a node.
``out.backward()`` then fills ``.grad`` of every node with d(out)/d(node), and
:func:`grad` returns gradients without touching ``.grad`` (to any order with
``create_graph=True``).  :func:`jvp` and :func:`jacobian` run forward mode from the
same derivative table.  The engine needs only the standard library.
"""

from autograd._version import __version__ as __version__
from autograd.backward import backward, topological_order
from autograd.check import GradcheckError, gradcheck, gradgradcheck
from autograd.compile import compile  # NumPy is imported when a program is made
from autograd.display import format_number
from autograd.exercise import Exercise
from autograd.explain import explain
from autograd.forward_mode import Jacobian, jacobian, jvp
from autograd.gradients import grad
from autograd.mode import enable_grad, is_grad_enabled, no_grad
from autograd.ops import TABLE, Op
from autograd.value import Constant, Value

__all__ = [
    "Value", "Constant", "Op", "TABLE", "backward", "grad", "topological_order",
    "no_grad", "enable_grad", "is_grad_enabled", "gradcheck", "gradgradcheck", "GradcheckError",
    "compile", "explain", "Exercise", "format_number", "jvp", "jacobian", "Jacobian",
]
