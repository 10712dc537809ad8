"""``natal reproduce --paper rsfp``: the PNS model's numbers, Figs. 1-2 and the Monte Carlo of Table 1.

Every row of Table 1 is a ``KickProblem``; the 20 rows are carried by the same neutrinos
(``KickRows``: the walk does not depend on the field, so one walk per neutrino serves every row) and
run over seeded batches (numerics.montecarlo.run_batches): the batches give each row's statistical errors
(batch means) and are checkpointed under ``out/checkpoints``, so an interrupted reproduction resumes
where it stopped.  The paper's unstated choices are run as variants on one row per group, each
differing from natal's default in one choice only, and in combination (the factorial design): the
choices that only the conversions read (delta's unit, how many of a neutrino's resonance crossings may
convert, energy or number weighting of dp/p) ride as extra rows and tallies on the Table 1 walk and on
each of five more walks (the redraw spectrum and the shell's energy dependence, which change the walk).
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from natal.derivations.printed.rsfp_data import STATED, TABLE1, TABLE1_GROUPS
from natal.numerics.montecarlo import local_cluster, run_batches
from natal.numerics.rsfp import kernels, pns
from natal.numerics.rsfp.coefficients import gamma_coefficient, kick_coefficient
from natal.numerics.rsfp.opacity import kernel_coefficients
from natal.numerics.rsfp.transport import MEAN_THERMAL_X, ROW_FIELDS, KickProblem, KickRows, transport_task
from natal.papers.rsfp import figures
from natal.report import Quantity, Report

__all__ = ["arguments", "run", "Statistics", "TABLE1_KEYS", "ROW_COLUMNS", "table1_problem", "row_results", "CROSSING_ORDERS",
           "WALKS", "factorial_rows", "chi_square"]

TITLE = ("Pulsar kicks from resonant spin-flavour precession of tau antineutrinos into sterile neutrinos "
         "in a proto-neutron star with a decentred dipole")
#: measured columns of Table 1, as in report.json
TABLE1_KEYS = ("fs", "dp_s", "dp_tau", "dp_total")
#: the crossing orders k of the crossing-order table: only a neutrino's first k crossings of its shell
#: may convert (KickProblem.max_crossings; 0 is every crossing, written "all")
CROSSING_ORDERS = (1, 2, 3, 5, 0)
#: the factorial design's walks: (redraw spectrum, resonance shell, the fraction of n_variant it runs;
#: None: the Table 1 run itself).  The shares follow the cost per neutrino (docs/rsfp.md, "The unstated
#: choices in combination"): a redraw weighted to higher energies rarely draws the low energies through
#: which most neutrinos leave, so they diffuse out at high energy, far longer walks; the
#: energy-dependent shell makes the accelerated walk nearly analog.  The collision-weighted redraw with
#: the energy-dependent shell is not a walk natal can run: a neutrino takes 10^7-10^8 epochs.
WALKS = (("number", "fixed", None), ("flux", "fixed", 0.1), ("collision", "fixed", 0.025),
         ("number", "energy-dependent", 0.05), ("flux", "energy-dependent", 0.002))
#: the fewest neutrinos a factorial walk runs on (8 batches of 2); a walk whose share gives fewer is left
#: to larger statistics (--full)
MIN_WALK = 16
NOT_RUN = "not run (a neutrino takes 1e7-1e8 epochs: beyond max_epochs)"
#: neutrinos per row behind Table 1 (Sec. 5: "about 4 x 10^5"), for the paper's statistical errors
PAPER_NEUTRINOS = 400_000
#: the step of Table 1's printed fs and dp/p (nu_s) (two decimals): rounding adds a uniform error of
#: this width to every printed value, standard deviation step / sqrt(12)
PAPER_STEP = 0.01


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


#: each measured column as a ratio of summed tallies (numerator, denominator; None: per neutrino):
#: dp_s energy-weighted, sum E u_z / sum E as Table 1's; dp_s_number number-weighted, the steriles' mean u_z
ROW_COLUMNS = {
    "fs": ("n_sterile", None),
    "dp_s": ("Ez_sterile", "E_sterile"),
    "dp_s_number": ("uz_sterile", "n_sterile"),
    "dp_tau": ("Ez_active", "E_active"),
    "dp_total": ("Ez_total", "E_total"),
    "dp_total_redshifted": ("Ez_total_redshifted", "E_total_redshifted"),
}


def row_results(results) -> dict[str, tuple[float | None, float | None]]:
    """(value, error) of each ROW_COLUMNS column from a run's batches; None where a run has nothing to
    measure (dp/p of the surviving nubar_tau when every neutrino converted, or of nu_s when none did)."""
    out = {}
    for name, (num, den) in ROW_COLUMNS.items():
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
    table1_rows = table1_walk_rows()
    label = f"Table 1: 20 rows and {len(table1_rows) - len(TABLE1)} row-only readings on the same neutrinos"
    progress(f"[rsfp] {label}, {stats.n_per_row} neutrinos")
    table = _run_problem(KickRows(table1_rows), stats.n_per_row, stats, stats.seed,
                         out / "checkpoints" / "table1", show_bars, label)
    done = [(table1_rows, table)]
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
    measured = _measure_rows(table)
    crossing = _crossing_order_table(measured)
    report.tables["table1_by_crossing_order"] = crossing
    report.sections.append(("Table 1 by crossing order", _crossing_md(crossing)))
    diagnostics = [_diagnostics(table.take(i), row) for i, row in enumerate(TABLE1)]
    report.tables["table1_diagnostics"] = diagnostics
    report.sections.append(("Table 1: where the walk runs", _diagnostics_md(diagnostics)))
    progress("[rsfp] crossing-order figure")
    figures.fig_crossing_order(out / "fig_crossing_order.png", crossing)
    report.figures["fig_crossing_order.png"] = ("fs and the sterile dp/p (energy-weighted) against the crossing order "
                                                "k, one line per Table 1 row, beside the paper's values (open, at "
                                                "'paper')")

    factorial_n: dict[str, int | str] = {}
    if variants:
        walks = {("number", "fixed"): (measured, stats.n_per_row)}
        factorial_n["number redraw, fixed shell"] = stats.n_per_row
        for j, (spectrum, resonance, share) in enumerate(WALKS[1:]):
            name = f"{spectrum} redraw, {resonance} shell"
            n = int(stats.n_variant * share)
            if n < MIN_WALK:
                factorial_n[name] = f"not run ({n} neutrinos at these statistics; --full runs it)"
                continue
            progress(f"[rsfp] factorial walk '{name}' on {len(TABLE1)} rows, {n} neutrinos")
            rows = factorial_rows(redraw_spectrum=spectrum, resonance=resonance)
            run = _run_problem(KickRows(rows), n, stats, stats.seed + 200 + j,
                               out / "checkpoints" / f"factorial_{spectrum}_{resonance}", show_bars, name)
            done.append((rows, run))
            walks[(spectrum, resonance)] = (_measure_rows(run), n)
            factorial_n[name] = n
        factorial_n["collision redraw, energy-dependent shell"] = NOT_RUN
        report.variants = _run_variants(out, stats, progress, show_bars, done)
        factorial = _factorial(walks)
        report.tables["table1_factorial"] = factorial
        report.sections.append(("The unstated choices in combination", _factorial_md(factorial, factorial_n)))
        conclusion = _conclusion(walks, factorial, diagnostics)
        report.tables["table1_conclusion"] = conclusion
        report.sections.append(("What the tables show", _conclusion_md(conclusion)))
    progress("[rsfp] Table 1 figure")
    figures.fig_table1(out / "fig_table1.png", rows_out)
    report.figures["fig_table1.png"] = "Table 1: natal's Monte Carlo (points with errors) against the paper (open)"
    report.settings = {
        "neutrinos per row": stats.n_per_row, "batch size": int(table.n_per_batch[0]), "root seed": stats.seed,
        "scheduler": placement[0], "workers": placement[1],
        "scheme": "accelerated (MRW over high-energy epochs; low-energy epochs analog)",
        "Table 1 seconds": round(table.seconds, 1),
        "rows on the Table 1 walk": f"{len(table1_rows)}: the 20 printed rows, each also with delta in R_res and "
                                    "with the crossing orders k = 1, 2, 3, 5 (the crossing-order table and the "
                                    "factorial design), and the row-only variants' rows",
        "factorial walks (neutrinos per row)": factorial_n or "not run (--no-variants)",
        "walk per neutrino": {k: round(v, 1) for k, v in walk.items()},
        "mu_nu": "1e-12 mu_B", "profile": "Eqs. 7-8 with the paper's n_c = 2, n_a = 4, T0 = 30 MeV, n_T = 1",
    }
    report.seconds = time.perf_counter() - start
    report.write(out)
    return report


def _table_md(rows_out: list[dict]) -> str:
    return ("Each measured entry: natal's value +- its batch-means error (the paper's value; the difference in "
            "units of natal's error).\n\n" + _table(rows_out))


def _variant_rows() -> list:
    """One Table 1 row per group (delta 0.3 or 0.4), the rows the variants run on."""
    return [next(r for r in TABLE1 if (r["rres_rc"], r["B_G"]) == g[:2] and r["delta"] in (0.3, 0.4))
            for g in TABLE1_GROUPS]


def _variant_problems() -> list[KickProblem]:
    return [table1_problem(row, **choice) for _n, choice, _w, _s in _variants() for row in _variant_rows()]


def _row_only(problem: KickProblem) -> bool:
    """Whether ``problem`` differs from natal's default only in fields the conversions alone read (so its
    row can ride on the Table 1 walk)."""
    default = table1_problem({"rres_rc": problem.rres_rc, "B_G": problem.B_G, "delta": problem.delta})
    return all(getattr(problem, k) == getattr(default, k) for k in asdict(problem) if k not in ROW_FIELDS)


def table1_walk_rows() -> tuple[KickProblem, ...]:
    """Every row the Table 1 walk carries: the 20 printed rows first (delta in R_c, every crossing), the
    factorial design's row-only choices (factorial_rows), then the row-only variants' rows, which
    _run_variants reads from this walk."""
    rows = factorial_rows()
    return rows + tuple(q for q in _variant_problems() if q not in rows and _row_only(q))


def _run_variants(out: Path, stats: Statistics, progress, show_bars, done: list) -> list[dict]:
    """Each variant on one row per group.  A variant whose rows a walk already run carries (``done``: its
    problems and results) is read from it: the Table 1 walk for the row-only choices (delta's unit, Eq.
    6's coefficient, natal's default), the factorial design's walk for the energy-dependent shell, at that
    walk's statistics and on its neutrinos; the others run walks of their own."""
    rows = _variant_rows()
    records = []
    for j, (name, choice, what, share) in enumerate(_variants()):
        problems = tuple(table1_problem(row, **choice) for row in rows)
        found = next(((carried, run) for carried, run in done if all(q in carried for q in problems)), None)
        if found is not None:
            carried, run = found
            index = [carried.index(q) for q in problems]
        else:
            n = max(2, int(stats.n_variant * share))
            progress(f"[rsfp] variant '{name}' on {len(rows)} rows (one per Table 1 group), {n} neutrinos")
            run = _run_problem(KickRows(problems), n, stats, stats.seed + 100 + j,
                               out / "checkpoints" / f"variant_{name.replace(' ', '_')}", show_bars, name)
            index = list(range(len(rows)))
        for i, row in zip(index, rows):
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


