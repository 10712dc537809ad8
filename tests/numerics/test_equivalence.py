"""The null distribution of many correlated Monte Carlo comparisons (numerics.montecarlo.equivalence)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import norm

from natal.numerics.montecarlo import BatchResults
from natal.numerics.montecarlo.equivalence import correlated_null

TWO_SIDED_2 = 2 * norm.sf(2.0)  # P(|z| > 2) of one comparison


def _independent(m: int, batches: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((batches, m)) / math.sqrt(batches)


def test_independent_estimates_give_the_binomial_count():
    m = 50
    null = correlated_null(_independent(m, 500, 1), _independent(m, 500, 2), np.zeros(m), draws=20_000, seed=3)
    assert null.fraction_mean == pytest.approx(TWO_SIDED_2, abs=0.002)
    assert null.p_all_within == pytest.approx((1 - TWO_SIDED_2) ** m, abs=0.015)
    assert null.max_abs_z_q95 == pytest.approx(norm.isf((1 - 0.95 ** (1 / m)) / 2), abs=0.05)  # Sidak
    assert null.p_fraction == 1.0 and null.p_all_within < 1  # nothing observed beyond 2


def test_duplicated_estimates_count_as_one():
    # k estimates, each compared twice (a tally and an exact copy): every count comes in pairs, so
    # an unbiased pair puts every |z| below 2 as often as with k independent estimates
    k = 30
    ref, cand = _independent(k, 500, 4), _independent(k, 500, 5)
    doubled = correlated_null(np.hstack([ref, ref]), np.hstack([cand, cand]), np.zeros(2 * k), draws=20_000, seed=6)
    single = correlated_null(ref, cand, np.zeros(k), draws=20_000, seed=6)
    assert doubled.p_all_within == pytest.approx(single.p_all_within, abs=0.01)
    assert doubled.p_all_within == pytest.approx((1 - TWO_SIDED_2) ** k, abs=0.015)


def _runs(bias: float, seed: int):
    """Two batched runs of 24 correlated estimates (means of shared normal factors), the candidate's
    shifted by ``bias`` standard deviations of one history on every estimate."""
    rng = np.random.default_rng(seed)
    mixing = rng.standard_normal((6, 24))

    def run(batches: int, per_batch: int, shift: float) -> BatchResults:
        histories = rng.standard_normal((batches, per_batch, 6)) @ mixing + shift
        sums = histories.sum(axis=1)
        return BatchResults({"t": sums}, np.full(batches, per_batch), np.arange(batches), 0.0)

    return run(80, 250, 0.0), run(40, 2000, bias * np.sqrt((mixing**2).sum(axis=0)))


def _compare(reference: BatchResults, candidate: BatchResults):
    va, ea = reference.mean_and_error("t")
    vb, eb = candidate.mean_and_error("t")
    z = (vb - va) / np.hypot(ea, eb)
    return correlated_null(reference.contributions("t"), candidate.contributions("t"), z, seed=7)


def test_an_unbiased_pair_is_unremarkable_and_a_biased_one_is_caught():
    unbiased = _compare(*_runs(0.0, 8))
    assert unbiased.p_max > 0.05 and unbiased.p_fraction > 0.05
    biased = _compare(*_runs(0.02, 8))  # 2% of a history's spread: ~2.5 sigma on each estimate
    assert biased.p_max < 0.01 and biased.p_fraction < 0.01


def test_contributions_rebuild_the_batch_means_error():
    ref, _ = _runs(0.0, 9)
    value, err = ref.mean_and_error("t")
    assert np.allclose(np.sqrt((ref.contributions("t") ** 2).sum(axis=0)), err, rtol=1e-12)


@pytest.mark.parametrize("bad, match", [
    (dict(reference=np.zeros((1, 3))), "reference must be"),
    (dict(candidate=np.ones((4, 2))), "candidate must be"),
    (dict(candidate=np.full((4, 3), np.nan)), "candidate has non-finite"),
    (dict(observed_z=np.array([0.0, np.inf, 1.0])), "observed_z must be finite"),
    (dict(level=0.0), "level must be > 0"),
    (dict(draws=10), "draws must be an integer >= 100"),
    (dict(reference=np.zeros((4, 3)), candidate=np.zeros((4, 3))), "zero error in both runs"),
])
def test_bad_input_is_named(bad, match):
    args = dict(reference=np.ones((4, 3)), candidate=np.ones((4, 3)), observed_z=np.zeros(3), level=2.0, draws=200)
    args.update(bad)
    with pytest.raises(ValueError, match=match):
        correlated_null(args.pop("reference"), args.pop("candidate"), args.pop("observed_z"), **args)
