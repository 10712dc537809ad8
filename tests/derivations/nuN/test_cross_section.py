"""Eqs. 9-11, 16, 19-23: the rate coefficients, the generated Eq. 9 evaluator and rest-frame limits."""

import numpy as np
import pytest
import sympy as sp

from natal.codegen import registry
from natal.derivations.nuN import cross_section as xs
from natal.derivations.nuN.symbols import B, F_2, c_A, c_V, k, k_p, mu_B

pytestmark = pytest.mark.slow  # the spin sums take ~10 s per species


@pytest.fixture(scope="module", params=[False, True], ids=["nu", "nubar"])
def coeffs(request):
    return xs.rate_coefficients(request.param)


def test_zero_field_has_no_asymmetry(coeffs):
    for c in (coeffs.dA_Omega, coeffs.dA_Omegap, coeffs.dB_WM, coeffs.dC_WM):
        assert c.subs(B, 0) == 0 and sp.expand(c / (mu_B * B)).has(mu_B) is False


def test_elastic_forward_limit_of_leading_asymmetry(coeffs):
    # For k' = k (q0 = 0) dA_+ = dA_- = 4 G_F^2 c_A c_V (mu_B B/T) k^2 S0/(2 pi)^3.
    assert sp.simplify((coeffs.dA_Omega - coeffs.dA_Omegap).subs(k_p, k)) == 0


def test_nu_nubar_weak_magnetism_interference_flips():
    nu, nubar = xs.rate_coefficients(False), xs.rate_coefficients(True)
    d = sp.simplify(nu.A0_WM + nubar.A0_WM - 2 * nu.A0_WM.subs(F_2, -c_V))
    assert d == 0


def test_generated_rate_matches_symbolic_sum():
    d = xs.differential_rate(False)
    ev = registry.build("nuN.rate_nu")
    f = sp.lambdify(d.inputs, d["rate"], "numpy")
    rng = np.random.default_rng(3)
    args = [rng.uniform(5, 30, 50), rng.uniform(5, 30, 50), rng.uniform(-1, 1, 50), rng.uniform(-1, 1, 50),
            rng.uniform(-1, 1, 50), 10.0, 1e6, 939.0, 3.15e-18, 1e16, -0.5, -0.63, -0.97, 1.166e-11]
    np.testing.assert_allclose(ev(*args), f(*args), rtol=1e-10)


def test_rest_frame_total_is_horowitz_first_order():
    for anti, sign in ((False, 1), (True, -1)):
        a = xs.rest_frame_corrections(anti)["total"]
        horowitz = (-2 * c_V**2 - 10 * c_A**2 + sign * 4 * c_A * (c_V + F_2)) / (c_V**2 + 3 * c_A**2)
        assert sp.simplify(a - horowitz) == 0
