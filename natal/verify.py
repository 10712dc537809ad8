"""``natal verify``: run the equation checks of the installed paper packs and report their verdicts.

Each pack's check modules register their checks when imported (:func:`natal.verdict.check`); a
pack that cannot be loaded, or whose checks cannot be imported, becomes one ``error`` record naming
it and its entry point, and the other packs still run.  A check compares one printed equation with
its derivation and returns a :class:`~natal.verdict.Verdict`:

* ``agrees``: the difference between derived and printed forms simplifies to zero *and* an
  independent numeric route, run by the check itself, agrees with the derivation;
* ``differs``: the derivation, itself confirmed by its independent route, disagrees with the print;
  ``corrected`` holds the derived form and ``note`` says what differs and why it matters;
* ``given``: the paper states the equation as a definition or a model assumption; there is nothing
  to derive, and ``note`` says which;
* ``not-derived``: natal has no derivation for it (nothing is called ``agrees`` without one).

A verdict of ``agrees`` or ``differs`` counts only if it could have come out the other way: it must
name the premises it was derived from (paper equations by id, ``"<key>:eq8"``, and named physics,
``"continuity equation"``), which may not include the equation itself, and it must have run an
independent route (every ``checks.compare.require_close`` inside the check is recorded, and the
largest relative disagreement is reported).  A verdict that breaks these rules is recorded as an
``error``, as is a check that raises; ``natal verify`` then exits non-zero.  Differences are
findings, not failures.

With ``mutants=True`` each ``agrees`` check is run again against mechanical mutants of the printed
forms it read (:mod:`natal.mutants`), each in a forked process of a session that derived everything
afresh (caches cleared, the derivation store bypassed) and watched for values remembered from a
print (then every mutant run starts cold); a ``differs`` check is run first with its corrected form
in the print's place (it must then agree) and then against mutants of that corrected form.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from typing import Any, Callable, Iterable

from natal import __version__, packs
from natal.cachedir import UntrustedCacheError
from natal.verdict import DERIVED, REGISTRY, STATUSES, Check, Verdict

__all__ = ["selected", "store_key", "check_stored", "run", "report", "format_table", "pack_errors"]

#: mutants tried per printed entry a check reads
MUTANTS_PER_ENTRY = 5
#: seconds a mutant's run may take before it counts as caught (the check could not accept it)
MUTANT_TIMEOUT_S = 300


_LOADED: dict[str, str] = {}  # pack key -> '' once its checks are registered, else why they are not


def _load(paper: str | None = None) -> None:
    """Import the check modules of ``paper``'s pack (or of every installed pack): importing one
    registers its checks.  A pack that fails is remembered with the reason (:func:`pack_errors`)."""
    for key, pack in packs.installed().items():
        if paper not in (None, key) or key in _LOADED:
            continue
        before = set(REGISTRY)
        try:
            for module in pack.checks:
                packs.load_part(pack, module)
            foreign = sorted(cid for cid in set(REGISTRY) - before if REGISTRY[cid].paper != key)
            if foreign:
                raise packs.PackError(f"pack {key!r} registered checks of another paper: {', '.join(foreign)}")
            _LOADED[key] = ""
        except packs.PackError as error:
            for cid in set(REGISTRY) - before:
                del REGISTRY[cid]
            _LOADED[key] = str(error)


def _check_paper(paper: str | None) -> None:
    if paper is not None and paper not in packs.installed():
        broken = [b.line() for b in packs.broken() if b.key == paper]
        raise ValueError(broken[0] if broken else f"--paper must be an installed pack "
                         f"({', '.join(packs.installed()) or 'none installed'}); got {paper!r}")


def pack_errors(paper: str | None = None) -> list[dict]:
    """An ``error`` record for each pack (of ``paper``, or all) that could not be loaded or whose
    checks could not be imported: one line naming the pack and its entry point."""
    _load(paper)
    lines = {b.key: b.line() for b in packs.broken() if paper in (None, b.key)}
    lines.update({key: why for key, why in _LOADED.items() if why and paper in (None, key)})
    return [{"id": f"{key}:pack", "paper": key, "equation": "", "title": "the paper pack itself", "status": "error",
             "premises": [], "method": "", "independent": "", "independent_max_rel": None, "note": line,
             "corrected": "", "seconds": 0.0} for key, line in sorted(lines.items())]


def selected(paper: str | None = None) -> list[Check]:
    """The registered checks of ``paper`` (or of all installed packs), in paper/equation order."""
    _check_paper(paper)
    _load(paper)
    return sorted((c for c in REGISTRY.values() if paper in (None, c.paper)), key=_order)


def store_key(paper: str | None = None) -> str:
    """The key under which a plain run's verdicts for ``paper`` are stored (:mod:`natal.source_store`):
    natal's sources and libraries, the selection, and each registered check's function (with the
    source file of one defined outside natal)."""
    from natal import source_store

    parts = [f"paper {paper or 'all'}"] + [f"check {c.id} {source_store.function_id(c.func)}" for c in selected(paper)]
    return source_store.key("verify", *parts)


def check_stored(body: Any) -> None:
    """Raise :class:`natal.source_store.Damaged` unless ``body`` is ``{"records": [...], "page": ...}``."""
    from natal.source_store import Damaged

    if not isinstance(body, dict) or set(body) != {"records", "page"}:
        raise Damaged("not a record of verdicts")
    if not isinstance(body["records"], list) or not all(isinstance(r, dict) and {"id", "status"} <= set(r)
                                                        for r in body["records"]):
        raise Damaged("records is not a list of check records")
    if body["page"] is not None and not isinstance(body["page"], str):
        raise Damaged("page is not text")


def _order(c: Check) -> tuple:
    digits = "".join(ch for ch in c.equation if ch.isdigit())
    return (c.paper, c.equation.rstrip("0123456789"), int(digits or 0))


def _rule_broken(c: Check, v: Verdict, max_rel: float | None) -> str:
    """Why a verdict cannot stand as it is, or '' when it can."""
    if v.status in DERIVED:
        if not v.premises:
            return f"a verdict of '{v.status}' must name the premises it was derived from"
        if c.id in v.premises:
            return f"{c.id} is among its own premises: the derivation assumes what it checks"
        if not v.independent:
            return f"a verdict of '{v.status}' must name its independent route"
        if max_rel is None:
            return f"a verdict of '{v.status}' must run its independent route (no comparison was recorded)"
        if v.readings is not None and v.readings.get("literal", v.status) != v.status:
            return f"the headline status must be the literal reading's ({v.readings['literal']})"
    if v.status == "given" and not v.note:
        return "a 'given' verdict must say, in its note, what the paper states as given"
    return ""


def _evaluate(c: Check) -> tuple[dict, Verdict | None]:
    """Run one check: its report record and its verdict (None where it failed)."""
    from natal.checks.compare import route_comparisons

    t0 = time.perf_counter()
    try:
        with route_comparisons() as rels:
            v = c.func()
        max_rel = max(rels) if rels else None
        broken = _rule_broken(c, v, max_rel)
        if broken:
            raise RuntimeError(broken)
        rec = {"status": v.status, "premises": list(v.premises), "method": v.method,
               "independent": v.independent, "independent_max_rel": max_rel, "note": v.note,
               "corrected": v.corrected}
        if v.readings is not None:
            rec["readings"] = dict(v.readings)
    except UntrustedCacheError:  # not the check's failure: stop, and say it once
        raise
    except Exception as exc:  # a failing check is a result to report, not a crash
        v = None
        rec = {"status": "error", "premises": [], "method": "", "independent": "", "independent_max_rel": None,
               "note": f"{type(exc).__name__}: {exc}", "corrected": "", "traceback": traceback.format_exc()}
    record = {"id": c.id, "paper": c.paper, "equation": c.equation, "title": c.title, **rec,
              "seconds": round(time.perf_counter() - t0, 3)}
    return record, v


def run(paper: str | None = None, progress: Callable[[str], None] | None = None,
        mutants: bool = False, jobs: int | None = None, forms: dict | None = None) -> list[dict]:
    """Run the checks (of one paper, or all) and return report records in paper/equation order.

    With ``mutants`` every ``agrees`` and ``differs`` record gets its mutation test (``mutants``
    field).  The checks, or with ``mutants`` the mutant runs, are spread over ``jobs`` processes
    (default: the CPUs this process may use).  A dict ``forms`` is
    filled with what each check compared, for pages that show the equations: ``forms[id]`` is a list
    of ``(entry, printed, corrected)``, one per printed form the check read (its first call), where
    ``corrected`` is the derived form that replaces the print (``differs``) or None.
    """
    _check_paper(paper)
    if not mutants:
        _load(paper)
        return _run_lanes(paper, progress, _jobs(jobs), forms) + pack_errors(paper)
    import contextlib

    from natal.derivations import store
    from natal.mutants import recording

    # Everything is derived afresh in this process, watched, so that the mutant runs may start from
    # what it remembered unless a remembered value was computed from a print (see _mutation_test).
    cached_reads: dict = {}
    _clear_caches()
    with contextlib.ExitStack() as stack:
        stack.enter_context(store.bypassed())
        with recording(cached_reads):
            _load(paper)
        return _run_selected(paper, progress, True, jobs, forms, cached_reads) + pack_errors(paper)


def _jobs(jobs: int | None) -> int:
    if jobs is not None:
        return jobs
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _run_lanes(paper: str | None, progress: Callable[[str], None] | None, jobs: int,
               forms: dict | None) -> list[dict]:
    """The plain run on ``jobs`` forked processes, one *lane* (the checks of one module, which share
    their derivations through the module's caches) at a time each, largest lane first."""
    selected = [c for c in REGISTRY.values() if paper in (None, c.paper)]
    lanes: dict[str, list[str]] = {}
    for c in selected:
        lanes.setdefault(c.func.__module__, []).append(c.id)
    if jobs <= 1 or len(lanes) <= 1:
        return _run_selected(paper, progress, False, jobs, forms, None)
    import concurrent.futures
    import multiprocessing

    global _LANE_SETTINGS
    order = sorted(lanes.values(), key=len, reverse=True)
    records: list[dict] = []
    # The workers are forked from this process (its registry, imports and caches) and find the
    # settings here; only the check ids travel to them, and records and forms come back.
    _LANE_SETTINGS = (progress, forms is not None)
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(min(jobs, len(order)), mp_context=context) as pool:
        futures = [pool.submit(_run_lane, ids) for ids in order]
        for future in futures:
            lane_records, lane_forms = future.result()
            records.extend(lane_records)
            if forms is not None:
                forms.update(lane_forms)
    return sorted(records, key=lambda r: _order(REGISTRY[r["id"]]))


_LANE_SETTINGS: tuple = (None, False)  # (progress, whether to collect forms) for the lane workers


def _run_lane(ids: list[str]) -> tuple[list, dict]:
    progress, want_forms = _LANE_SETTINGS
    forms: dict | None = {} if want_forms else None
    records = []
    for cid in ids:
        if progress:
            progress(cid)
        records.extend(_run_checks([REGISTRY[cid]], None, False, None, forms, None))
    return records, forms or {}


def _run_selected(paper: str | None, progress: Callable[[str], None] | None, mutants: bool, jobs: int | None,
                  forms: dict | None, cached_reads: dict | None) -> list[dict]:
    selected = sorted((c for c in REGISTRY.values() if paper in (None, c.paper)), key=_order)
    return _run_checks(selected, progress, mutants, jobs, forms, cached_reads)


def _run_checks(selected: list[Check], progress: Callable[[str], None] | None, mutants: bool, jobs: int | None,
                forms: dict | None, cached_reads: dict | None) -> list[dict]:
    records = []
    for c in selected:
        if progress:
            progress(c.id)
        if not mutants and forms is None:
            records.append(_evaluate(c)[0])
            continue
        from natal.mutants import recording

        with recording(cached_reads) as seen:
            record, verdict = _evaluate(c)
        if forms is not None:
            fixes = dict(verdict.corrected_entries) if verdict is not None else {}
            forms[c.id] = [(entry, values[0], fixes[entry](values[0]) if entry in fixes else None)
                           for entry, values in seen.items() if values]
        if mutants and verdict is not None and verdict.status in DERIVED:
            t0 = time.perf_counter()
            record["mutants"] = _mutation_test(c, verdict, seen, jobs, progress, cached_reads)
            record["seconds"] = round(record["seconds"] + time.perf_counter() - t0, 3)
        records.append(record)
    return records


# --- mutation testing ---------------------------------------------------------------------------

def _mutation_test(c: Check, verdict: Verdict, seen: dict, jobs: int | None,
                   progress: Callable[[str], None] | None, cached_reads: dict) -> dict:
    """Run ``c`` against mutants of what it read; see the module docstring.

    Each run is a fork of this process.  When no remembered value (an ``lru_cache`` entry, a module
    constant) was computed while reading a print, a fork that starts from the remembered values runs
    exactly as one that derives everything afresh, and it keeps them; otherwise every run clears
    them first, and the record names the reads that forced it (``cached_reads``).
    """
    from natal.mutants import choose

    cold = bool(cached_reads)
    base: list[tuple[Any, Callable[[Any], Any]]] = []  # (entry, transform) in force for every run
    result: dict[str, Any] = {}
    if cold:
        result["cached_reads"] = sorted(f"{entry} read inside {module}.{name}"
                                        for entry, readers in cached_reads.items() for module, name in readers)
    if verdict.status == "differs":
        if not verdict.corrected_entries:
            return {**result, "tried": 0, "caught": 0, "uncaught": [],
                    "note": "no corrected form to put in the print's place: not tested"}
        base = [(entry, transform) for entry, transform in verdict.corrected_entries]
        values: dict = {}
        for entry, transform in base:
            values[entry] = [transform(v) for v in seen.get(entry, [])]
        status = _isolated([lambda: _status_with(c, base, cold, cached_reads)], jobs)[0]
        result["corrected_passes"] = status == "agrees"
    else:
        values = dict(seen)
    mutations = [m for entry, vals in values.items()
                 for m in choose(entry, vals, MUTANTS_PER_ENTRY, c.id)]
    if progress:
        progress(f"{c.id}: {len(mutations)} mutants")
    runs = [lambda m=m: _status_with(c, base + [(m.entry, m.apply)], cold, cached_reads) for m in mutations]
    statuses = _isolated(runs, jobs)
    uncaught = [m.text(values[m.entry][0]) for m, s in zip(mutations, statuses) if s == "agrees"]
    result.update({"tried": len(mutations), "caught": len(mutations) - len(uncaught), "uncaught": uncaught})
    return result


def _status_with(c: Check, changes: list, cold: bool, cached_reads: dict) -> str:
    """The check's status with each (entry, transform) in place; with ``cold``, nothing is taken
    from a cache (natal's, or that of a module where a print was read into one)."""
    import contextlib

    from natal.derivations import store
    from natal.mutants import patched

    if cold:
        _clear_caches({module for readers in cached_reads.values() for module, _ in readers})
    with contextlib.ExitStack() as stack:
        stack.enter_context(store.bypassed())
        for entry, transform in changes:
            stack.enter_context(patched(entry, transform))
        return _evaluate(c)[0]["status"]


def _clear_caches(also: Iterable[str] = ()) -> None:
    """Empty every functools cache of natal's modules and the packs' (derivations, checks, registries)
    and of the modules named in ``also``."""
    also = set(also)
    roots = ("natal", *packs.source_packages())
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in roots or name in also:
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def _isolated(calls: list[Callable[[], str]], jobs: int | None) -> list[str]:
    """Each call's returned status, run in its own forked process, ``jobs`` at a time.

    A call that raises counts as 'error' and one that outlives MUTANT_TIMEOUT_S as 'timeout': either
    way the check did not accept what it was given.
    """
    jobs = _jobs(jobs)
    out: list[str | None] = [None] * len(calls)
    running: dict[int, tuple[int, int, float]] = {}  # pid -> (index, read end, start)
    queue = list(range(len(calls)))

    def start(i: int) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report, and leave without running the parent's cleanup
            os.close(read)
            try:
                status = calls[i]()
            except BaseException:
                status = "error"
            with os.fdopen(write, "w") as pipe:
                pipe.write(json.dumps(status))
            os._exit(0)
        os.close(write)
        running[pid] = (i, read, time.monotonic())

    while queue or running:
        while queue and len(running) < max(1, jobs):
            start(queue.pop(0))
        pid, _ = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for p, (i, read, t0) in list(running.items()):
                if time.monotonic() - t0 > MUTANT_TIMEOUT_S:
                    os.kill(p, 9)
            time.sleep(0.02)
            continue
        if pid not in running:
            continue
        i, read, _ = running.pop(pid)
        with os.fdopen(read) as pipe:
            text = pipe.read()
        out[i] = json.loads(text) if text else "no result (killed or timed out)"
    return [s or "error" for s in out]


# --- the report ---------------------------------------------------------------------------------

def report(records: Iterable[dict]) -> dict:
    """The JSON document of DESIGN.md's verification report."""
    return {"natal_version": __version__, "checks": list(records)}


def format_table(records: list[dict], width: int = 100) -> str:
    """A readable terminal table: id, status (each reading's where there are several), seconds,
    title, then the note wrapped below; a line of mutants where they were run."""
    import textwrap

    lines = [f"{'check':<12} {'status':<12} {'s':>6}  title", "-" * width]
    for rec in records:
        lines.append(f"{rec['id']:<12} {rec['status']:<12} {rec['seconds']:>6.2f}  {rec['title']}")
        if rec.get("readings"):
            lines.append(" " * 14 + "readings: " + ", ".join(f"{k} {v}" for k, v in rec["readings"].items()))
        m = rec.get("mutants")
        if m is not None:
            text = f"mutants: {m['caught']} of {m['tried']} caught"
            if "corrected_passes" in m:
                text += ", corrected form " + ("agrees" if m["corrected_passes"] else "does NOT agree")
            lines.append(" " * 14 + text + (f" ({m['note']})" if m.get("note") else ""))
            for u in m["uncaught"]:
                lines.extend(" " * 16 + chunk for chunk in textwrap.wrap("not caught: " + u, width - 16))
        if rec["status"] in ("differs", "error", "given") and rec["note"]:
            for chunk in textwrap.wrap(rec["note"], width - 14):
                lines.append(" " * 14 + chunk)
    counts = {s: sum(r["status"] == s for r in records) for s in STATUSES}
    lines.append("-" * width)
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no checks")
    return "\n".join(lines)
