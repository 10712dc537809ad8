"""A toy Monte Carlo task: the smallest complete example of a task for :func:`run_batches`.

Each history draws ``u ~ Uniform(low, high)`` and a weight ``w ~ Exponential(1)``; the batch returns
SUMS only (never means), so batches combine by addition::

    res = run_batches(toy_task, ToyConfig(), 100_000, batch_size=5_000, root_seed=1)
    res.mean_and_error("sum_u")            # (low + high) / 2 +- (high - low) / sqrt(12 N)
    res.mean_and_error("sum_wu", "sum_w")  # weighted mean: the same value, a ratio estimate
    res.mean_and_error("hist")             # fraction per bin, 1 / n_bins each

It lives in an importable module (not in a test file) so that dask worker processes can unpickle it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["ToyConfig", "dying_toy_task", "failing_toy_task", "toy_task"]


@dataclass(frozen=True)
class ToyConfig:
    """Parameters of :func:`toy_task`: the uniform's range and the number of histogram bins."""

    low: float = 0.0
    high: float = 1.0
    n_bins: int = 4


def toy_task(config: ToyConfig, seed: int, n: int) -> dict[str, np.ndarray | float]:
    """Simulate ``n`` toy histories with ``np.random.default_rng(seed)``; return their sums.

    Tallies: ``sum_u`` (sum of u), ``sum_u2`` (sum of u**2), ``sum_w`` (sum of weights),
    ``sum_wu`` (sum of w*u) and ``hist`` (int64 counts of u in ``n_bins`` equal bins).
    """
    rng = np.random.default_rng(seed)
    u = rng.uniform(config.low, config.high, n)
    w = rng.exponential(1.0, n)
    hist, _ = np.histogram(u, bins=config.n_bins, range=(config.low, config.high))
    return {
        "sum_u": float(u.sum()),
        "sum_u2": float(u @ u),
        "sum_w": float(w.sum()),
        "sum_wu": float(w @ u),
        "hist": hist.astype(np.int64),
    }


def failing_toy_task(config: ToyConfig, seed: int, n: int) -> dict[str, np.ndarray | float]:
    """:func:`toy_task`, but raises ``RuntimeError`` when ``n`` is odd.

    A deterministic stand-in for a batch that crashes on a worker (a run whose last batch has an
    odd size fails there), used to test that the failure propagates and nothing is lost.
    """
    if n % 2:
        raise RuntimeError(f"toy failure: batch of odd size n={n}")
    return toy_task(config, seed, n)


def dying_toy_task(config: ToyConfig, seed: int, n: int) -> dict[str, np.ndarray | float]:
    """:func:`toy_task`, but the worker process running it dies at once when ``n`` is odd
    (``os._exit``): a stand-in for a batch that takes its worker down (out of memory, a segfault)."""
    if n % 2:
        import os

        os._exit(13)
    return toy_task(config, seed, n)