# --- the crossing-order table, the regime diagnostics and the factorial design ----------------------

DELTA_UNITS = ("R_c", "R_res")


def _row_keys() -> list[tuple[int, str, int]]:
    """(Table 1 index, delta unit, crossing order) of each row a walk carries: the 20 printed rows as
    Table 1 reads them first (delta in R_c, every crossing), then every other pair for each row."""
    plain = [(i, "R_c", 0) for i in range(len(TABLE1))]
    return plain + [(i, unit, k) for unit in DELTA_UNITS for k in CROSSING_ORDERS for i in range(len(TABLE1))
                    if (unit, k) != ("R_c", 0)]


def factorial_rows(**walk) -> tuple[KickProblem, ...]:
    """The rows of one walk of the factorial design (``walk``: the KickProblem choices that shape the
    walk), in the order of _row_keys: the row-only choices (delta's unit, the crossing order) ride on the
    same neutrinos."""
    return tuple(table1_problem(TABLE1[i], delta_unit=unit, max_crossings=k, **walk) for i, unit, k in _row_keys())


def _measure_rows(results) -> dict[tuple[int, str, int], dict]:
    """Each carried row's measured columns ({value, err}; dp_s_energy is Table 1's dp_s), by _row_keys."""
    out = {}
    for j, key in enumerate(_row_keys()):
        m = row_results(results.take(j))
        out[key] = {name: {"value": m[col][0], "err": m[col][1]} for name, col in (
            ("fs", "fs"), ("dp_s_energy", "dp_s"), ("dp_s_number", "dp_s_number"), ("dp_tau", "dp_tau"),
            ("dp_total", "dp_total"))}
    return out


