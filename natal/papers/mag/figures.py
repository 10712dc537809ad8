"""Figs. 1-8 of the `mag` paper, each stamped with what it rests on (analytic, surrogate or tables)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from natal.numerics.mag import magnetogenesis as mg
from natal.numerics.mag.collapse import TRAPPING_DENSITY, Collapse, TrappingGrid
from natal.numerics.plotting import colors, new_figure, save, stamp

__all__ = ["draw_all"]


def draw_all(out: Path, *, collapse: Collapse, grid: TrappingGrid, flux: mg.FluxGrid,
             window: mg.Window, source, synthetic, tables_dir: Path | None) -> dict[str, str]:
    """Draw every figure into ``out``; returns {file name: caption}."""
    table_set = source if tables_dir is not None else synthetic
    table_basis = ("tables", str(tables_dir)) if tables_dir is not None else (
        "surrogate", "natal's synthetic tables made from the surrogate")
    captions = {}
    captions.update(fig1(out, collapse))
    captions.update(fig2(out, table_set, table_basis))
    captions.update(fig3(out, table_set, table_basis))
    captions.update(fig4(out, table_set, table_basis))
    captions.update(fig5(out, table_set, table_basis))
    captions.update(fig6(out, grid, flux))
    captions.update(fig7(out, window, flux.label))
    captions.update(fig8(out, window, collapse, flux.label))
    return captions


def fig1(out: Path, collapse: Collapse) -> dict[str, str]:
    fig, ax = new_figure()
    psi = np.linspace(0, collapse.psi_max, 600)
    R = collapse.radius(psi)
    for frac, label in ((0.0, "centre"), (0.5, "R/2"), (0.99, "0.99 R")):
        ax.plot(psi, np.log10(collapse.density(frac * R, psi)), label=label)
    ax.axhline(np.log10(TRAPPING_DENSITY), ls="--", color="k", lw=1, label=r"$10^{11}$ g cm$^{-3}$ (trapping)")
    ax.set_xlabel(r"$\psi$ [rad]")
    ax.set_ylabel(r"$\log_{10}\,\rho_{\rm nuc}$ [g cm$^{-3}$]")
    # matplotlib also maps the axis margins, beyond the collapse: clip them into its range
    top = ax.secondary_xaxis("top", functions=(
        lambda p: collapse.time(np.clip(p, 0, collapse.psi_max)),
        lambda t: collapse.phase(np.clip(t, 0, collapse.t_max))))
    top.set_xlabel("t [s]")
    ax.legend()
    ax.set_title("Fig. 1: core density during the collapse (Eq. 9)", fontsize=10)
    stamp(fig, "analytic", "mag Eqs. 6-10")
    save(fig, out / "fig1.png")
    return {"fig1.png": "rho_nuc(psi) at the centre, R/2 and 0.99 R (Eq. 9 with R(psi) of Eq. 7); "
                        "the dashed line is the trapping density. Analytic."}


def _masked(grid: TrappingGrid, values: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(grid.trapped & (values > 0), np.log10(np.abs(values)), np.nan)


def fig6(out: Path, grid: TrappingGrid, flux: mg.FluxGrid) -> dict[str, str]:
    rows = np.any(grid.trapped, axis=1)
    t = np.broadcast_to(grid.t[rows, None], grid.r[rows].shape)
    r_km = grid.r[rows] / 1e5
    panels = [("(a) fluid frame $\\hat J^t = n$", flux.fluid_t), ("(a) fluid frame $\\hat J^r = F/c$", flux.fluid_r),
              ("(b) observer $J^t$", flux.obs_t), ("(b) observer $J^r$", flux.obs_r),
              ("(b) observer $J^\\phi$ ($\\theta=\\pi/4$)", flux.obs_phi)]
    fig, axes = new_figure(ncols=5, width=3.6, height=3.8, sharey=True)
    for ax, (title, values) in zip(axes, panels):
        z = _masked(grid, values)[rows]
        mesh = ax.pcolormesh(t, r_km, z, shading="gouraud", cmap="viridis")
        fig.colorbar(mesh, ax=ax, orientation="horizontal", pad=0.18,
                     label=r"$\log_{10}$ [cm$^{-3}$]")
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("t [s]")
        ax.tick_params(axis="x", labelsize=7)
    axes[0].set_ylabel("r [km]")
    stamp(fig, flux.label)
    save(fig, out / "fig6.png")
    return {"fig6.png": "nu_e number-flux components over the trapped bins of the (t, r) grid: fluid frame "
                        "(Eq. 13 summed over energy; natal's J^t is n, the paper's is n/c) and observer "
                        f"frame after the radial boost and the rotation (theta = pi/4); white: untrapped or non-positive "
                        "(inward) values. Near the centre the paper's Eq. 13 divides the matched shell's "
                        "luminosity by the grid bin's own 4 pi r^2, which can exceed free streaming (|J^r| > J^t); "
                        f"natal keeps the paper's procedure and shows it. Rests on: {flux.label}."}


_GROUP_LABELS = {
    "from_J_phi": r"$J^\phi$", "from_dJ_phi_dr": r"$\partial_r J^\phi$",
    "from_dJ_phi_dtheta": r"$\partial_\theta J^\phi$", "from_d2J_phi_dr_dr": r"$\partial_r^2 J^\phi$",
    "from_d2J_phi_dr_dtheta": r"$\partial_r\partial_\theta J^\phi$", "from_dJ_phi_dt": r"$\partial_t J^\phi$",
    "from_d2J_phi_dr_dt": r"$\partial_r\partial_t J^\phi$",
    "from_d2J_phi_dtheta_dt": r"$\partial_\theta\partial_t J^\phi$", "total": "total (Eq. 5)",
}


def _time_axis(ax, window: mg.Window) -> np.ndarray:
    """Milliseconds before the end of the collapse on the x axis (the window is 30 ms long)."""
    ax.set_xlabel(r"$t_{\rm max} - t$ [ms]")
    return (window.t[-1] - window.t) * 1e3


#: term groups of Eq. 5 that lie within 5% of another one over most of the window: drawn dashed on
#: top of it, so that both stay visible (group -> the group it coincides with)
_COINCIDES = {"from_dJ_phi_dtheta": "from_d2J_phi_dr_dtheta", "from_d2J_phi_dtheta_dt": "from_d2J_phi_dr_dt"}


def _outside_legend(ax, **kwargs) -> None:
    """The legend to the right of the axes, off the data, at a size readable at 110 dpi."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, fontsize=10,
              title_fontsize=10, **kwargs)


