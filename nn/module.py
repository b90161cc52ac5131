"""Module: what every model shares; parameters, state, calling, tracing, saving and loading.

A model describes itself as perceptrons in topological order (:class:`nn.trace.Spec`:
name, sigma, w_0, links w_{i->j}); everything else is derived from that list here, once:

- ``parameters()`` is the seed's weight vector w = (w_{in_1->1}, w_{in_x->1}, ...):
  for each perceptron j its bias w_0 then its weights in input order, and
  ``named_parameters()`` names them ``"b[j]"`` (w_0 of j) and ``"w[i->j]"``;
- ``model(x)`` evaluates the list with :func:`nn.trace.forward`;
- ``model.trace(x, target)`` records s_j, z_j and delta_j with :func:`nn.trace.record`;
- ``save(path)`` / :func:`load` write and read the file of :mod:`nn.saving`.

Initial weights are drawn from ``random.Random(seed)``, never the global random state,
each uniformly from (-1, 1) (000's "randomized (!) weight vector").
"""

from __future__ import annotations

import inspect
import math
import numbers
import os
import random
from collections.abc import Mapping
from typing import Any, ClassVar

from autograd import no_grad
from autograd.value import Value
from nn import checks, objective, saving
from nn.trace import (
    Plan,
    Spec,
    Trace,
    Unit,
    compile_plan,
    forward,
    listing,
    read_inputs,
    record,
    units_of,
)

_CLASSES: dict[str, type[Module]] = {}
"""Every Module subclass by class name: what :func:`load` can rebuild."""


def make_rng(seed: int | random.Random | None, where: str) -> random.Random:
    """The generator of initial weights: ``random.Random(seed)``, or ``seed`` if it is one."""
    if isinstance(seed, random.Random):
        return seed
    return random.Random(checks.seed(where, seed))


def initial_weight(rng: random.Random, label: str) -> Value:
    """One initial weight w ~ U(-1, 1), labelled with its parameter name."""
    return Value(rng.uniform(-1.0, 1.0), label)


def check_name(name: Any, where: str, what: str = "name") -> str:
    """A node name: a non-empty str without "->" (which parameter names use as the arrow)."""
    if not isinstance(name, str):
        raise TypeError(f"{where}: {what} must be a str, got {type(name).__name__}")
    if not name or "->" in name:
        raise ValueError(f"{where}: {what} {name!r} must be non-empty and must not contain '->'")
    return name


def default_input_names(n_inputs: Any, input_names: Any, where: str) -> list[str]:
    """["x1", ..., "xn"], or the given names after checking their count, type and uniqueness."""
    checks.integer(where, "n_inputs", n_inputs, at_least=1)
    if input_names is None:
        return [f"x{i}" for i in range(1, n_inputs + 1)]
    if isinstance(input_names, str) or not hasattr(input_names, "__iter__"):
        raise TypeError(f"{where}: input_names must be a list of str, got {input_names!r}")
    names = [check_name(name, where, "input name") for name in input_names]
    if len(names) != n_inputs:
        raise ValueError(f"{where}: {len(names)} input_names given for {n_inputs} inputs")
    if len(set(names)) != len(names):
        raise ValueError(f"{where}: input_names repeat a name: {names}")
    return names