def _crossing_order_table(measured: dict) -> list[dict]:
    """tables.table1_by_crossing_order: every Table 1 row (delta in R_c) at each crossing order."""
    out = []
    for i, row in enumerate(TABLE1):
        for k in CROSSING_ORDERS:
            out.append({"rres_rc": row["rres_rc"], "B_G": row["B_G"], "delta": row["delta"], "k": k or "all",
                        **measured[(i, "R_c", k)], "paper_fs": row["fs"], "paper_dp_s": row["dp_s"]})
    return out


def _diagnostics(results, row) -> dict:
    """tables.table1_diagnostics for one row (delta in R_c, every crossing): where its neutrinos convert
    and escape, against Sec. 4-5's picture (R_T >> R_res; steriles near the core's temperature).  None
    where the row has no neutrino of that kind."""
    t = results.totals

    def ratio(num: str, den: str) -> float | None:
        return float(t[num]) / float(t[den]) if float(t[den]) > 0 else None

    return {"rres_rc": row["rres_rc"], "B_G": row["B_G"], "delta": row["delta"],
            "sterile_mean_E_over_T_res": ratio("x_sterile", "n_sterile"),
            "tau_escape_radius_rc_mean": ratio("r_active", "n_active"),
            "tau_escape_E_MeV_mean": ratio("E_active", "n_active"),
            "tau_transport_sphere_inside_shell_fraction": ratio("active_inside", "n_active"),
            "first_crossing_fraction": ratio("first_conversions", "n_sterile"),
            "crossings_per_neutrino": float(t["crossings"]) / results.n_total}


