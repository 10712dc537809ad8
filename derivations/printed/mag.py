"""The `mag` paper's equations exactly as printed (seed 000_278a21dc00fb86c1.txt).

Nothing here is derived and nothing here is used to derive: these forms are only ever compared with
``natal.derivations.mag.magnetogenesis``.  Each entry keeps the extracted text, the intended reading as
SymPy, and, where the print is broken notation (a derivative written as ``J^r/\\partial t``), the
literal reading too, so that a reader can see what was interpreted.

The symbols are those of ``natal.derivations.mag.symbols``, shared with the derivation (jets named by
``derivations.jets.jet_symbol``); ``natal.verify`` matches them by name.
"""

from __future__ import annotations

import sympy as sp

from natal.derivations.jets import jet_symbol
from natal.derivations.mag.symbols import (
    G, G_F, M, Omega, Omega_final, Q2, R, R_max, Rdot, c, k, psi, psi_max, q, r, sin2_theta_W, theta,
)
from natal.derivations.printed.form import PrintedEquation
from natal.derivations.printed.mag_data import G_F_PRINTED, PARAMETERS, STATED

__all__ = ["EQUATIONS", "G_F_PRINTED", "PARAMETERS", "STATED"]


J = jet_symbol("J_phi")
J_r, J_th, J_t = (jet_symbol("J_phi", w) for w in ("r", "theta", "t"))
J_rr = jet_symbol("J_phi", "r", "r")
J_rth = jet_symbol("J_phi", "r", "theta")
J_rt = jet_symbol("J_phi", "r", "t")
J_tht = jet_symbol("J_phi", "theta", "t")
v, v_r, v_th = jet_symbol("v_r"), jet_symbol("v_r", "r"), jet_symbol("v_r", "theta")
Jr_t = jet_symbol("J_r", "t")

sin, cos, cot = sp.sin(theta), sp.cos(theta), sp.cot(theta)


def _eq4() -> PrintedEquation:
    # G = sqrt2 G_F [delta_e,sigma delta_nu,nu_e + (I_sigma - 2 Q_sigma sin^2 theta_W)],
    # I = -1/2 (electron), +1/2 (proton); Q_sigma = q_sigma / e.
    def charge(is_e: int, is_nue: int, I: sp.Expr, Qs: int) -> sp.Expr:
        return sp.sqrt(2) * G_F * (is_e * is_nue + (I - 2 * Qs * sin2_theta_W))

    half = sp.Rational(1, 2)
    meant = {
        "G_e_nue": charge(1, 1, -half, -1),
        "G_e_numu": charge(1, 0, -half, -1),
        "G_p_nue": charge(0, 1, half, 1),
        "G_p_numu": charge(0, 0, half, 1),
    }
    return PrintedEquation(
        "mag Eq. 4",
        r"G_{\sigma\nu} \equiv \sqrt{2} G_F [\delta_{e\sigma} \delta_{\nu\nu_e} + (I_\sigma - 2Q_\sigma "
        r"\sin^2 \theta_W)], I_\sigma = -1/2 (electron), 1/2 (proton)",
        meant=meant,
        reading="instantiated for sigma in {e, p}, nu in {nu_e, nu_mu/tau} with the printed I_sigma, Q_sigma",
    )


def _eq5() -> PrintedEquation:
    braces = (
        v * (r * (cos * J_rth + r * sin * J_rr + J_r * (2 * sin + cos * cot)) + cos * J_th)
        + J * (cos * cot * v + r * sin * v_r + cos * v_th)
        + r * (
            r * sin * J_r * v_r + cos * J_r * v_th
            + r * sin * J_rt + cos * J_tht
            + (sin + cos * cot) * J_t
        )
    )
    return PrintedEquation(
        "mag Eq. 5",
        r"\partial_t B^z = \sum_\sigma\sum_\nu -\frac{G_{\sigma\nu} q_\sigma}{Q^2 r^2} \{ v^r [ r ( \cos\theta "
        r"\partial_r\partial_\theta J^\phi + r \sin\theta \partial_r^2 J^\phi + \partial_r J^\phi (2\sin\theta + "
        r"\cos\theta\cot\theta) ) + \cos\theta \partial_\theta J^\phi ] + J^\phi [ \cos\theta\cot\theta v^r + "
        r"r\sin\theta \partial_r v^r + \cos\theta \partial_\theta v^r ] + r [ r\sin\theta \partial_r J^\phi "
        r"\partial_r v^r + \cos\theta \partial_r J^\phi \partial_\theta v^r + r\sin\theta \partial_t\partial_r "
        r"J^\phi + \cos\theta \partial_t\partial_\theta J^\phi + (\sin\theta + \cos\theta\cot\theta) "
        r"\partial_t J^\phi ] \}",
        meant={"total": -G * q / (Q2 * r**2) * braces},
        reading="one (sigma, nu) term of the double sum; derivatives as jets",
    )


