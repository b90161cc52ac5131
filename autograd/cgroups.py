"""A batch program written as C by level groups: one loop per group, its indices as data.

The NumPy program (:mod:`autograd.batch`) runs each group of :mod:`autograd.levels` as one
call over the batch; here each group becomes one C loop over its nodes and, inside it,
one loop over the samples, with the group's indices and coefficient sources in static
arrays.  The code grows with the kinds of groups, not with the nodes (only the data
does).

- An :class:`~autograd.groups.OpGroup` writes its op's rules once, through the symbol
  machinery (:mod:`autograd.symbols`): the forward rule run on the symbols ``x0``,
  ``x1`` (the operands of node k at sample b) is the loop's body, behind the entry's
  domain predicates (a sample outside the domain returns its row); each derivative
  rule run on ``g``, ``y`` (the node's gradient and value) and the operands adds the
  share dE/d(operand) += g d(out)/d(operand), summed over the batch for an operand of
  the static column.
- A :class:`~autograd.groups.SumGroup` is the weighted sums s_r = sum_k c_rk z_k + b_r
  as sparse rows, eight samples at a time (the kernel ``gather`` of
  :data:`autograd.csource.LOOPS`); backward, dE/dz_k += sum_r c_rk g_r (``gather`` on
  the transposed terms), dE/dc_rk += sum_b g_r z_k (``dot``), dE/db_r += sum_b g_r.

Each group is one call of a C function ``f(n, start, S, GS, V, G, count, first, i0..i4,
c0, c1)``: its loops over ``count`` nodes from row ``first`` and the ``n`` samples of
the block ``V`` (gradients ``G``), the static column ``S`` (``GS``) read for coefficients,
its index and coefficient arrays passed as arguments.  Groups with the same code (every
layer's weighted sums; every tanh layer) share one function, so the compiler sees a
handful: W7's 300-perceptron DAG is five.  The static space runs the same functions on
its column (V = S, n = 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograd.cdata import Call, Data
from autograd.groups import OpGroup, SumGroup
from autograd.symbols import Symbol, literal, symbols

SYMBOLS, UNCHECKED = symbols(), symbols(checked=False)

OPERANDS = (Symbol("x0"), Symbol("x1"))


def indices(index: Any) -> list[int]:
    """A slice or an index array of rows as a list of ints."""
    if isinstance(index, slice):
        return list(range(index.start, index.stop))
    return [int(i) for i in index]


def row(block: str, index: str) -> str:
    """The address of row ``index`` of ``block`` (rows of ``n`` samples)."""
    return f"{block} + (long)({index}) * n"


def forward(group: Any, data: Data) -> str:
    """The call of the function (a ``GROUP`` of :data:`autograd.csource.LOOPS`) that runs
    ``group``'s forward pass."""
    call = Call(group.out.stop - group.out.start, group.out.start)
    made = (_sum_forward if isinstance(group, SumGroup) else _op_forward)(group, data, call)
    return data.function(made, call)


def backward(group: Any, data: Data) -> list[str]:
    """The calls of the functions that run ``group``'s reverse pass (its shares added into
    G and GS): none when no operand wants one."""
    calls = []
    parts = [_op_backward] if isinstance(group, OpGroup) else [_sum_inputs, _sum_weights]
    for part in parts:
        call = Call(group.out.stop - group.out.start, group.out.start)
        if made := part(group, data, call):
            calls.append(data.function(made, call))
    return calls


def _operands(group: OpGroup, data: Data, call: Call) -> list[str]:
    """The parameter naming each operand's index array (rows of V, or of the column S)."""
    return [call.ints(data.ints(indices(operand.index))) for operand in group.operands]


def _reads(group: OpGroup, names: list[str]) -> tuple[list[str], list[str]]:
    """The per-node declarations and the per-sample reads of the operands."""
    outer, inner = [], []
    for p, (operand, name) in enumerate(zip(group.operands, names, strict=True)):
        if operand.static:
            outer.append(f"const double a{p} = S[{name}[k]];")
            inner.append(f"const double x{p} = a{p};")
        else:
            outer.append(f"const double *a{p} = {row('V', f'{name}[k]')};")
            inner.append(f"const double x{p} = a{p}[b];")
    return outer, inner


def _op_forward(group: OpGroup, data: Data, call: Call) -> list[str]:
    op, args = group.op, OPERANDS[:len(group.operands)]
    names = _operands(group, data, call)
    outer, inner = _reads(group, names)
    value = literal(op.forward(UNCHECKED if op.domain else SYMBOLS, *args))
    checks = [f"if ({literal(bad)}) return start + b;"
              for d in op.domain if (bad := d.bad(*args)) is not False]
    return [f"for (int k = 0; k < count; k++) {{  /* {op.name} */",
            f"double *y = {row('V', 'first + k')};", *outer,
            "for (int b = 0; b < n; b++) {", *inner, *checks,
            f"y[b] = {value};", "}", "}"]


