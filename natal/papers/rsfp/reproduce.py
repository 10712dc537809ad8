"""``natal reproduce --paper rsfp``: the PNS model's numbers, Figs. 1-2 and the Monte Carlo of Table 1.

Every row of Table 1 is a ``KickProblem``; the 20 rows are carried by the same neutrinos
(``KickRows``: the walk does not depend on the field, so one walk per neutrino serves every row) and
run over seeded batches (numerics.montecarlo.run_batches): the batches give each row's statistical errors
(batch means) and are checkpointed under ``out/checkpoints``, so an interrupted reproduction resumes
where it stopped.  The paper's unstated choices are run as variants on one row per group, each
differing from natal's default in one choice only.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from natal.derivations.printed.rsfp_data import STATED, TABLE1, TABLE1_GROUPS
from natal.numerics.montecarlo import local_cluster, run_batches
from natal.numerics.rsfp import kernels, pns
from natal.numerics.rsfp.coefficients import gamma_coefficient, kick_coefficient
from natal.numerics.rsfp.opacity import kernel_coefficients
from natal.numerics.rsfp.transport import MEAN_THERMAL_X, KickProblem, KickRows, transport_task
from natal.papers.rsfp import figures
from natal.report import Quantity, Report

__all__ = ["arguments", "run", "Statistics", "TABLE1_KEYS", "table1_problem", "row_results"]

TITLE = ("Pulsar kicks from resonant spin-flavour precession of tau antineutrinos into sterile neutrinos "
         "in a proto-neutron star with a decentred dipole")
#: measured columns of Table 1, as in report.json
TABLE1_KEYS = ("fs", "dp_s", "dp_tau", "dp_total")


@dataclass(frozen=True)
class Statistics:
    """How many neutrinos per row, in batches of how many, from which root seed, on what."""

    n_per_row: int = 20_000
    batch_size: int = 1_000
    n_variant: int = 4_000
    seed: int = 20010
    scheduler: str | None = "local"
    workers: int | None = None

    @classmethod
    def full(cls, **kw) -> Statistics:
        """The paper's statistics: ~4e5 neutrinos per row (Sec. 5)."""
        return cls(n_per_row=400_000, batch_size=10_000, n_variant=40_000, **kw)