def chi_square(entries: list[tuple[dict, float, float]]) -> tuple[float, int]:
    """(chi^2, rows compared) of natal against the paper: sum (natal - paper)^2 / (err_natal^2 +
    err_paper^2) over ``entries`` (natal's {value, err}, the paper's value, the paper's error), leaving
    out rows natal cannot measure or where both errors vanish."""
    chi2, n, _excess, _noise = _distances(entries)
    return chi2, n


def _distances(entries: list[tuple[dict, float, float]]) -> tuple[float, int, float, float]:
    """chi_square's (chi^2, rows), the sum over those rows of (natal - paper)^2 - err_natal^2 -
    err_paper^2 (the squared distance with the noise's expectation taken off, which, unlike chi^2, does
    not shrink as natal's errors grow) and the sum of err_natal^2 + err_paper^2 (that noise)."""
    chi2, n, excess, noise = 0.0, 0, 0.0, 0.0
    for natal, paper, paper_err in entries:
        if natal["value"] is None or natal["err"] is None or paper is None:
            continue
        var = natal["err"] ** 2 + paper_err**2
        if not var > 0:
            continue
        chi2 += (natal["value"] - paper) ** 2 / var
        excess += (natal["value"] - paper) ** 2 - var
        noise += var
        n += 1
    return chi2, n, excess, noise


def _paper_errors(natal: dict, paper: float, key: str, n_natal: int, step: float = PAPER_STEP) -> float:
    """The paper's error on a printed fs or dp/p: its statistical error at PAPER_NEUTRINOS per row --
    binomial for fs (at the paper's own fs); for dp/p, which the paper gives no spread for, natal's
    error scaled to the paper's count (err x sqrt(n_natal / PAPER_NEUTRINOS): the per-neutrino spread
    of natal's neutrinos stands in for the paper's) -- and the rounding to ``step`` (the printed
    column's last digit), in quadrature."""
    if key == "fs":
        stat = math.sqrt(max(paper * (1 - paper), 0.0) / PAPER_NEUTRINOS)
    else:
        stat = (natal["err"] or 0.0) * math.sqrt(n_natal / PAPER_NEUTRINOS)
    return math.hypot(stat, step / math.sqrt(12))


def _factorial(walks: dict) -> list[dict]:
    """tables.table1_factorial: for every walk ((spectrum, resonance) -> (measured rows, neutrinos per
    row)) and every row-only combination (delta unit, crossing order, dp/p weighting), chi^2 over the
    20 rows for fs and the sterile dp/p against the paper."""
    out = []
    for (spectrum, resonance), (measured, n) in walks.items():
        for unit in DELTA_UNITS:
            for k in CROSSING_ORDERS:
                rows = [(measured[(i, unit, k)], row) for i, row in enumerate(TABLE1)]
                fs = [(m["fs"], row["fs"], _paper_errors(m["fs"], row["fs"], "fs", n)) for m, row in rows]
                chi2_fs, n_fs, excess_fs, noise_fs = _distances(fs)
                within = sum(1 for m, p, e in fs if m["value"] is not None and m["err"] is not None
                             and abs(m["value"] - p) < 2 * math.hypot(m["err"], e))
                for weighting in ("energy", "number"):
                    col = f"dp_s_{weighting}"
                    chi2_dp, n_dp, excess_dp, noise_dp = _distances(
                        [(m[col], row["dp_s"], _paper_errors(m[col], row["dp_s"], col, n)) for m, row in rows])
                    total = n_fs + n_dp
                    out.append({"redraw_spectrum": spectrum, "resonance": resonance, "delta_unit": unit,
                                "k": k or "all", "dp_weighting": weighting,
                                "chi2_fs": chi2_fs, "n_rows_fs": n_fs, "chi2_dp_s": chi2_dp, "n_rows_dp_s": n_dp,
                                "chi2_per_row": (chi2_fs + chi2_dp) / total if total else None,
                                "rms_distance_fs": _rms(excess_fs, n_fs), "rms_distance_dp_s": _rms(excess_dp, n_dp),
                                "rms_noise_fs": _rms(noise_fs, n_fs), "rms_noise_dp_s": _rms(noise_dp, n_dp),
                                "fs_rows_within_2_sigma": within, "neutrinos_per_row": n})
                    both = [out[-1][f"rms_distance_{q}"] for q in ("fs", "dp_s") if out[-1][f"rms_distance_{q}"] is not None]
                    out[-1]["rms_distance"] = math.sqrt(sum(d * d for d in both) / len(both)) if both else None
    return out


def _rms(excess: float, n: int) -> float | None:
    """sqrt(sum / n): the root-mean-square distance from the paper with the noise taken off (sum: its
    _distances excess; 0 where the noise accounts for all of it), or the noise's own (sum: its noise)."""
    return math.sqrt(max(excess, 0.0) / n) if n else None


