"""Time of the whole `mag` reproduction and of one grid evaluation per point.

    python benchmarks/mag_reproduce.py [--repeat 3] [--out benchmarks/results/mag_reproduce.json]

Measured in one process, side by side:

* ``reproduce_cold``: ``natal reproduce --paper mag`` in a subprocess with an empty evaluator cache
  (derivations and code generation included), wall time;
* ``reproduce_warm``: the same with the cache filled;
* ``grid_per_point``: filling the 150 x 150 trapping grid (surrogate spectra in 100 energy bins, Eq. 13,
  the radial boost and the rotation) divided by the number of grid points, best of ``repeat``;
* ``window_per_point``: splines, Eq. 5 by term group and Eq. 16 for both species over the trapping
  window, divided by the number of window samples, best of ``repeat``.

Ratios printed: cold/warm reproduction, and window/grid per point.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from natal.numerics.mag import magnetogenesis as mg
from natal.numerics.mag import neutrino_data as nd
from natal.numerics.mag.collapse import TrappingGrid


def _reproduce_seconds(cache: str) -> float:
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "NATAL_CACHE": cache}
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "natal.cli", "reproduce", "--paper", "mag", "--out", out,
                        "--quiet"], check=True, env=env, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0


def _best(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/mag_reproduce.json"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as cache:
        cold = _reproduce_seconds(cache)
        warm = min(_reproduce_seconds(cache) for _ in range(args.repeat))

    grid = TrappingGrid.paper()
    source, bins, settings = nd.Surrogate(), nd.energy_bins(), mg.Settings()
    flux = mg.flux_on_grid(grid, source, bins)  # warm-up: evaluators built, caches filled
    mg.evaluate_window(flux, settings)
    t_grid = _best(lambda: mg.flux_on_grid(TrappingGrid.paper(), source, bins), args.repeat)
    t_window = _best(lambda: mg.evaluate_window(flux, settings), args.repeat)
    result = {
        "reproduce_cold_s": cold,
        "reproduce_warm_s": warm,
        "grid_points": grid.rho.size,
        "grid_per_point_s": t_grid / grid.rho.size,
        "window_points": settings.n_window,
        "window_per_point_s": t_window / settings.n_window,
        "ratios": {"cold/warm": cold / warm,
                   "window/grid per point": (t_window / settings.n_window) / (t_grid / grid.rho.size)},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"natal reproduce --paper mag: cold {cold:.1f} s, warm {warm:.1f} s (cold/warm "
          f"{cold / warm:.2f})")
    print(f"grid fill: {t_grid:.3f} s for {grid.rho.size} points = {t_grid / grid.rho.size * 1e6:.2f} us/point")
    print(f"window: {t_window:.3f} s for {settings.n_window} samples = "
          f"{t_window / settings.n_window * 1e6:.1f} us/point (window/grid per point "
          f"{result['ratios']['window/grid per point']:.0f})")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
