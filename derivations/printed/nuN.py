"""The `nuN` paper's equations exactly as printed (seed 001_52e1e548ca846430.txt).

Nothing here is derived and nothing here is used to derive: these forms are only ever compared with
the derivations of the `nuN` paper elsewhere.  Each function builds one printed equation as SymPy,
literally (printed factors kept, nothing simplified); ``TEXT`` keeps the extracted text of each
equation tidied into one line and the reading natal takes of it, noting whatever was interpreted
(flattened sub/superscripts, bold versus plain symbols, a parenthesis placed by the typesetting).

Conventions of the transcription:

* the symbols are those of ``natal.derivations.nuN.symbols`` (compared by identity);
* 3-vectors (Omega, Omega', B-hat, the vector q, P, p) are passed in as 3x1 ``sp.Matrix``;
* upper signs are neutrinos, lower signs antineutrinos: ``sign=+1`` (nu) or ``sign=-1`` (nubar),
  so a printed "+-" is ``sign*`` and "-+" is ``-sign*``;
* "q^2/2m" reads as q^2/(2m) throughout, as the paper writes it in Eq. 18 ("4Tq^2/(2m)");
* a plain q is the magnitude |q| (the symbol ``q``), a bold q the 3-vector argument ``qv``;
* Secs. IV-V: a function of the energy k is its jet at k (``f0``, ``df0``, ``d2f0``, ``d3f0`` for
  f_nu^(0)(k) and its k-derivatives; likewise ``g``, ``h``, ``dU``), h is one Cartesian component, and
  a printed vector along h or B-hat is returned as its scalar coefficient; "(1 - 2f^(0)_nu)" is 1 - 2 f0.
"""

from __future__ import annotations

import sympy as sp

from natal.derivations.nuN.symbols import (
    B, F_2, G_F, S0, T, T_eff_e, T_eff_mu, Delta_np, c_A, c_V, cross, d2_dU, d2f0, d2g, d2h, d3g, d_dU, df0,
    dg, dh, dot, dU, e_charge, eps, f0, f0p, g, g_A, h, k, k_p, m, mu_B, mu_Bn, mu_Bp, mu_e, mu_N, mu_n,
    mu_nu, mu_p, mu_prime, n, n_n, q, q0, s, s_p, sin2_theta_W, u, xp_min, z, x_0, xp_0, delta_x,
)
from natal.derivations.printed.form import PrintedEquation
from natal.derivations.printed.nuN_data import TABLE_I_INPUTS

__all__ = [
    "TEXT", "TABLE_I", "TABLE_I_INPUTS",
    "eq2", "eq4", "eq5", "eq6", "eq13", "eq13_in_parameters", "eq14", "eq14_in_parameters", "eq15", "eq17",
    "eq18", "eq19", "eq20", "eq21", "eq22", "eq23", "eq25", "eq26", "eq27", "eq31", "eq32", "eq33", "eq34",
    "eq35", "eq36", "eq37", "eq38", "eq39", "eq40", "eq41", "eq42", "eq43", "eq44", "eq45", "eq46", "eq47",
    "eq48", "eq49", "eq50", "eq51", "eq52", "eqA2", "eqA3", "eqA4", "eqA5", "eqA6", "eqA7", "eqA8", "eqA9",
    "eqA10", "eqA11", "eqA11_in_parameters", "eqA12", "eqA12_in_parameters", "eqA13",
]


half = sp.Rational(1, 2)
_q2_2m = q**2 / (2 * m)  # the printed "q^2/2m"
_spin_shift = mu_B * B * (s - s_p)  # the printed "mu_B B (s - s')"
_pref = m**2 * T / (2 * sp.pi * q)  # the printed "m^2 T / 2 pi q"
_dA = k_p**2 / (2 * sp.pi) ** 3  # the printed "k'^2 / (2 pi)^3"


# --------------------------------------------------------------------------------------------
# Sec. II: matrix element and response functions
# --------------------------------------------------------------------------------------------


def eq2(p: sp.Matrix, gam: tuple[sp.Matrix, ...], g5: sp.Matrix, s_: sp.Expr) -> sp.Matrix:
    """nuN Eq. 2: u^s_N(p) ubar^s_N(p), the 4x4 matrix as printed.

    (1/2)[(1 - s gamma5 gamma^3)(1 + gamma^0 + p^i gamma^i / m) - s (p^3/m) gamma5 (1 + gamma^0)],
    summed over i = 1..3 with p^i = p[i-1]; ``gam`` = (gamma^0, ..., gamma^3), ``g5`` = gamma5 and
    ``s_`` the spin (``s`` for the initial nucleon, ``s_p`` with p' for the final one).
    """
    one = sp.eye(4)
    slash = sum((p[i - 1] * gam[i] for i in range(1, 4)), sp.zeros(4))
    return half * (
        (one - s_ * g5 * gam[3]) * (one + gam[0] + slash / m)
        - s_ * (p[2] / m) * g5 * (one + gam[0])
    )


def eq4(Om: sp.Matrix, Omp: sp.Matrix, Bh: sp.Matrix) -> sp.Expr:
    """nuN Eq. 4: |M^(0)_{ss'}(Omega, Omega')|^2 as printed (no +-; spins are ``s``, ``s_p``)."""
    return G_F**2 / 2 * (
        c_V**2 + 3 * c_A**2 + (c_V**2 - c_A**2) * dot(Om, Omp)
        + 2 * c_A * (c_V + c_A) * dot(s * Om + s_p * Omp, Bh)
        + 2 * c_A * (c_V - c_A) * dot(s * Omp + s_p * Om, Bh)
        + s * s_p * ((c_V**2 - c_A**2) * (1 + dot(Om, Omp)) + 4 * c_A**2 * dot(Om, Bh) * dot(Omp, Bh))
    )


def eq5(Om: sp.Matrix, Omp: sp.Matrix, qv: sp.Matrix, Bh: sp.Matrix, sign: int) -> sp.Expr:
    """nuN Eq. 5: delta|M_{ss'}(Omega, Omega', q)|^2 as printed, for ``sign`` = +1 (nu) / -1 (nubar)."""
    g = c_A * (c_V + F_2)
    return G_F**2 / (2 * m) * (
        sign * 2 * g * dot(qv, Om - Omp)
        + 2 * g * (s - s_p) * dot(qv, Bh)
        + sign * 2 * g * s * s_p * dot(qv, Bh) * dot(Omp - Om, Bh)
        + g * (s_p - s) * (dot(qv, Om) * dot(Omp, Bh) + dot(qv, Omp) * dot(Om, Bh))
        - sign * c_V * (c_V + F_2) * (s + s_p) * dot(cross(cross(Omp, Om), qv), Bh)
    )


def eq6(Om: sp.Matrix, Omp: sp.Matrix, Pv: sp.Matrix, Bh: sp.Matrix, sign: int) -> sp.Expr:
    """nuN Eq. 6: delta|M~_{ss'}(Omega, Omega', P)|^2 as printed, for ``sign`` = +1 (nu) / -1 (nubar)."""
    return G_F**2 / (2 * m) * (
        -(c_V**2 + c_A**2 + (c_V**2 - c_A**2) * s * s_p) * dot(Pv, Om + Omp)
        - 2 * c_V * c_A * (s + s_p) * dot(Pv, Bh)
        - 2 * c_A**2 * s * s_p * dot(Pv, Bh) * dot(Om + Omp, Bh)
        - c_V * c_A * (s + s_p) * (dot(Pv, Om) * dot(Omp, Bh) + dot(Pv, Omp) * dot(Om, Bh))
        + sign * c_A * (s_p - s) * dot(cross(cross(Omp, Om), Pv), Bh)
    )


def eq15() -> dict[str, sp.Expr]:
    """nuN Eq. 15: the parameters z, x0 and delta x of Eqs. 13-14, as printed.

    delta x is read literally: the closing parenthesis of the second group follows s', so
    s' multiplies 2 m q0 / q^2 only: -(mu_B B / 2T)[(1 + 2mq0/q^2) s + (1 - 2mq0 s'/q^2)].
    """
    r = 2 * m * q0 / q**2
    return {
        "z": q0 / T,
        "x0": (q0 - _q2_2m) ** 2 / (4 * T * _q2_2m) - mu_N / T,
        "dx": -mu_B * B / (2 * T) * ((1 + r) * s + (1 - r * s_p)),
    }


def eq13() -> sp.Expr:
    """nuN Eq. 13: S_0(q0, q) as printed, with z and x0 of Eq. 15 put in (q0, q, T, m, mu_N)."""
    p = eq15()
    zz, x0 = p["z"], p["x0"]
    return _pref * 1 / (1 - sp.exp(-zz)) * sp.log((1 + sp.exp(-x0)) / (1 + sp.exp(-x0 - zz)))


def eq14() -> sp.Expr:
    """nuN Eq. 14: delta S_{ss'}(q0, q) as printed, with z, x0 and delta x of Eq. 15 put in."""
    p = eq15()
    zz, x0, dx = p["z"], p["x0"], p["dx"]
    return -_pref * dx / ((sp.exp(x0) + 1) * (1 + sp.exp(-x0 - zz)))


def eq13_in_parameters() -> sp.Expr:
    """nuN Eq. 13 in its own parameters, as printed: m^2T/(2 pi q) (1/(1 - e^-z)) ln[(1 + e^-x0)/(1 + e^-x0-z)].

    z and x0 stay the symbols ``z`` and ``x_0``: the values Eq. 15 gives them are a separate statement.
    """
    return _pref * 1 / (1 - sp.exp(-z)) * sp.log((1 + sp.exp(-x_0)) / (1 + sp.exp(-x_0 - z)))


