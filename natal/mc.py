"""``natal mc``: the Monte Carlo's validation problems (numerics.montecarlo.sphere).

``natal mc sphere`` scatters with the kernel 1 + A cos(theta) of ``--anisotropy A`` (a kernel
C1 + C2 cos(theta) has A = C2/C1; 0, isotropic, by default): the generic engine knows no paper's kernel,
so a paper's is given by its ratio (docs/rsfp.md gives rsfp's nu-N kernel)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from natal.arguments import UsageError, writable_file
from natal.files import write_atomic
from natal.numerics import validation
from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.sphere import SphereProblem, diffusion_estimate, sphere_task
from natal.report import json_text

__all__ = ["sphere", "sphere_results"]


def sphere_results(problem: SphereProblem, n: int, seed: int, batch_size: int | None = None) -> dict:
    """Run the grey-sphere problem and return the JSON record (means with batch-means errors)."""
    n = validation.integer("n (number of particles)", n, 2)
    validation.integer("seed", seed, 0)
    batch = max(1, n // 20) if batch_size is None else validation.integer("batch_size", batch_size, 1)
    res = run_batches(sphere_task, problem, n, batch_size=batch, root_seed=seed, progress=False)
    scat, scat_err = res.mean_and_error("scatterings")
    path, path_err = res.mean_and_error("path")
    return {"tau": problem.tau, "birth": problem.birth, "kernel": problem.kernel,
            "anisotropy": float(problem.anisotropy), "scheme": problem.scheme,
            "n": res.n_total, "seed": seed, "batches": res.n_batches,
            "mean_scatterings": scat, "mean_scatterings_err": scat_err,
            "mean_path_mfp": path, "mean_path_mfp_err": path_err,
            "diffusion_estimate": diffusion_estimate(problem),
            "jumps_per_particle": float(res.totals["jumps"]) / res.n_total, "seconds": round(res.seconds, 3)}


def sphere(args: argparse.Namespace) -> int:
    if args.batch_size is not None and args.batch_size > args.n // 2:
        raise UsageError(f"--batch-size {args.batch_size}: must be <= n/2 = {args.n // 2}, so that the errors "
                         "rest on at least two batches")
    if args.json:
        writable_file("--json", args.json)
    try:
        problem = SphereProblem(args.tau, birth=args.birth, anisotropy=args.anisotropy, scheme=args.scheme)
        record = sphere_results(problem, args.n, args.seed, args.batch_size)
    except (ValueError, TypeError) as error:
        print(f"natal mc sphere: error: {error}", file=sys.stderr)
        return 2
    print(f"grey sphere tau = {record['tau']:g} ({record['birth']} births, {record['kernel']} kernel, "
          f"{record['scheme']}), {record['n']} particles:")
    print(f"  mean scatterings {record['mean_scatterings']:.4g} +- {record['mean_scatterings_err']:.2g} "
          f"(diffusion estimate {record['diffusion_estimate']:.4g})")
    print(f"  mean path        {record['mean_path_mfp']:.4g} +- {record['mean_path_mfp_err']:.2g} mean free paths")
    if args.json:
        path = Path(args.json)
        write_atomic(path, json_text(record))
        print(f"written to {path}")
    return 0
