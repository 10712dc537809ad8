"""The `nuN` evaluators: dGamma/dk'dOmega' of Eq. 9 for neutrinos and antineutrinos, the rest-frame
correction, the integrands of R_sc/abs (Eq. 50) for each coefficient set, and the coefficients of
Eqs. 41-45 for each reading of Eq. 40 and as printed (drawn against energy)."""

import functools

from natal.derivations.nuN import cross_section as _rate
from natal.derivations.nuN import drift_ratio as _ratio

EVALUATORS = {
    "nuN.rate_nu": functools.partial(_rate.differential_rate, antineutrino=False),
    "nuN.rate_nubar": functools.partial(_rate.differential_rate, antineutrino=True),
    "nuN.rest_frame": _rate.rest_frame_correction,
    **{f"nuN.scattering_drift_{s}": functools.partial(_ratio.scattering_integrand, s) for s in _ratio.COEFFICIENTS},
    **{f"nuN.drift_coefficients_{s}": functools.partial(_ratio.drift_coefficients, s) for s in _ratio.COEFFICIENTS},
    "nuN.absorption_drift": _ratio.absorption_integrand,
    **{f"nuN.coefficient_curves_{s}": functools.partial(_ratio.coefficient_curves, s) for s in _ratio.CURVES},
}
