"""A list of rows read into a NumPy block in C: the C backend's way in for a batch.

``program(rows)`` on a Python list of 10,000 rows spends most of its time turning the
list into an array (``np.fromiter`` over the chained rows: some 30 ns a number).  The C
function :data:`SOURCE` reads the list's own objects instead (one pointer per row, one
double per float: a few ns a number): a list of lists or tuples, each of ``width``
floats or ints, all finite.  Anything else (a dict by input name, a bool, a NumPy
scalar, a string) is not read here: :func:`table` answers None and the caller takes
its ordinary path, whose errors name the row.  The library is built once per machine
(:class:`autograd.native.Library`, cached), in the background unless C is forced.
"""

from __future__ import annotations

import ctypes
from typing import Any

SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* out[i * width + j] = X[i][j]; -1, or the first row that is not a list or tuple of
   width finite floats or ints (nothing raised: the caller reads that list its own way) */
Py_ssize_t rows(PyObject *X, Py_ssize_t width, double *out) {
    const Py_ssize_t n = PyList_GET_SIZE(X);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *row = PyList_GET_ITEM(X, i);
        if (!(PyList_CheckExact(row) || PyTuple_CheckExact(row))
                || PySequence_Fast_GET_SIZE(row) != width)
            return i;
        PyObject **items = PySequence_Fast_ITEMS(row);
        for (Py_ssize_t j = 0; j < width; j++) {
            PyObject *v = items[j];
            double d;
            if (PyFloat_CheckExact(v)) {
                d = PyFloat_AS_DOUBLE(v);
            } else if (PyLong_CheckExact(v)) {
                d = PyLong_AsDouble(v);  /* float(int): correctly rounded */
                if (d == -1.0 && PyErr_Occurred()) { PyErr_Clear(); return i; }
            } else {
                return i;
            }
            if (!isfinite(d)) return i;
            out[i * width + j] = d;
        }
    }
    return -1;
}
"""

_library: Any = None


def table(X: Any, width: int, wait: bool = False) -> Any:
    """The rows of the list ``X`` as a (len(X), width) float array, or None: not a list,
    a row this reader does not take (see the module), or the library not loaded yet
    (its build starts at the first call; ``wait`` waits for it)."""
    global _library
    if type(X) is not list:
        return None
    if _library is None:
        from autograd.native import Library

        _library = Library(SOURCE, "rows", [ctypes.py_object, ctypes.c_ssize_t,
                                            ctypes.c_void_p], ctypes.c_ssize_t, wait, True)
    function = _library.wait() if wait else _library.function()
    if function is None:
        return None
    import numpy as np

    out = np.empty((len(X), width))
    return out if function(X, width, out.ctypes.data) < 0 else None
