"""Settings every test shares: Hypothesis runs derandomized, so the suite is deterministic."""

from hypothesis import HealthCheck, settings

# derandomize: the examples follow from each test's own code, the same on every run and machine;
# no example database, so nothing is written beside the sources.
settings.register_profile("natal", derandomize=True, database=None, deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("natal")


# --- the rsfp acceleration's equivalence check, shared by the default suite's reduced test
# (tests/numerics/test_mc_acceleration.py) and the validation tier's full one (tests/validation) ---

import dataclasses  # noqa: E402
import math  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import pytest  # noqa: E402

#: sums per neutrino that the analog and the accelerated walks both estimate, per row
_ROW_TALLIES = ("n_sterile", "E_sterile", "Ez_sterile", "E_active", "Ez_active", "E_sterile_redshifted",
                "Ez_sterile_redshifted", "E_active_redshifted", "Ez_active_redshifted", "crossings",
                "inward_conversions")
_TABLE1_COLUMNS = ("fs", "dp_s", "dp_tau", "dp_total", "dp_total_redshifted")


def _rows():
    from natal.derivations.printed.rsfp_data import TABLE1

    return tuple((r["rres_rc"], r["B_G"], r["delta"]) for r in TABLE1)


def _walk_rows(scheme: str, **choices) -> tuple:
    """Every row the Table 1 walk of ``natal reproduce`` carries (reproduce.table1_walk_rows: the 20
    printed rows first, then the crossing orders, delta in R_res and Eq. 6's variant), in ``scheme``."""
    from natal.papers.rsfp.reproduce import table1_walk_rows

    rows = tuple(dataclasses.replace(q, scheme=scheme, **choices) for q in table1_walk_rows())
    printed = tuple((q.rres_rc, q.B_G, q.delta) for q in rows[:len(_rows())])
    if printed != _rows() or any(q.max_crossings or q.delta_unit != "R_c" for q in rows[:len(_rows())]):
        raise AssertionError("the Table 1 walk no longer carries the 20 printed rows first, "
                             "where _summarise reads them")
    return rows


def _problem(scheme: str, **choices):
    """The Table 1 walk as ``natal reproduce`` runs it: all its rows on one walk per neutrino."""
    from natal.numerics.rsfp.transport import KickRows

    return KickRows(_walk_rows(scheme, **choices))


def _analog_settings() -> list[dict]:
    """What the analog walk of each row depends on (every KickProblem field but the acceleration's),
    as JSON-ready text, so that a stored analog run can be matched to the code that reads it."""
    from natal.numerics.rsfp.transport import ACCELERATION_CONTROLS

    return [{k: repr(v) for k, v in dataclasses.asdict(q).items() if k not in ("scheme",) + ACCELERATION_CONTROLS}
            for q in _problem("analog").problems]


def _summarise(res) -> dict:
    """Per printed row (the walk's first 20), [value, error] of every compared tally; the walk's
    scatterings and work per neutrino."""
    from natal.papers.rsfp.reproduce import row_results

    rows = []
    for i in range(len(_rows())):
        one = res.take(i)
        values = {k: list(one.mean_and_error(k)) for k in _ROW_TALLIES}
        values.update({k: list(v) for k, v in row_results(one).items()})
        values["lost"] = float(one.totals["lost"])
        rows.append(values)
    return {"rows": rows, "scatterings": list(res.mean_and_error("scatterings")),
            "analog_epochs_per_neutrino": float(res.totals["analog_epochs"]) / res.n_total,
            "jumps_per_neutrino": float(res.totals["jumps"]) / res.n_total,
            "n": res.n_total, "batch_size": int(res.n_per_batch[0]), "n_batches": res.n_batches}


def _contributions(res) -> dict:
    """Each compared estimate's per-batch error contributions (BatchResults.contributions), keyed like
    _compare's comparisons: ("walk", "scatterings") and (row, tally) with row a list of three numbers."""
    from natal.papers.rsfp.reproduce import ROW_COLUMNS

    out = {("walk", "scatterings"): res.contributions("scatterings")}
    for i, row in enumerate(_rows()):
        one = res.take(i)
        for k in _ROW_TALLIES:
            out[(tuple(row), k)] = one.contributions(k)
        for k in _TABLE1_COLUMNS:
            num, den = ROW_COLUMNS[k]
            if den is None or float(one.totals[den]) > 0:
                out[(tuple(row), k)] = one.contributions(num, den)
    return out


def _compare(reference: dict, candidate: dict, alpha: float = 0.05, contributions=None) -> SimpleNamespace:
    """Every tally of every row of ``candidate`` against ``reference`` (summaries from _summarise):
    z = (candidate - reference) / sqrt(err_ref^2 + err_cand^2) with batch-means errors.  The check
    passes when each |z| < z* = Phi^-1(1 - alpha / (2 m)) over the m comparisons (Bonferroni: a
    family-wise false-alarm rate alpha for an unbiased scheme), where a ratio one run cannot form
    (dp/p of a population it never produced) the other cannot form either, and no neutrino is lost.

    With ``contributions`` (the two runs' _contributions, reference first), ``null`` is where the
    comparison lies in the null distribution that knows the estimates' correlations
    (numerics.montecarlo.equivalence): how often an unbiased pair puts as many |z| beyond 2, or one
    as far out, as observed."""
    from scipy.stats import norm

    pairs = [("walk", "scatterings", reference["scatterings"], candidate["scatterings"])]
    for row, ra, rb in zip(_rows(), reference["rows"], candidate["rows"]):
        pairs += [(list(row), k, ra[k], rb[k]) for k in _ROW_TALLIES + _TABLE1_COLUMNS]
    out = []
    for row, k, (va, ea), (vb, eb) in pairs:
        c = {"row": row, "tally": k, "reference": [va, ea], "candidate": [vb, eb]}
        if None in (va, ea, vb, eb):
            c["z"], c["both_empty"] = None, va is None and vb is None
        else:
            sigma = math.hypot(ea, eb)
            c["z"] = (vb - va) / sigma if sigma > 0 else (0.0 if va == vb else math.copysign(math.inf, vb - va))
            # the difference and a bound on the bias, |diff| + 2 sigma; relative to the reference where it
            # stands clear of zero (a dp/p near 0 has no useful relative difference)
            c["diff"], c["bound_2sigma"] = vb - va, abs(vb - va) + 2 * sigma
            clear = abs(va) > 5 * ea
            c["rel_diff"] = (vb - va) / abs(va) if clear else None
            c["rel_bound_2sigma"] = c["bound_2sigma"] / abs(va) if clear else None
        out.append(c)
    m = sum(c["z"] is not None for c in out)
    z_star = float(norm.isf(alpha / (2 * m)))
    failed = [c for c in out
              if (c["z"] is None and not c["both_empty"]) or (c["z"] is not None and not abs(c["z"]) < z_star)]
    lost = [list(row) for row, ra, rb in zip(_rows(), reference["rows"], candidate["rows"]) if ra["lost"] or rb["lost"]]
    zs = [abs(c["z"]) for c in out if c["z"] is not None]
    worst = max((c for c in out if c["z"] is not None), key=lambda c: abs(c["z"]))
    null = None
    if contributions is not None:
        import numpy as np

        from natal.numerics.montecarlo.equivalence import correlated_null

        used = [c for c in out if c["z"] is not None]
        keys = [("walk", "scatterings") if c["row"] == "walk" else (tuple(c["row"]), c["tally"]) for c in used]
        null = correlated_null(np.stack([contributions[0][k] for k in keys], axis=1),
                               np.stack([contributions[1][k] for k in keys], axis=1),
                               np.array([c["z"] for c in used])).as_dict()
    return SimpleNamespace(comparisons=out, z_star=z_star, m=m, failed=failed, lost=lost,
                           passed=not failed and not lost, max_abs_z=max(zs), worst=worst,
                           fraction_above_2=sum(z > 2 for z in zs) / len(zs), null=null)


def _compare_runs(runs: tuple) -> tuple[dict, SimpleNamespace, float]:
    """(summaries, check, work ratio) for the validation tier's (summaries, contributions) of an analog
    and an accelerated run: the accelerated against the analog with the correlated null, and the
    fraction of the analog walk's epochs the accelerated one followed."""
    summaries, contributions = runs
    check = _compare(summaries["analog"], summaries["accelerated"],
                     contributions=(contributions["analog"], contributions["accelerated"]))
    work = summaries["accelerated"]["analog_epochs_per_neutrino"] / summaries["analog"]["analog_epochs_per_neutrino"]
    return summaries, check, work


def _unusual(check: SimpleNamespace) -> bool:
    """Whether an unbiased pair with the runs' correlations gives as many |z| beyond 2, or as large a
    |z|, with probability below 5% (``check.null``, from _compare with contributions)."""
    return check.null["p_fraction"] < 0.05 or check.null["p_max"] < 0.05


def _verdict(check: SimpleNamespace) -> dict:
    """The comparison's result as the validation tier records it."""
    return {"z_star": check.z_star, "max_abs_z": check.max_abs_z, "worst": check.worst,
            "fraction_abs_z_above_2": check.fraction_above_2, "correlated_null": check.null}


def _describe(check: SimpleNamespace) -> str:
    lines = [f"{c['row']} {c['tally']}: reference {c['reference']}, candidate {c['candidate']}, z = {c['z']}"
             for c in check.failed]
    lines += [f"neutrinos lost on row {row}" for row in check.lost]
    return "\n".join(lines + [f"(z* = {check.z_star:.3f} over {check.m} comparisons)"])


@pytest.fixture(scope="session")
def mc_equivalence() -> SimpleNamespace:
    """The accelerated-vs-analog check of the rsfp walk: ``rows()`` (the printed rows), ``walk_rows(scheme)``
    (every row the walk carries), ``problem(scheme, **choices)``,
    ``summarise(results)``, ``compare(reference, candidate)``, ``describe(check)``, ``analog_settings()``."""
    return SimpleNamespace(rows=_rows, walk_rows=_walk_rows, problem=_problem, summarise=_summarise, compare=_compare,
                           describe=_describe, contributions=_contributions, unusual=_unusual, verdict=_verdict,
                           compare_runs=_compare_runs,
                           analog_settings=_analog_settings, ROW_TALLIES=_ROW_TALLIES, TABLE1_COLUMNS=_TABLE1_COLUMNS)
