"""Figs. 1-2 of the `rsfp` paper, from natal's PNS model and decentred dipole (numerics.rsfp.pns).

Both figures are analytic: Fig. 1 is Eq. 6 on the resonance shell of a decentred dipole normalised to
the maximum field there; Fig. 2 is the density profile Eq. 7.  Each function takes the output path of
the PNG and returns it.
"""

from __future__ import annotations

import math

from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np

from natal.derivations.printed.rsfp_data import FIG1, FIG2_EXPONENTS, STATED
from natal.numerics.plotting import colors, new_figure, save, stamp
from natal.numerics.rsfp.pns import (
    GAMMA_COEFFICIENT_PRINTED, DecentredDipole, PNSModel, gamma_max, gamma_on_shell,
)

__all__ = ["fig1", "fig2", "fig_table1", "fig_crossing_order", "FIG1_LINESTYLES", "FIG1_FLOOR", "below_floor_masked"]

#: Fig. 1's caption: solid, dashed, space-dotted, dotted, dash-dotted for delta = 0.1 ... 0.5.
FIG1_LINESTYLES = ("-", "--", (0, (1, 4)), (0, (1, 1.2)), "-.")
#: the lower end of Fig. 1's gamma axis
FIG1_FLOOR = 1e-3


def below_floor_masked(x: np.ndarray, y: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A curve clipped at the bottom of a log axis: ``(x, y, exits)`` where every value of ``y`` below
    ``floor`` (zeros included) is NaN, so the line stops instead of running along the axis, and where
    the curve crosses the floor a point is inserted exactly on it (linear interpolation between the
    neighbours), so the line reaches the axis where it leaves; ``exits`` are those crossings' x."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    xs, ys, exits = [], [], []
    for i in range(y.size):
        above = y[i] >= floor
        if i > 0 and above != (y[i - 1] >= floor):
            ya, yb = (y[i - 1], y[i]) if not above else (y[i], y[i - 1])  # ya above the floor, yb below
            xa, xb = (x[i - 1], x[i]) if not above else (x[i], x[i - 1])
            t = (ya - floor) / (ya - yb) if np.isfinite(yb) else 0.0
            xc = xa + t * (xb - xa)
            xs.append(xc)
            ys.append(floor)
            exits.append(xc)
        xs.append(x[i])
        ys.append(y[i] if above else np.nan)
    return np.array(xs), np.array(ys), np.array(exits)


def fig1(path: Path, model: PNSModel | None = None, *, rres_rc: float = FIG1["rres_rc"],
         B_G: float = FIG1["B_G"], deltas: Sequence[float] = FIG1["deltas"], delta_unit: str = "R_c",
         mu_nu_muB: float = 1e-12, coefficient: float = GAMMA_COEFFICIENT_PRINTED) -> Path:
    """gamma(Theta) on the resonance shell (Fig. 1): R_res = 1.5 R_c, max |B| there 4e15 G, delta 0.1-0.5.

    Left: B_perp = |B| (a neutrino crossing perpendicular to the local field, the largest gamma at each
    point; the reading of Fig. 1, which peaks at the near pole).  Right: B_perp transverse to the radial
    direction (a neutrino leaving radially; zero at the poles).  ``delta_unit`` as in
    ``DecentredDipole.for_model`` ("R_c": Table 1's delta = R_B/R_c).
    """
    path = Path(path)
    model = PNSModel.paper() if model is None else model
    if len(deltas) > len(FIG1_LINESTYLES):
        raise ValueError(f"deltas must have at most {len(FIG1_LINESTYLES)} values (one per line style), "
                         f"got {len(deltas)}")
    R = rres_rc * model.R_c_cm
    theta = np.linspace(0.0, np.pi, 721)
    g0 = gamma_max(model, R, B_G, mu_nu_muB=mu_nu_muB, coefficient=coefficient)
    fig, axes = new_figure(ncols=2, width=5.2, height=4.4, sharey=True)
    cols = colors(len(deltas))
    left = False  # whether any curve leaves the scale
    for delta, ls, col in zip(deltas, FIG1_LINESTYLES, cols):
        dip = DecentredDipole.for_model(model, R, B_G, delta, delta_unit=delta_unit)
        for ax, direction, lw in ((axes[0], "best", 1.8), (axes[1], "radial", 1.2)):
            g = gamma_on_shell(model, dip, R, theta, direction, mu_nu_muB=mu_nu_muB, coefficient=coefficient)
            xs, shown, exits = below_floor_masked(theta, g, FIG1_FLOOR)
            ax.semilogy(xs, shown, ls=ls, color=col, lw=lw, label=rf"$\delta = {delta:g}$")
            if exits.size:
                left = True
                ax.plot(exits, np.full(exits.size, FIG1_FLOOR), "v", color=col, ms=6, clip_on=False, zorder=5,
                        gid="leaves-scale")
    unit = r"$R_c$" if delta_unit == "R_c" else r"$R_{\rm res}$"
    titles = (r"$B_\perp = |B|$ (neutrino $\perp$ local field)", r"$B_\perp$ to the radial direction")
    for ax, title in zip(axes, titles):
        ax.axhline(1.0, color="k", lw=0.8)
        ax.axvline(np.pi / 2, color="0.6", lw=0.6, ls=":")
        ax.set_xlim(0, np.pi)
        ax.set_ylim(FIG1_FLOOR, 2 * g0)
        ax.set_xticks([0, np.pi / 6, np.pi / 2, np.pi], ["0", r"$\pi/6$", r"$\pi/2$", r"$\pi$"])
        ax.set_xlabel(r"$\Theta$ (from the dipole axis, at the star centre)")
        ax.set_ylabel(r"adiabaticity $\gamma$ (Eq. 6)")
        ax.set_title(title, fontsize=9)
    axes[1].yaxis.set_tick_params(labelleft=True)  # the shared scale, shown on both panels
    if left:
        floor = rf"$\gamma < 10^{{{round(math.log10(FIG1_FLOOR))}}}$"
        axes[1].text(0.5, 0.03, rf"$\blacktriangledown$: the curve leaves the scale ({floor};"
                     "\n" r"$\gamma = 0$ at the poles, where $B$ is radial)", transform=axes[1].transAxes,
                     ha="center", va="bottom", fontsize=7.5, color="0.25",
                     bbox={"fc": "white", "ec": "0.8", "lw": 0.5, "alpha": 0.9})
    axes[0].legend(fontsize=8, title=rf"$\delta$ in units of {unit}", title_fontsize=8, loc="lower left")
    fig.suptitle(rf"Fig. 1: $\gamma(\Theta)$ at $R_{{\rm res}} = {rres_rc:g}\,R_c$, "
                 rf"max $|B| = {B_G / 1e15:g}\times10^{{15}}$ G on the shell, "
                 rf"$\gamma_{{\max}} = {g0:.2f}$ (coefficient {coefficient:g})", fontsize=10)
    stamp(fig, "analytic", "rsfp Eq. 6 on a decentred dipole")
    return save(fig, path)


def fig2(path: Path, model: PNSModel | None = None, *,
         exponents: Sequence[tuple[float, float]] = FIG2_EXPONENTS, r_max_rc: float = 5.0,
         T_energy_sphere_MeV: float = STATED["T_energy_sphere_MeV"][0],
         R_T_cm: float | None = None) -> Path:
    """rho/1e14 against r/R_c for Fig. 2's (n_c, n_a) pairs (Eq. 7), the simulated one dark solid.

    Marks the core-atmosphere interface R_c and the energy sphere R_E where T(R_E) = 8 MeV (Eq. 8,
    Sec. 4); the transport sphere R_T is drawn when the caller supplies ``R_T_cm`` (it depends on the
    opacity and the neutrino energy, which this figure does not compute).
    """
    path = Path(path)
    model = PNSModel.paper() if model is None else model
    styles = [{"color": "k", "ls": "-", "lw": 2.2}, {"color": "0.25", "ls": "--", "lw": 1.4},
              {"color": "0.6", "ls": "-", "lw": 1.4}]
    if len(exponents) > len(styles):
        raise ValueError(f"exponents must have at most {len(styles)} pairs, got {len(exponents)}")
    R_E = float(model.radius_of_temperature(T_energy_sphere_MeV))
    x_hi = max(r_max_rc, 1.15 * R_E / model.R_c_cm, 1.15 * (R_T_cm or 0) / model.R_c_cm)
    x = np.linspace(0.0, x_hi, 800)
    fig, ax = new_figure(width=6.4, height=4.6)
    for (n_c, n_a), style in zip(exponents, styles):
        m = replace(model, n_c=n_c, n_a=n_a)
        ax.semilogy(x, m.density(x * model.R_c_cm) / 1e14, label=rf"$n_c = {n_c:g},\ n_a = {n_a:g}$", **style)
    marks = [(1.0, r"$R_c$", "C3"), (R_E / model.R_c_cm, rf"$R_E$ (T = {T_energy_sphere_MeV:g} MeV)", "C0")]
    if R_T_cm is not None:
        marks.append((R_T_cm / model.R_c_cm, r"$R_T$", "C2"))
    for xm, label, col in marks:
        ax.axvline(xm, color=col, lw=1, ls=":")
        ax.text(xm, 0.97, " " + label, transform=ax.get_xaxis_transform(), color=col, fontsize=8,
                va="top", ha="left")
    ax.set_xlim(0, x_hi)
    ax.set_xlabel(r"$r/R_c$")
    ax.set_ylabel(r"$\rho$ [$10^{14}$ g cm$^{-3}$]")
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title(rf"Fig. 2: density profiles (Eq. 7), $\rho_0 = {model.rho0_g_cm3 / 1e14:g}$, "
                 rf"$\rho_c = {model.rho_c_g_cm3 / 1e14:g}\ \rho_{{14}}$, $R_c = {model.R_c_cm / 1e5:g}$ km",
                 fontsize=10)
    stamp(fig, "analytic", "rsfp Eqs. 7-8")
    return save(fig, path)


#: Table 1's measured columns: (key, panel title, y-axis label); all four are dimensionless ratios
TABLE1_PANELS = (
    ("fs", r"$N(\nu_s)/N$", r"fraction of $\bar\nu_\tau$ converted to $\nu_s$"),
    ("dp_s", r"$\Delta p/p\ (\nu_s)$", r"momentum asymmetry $\Delta p/p$ of the $\nu_s$"),
    ("dp_tau", r"$\Delta p/p\ (\bar\nu_\tau)$", r"$\Delta p/p$ of the surviving $\bar\nu_\tau$"),
    ("dp_total", r"$\Delta p/p$ (total)", r"$\Delta p/p$ of $\nu_s + \bar\nu_\tau$"),
)
_DELTA_UNITS = {"R_c": r"$R_c$", "R_res": r"$R_{\rm res}$"}


def fig_table1(path: Path, rows: Sequence[dict], *, delta_unit: str = "R_c") -> Path:
    """Table 1 as a figure: each measured column against delta, one colour per group, natal's values
    with their statistical errors (filled) beside the paper's (open).

    ``delta_unit``: what delta is measured in (``KickProblem.delta_unit``; Table 1's delta = R_B/R_c,
    natal's default); a row that carries its own ``delta_unit`` must agree.  Within a delta the groups are
    drawn side by side, offset by up to +-0.012 in delta so that their error bars stay apart."""
    path = Path(path)
    if delta_unit not in _DELTA_UNITS:
        raise ValueError(f"delta_unit must be one of {sorted(_DELTA_UNITS)}, got {delta_unit!r}")
    other = sorted({r["delta_unit"] for r in rows if "delta_unit" in r} - {delta_unit})
    if other:
        raise ValueError(f"rows measure delta in {other}, but delta_unit is {delta_unit!r}")
    groups = list(dict.fromkeys((r["rres_rc"], r["B_G"]) for r in rows))
    cols = colors(len(groups))
    offsets = np.linspace(-0.012, 0.012, len(groups)) if len(groups) > 1 else [0.0]
    fig, axes = new_figure(ncols=4, width=4.0, height=3.6)
    for ax, (key, title, ylabel) in zip(axes, TABLE1_PANELS):
        for (rr, b), col, off in zip(groups, cols, offsets):
            sel = [r for r in rows if (r["rres_rc"], r["B_G"]) == (rr, b)]
            d = np.array([r["delta"] for r in sel]) + off
            value, err = ([math.nan if r[key][k] is None else r[key][k] for r in sel] for k in ("value", "err"))
            mant, exp = f"{b:.0e}".split("e")
            ax.errorbar(d, value, yerr=err, fmt="o", color=col, ms=4, capsize=2,
                        label=rf"$R_{{\rm res}} = {rr:g}\,R_c$, $B = {mant}\times10^{{{int(exp)}}}$ G")
            ax.plot(d, [r[key]["paper"] for r in sel], "o", mfc="none", color=col, ms=7)
        ax.set_xlabel(rf"$\delta$ [{_DELTA_UNITS[delta_unit]}] (dipole offset)")
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=10)
        if key != "fs":
            ax.axhline(0.0, color="0.6", lw=0.6)
    axes[-1].legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), fontsize=7.5, frameon=False,
                    title="filled: natal\n(batch-means errors)\nopen: the paper", title_fontsize=7.5)
    stamp(fig, "monte carlo", "rsfp Secs. 4-5, statistical errors from batch means")
    return save(fig, path)