def arguments(values: dict) -> dict:
    """``run``'s keywords from the pack's ``natal reproduce`` options (those given): --full or --n N
    (the variants then run N/4), --seed, --scheduler, --workers (a local cluster only) and
    --no-variants."""
    from natal.arguments import UsageError

    scheduler = values.get("scheduler", "local")
    if values.get("workers") is not None and scheduler != "local":
        raise UsageError(f"--workers applies only to --scheduler local (the dask cluster natal starts), "
                         f"not to --scheduler {scheduler}")
    base = Statistics.full() if values.get("full") else Statistics()
    changes = {"scheduler": scheduler, "workers": values.get("workers")}
    if values.get("n") is not None:
        changes.update(n_per_row=values["n"], n_variant=max(values["n"] // 4, 1))
    if values.get("seed") is not None:
        changes["seed"] = values["seed"]
    return {"statistics": replace(base, **changes), "variants": not values.get("no_variants")}


def table1_problem(row, **choices) -> KickProblem:
    return KickProblem(row["rres_rc"], row["B_G"], row["delta"], **choices)


def row_results(results) -> dict[str, tuple[float | None, float | None]]:
    """(value, error) of each Table 1 column from a run's batches; None where a run has nothing to
    measure (dp/p of the surviving nubar_tau when every neutrino converted, or of nu_s when none did)."""
    ratios = {
        "fs": ("n_sterile", None),
        "dp_s": ("Ez_sterile", "E_sterile"),
        "dp_tau": ("Ez_active", "E_active"),
        "dp_total": ("Ez_total", "E_total"),
        "dp_total_redshifted": ("Ez_total_redshifted", "E_total_redshifted"),
    }
    out = {}
    for name, (num, den) in ratios.items():
        if den is not None and not float(results.totals[den]) > 0:
            out[name] = (None, None)
            continue
        value, err = results.mean_and_error(num, den)
        out[name] = (float(value), float(err) if math.isfinite(err) else None)
    return out


def _variants() -> list[tuple[str, dict, str, float]]:
    """(name, the one choice changed, what it means, the fraction of n_variant it runs).  Two variants
    cost far more per neutrino than the others and run fewer: the cut-off variant diffuses every neutrino
    through the whole star; with the energy-dependent shell the shells of the high-energy epochs reach the
    centre, so the accelerated scheme can place no sphere clear of them and the walk is nearly analog
    (docs/rsfp.md gives the costs)."""
    return [
        ("default", {}, "natal's defaults: tau_esc = 2/3, fixed shell, no cut-off, redraw everywhere, "
                        "delta in R_c, Eq. 6 as printed", 1.0),
        ("escape far", {"tau_esc": 0.01}, "active neutrinos followed until the radial optical depth is 0.01", 1.0),
        ("redraw inside R_E", {"redraw_radius_rc": 3.75},
         "energies redrawn only inside the energy sphere (T = 8 MeV, 3.75 R_c)", 1.0),
        ("low-energy cut x > 1", {"x_min": 1.0}, "energies below T redrawn (no long low-energy flights)", 0.1),
        ("energy-dependent shell", {"resonance": "energy-dependent"},
         "Eq. 4 at fixed m_s: rho_res = rho(R_res) <E>/E", 0.05),
        ("delta in R_res", {"delta_unit": "R_res"}, "delta is the text's delta-hat = z0/R_res", 1.0),
        ("Eq. 6 Landau-Zener", {"gamma_coefficient": gamma_coefficient()},
         "Eq. 6 with natal's derived coefficient instead of the printed 1.04", 1.0),
    ]


def _run_problem(problem: KickProblem, n: int, stats: Statistics, seed: int, checkpoint: Path,
                 progress: bool, label: str):
    # at least 8 batches, so that every error rests on batch means
    return run_batches(transport_task, problem, n, batch_size=min(stats.batch_size, max(1, n // 8)), root_seed=seed,
                       scheduler=stats.scheduler, workers=stats.workers, checkpoint=checkpoint,
                       progress=progress, description=label)


def _model_quantities(model: pns.PNSModel) -> dict[str, Quantity]:
    q: dict[str, Quantity] = {}
    for row in pns.gamma_max_table(model):
        note = ""
        if row["rres_rc"] < 1:
            note = ("inside the core gamma_max ~ 1/(rho0 - rho_c) exactly; rho0 = 7.8e14 (still 'rho_o ~ 8 "
                    "rho_14') gives 3.30 and leaves the four outer groups unchanged")
        q[f"gamma_max_{row['rres_rc']:g}_{row['B_G']:.0e}"] = Quantity(
            row["gamma_max"], row["paper"], "1", "analytic", note,
            f"Table 1: R_res/R_c = {row['rres_rc']:g}, B = {row['B_G']:.0e} G, gamma_max ~ {row['paper']}")
    Rc = model.R_c_cm
    for x in (0.8, 1.8):
        rho = float(model.density(x * Rc)) / 1e14
        key = f"rho_res_{x:g}_rho14"
        q[key] = Quantity(rho, STATED[key][0], "1e14 g cm^-3", "analytic", "", STATED[key][1])
        E = MEAN_THERMAL_X * model.T0_MeV
        ms = float(pns.sterile_mass_for_resonance(model, x * Rc, E))
        ms_b = float(pns.sterile_mass_for_resonance(model, x * Rc, E, potential="baryons"))
        key = f"m_s_{x:g}_keV"
        q[key] = Quantity(ms, STATED[key][0], "keV", "analytic",
                          f"at the mean thermal energy {E:.1f} MeV with V = G_F N_n/sqrt(2); with all baryons "
                          f"in V: {ms_b:.1f} keV. The paper does not say at which energy.", STATED[key][1])
    v_n = pns.potential_per_density(model, "neutrons") * 1e14
    v_b = pns.potential_per_density(model, "baryons") * 1e14
    q["V_per_rho14_MeV"] = Quantity(v_n, STATED["V_per_rho14_MeV"][0], "MeV", "analytic",
                                    f"G_F N_n/sqrt(2) with N_n = (1 - Y_e) rho/m_u; with N_B (all baryons) "
                                    f"{v_b:.3g}, which is what the printed 4e-6 matches",
                                    STATED["V_per_rho14_MeV"][1])
    c1, c2 = kernel_coefficients()
    q["C1"] = Quantity(c1, STATED["C1"][0], "1", "analytic", "Eq. 10 at the stated couplings", STATED["C1"][1])
    q["C2"] = Quantity(c2, STATED["C2"][0], "1", "analytic", "Eq. 11 at the stated couplings", STATED["C2"][1])
    q["kick_coefficient"] = Quantity(kick_coefficient(), STATED["kick_coefficient"][0], "1", "analytic",
                                     "M V c / E_tot at V = 1e3 km/s, M = 1.5 M_sun, E_tot = 3e53 erg; the "
                                     "print's (E_tot/3e53) must carry the exponent -1 (rsfp:eq12)",
                                     STATED["kick_coefficient"][1])
    lz = gamma_coefficient()
    q["gamma_coefficient"] = Quantity(lz, STATED["gamma_coefficient"][0], "1", "analytic",
                                      "Landau-Zener: gamma = 4 (mu B_perp)^2 l_rho / V_res (rsfp:eq6); the "
                                      "Monte Carlo uses the printed 1.04 by default and this as a variant",
                                      STATED["gamma_coefficient"][1])
    return q


def _table(rows_out: list[dict]) -> str:
    head = ("| R_res/R_c | B [G] | delta | gamma_max (natal / paper) | N(nu_s)/N | dp/p (nu_s) | dp/p (nubar) "
            "| dp/p (total) |\n|---|---|---|---|---|---|---|---|")
    lines = [head]
    for r in rows_out:
        cells = []
        for k in TABLE1_KEYS:
            e = r[k]
            if e["value"] is None:
                cells.append(f"none measured ({e['paper']:+.3f})")
                continue
            pull = (e["value"] - e["paper"]) / e["err"] if e["err"] else math.nan
            err = f"{e['err']:.3f}" if e["err"] is not None else "?"
            cells.append(f"{e['value']:.3f} +- {err} ({e['paper']:+.3f}; {pull:+.1f} sigma)")
        lines.append(f"| {r['rres_rc']:g} | {r['B_G']:.0e} | {r['delta']:g} | {r['gamma_max']['value']:.2f} / "
                     f"{r['gamma_max']['paper']:g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(out: Path, progress: Callable[[str], None], full: bool = False, statistics: Statistics | None = None,
        variants: bool = True) -> Report:
    """Reproduce the paper into ``out``: report.json, report.md, fig1.png, fig2.png, fig_table1.png.

    With ``scheduler="local"`` one dask cluster of ``workers`` (default: one per core) serves every
    row and variant."""
    stats = statistics or (Statistics.full() if full else Statistics())
    if stats.scheduler == "local":
        workers = stats.workers if stats.workers is not None else (os.cpu_count() or 1)
        with local_cluster(workers) as address:
            # the batches go to the cluster by its address, and an address brings its own workers
            on_cluster = replace(stats, scheduler=address, workers=None)
            return _run(out, progress, on_cluster, variants, ("local dask cluster", workers))
    if stats.scheduler in (None, "serial"):
        return _run(out, progress, stats, variants, ("serial", 1))
    return _run(out, progress, stats, variants, (f"dask scheduler at {stats.scheduler}", "the scheduler's"))


def _run(out: Path, progress: Callable[[str], None], stats: Statistics, variants: bool,
         placement: tuple[str, int | str]) -> Report:
    """The reproduction on ``stats.scheduler``; ``placement`` (scheduler, workers) is what the
    report's settings say the Monte Carlo ran on."""
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    from natal.reproduce import silent

    show_bars = progress is not silent and os.environ.get("NATAL_NO_PROGRESS") is None
    model = pns.PNSModel.paper()
    report = Report("rsfp", TITLE)
    report.quantities.update(_model_quantities(model))

    progress("[rsfp] Figs. 1 and 2")
    report.figures["fig1.png"] = ("gamma(Theta) on the resonance shell R_res = 1.5 R_c, B = 4e15 G at its "
                                  "maximum, delta = 0.1-0.5 (R_c): left B_perp = |B|, right B_perp to the "
                                  "radial direction")
    figures.fig1(out / "fig1.png", model)
    r_t = _transport_sphere_cm(model)
    report.figures["fig2.png"] = ("Eq. 7 for the three (n_c, n_a) pairs; R_c, the energy sphere R_E (T = 8 MeV) "
                                  f"and the transport sphere of a mean-energy neutrino at T(R_E), {r_t / 1e5:.0f} km")
    figures.fig2(out / "fig2.png", model, R_T_cm=r_t)

    rows_out = []
    label = "Table 1: 20 rows on the same neutrinos"
    progress(f"[rsfp] {label}, {stats.n_per_row} neutrinos")
    table = _run_problem(KickRows(tuple(table1_problem(row) for row in TABLE1)), stats.n_per_row, stats, stats.seed,
                         out / "checkpoints" / "table1", show_bars, label)
    walk = {k: float(table.totals[k]) / table.n_total for k in kernels.WALK_TALLIES.names}
    for i, row in enumerate(TABLE1):
        res = table.take(i)
        measured = row_results(res)
        g = pns.gamma_max(model, row["rres_rc"] * model.R_c_cm, row["B_G"])
        entry = {"rres_rc": row["rres_rc"], "B_G": row["B_G"], "delta": row["delta"],
                 "n_neutrinos": res.n_total,
                 "gamma_max": {"value": g, "err": 0.0, "paper": row["gamma_max"]}}
        for k in TABLE1_KEYS:
            v, e = measured[k]
            entry[k] = {"value": v, "err": e, "paper": row[k]}
        v, e = measured["dp_total_redshifted"]
        entry["dp_total_redshifted"] = {"value": v, "err": e, "paper": None}
        t = res.totals
        entry["diagnostics"] = {k: float(t[k]) / res.n_total for k in ("crossings", "inward_conversions", "lost")}
        rows_out.append(entry)
    report.tables["table1"] = rows_out
    report.sections.append(("Table 1: natal beside the paper", _table_md(rows_out)))

    if variants:
        report.variants = _run_variants(out, stats, progress, show_bars)
    progress("[rsfp] Table 1 figure")
    figures.fig_table1(out / "fig_table1.png", rows_out)
    report.figures["fig_table1.png"] = "Table 1: natal's Monte Carlo (points with errors) against the paper (open)"
    report.settings = {
        "neutrinos per row": stats.n_per_row, "batch size": int(table.n_per_batch[0]), "root seed": stats.seed,
        "scheduler": placement[0], "workers": placement[1],
        "scheme": "accelerated (MRW over high-energy epochs; low-energy epochs analog)",
        "rows": "all 20 rows carried by the same neutrinos (one walk each, every row's conversions on it)",
        "Table 1 seconds": round(table.seconds, 1),
        "walk per neutrino": {k: round(v, 1) for k, v in walk.items()},
        "mu_nu": "1e-12 mu_B", "profile": "Eqs. 7-8 with the paper's n_c = 2, n_a = 4, T0 = 30 MeV, n_T = 1",
    }
    report.seconds = time.perf_counter() - start
    report.write(out)
    return report


def _table_md(rows_out: list[dict]) -> str:
    return ("Each measured entry: natal's value +- its batch-means error (the paper's value; the difference in "
            "units of natal's error).\n\n" + _table(rows_out))


def _run_variants(out: Path, stats: Statistics, progress, show_bars) -> list[dict]:
    rows = [next(r for r in TABLE1 if (r["rres_rc"], r["B_G"]) == g[:2] and r["delta"] in (0.3, 0.4))
            for g in TABLE1_GROUPS]
    records = []
    for j, (name, choice, what, share) in enumerate(_variants()):
        n = max(2, int(stats.n_variant * share))
        progress(f"[rsfp] variant '{name}' on {len(rows)} rows (one per Table 1 group), {n} neutrinos")
        run = _run_problem(KickRows(tuple(table1_problem(row, **choice) for row in rows)), n, stats,
                           stats.seed + 100 + j, out / "checkpoints" / f"variant_{name.replace(' ', '_')}", show_bars,
                           name)
        for i, row in enumerate(rows):
            res = run.take(i)
            m = row_results(res)
            records.append({"name": name, "row": f"{row['rres_rc']:g}/{row['B_G']:.0e}/{row['delta']:g}",
                            "fs": m["fs"][0], "dp_s": m["dp_s"][0], "dp_tau": m["dp_tau"][0],
                            "dp_total": m["dp_total"][0], "dp_total_err": m["dp_total"][1],
                            "paper_dp_total": row["dp_total"], "n": res.n_total, "what": what})
    return records


def _transport_sphere_cm(model: pns.PNSModel) -> float:
    """Radius where a neutrino of the mean energy at T(R_E) = 8 MeV has radial optical depth 2/3."""
    from scipy.optimize import brentq

    from natal.numerics.rsfp.transport import kernel_parameters

    p = kernel_parameters(KickProblem(1.5, 4e15, 0.2, model=model))
    E = MEAN_THERMAL_X * 8.0
    r = brentq(lambda r: kernels.optical_depth(r, E, p) - 2.0 / 3.0, 1.0, 1e3)
    return r * model.R_c_cm
