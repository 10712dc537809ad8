"""How many of many correlated Monte Carlo comparisons an unbiased pair of runs puts beyond a level.

Two runs that estimate the same quantities (an accelerated scheme against the analog walk, say) are
compared estimate by estimate, z_j = (candidate_j - reference_j) / sqrt(err_ref_j^2 + err_cand_j^2).
Whether the number of |z_j| above 2 is "too many" depends on how the estimates covary: estimates taken
from the same histories (a tally and its redshifted copy, several rows carried by one walk) move
together, so an unbiased pair puts them beyond 2 together, and the binomial count of independent
comparisons understates how often that happens.  Each run's batches give the covariance of its
estimates (``BatchResults.contributions``); the null distribution of the comparison then follows by a
Gaussian multiplier bootstrap: z*_j = (sum_b w_b c_bj - sum_b w'_b r_bj) / sqrt(err_ref_j^2 +
err_cand_j^2) with independent standard normal weights w, w' over the candidate's (c) and reference's
(r) batches, which is exactly normal with the two runs' batch-means covariances (the normal
approximation of the batch sums is the only assumption).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["CorrelatedNull", "correlated_null"]


@dataclass(frozen=True)
class CorrelatedNull:
    """The null distribution of a comparison of m correlated estimates, and where the observed one lies.

    ``fraction_mean`` and ``fraction_q95``: the mean and 95th percentile of the fraction of |z| above
    ``level``; ``max_abs_z_q95``: the 95th percentile of max |z| (a family-wise 5% bound that knows the
    correlations, tighter than Bonferroni's); ``p_fraction``, ``p_max``: the probability that an unbiased
    pair gives at least the observed fraction, at least the observed max |z|; ``p_all_within``: that it
    puts every |z| below ``level``."""

    m: int
    draws: int
    level: float
    fraction_mean: float
    fraction_q95: float
    max_abs_z_q95: float
    p_fraction: float
    p_max: float
    p_all_within: float

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def correlated_null(reference: np.ndarray, candidate: np.ndarray, observed_z: np.ndarray, *, level: float = 2.0,
                    draws: int = 20_000, seed: int = 0) -> CorrelatedNull:
    """Compare the observed z of m estimates with their null distribution under the runs' covariances.

    ``reference`` (B_ref, m) and ``candidate`` (B_cand, m): each run's per-batch contributions to the m
    estimates' errors (``BatchResults.contributions``, column j of the estimate compared in
    ``observed_z[j]``); their columns' norms are the errors the z were formed with.  Estimates whose
    error is zero in both runs carry no comparison and must be left out by the caller."""
    reference = np.asarray(reference, dtype=float)
    candidate = np.asarray(candidate, dtype=float)
    observed_z = np.asarray(observed_z, dtype=float)
    m = observed_z.shape[0]
    for name, a in (("reference", reference), ("candidate", candidate)):
        if a.ndim != 2 or a.shape[1] != m or a.shape[0] < 2:
            raise ValueError(f"{name} must be (batches >= 2, {m}) contributions, one column per compared estimate; "
                             f"got shape {a.shape}")
        if not np.all(np.isfinite(a)):
            raise ValueError(f"{name} has non-finite contributions: leave out estimates one run cannot form")
    if not np.all(np.isfinite(observed_z)):
        raise ValueError("observed_z must be finite")
    if not level > 0:
        raise ValueError(f"level must be > 0, got {level!r}")
    if not (isinstance(draws, int) and draws >= 100):
        raise ValueError(f"draws must be an integer >= 100, got {draws!r}")
    sigma = np.sqrt((reference**2).sum(axis=0) + (candidate**2).sum(axis=0))
    if np.any(sigma == 0):
        raise ValueError("an estimate has zero error in both runs: leave it out of the comparison")
    rng = np.random.default_rng(seed)
    above = np.empty(draws)
    largest = np.empty(draws)
    chunk = max(1, min(draws, 2_000_000 // max(m, 1)))  # bounds the memory of one block of draws
    for start in range(0, draws, chunk):
        k = min(chunk, draws - start)
        z = (rng.standard_normal((k, candidate.shape[0])) @ candidate
             - rng.standard_normal((k, reference.shape[0])) @ reference) / sigma
        a = np.abs(z)
        above[start:start + k] = (a > level).mean(axis=1)
        largest[start:start + k] = a.max(axis=1)
    observed_fraction = float((np.abs(observed_z) > level).mean())
    observed_max = float(np.abs(observed_z).max())
    return CorrelatedNull(
        m=m, draws=draws, level=level, fraction_mean=float(above.mean()),
        fraction_q95=float(np.quantile(above, 0.95)), max_abs_z_q95=float(np.quantile(largest, 0.95)),
        p_fraction=float((above >= observed_fraction).mean()), p_max=float((largest >= observed_max).mean()),
        p_all_within=float((largest < level).mean()))