class Module:
    """Base class of every model: the perceptrons it is made of, and all that follows from them.

    Subclasses set ``input_names`` and ``output_names`` and implement ``_specs()``
    (their perceptrons in topological order) and ``_config()`` (their structure as
    JSON-ready constructor arguments); a structural change calls ``_changed()``.
    """

    input_names: list[str]
    output_names: list[str]
    _compiled: Plan | None = None
    _programs: dict[Any, Any] | None = None  # compiled programs (nn.objective), by purpose
    _skip_config: ClassVar[tuple[str, ...]] = ("seed",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _CLASSES[cls.__name__] = cls

    # -- what a subclass provides -------------------------------------------------------

    def _specs(self) -> list[Spec]:
        raise NotImplementedError

    def _config(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def _from_config(cls, config: dict[str, Any]) -> Module:
        """Rebuild the structure from ``_config()``'s dict (fresh weights, to be loaded)."""
        settings = inspect.signature(cls).parameters
        unknown = sorted(set(config) - set(settings) - set(cls._skip_config))
        if unknown:
            raise ValueError(f"unknown {cls.__name__} setting(s) {unknown}")
        missing = [k for k, p in settings.items() if p.default is p.empty and k not in config]
        if missing:
            raise ValueError(f"{cls.__name__} setting(s) {missing} missing")
        return cls(**config)

    def _changed(self) -> None:
        self._compiled = self._programs = None

    def _plan(self) -> Plan:
        if self._compiled is None:
            self._compiled = compile_plan(self.input_names, self._specs(), self.output_names)
        return self._compiled

    # -- the protocol ---------------------------------------------------------------------

    def units(self) -> list[Unit]:
        """One :class:`nn.Unit` per perceptron, in topological (evaluation) order."""
        return units_of(self.input_names, self._plan().specs)

    def named_parameters(self) -> list[tuple[str, Value]]:
        """(name, Value) of every weight: ``"b[j]"`` for w_0 of j, ``"w[i->j]"`` for w_{i->j}."""
        named = []
        for spec in self._plan().specs:
            named.append((f"b[{spec.name}]", spec.bias))
            named.extend((f"w[{src}->{spec.name}]", w) for src, w in spec.weights)
        return named

    def parameters(self) -> list[Value]:
        """The weight vector w: for each perceptron j, w_0 then w_{i->j} in input order."""
        return [w for _, w in self.named_parameters()]

    def zero_grad(self) -> None:
        """Set ``.grad`` of every parameter to 0 (leaves accumulate across backward passes)."""
        for w in self.parameters():
            w.grad = 0.0

    def state_dict(self) -> dict[str, float]:
        """Every parameter's value by its name in :meth:`named_parameters`."""
        return {name: w.data for name, w in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, float]) -> None:
        """Set every parameter from ``state`` (as made by :meth:`state_dict`).

        The names must match exactly and every value must be a finite number;
        otherwise nothing is changed and the error says what is missing or wrong.
        """
        try:
            values = self._checked_state(state)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{type(self).__name__}.load_state_dict: {error}") from None
        self._assign(values)

    def __call__(self, x: Any) -> Value | list[Value]:
        """The output h(x): a Value for a one-output model, else a list in output order.

        ``x`` is a list in input order or a dict by input name, of numbers or Values
        (a bare number or Value for a one-input model).
        """
        plan = self._needs_units()
        z = forward(plan, self._inputs(x))
        if len(plan.outputs) == 1:
            return z[plan.outputs[0]]
        return [z[k] for k in plan.outputs]

    def predict(self, X: Any) -> list[float] | list[list[float]]:
        """Outputs for a batch of inputs, computed under ``no_grad`` (floats, no graph);
        with NumPy, 16 rows or more go through the model's compiled program
        (:mod:`nn.objective`)."""
        if isinstance(X, (str, bytes, Mapping)) or not hasattr(X, "__iter__"):
            raise TypeError(f"predict: X must be a list of inputs, got {type(X).__name__}")
        fast = objective.predict(self, X)
        if fast is not None:
            return fast
        results = []
        with no_grad():
            for i, x in enumerate(X):
                try:
                    h = self(x)
                except (TypeError, ValueError) as error:
                    raise type(error)(f"predict: X[{i}]: {error}") from None
                results.append(h.data if isinstance(h, Value) else [v.data for v in h])
        return results

    def trace(self, x: Any, target: Any = None, loss: Any = "squared_error") -> Trace:
        """One recorded forward pass: s_j, z_j of every perceptron; with ``target`` also
        E, delta_j = dE/ds_j and dE/dw (see :class:`nn.Trace`).

        ``loss`` is a name of ``nn.losses.LOSSES`` or a callable(predictions, targets).
        """
        return record(self._needs_units(), self._inputs(x), target, loss)

    # -- files ------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model (class, structure, activations, weights) to ``path`` as JSON.

        Only named activations can be saved, and only finite weights.
        """
        state = self.state_dict()
        for name, w in state.items():
            if not math.isfinite(w):
                raise ValueError(f"save: parameter {name} is {w!r}; only finite weights are saved")
        document = {"format": saving.FORMAT, "version": saving.VERSION,
                    "class": type(self).__name__, "config": self._config(), "parameters": state}
        saving.write_document(path, document)

    def load_weights(self, path: str | os.PathLike[str]) -> None:
        """Set this model's weights from a file saved by a model of the same structure.

        A corrupt, truncated or mismatched file raises :class:`nn.ModelFileError` naming
        the file and the fault, and leaves this model untouched.
        """
        document = saving.read_document(path)
        try:
            values = self._checked_state(document["parameters"])
        except (TypeError, ValueError) as error:
            raise saving.ModelFileError(
                path, f"does not fit this {type(self).__name__}: {error}"
            ) from None
        self._assign(values)

    # -- helpers ----------------------------------------------------------------------------

    def _inputs(self, x: Any) -> list[Value]:
        return read_inputs(self.input_names, x, type(self).__name__)

    def _needs_units(self) -> Plan:
        plan = self._plan()
        if not plan.outputs:
            raise ValueError(f"{type(self).__name__} has no perceptrons yet; add some first")
        return plan

    def _checked_state(self, state: Any) -> list[float]:
        if not isinstance(state, Mapping):
            raise TypeError(f"parameters must be a dict by name, got {type(state).__name__}")
        names = [name for name, _ in self.named_parameters()]
        missing = [name for name in names if name not in state]
        unexpected = sorted(set(state) - set(names))
        if missing or unexpected:
            raise ValueError(
                f"parameter names do not match: missing {listing(missing)}, "
                f"unexpected {listing(unexpected)}"
            )
        values = []
        for name in names:
            v = state[name]
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                raise TypeError(f"parameter {name} must be a number, got {v!r}")
            if not math.isfinite(v):
                raise ValueError(f"parameter {name} must be finite, got {v!r}")
            values.append(float(v))
        return values

    def _assign(self, values: list[float]) -> None:
        for w, v in zip(self.parameters(), values, strict=True):
            w.data = v


def load(path: str | os.PathLike[str]) -> Module:
    """Rebuild the model saved at ``path``: its class, structure, activations and weights.

    A file that is corrupt, truncated, or whose parts do not fit together raises
    :class:`nn.ModelFileError` naming the file and the fault.
    """
    document = saving.read_document(path)
    cls = _CLASSES.get(document["class"])
    if cls is None:
        raise saving.ModelFileError(
            path, f"holds unknown model class {document['class']!r}; "
            f"known: {', '.join(sorted(_CLASSES))}"
        )
    try:
        model = cls._from_config(document["config"])
        model._assign(model._checked_state(document["parameters"]))
    except (TypeError, ValueError) as error:
        raise saving.ModelFileError(path, f"is not a consistent {cls.__name__}: {error}") from None
    return model