def eq14_in_parameters() -> sp.Expr:
    """nuN Eq. 14 in its own parameters, as printed: -m^2T/(2 pi q) delta x / ((e^x0 + 1)(1 + e^(-x0-z))).

    z, x0 and delta x stay the symbols ``z``, ``x_0`` and ``delta_x`` (Eq. 15 gives their values).
    """
    return -_pref * delta_x / ((sp.exp(x_0) + 1) * (1 + sp.exp(-x_0 - z)))


# --------------------------------------------------------------------------------------------
# Sec. III: nondegenerate nucleons
# --------------------------------------------------------------------------------------------


def eq17() -> dict[str, sp.Expr]:
    """nuN Eq. 17: eps = [4(1 - mu')T/m]^(1/2) (in T, m, mu') and u = (k' - k)/(eps k) (in k, k', eps)."""
    return {"eps": sp.sqrt(4 * (1 - mu_prime) * T / m), "u": (k_p - k) / (eps * k)}


def eq18() -> dict[str, sp.Expr]:
    """nuN Eq. 18: S_0 for nondegenerate nucleons, its middle form and its printed O(eps) series.

    "S0_nondegenerate": m^2T/(2 pi q) n (2 pi^3/(m^3 T^3))^(1/2) exp[-(q0 - q^2/2m)^2/(4T q^2/(2m))];
    "S0_series": pi^(1/2) n/(eps k) e^(-u^2) [bracket], the printed O(eps^2) dropped;
    "bracket": 1 - (1/2)(1 + k/T) eps u + eps u^3.
    """
    bracket = 1 - half * (1 + k / T) * eps * u + eps * u**3
    return {
        "S0_nondegenerate": _pref * n * sp.sqrt(2 * sp.pi**3 / (m**3 * T**3))
        * sp.exp(-(q0 - _q2_2m) ** 2 / (4 * T * q**2 / (2 * m))),
        "S0_series": sp.sqrt(sp.pi) * n / (eps * k) * sp.exp(-(u**2)) * bracket,
        "bracket": bracket,
    }


def eq19() -> sp.Expr:
    """nuN Eq. 19: A_0 = k'^2/(2pi)^3 2 G_F^2 [c_V^2 + 3c_A^2 + (c_V^2 - c_A^2) mu'] S_0."""
    return _dA * 2 * G_F**2 * (c_V**2 + 3 * c_A**2 + (c_V**2 - c_A**2) * mu_prime) * S0


def eq20(sign: int) -> sp.Expr:
    """nuN Eq. 20: delta A_{+-}; ``sign`` = +1 gives delta A_+ (c_V + 2c_A m q0/q^2), -1 delta A_-."""
    return _dA * 4 * G_F**2 * c_A * mu_B * B / T * (c_V + sign * 2 * c_A * m * q0 / q**2) * S0


def eq21(Om: sp.Matrix, Omp: sp.Matrix, qv: sp.Matrix, sign: int) -> sp.Expr:
    """nuN Eq. 21: A_0^WM as printed (q.(...) with the vector ``qv``, q^2 with the magnitude ``q``)."""
    return -_dA * 4 * G_F**2 / m * (
        (c_V**2 + c_A**2) * m * q0 / q**2 * dot(qv, Om + Omp)
        + sign * c_A * (c_V + F_2) * dot(qv, Omp - Om)
    ) * S0


def _wm_brace() -> sp.Expr:
    # The braces shared by Eqs. 22-23: {4 c_A^2 (mT/q^2)(1 - m q0^2/(T q^2)) - c_V (c_V + F_2)}.
    return 4 * c_A**2 * m * T / q**2 * (1 - m * q0**2 / (T * q**2)) - c_V * (c_V + F_2)


def eq22(Om: sp.Matrix, Omp: sp.Matrix, qv: sp.Matrix, sign: int) -> sp.Expr:
    """nuN Eq. 22: delta B^WM as printed (the bracket runs across the page break; the scalar k).

    ``Om`` is not used by the print (only q.Omega' appears); it is kept for a uniform signature.
    """
    r = m * q0 / q**2
    return _dA * 2 * G_F**2 / m * mu_B * B / T * (
        4 * c_A * F_2 * r * k
        - 2 * c_A * (2 * c_V + F_2) * r * dot(qv, Omp)
        + sign * _wm_brace() * dot(qv, Omp)
    ) * S0


def eq23(Om: sp.Matrix, Omp: sp.Matrix, qv: sp.Matrix, sign: int) -> sp.Expr:
    """nuN Eq. 23: delta C^WM as printed (the scalar k').

    ``Omp`` is not used by the print (only q.Omega appears); it is kept for a uniform signature.
    """
    r = m * q0 / q**2
    return _dA * 2 * G_F**2 / m * mu_B * B / T * (
        -4 * c_A * F_2 * r * k_p
        - 2 * c_A * (2 * c_V + F_2) * r * dot(qv, Om)
        - sign * _wm_brace() * dot(qv, Om)
    ) * S0


# --------------------------------------------------------------------------------------------
# Sec. IV: diffusion equation for a drift flux
# --------------------------------------------------------------------------------------------

# Local symbols (not in nucleon_symbols; they appear only in the integrands of Eqs. 46 and 50):
R_nu = sp.Symbol("R_nu", positive=True)  # R_nu(k), the neutrinosphere radius at energy k (Eq. 46)
dUdr_abs = sp.Symbol("dUdr_abs", nonnegative=True)  # |dU_nu(k)/dr| at the neutrinosphere (Eq. 46)
dU_e = sp.Symbol("dU_e", real=True)  # delta U_{nu_e}(k) of Eqs. 47 and 50

_one_m_2f0 = 1 - 2 * f0  # the printed "(1 - 2 f_nu^(0))"
_cV2, _cA2 = c_V**2, c_A**2
_Ek = k + Delta_np  # the printed "k + m_n - m_p"


def eq26() -> sp.Expr:
    """nuN Eq. 26: C(k, k') = e^(-q0/T)(1 - f0) + f0, with f0 = f_nu^(0)(k)."""
    return sp.exp(-q0 / T) * (1 - f0) + f0


def eq27() -> sp.Expr:
    """nuN Eq. 27: D(k, k') = -[e^(-q0/T) f0' + 1 - f0'], with f0' = f_nu^(0)(k') (the symbol ``f0p``)."""
    return -(sp.exp(-q0 / T) * f0p + 1 - f0p)


def eq25(rate: sp.Expr, df: sp.Expr, dfp: sp.Expr) -> sp.Expr:
    """nuN Eq. 25: the integrand dGamma/(dk' dOmega') [C(k, k') delta f' + D(k, k') delta f].

    ``rate`` is dGamma/(dk' dOmega'), ``df`` = delta f_nu(k), ``dfp`` = delta f'_nu = delta f_nu(k');
    C and D are Eqs. 26-27.  The integrals over k' (0..inf) and Omega' are the caller's.
    """
    return rate * (eq26() * dfp + eq27() * df)


def eq32() -> sp.Expr:
    """nuN Eq. 32: V_0 = -(2 G_F^2 k^2 / 3 pi) n (c_V^2 + 5 c_A^2) h (one component of h)."""
    return -2 * G_F**2 * k**2 / (3 * sp.pi) * n * (_cV2 + 5 * _cA2) * h


def eq33() -> sp.Expr:
    """nuN Eq. 33: delta V^B_+- as printed, the coefficient of B-hat (the +- of Eq. 31 not applied).

    -(4 G_F^2 k^2 / 3 pi) n (mu_B B / T) c_A^2 [(1 - 2 f0) g + T dg/dk].
    """
    return -4 * G_F**2 * k**2 / (3 * sp.pi) * n * mu_B * B / T * _cA2 * (_one_m_2f0 * g + T * dg)


def eq34() -> sp.Expr:
    """nuN Eq. 34: delta V^WM_0 as printed (linear in h and its k-derivatives).

    -(2 G_F^2 k^2 / 3 pi) n (k/m) [{-3(c_V^2 + 3c_A^2)(1 - 2f0) + 5(c_V^2 + 9c_A^2) T/k
    + 2(c_V^2 + 5c_A^2) k df0/dk} h + 2c_A^2 (1 - 2f0 + 6T/k) k dh/dk + 2c_A^2 k T d^2h/dk^2].
    """
    brace = (-3 * (_cV2 + 3 * _cA2) * _one_m_2f0 + 5 * (_cV2 + 9 * _cA2) * T / k
             + 2 * (_cV2 + 5 * _cA2) * k * df0)
    return -2 * G_F**2 * k**2 / (3 * sp.pi) * n * k / m * (
        brace * h + 2 * _cA2 * (_one_m_2f0 + 6 * T / k) * k * dh + 2 * _cA2 * k * T * d2h
    )


def eq35() -> sp.Expr:
    """nuN Eq. 35: delta V^WM_+- = -(16 G_F^2 k^2 / 3 pi) n (k/m) c_A (c_V + F_2) h (the +- not applied)."""
    return -16 * G_F**2 * k**2 / (3 * sp.pi) * n * k / m * c_A * (c_V + F_2) * h


