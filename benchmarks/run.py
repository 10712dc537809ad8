"""Speed of natal's generated evaluators beside plain lambdify and SymEngine's LLVM backend.

    python benchmarks/run.py [--n 1000000] [--repeat 5] [--out benchmarks/results/latest.json]
                             [--case NAME]

For each case, one derivation is evaluated on ``n`` seeded random points by four methods in one
process: natal's NumPy and Numba evaluators, ``sympy.lambdify(inputs, outputs, "numpy",
cse=False)`` and ``symengine.Lambdify(inputs, outputs, backend="llvm", cse=True)``.  The four are
first checked to agree, then each is timed with ``time.perf_counter``, best of ``repeat`` calls.
Setup (generation, Numba and LLVM compilation) is timed separately and excluded: every method is
called once before timing.  SymEngine takes its arguments as one ``(n, inputs)`` array, built
before timing.  The JSON written to ``--out`` holds machine information, versions, per-method
times and ratios; the table printed is the same data.

If a comparison method (lambdify, SymEngine LLVM) cannot be built or called on a case, that
method is reported as unavailable, with the reason, instead of stopping the run; natal's NumPy
evaluator is the reference and must work.

Cases: ``mag.dB_dt`` (the largest ``mag`` evaluator, from ``natal.codegen.registry``),
``nuN.rate_nu`` and ``nuN.rate_nubar`` (dGamma/dk'dOmega' of nuN Eq. 9), each run when it is
registered, and ``standin.curl_curl``, a synthetic derivation of the same structure as
``mag.dB_dt`` (the curl of a ponderomotive force built from the curl of a neutrino flux, mag Eqs.
1-3, for general axisymmetric fields and two plasma species).

Inputs are drawn per case by :data:`SAMPLERS` (default :func:`sample`): the ``mag`` cases and the
stand-in take polar angles in (0.1, pi - 0.1) and everything else in (0.5, 2); the ``nuN`` cases
take physical values (:func:`sample_nuN`).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import platform
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


# Cases taken from natal.codegen.registry; each runs only when it is registered.
REGISTERED = ("mag.dB_dt", "nuN.rate_nu", "nuN.rate_nubar")

CASES: dict[str, Callable[[], Derivation]] = {
    **{name: functools.partial(registry.get, name) for name in REGISTERED},
    "standin.curl_curl": standin_curl_curl,
}


def available_cases() -> list[str]:
    """The cases that can run now (the registry's only once they are registered)."""
    return [c for c in CASES if c not in REGISTERED or c in registry.names()]


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


def _best(f: Callable[[], object], repeat: int) -> float:
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    return best


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
    derivation = CASES[name]()
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

    seconds = {m: _best(calls[m], repeat) for m in methods}
    threads = numpy_eval.module.THREADS, numba.get_num_threads()
    try:
        numpy_eval.module.THREADS = 1
        numba.set_num_threads(1)
        seconds["natal_numpy_1thread"] = _best(calls["natal_numpy"], repeat)
        seconds["natal_numba_1thread"] = _best(calls["natal_numba"], repeat)
    finally:
        numpy_eval.module.THREADS = threads[0]
        numba.set_num_threads(threads[1])
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


def report(cases: list[dict], n: int, repeat: int) -> dict:
    """The JSON document: when, where, with what, and the cases."""
    return {
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": package_versions("natal", "numpy", "sympy", "numba", "symengine"),
        "n": n,
        "repeat": repeat,
        "cases": cases,
    }


def table(case: dict) -> str:
    """A readable summary of one case."""
    lines = [
        f"{case['case']}: {case['inputs']} inputs, {case['outputs']} outputs, "
        f"{case['operations_without_cse']} operations without CSE, {case['instructions']} "
        f"instructions after; n = {case['n']}, best of {case['repeat']}",
        f"  {'method':<20}{'seconds':>10}{'ns/point':>12}{'setup s':>10}{'max rel dev':>14}",
    ]
    for m in METHODS + ONE_THREAD:
        if m in case.get("unavailable", {}):
            lines.append(f"  {m:<20}{'unavailable':>10}  ({case['unavailable'][m]})")
            continue
        s = case["seconds"][m]
        setup = case["setup_seconds"].get(m)
        dev = case["max_relative_deviation"].get(m)
        lines.append(f"  {m:<20}{s:>10.4f}{s / case['n'] * 1e9:>12.1f}"
                     + (f"{setup:>10.2f}{dev:>14.1e}" if m in METHODS else ""))
    lines += [f"  {k:<42}{v:>8.2f}" for k, v in case["ratios"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="points per evaluation")
    parser.add_argument("--repeat", type=int, default=5, help="timed calls per method (best kept)")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).parent / "results" / "latest.json")
    parser.add_argument("--case", choices=sorted(CASES), action="append",
                        help="case to run (repeatable); default: every available case")
    ns = parser.parse_args(argv)
    names = ns.case or available_cases()
    missing = [c for c in names if c not in available_cases()]
    if missing:
        parser.error(f"case(s) not available: {', '.join(missing)} (not registered in "
                     "natal.codegen.registry)")
    cases = []
    for name in names:
        case = run_case(name, ns.n, ns.repeat)
        print(table(case), flush=True)
        cases.append(case)
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    ns.out.write_text(json.dumps(report(cases, ns.n, ns.repeat), indent=2) + "\n")
    print(f"wrote {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
