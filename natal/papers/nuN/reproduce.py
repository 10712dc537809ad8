"""``natal reproduce --paper nuN``: Sec. V of the nu-N scattering paper, R_sc/abs (Eq. 50) and Fig. 1.

The paper states no numbers for R_sc/abs, only its Fig. 1 and a claim: the nu_mu,tau scattering drift
is "comparable to the effect by the charged-current interactions, when T_eff_e is extremely close to
the temperature at the neutrinosphere" (3 MeV).  natal recomputes R_sc/abs at three points of the
(T_eff_e, T_eff_mu) plane under every unstated option (numerics.nuN.drift_ratio), with the paper's printed
coefficients (Eqs. 43-45 applied to delta U as Eq. 50 does) and with natal's derived ones, and says
whether the claim survives.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import numpy as np

from natal.numerics.nuN import drift_ratio as kr
from natal.papers.nuN import figures
from natal.report import Report

__all__ = ["run", "POINTS", "CLAIM"]

TITLE = "Neutrino-nucleon scattering in supernova magnetic fields with weak magnetism and recoil"
#: the (T_eff_e, T_eff_mu) points [MeV] the report evaluates
POINTS = ((3.05, 8.0), (3.3, 6.0), (4.0, 4.0))
CLAIM = ("nu_mu,tau-N scattering drift comparable to nu_e absorption (R_sc/abs ~ 1) when T_eff_e is "
         "extremely close to 3 MeV (Fig. 1; T_eff_mu up to 8 MeV)")


def _variants() -> dict[str, kr.Options]:
    """natal's default and each unstated choice changed alone, for both coefficient sets."""
    out = {}
    for coefficients in kr.OPTION_VALUES["coefficients"]:
        base = kr.Options(coefficients=coefficients)
        out[f"{coefficients}"] = base
        for name, values in kr.OPTION_VALUES.items():
            if name == "coefficients":
                continue
            for value in values[1:]:
                out[f"{coefficients}, {name}={value}"] = kr.with_option(base, **{name: value})
    return out


def _where(table: dict[str, dict[tuple, float]], prefix: str, point: tuple) -> list[str]:
    return [name for name, row in table.items() if name.startswith(prefix) and row[point] >= 1.0]


def _beta_sentence(table: dict[str, dict[tuple, float]], pts: list[str]) -> str:
    """What a beta-equilibrium nu_e chemical potential does to R, said from the numbers."""
    rows = {c: table[f"{c}, mu_nu=beta"] for c in kr.OPTION_VALUES["coefficients"]}
    largest = max(max(row.values()) for row in rows.values())
    survivors = [f"{c} at {s}" for c, row in rows.items() for p, s in zip(POINTS, pts) if row[p] >= 1.0]
    if not survivors:
        return ("with the nu_e chemical potential of beta equilibrium (delta U_e then not small) R stays below 1 "
                f"for both coefficient sets at every point (at most {largest:.2g})")
    return ("with the nu_e chemical potential of beta equilibrium (delta U_e then not small) R still reaches 1 for "
            + ", ".join(survivors))


def _verdict(table: dict[str, dict[tuple, float]]) -> str:
    derived, printed = table["derived"], table["printed"]
    fmt = ", ".join
    pts = [f"({p[0]:g}, {p[1]:g})" for p in POINTS]
    lines = [
        "With the printed coefficients (Eqs. 43-45 applied to delta U as Eq. 50 does) R_sc/abs is "
        + fmt(f"{printed[p]:.3g} at {s}" for p, s in zip(POINTS, pts)) + " MeV (natal's default options).",
        "With natal's coefficients (Eq. 40 derived, in the same literal reading) it is "
        + fmt(f"{derived[p]:.3g}" for p in POINTS) + ": smaller by "
        + fmt(f"{printed[p] / derived[p]:.0f}x" for p in POINTS) + ". The printed eps^(i) are the coefficients "
        "of k-derivatives of the occupation number g, not of delta U = k^3 g/(2 pi^2) (nuN:eq40, nuN:eq43-45 in "
        "`natal verify`); applied to delta U they overstate the scattering drift.",
    ]
    for p, s in zip(POINTS, pts):
        lines.append(f"R >= 1 at {s} MeV: printed coefficients under "
                     + (fmt(f"`{n}`" for n in _where(table, "printed", p)) or "no option")
                     + "; natal's under " + (fmt(f"`{n}`" for n in _where(table, "derived", p)) or "no option") + ".")
    ok = derived[POINTS[0]] >= 1.0
    lines.append(
        ("Verdict: the paper's conclusion (scattering drift comparable to absorption for T_eff_e close to 3 MeV) "
         + ("survives natal's coefficients near T_eff_e = 3 MeV with T_eff_mu well above T, but only where the "
            "options above say so; " if ok else "does not survive natal's coefficients at the paper's own corner; ")
         + _beta_sentence(table, pts)
         + ", and the electron blocking the paper does not mention moves R by a factor "
         f"{derived[POINTS[0]] / table['derived, electron_blocking=False'][POINTS[0]]:.0f} at {pts[0]} MeV."))
    return "\n\n".join(lines)