def eq36() -> sp.Expr:
    """nuN Eq. 36: delta V^{B,WM}_0 as printed, the coefficient of B-hat.

    -(4 G_F^2 k^2 / 9 pi) n (mu_B B/T)(k/m) c_A [{(-2c_V + 5F_2)(1 - 2f0) + 2c_V k df0/dk} g
    - {c_V (1 - 2f0) + (2c_V - 5F_2) T/k} k dg/dk - c_V k T d^2g/dk^2].
    """
    return -4 * G_F**2 * k**2 / (9 * sp.pi) * n * mu_B * B / T * k / m * c_A * (
        ((-2 * c_V + 5 * F_2) * _one_m_2f0 + 2 * c_V * k * df0) * g
        - (c_V * _one_m_2f0 + (2 * c_V - 5 * F_2) * T / k) * k * dg
        - c_V * k * T * d2g
    )


def eq37() -> sp.Expr:
    """nuN Eq. 37: delta V^{B,WM}_+- as printed, the coefficient of B-hat (the +- not applied).

    -(4 G_F^2 k^2 / 9 pi) n (mu_B B/m) c_A^2 [{69(1 - 2f0) - 68 k df0/dk - 12 k^2 d^2f0/dk^2} g
    + {34(1 - 2f0) + 2k/T + 69T/k} k dg/dk + 2{3(1 - 2f0) + 17T/k} k^2 d^2g/dk^2 + 4 k^2 T d^3g/dk^3].
    """
    return -4 * G_F**2 * k**2 / (9 * sp.pi) * n * mu_B * B / m * _cA2 * (
        (69 * _one_m_2f0 - 68 * k * df0 - 12 * k**2 * d2f0) * g
        + (34 * _one_m_2f0 + 2 * k / T + 69 * T / k) * k * dg
        + 2 * (3 * _one_m_2f0 + 17 * T / k) * k**2 * d2g
        + 4 * k**2 * T * d3g
    )


def eq31(sign: int) -> dict[str, sp.Expr]:
    """nuN Eq. 31: V_0 +- dV^B_+- + dV^WM_0 +- dV^WM_+- + dV^{B,WM}_0 +- dV^{B,WM}_+-, Eqs. 32-37 put in.

    ``sign`` = +1 (nu) / -1 (nubar).  "h": the part along h (V_0, dV^WM_0, +- dV^WM_+-), linear in
    the component h and its jets; "B": the coefficient of B-hat (+- dV^B, dV^{B,WM}_0, +- dV^{B,WM}_+-).
    """
    return {
        "h": eq32() + eq34() + sign * eq35(),
        "B": sign * eq33() + eq36() + sign * eq37(),
    }


def eq39() -> sp.Expr:
    """nuN Eq. 39: kappa_0 = (2 G_F^2 k^2 / 3 pi) n (c_V^2 + 5 c_A^2)."""
    return 2 * G_F**2 * k**2 / (3 * sp.pi) * n * (_cV2 + 5 * _cA2)


def eq38(grad: sp.Expr) -> sp.Expr:
    """nuN Eq. 38: h(k) = -(1/(3 kappa_0)) grad(f0 + g); ``grad`` is that component of grad(f0 + g)."""
    return -1 / (3 * eq39()) * grad


def eq41() -> sp.Expr:
    """nuN Eq. 41: delta^(1) = (k/m)(1/(c_V^2 + 5c_A^2))[-3(c_V^2 + 3c_A^2)(1 - 2f0)
    - 5(c_V^2 + 9c_A^2) T/k + 2(c_V^2 + 5c_A^2) k df0/dk]."""
    return k / m * 1 / (_cV2 + 5 * _cA2) * (
        -3 * (_cV2 + 3 * _cA2) * _one_m_2f0 - 5 * (_cV2 + 9 * _cA2) * T / k + 2 * (_cV2 + 5 * _cA2) * k * df0
    )


def eq42() -> sp.Expr:
    """nuN Eq. 42: delta^(2) = (4k/3m) c_A^2 / (c_V^2 + 5c_A^2)."""
    return 4 * k / (3 * m) * _cA2 / (_cV2 + 5 * _cA2)


def _eps_pref() -> sp.Expr:
    # The prefactor shared by Eqs. 43-44: (4k/3m)(mu_B B/T) c_A / (c_V^2 + 5c_A^2)^2.
    return 4 * k / (3 * m) * mu_B * B / T * c_A / (_cV2 + 5 * _cA2) ** 2


def eq43() -> sp.Expr:
    """nuN Eq. 43: eps^(1) = (4k/3m)(mu_B B/T) c_A/(c_V^2 + 5c_A^2)^2
    [{2c_V(c_V^2 + 17c_A^2) - F_2(5c_V^2 + c_A^2)}(1 - 2f0) - 2c_V(c_V^2 + 5c_A^2) k df0/dk]."""
    return _eps_pref() * (
        (2 * c_V * (_cV2 + 17 * _cA2) - F_2 * (5 * _cV2 + _cA2)) * _one_m_2f0
        - 2 * c_V * (_cV2 + 5 * _cA2) * k * df0
    )


def eq44() -> sp.Expr:
    """nuN Eq. 44: eps^(2) = (4k/3m)(mu_B B/T) c_A/(c_V^2 + 5c_A^2)^2
    [c_V^3 (1 + 2T/k) + c_V c_A^2 (5 + 34T/k) - 2c_V(c_V^2 + 5c_A^2) f0 - F_2(5c_V^2 + c_A^2) T/k]."""
    return _eps_pref() * (
        c_V**3 * (1 + 2 * T / k) + c_V * _cA2 * (5 + 34 * T / k)
        - 2 * c_V * (_cV2 + 5 * _cA2) * f0 - F_2 * (5 * _cV2 + _cA2) * T / k
    )


def eq45() -> sp.Expr:
    """nuN Eq. 45: eps^(3) = (4 mu_B B / 3m) c_V c_A / (c_V^2 + 5c_A^2)."""
    return 4 * mu_B * B / (3 * m) * c_V * c_A / (_cV2 + 5 * _cA2)


def eq40(gradU_k: sp.Expr, dU_k: sp.Expr) -> dict[str, sp.Expr]:
    """nuN Eq. 40: F_nu(k) + F_nubar(k) as printed, Eqs. 39 and 41-45 put in.

    ``gradU_k`` (one component of grad U_nu(k)) and ``dU_k`` (delta U_nu(k)) are expressions in k;
    the printed k-derivatives are taken with ``sp.diff``, the delta^(2) bracket's of the quotient
    grad U_nu(k)/kappa_0 (kappa_0 of Eq. 39 carries k^2).  f0 and df0/dk inside delta^(1), delta^(2),
    eps^(i) stay jet symbols (they are not differentiated by the print).
    "grad": -(2/(3 kappa_0))(1 - delta^(1)) grad U + delta^(2)[(1 - 2f0 + 6T/k) k d/dk(grad U/kappa_0)
    + k T d^2/dk^2 (grad U/kappa_0)];
    "B": the coefficient of B-hat, eps^(1) dU + eps^(2) k d(dU)/dk + eps^(3) k^2 d^2(dU)/dk^2.
    """
    kap = eq39()
    quot = gradU_k / kap
    return {
        "grad": -2 / (3 * kap) * (1 - eq41()) * gradU_k
        + eq42() * ((_one_m_2f0 + 6 * T / k) * k * sp.diff(quot, k) + k * T * sp.diff(quot, k, 2)),
        "B": eq43() * dU_k + eq44() * k * sp.diff(dU_k, k) + eq45() * k**2 * sp.diff(dU_k, k, 2),
    }


# --------------------------------------------------------------------------------------------
# Sec. V: discussion (asymmetry factor, absorption drift, comparison)
# --------------------------------------------------------------------------------------------


def _f_e(E_: sp.Expr) -> sp.Expr:
    # f_e(E) of Eqs. 48-49, read as the Fermi-Dirac distribution of electrons at (T, mu_e).
    return 1 / (sp.exp((E_ - mu_e) / T) + 1)


def _eps_B_sum() -> sp.Expr:
    # eps^(1) dU + eps^(2) k d(dU)/dk + eps^(3) k^2 d^2(dU)/dk^2 in the jets of dU (Eqs. 46, 50).
    return eq43() * dU + eq44() * k * d_dU + eq45() * k**2 * d2_dU


def eq46() -> dict[str, sp.Expr]:
    """nuN Eq. 46: the integrands of alpha_sc's approximate form (the ratio of k-integrals 0..inf).

    "numerator_integrand": R_nu(k)^2 [eps^(1) dU + eps^(2) k d(dU)/dk + eps^(3) k^2 d^2(dU)/dk^2]
    (jets ``dU``, ``d_dU``, ``d2_dU``); "denominator_integrand": R_nu(k)^2 (2/(3 kappa_0)) |dU_nu/dr|
    at the neutrinosphere.  R_nu(k) is the local symbol ``R_nu``, |dU_nu(k)/dr| the local ``dUdr_abs``.
    """
    return {
        "numerator_integrand": R_nu**2 * _eps_B_sum(),
        "denominator_integrand": R_nu**2 * 2 / (3 * eq39()) * dUdr_abs,
    }


def eq48() -> sp.Expr:
    """nuN Eq. 48: kappa_0^(abs) = (G_F^2/pi)(k + m_n - m_p)^2 n_n (c_V^2 + 3c_A^2)[1 - f_e(k + m_n - m_p)].

    m_n - m_p is ``Delta_np``; f_e(E) = 1/(e^((E - mu_e)/T) + 1) written out.
    """
    return G_F**2 / sp.pi * _Ek**2 * n_n * (_cV2 + 3 * _cA2) * (1 - _f_e(_Ek))