def _pm(e: dict, digits: int = 3) -> str:
    if e["value"] is None:
        return "none"
    err = "?" if e["err"] is None else f"{e['err']:.{digits}f}"
    return f"{e['value']:.{digits}f} +- {err}"


def _crossing_md(rows: list[dict]) -> str:
    head = ("Only a neutrino's first k crossings of its resonance shell may convert (k = all: Table 1 above). "
            "All orders ride on the Table 1 walk with one uniform per crossing shared by every row, so fs "
            "grows with k neutrino by neutrino. dp/p (nu_s) is given energy-weighted (as Table 1) and "
            "number-weighted.\n\n"
            "| R_res/R_c | B [G] | delta | k | N(nu_s)/N (paper) | dp/p nu_s, energy (paper) | dp/p nu_s, number "
            "| dp/p nubar | dp/p total |\n|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for r in rows:
        lines.append(f"| {r['rres_rc']:g} | {r['B_G']:.0e} | {r['delta']:g} | {r['k']} | {_pm(r['fs'])} "
                     f"({r['paper_fs']:.3f}) | {_pm(r['dp_s_energy'])} ({r['paper_dp_s']:+.3f}) | "
                     f"{_pm(r['dp_s_number'])} | {_pm(r['dp_tau'])} | {_pm(r['dp_total'])} |")
    first = [r for r in rows if r["k"] == 1]
    plain = [r for r in rows if r["k"] == "all"]
    share = [a["fs"]["value"] / b["fs"]["value"] for a, b in zip(first, plain) if b["fs"]["value"]]
    if share:
        lines.append(f"\nThe first crossing alone gives {min(share):.0%}-{max(share):.0%} of each row's "
                     f"conversions (fs at k = 1 over fs at k = all, over the {len(share)} rows that convert).")
    lines += ["", "Over the rows, by crossing order: the RMS difference from the paper (natal - paper, rows natal "
              "measures) and the rows where natal is below / above the paper by more than 2 sigma (natal's "
              "error alone).", "", "| k | fs: RMS | fs: below / above | dp/p nu_s energy: RMS | below / above "
              "| dp/p nu_s number: RMS | below / above |", "|---|---|---|---|---|---|---|"]
    for k in dict.fromkeys(r["k"] for r in rows):
        cells = []
        for key, paper in (("fs", "paper_fs"), ("dp_s_energy", "paper_dp_s"), ("dp_s_number", "paper_dp_s")):
            sel = [(r[key]["value"] - r[paper], r[key]["err"] or 0.0) for r in rows
                   if r["k"] == k and r[key]["value"] is not None]
            rms = math.sqrt(sum(d * d for d, _e in sel) / len(sel)) if sel else math.nan
            below = sum(1 for d, e in sel if d < -2 * e)
            above = sum(1 for d, e in sel if d > 2 * e)
            cells += [f"{rms:.3f}", f"{below} / {above} of {len(sel)}"]
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _fmt(v: float | None, spec: str) -> str:
    return "n/a" if v is None else format(v, spec)


def _diagnostics_md(rows: list[dict]) -> str:
    lines = ["Sec. 4-5 describe the nubar_tau as decoupling near T ~ 8 MeV with R_T >> R_res, and the steriles "
             "with a spectral temperature close to the core's. Per row (delta in R_c, every crossing): the "
             "steriles' mean E/T at the shell where they converted, the surviving nubar_tau's mean escape "
             "radius and energy, the fraction of them whose transport sphere at their energy lies inside "
             "the resonance shell (they escape as soon as they leave the shell), the fraction of the "
             "conversions made at the first crossing, and the crossings per neutrino.", "",
             "| R_res/R_c | B [G] | delta | <E/T(R_res)> nu_s | <r_esc> nubar [R_c] | <E_esc> nubar [MeV] | "
             "R_T inside shell | first crossing | crossings |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['rres_rc']:g} | {r['B_G']:.0e} | {r['delta']:g} | "
                     f"{_fmt(r['sterile_mean_E_over_T_res'], '.3f')} | {_fmt(r['tau_escape_radius_rc_mean'], '.2f')} | "
                     f"{_fmt(r['tau_escape_E_MeV_mean'], '.2f')} | "
                     f"{_fmt(r['tau_transport_sphere_inside_shell_fraction'], '.0%')} | "
                     f"{_fmt(r['first_crossing_fraction'], '.0%')} | {r['crossings_per_neutrino']:.2f} |")
    return "\n".join(lines)


def _factorial_md(records: list[dict], statistics: dict) -> str:
    ranked = sorted((r for r in records if r["chi2_per_row"] is not None), key=lambda r: r["chi2_per_row"])
    if not ranked:
        return "No combination could be compared with the paper."

    def name(r: dict) -> str:
        return (f"{r['redraw_spectrum']} redraw, {r['resonance']} shell, delta in {r['delta_unit']}, k = {r['k']}, "
                f"dp/p {r['dp_weighting']}-weighted")

    def line(r: dict) -> str:
        return (f"{name(r)} ({r['neutrinos_per_row']} neutrinos per row): chi2/row {r['chi2_per_row']:.3g} "
                f"(fs {r['chi2_fs']:.4g} over {r['n_rows_fs']} rows, within 2 sigma on {r['fs_rows_within_2_sigma']}; "
                f"dp/p nu_s {r['chi2_dp_s']:.4g} over {r['n_rows_dp_s']} rows); RMS distance {r['rms_distance']:.3f} "
                f"(fs {r['rms_distance_fs']:.3f}, noise {r['rms_noise_fs']:.3f}; dp/p nu_s "
                f"{r['rms_distance_dp_s']:.3f}, noise {r['rms_noise_dp_s']:.3f})")

    by_rms = sorted(ranked, key=lambda r: r["rms_distance"])
    text = ["Every combination of the redraw spectrum (x^2 number, x^3 flux, x^4 collision-weighted "
            "Fermi-Dirac), the resonance shell (fixed or energy-dependent), delta's unit (R_c or R_res), the "
            "crossing order k (1, 2, 3, 5, all) and the weighting of the sterile dp/p (energy or number), "
            f"{len(records)} combinations on the walks run, each compared with the paper over the 20 rows for "
            "fs and for the sterile dp/p by chi^2 = sum (natal - paper)^2 / (err_natal^2 + err_paper^2) and by "
            "the RMS distance with the noise taken off, sqrt(mean((natal - paper)^2 - err_natal^2 - "
            "err_paper^2)) (0 where the noise, sqrt(mean(err_natal^2 + err_paper^2)), accounts for all of "
            "it; 'RMS distance' alone: the root mean square of the fs and dp/p ones). The paper's error on a printed value: its statistical error at "
            f"{PAPER_NEUTRINOS} neutrinos per row (binomial for fs; for dp/p natal's per-neutrino spread scaled "
            f"to that count) and its rounding to {PAPER_STEP:g} (step/sqrt(12)), in quadrature.", "",
            "Neutrinos per row of each walk (the walks other than Table 1's at reduced statistics): "
            + "; ".join(f"{k}: {v}" for k, v in statistics.items()) + ". A walk at fewer neutrinos has larger "
            "errors and so a smaller chi^2 at the same distance: chi^2 compares combinations within one walk; "
            "the RMS distance, whose expectation does not depend on the statistics, compares them across "
            "walks (with the noise of the walk's errors). report.json `tables.table1_factorial` holds every "
            "combination.", "",
            f"No combination brings chi2/row below {ranked[0]['chi2_per_row']:.3g}. The five closest by RMS "
            "distance (a distance below its noise is not resolved):", ""]
    text += [f"{j}. {line(r)}" for j, r in enumerate(by_rms[:5], 1)]
    text += ["", "The closest on each walk by chi2/row:", ""]
    for walk in dict.fromkeys((r["redraw_spectrum"], r["resonance"]) for r in ranked):
        best = next(r for r in ranked if (r["redraw_spectrum"], r["resonance"]) == walk)
        text.append(f"- {line(best)}")
    for q, what in (("fs", "fs"), ("dp_s", "the sterile dp/p")):
        # a distance below its noise says only that the walk cannot tell: the pick is among the resolved
        resolved = [r for r in ranked if r[f"rms_distance_{q}"] is not None
                    and r[f"rms_distance_{q}"] > r[f"rms_noise_{q}"]]
        unresolved = [r for r in ranked if r not in resolved]
        if resolved:
            text += ["", f"Closest in {what} alone (RMS distance, among the {len(resolved)} combinations whose "
                         f"distance exceeds its noise): {line(min(resolved, key=lambda r: r[f'rms_distance_{q}']))}."]
        if unresolved:
            text.append(f"{len(unresolved)} combinations, on walks of {max(r['neutrinos_per_row'] for r in unresolved)} "
                        f"or fewer neutrinos per row, have a distance in {what} within their noise: not resolved.")
    most = max(ranked, key=lambda r: (r["fs_rows_within_2_sigma"], -r["chi2_per_row"]))
    text += ["", f"Most rows with fs within 2 sigma of the paper: {most['fs_rows_within_2_sigma']} of 20, {line(most)}."]
    return "\n".join(text)


# --- what the tables show (issue 22, item 4) ---------------------------------------------------------

#: the largest error of a dp/p that the conclusion's ranges of the surviving nubar_tau's and the total
#: dp/p keep (walks at reduced statistics measure a row's dp/p from a few survivors)
PRECISE = 0.02
#: the printed step of each Table 1 column natal compares (dp/p of the surviving nubar_tau has three
#: decimals, the others two), for the paper's rounding error
_COLUMN_STEP = {"fs": PAPER_STEP, "dp_s": PAPER_STEP, "dp_tau": 0.001, "dp_total": PAPER_STEP}


def _label(row: dict) -> str:
    return f"{row['rres_rc']:g}/{row['B_G']:.0e}/{row['delta']:g}"


def _agreeing_rows(measured: dict, n: int, unit: str, k: int, weighting: str) -> dict[str, list[str]]:
    """Per Table 1 column, the rows (labels R_res/B/delta) where one combination's value lies within 2
    sigma of the paper's (natal's and the paper's errors, _paper_errors, in quadrature)."""
    out: dict[str, list[str]] = {col: [] for col in _COLUMN_STEP}
    for i, row in enumerate(TABLE1):
        m = measured[(i, unit, k)]
        for col in _COLUMN_STEP:
            e = m[f"dp_s_{weighting}" if col == "dp_s" else col]
            if e["value"] is None or e["err"] is None:
                continue
            sigma = math.hypot(e["err"], _paper_errors(e, row[col], col, n, _COLUMN_STEP[col]))
            if abs(e["value"] - row[col]) < 2 * sigma:
                out[col].append(_label(row))
    return out


def _conclusion(walks: dict, factorial: list[dict], diagnostics: list[dict]) -> dict:
    """tables.table1_conclusion: what the crossing-order table, the diagnostics and the factorial design
    say together -- Table 1 as printed against natal's reading of it, the closest combination and the
    rows it reproduces column by column, the combination reproducing most rows in fs and the sterile
    dp/p together, and the ranges of the surviving nubar_tau's dp/p over every combination run."""
    def agreeing(r: dict) -> dict[str, list[str]]:
        measured, n = walks[(r["redraw_spectrum"], r["resonance"])]
        k = 0 if r["k"] == "all" else r["k"]
        return _agreeing_rows(measured, n, r["delta_unit"], k, r["dp_weighting"])

    def combination(r: dict) -> dict:
        keys = ("redraw_spectrum", "resonance", "delta_unit", "k", "dp_weighting", "neutrinos_per_row",
                "rms_distance", "rms_distance_fs", "rms_distance_dp_s", "chi2_per_row")
        rows = agreeing(r)
        both = [x for x in rows["fs"] if x in rows["dp_s"]]
        return {**{k: r[k] for k in keys}, "rows_within_2_sigma": rows, "rows_fs_and_dp_s_within_2_sigma": both}

    resolved = [r for r in factorial if r["rms_distance"] is not None
                and r["rms_distance_fs"] is not None and r["rms_distance_fs"] > r["rms_noise_fs"]
                and r["rms_distance_dp_s"] is not None and r["rms_distance_dp_s"] > r["rms_noise_dp_s"]]
    as_read = next(r for r in factorial if (r["redraw_spectrum"], r["resonance"], r["delta_unit"], r["k"],
                                            r["dp_weighting"]) == ("number", "fixed", "R_c", "all", "energy"))
    closest = min(resolved, key=lambda r: r["rms_distance"]) if resolved else None

    def most_rows(records: list[dict]) -> dict | None:
        scored = [combination(r) for r in records]
        return max(scored, key=lambda c: (len(c["rows_fs_and_dp_s_within_2_sigma"]), -(c["rms_distance"] or math.inf)),
                   default=None)

    unresolved = [r for r in factorial if r not in resolved]

    def fs_error_rms(records: list[dict]) -> float | None:
        errors = [walks[(r["redraw_spectrum"], r["resonance"])][0][(i, r["delta_unit"], 0 if r["k"] == "all" else r["k"])]
                  ["fs"]["err"] for r in records for i in range(len(TABLE1))]
        errors = [e for e in errors if e is not None]
        return math.sqrt(sum(e * e for e in errors) / len(errors)) if errors else None

    def precise(col: str) -> list[float]:
        # a dp/p from a handful of survivors spans anything: the ranges keep values measured to PRECISE
        return [m[col]["value"] for measured, _n in walks.values() for m in measured.values()
                if m[col]["value"] is not None and m[col]["err"] is not None and m[col]["err"] <= PRECISE]

    tau, total = precise("dp_tau"), precise("dp_total")
    atmosphere = [d for d in diagnostics if d["rres_rc"] > 1]

    def span(values: list) -> list[float] | None:
        values = [v for v in values if v is not None]
        return [min(values), max(values)] if values else None

    return {
        "as_read": combination(as_read),
        "closest_resolved": None if closest is None else combination(closest),
        "most_rows_fs_and_dp_s": most_rows(resolved),
        "most_rows_fs_and_dp_s_unresolved": most_rows(unresolved),
        "unresolved_fs_error_rms": fs_error_rms(unresolved),
        "dp_precision": PRECISE,
        "dp_tau_natal_range": span(tau), "dp_tau_paper_range": span([row["dp_tau"] for row in TABLE1]),
        "dp_total_natal_range": span(total), "dp_total_paper_range": span([row["dp_total"] for row in TABLE1]),
        "combinations": len(factorial), "combinations_resolved": len(resolved),
        "tau_escape_radius_rc_range": span([d["tau_escape_radius_rc_mean"] for d in diagnostics]),
        "tau_escape_E_MeV_range": span([d["tau_escape_E_MeV_mean"] for d in diagnostics]),
        "atmosphere_transport_sphere_inside_shell_range": span(
            [d["tau_transport_sphere_inside_shell_fraction"] for d in atmosphere]),
        "sterile_mean_E_over_T_res_range": span([d["sterile_mean_E_over_T_res"] for d in diagnostics]),
    }


def _conclusion_md(c: dict) -> str:
    def name(r: dict) -> str:
        return (f"{r['redraw_spectrum']} redraw, {r['resonance']} shell, delta in {r['delta_unit']}, k = {r['k']}, "
                f"dp/p (nu_s) {r['dp_weighting']}-weighted, {r['neutrinos_per_row']} neutrinos per row")

    def rows(r: dict) -> str:
        w = r["rows_within_2_sigma"]
        parts = [f"{what} on {len(w[col])} of 20" + (f" ({', '.join(w[col])})" if 0 < len(w[col]) <= 6 else "")
                 for col, what in (("fs", "fs"), ("dp_s", "dp/p (nu_s)"), ("dp_tau", "dp/p (nubar)"),
                                   ("dp_total", "dp/p (total)"))]
        both = r["rows_fs_and_dp_s_within_2_sigma"]
        return ("within 2 sigma of the paper: " + "; ".join(parts) + f"; fs and dp/p (nu_s) together on {len(both)}"
                + (f" ({', '.join(both)})" if 0 < len(both) <= 6 else ""))

    def pair(x: list | None, digits: str = ".3f") -> str:
        return "none measured" if x is None else f"{x[0]:{digits}} to {x[1]:{digits}}"

    lines = ["Rows are labelled R_res/R_c / B / delta; 'within 2 sigma' uses natal's error and the paper's "
             "(its statistics at 4e5 neutrinos per row and the rounding of the printed digit) in quadrature.", "",
             f"- Table 1 as natal reads the paper by default ({name(c['as_read'])}): {rows(c['as_read'])}."]
    if c["closest_resolved"] is not None:
        lines.append(f"- The closest of the {c['combinations_resolved']} combinations whose distance from the paper "
                     f"is resolved in both fs and dp/p (nu_s) ({name(c['closest_resolved'])}; RMS distance "
                     f"{c['closest_resolved']['rms_distance']:.3f}): {rows(c['closest_resolved'])}.")
    else:
        lines.append("- No combination's distance from the paper is resolved in both fs and dp/p (nu_s).")
    most = c["most_rows_fs_and_dp_s"]
    if most is not None:
        lines.append(f"- The most rows reproduced in fs and dp/p (nu_s) together by a resolved combination: "
                     f"{len(most['rows_fs_and_dp_s_within_2_sigma'])} of 20 ({name(most)}).")
    loose = c["most_rows_fs_and_dp_s_unresolved"]
    if loose is not None:
        lines.append(f"- Of the {c['combinations'] - c['combinations_resolved']} combinations whose distance is not "
                     f"resolved (walks at reduced statistics), the most rows within 2 sigma in both: "
                     f"{len(loose['rows_fs_and_dp_s_within_2_sigma'])} of 20 ({name(loose)}), with errors on fs of "
                     f"{c['unresolved_fs_error_rms']:.3f} (RMS over those walks' rows), too wide to tell these "
                     f"readings apart from the paper or from one another.")
    lines.append(f"- Unexplained by every combination run: the surviving nubar_tau's dp/p, where measured to "
                 f"+-{c['dp_precision']:g} or better, runs from {pair(c['dp_tau_natal_range'])}, where the paper "
                 f"prints {pair(c['dp_tau_paper_range'])} (their asymmetry 'washed out almost completely', Sec. 5); "
                 f"natal's total dp/p runs from {pair(c['dp_total_natal_range'])} against the paper's "
                 f"{pair(c['dp_total_paper_range'], '.2f')}.")
    lines.append(f"- The walk runs outside the regime Secs. 4-5 describe: the surviving nubar_tau leave at a mean "
                 f"{pair(c['tau_escape_radius_rc_range'], '.2f')} R_c with {pair(c['tau_escape_E_MeV_range'], '.1f')} "
                 f"MeV, on the atmosphere rows {pair(c['atmosphere_transport_sphere_inside_shell_range'], '.0%')} of "
                 f"them with their transport sphere inside the resonance shell, and the steriles convert at a mean "
                 f"E/T(R_res) of {pair(c['sterile_mean_E_over_T_res_range'], '.2f')} (Table 1's walk).")
    return "\n".join(lines)

