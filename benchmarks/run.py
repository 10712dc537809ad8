"""Speed of natal's generated evaluators beside plain lambdify and SymEngine's LLVM backend.

    python benchmarks/run.py [--n 1000000] [--repeat 7] [--out benchmarks/results/evaluators.json]
                             [--case NAME]

By default it measures issue 21's goal 6: natal's Numba backend against SymEngine's LLVM
``Lambdify`` on ``mag.dB_dt`` and on the largest ``nuN`` evaluator (the registered ``nuN.*`` one
with the most operations, ``sympy.count_ops`` over its outputs before CSE; a tie goes to the
longer program after CSE), with natal's threads and on one thread.  The four ratios are
``natal_numba/symengine_llvm`` and ``natal_numba_1thread/symengine_llvm`` on the two cases, each
natal's time divided by SymEngine's: below 1 natal is faster, and the goal is <= 1.  SymEngine's
call runs on one thread in both (it has no threads of its own, and it holds the GIL, so a thread
pool cannot spread it).

For each case, one derivation is evaluated on ``n`` seeded random points by four methods in one
process: natal's NumPy and Numba evaluators, ``sympy.lambdify(inputs, outputs, "numpy",
cse=False)`` and ``symengine.Lambdify(inputs, outputs, backend="llvm", cse=True)``, and natal's
two again on one thread.  The four are first checked to agree, then timed with
``time.perf_counter`` in ``repeat`` rounds, each round calling every method once in turn (so that
a change in the machine's load falls on all of them alike); the best time of each is kept, the
median beside it.  Setup (generation, Numba and LLVM compilation) is timed separately and
excluded: every method is called once before timing.  SymEngine takes its arguments as one
``(n, inputs)`` array, built before timing.  The JSON written to ``--out`` holds the command,
machine information with the load average before and after, versions, per-method times, ratios
and the goal's four ratios; the table printed is the same data.

If a comparison method (lambdify, SymEngine LLVM) cannot be built or called on a case, that
method is reported as unavailable, with the reason, instead of stopping the run; natal's NumPy
evaluator is the reference and must work.

``--case`` takes any registered evaluator or ``standin.curl_curl``, a synthetic derivation of the
same structure as ``mag.dB_dt`` (the curl of a ponderomotive force built from the curl of a
neutrino flux, mag Eqs. 1-3, for general axisymmetric fields and two plasma species).

Inputs are drawn per case by :data:`SAMPLERS` (default :func:`sample`): the ``mag`` cases and the
stand-in take polar angles in (0.1, pi - 0.1) and everything else in (0.5, 2); the ``nuN`` rate
cases take physical values (:func:`sample_nuN`).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import numba
import numpy as np
import symengine
import sympy as sp

from natal.codegen import evaluator, registry
from natal.codegen.cache import package_versions
from natal.codegen.program import lower
from natal.derivations import vector
from natal.derivations.jets import to_jets
from natal.derivations.result import Derivation

METHODS = ("natal_numpy", "natal_numba", "lambdify", "symengine_llvm")
# natal's evaluators use every CPU by default; these time them on one thread, for comparison with
# lambdify and SymEngine, which use one.
ONE_THREAD = ("natal_numpy_1thread", "natal_numba_1thread")

# Issue 21, goal 6: these ratios <= 1 on mag.dB_dt and on the largest nuN evaluator.
GOAL = {"threads": "natal_numba/symengine_llvm", "one_thread": "natal_numba_1thread/symengine_llvm"}

# Ratios reported: (numerator, denominator); > 1 means the denominator method is faster.
RATIOS = (
    ("lambdify", "natal_numpy"),
    ("natal_numpy", "symengine_llvm"),
    ("lambdify", "natal_numba"),
    ("natal_numba", "symengine_llvm"),
    ("natal_numpy", "natal_numba"),
    ("lambdify", "natal_numpy_1thread"),
    ("natal_numpy_1thread", "symengine_llvm"),
    ("natal_numba_1thread", "symengine_llvm"),
)

# Largest relative deviation (scaled by each output's largest magnitude) allowed between methods.
AGREEMENT = 1e-9


def standin_curl_curl() -> Derivation:
    """dB/dt = curl sum_s q_s G_s (-dJ/dt + v_s x curl J) for axisymmetric J and v_s.

    The structure of mag Eqs. 1-3 with every field component kept (the paper's J has only a phi
    component), so it is at least as large as mag.dB_dt: 4 outputs (spherical components and the
    z component), 44 jet inputs.
    """
    r, theta = sp.symbols("r theta", positive=True)
    phi, t = sp.symbols("phi t", real=True)
    coords = vector.spherical(r, theta, phi)
    J = tuple(sp.Function(f"J_{k}")(r, theta, t) for k in ("r", "theta", "phi"))
    dJ_dt = tuple(sp.diff(Jk, t) for Jk in J)
    curl_J = vector.curl(J, coords)
    force = [sp.Integer(0)] * 3
    for s in ("e", "p"):
        v = tuple(sp.Function(f"v{s}_{k}")(r, theta) for k in ("r", "theta", "phi"))
        charge = sp.Symbol(f"q_{s}", real=True) * sp.Symbol(f"G_{s}", real=True)
        lorentz = vector.cross(v, curl_J)
        force = [f + charge * (-e + b) for f, e, b in zip(force, dJ_dt, lorentz)]
    dB = vector.curl(force, coords)
    outputs = [to_jets(c) for c in (*dB, vector.z_component(dB, coords))]
    names = ("dB_r", "dB_theta", "dB_phi", "dB_z")
    symbols = sorted(set().union(*(e.free_symbols for e in outputs)), key=lambda s: s.name)
    return Derivation(
        name="standin.curl_curl",
        ref="benchmark stand-in (structure of mag Eqs. 1-3)",
        inputs=tuple(symbols),
        outputs=tuple(zip(names, outputs)),
        description="curl of the ponderomotive force of an axisymmetric neutrino flux",
    )


# Cases besides the registered evaluators (any of which is a case too).
CASES: dict[str, Callable[[], Derivation]] = {"standin.curl_curl": standin_curl_curl}


def available_cases() -> list[str]:
    """The cases that can run now: every registered evaluator and the stand-in."""
    return [*registry.names(), *CASES]


def derive(case: str) -> Derivation:
    """The derivation of ``case``."""
    return CASES[case]() if case in CASES else registry.get(case)


def largest(prefix: str) -> tuple[str, dict[str, dict[str, int]]]:
    """The registered evaluator named ``prefix``* with the most operations (``sympy.count_ops``
    over its outputs, before CSE; a tie goes to the longer program after CSE), and the counts."""
    sizes = {name: {"operations_without_cse": int(sum(sp.count_ops(e) for _, e in
                                                      registry.get(name).outputs))}
             for name in registry.names() if name.startswith(prefix)}
    if not sizes:
        raise KeyError(f"no registered evaluator starts with {prefix!r}")
    most = max(v["operations_without_cse"] for v in sizes.values())
    for name, v in sizes.items():
        if v["operations_without_cse"] == most:
            v["instructions"] = len(lower(registry.get(name)).body)
    best = max(sizes, key=lambda k: (sizes[k]["operations_without_cse"],
                                     sizes[k].get("instructions", 0)))
    return best, sizes


Sampler = Callable[[Derivation, int, int], list[np.ndarray]]
SEED = 20240601


def sample(derivation: Derivation, n: int, seed: int = SEED) -> list[np.ndarray]:
    """Seeded random arguments: polar angles in (0.1, pi - 0.1), everything else in (0.5, 2)."""
    rng = np.random.default_rng(seed)
    out = []
    for s in derivation.inputs:
        if "theta" in s.name:
            out.append(rng.uniform(0.1, np.pi - 0.1, n))
        else:
            out.append(rng.uniform(0.5, 2.0, n))
    return out


# nuN constants (MeV, G units as in natal.derivations.nuN.cross_section.differential_rate).
NUN_CONSTANTS = {"m": 939.0, "mu_B": 3.15e-18, "c_V": 0.04, "c_A": 0.63, "F_2": 1.03,
                 "G_F": 1.166e-11}


def sample_nuN(derivation: Derivation, n: int, seed: int = SEED) -> list[np.ndarray]:
    """Seeded physical arguments for nuN Eq. 9 (MeV, G): k in (1, 60); k' = k (1 + 0.1 N(0, 1)),
    at least 0.1 MeV; mu', Omega.B, Omega'.B in (-1, 1); T in (3, 15); n in (0.5, 2) x 1e6
    MeV^3; B in (0.5, 2) x 1e15 G; m, mu_B, c_V, c_A, F_2, G_F at :data:`NUN_CONSTANTS`.

    Omega.B and Omega'.B are drawn independently of mu' (the rate is linear in them, so every
    combination is a valid test of the arithmetic)."""
    rng = np.random.default_rng(seed)
    k = rng.uniform(1.0, 60.0, n)
    drawn = {
        "k": k,
        "k_p": np.maximum(k * (1.0 + 0.1 * rng.standard_normal(n)), 0.1),
        "mu_prime": rng.uniform(-1.0, 1.0, n),
        "Omega_B": rng.uniform(-1.0, 1.0, n),
        "Omegap_B": rng.uniform(-1.0, 1.0, n),
        "T": rng.uniform(3.0, 15.0, n),
        "n": rng.uniform(0.5e6, 2e6, n),
        "B": rng.uniform(0.5e15, 2e15, n),
        **{name: np.full(n, value) for name, value in NUN_CONSTANTS.items()},
    }
    unknown = [s.name for s in derivation.inputs if s.name not in drawn]
    if unknown:
        raise KeyError(f"{derivation.name}: no nuN sampling range for input(s) {unknown}")
    return [drawn[s.name] for s in derivation.inputs]


# Input sampler per case; cases not listed use sample().
SAMPLERS: dict[str, Sampler] = {"nuN.rate_nu": sample_nuN, "nuN.rate_nubar": sample_nuN}


def sampler(case: str) -> Sampler:
    """How the arguments of ``case`` are drawn."""
    return SAMPLERS.get(case, sample)


def _rounds(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Seconds of each call in ``repeat`` rounds, every round calling each once in turn."""
    samples: dict[str, list[float]] = {m: [] for m in calls}
    for _ in range(repeat):
        for m, f in calls.items():
            t0 = time.perf_counter()
            f()
            samples[m].append(time.perf_counter() - t0)
    return samples