def eq47() -> dict[str, sp.Expr]:
    """nuN Eq. 47: the absorption drift flux F^drift_nu_e = -(kappa*^(abs)_0 / 3 kappa^(tot)_0) eps_abs dU_e B-hat.

    "kappa_star": kappa_0^(abs)[1 + e^((mu_nu - k)/T)] (Eq. 48 put in); "kappa_tot": kappa*^(abs)_0
    + kappa_0 (Eq. 39); "flux_over_dU": -kappa_star/(3 kappa_tot) eps_abs (Eq. 49 put in), the
    coefficient of delta U_nu_e(k) B-hat.
    """
    kstar = eq48() * (1 + sp.exp((mu_nu - k) / T))
    ktot = kstar + eq39()
    return {"kappa_star": kstar, "kappa_tot": ktot, "flux_over_dU": -kstar / (3 * ktot) * eq49()}


def eq49() -> sp.Expr:
    """nuN Eq. 49: eps_abs as printed (the bracket continued after the page break, "x [...]").

    (1/2) eB/(k + Delta)^2 (c_V^2 - c_A^2)/(c_V^2 + 3c_A^2) + 2 c_A(c_A + c_V)/(c_V^2 + 3c_A^2) mu_Bn B/T
    - T/(k + Delta) [1 + (k + Delta)/T f_e(k + Delta)]
      x [2 c_A(c_A + c_V)/(c_V^2 + 3c_A^2) mu_Bn B/T + 2 c_A(c_A - c_V)/(c_V^2 + 3c_A^2) mu_Bp B/T],
    Delta = m_n - m_p (``Delta_np``), e = ``e_charge``, f_e as in Eq. 48.
    """
    den = _cV2 + 3 * _cA2
    return (
        sp.Rational(1, 2) * e_charge * B / _Ek**2 * (_cV2 - _cA2) / den
        + 2 * c_A * (c_A + c_V) / den * mu_Bn * B / T
        - T / _Ek * (1 + _Ek / T * _f_e(_Ek))
        * (2 * c_A * (c_A + c_V) / den * mu_Bn * B / T + 2 * c_A * (c_A - c_V) / den * mu_Bp * B / T)
    )


def eq50() -> dict[str, sp.Expr]:
    """nuN Eq. 50: the integrands of R_sc/abs = |numerator integral / denominator integral| (k: 0..inf).

    "numerator_integrand": 2 [eps^(1) dU_mu + eps^(2) k d(dU_mu)/dk + eps^(3) k^2 d^2(dU_mu)/dk^2], with
    delta U_nu_mu(k) carried by the jets ``dU``, ``d_dU``, ``d2_dU`` (the printed 2 in front of the
    integral taken inside); "denominator_integrand": kappa*^(abs)_0/(3 kappa^(tot)_0) eps_abs dU_e
    (Eqs. 47-49 put in; the local symbol ``dU_e`` is delta U_nu_e(k)).  The modulus and the integrals
    are the caller's.
    """
    d47 = eq47()
    return {
        "numerator_integrand": 2 * _eps_B_sum(),
        "denominator_integrand": d47["kappa_star"] / (3 * d47["kappa_tot"]) * eq49() * dU_e,
    }


def eq51() -> sp.Expr:
    """nuN Eq. 51: U_nu_e(k) = (k^3 / 2 pi^2) 1/(e^(k/T^eff_e) + 1)."""
    return k**3 / (2 * sp.pi**2) * 1 / (sp.exp(k / T_eff_e) + 1)


def eq52() -> sp.Expr:
    """nuN Eq. 52: U_nu_mu(k) = (k^3 / 2 pi^2) 1/(e^(k/T^eff_mu) + 1)."""
    return k**3 / (2 * sp.pi**2) * 1 / (sp.exp(k / T_eff_mu) + 1)


# --------------------------------------------------------------------------------------------
# Appendix A
# --------------------------------------------------------------------------------------------


def eqA2() -> sp.Expr:
    """nuN Eq. A2: the prefactor 1/(2 pi) of the unit vector q-hat.

    The print opens with "q / (2 pi q)", bold q over plain q, i.e. q-hat/(2 pi); what is returned
    multiplies q-hat times  Int_0^inf dp p^3 Int_{-1}^{1} dmu mu delta(q0 + E - E') f_N(E)[1 - f_N(E')].
    """
    return 1 / (2 * sp.pi)


def eqA3() -> sp.Expr:
    """nuN Eq. A3: p_min^2 = [(q0 - q^2/2m - mu_B B (s - s')) / (q/m)]^2."""
    return ((q0 - _q2_2m - _spin_shift) / (q / m)) ** 2


def eqA4() -> dict[str, sp.Expr]:
    """nuN Eq. A4, both sides, as coefficients of the vector q.

    "integral_coeff" multiplies q times Int_{E_min}^inf dE f_N(E)[1 - f_N(E + q0)]:
    m^3/(2 pi q^3) [q0 - q^2/2m - mu_B B (s - s')]  (the E-independent bracket taken out);
    "result_coeff" multiplies q times S_{ss'}(q0, q): (m/q^2)[q0 - q^2/2m - mu_B B (s - s')].
    """
    bracket = q0 - _q2_2m - _spin_shift
    return {"integral_coeff": m**3 / (2 * sp.pi * q**3) * bracket, "result_coeff": m / q**2 * bracket}


def eqA5() -> sp.Expr:
    """nuN Eq. A5: E_min = -mu_B B s + [q0 + q^2/2m - mu_B B (s - s')]^2 / (4 (q^2/2m)), as printed."""
    return -mu_B * B * s + (q0 + _q2_2m - _spin_shift) ** 2 / (4 * _q2_2m)


def eqA6() -> dict[str, sp.Expr]:
    """nuN Eq. A6, both sides, as coefficients of the vector q.

    "integral_coeff" multiplies q times Int_{E'_min}^inf dE' f_N(E' - q0)[1 - f_N(E')]:
    m^3/(2 pi q^3) [q0 + q^2/2m - mu_B B (s - s')];
    "result_coeff" multiplies q times S~_{ss'}(q0, q): (m/q^2)[q0 + q^2/2m - mu_B B (s - s')].
    """
    bracket = q0 + _q2_2m - _spin_shift
    return {"integral_coeff": m**3 / (2 * sp.pi * q**3) * bracket, "result_coeff": m / q**2 * bracket}


def eqA7() -> sp.Expr:
    """nuN Eq. A7: the prefactor m^2/(2 pi q) of Int_{E'_min}^inf dE' f_N(E' - q0)[1 - f_N(E')] in S~."""
    return m**2 / (2 * sp.pi * q)


def eqA8() -> sp.Expr:
    """nuN Eq. A8: E'_min = -mu_B B s' + [q0 + q^2/2m - mu_B B (s - s')]^2 / (4q^2/2m), as printed."""
    return -mu_B * B * s_p + (q0 + _q2_2m - _spin_shift) ** 2 / (4 * q**2 / (2 * m))


def eqA9() -> sp.Expr:
    """nuN Eq. A9: the closed form of S~_{ss'}, in z, x'_min, T, m, q.

    m^2T/(2 pi q) (1/(1 - e^-z)) ln[(1 + e^(-x'_min + z)) / (1 + e^(-x'_min))].
    """
    return _pref / (1 - sp.exp(-z)) * sp.log((1 + sp.exp(-xp_min + z)) / (1 + sp.exp(-xp_min)))


def eqA10() -> dict[str, sp.Expr]:
    """nuN Eq. A10: x'_0 and delta x' as printed.

    delta x' is read as Eq. 15's delta x is, literally: -(mu_B B/2T)[(1 + 2mq0/q^2) s + (1 - 2mq0 s'/q^2)].
    """
    r = 2 * m * q0 / q**2
    return {
        "x0p": (q0 + _q2_2m) ** 2 / (4 * T * _q2_2m) - mu_N / T,
        "dxp": -mu_B * B / (2 * T) * ((1 + r) * s + (1 - r * s_p)),
    }


def eqA11() -> dict[str, sp.Expr]:
    """nuN Eq. A11: S~_0 and delta S~_{ss'} as printed, x'_0 from Eq. A10, z = q0/T.

    The printed delta S~ carries delta x (not delta x'), which is put in from Eq. 15.
    """
    x0p, zz, dx = eqA10()["x0p"], q0 / T, eq15()["dx"]
    return {
        "St0": _pref / (1 - sp.exp(-zz)) * sp.log((1 + sp.exp(-x0p + zz)) / (1 + sp.exp(-x0p))),
        "dSt": -_pref * dx / ((1 + sp.exp(x0p - zz)) * (1 + sp.exp(-x0p))),
    }


def eqA12() -> dict[str, sp.Expr]:
    """nuN Eq. A12: the nondegenerate chain, x'_0 from Eq. A10 and z = q0/T put in.

    "middle": 1/((1 + e^(x'_0 - z))(1 + e^(-x'_0))); "exp_form": e^(-x'_0 + z);
    "final": exp[mu_N/T - (q0 - q^2/2m)^2 / (4T (q^2/2m))].
    """
    x0p, zz = eqA10()["x0p"], q0 / T
    return {
        "middle": 1 / ((1 + sp.exp(x0p - zz)) * (1 + sp.exp(-x0p))),
        "exp_form": sp.exp(-x0p + zz),
        "final": sp.exp(mu_N / T - (q0 - _q2_2m) ** 2 / (4 * T * _q2_2m)),
    }