def _plain(label: str) -> str:
    """A mathtext group label as plain text for a caption: d_r d_theta J^phi."""
    text = label.replace("$", "").replace("\\partial_", " d_").replace("\\", "").replace("J^", " J^")
    return " ".join(text.split())


def fig7(out: Path, window: mg.Window, basis: str) -> dict[str, str]:
    fig, ax = new_figure(width=9.6, height=4.8)
    x = _time_axis(ax, window)
    groups = [name for name in window.dBz_dt if name != "total"]
    color = {name: f"C{i}" for i, name in enumerate(groups)}
    lines, pairs = {}, []
    # the dashed ones last, on top of the curve they coincide with, then the total
    for name in [n for n in groups if n not in _COINCIDES] + [n for n in groups if n in _COINCIDES] + ["total"]:
        values = window.dBz_dt[name]
        label = _GROUP_LABELS[name]
        if name == "total":
            style = {"color": "k", "lw": 2.4}
        else:
            style = {"color": color[name], "lw": 1.4}
            if np.all(values < 0):
                label += " (< 0)"
        if name in _COINCIDES:
            other = _COINCIDES[name]
            apart = np.abs(values / window.dBz_dt[other] - 1) > 0.05
            last_ms = float(x[np.argmax(apart)]) if apart.any() else 0.0  # x falls with time
            style.update(lw=1.6, ls=(0, (4, 3)))
            label += f",\ndashed: on {_GROUP_LABELS[other]}"
            pairs.append(f"{_plain(_GROUP_LABELS[name])} on {_plain(_GROUP_LABELS[other])} (within 5% "
                         f"until {last_ms:.1f} ms before t_max)")
        lines[name] = ax.semilogy(x, np.abs(values), label=label, **style)[0]
    ax.set_ylabel(r"$|\partial_t B^z|$ [G s$^{-1}$]")
    ax.invert_xaxis()
    _outside_legend(ax, handles=[lines[name] for name in (*groups, "total")], title="term of Eq. 5 carrying")
    ax.set_title(r"Fig. 7: $\partial_t B^z$ at r = 10 km, $\theta=\pi/4$ by term group of Eq. 5", fontsize=10)
    stamp(fig, basis)
    save(fig, out / "fig7.png")
    return {"fig7.png": "|dB^z/dt| over the trapping window of r = 10 km (theta = pi/4, nu_e, electrons plus "
                        "protons), by the J^phi derivative each term of Eq. 5 carries, and the total; groups "
                        "marked (< 0) are negative throughout. Groups that nearly coincide are drawn dashed "
                        f"on top of the other: {'; '.join(pairs)}. Rests on: {basis}."}


