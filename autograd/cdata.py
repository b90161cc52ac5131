"""The data of a C batch program: its static arrays, and its group functions, each once.

:mod:`autograd.cgroups` writes each level group as a call of a C function whose body is
the group's code and whose arguments are the group's data: index arrays (rows of the
block, sources in the static column) and coefficient arrays (signs), written once as
``static const`` arrays.  :class:`Data` keeps both; two groups with the same code share
one function (every layer's weighted sums, every tanh layer), so the compiler's work
grows with the kinds of groups, not with the nodes.
"""

from __future__ import annotations

import math

from autograd.symbols import literal

INTS, DOUBLES = 5, 2
"""A group function's data parameters: index arrays ``i0..i4``, coefficient arrays ``c0, c1``."""


class Call:
    """One call of a group function: its node count and first row, and the data arrays it
    passes (:meth:`ints`, :meth:`doubles` return the parameter's name in the body)."""

    def __init__(self, count: int, first: int) -> None:
        self.count, self.first = count, first
        self.arrays: dict[str, list[str]] = {"i": [], "c": []}

    def ints(self, name: str) -> str:
        """Passes the int array ``name``; returns its parameter (``i<j>``)."""
        return self._pass("i", name)

    def doubles(self, name: str) -> str:
        """Passes the double array ``name``; returns its parameter (``c<j>``)."""
        return self._pass("c", name)

    def _pass(self, kind: str, name: str) -> str:
        self.arrays[kind].append(name)
        return f"{kind}{len(self.arrays[kind]) - 1}"

    def text(self, function: str) -> str:
        """The call of ``function`` with this call's arguments (0 for a parameter unused)."""
        ints = self.arrays["i"] + ["0"] * (INTS - len(self.arrays["i"]))
        doubles = self.arrays["c"] + ["0"] * (DOUBLES - len(self.arrays["c"]))
        return (f"{function}(n, start, S, GS, V, G, {self.count}, {self.first}, "
                f"{', '.join(ints + doubles)})")


class Data:
    """The static arrays and the group functions of one source (``d<n>``, ``f<n>``); groups
    whose code is the same (an op on operands of the same kinds, a weighted sum) share
    one function, their data passed as arguments."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.functions: dict[str, str] = {}

    def function(self, body: list[str], call: Call) -> str:
        """The call of the :data:`GROUP` function running ``body`` with ``call``'s data."""
        text = "\n".join(body)
        if text not in self.functions:
            name = self.functions[text] = f"f{len(self.functions)}"
            ints = ", ".join(f"const int *i{j}" for j in range(INTS))
            doubles = ", ".join(f"const double *c{j}" for j in range(DOUBLES))
            self.lines += [f"GROUP {name}(int n, int start, const double *S, double *GS, "
                           f"double *V, double *G, int count, int first, {ints}, {doubles}) {{",
                           *body, "return -1;", "}"]
        return call.text(self.functions[text])

    def ints(self, values: list[int]) -> str:
        """The name of a ``static const int`` array holding ``values``."""
        return self._array("int", [str(v) for v in values] or ["0"])

    def doubles(self, values: list[float]) -> str:
        """The name of a ``static const double`` array holding ``values`` exactly."""
        return self._array("double", [_exact(v) for v in values] or ["0.0"])

    def _array(self, kind: str, items: list[str]) -> str:
        name = f"d{len(self.lines)}"
        self.lines.append(f"static const {kind} {name}[] = {{{', '.join(items)}}};")
        return name


def _exact(c: float) -> str:
    """A double as a C literal that reads back exactly (hexadecimal; inf and nan named)."""
    c = float(c)
    return c.hex() if math.isfinite(c) else literal(c)
