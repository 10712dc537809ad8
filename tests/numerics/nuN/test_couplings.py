"""natal's O(E/M) rest-frame correction against Horowitz (2002) and the Llewellyn Smith cross section.

Horowitz, Phys. Rev. D 65, 043001 (2002), gives the exact (constant form factor) ratio of the total
nu-N cross section with recoil and weak magnetism to the leading one, his R(E) (Eq. 22 there,
used for the neutral current with the neutral-current c_V, c_A, F_2):

    R = [c_V^2 (1 + 4e + 16e^2/3) + 3c_A^2 (1 + 4e/3)^2 +- 4(c_V + F_2) c_A e (1 + 4e/3)
         + 8 c_V F_2 e^2/3 + 5e^2 (1 + 2e/5) F_2^2/3] / [(c_V^2 + 3c_A^2)(1 + 2e)^3],   e = E/M,

upper sign for neutrinos.  Its source is the Llewellyn Smith cross section of a free nucleon at rest
(Phys. Rep. 3, 261 (1972)), massless lepton, form factors at Q^2 = 0:

    dsigma/dQ^2 = G_F^2 M^2/(8 pi E^2) [A +- B (s - u)/M^2 + C (s - u)^2/M^4],
    A = (Q^2/M^2)[(1 + tau) c_A^2 - (1 - tau) c_V^2 + tau (1 - tau) F_2^2 + 4 tau c_V F_2],
    B = (Q^2/M^2) c_A (c_V + F_2),  C = (c_A^2 + c_V^2 + tau F_2^2)/4,
    tau = Q^2/4M^2, s - u = 4ME - Q^2, 0 <= Q^2 <= 4E^2/(1 + 2e),

which the transport test integrates with the weight 1 - cos(theta) = Q^2/(2 E E'), E' = E - Q^2/2M.
Both must agree with natal's 1 + a E/M at first order in E/M.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad

from natal.numerics import constants
from natal.numerics.nuN.couplings import PAPER_INPUTS, couplings, cross_section_correction, max_energy_MeV

CASES = [(t, anti) for t in ("n", "p") for anti in (False, True)]
REACTION = {"n": "nu n -> nu n", "p": "nu p -> nu p"}
MASS = {"n": constants.m_n_c2_MeV, "p": constants.m_p_c2_MeV}


def horowitz_total(e: float, cv: float, ca: float, f2: float, sign: int) -> float:
    num = (cv**2 * (1 + 4 * e + 16 * e**2 / 3) + 3 * ca**2 * (1 + 4 * e / 3) ** 2
           + sign * 4 * (cv + f2) * ca * e * (1 + 4 * e / 3) + 8 * cv * f2 * e**2 / 3
           + 5 * e**2 * (1 + 2 * e / 5) * f2**2 / 3)
    return num / ((cv**2 + 3 * ca**2) * (1 + 2 * e) ** 3)


def llewellyn_smith_ratio(E: float, M: float, cv: float, ca: float, f2: float, sign: int,
                          transport: bool) -> float:
    """sigma/sigma_0 (or the transport ratio) by quadrature of the Llewellyn Smith formula."""
    def dsigma(Q2: float) -> float:
        tau = Q2 / (4 * M**2)
        A = Q2 / M**2 * ((1 + tau) * ca**2 - (1 - tau) * cv**2 + tau * (1 - tau) * f2**2 + 4 * tau * cv * f2)
        Bc = Q2 / M**2 * ca * (cv + f2)
        C = (ca**2 + cv**2 + tau * f2**2) / 4
        su = 4 * M * E - Q2
        value = M**2 / (8 * np.pi * E**2) * (A + sign * Bc * su / M**2 + C * su**2 / M**4)
        if transport:
            value *= Q2 / (2 * E * (E - Q2 / (2 * M)))
        return value

    Q2max = 4 * E**2 / (1 + 2 * E / M)
    sigma, _ = quad(dsigma, 0.0, Q2max, epsabs=0.0, epsrel=1e-13, limit=200)
    a, b = cv**2 + 3 * ca**2, cv**2 - ca**2
    lead = E**2 / np.pi * ((a - b / 3) if transport else a)  # G_F = 1
    return sigma / lead


@pytest.mark.parametrize("target,anti", CASES)
def test_llewellyn_smith_total_is_horowitz(target, anti):
    # The quadrature route reproduces Horowitz's closed form: it is the right cross section.
    cv, ca, f2 = couplings(REACTION[target])
    sign = -1 if anti else 1
    for E in (5.0, 50.0):
        e = E / MASS[target]
        assert llewellyn_smith_ratio(E, MASS[target], cv, ca, f2, sign, False) == pytest.approx(
            horowitz_total(e, cv, ca, f2, sign), rel=1e-10)


@pytest.mark.parametrize("target,anti", CASES)
@pytest.mark.parametrize("kind", ["total", "transport"])
def test_first_order_agreement(target, anti, kind):
    cv, ca, f2 = couplings(REACTION[target])
    sign = -1 if anti else 1
    M = MASS[target]
    diffs = []
    for E in (4.0, 2.0, 1.0):
        exact = (horowitz_total(E / M, cv, ca, f2, sign) if kind == "total"
                 else llewellyn_smith_ratio(E, M, cv, ca, f2, sign, True))
        diffs.append(abs(cross_section_correction(E, target, anti, kind) - exact))
    # Agreement at first order: the remainder is second order, falling 4x per halving of E ...
    assert diffs[0] / diffs[1] == pytest.approx(4.0, rel=0.05)
    assert diffs[1] / diffs[2] == pytest.approx(4.0, rel=0.05)
    # ... and small against the first-order term itself.
    first = abs(cross_section_correction(1.0, target, anti, kind) - 1.0)
    assert diffs[2] < 0.01 * first


def test_nu_nubar_difference_is_weak_magnetism():
    # sigma_nu - sigma_nubar at O(E/M) is 8 c_A (c_V + F_2) E/M / (c_V^2 + 3 c_A^2) (Horowitz's +- term).
    cv, ca, f2 = couplings(REACTION["n"])
    E, M = 10.0, MASS["n"]
    diff = cross_section_correction(E, "n", False, "total") - cross_section_correction(E, "n", True, "total")
    assert diff == pytest.approx(8 * ca * (cv + f2) / (cv**2 + 3 * ca**2) * E / M, rel=1e-12)


def test_table_one_couplings_at_paper_inputs():
    assert couplings("nu p -> nu p") == pytest.approx((0.5 - 2 * 0.23, 0.63, 0.5 * (1.793 + 1.913) - 2 * 1.793 * 0.23))
    assert couplings("nu n -> nu n") == pytest.approx((-0.5, -0.63, -0.5 * (1.793 + 1.913) + 2 * 1.913 * 0.23))
    assert couplings("nu_e n -> e- p") == pytest.approx((1.0, 1.26, 1.793 + 1.913))
    assert PAPER_INPUTS["g_A"] == 1.26


def test_arrays_and_bad_input():
    E = np.array([1.0, 10.0, 25.0])
    r = cross_section_correction(E, "p", True, "transport")
    assert r.shape == (3,) and np.all(r < 1)
    for bad in (-1.0, 0.0, np.nan, 1e4):
        with pytest.raises(ValueError, match="E_MeV"):
            cross_section_correction(bad, "n", False, "total")
    with pytest.raises(ValueError, match="target"):
        cross_section_correction(1.0, "e", False, "total")
    with pytest.raises(ValueError, match="kind"):
        cross_section_correction(1.0, "n", False, "momentum")
    with pytest.raises(ValueError, match="mu_n"):
        couplings("nu n -> nu n", {"g_A": 1.26, "sin2_theta_W": 0.23, "mu_p": 1.793})


@pytest.mark.parametrize("argument, value", [
    ("E_MeV", "10"), ("E_MeV", True), ("E_MeV", [1.0, "2"]), ("E_MeV", 10 + 0j), ("E_MeV", None),
    ("antineutrino", "yes"), ("antineutrino", 1), ("antineutrino", None), ("target", b"n"), ("kind", 0),
])
def test_wrong_types_are_refused_by_name(argument, value):
    """Types are checked, not converted: '10' is not read as 10 MeV nor 'yes' as True."""
    call = {"E_MeV": 10.0, "target": "n", "antineutrino": False, "kind": "total", argument: value}
    with pytest.raises((TypeError, ValueError), match=argument):
        cross_section_correction(**call)


def test_inputs_must_be_exactly_the_four_couplings():
    with pytest.raises(TypeError, match="inputs"):
        couplings("nu n -> nu n", [("g_A", 1.26)])
    with pytest.raises(ValueError, match="unknown.*g_V"):
        couplings("nu n -> nu n", {**PAPER_INPUTS, "g_V": 1.0})
    with pytest.raises(TypeError, match="g_A"):
        couplings("nu n -> nu n", {**PAPER_INPUTS, "g_A": "1.26"})


@pytest.mark.parametrize("target,anti", CASES)
@pytest.mark.parametrize("kind", ["total", "transport"])
def test_accepted_energies_stay_within_a_few_per_cent_of_the_exact_cross_section(target, anti, kind):
    """Up to max_energy_MeV the first-order ratio is within 4% of the exact Llewellyn Smith one.

    (The former cap E/M <= 0.2 for every species let the nubar ratio go negative near 130 MeV:
    |a| ~ 7 for the nubar transport cross section.)
    """
    cv, ca, f2 = couplings(REACTION[target])
    M, E = MASS[target], max_energy_MeV(target, anti, kind)
    exact = llewellyn_smith_ratio(E, M, cv, ca, f2, -1 if anti else 1, kind == "transport")
    first = cross_section_correction(E, target, anti, kind)
    assert abs(first - exact) / exact < 0.04
    with pytest.raises(ValueError, match=r"E_MeV must be finite and in \(0, "):
        cross_section_correction(E * 1.001, target, anti, kind)
