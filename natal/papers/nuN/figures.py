"""Figures of the `nuN` paper's Sec. V: Fig. 1 (R_sc/abs over T_eff_e, T_eff_mu) and the drift-flux
coefficients of Eqs. 41-45 against energy, natal's beside the printed ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from natal.codegen import stored
from natal.numerics import constants
from natal.numerics.nuN import drift_ratio as kr
from natal.numerics.nuN.couplings import couplings
from natal.numerics.plotting import new_figure, save, stamp

__all__ = ["fig1", "fig_coefficients", "FIG1_T_EFF_E", "FIG1_T_EFF_MU"]

#: Fig. 1's axes: the text discusses T_eff_e from the matter temperature (3 MeV) up, T_eff_mu up to 8 MeV.
FIG1_T_EFF_E = (3.01, 4.5)
FIG1_T_EFF_MU = (3.0, 8.5)


def fig1(path: Path, grids: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> Path:
    """Contour maps of log10 R_sc/abs, one panel per entry of ``grids`` (label -> (T_e, T_mu, R))."""
    fig, axes = new_figure(len(grids), width=5.2, height=4.4, squeeze=False)
    levels = np.arange(-4, 4.01, 0.5)
    for ax, (label, (te, tm, R)) in zip(axes[0], grids.items()):
        logR = np.log10(np.clip(R, 1e-12, None))
        cs = ax.contourf(te, tm, logR, levels=levels, cmap="viridis", extend="both")
        ax.contour(te, tm, logR, levels=[0.0], colors="w", linewidths=1.6)
        ax.plot([3.05, 3.3, 4.0], [8.0, 6.0, 4.0], "r+", ms=9)
        ax.set_xlabel(r"$T^{\rm eff}_e$ [MeV]")
        ax.set_ylabel(r"$T^{\rm eff}_\mu$ [MeV]")
        ax.set_title(label, fontsize=9)
        fig.colorbar(cs, ax=ax, label=r"$\log_{10} R_{\rm sc/abs}$ (white: $R = 1$)")
    stamp(fig, "analytic", "T = 3 MeV, rho = 1e12 g/cm^3, Y_e = 0.3, neutrons")
    return save(fig, path)


#: how each source of a coefficient is drawn, and its evaluator (natal.papers.nuN.evaluators)
_SOURCES = (("natal, literal Eq. 40", "-", "nuN.coefficient_curves_literal"),
            ("natal, occupation reading", "--", "nuN.coefficient_curves_occupation"),
            ("printed", ":", "nuN.coefficient_curves_printed"))
_FIELDS = ("delta1", "delta2", "eps1", "eps2", "eps3")
_SYMBOLS = {"delta1": r"$\delta^{(1)}$", "delta2": r"$\delta^{(2)}$", "eps1": r"$\epsilon^{(1)}$",
            "eps2": r"$\epsilon^{(2)}$", "eps3": r"$\epsilon^{(3)}$"}


def fig_coefficients(path: Path, site: kr.Neutrinosphere = kr.PAPER_SITE) -> str:
    """delta1, delta2 (per k/m) and eps1, eps2, eps3 (per mu_B B/m) vs k/T for nu-n scattering:
    natal's (literal reading of Eq. 40, solid), natal's in the occupation reading (dashed) and as
    printed (dotted).  Sources whose curves coincide (to 1e-9 relative) are drawn once, and the legend
    names them together.  Returns the figure's caption, which says which ones coincide."""
    cv, ca, f2 = couplings("nu n -> nu n")
    kT = np.linspace(0.3, 10, 200)
    mass = constants.m_n_c2_MeV
    # f0 Fermi-Dirac at (T, mu_nu = 0); mu_B = B = 1 and the eps's are drawn per mu_B B/m
    curves_of = {label: dict(zip(_FIELDS, stored.build(name)(kT * site.T, site.T, 0.0, mass, 1.0, 1.0, cv, ca, f2)))
                 for label, _, name in _SOURCES}
    fig, axes = new_figure(2, width=5.6, height=5.0)
    merged = []
    for name, scale, ax in (("delta", lambda kk: kk / mass, axes[0]), ("eps", lambda kk: 1.0 / mass, axes[1])):
        fields = ("delta1", "delta2") if name == "delta" else ("eps1", "eps2", "eps3")
        for i, field in enumerate(fields):
            curves: list[tuple[list[str], str, np.ndarray]] = []  # (sources, style, y): coinciding ones once
            for label, style, _ in _SOURCES:
                y = np.broadcast_to(curves_of[label][field], kT.shape) / scale(kT * site.T)
                same = next((c for c in curves if np.allclose(y, c[2], rtol=1e-9, atol=0)), None)
                if same is None:
                    curves.append(([label], style, y))
                else:
                    same[0].append(label)
            for sources, style, y in curves:
                if len(sources) > 1:
                    merged.append(f"{field}: {' = '.join(sources)}")
                ax.plot(kT, y, style, color=f"C{i}", lw=1.6, label=f"{_SYMBOLS[field]}: " + " = ".join(
                    s.replace("natal, ", "") for s in sources))
        ax.axhline(0, color="0.6", lw=0.6)
        ax.set_xlabel("k / T")
        ax.set_ylabel(r"$\delta^{(i)} / (k/m)$" if name == "delta" else r"$\epsilon^{(i)} / (\mu_B B/m)$")
        # below the axes, off the data
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=9, ncol=1, frameon=False)
    axes[0].set_title("Eqs. 41-42 (nu-n, T = 3 MeV)", fontsize=10)
    axes[1].set_title("Eqs. 43-45 (nu-n, T = 3 MeV)", fontsize=10)
    fig.suptitle("solid: natal, literal Eq. 40; dashed: natal, occupation reading; dotted: printed; "
                 "curves that coincide are drawn once", fontsize=9)
    stamp(fig, "analytic")
    save(fig, path)
    return ("delta^(1), delta^(2), eps^(1-3) of Eqs. 41-45 against k/T for nu-n scattering: natal in the "
            "literal reading of Eq. 40 (solid), natal in the occupation reading (dashed) and printed (dotted). "
            "Curves that coincide are drawn once in the style of the first: " + "; ".join(merged) + ".")
