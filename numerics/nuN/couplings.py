"""Neutrino-nucleon couplings and the recoil/weak-magnetism correction for nucleons at rest (nuN).

``couplings`` evaluates natal's derived Table I couplings (derivations.nuN.matrix_element) at a named
parameter set, by default the values the paper's Table I caption states.
``cross_section_correction`` is natal's O(E/M) result for a free nucleon at rest (T -> 0, B = 0),
from the derived |M_ss'|^2 of nuN Eqs. 3-6 with exact recoil kinematics expanded to first order
(derivations.nuN.cross_section.rest_frame_corrections); tests compare it with Horowitz (2002).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

import numpy as np

from natal.derivations.printed.nuN_data import TABLE_I_INPUTS
from natal.numerics import constants, validation

__all__ = ["PAPER_INPUTS", "TARGETS", "KINDS", "couplings", "cross_section_correction", "max_energy_MeV",
           "MAX_E_OVER_M", "MAX_CORRECTION"]

#: The inputs Table I's caption states (g_A ~ 1.26, sin^2 theta_W ~ 0.23, mu_p = 1.793, mu_n = -1.913),
#: kept once, with the printed table.
PAPER_INPUTS: Mapping[str, float] = TABLE_I_INPUTS
TARGETS = ("n", "p")
KINDS = ("total", "transport")
#: Largest E/M accepted for any species.
MAX_E_OVER_M = 0.2
#: Largest first-order correction |a| E/M accepted: the neglected O((E/M)^2) terms grow like its
#: square and reach a few per cent there.  For antineutrinos (|a| ~ 6-7) this caps E near 25-35 MeV.
MAX_CORRECTION = 0.2

_INPUT_NAMES = frozenset({"g_A", "sin2_theta_W", "mu_p", "mu_n"})
_MASS_MeV = {"n": constants.m_n_c2_MeV, "p": constants.m_p_c2_MeV}
_REACTION = {"n": "nu n -> nu n", "p": "nu p -> nu p"}


@lru_cache(maxsize=None)
def _coupling_values(reaction: str, inputs: tuple[tuple[str, float], ...]) -> tuple[float, float, float]:
    from natal.derivations.nuN import matrix_element as nucleon_scattering  # derived once per reaction and parameter set
    from natal.derivations.nuN import symbols as sym

    values = {getattr(sym, name): value for name, value in inputs}
    return tuple(float(c.subs(values)) for c in nucleon_scattering.couplings(reaction))


def couplings(reaction: str, inputs: Mapping[str, float] = PAPER_INPUTS) -> tuple[float, float, float]:
    """(c_V, c_A, F_2) of nuN Eq. 1 for a Table I reaction at the parameter set ``inputs``."""
    if not isinstance(inputs, Mapping):
        raise TypeError(f"inputs must be a mapping of g_A, sin2_theta_W, mu_p and mu_n, got {inputs!r}")
    missing, extra = _INPUT_NAMES - set(inputs), set(inputs) - _INPUT_NAMES
    if missing or extra:
        raise ValueError(f"inputs must give exactly g_A, sin2_theta_W, mu_p and mu_n; "
                         f"missing {sorted(missing)}, unknown {sorted(map(str, extra))}")
    for name, value in inputs.items():
        validation.finite_scalar(f"inputs[{name!r}]", value)
    return _coupling_values(reaction, tuple(sorted(inputs.items())))


@lru_cache(maxsize=None)
def _evaluator():
    from natal.codegen import stored

    return stored.build("nuN.rest_frame")


def cross_section_correction(E_MeV, target: str, antineutrino: bool, kind: str,
                             inputs: Mapping[str, float] = PAPER_INPUTS):
    """sigma_corrected / sigma_leading = 1 + a E/M for nu (or nubar) on a free nucleon at rest.

    Parameters
    ----------
    E_MeV
        Neutrino energy [MeV], scalar or array; 0 < E <= :func:`max_energy_MeV`, where the
        first-order result holds (E/M <= MAX_E_OVER_M and |a| E/M <= MAX_CORRECTION).
    target
        "n" or "p" (neutral-current couplings of Table I, nuN Eq. 1).
    antineutrino
        False for nu, True for nubar (the derived matrix elements of each; nuN Eqs. 4-6).
    kind
        "total" (sigma) or "transport" (Int (1 - cos theta) dsigma).
    inputs
        Parameter set for the couplings; the paper's Table I values by default.

    The leading cross sections are sigma_0 = G_F^2 E^2 (c_V^2 + 3c_A^2)/pi and
    sigma_0^tr = (2/3) G_F^2 E^2 (c_V^2 + 5c_A^2)/pi; M is the CODATA mass of the target.
    """
    a, M = _coefficient(target, antineutrino, kind, inputs)
    E = validation.real_array("E_MeV", E_MeV)
    E_max = _max_energy(a, M)
    if not np.all(np.isfinite(E)) or np.any(E <= 0) or np.any(E > E_max):
        raise ValueError(
            f"E_MeV must be finite and in (0, {E_max:.4g}] MeV for {'nubar' if antineutrino else 'nu'} "
            f"{target} ({kind}): E/M <= {MAX_E_OVER_M} and |a| E/M <= {MAX_CORRECTION} with a = {a:.4g}, "
            f"where the O(E/M) expansion holds; got {E_MeV!r}")
    ratio = 1.0 + a * E / M
    return float(ratio) if ratio.ndim == 0 else ratio


def max_energy_MeV(target: str, antineutrino: bool, kind: str, inputs: Mapping[str, float] = PAPER_INPUTS) -> float:
    """The largest energy [MeV] :func:`cross_section_correction` accepts for these arguments."""
    return _max_energy(*_coefficient(target, antineutrino, kind, inputs))


def _coefficient(target, antineutrino, kind, inputs) -> tuple[float, float]:
    """(a, M): the first-order coefficient of the checked arguments and the target's mass [MeV]."""
    validation.choice("target", target, TARGETS)
    validation.choice("kind", kind, KINDS)
    antineutrino = validation.flag("antineutrino", antineutrino)
    c_v, c_a, f_2 = couplings(_REACTION[target], inputs)
    evaluator = _evaluator()
    coeffs = dict(zip(evaluator.outputs, evaluator(c_v, c_a, f_2)))
    return float(coeffs[f"{kind}_{'nubar' if antineutrino else 'nu'}"]), _MASS_MeV[target]


def _max_energy(a: float, M: float) -> float:
    return M * min(MAX_E_OVER_M, MAX_CORRECTION / abs(a)) if a else M * MAX_E_OVER_M
