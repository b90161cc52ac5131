"""The derivative table: every primitive the engine knows, one entry each.

An entry (:class:`Op`, in :mod:`autograd.ops.table`) holds an op's forward rule, the
local derivative of its output with respect to each input, and, for an op that is a
function rather than plain arithmetic, how floats and arrays compute it and where it is
undefined.  Rules take a namespace ``m`` first: the few functions a rule needs (``m.exp``,
``m.log``, ...) come from it, and everything else is plain arithmetic.  Every namespace is
built from the table (:func:`namespace`), so the same rule runs on

* floats, through :data:`FLOATS` (the ordinary backward pass),
* Values, through :data:`autograd.values_namespace.VALUES` (``create_graph=True``: the
  rule's arithmetic is itself recorded, so higher derivatives come for free),
* NumPy arrays, through :func:`autograd.arrays.arrays` (batch replay).

Since a share ``g * d(out)/d(input)`` is linear in ``g``, the same rule with ``g`` = an
input's tangent gives forward mode (:mod:`autograd.forward_mode`).  No pass holds
op-specific code; adding an op means one entry in the table and one method on
:class:`~autograd.value.Value`.  This package imports nothing else of the engine.
"""

from autograd.ops.op import Domain, Helper, Namespace, Op, namespace, on_floats
from autograd.ops.table import (
    ABS,
    ADD,
    COS,
    DIV,
    EXP,
    FLOATS,
    HELPERS,
    LOG,
    LOGADDEXP,
    MUL,
    NEG,
    POW,
    RELU,
    SIGMOID,
    SIN,
    SOFTPLUS,
    SQRT,
    SUB,
    TABLE,
    TANH,
)

__all__ = [
    "Op", "Domain", "Helper", "Namespace", "TABLE", "HELPERS", "FLOATS", "namespace",
    "on_floats", "ADD", "SUB", "MUL", "DIV", "POW", "NEG", "EXP", "LOG", "SQRT", "TANH",
    "SIGMOID", "SOFTPLUS", "LOGADDEXP", "RELU", "ABS", "SIN", "COS",
]