def eqA11_in_parameters() -> dict[str, sp.Expr]:
    """nuN Eq. A11 in its own parameters, as printed: x'_0, z and delta x stay the symbols ``xp_0``,
    ``z`` and ``delta_x`` (Eqs. A9-A10 give their values; the print writes delta x, not delta x').

    "St0": m^2T/(2 pi q) (1/(1 - e^-z)) ln[(1 + e^(-x'_0 + z))/(1 + e^(-x'_0))];
    "dSt": -m^2T/(2 pi q) delta x / ((1 + e^(x'_0 - z))(1 + e^(-x'_0))).
    """
    return {
        "St0": _pref / (1 - sp.exp(-z)) * sp.log((1 + sp.exp(-xp_0 + z)) / (1 + sp.exp(-xp_0))),
        "dSt": -_pref * delta_x / ((1 + sp.exp(xp_0 - z)) * (1 + sp.exp(-xp_0))),
    }


def eqA12_in_parameters() -> dict[str, sp.Expr]:
    """nuN Eq. A12 in its own parameters, as printed: x'_0 and z stay the symbols ``xp_0`` and ``z``.

    "middle": 1/((1 + e^(x'_0 - z))(1 + e^(-x'_0))); "exp_form": e^(-x'_0 + z);
    "final": exp[mu_N/T - (q0 - q^2/2m)^2 / (4T (q^2/2m))] (in q0, q, T, m, mu_N, as printed).
    """
    return {
        "middle": 1 / ((1 + sp.exp(xp_0 - z)) * (1 + sp.exp(-xp_0))),
        "exp_form": sp.exp(-xp_0 + z),
        "final": sp.exp(mu_N / T - (q0 - _q2_2m) ** 2 / (4 * T * _q2_2m)),
    }


def eqA13() -> sp.Expr:
    """nuN Eq. A13: the coefficient of the vector q times S_{ss'}: (2m/q^2)[q0 - mu_B B (s - s')]."""
    return 2 * m / q**2 * (q0 - _spin_shift)


# --------------------------------------------------------------------------------------------
# Table I
# --------------------------------------------------------------------------------------------

#: Table I as printed: reaction -> (c_V, c_A, F_2).
TABLE_I: dict[str, tuple[sp.Expr, sp.Expr, sp.Expr]] = {
    "nu p -> nu p": (half - 2 * sin2_theta_W, g_A / 2, half * (mu_p - mu_n) - 2 * mu_p * sin2_theta_W),
    "nu n -> nu n": (-half, -g_A / 2, -half * (mu_p - mu_n) - 2 * mu_n * sin2_theta_W),
    "nu_e n -> e- p": (sp.Integer(1), g_A, mu_p - mu_n),
    "nubar_e p -> e+ n": (sp.Integer(1), g_A, mu_p - mu_n),
}



# --------------------------------------------------------------------------------------------
# PrintedEquation text and readings
# --------------------------------------------------------------------------------------------

_VEC = ("bold symbols (Omega, Omega', B-hat, q, P) are 3-vectors passed in; a plain q is |q| and q^2 "
        "is |q|^2; 'a.b c.d' is the product (a.b)(c.d)")
_PM = "+- is sign*, -+ is -sign* (sign = +1 nu, -1 nubar)"