def _op_backward(group: OpGroup, data: Data, call: Call) -> list[str]:
    op, args = group.op, OPERANDS[:len(group.operands)]
    names = _operands(group, data, call)
    outer, inner = _reads(group, names)
    g, y = Symbol("g[b]"), Symbol("y[b]")
    sums, adds, totals = [], [], []
    for p, (operand, rule) in enumerate(zip(group.operands, op.derivatives, strict=True)):
        if not operand.needed:
            continue
        share = literal(rule(SYMBOLS, g, y, *args))
        if operand.static:
            sums.append(f"double t{p} = 0.0;")
            adds.append(f"t{p} += {share};")
            totals.append(f"GS[{names[p]}[k]] += t{p};")
        else:
            outer.append(f"double *h{p} = {row('G', f'{names[p]}[k]')};")
            adds.append(f"h{p}[b] += {share};")
    if not adds:
        return []
    return [f"for (int k = 0; k < count; k++) {{  /* {op.name}, reverse */",
            f"const double *y = {row('V', 'first + k')};",
            f"const double *g = {row('G', 'first + k')};", *outer, *sums,
            "for (int b = 0; b < n; b++) {", *inner, *adds, "}", *totals, "}"]


def _terms(group: SumGroup, data: Data, call: Call, by_column: bool = False
           ) -> tuple[str, ...]:
    """The group's terms as data, sorted by output row (or, ``by_column``, by the z row
    they read): (starts per row, the other side's rows, sources, signs)."""
    n, width = group.shape
    pos, source, sign = group.weights.pos, group.weights.source, group.weights.sign
    columns = indices(group.columns)
    key, other = (pos % width, pos // width) if by_column else (pos // width, pos % width)
    order = np.argsort(key, kind="stable")
    starts = np.searchsorted(key[order], np.arange((width if by_column else n) + 1))
    rows = [group.out.start + int(r) for r in other[order]] if by_column else \
        [columns[int(k)] for k in other[order]]
    return (call.ints(data.ints(starts.tolist())), call.ints(data.ints(rows)),
            call.ints(data.ints(source[order].tolist())),
            call.doubles(data.doubles(sign[order].tolist())))


def _offsets(group: SumGroup, data: Data, call: Call) -> tuple[str, str, str] | None:
    """The offsets b_r as data: (row starts, sources, signs), or None."""
    if group.offset is None:
        return None
    n, offset = group.shape[0], group.offset
    order = np.argsort(offset.pos, kind="stable")
    starts = np.searchsorted(offset.pos[order], np.arange(n + 1)).tolist()
    return call.ints(data.ints(starts)), call.ints(data.ints(offset.source[order].tolist())), \
        call.doubles(data.doubles(offset.sign[order].tolist()))


def _sum_forward(group: SumGroup, data: Data, call: Call) -> list[str]:
    starts, rows, sources, signs = _terms(group, data, call)
    lines = ["for (int k = 0; k < count; k++) {  /* weighted sums */",
             f"double *y = {row('V', 'first + k')};",
             f"gather(n, {starts}[k], {starts}[k + 1], {rows}, {sources}, {signs}, S, V, y, 0);"]
    if (offsets := _offsets(group, data, call)) is not None:
        o_starts, o_sources, o_signs = offsets
        lines += ["double c = 0.0;",
                  f"for (int e = {o_starts}[k]; e < {o_starts}[k + 1]; e++) "
                  f"c += {o_signs}[e] * S[{o_sources}[e]];",
                  "for (int b = 0; b < n; b++) y[b] += c;"]
    return [*lines, "}"]


def _sum_inputs(group: SumGroup, data: Data, call: Call) -> list[str]:
    """dE/dz_k += sum_r c_rk g_r, by z row (``gather`` on G over the transposed terms)."""
    if not group.z_needed:
        return []
    call.count = group.shape[1]
    starts, rows, sources, signs = _terms(group, data, call, by_column=True)
    columns = call.ints(data.ints(indices(group.columns)))
    return ["for (int k = 0; k < count; k++)  /* weighted sums, dE/dz */",
            f"gather(n, {starts}[k], {starts}[k + 1], {rows}, {sources}, {signs}, S, G, "
            f"{row('G', f'{columns}[k]')}, 1);"]


def _sum_weights(group: SumGroup, data: Data, call: Call) -> list[str]:
    """dE/dc_rk += sum_b g_r z_k (``dot``); dE/db_r += sum_b g_r."""
    if not group.w_needed:
        return []
    starts, rows, sources, signs = _terms(group, data, call)
    lines = ["for (int k = 0; k < count; k++) {  /* weighted sums, dE/dc */",
             f"const double *g = {row('G', 'first + k')};",
             f"for (int e = {starts}[k]; e < {starts}[k + 1]; e++) "
             f"GS[{sources}[e]] += {signs}[e] * dot(n, g, {row('V', f'{rows}[e]')});"]
    if (offsets := _offsets(group, data, call)) is not None:
        o_starts, o_sources, o_signs = offsets
        lines += ["double t = 0.0;", "for (int b = 0; b < n; b++) t += g[b];",
                  f"for (int e = {o_starts}[k]; e < {o_starts}[k + 1]; e++) "
                  f"GS[{o_sources}[e]] += {o_signs}[e] * t;"]
    return [*lines, "}"]