def _eq7() -> PrintedEquation:
    return PrintedEquation(
        "mag Eq. 7",
        r"R = \frac12 R_{max}(1 + \cos\psi), \dot R = -R_{max} \frac{k \sin\psi}{1 + \cos\psi}",
        meant={"R": R_max * (1 + sp.cos(psi)) / 2, "Rdot": -R_max * k * sp.sin(psi) / (1 + sp.cos(psi))},
    )


def _eq10() -> PrintedEquation:
    return PrintedEquation(
        "mag Eq. 10",
        r"t = \frac{\psi + \sin\psi}{2k}",
        meant={"t": (psi + sp.sin(psi)) / (2 * k)},
    )


def _eq9() -> PrintedEquation:
    return PrintedEquation(
        "mag Eq. 9",
        r"\rho_{nuc}(r, t) = \frac{15M}{8\pi R^3} (1 - r^2/R^2)",
        meant={"rho_nuc": 15 * M / (8 * sp.pi * R**3) * (1 - r**2 / R**2)},
    )


def _eq11() -> PrintedEquation:
    rho = 15 * M / (8 * sp.pi * R**3) * (1 - r**2 / R**2)  # Eq. 9
    v = Rdot * r / R  # Eq. 6, v = (Rdot/R) r
    return PrintedEquation(
        "mag Eq. 11",
        r"\partial_r \hat{M}_r = 4\pi r^2 \rho_{nuc}, \quad \partial_t \hat{M}_r = v_\sigma^r 4\pi r^2 \rho_{nuc}",
        meant={"dM_r_dr": 4 * sp.pi * r**2 * rho, "dM_r_dt": v * 4 * sp.pi * r**2 * rho},
        reading="rho_nuc from Eq. 9 and v_sigma^r from Eq. 6; d/dt at fixed r",
    )


def _eq14() -> PrintedEquation:
    return PrintedEquation(
        "mag Eq. 14",
        r"\int_0^{2\pi}\int_0^\pi\int_0^{R(\psi)} \Omega(\psi) r^4 \sin(\theta)^3 \rho_{nuc} dr d\theta d\phi "
        r"= \frac27 \Omega(\psi) M R_{max}^2 \cos^4(\psi/2)",
        meant={"L": sp.Rational(2, 7) * Omega * M * R_max**2 * sp.cos(psi / 2) ** 4},
        reading="right-hand side; the left-hand side is the definition the derivation integrates",
    )


def _eq15() -> PrintedEquation:
    exact = Omega_final * sp.cos(psi_max / 2) ** 4 / sp.cos(psi / 2) ** 4
    approx = sp.Float(PARAMETERS["Omega_prefactor_rad_s"]) / sp.cos(psi / 2) ** 4
    return PrintedEquation(
        "mag Eq. 15",
        r"\Omega = \Omega_{final} \frac{\cos^4(\psi_{max}/2)}{\cos^4(\psi/2)} \approx \frac{0.012}{\cos^4(\psi/2)}",
        meant={"Omega": exact},
        literal={"Omega_approx": approx},
        reading="the exact form is compared symbolically; the 0.012 rad/s prefactor (for a 0.1 s final "
        "period) numerically",
    )


def _eq16() -> PrintedEquation:
    # Printed: "- J^r/\partial t", "J^phi/\partial\theta", "r J^phi/\partial t": the derivative
    # symbol lost its numerator. The literal reading divides by a bare differential.
    d_t, d_th = sp.Symbol("partial_t"), sp.Symbol("partial_theta")
    Jr = jet_symbol("J_r")
    F_r = G / c * (Omega * sin * (J + r * J_r) - Jr_t)
    F_th = G / c * Omega * sin * (cot * J + J_th)
    F_phi = -G / (c * r) * (v * (J + r * J_r) + r * J_t)
    literal = {
        "F_r": G / c * (Omega * sin * (J + r * J_r) - Jr / d_t),
        "F_theta": G / c * Omega * sin * (cot * J + J / d_th),
        "F_phi": -G / (c * r) * (v * (J + r * J_r) + r * J / d_t),
    }
    return PrintedEquation(
        "mag Eq. 16",
        r"F^r = \sum_\nu \frac{G}{c} [\Omega\sin\theta (J^\phi + r \partial_r J^\phi) - \frac{J^r}{\partial t}], "
        r"F^\theta = \sum_\nu \frac{G}{c}\Omega\sin\theta(\cot\theta J^\phi + \frac{J^\phi}{\partial\theta}), "
        r"F^\phi = \sum_\nu -\frac{G}{cr}[v^r(J^\phi + r\partial_r J^\phi) + r\frac{J^\phi}{\partial t}]",
        meant={"F_r": F_r, "F_theta": F_th, "F_phi": F_phi},
        literal=literal,
        reading="broken notation: 'J^r/dt', 'J^phi/dtheta', 'J^phi/dt' read as the partial derivatives "
        "dJ^r/dt, dJ^phi/dtheta, dJ^phi/dt; taken literally they divide a density by a bare differential",
    )


EQUATIONS: dict[str, PrintedEquation] = {
    "4": _eq4(), "5": _eq5(), "7": _eq7(), "9": _eq9(), "10": _eq10(), "11": _eq11(), "14": _eq14(), "15": _eq15(), "16": _eq16(),
}