def run(out: Path, progress: Callable[[str], None], n_grid: int = 41) -> Report:
    """Reproduce Sec. V into ``out`` (report.json, report.md, fig1.png, fig_coefficients.png)."""
    if n_grid < 5:
        raise ValueError(f"n_grid must be at least 5, got {n_grid}")
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    report = Report("nuN", TITLE)
    site = kr.PAPER_SITE
    report.settings = {
        "neutrinosphere": f"T = {site.T} MeV, rho = {site.rho:g} g/cm^3, Y_e = {site.Ye} (Sec. V), neutrons only",
        "electron chemical potential": f"{kr.electron_chemical_potential(site):.3f} MeV (relativistic electrons)",
        "beta-equilibrium nu_e chemical potential": f"{kr.beta_equilibrium_mu_nu(site):.3f} MeV",
        "couplings": "Table I at its caption's inputs (g_A = 1.26, sin^2 theta_W = 0.23, mu_p = 1.793, "
                     "mu_n = -1.913)",
        "default options": str(kr.Options()),
    }
    progress("[nuN] R_sc/abs at the three points under every option ...")
    table: dict[str, dict[tuple, float]] = {}
    for name, options in _variants().items():
        table[name] = {p: kr.kick_ratio(*p, options, site) for p in POINTS}
    # The paper states no number here, only its Fig. 1 and the claim: natal's numbers are a table
    # (variant by point), not quantities beside printed values.
    report.variants = [{"name": name, **{f"R({p[0]:g},{p[1]:g})": v for p, v in row.items()}}
                       for name, row in table.items()]
    progress(f"[nuN] Fig. 1 on a {n_grid} x {n_grid} grid, both coefficient sets ...")
    te = np.linspace(*figures.FIG1_T_EFF_E, n_grid)
    tm = np.linspace(*figures.FIG1_T_EFF_MU, n_grid)
    grids = {}
    for label, coefficients in (("paper's reading (Eqs. 43-45 as printed)", "printed"),
                                ("natal's coefficients (Eq. 40 derived)", "derived")):
        grids[label] = (te, tm, kr.kick_ratio_grid(te, tm, kr.Options(coefficients=coefficients), site))
    figures.fig1(out / "fig1.png", grids)
    report.figures["fig1.png"] = ("R_sc/abs (Eq. 50) over (T_eff_e, T_eff_mu), natal's default options; left the "
                                  "paper's printed coefficients, right natal's; white line R = 1; crosses the "
                                  "three reported points")
    report.figures["fig_coefficients.png"] = figures.fig_coefficients(out / "fig_coefficients.png", site)
    report.tables["points"] = [{"T_eff_e": p[0], "T_eff_mu": p[1],
                                **{name: row[p] for name, row in table.items()}} for p in POINTS]
    report.sections.append(("Does the paper's conclusion survive?",
                            f"The paper's claim: {CLAIM}. It states no number for R_sc/abs; the table of unstated "
                            "choices above gives natal's at three points of its Fig. 1 under each choice.\n\n"
                            + _verdict(table)))
    report.seconds = time.perf_counter() - start
    report.write(out)
    return report
