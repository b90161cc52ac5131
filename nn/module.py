"""Module: what every model shares; its parameters, its names, calling it and tracing it.

A model describes itself as perceptrons in topological order (:class:`nn.Unit`: name,
sigma, w_0, links w_{i->j}); everything else is derived from that list here, once:

- ``parameters()`` is the tutorial's weight vector w = (w_{0->1}, w_{in_x->1}, ...):
  for each perceptron j its bias w_0 then its weights in input order, and
  ``named_parameters()`` names them ``"w[0->j]"`` (w_0 of j, the weight of a_0 = 1) and
  ``"w[i->j]"`` (files that name a bias ``"b[j]"``, as before, still load);
- ``model(x)`` evaluates the list with :func:`nn.forward.forward`;
- ``model.trace(x, target)`` records s_j, z_j and delta_j with :func:`nn.trace.record`;
- ``predict(X)`` goes the way :func:`nn.model_programs.predictions` chooses (compiled or scalar);
- ``save(path)``, ``dumps()`` and ``load_weights(path)`` use the file of :mod:`nn.saving`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, overload

from autograd.value import Value
from nn import arguments, model_programs, saving
from nn.forward import Plan, compile_plan, forward, read_inputs
from nn.trace import Trace, record
from nn.unit import Unit, with_bias_names


class Module:
    """Base class of every model: the perceptrons it is made of, and all that follows from them.

    Subclasses set ``input_names`` and ``output_names`` and implement ``_units()``
    (their perceptrons in topological order) and ``_config()`` (their structure as
    JSON-ready constructor arguments); a structural change calls ``_changed()``.
    """

    input_names: list[str]
    output_names: list[str]
    _forward_plan: Plan | None = None
    _programs: dict[Any, Any] | None = None  # compiled programs (nn.objective), by purpose
    _skip_config: ClassVar[tuple[str, ...]] = ("seed",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        saving.register(cls)

    # -- what a subclass provides -------------------------------------------------------

    def _units(self) -> list[Unit]:
        raise NotImplementedError

    def _config(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def _from_config(cls, config: dict[str, Any]) -> Module:
        """Rebuild the structure from ``_config()``'s dict (fresh weights, to be loaded)."""
        return saving.construct(cls, config, cls._skip_config)

    def _changed(self) -> None:
        self._forward_plan = self._programs = None

    def __getstate__(self) -> dict[str, Any]:
        """A copy or a pickle holds the structure and the weights, not the caches derived
        from them (the forward plan and the compiled programs): the copy builds its own
        on first use, on its own weights."""
        state = dict(self.__dict__)
        state.pop("_forward_plan", None)
        state.pop("_programs", None)
        return state

    def _plan(self) -> Plan:
        if self._forward_plan is None:
            self._forward_plan = compile_plan(self.input_names, self._units(), self.output_names)
        return self._forward_plan

    # -- parameters -----------------------------------------------------------------------

    def units(self) -> list[Unit]:
        """One :class:`nn.Unit` per perceptron, in topological (evaluation) order."""
        return list(self._plan().units)

    def named_parameters(self) -> list[tuple[str, Value]]:
        """(name, Value) of every weight: ``"w[0->j]"`` for w_0 of j, ``"w[i->j]"`` for w_{i->j}."""
        return [named for unit in self._plan().units for named in unit.parameters()]

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

        The names must match exactly (a bias may also be given by its older name
        ``"b[j]"``) and every value must be a finite number;
        otherwise nothing is changed and the error says what is missing or wrong.
        """
        try:
            values = self._checked_state(state)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{type(self).__name__}.load_state_dict: {error}") from None
        self._assign(values)

    # -- calling and tracing -------------------------------------------------------------

    @overload
    def __call__(self, x: Any) -> Value | list[Value]: ...
    @overload
    def __call__(self, x: Any, output: int | str) -> Value: ...

    def __call__(self, x: Any, output: int | str | None = None) -> Value | list[Value]:
        """The output h(x): a Value for a one-output model, else a list in output order;
        with ``output`` (an index or a name of ``output_names``) that one output's Value.

        ``x`` is a list in input order or a dict by input name, of numbers or Values
        (a bare number or Value for a one-input model).
        """
        plan = self._plan_with_outputs()
        z = forward(plan, self._inputs(x))
        if output is not None:
            return z[plan.outputs[self._output_index(output)]]
        if len(plan.outputs) == 1:
            return z[plan.outputs[0]]
        return [z[k] for k in plan.outputs]

    def unit_outputs(self, x: Any) -> list[Value]:
        """Every perceptron's z_j = sigma(s_j) for input ``x``, in :meth:`units` order (the
        same forward pass as calling the model, with the hidden perceptrons kept)."""
        plan = self._plan_with_outputs()
        return forward(plan, self._inputs(x))[len(plan.input_names):]

    @overload
    def predict(self, X: Any) -> list[float] | list[list[float]]: ...
    @overload
    def predict(self, X: Any, output: int | str) -> list[float]: ...

    def predict(self, X: Any, output: int | str | None = None
                ) -> list[float] | list[list[float]]:
        """Outputs for a batch of inputs, computed under ``no_grad`` (floats, no graph): one
        float per row for a one-output model (or with ``output``, an index or a name),
        else one list per row.  With NumPy, 16 rows or more go through the model's
        compiled program (:func:`nn.model_programs.predictions` chooses)."""
        if isinstance(X, (str, bytes, Mapping)) or not hasattr(X, "__iter__"):
            raise TypeError(f"predict: X must be a list of inputs, got {type(X).__name__}")
        column = None if output is None else self._output_index(output)
        rows = model_programs.predictions(self, X)
        if column is None or len(self.output_names) == 1:
            return rows
        return [row[column] for row in rows]

    def trace(self, x: Any, target: Any = None, loss: Any = "squared_error",
              open: Sequence[str] = ()) -> Trace:
        """One recorded forward pass: s_j, z_j of every perceptron; with ``target`` also
        E, delta_j = dE/ds_j and dE/dw (see :class:`nn.Trace`).

        ``loss`` is a name of ``nn.losses.LOSSES`` or a callable(predictions, targets).
        ``open`` names perceptrons whose operations (each w_{i->j} z_i, s_j, z_j, E) are
        kept with their gradients in ``Trace.operations``.
        """
        return record(self._plan_with_outputs(), self._inputs(x), target, loss, open)

    # -- files (the format is nn.saving's) ---------------------------------------------------

    def dumps(self) -> str:
        """The model file's text (class, structure, activations, weights) as a str of JSON.

        Only named activations can be saved, and only finite weights.
        """
        return saving.dumps(self)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`dumps` to ``path``, atomically."""
        saving.save(self, path)

    def load_weights(self, path: str | os.PathLike[str]) -> None:
        """Set this model's weights from a file saved by a model of the same structure.

        A corrupt, truncated or mismatched file raises :class:`nn.ModelFileError` naming
        the file and the fault, and leaves this model untouched.
        """
        saving.load_weights(self, path)

    # -- helpers ----------------------------------------------------------------------------

    def _inputs(self, x: Any) -> list[Value]:
        return read_inputs(self.input_names, x, type(self).__name__)

    def _plan_with_outputs(self) -> Plan:
        """The forward plan, or ValueError when the model has no perceptron to evaluate."""
        plan = self._plan()
        if not plan.outputs:
            raise ValueError(f"{type(self).__name__} has no perceptrons yet; add some first")
        return plan

    def _output_index(self, output: Any) -> int:
        names = self.output_names
        if isinstance(output, str) and output in names:
            return names.index(output)
        if arguments.is_int(output) and 0 <= output < len(names):
            return int(output)
        raise ValueError(f"{type(self).__name__}: output {output!r} is neither an index below "
                         f"{len(names)} nor a name of the outputs {names}")

    def _checked_state(self, state: Any) -> list[float]:
        if not isinstance(state, Mapping):
            raise TypeError(f"parameters must be a dict by name, got {type(state).__name__}")
        state = with_bias_names(state)
        names = [name for name, _ in self.named_parameters()]
        missing = [name for name in names if name not in state]
        unexpected = sorted(set(state) - set(names))
        if missing or unexpected:
            raise ValueError(
                f"parameter names do not match: missing {arguments.listing(missing)}, "
                f"unexpected {arguments.listing(unexpected)}"
            )
        values = []
        for name in names:
            v = state[name]
            if not arguments.is_number(v):
                raise TypeError(f"parameter {name} must be a number, got {v!r}")
            if not math.isfinite(v):
                raise ValueError(f"parameter {name} must be finite, got {v!r}")
            values.append(float(v))
        return values

    def _assign(self, values: list[float]) -> None:
        for w, v in zip(self.parameters(), values, strict=True):
            w.data = v