def _as_columns(result: object, n_out: int, n: int) -> list[np.ndarray]:
    """Outputs of any method as a list of n_out float arrays of length n."""
    if isinstance(result, np.ndarray) and result.ndim == 2:  # SymEngine: (n, n_out)
        result = list(result.T)
    elif n_out == 1 and not isinstance(result, (list, tuple)):
        result = [result]
    return [np.broadcast_to(np.asarray(c, dtype=float), (n,)) for c in result]


# Methods whose failure to build or run is reported rather than raised (natal's are the subject).
OPTIONAL = ("lambdify", "symengine_llvm")


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def run_case(name: str, n: int, repeat: int, cache_dir: str | Path | None = None) -> dict:
    """Time the four methods on case ``name``; raise RuntimeError if they disagree.

    A method of :data:`OPTIONAL` that fails to build or to run is left out of the timings and
    ratios and listed under ``"unavailable"`` with the reason.
    """
    t0 = time.perf_counter()
    derivation = derive(name)
    setup = {"derive": time.perf_counter() - t0}
    inputs = list(derivation.inputs)
    exprs = [e for _, e in derivation.outputs]
    args = sampler(name)(derivation, n, SEED)
    stacked = np.ascontiguousarray(np.column_stack(args))

    t0 = time.perf_counter()
    numpy_eval = evaluator(derivation, "numpy", cache_dir=cache_dir)
    setup["natal_numpy"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    numba_eval = evaluator(derivation, "numba", cache_dir=cache_dir)
    numba_eval(*args)  # compile (or load Numba's cache) for these argument types
    setup["natal_numba"] = time.perf_counter() - t0
    calls = {
        "natal_numpy": lambda: numpy_eval(*args),
        "natal_numba": lambda: numba_eval(*args),
    }
    builders = {
        "lambdify": lambda: sp.lambdify(inputs, exprs, "numpy", cse=False),
        "symengine_llvm": lambda: symengine.Lambdify(inputs, exprs, backend="llvm", cse=True),
    }
    unavailable = {}
    for m in OPTIONAL:
        t0 = time.perf_counter()
        try:
            built = builders[m]()
        except Exception as exc:  # noqa: BLE001  (reported per method, the others still run)
            unavailable[m] = f"setup failed: {_reason(exc)}"
            continue
        setup[m] = time.perf_counter() - t0
        if m == "symengine_llvm":
            calls[m] = functools.partial(built, stacked)
        else:
            calls[m] = functools.partial(built, *args)

    n_out = len(exprs)
    results = {}
    for m in METHODS:
        if m not in calls:
            continue
        try:
            result = calls[m]()
        except Exception as exc:  # noqa: BLE001
            if m not in OPTIONAL:
                raise
            unavailable[m] = f"call failed: {_reason(exc)}"
            del calls[m]
            continue
        results[m] = _as_columns(result, n_out, n)
    methods = [m for m in METHODS if m in results]
    reference = results["natal_numpy"]
    deviation = {}
    for m in methods:
        worst = 0.0
        for got, want in zip(results[m], reference):
            scale = max(np.max(np.abs(want)), np.finfo(float).tiny)
            worst = max(worst, float(np.max(np.abs(got - want)) / scale))
        deviation[m] = worst
    bad = {m: d for m, d in deviation.items() if not d <= AGREEMENT}
    if bad:
        raise RuntimeError(f"{name}: methods disagree with natal_numpy: {bad}")
    del results

    threads = numpy_eval.module.THREADS, numba.get_num_threads()

    def one_thread(call: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            numpy_eval.module.THREADS = 1
            numba.set_num_threads(1)
            try:
                return call()
            finally:
                numpy_eval.module.THREADS = threads[0]
                numba.set_num_threads(threads[1])
        return run

    timed = {m: calls[m] for m in methods}
    timed["natal_numpy_1thread"] = one_thread(calls["natal_numpy"])
    timed["natal_numba_1thread"] = one_thread(calls["natal_numba"])
    samples = _rounds(timed, repeat)
    seconds = {m: min(ts) for m, ts in samples.items()}
    program = lower(derivation)
    return {
        "case": name,
        "derivation": derivation.name,
        "ref": derivation.ref,
        "inputs": len(inputs),
        "outputs": n_out,
        "operations_without_cse": int(sum(sp.count_ops(e) for e in exprs)),
        "instructions": len(program.body),
        "instruction_mix": program.count(),
        "n": n,
        "repeat": repeat,
        "threads": {"natal_numpy": threads[0], "natal_numba": threads[1]},
        "setup_seconds": setup,
        "seconds": seconds,
        "median_seconds": {m: statistics.median(ts) for m, ts in samples.items()},
        "max_relative_deviation": deviation,
        "unavailable": unavailable,
        "ratios": {f"{a}/{b}": seconds[a] / seconds[b] for a, b in RATIOS
                   if a in seconds and b in seconds},
    }


def machine() -> dict:
    """Where the numbers were measured."""
    model = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            names = [ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")]
        model = names[0] if names else model
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": model,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "numba_threads": numba.config.NUMBA_NUM_THREADS,
    }


def goal(cases: list[dict]) -> dict:
    """Goal 6's ratios (natal's Numba time over SymEngine LLVM's) per case, and whether all are <= 1."""
    ratios = {c["case"]: {k: c["ratios"].get(r) for k, r in GOAL.items()} for c in cases}
    values = [v for r in ratios.values() for v in r.values()]
    return {"ratios": ratios, "definition": "natal's seconds / SymEngine LLVM's seconds (best of "
            "the rounds); below 1 natal is faster", "met": bool(values) and
            all(v is not None and v <= 1.0 for v in values)}


def report(cases: list[dict], n: int, repeat: int, command: str = "",
           load_before: list[float] | None = None, selection: dict | None = None) -> dict:
    """The JSON document: the command, when, where, with what, the cases and the goal's ratios."""
    where = machine()
    where["load_average_before"] = load_before
    where["load_average_after"] = _load_average()
    try:
        where["numba_threading_layer"] = numba.threading_layer()
    except ValueError:  # no parallel region has run
        where["numba_threading_layer"] = None
    return {
        "command": command,
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": where,
        "versions": package_versions("natal", "numpy", "sympy", "numba", "symengine"),
        "n": n,
        "repeat": repeat,
        **({"largest_nuN": selection} if selection else {}),
        "goal": goal(cases),
        "cases": cases,
    }


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def table(case: dict) -> str:
    """A readable summary of one case."""
    lines = [
        f"{case['case']}: {case['inputs']} inputs, {case['outputs']} outputs, "
        f"{case['operations_without_cse']} operations without CSE, {case['instructions']} "
        f"instructions after; n = {case['n']}, best (and median) of {case['repeat']} rounds",
        f"  {'method':<20}{'seconds':>10}{'median':>10}{'ns/point':>10}{'setup s':>10}"
        f"{'max rel dev':>14}",
    ]
    for m in METHODS + ONE_THREAD:
        if m in case.get("unavailable", {}):
            lines.append(f"  {m:<20}{'unavailable':>10}  ({case['unavailable'][m]})")
            continue
        s = case["seconds"][m]
        setup = case["setup_seconds"].get(m)
        dev = case["max_relative_deviation"].get(m)
        lines.append(f"  {m:<20}{s:>10.4f}{case['median_seconds'][m]:>10.4f}"
                     f"{s / case['n'] * 1e9:>10.1f}"
                     + (f"{setup:>10.2f}{dev:>14.1e}" if m in METHODS else ""))
    lines += [f"  {k:<42}{v:>8.2f}" for k, v in case["ratios"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="points per evaluation")
    parser.add_argument("--repeat", type=int, default=7,
                        help="timing rounds, each calling every method once (best kept)")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).parent / "results" / "evaluators.json")
    parser.add_argument("--case", action="append",
                        help="case to run (repeatable): a registered evaluator or "
                             "standin.curl_curl; default: mag.dB_dt and the largest nuN evaluator")
    ns = parser.parse_args(argv)
    command = " ".join(["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    load_before = _load_average()
    selection = None
    if ns.case:
        names = ns.case
        missing = [c for c in names if c not in available_cases()]
        if missing:
            parser.error(f"case(s) not available: {', '.join(missing)} (neither registered in "
                         f"natal.codegen.registry nor one of {', '.join(CASES)})")
    else:
        nuN, sizes = largest("nuN.")
        selection = {"chosen": nuN, "sizes": sizes}
        names = ["mag.dB_dt", nuN]
    cases = []
    for name in names:
        case = run_case(name, ns.n, ns.repeat)
        print(table(case), flush=True)
        cases.append(case)
    document = report(cases, ns.n, ns.repeat, command, load_before, selection)
    print(f"goal 6 ({document['goal']['definition']}; <= 1 wanted):")
    for name, ratios in document["goal"]["ratios"].items():
        print(f"  {name:<20}" + "".join(f"{k} {v:.2f}   " if v is not None else f"{k} -   "
                                        for k, v in ratios.items()))
    print(f"  met: {document['goal']['met']}")
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    ns.out.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
