"""The questions of predict-then-check, each an :class:`autograd.Exercise` read off the pass.

Every number comes from the explain panel's own pass of the selected point (the recorded graph
and ``autograd.explain`` of its E, :func:`viz.playground.explain.panel_data.selected_pass`), and
every formula from the panel's own lines:

- ``step`` k, ``formula`` f: line f of step k of the panel's steps (forward, then
  backward, counted from 0); without f, the node's own line: z_j (forward), delta_j
  (backward), the input or E;
- ``delta`` of perceptron j: its line delta_j = g'(s_j) sum_o w_{j->o} delta_o (the
  tutorial's recursion, section 4.2; for an output, dE/dz_o g_o'(s_o));
- ``dE/dw`` of a weight: the panel's formula of it (the tutorial's section 3.2 product on the
  2-5-1 network, delta_j z_i elsewhere), graded against the engine's gradient;
- ``update`` of a weight: w_{t+1} = w_t - eta dE/dw, one plain gradient-descent step on
  this point alone under the session's eta.

Weights are named as the view names them (:meth:`nn.unit.Unit.parameters`), perceptrons
by their names.  Drawn questions prefer what must be assembled: a hidden perceptron's
delta, a weight into a hidden perceptron (two layers back from E).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from autograd import Exercise
from autograd.explain import Explanation
from autograd.value import Value
from viz.playground.api.fields import BadRequest
from viz.playground.explain.formula import evaluate, formula, leaf, op, tex
from viz.playground.explain.recorded_pass import Graph, weight_symbol
from viz.playground.explain.weight_formulas import weight_formulas

KINDS = ("delta", "dE/dw", "update")
"""The questions beyond single steps."""


@dataclass(frozen=True)
class Question:
    """What is asked (``key``: the kind and its node, weight or step), in words (``text``)
    and as an exercise; ``choices`` the names a drawn question of this kind comes from
    (none for a step)."""

    key: tuple[Any, ...]
    text: str
    exercise: Exercise
    choices: list[str]

    def describe(self) -> dict[str, Any]:
        """The question as the API gives it: kind, its name, text and LaTeX symbol."""
        kind, name = self.key[0], self.key[1]
        field = {"step": "step", "delta": "node"}.get(kind, "weight")
        found = {"question": kind, field: name, "text": self.text,
                 "symbol": self.exercise.name, "choices": self.choices}
        if kind == "step":
            found["formula"] = self.key[2]
        return found


class Pass:
    """The selected point's pass read as questions (``eta``: the session's learning rate)."""

    def __init__(self, graph: Graph, reverse: Explanation, steps: list[dict[str, Any]],
                 eta: float) -> None:
        self.graph, self.reverse, self.steps, self.eta = graph, reverse, steps, eta
        outputs = set(graph.outputs)
        self.hidden = [u.name for u in graph.units if u.name not in outputs]
        self.perceptrons = [u.name for u in graph.units]
        self.weights: dict[str, tuple[int, str | None, str, Value]] = {}
        for unit in graph.units:
            for (name, w), source in zip(unit.parameters(), [None, *unit.sources], strict=True):
                self.weights[name] = (len(self.weights), source, unit.name, w)
        self.deep = [w for w, (_, _, j, _) in self.weights.items() if j in self.hidden]

    def step(self, k: int, f: int | None) -> Question:
        """Line ``f`` of step ``k`` of the panel; by default the node's own value (z_j in
        the forward pass, delta_j in the backward pass, an input, E)."""
        if not 0 <= k < len(self.steps):
            raise BadRequest(f"check.step must be a step of the pass, 0 to {len(self.steps) - 1}"
                             f"; got {k}")
        step = self.steps[k]
        lines = step["formulas"]
        if f is None:
            own = (rf"\delta_{{{tex(step['node'])}}}" if step["pass"] == "backward"
                   else f"z_{{{tex(step['node'])}}}")
            f = next((n for n, line in enumerate(lines) if line["lhs"] == own), 0)
        if not 0 <= f < len(lines):
            raise BadRequest(f"check.formula: step {k} ({step['node']}) has formulas 0 to "
                             f"{len(lines) - 1}; got {f}")
        line = lines[f]
        text = f"step {k}, the {step['pass']} pass at {step['node']}: compute its formula {f}"
        return Question(("step", k, f), text, _exercise(line, line["result"]), [])

    def ask(self, kind: str, name: str | None, rng: random.Random) -> Question:
        """The question ``kind`` about ``name`` (a perceptron for delta, a weight else), or
        drawn with ``rng`` when ``name`` is None."""
        if kind == "delta":
            choices = self.hidden or self.perceptrons
            known, what = self.perceptrons, "a perceptron"
        else:
            choices = (self.deep if kind == "dE/dw" else []) or list(self.weights)
            known, what = list(self.weights), "a weight"
        if name is None:
            name = rng.choice(choices)
        elif name not in known:
            raise BadRequest(f"check: {kind} asks about {what} of the network, one of "
                             f"{', '.join(known[:8])}{' ...' if len(known) > 8 else ''}; "
                             f"got {name!r:.40}")
        build = {"delta": self._delta, "dE/dw": self._gradient, "update": self._update}[kind]
        text, exercise = build(name)
        return Question((kind, name), text, exercise, choices)

    def _delta(self, j: str) -> tuple[str, Exercise]:
        backward = next(s for s in self.steps if s["pass"] == "backward" and s["node"] == j)
        line = next(f for f in backward["formulas"] if f["lhs"].startswith(r"\delta_"))
        where = "an output: dE/dz_o times g_o'(s_o)" if j in self.graph.outputs else \
            "hidden: g'(s_j) times the sum of w_(j->o) delta_o over the perceptrons o reading it"
        return f"delta_{j} = dE/ds_{j} of perceptron {j} ({where})", _exercise(line,
                                                                                line["result"])

    def _gradient(self, name: str) -> tuple[str, Exercise]:
        entry = weight_formulas(self.graph, self.reverse)[self.weights[name][0]]
        return (f"dE/d{name}, the gradient of weight {name} for this point",
                _exercise(entry["formula"], entry["engine"]))

    def _update(self, name: str) -> tuple[str, Exercise]:
        k, source, j, w = self.weights[name]
        entry = weight_formulas(self.graph, self.reverse)[k]
        symbol = weight_symbol(source, j)
        term = op("difference", leaf(symbol, w.data), op("product", leaf(r"\eta", self.eta), leaf(
            rf"\frac{{\partial E}}{{\partial {symbol}}}", entry["engine"])))
        value = evaluate(term)
        line = formula(rf"{symbol}^{{(t+1)}}", term, value)
        return (f"{name} after one gradient-descent step on this point alone with "
                f"eta = {self.eta:g}: w_(t+1) = w_t - eta dE/dw", _exercise(line, value))


def _exercise(line: dict[str, Any], value: float) -> Exercise:
    """The exercise of one of the panel's formula lines, graded against ``value``."""
    return Exercise(line["lhs"], value, line["symbols"], line["numbers"])