TEXT: dict[str, PrintedEquation] = {
    "2": PrintedEquation(
        "nuN Eq. 2",
        r"u^s_N(p) \bar u^s_N(p) = \frac12 [ (1 - s\gamma_5\gamma^3)(1 + \gamma^0 + \frac{p^i}{m}\gamma^i) "
        r"- s \frac{p^3}{m} \gamma_5 (1 + \gamma^0) ], and the same with s', p' for the final nucleon",
        "flattened indices read as gamma^0, gamma^3, gamma^i (upper) and p^i, p^3 (upper, the Cartesian "
        "components p[i-1]); repeated i summed over 1..3; '1' is the 4x4 identity; the printed 1/2 kept",
    ),
    "4": PrintedEquation(
        "nuN Eq. 4",
        r"|M^{(0)}_{ss'}(\Omega,\Omega')|^2 = \frac{G_F^2}{2} [ c_V^2 + 3c_A^2 + (c_V^2 - c_A^2)\Omega\cdot\Omega' "
        r"+ 2c_A(c_V + c_A)(s\Omega + s'\Omega')\cdot\hat B + 2c_A(c_V - c_A)(s\Omega' + s'\Omega)\cdot\hat B "
        r"+ ss'\{(c_V^2 - c_A^2)(1 + \Omega\cdot\Omega') + 4c_A^2 \Omega\cdot\hat B \, \Omega'\cdot\hat B\} ]",
        "read as printed; " + _VEC,
    ),
    "5": PrintedEquation(
        "nuN Eq. 5",
        r"\delta|M_{ss'}(\Omega,\Omega',q)|^2 = \frac{G_F^2}{2m} [ \pm 2c_A(c_V + F_2) q\cdot(\Omega - \Omega') "
        r"+ 2c_A(c_V + F_2)(s - s') q\cdot\hat B \pm 2c_A(c_V + F_2) ss' q\cdot\hat B (\Omega' - \Omega)\cdot\hat B "
        r"+ c_A(c_V + F_2)(s' - s)(q\cdot\Omega \, \Omega'\cdot\hat B + q\cdot\Omega' \, \Omega\cdot\hat B) "
        r"\mp c_V(c_V + F_2)(s + s')\{(\Omega' \times \Omega) \times q\}\cdot\hat B ]",
        "read as printed; every q is the vector q = k - k'; " + _VEC + "; " + _PM,
    ),
    "6": PrintedEquation(
        "nuN Eq. 6",
        r"\delta|\tilde M_{ss'}(\Omega,\Omega',P)|^2 = \frac{G_F^2}{2m} [ -\{c_V^2 + c_A^2 + (c_V^2 - c_A^2)ss'\} "
        r"P\cdot(\Omega + \Omega') - 2c_Vc_A(s + s') P\cdot\hat B - 2c_A^2 ss' P\cdot\hat B (\Omega + \Omega')\cdot\hat B "
        r"- c_Vc_A(s + s')(P\cdot\Omega \, \Omega'\cdot\hat B + P\cdot\Omega' \, \Omega\cdot\hat B) "
        r"\pm c_A(s' - s)\{(\Omega' \times \Omega) \times P\}\cdot\hat B ]",
        "read as printed; P = p + p' is the vector argument; " + _VEC + "; " + _PM,
    ),
    "13": PrintedEquation(
        "nuN Eq. 13",
        r"S_0(q_0, q) = \frac{m^2T}{2\pi q} \frac{1}{1 - e^{-z}} \ln\left(\frac{1 + e^{-x_0}}{1 + e^{-x_0 - z}}\right)",
        "read as printed, with z and x_0 of Eq. 15 substituted",
    ),
    "14": PrintedEquation(
        "nuN Eq. 14",
        r"\delta S_{ss'} = -\frac{m^2T}{2\pi q} \frac{\delta x}{(e^{x_0} + 1)(1 + e^{-x_0 - z})}",
        "read as printed, with z, x_0 and delta x of Eq. 15 substituted (delta x in the literal reading "
        "recorded under Eq. 15)",
    ),
    "15": PrintedEquation(
        "nuN Eq. 15",
        r"z = \frac{q_0}{T}, \quad x_0 = \frac{(q_0 - q^2/2m)^2}{4T(q^2/2m)} - \frac{\mu_N}{T}, \quad "
        r"\delta x = -\frac{\mu_B B}{2T} \left[ \left(1 + \frac{2mq_0}{q^2}\right) s + "
        r"\left(1 - \frac{2mq_0}{q^2} s'\right) \right]",
        "q^2/2m read as q^2/(2m). delta x read literally: in the extraction the closing parenthesis of the "
        "first group comes before s (')' then 's+'), but that of the second group comes after s' ('s′' then "
        "')]'), the same in Eq. A10, so the print has s' inside: (1 - (2mq0/q^2) s'), and s' multiplies "
        "only 2mq0/q^2",
    ),
    "17": PrintedEquation(
        "nuN Eq. 17",
        r"\epsilon = \left[\frac{4(1 - \mu')T}{m}\right]^{1/2}, \quad u = \frac{k' - k}{\epsilon k}",
        "read as printed; mu' = Omega.Omega' (Eq. 9)",
    ),
    "18": PrintedEquation(
        "nuN Eq. 18",
        r"S_0(q_0, q) = \frac{m^2T}{2\pi q} n \left(\frac{2\pi^3}{m^3T^3}\right)^{1/2} "
        r"\exp\left[-\frac{(q_0 - q^2/2m)^2}{4Tq^2/(2m)}\right] \simeq \frac{\pi^{1/2} n}{\epsilon k} e^{-u^2} "
        r"\left[1 - \frac12\left(1 + \frac{k}{T}\right)\epsilon u + \epsilon u^3 + O(\epsilon^2)\right]",
        "the flattened '(q0 - q2/2m)\\n2' read as (q0 - q^2/(2m))^2 over 4T q^2/(2m); the series is kept to "
        "the printed O(eps), the O(eps^2) symbol dropped; k is the scalar neutrino energy",
    ),
    "19": PrintedEquation(
        "nuN Eq. 19",
        r"A_0 = \frac{k'^2}{(2\pi)^3} 2G_F^2 [c_V^2 + 3c_A^2 + (c_V^2 - c_A^2)\mu'] S_0(q_0, q)",
        "read as printed; S_0 kept as the symbol S0",
    ),
    "20": PrintedEquation(
        "nuN Eq. 20",
        r"\delta A_\pm = \frac{k'^2}{(2\pi)^3} 4G_F^2 c_A \frac{\mu_B B}{T} \left(c_V \pm 2c_A \frac{mq_0}{q^2}\right) "
        r"S_0(q_0, q)",
        "read as printed; sign = +1 gives delta A_+, -1 gives delta A_-; S_0 kept as the symbol S0",
    ),
    "21": PrintedEquation(
        "nuN Eq. 21",
        r"A_0^{WM} = -\frac{k'^2}{(2\pi)^3} \frac{4G_F^2}{m} \left[ (c_V^2 + c_A^2)\frac{mq_0}{q^2} q\cdot(\Omega + \Omega') "
        r"\pm c_A(c_V + F_2) q\cdot(\Omega' - \Omega) \right] \times S_0(q_0, q)",
        "read as printed; q in 'q.(...)' is the vector, q^2 the squared magnitude; " + _PM,
    ),
    "22": PrintedEquation(
        "nuN Eq. 22",
        r"\delta B^{WM} = \frac{k'^2}{(2\pi)^3} \frac{2G_F^2}{m} \frac{\mu_B B}{T} \left[ 4c_AF_2 \frac{mq_0}{q^2} k "
        r"- 2c_A(2c_V + F_2) \frac{mq_0}{q^2} q\cdot\Omega' \pm \left\{ 4c_A^2 \frac{mT}{q^2}\left(1 - "
        r"\frac{mq_0^2}{Tq^2}\right) - c_V(c_V + F_2) \right\} q\cdot\Omega' \right] S_0(q_0, q)",
        "the bracket opened before the page break (page 8) closes after it: the '+-{...} q.Omega'' line "
        "continues the same bracket, then ']S0(q0, q)'; 'mq20' read as m q0^2; k is the scalar neutrino "
        "energy; " + _PM,
    ),
    "23": PrintedEquation(
        "nuN Eq. 23",
        r"\delta C^{WM} = \frac{k'^2}{(2\pi)^3} \frac{2G_F^2}{m} \frac{\mu_B B}{T} \left[ -4c_AF_2 \frac{mq_0}{q^2} k' "
        r"- 2c_A(2c_V + F_2) \frac{mq_0}{q^2} q\cdot\Omega \mp \left\{ 4c_A^2 \frac{mT}{q^2}\left(1 - "
        r"\frac{mq_0^2}{Tq^2}\right) - c_V(c_V + F_2) \right\} q\cdot\Omega \right] S_0(q_0, q)",
        "read as printed (one bracket over three lines, all after the page break); 'mq20' read as m q0^2; "
        "k' is the scalar; " + _PM,
    ),
    "25": PrintedEquation(
        "nuN Eq. 25",
        r"\left[\frac{\partial f_\nu(k)}{\partial t}\right]_{sc} = \int_0^\infty dk' \int d\Omega' "
        r"\frac{d\Gamma}{dk' d\Omega'} [C(k, k')\delta f'_\nu + D(k, k')\delta f_\nu]",
        "eq25 returns the integrand, rate*(C dfp + D df), C and D from Eqs. 26-27; the dk' dOmega' "
        "integrals are the caller's; delta f_nu = f_nu - f_nu^(0), delta f'_nu its value at k'",
    ),
    "26": PrintedEquation(
        "nuN Eq. 26",
        r"C(k, k') = e^{-q_0/T}(1 - f^{(0)}_\nu) + f^{(0)}_\nu",
        "read as printed; the flattened 'e-q0/T' is exp(-q0/T); f^(0)_nu (unprimed) is f0 = f_nu^(0)(k)",
    ),
    "27": PrintedEquation(
        "nuN Eq. 27",
        r"D(k, k') = -\left[e^{-q_0/T} f^{(0)\prime}_\nu + 1 - f^{(0)\prime}_\nu\right]",
        "read as printed; the primed f^(0)'_nu is f_nu^(0)(k') (the symbol f0p); the bracket encloses all "
        "three terms, so the leading minus multiplies all of them",
    ),
    "31": PrintedEquation(
        "nuN Eq. 31",
        r"\int \frac{d\Omega}{4\pi} \Omega \left[\frac{\partial f_\nu(k)}{\partial t}\right]_{sc} = V_0 \pm \delta V^B_\pm "
        r"+ \delta V^{WM}_0 \pm \delta V^{WM}_\pm + \delta V^{B,WM}_0 \pm \delta V^{B,WM}_\pm",
        "right side only, Eqs. 32-37 put in; the flattened 'V 0', 'δV B ±' read as V_0, delta V^B_+- "
        "(superscript B, WM or B,WM; subscript 0 or +-); the +- before each +--subscripted term is sign*, "
        "the Eq. 33/35/37 forms being printed without it; returned as the part along h (V_0, dV^WM_0, "
        "+- dV^WM_+-) and the coefficient of B-hat (+- dV^B_+-, dV^{B,WM}_0, +- dV^{B,WM}_+-)",
    ),
    "32": PrintedEquation(
        "nuN Eq. 32",
        r"V_0 = -\frac{2G_F^2k^2}{3\pi} n(c_V^2 + 5c_A^2) \mathbf h",
        "'2G2Fk2' read as 2 G_F^2 k^2, 'c2V', 'c2A' as c_V^2, c_A^2; h (bold) is one component of h",
    ),
    "33": PrintedEquation(
        "nuN Eq. 33",
        r"\delta V^B_\pm = -\frac{4G_F^2k^2}{3\pi} n \frac{\mu_B B}{T} c_A^2 \left[\left(1 - 2f^{(0)}_\nu\right) g "
        r"+ T\frac{\partial g}{\partial k}\right] \hat B",
        "'(1-2f(0)ν)' read as (1 - 2 f0); T dg/dk is T*dg; returned as the coefficient of B-hat, without "
        "the +- that Eq. 31 puts in front",
    ),
    "34": PrintedEquation(
        "nuN Eq. 34",
        r"\delta V^{WM}_0 = -\frac{2G_F^2k^2}{3\pi} n \frac{k}{m} \left[\left\{-3(c_V^2 + 3c_A^2)\left(1 - 2f^{(0)}_\nu\right) "
        r"+ 5(c_V^2 + 9c_A^2)\frac{T}{k} + 2(c_V^2 + 5c_A^2) k\frac{\partial f^{(0)}_\nu}{\partial k}\right\} \mathbf h "
        r"+ 2c_A^2\left(1 - 2f^{(0)}_\nu + \frac{6T}{k}\right) k\frac{\partial \mathbf h}{\partial k} "
        r"+ 2c_A^2 kT \frac{\partial^2 \mathbf h}{\partial k^2}\right]",
        "one bracket over three lines; the brace closes after the k df0/dk term and multiplies h; the "
        "parenthesis '(1 - 2f0 + 6T/k)' closes after 6T/k (6T/k inside), then 'k dh/dk'; 'kT d2h/dk2' is "
        "k*T*d2h; the T/k term of the brace is printed +5(c_V^2 + 9c_A^2) (Eq. 41 has -5)",
    ),
    "35": PrintedEquation(
        "nuN Eq. 35",
        r"\delta V^{WM}_\pm = -\frac{16G_F^2k^2}{3\pi} n \frac{k}{m} c_A(c_V + F_2) \mathbf h",
        "read as printed; '16G2Fk2' is 16 G_F^2 k^2; without the +- of Eq. 31",
    ),
    "36": PrintedEquation(
        "nuN Eq. 36",
        r"\delta V^{B,WM}_0 = -\frac{4G_F^2k^2}{9\pi} n \frac{\mu_B B}{T} \frac{k}{m} c_A \left[\left\{(-2c_V + 5F_2)"
        r"\left(1 - 2f^{(0)}_\nu\right) + 2c_V k\frac{\partial f^{(0)}_\nu}{\partial k}\right\} g "
        r"- \left\{c_V\left(1 - 2f^{(0)}_\nu\right) + (2c_V - 5F_2)\frac{T}{k}\right\} k\frac{\partial g}{\partial k} "
        r"- c_V kT \frac{\partial^2 g}{\partial k^2}\right] \hat B",
        "one bracket over two lines; the first brace closes after 2c_V k df0/dk and multiplies g; the "
        "second brace (after the line-initial minus) closes after (2c_V - 5F_2) T/k and multiplies k dg/dk; "
        "the last term -c_V k T d2g/dk2; returned as the coefficient of B-hat",
    ),
    "37": PrintedEquation(
        "nuN Eq. 37",
        r"\delta V^{B,WM}_\pm = -\frac{4G_F^2k^2}{9\pi} n \frac{\mu_B B}{m} c_A^2 \left[\left\{69\left(1 - 2f^{(0)}_\nu\right) "
        r"- 68k\frac{\partial f^{(0)}_\nu}{\partial k} - 12k^2\frac{\partial^2 f^{(0)}_\nu}{\partial k^2}\right\} g "
        r"+ \left\{34\left(1 - 2f^{(0)}_\nu\right) + \frac{2k}{T} + \frac{69T}{k}\right\} k\frac{\partial g}{\partial k} "
        r"+ 2\left\{3\left(1 - 2f^{(0)}_\nu\right) + \frac{17T}{k}\right\} k^2\frac{\partial^2 g}{\partial k^2} "
        r"+ 4k^2T\frac{\partial^3 g}{\partial k^3}\right] \hat B",
        "the prefactor is mu_B B/m (no separate k/m, unlike Eq. 36); the first brace runs over two lines "
        "('-12k2 d2f0/dk2' continues it) and multiplies g; the second brace holds 34(1 - 2f0), 2k/T "
        "(k over T, as extracted) and 69T/k and multiplies k dg/dk; '2{3(1 - 2f0) + 17T/k} k2 d2g/dk2' and "
        "'4k2T d3g/dk3' are 2*(...)*k^2*d2g and 4*k^2*T*d3g; coefficient of B-hat, without the +- of Eq. 31",
    ),
    "38": PrintedEquation(
        "nuN Eq. 38",
        r"\mathbf h(k) \simeq -\frac{1}{3\kappa_0} \nabla\left(f^{(0)}_\nu(k) + g(k)\right)",
        "eq38 takes the component of grad(f0 + g) as its argument; kappa_0 from Eq. 39",
    ),
    "39": PrintedEquation(
        "nuN Eq. 39",
        r"\kappa_0 = \frac{2G_F^2k^2}{3\pi} n(c_V^2 + 5c_A^2)",
        "read as printed ('2G2Fk2' is 2 G_F^2 k^2); the same prefactor as Eq. 32, so V_0 = -kappa_0 h",
    ),
    "40": PrintedEquation(
        "nuN Eq. 40",
        r"F_\nu(k) + F_{\bar\nu}(k) = -\frac{2}{3\kappa_0}\left(1 - \delta^{(1)}\right)\nabla U_\nu(k) "
        r"+ \delta^{(2)}\left[\left(1 - 2f^{(0)}_\nu + \frac{6T}{k}\right) k\frac{\partial}{\partial k}"
        r"\left(\frac{\nabla U_\nu(k)}{\kappa_0}\right) + kT\frac{\partial^2}{\partial k^2}\left(\frac{\nabla U_\nu(k)}"
        r"{\kappa_0}\right)\right] + \left[\epsilon^{(1)}\delta U_\nu(k) + \epsilon^{(2)}k\frac{\partial}{\partial k}"
        r"\delta U_\nu(k) + \epsilon^{(3)}k^2\frac{\partial^2}{\partial k^2}\delta U_\nu(k)\right]\hat B",
        "three printed lines, read as three added terms: the second line '+ delta(2)[...]' is not inside "
        "the first term (no enclosing bracket is printed), so it carries no -2/(3 kappa_0); (6T/k) sits "
        "inside the parenthesis, as in Eq. 34; the k-derivatives act on the quotient grad U/kappa_0 "
        "(kappa_0 of Eq. 39, k-dependent through k^2) and on delta U, taken by sp.diff on the passed "
        "expressions; 'grad' is the sum of the first two terms (one component), 'B' the coefficient of "
        "B-hat; deltas and epsilons from Eqs. 41-45",
    ),
    "41": PrintedEquation(
        "nuN Eq. 41",
        r"\delta^{(1)} = \frac{k}{m}\frac{1}{c_V^2 + 5c_A^2}\left[-3(c_V^2 + 3c_A^2)\left(1 - 2f^{(0)}_\nu\right) "
        r"- 5(c_V^2 + 9c_A^2)\frac{T}{k} + 2(c_V^2 + 5c_A^2) k\frac{\partial f^{(0)}_\nu}{\partial k}\right]",
        "read as printed (bracket over two lines); the T/k term is printed with -5, where Eq. 34's "
        "brace has +5",
    ),
    "42": PrintedEquation(
        "nuN Eq. 42",
        r"\delta^{(2)} = \frac{4k}{3m}\frac{c_A^2}{c_V^2 + 5c_A^2}",
        "read as printed",
    ),
    "43": PrintedEquation(
        "nuN Eq. 43",
        r"\epsilon^{(1)} = \frac{4k}{3m}\frac{\mu_B B}{T}\frac{c_A}{(c_V^2 + 5c_A^2)^2}\left[\left\{2c_V(c_V^2 + 17c_A^2) "
        r"- F_2(5c_V^2 + c_A^2)\right\}\left(1 - 2f^{(0)}_\nu\right) - 2c_V(c_V^2 + 5c_A^2) k\frac{\partial f^{(0)}_\nu}"
        r"{\partial k}\right]",
        "the brace {2c_V(c_V^2 + 17c_A^2) - F_2(5c_V^2 + c_A^2)} closes before (1 - 2f0) and multiplies it; "
        "the line-initial '-2c_V(c_V^2 + 5c_A^2) k df0/dk' is the second term of the same bracket; "
        "'(c2V + 5c2A)\\n2' is (c_V^2 + 5c_A^2)^2",
    ),
    "44": PrintedEquation(
        "nuN Eq. 44",
        r"\epsilon^{(2)} = \frac{4k}{3m}\frac{\mu_B B}{T}\frac{c_A}{(c_V^2 + 5c_A^2)^2}\left[c_V^3\left(1 + \frac{2T}{k}\right) "
        r"+ c_Vc_A^2\left(5 + \frac{34T}{k}\right) - 2c_V(c_V^2 + 5c_A^2)f^{(0)}_\nu - F_2(5c_V^2 + c_A^2)\frac{T}{k}\right]",
        "'c3V' is c_V^3, 'cV c2A' is c_V c_A^2; the parentheses close after 2T/k and 34T/k; f0 enters "
        "undifferentiated and not as (1 - 2f0); the bracket's second line continues it",
    ),
    "45": PrintedEquation(
        "nuN Eq. 45",
        r"\epsilon^{(3)} = \frac{4\mu_B B}{3m}\frac{c_Vc_A}{c_V^2 + 5c_A^2}",
        "read as printed (no 1/T and no k, unlike Eqs. 43-44)",
    ),
    "46": PrintedEquation(
        "nuN Eq. 46",
        r"\alpha_{sc} = \frac{\int_0^\infty dk \int R_\nu^2(k) d\Omega [F_\nu(k) + F_{\bar\nu}(k)]\cdot\hat B}"
        r"{\int_0^\infty dk \int R_\nu^2(k) d\Omega [F_\nu(k) + F_{\bar\nu}(k)]\cdot\hat r} \simeq "
        r"\frac{\int_0^\infty dk R_\nu^2(k)[\epsilon^{(1)}\delta U_\nu(k) + \epsilon^{(2)}k\frac{\partial}{\partial k}"
        r"\delta U_\nu(k) + \epsilon^{(3)}k^2\frac{\partial^2}{\partial k^2}\delta U_\nu(k)]}"
        r"{\int_0^\infty dk R_\nu^2(k)\frac{2}{3\kappa_0}\left|\frac{dU_\nu(k)}{dr}\right|_{\nu sph.}}",
        "eq46 returns the integrands of the approximate (second) form; R_nu(k) is the local symbol R_nu, "
        "|dU_nu(k)/dr| at the neutrinosphere the local symbol dUdr_abs; delta U_nu and its k-derivatives "
        "are the jets dU, d_dU, d2_dU; kappa_0 from Eq. 39; the k-integrals are the caller's",
    ),
    "47": PrintedEquation(
        "nuN Eq. 47",
        r"F^{drift}_{\nu_e} = -\frac{\kappa_0^{*(abs)}}{3\kappa_0^{(tot)}}\epsilon_{abs}\delta U_{\nu_e}(k)\hat B, "
        r"\kappa_0^{(tot)} = \kappa_0^{*(abs)} + \kappa_0, \kappa_0^{*(abs)} = \kappa_0^{(abs)}[1 + e^{(\mu_\nu - k)/T}]",
        "the definitions of kappa*^(abs)_0 and kappa^(tot)_0 that follow in the text are included; "
        "'e(µν−k)/T' is exp((mu_nu - k)/T); kappa_0^(abs) from Eq. 48, kappa_0 from Eq. 39 (with its "
        "density n, the caller's), eps_abs from Eq. 49; flux_over_dU is the coefficient of "
        "delta U_nu_e(k) B-hat",
    ),
    "48": PrintedEquation(
        "nuN Eq. 48",
        r"\kappa_0^{(abs)} = \frac{G_F^2}{\pi}(k + m_n - m_p)^2 n_n(c_V^2 + 3c_A^2)[1 - f_e(k + m_n - m_p)]",
        "'nn(c2V' read as n_n (c_V^2 ...; m_n - m_p is Delta_np; f_e (not defined in this section) read as "
        "the electron Fermi-Dirac distribution at (T, mu_e), f_e(E) = 1/(e^((E - mu_e)/T) + 1), written out",
    ),
    "49": PrintedEquation(
        "nuN Eq. 49",
        r"\epsilon_{abs} = \frac12\frac{eB}{(k + m_n - m_p)^2}\frac{c_V^2 - c_A^2}{c_V^2 + 3c_A^2} "
        r"+ 2\frac{c_A(c_A + c_V)}{c_V^2 + 3c_A^2}\frac{\mu_{Bn}B}{T} - \frac{T}{k + m_n - m_p}"
        r"\left[1 + \frac{k + m_n - m_p}{T}f_e(k + m_n - m_p)\right] \times \left[2\frac{c_A(c_A + c_V)}{c_V^2 + 3c_A^2}"
        r"\frac{\mu_{Bn}B}{T} + 2\frac{c_A(c_A - c_V)}{c_V^2 + 3c_A^2}\frac{\mu_{Bp}B}{T}\right]",
        "the page break ('13') between the first bracket and the line '× [...]' is skipped: the second "
        "bracket multiplies only the third term, -T/(k + Delta)[1 + ...]; the leading 1/2 multiplies only "
        "the first term (no enclosing bracket is printed); 'eB' is e_charge*B, 'µBnB' mu_Bn*B, 'µBpB' "
        "mu_Bp*B; f_e as in Eq. 48; Delta = m_n - m_p is Delta_np",
    ),
    "50": PrintedEquation(
        "nuN Eq. 50",
        r"R_{sc/abs} = \left|\frac{2\int_0^\infty dk[\epsilon^{(1)}\delta U_{\nu_\mu}(k) + \epsilon^{(2)}k\frac{\partial}"
        r"{\partial k}\delta U_{\nu_\mu}(k) + \epsilon^{(3)}k^2\frac{\partial^2}{\partial k^2}\delta U_{\nu_\mu}(k)]}"
        r"{\int_0^\infty dk\frac{\kappa_0^{*(abs)}}{3\kappa_0^{(tot)}}\epsilon_{abs}\delta U_{\nu_e}(k)}\right|",
        "eq50 returns the integrands: the numerator with the printed 2 taken inside the integral and "
        "delta U_nu_mu(k) carried by the jets dU, d_dU, d2_dU; the denominator with the local symbol dU_e "
        "for delta U_nu_e(k) and Eqs. 47-49 put in; the modulus and the k-integrals are the caller's",
    ),
    "51": PrintedEquation(
        "nuN Eq. 51",
        r"U_{\nu_e}(k) = \frac{k^3}{2\pi^2}\frac{1}{e^{k/T^{eff}_e} + 1}",
        "read as printed; 'ek/T eff e + 1' is e^(k/T_eff_e) + 1; T_eff_e independent of k (as stated)",
    ),
    "52": PrintedEquation(
        "nuN Eq. 52",
        r"U_{\nu_\mu}(k) = \frac{k^3}{2\pi^2}\frac{1}{e^{k/T^{eff}_\mu} + 1}",
        "read as printed; T_eff_mu independent of k (as stated)",
    ),
    "A2": PrintedEquation(
        "nuN Eq. A2",
        r"\frac{\mathbf q}{2\pi q} \int_0^\infty dp\, p^3 \int_{-1}^{1} d\mu\, \mu\, \delta(q_0 + E - E') f_N(E)[1 - f_N(E')],"
        r" \mu = \mathbf p\cdot\mathbf q/pq, E' = -\mu_B B s' + (\mathbf p + \mathbf q)^2/2m",
        "the numerator q is bold (the result is a vector: P integrated over the azimuth of p about q), the "
        "denominator q plain, so the prefactor is q-hat/(2 pi); eqA2 returns 1/(2 pi), the coefficient of "
        "q-hat (1/(2 pi q) would be the coefficient of the vector q)",
    ),
    "A3": PrintedEquation(
        "nuN Eq. A3",
        r"p^2 \ge p_{min}^2 = \left[\frac{q_0 - q^2/2m - \mu_B B(s - s')}{q/m}\right]^2",
        "read as printed; q^2/2m as q^2/(2m); eqA3 returns p_min^2",
    ),
    "A4": PrintedEquation(
        "nuN Eq. A4",
        r"\frac{m^3\mathbf q}{2\pi q^3} \int_{E_{min}}^\infty dE \left[q_0 - \frac{q^2}{2m} - \mu_B B(s - s')\right] "
        r"f_N(E)[1 - f_N(E + q_0)] = \frac{m\mathbf q}{q^2}\left[q_0 - \frac{q^2}{2m} - \mu_B B(s - s')\right] "
        r"S_{ss'}(q_0, q)",
        "the numerator q on each side is bold (both sides are vectors), q^3 and q^2 plain; the returned "
        "coefficients multiply the vector q, the left one times the bare integral of f_N(E)[1 - f_N(E + q0)] "
        "(the E-independent bracket taken out of the integral), the right one times S_{ss'}",
    ),
    "A5": PrintedEquation(
        "nuN Eq. A5",
        r"E_{min} = -\mu_B B s + \frac{[q_0 + q^2/2m - \mu_B B(s - s')]^2}{4(q^2/2m)}",
        "read literally, with the printed '+ q^2/2m' inside the square (as in Eq. A8)",
    ),
    "A6": PrintedEquation(
        "nuN Eq. A6",
        r"\frac{m^3\mathbf q}{2\pi q^3} \int_{E'_{min}}^\infty dE' \left[q_0 + \frac{q^2}{2m} - \mu_B B(s - s')\right] "
        r"f_N(E' - q_0)[1 - f_N(E')] = \frac{m\mathbf q}{q^2}\left[q_0 + \frac{q^2}{2m} - \mu_B B(s - s')\right] "
        r"\tilde S_{ss'}(q_0, q)",
        "as Eq. A4: numerator q bold, coefficients returned multiply the vector q (left: times the bare "
        "integral of f_N(E' - q0)[1 - f_N(E')]; right: times S~_{ss'})",
    ),
    "A7": PrintedEquation(
        "nuN Eq. A7",
        r"\tilde S_{ss'}(q_0, q) = \frac{m^2}{2\pi q} \int_{E'_{min}}^\infty dE' f_N(E' - q_0)[1 - f_N(E')]",
        "eqA7 returns the prefactor m^2/(2 pi q) of the integral",
    ),
    "A8": PrintedEquation(
        "nuN Eq. A8",
        r"E'_{min} = -\mu_B B s' + \frac{[q_0 + q^2/2m - \mu_B B(s - s')]^2}{4q^2/2m}",
        "the denominator '4q^2/2m' read as 4 q^2/(2m) (the paper's q^2/2m = q^2/(2m)), the same value as "
        "A5's 4(q^2/2m)",
    ),
    "A9": PrintedEquation(
        "nuN Eq. A9",
        r"\tilde S_{ss'}(q_0, q) = \frac{m^2T}{2\pi q} \int_{x'_{min}}^\infty dx' \left(\frac{1}{e^{x' - z} + 1}\right)"
        r"\left(\frac{1}{1 + e^{-x'}}\right) = \frac{m^2T}{2\pi q} \frac{1}{1 - e^{-z}} "
        r"\ln\left(\frac{1 + e^{-x'_{min} + z}}{1 + e^{-x'_{min}}}\right)",
        "eqA9 returns the final closed form, in z, x'_min (the symbol xp_min), T, m, q",
    ),
    "A10": PrintedEquation(
        "nuN Eq. A10",
        r"x'_{min} \simeq x'_0 + \delta x', \quad x'_0 = \frac{(q_0 + q^2/2m)^2}{4T(q^2/2m)} - \frac{\mu_N}{T}, \quad "
        r"\delta x' = \frac{-\mu_B B}{2T} \left[ \left(1 + \frac{2mq_0}{q^2}\right) s + "
        r"\left(1 - \frac{2mq_0}{q^2} s'\right) \right]",
        "delta x' read literally as Eq. 15's delta x: the closing parenthesis of the second group follows s' "
        "in the extraction, so s' multiplies only 2mq0/q^2",
    ),
    "A11": PrintedEquation(
        "nuN Eq. A11",
        r"\tilde S_{ss'} = \tilde S_0 + \delta\tilde S_{ss'}, \quad \tilde S_0(q_0, q) = \frac{m^2T}{2\pi q} "
        r"\frac{1}{1 - e^{-z}} \ln\left(\frac{1 + e^{-x'_0 + z}}{1 + e^{-x'_0}}\right), \quad "
        r"\delta\tilde S_{ss'}(q_0, q) = -\frac{m^2T}{2\pi q} \frac{\delta x}{(1 + e^{x'_0 - z})(1 + e^{-x'_0})}",
        "x'_0 from Eq. A10 and z = q0/T substituted; the print has delta x (not delta x') in delta S~, so "
        "Eq. 15's delta x (literal reading) is substituted",
    ),
    "A12": PrintedEquation(
        "nuN Eq. A12",
        r"\frac{1}{1 - e^{-z}} \ln\left(\frac{1 + e^{-x'_0 + z}}{1 + e^{-x'_0}}\right) \simeq "
        r"\frac{1}{(1 + e^{x'_0 - z})(1 + e^{-x'_0})} \simeq e^{-x'_0 + z} = "
        r"\exp\left[\frac{\mu_N}{T} - \frac{(q_0 - q^2/2m)^2}{4T(q^2/2m)}\right]",
        "the three forms after the first, x'_0 from Eq. A10 and z = q0/T substituted; stated for mu_N/T << -1",
    ),
    "A13": PrintedEquation(
        "nuN Eq. A13",
        r"\int \frac{d^3p}{(2\pi)^3} \frac{d^3p'}{(2\pi)^3} (2\pi)^4 \delta^4(p + k - p' - k') f_N(1 - f'_N) \mathbf P "
        r"= \frac{2m\mathbf q}{q^2} [q_0 - \mu_B B(s - s')] S_{ss'}(q_0, q)",
        "the numerator q is bold (the left side is a vector), q^2 plain; eqA13 returns the coefficient of "
        "the vector q times S_{ss'}",
    ),
    "table1": PrintedEquation(
        "nuN Table I",
        "Coupling constants. Here g_A ~ 1.26, sin^2 theta_W ~ 0.23, mu_p = 1.793, mu_n = -1.913. "
        "nu p -> nu p: c_V = 1/2 - 2 sin^2 theta_W, c_A = g_A/2, F_2 = (1/2)(mu_p - mu_n) - 2 mu_p sin^2 theta_W; "
        "nu n -> nu n: c_V = -1/2, c_A = -g_A/2, F_2 = -(1/2)(mu_p - mu_n) - 2 mu_n sin^2 theta_W; "
        "nu_e n -> e^- p: 1, g_A, mu_p - mu_n; nubar_e p -> e^+ n: 1, g_A, mu_p - mu_n",
        "flattened '1\\n2' read as 1/2 and 'sin\\n2 theta_W' as sin^2 theta_W; mu_p, mu_n are the "
        "caption's numbers (the anomalous moments); the caption's values are TABLE_I_INPUTS",
    ),
}
