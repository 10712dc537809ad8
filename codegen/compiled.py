"""The evaluator object: a generated module loaded and called (no SymPy needed to use one).

:func:`natal.codegen.evaluator` builds an :class:`Evaluator` from a derivation;
:mod:`natal.codegen.stored` loads one by name from the cache without deriving anything.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType
from typing import Any, Mapping

import numpy as np

__all__ = ["Evaluator", "spec_of"]


def spec_of(derivation) -> dict[str, Any]:
    """What an :class:`Evaluator` needs of a ``Derivation``: name, ref, argument and output names,
    units (JSON-serialisable, so that it can be stored)."""
    names = derivation.input_names + derivation.output_names
    return {"name": derivation.name, "ref": derivation.ref, "inputs": list(derivation.input_names),
            "outputs": list(derivation.output_names), "units": {n: derivation.unit(n) for n in names}}


class Evaluator:
    """A compiled derivation: call it with the inputs, get the outputs.

    Arguments come positionally in ``derivation.inputs`` order, or as keywords named by the input
    symbols; arrays broadcast together and scalars stay scalars.  Returns one float64 array per
    output, a tuple in output order when there are several.

    Attributes
    ----------
    inputs, outputs
        Argument and output names, in order.
    units
        Unit of every input and output by name (``"1"``: dimensionless or not recorded).
    backend
        ``"numpy"`` or ``"numba"``.
    path
        The generated module in the cache.
    source
        Its text.
    module
        The generated module itself (its ``evaluate`` is what a call runs; the NumPy backend's
        ``THREADS`` sets how many threads it uses).
    """

    def __init__(self, spec: Mapping[str, Any], backend: str, path: Path, source: str, module: ModuleType):
        self.name = spec["name"]
        self.ref = spec["ref"]
        self.inputs = tuple(spec["inputs"])
        self.outputs = tuple(spec["outputs"])
        self.units = dict(spec["units"])
        self.backend = backend
        self.path = path
        self.source = source
        self.module = module
        self.function = module.evaluate
        self.__doc__ = inspect.getdoc(self.function)
        self._position = {n: i for i, n in enumerate(self.inputs)}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs and len(args) == len(self.inputs):
            return self.function(*args)
        return self.function(*self._bind(args, kwargs))

    def _bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        n = len(self.inputs)
        order = ", ".join(self.inputs)
        if len(args) > n:
            raise TypeError(f"{self.name} takes {n} arguments ({order}), got {len(args)}")
        values: list[Any] = list(args) + [_MISSING] * (n - len(args))
        for key, value in kwargs.items():
            if key not in self._position:
                raise TypeError(
                    f"{self.name} got an unknown argument {key!r}; its arguments are {order}"
                )
            i = self._position[key]
            if values[i] is not _MISSING:
                raise TypeError(f"{self.name} got argument {key!r} twice (by position and by name)")
            values[i] = value
        missing = [name for name, v in zip(self.inputs, values) if v is _MISSING]
        if missing:
            raise TypeError(f"{self.name} is missing argument(s) {', '.join(missing)}; "
                            f"its arguments are {order}")
        return values

    def warm_up(self) -> None:
        """Evaluate once on small and on large float64 arrays.

        The Numba backend then compiles (or loads from its cache) both of its loops now rather
        than on the first real call; for the NumPy backend this is a cheap no-op.
        """
        with np.errstate(all="ignore"):  # ones are no point of the domain; only the compiling counts
            for n in sorted({1, getattr(self.module, "PARALLEL_MIN", 1)}):
                self.function(*[np.ones(n)] * len(self.inputs))

    def __repr__(self) -> str:
        return (f"<Evaluator {self.name} ({self.backend}): ({', '.join(self.inputs)}) -> "
                f"({', '.join(self.outputs)})>")


_MISSING = object()