def fig8(out: Path, window: mg.Window, collapse: Collapse, basis: str) -> dict[str, str]:
    fig, ax = new_figure(width=9.6, height=4.8)
    x = _time_axis(ax, window)
    Fe = window.force["e"]
    for key, label, color in (("F_r", r"$F^r_e$", "C0"), ("F_theta", r"$F^\theta_e$", "C1"),
                              ("F_phi", r"$F^\phi_e$", "C2")):
        ax.semilogy(x, np.abs(Fe[key]), color=color, lw=1.8, label=label + " (natal Eq. 16)")
    ax.semilogy(x, np.abs(Fe["F_r"] - Fe["Fn_r"]), color="C0", ls="--", lw=1.2,
                label=r"$F^r_e$ as printed" "\n" r"(no $-G\nabla n_\nu$)")
    ax.semilogy(x, np.abs(window.force["p"]["F_r"]), color="C3", lw=1, label=r"$F^r_p$ (protons)")
    ax.axhline(mg.gravity_on_electron(collapse), color="k", ls=":", lw=1.4,
               label="gravity on e$^-$" "\n" "at R$_{min}$")
    ax.set_ylabel("|force| [dyn]")
    ax.invert_xaxis()
    _outside_legend(ax)
    ax.set_title(r"Fig. 8: ponderomotive force on electrons, r = 10 km, $\theta=\pi/4$", fontsize=10)
    stamp(fig, basis)
    save(fig, out / "fig8.png")
    return {"fig8.png": "Orthonormal components of the ponderomotive force on electrons (Eq. 16 as derived, "
                        "with the density-gradient force; dashed: F^r as printed), the force on protons, "
                        "and gravity on an electron at the final surface (dotted). The dips are where F^r of electrons and "
                        f"of protons changes sign (absolute values on a log axis). Rests on: {basis}."}


def _spectrum_by_shell(table) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    return {int(s): (table.xi_MeV[table.shell == s], table.value[table.shell == s])
            for s in np.unique(table.shell)}


def _trapped_shells(tables) -> np.ndarray:
    return tables.shells.shell[tables.shells.shell <= tables.last_trapped_shell]


def fig2(out: Path, tables, basis: tuple[str, str]) -> dict[str, str]:
    fig, ax = new_figure()
    shells = tables.shells
    ax.plot(shells.shell, np.log10(shells.rho_g_cm3), "x", color="k", label="table (Arnett Table 1 format)")
    trapped = _trapped_shells(tables)
    if trapped.size >= 4:
        keep = np.isin(shells.shell, trapped)
        coeffs = np.polyfit(shells.shell[keep], np.log10(shells.rho_g_cm3[keep]), 3)
        s = np.linspace(trapped[0], trapped[-1], 200)
        ax.plot(s, np.polyval(coeffs, s), color="r", label="cubic fit, trapped shells")
    ax.axhline(np.log10(tables.trapping_density), ls="--", color="0.4", lw=1, label="trapping density")
    ax.set_xlabel("mass shell index")
    ax.set_ylabel(r"$\log_{10}\,\rho_{\rm nuc}$ [g cm$^{-3}$]")
    ax.legend()
    ax.set_title("Fig. 2: density per mass shell near bounce", fontsize=10)
    stamp(fig, *basis)
    save(fig, out / "fig2.png")
    return {"fig2.png": "Density per mass shell of the near-bounce snapshot (crosses) with a cubic fit over the "
                        f"trapped shells; grid bins take the shell of nearest density. Rests on: {basis[1]}."}


