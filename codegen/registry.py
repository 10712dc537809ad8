"""The evaluators natal builds, by name (what ``natal codegen`` lists, builds and emits).

``REGISTRY`` maps a name such as ``"mag.dBz_dt"`` to a zero-argument factory returning the
:class:`~natal.derivations.result.Derivation` of that name.  Deriving is slow (seconds), so
factories run only when a derivation is asked for, and :func:`get` keeps the result for the rest
of the process.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

from natal.derivations.result import Derivation

from .compiled import Evaluator
from .generate import evaluator

__all__ = ["REGISTRY", "build", "get", "names", "register"]

Factory = Callable[[], Derivation]

REGISTRY: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    """Register ``factory`` under ``name`` (its Derivation must carry the same name).

    Registering a different factory under a name already taken is an error; registering the same
    one again is harmless (module reloads).
    """
    if name in REGISTRY and REGISTRY[name] is not factory:
        raise ValueError(f"an evaluator named {name!r} is already registered")
    REGISTRY[name] = factory
    get.cache_clear()


def names() -> list[str]:
    """Registered names, sorted."""
    return sorted(REGISTRY)


@functools.lru_cache(maxsize=None)
def get(name: str) -> Derivation:
    """The derivation registered as ``name`` (derived once per process)."""
    if name not in REGISTRY:
        raise KeyError(f"no evaluator named {name!r}; registered: {', '.join(names()) or 'none'}")
    derivation = REGISTRY[name]()
    if not isinstance(derivation, Derivation):
        raise TypeError(
            f"factory for {name!r} returned {type(derivation).__name__}, not a Derivation"
        )
    if derivation.name != name:
        raise ValueError(f"factory for {name!r} returned the derivation {derivation.name!r}")
    return derivation


def build(name: str, backend: str = "numpy", cache_dir: str | Path | None = None) -> Evaluator:
    """The evaluator of the derivation registered as ``name`` (generated, or loaded from cache)."""
    return evaluator(get(name), backend=backend, cache_dir=cache_dir)


# The `mag` paper (natal.derivations.magnetogenesis); "mag.dB_dt" is the largest and the one
# benchmarks/run.py times.
from natal.derivations import magnetogenesis as _mag  # noqa: E402  (after the registry exists)

for _factory in (_mag.weak_charges, _mag.dBz_dt, _mag.force, _mag.dB_dt, _mag.core_density,
                 _mag.angular_momentum, _mag.spin_up, _mag.collapse_rate,
                 _mag.enclosed_mass):
    register(f"mag.{_factory.__name__}", _factory)

# The `nuN` paper: dGamma/dk'dOmega' of Eq. 9 for neutrinos and antineutrinos.
from natal.derivations import nucleon_cross_section as _nuN  # noqa: E402


def _rate_nu() -> Derivation:
    return _nuN.differential_rate(antineutrino=False)


def _rate_nubar() -> Derivation:
    return _nuN.differential_rate(antineutrino=True)


register("nuN.rate_nu", _rate_nu)
register("nuN.rate_nubar", _rate_nubar)
register("nuN.rest_frame", _nuN.rest_frame_correction)

# The `nuN` paper, Sec. V: the integrands of R_sc/abs (Eq. 50).
from natal.derivations import kick_ratio as _kick  # noqa: E402

for _set in _kick.COEFFICIENTS:
    register(f"nuN.scattering_drift_{_set}", functools.partial(_kick.scattering_integrand, _set))
    register(f"nuN.drift_coefficients_{_set}", functools.partial(_kick.drift_coefficients, _set))
register("nuN.absorption_drift", _kick.absorption_integrand)
