"""|M_ss'|^2 of nuN Eqs. 3-6: closed-form limits, symmetries and the explicit-spinor route."""

import numpy as np
import pytest
import sympy as sp

from natal.checks import spinors
from natal.derivations.nuN import matrix_element as ns
from natal.derivations.nuN.symbols import F_2, G_F, c_A, c_V, m, s, s_p, vec
from natal.derivations.printed import nuN as printed
from natal.derivations.result import Derivation


@pytest.fixture(scope="module", params=[False, True], ids=["nu", "nubar"])
def element(request):
    return ns.matrix_element(request.param)


def test_matrix_element_is_a_derivation_split_as_the_paper_splits_it(element):
    assert isinstance(element, Derivation) and element.inputs == ns.MATRIX_ELEMENT_INPUTS
    assert element.output_names == ("leading", "q_part", "P_part", "total")
    assert element.premises == ns.PREMISES["matrix_element"] and element.ref == "nuN Eqs. 3-6"
    assert sp.expand(element["total"] - element["leading"] - element["q_part"] - element["P_part"]) == 0


def _spin_sum(expr):
    return sp.expand(sum(expr.subs({s: a, s_p: b}) for a in (1, -1) for b in (1, -1)))


def test_spin_summed_leading_term_is_the_textbook_one(element):
    # sum_ss' |M0|^2 = 2 G_F^2 [c_V^2 + 3 c_A^2 + (c_V^2 - c_A^2) cos(theta)] for nu and nubar alike.
    Om, Omp = vec("Omega"), vec("Omega_p")
    mu = sum(Om[i] * Omp[i] for i in range(3))
    assert sp.expand(_spin_sum(element["leading"]) - 2 * G_F**2 * (c_V**2 + 3 * c_A**2 + (c_V**2 - c_A**2) * mu)) == 0


def test_nu_and_nubar_differ_only_in_parity_odd_terms():
    nu, nubar = ns.matrix_element(False), ns.matrix_element(True)
    # Spin-summed, the leading terms coincide; the O(1/m) weak-magnetism interference changes sign.
    assert _spin_sum(nu["leading"] - nubar["leading"]) == 0
    diff = _spin_sum(nu["q_part"] - nubar["q_part"])
    assert diff != 0 and sp.expand(diff.subs(F_2, -c_V)) == 0  # proportional to c_A (c_V + F_2)


def test_time_reversal(element):
    Om, Omp, qv = vec("Omega"), vec("Omega_p"), vec("q")
    swap = {**{Om[i]: Omp[i] for i in range(3)}, **{Omp[i]: Om[i] for i in range(3)},
            **{qv[i]: -qv[i] for i in range(3)}, s: s_p, s_p: s}
    assert sp.expand(element["total"].xreplace(swap) - element["total"]) == 0


def test_eq5_agrees_and_eq6_last_term_is_c_A_squared():
    Om, Omp, qv, Pv = vec("Omega"), vec("Omega_p"), vec("q"), vec("P")
    Bh = sp.Matrix([0, 0, 1])
    for anti, sign in ((False, 1), (True, -1)):
        M = ns.matrix_element(anti)
        assert sp.expand(M["q_part"] - printed.eq5(Om, Omp, qv, Bh, sign)) == 0
        fixed = printed.eq6(Om, Omp, Pv, Bh, sign) + G_F**2 / (2 * m) * sign * (c_A**2 - c_A) * (
            s_p - s) * (Om[2] * (Omp.T * Pv)[0] - Omp[2] * (Om.T * Pv)[0])
        assert sp.expand(M["P_part"] - fixed) == 0


@pytest.mark.parametrize("anti", [False, True])
def test_exact_spinors_agree_to_second_order(anti):
    M = ns.matrix_element(anti)
    symbols = [*vec("Omega"), *vec("Omega_p"), *vec("q"), *vec("P"), s, s_p, c_V, c_A, F_2, G_F, m]
    f = sp.lambdify(symbols, M["total"], "numpy")
    rng = np.random.default_rng(7)
    Om, Omp, pdir = (v / np.linalg.norm(v) for v in rng.normal(size=(3, 3)))
    res = []
    for lam in (4e-3, 2e-3):
        kin = spinors.kinematics(1.1 * lam * 939.0, Om, Omp, lam * 939.0 * pdir, 939.0)
        exact = spinors.amplitude_squared(kin, 1, -1, -0.5, -0.63, -0.97, 1.0, anti)
        approx = f(*Om, *Omp, *kin.q, *(2 * kin.p + kin.q), 1, -1, -0.5, -0.63, -0.97, 1.0, 939.0)
        res.append(abs(exact - approx) / exact)
    assert res[0] / res[1] == pytest.approx(4.0, rel=0.25)


def test_couplings_match_table_one():
    for reaction in ns.REACTIONS:
        assert all(sp.expand(a - b) == 0 for a, b in zip(ns.couplings(reaction), printed.TABLE_I[reaction]))
    with pytest.raises(ValueError, match="reaction"):
        ns.couplings("nu e -> nu e")


def test_projector_is_normalised_and_solves_dirac_equation():
    r0, r1 = ns.spin_projector()
    assert sp.expand(r0.trace()) == 1 and sp.expand(r1.trace()) == 0