def fig_crossing_order(path: Path, rows: Sequence[dict]) -> Path:
    """The crossing-order table as a figure: fs and the energy-weighted sterile dp/p against the crossing
    order k (only a neutrino's first k crossings of its shell convert), one line per Table 1 row coloured
    by group, with the paper's value (open) at the right, after k = all."""
    path = Path(path)
    orders = list(dict.fromkeys(r["k"] for r in rows))
    groups = list(dict.fromkeys((r["rres_rc"], r["B_G"]) for r in rows))
    cols = colors(len(groups))
    fig, axes = new_figure(ncols=2, width=4.6, height=3.6)
    xs = np.arange(len(orders) + 1)
    for ax, key, paper_key, ylabel in ((axes[0], "fs", "paper_fs", r"$N(\nu_s)/N$"),
                                       (axes[1], "dp_s_energy", "paper_dp_s", r"$\Delta p/p\ (\nu_s)$")):
        for (rr, b), col in zip(groups, cols):
            for d in dict.fromkeys(r["delta"] for r in rows if (r["rres_rc"], r["B_G"]) == (rr, b)):
                sel = [r for r in rows if (r["rres_rc"], r["B_G"], r["delta"]) == (rr, b, d)]
                y = [math.nan if r[key]["value"] is None else r[key]["value"] for r in sel]
                e = [0.0 if r[key]["err"] is None else r[key]["err"] for r in sel]
                ax.errorbar(xs[:-1], y, yerr=e, color=col, lw=0.8, ms=3, fmt="-o", capsize=1.5)
                ax.plot(xs[-1], sel[0][paper_key], "o", mfc="none", color=col, ms=6)
        ax.set_xticks(xs, [str(k) for k in orders] + ["paper"])
        ax.set_xlabel("crossing order k (crossings that may convert)")
        ax.set_ylabel(ylabel)
    for (rr, b), col in zip(groups, cols):
        mant, exp = f"{b:.0e}".split("e")
        axes[1].plot([], [], color=col, label=rf"$R_{{\rm res}} = {rr:g}\,R_c$, $B = {mant}\times10^{{{int(exp)}}}$ G")
    axes[1].axhline(0.0, color="0.6", lw=0.6)
    axes[1].legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), fontsize=7.5, frameon=False,
                   title="one line per row (delta)\nopen: the paper", title_fontsize=7.5)
    stamp(fig, "monte carlo", "rsfp Sec. 5, Table 1 by crossing order; statistical errors from batch means")
    return save(fig, path)