def fig3(out: Path, tables, basis: tuple[str, str]) -> dict[str, str]:
    fig, ax = new_figure(width=7.0, height=5.0)
    data = _spectrum_by_shell(tables.G_data)
    trapped = [s for s in _trapped_shells(tables) if s in data]
    step = max(1, len(trapped) // 10)  # at most ~10 curves stay readable
    xi = np.geomspace(2, 300, 200)
    palette = colors(len(trapped[::step]))
    for color, s in zip(palette, trapped[::step]):
        x, g = data[s]
        ax.loglog(x, g, ls="--", color=color, lw=1)
        ax.loglog(xi, tables.G_fit(np.full_like(xi, s, dtype=int), xi), color=color, lw=1.4, label=f"shell {s}")
    ax.set_xlabel(r"$\hat\xi$ [MeV]")
    ax.set_ylabel(r"$\hat G_\xi$ [erg g$^{-1}$ per bin]")
    ax.set_ylim(bottom=max(ax.get_ylim()[0], 1e-6 * max(np.max(v[1]) for v in data.values())))
    ax.legend(fontsize=7, ncol=2, title="dashed: table; solid: weighted quadratic fit in log-log",
              title_fontsize=7)
    ax.set_title(r"Fig. 3: energy per unit mass vs neutrino energy, per shell", fontsize=10)
    stamp(fig, *basis)
    save(fig, out / "fig3.png")
    return {"fig3.png": "G_xi per shell (dashed) and the paper's quadratic fit of log G vs log xi with weights "
                        f"(log10 xi)^4 (solid), extended to 300 MeV. Rests on: {basis[1]}."}


def fig4(out: Path, tables, basis: tuple[str, str]) -> dict[str, str]:
    fig, ax = new_figure(width=7.0, height=5.0)
    groups = tables.L_groups_MeV
    by_group = {float(x): (tables.L_data.shell[tables.L_data.xi_MeV == x], tables.L_data.value[tables.L_data.xi_MeV == x])
                for x in groups}
    k = tables.last_trapped_shell
    s = np.linspace(1, k, 200)
    for color, x in zip(colors(len(groups)), groups):
        shell, L = by_group[float(x)]
        keep = shell <= k
        ax.plot(shell[keep], np.log10(L[keep]), ls="--", color=color, lw=1)
        ax.plot(s, np.log10(tables.L_fit(s, np.full_like(s, x))), color=color, lw=1.4, label=f"{x:.3g} MeV")
    for x in (62.5, 75.0, 87.5):
        ax.plot(s, np.log10(tables.L_fit(s, np.full_like(s, x))), ":", color="k", lw=1.2)
    ax.plot([], [], ":", color="k", label="extrapolated: 62.5, 75, 87.5 MeV")
    ax.set_xlabel("mass shell index")
    ax.set_ylabel(r"$\log_{10}\,\hat L_\xi$ [erg s$^{-1}$ per bin]")
    ax.legend(fontsize=7, ncol=2, title="dashed: table; solid: cubic fit", title_fontsize=7)
    ax.set_title(f"Fig. 4: luminosity per energy group over the trapped shells (1-{k})", fontsize=10)
    stamp(fig, *basis)
    save(fig, out / "fig4.png")
    return {"fig4.png": "L_xi vs shell index per energy group (dashed) with cubic fits (solid) on the trapped "
                        "shells, and curves above the highest group built from the extrapolated peaks "
                        f"(dotted). Rests on: {basis[1]}."}


def fig5(out: Path, tables, basis: tuple[str, str]) -> dict[str, str]:
    fig, ax = new_figure()
    peaks = tables.peaks
    xi = np.linspace(peaks.xi_MeV[0] * 0.9, 100, 100)
    ax.plot(peaks.xi_MeV, peaks.log10_L, "o", color="C0", label=r"peak $\log_{10}\hat L_\xi$")
    ax.plot(xi, peaks.log10_L_at(xi), color="C0", lw=1)
    ax.set_xlabel(r"$\hat\xi$ [MeV]")
    ax.set_ylabel(r"peak $\log_{10}\,\hat L_\xi$ [erg s$^{-1}$]", color="C0")
    right = ax.twinx()
    right.plot(peaks.xi_MeV, peaks.shell, "s", color="m", label="peak shell index")
    right.plot(xi, peaks.shell_at(xi), color="m", lw=1)
    right.set_ylabel("peak mass shell index", color="m")
    lines = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(lines, [h.get_label() for h in lines], fontsize=8, loc="lower left")
    ax.set_title("Fig. 5: peaks of the top groups' luminosity curves, linear extrapolation", fontsize=10)
    stamp(fig, *basis)
    save(fig, out / "fig5.png")
    return {"fig5.png": "Peak height (left) and location (right) of the fitted L curves of the highest groups "
                        f"and the linear trends used to extrapolate beyond them. Rests on: {basis[1]}."}

