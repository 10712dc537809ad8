"""The value every derivation returns: named SymPy expressions with an explicit argument order.

Following PyDy and opty, the order of arguments is part of the result and is never read off
``free_symbols`` (a set, whose order changes between runs).  A result whose expressions use a
symbol missing from ``inputs``, or whose ``inputs`` name a symbol no expression uses, is refused
at construction, so an evaluator generated from it can never be called with the wrong arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["Derivation", "DerivationError"]


class DerivationError(ValueError):
    """A derivation result is inconsistent with its declared inputs or outputs."""


@dataclass(frozen=True)
class Derivation:
    """Named SymPy expressions derived for one paper equation.

    Parameters
    ----------
    name
        Registry name, ``"<paper>.<what>"`` (e.g. ``"mag.dBz_dt"``); used for generated modules.
    ref
        The paper equation it derives, e.g. ``"mag Eq. 5"``.
    inputs
        Ordered tuple of the symbols an evaluator takes, in this order.
    outputs
        Ordered ``(name, expression)`` pairs; names must be Python identifiers.
    units
        Unit of each input and output, keyed by symbol or output name (documentation only: the
        symbolic layer is unit-free, DESIGN convention 5).
    description
        One line saying what the outputs are.
    premises
        What the derivation starts from: paper equations by id (``"mag:eq8"``) and named physics
        (``"continuity equation"``).  ``natal verify`` refuses a verdict on an equation that is among
        the premises of its own derivation.
    """

    name: str
    ref: str
    inputs: tuple[sp.Symbol, ...]
    outputs: tuple[tuple[str, sp.Expr], ...]
    units: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    premises: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "premises", tuple(self.premises))
        inputs = tuple(self.inputs)
        object.__setattr__(self, "inputs", inputs)
        outputs = tuple((str(k), sp.sympify(v)) for k, v in self.outputs)
        object.__setattr__(self, "outputs", outputs)
        object.__setattr__(self, "units", dict(self.units))

        for s in inputs:
            if not isinstance(s, sp.Symbol):
                raise DerivationError(f"{self.name}: input {s!r} is not a SymPy Symbol")
        names = [s.name for s in inputs]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise DerivationError(f"{self.name}: input symbols repeated: {', '.join(dupes)}")
        out_names = [k for k, _ in outputs]
        if not outputs:
            raise DerivationError(f"{self.name}: a derivation needs at least one output")
        bad = [k for k in out_names if not k.isidentifier()]
        if bad:
            raise DerivationError(f"{self.name}: output names must be identifiers, got {bad}")
        if len(set(out_names)) != len(out_names):
            raise DerivationError(f"{self.name}: output names repeated in {out_names}")

        used: set[sp.Symbol] = set()
        for k, e in outputs:
            undefined = sorted(str(a) for a in e.atoms(AppliedUndef, sp.Derivative))
            if undefined:
                raise DerivationError(
                    f"{self.name}: output {k!r} still holds undefined functions {undefined}; "
                    "replace them by jet symbols (derivations.jets) before building a Derivation"
                )
            used |= e.free_symbols
        declared = set(inputs)
        missing = sorted((s.name for s in used - declared))
        if missing:
            raise DerivationError(
                f"{self.name}: expressions use symbols missing from inputs: {', '.join(missing)}"
            )
        extra = sorted(s.name for s in declared - used)
        if extra:
            raise DerivationError(
                f"{self.name}: inputs name symbols no output uses: {', '.join(extra)}"
            )

    # Mapping-like read access to the outputs, in order.
    def __getitem__(self, key: str) -> sp.Expr:
        for k, e in self.outputs:
            if k == key:
                return e
        raise KeyError(f"{self.name} has no output {key!r}; outputs: {self.output_names}")

    def __iter__(self) -> Iterator[str]:
        return iter(self.output_names)

    @property
    def output_names(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.outputs)

    @property
    def input_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.inputs)

    def unit(self, name: str) -> str:
        """Unit string of an input or output, ``"1"`` (dimensionless) when none is recorded."""
        return self.units.get(name, "1")
