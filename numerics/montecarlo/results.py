"""Batch statistics: the tallies of a batched Monte Carlo run, stacked in batch order, and their
ratio estimates with batch-means errors (:class:`BatchResults`)."""

from __future__ import annotations

import dataclasses
import warnings
from dataclasses import dataclass

import numpy as np

__all__ = ["BatchResults"]


@dataclass(frozen=True)
class BatchResults:
    """Tallies of a batched Monte Carlo run, in batch-index order.

    per_batch
        ``{name: array of shape (n_batches, ...)}``: row ``i`` is what batch ``i`` returned
        (read-only arrays).
    n_per_batch
        ``(n_batches,)`` int64: histories in each batch (the last one may be smaller).
    seeds
        ``(n_batches,)`` int64: the seed each batch ran with (:func:`batch_seed`).
    seconds
        wall-clock seconds of the :func:`run_batches` call (cluster start-up included; batches
        loaded from a checkpoint cost only their reading).
    n_loaded
        how many batches came from the checkpoint rather than being computed in this call.
    """

    per_batch: dict[str, np.ndarray]
    n_per_batch: np.ndarray
    seeds: np.ndarray
    seconds: float
    n_loaded: int = 0

    @property
    def n_batches(self) -> int:
        return int(self.n_per_batch.shape[0])

    @property
    def n_total(self) -> int:
        return int(self.n_per_batch.sum())

    @property
    def totals(self) -> dict[str, np.ndarray]:
        """Each tally summed over the batches (in batch order: deterministic to the bit)."""
        return {k: v.sum(axis=0) for k, v in self.per_batch.items()}

    def mean_and_error(self, numerator_key: str, denominator_key: str | None = None):
        """Ratio estimate ``R = sum(num) / sum(den)`` and its standard error from the batches.

        With ``denominator_key=None`` the denominator is the number of histories, so ``R`` is the
        mean per history. Array tallies are handled element by element (a scalar denominator
        broadcasts over an array numerator). Returns ``(R, err)``: floats for scalar tallies,
        arrays otherwise.

        The error is the batch-means variance of a ratio of sums (delta method / linearisation):
        with per-batch sums ``x_b``, ``y_b`` over ``B`` batches and residuals
        ``d_b = x_b - R y_b``, ::

            var(R) = B / (B - 1) * sum_b d_b**2 / (sum_b y_b)**2 .

        Why this form: ``R`` is the same number one long run would give, whatever the batching;
        the formula weights each batch by its size (so an uneven last batch is handled), it is
        valid when the denominator is itself random (sums of weights), and the mean of per-batch
        ratios it avoids is biased at O(1/batch size). For equal batches and ``den = n`` it reduces
        exactly to the textbook batch-means error ``std(r_b, ddof=1) / sqrt(B)``. Batches are
        independent (separate seed streams), which is what the method requires; with few batches
        the error itself is uncertain (relative spread ~ 1/sqrt(2 (B - 1))), so use B >~ 20.
        With a single batch there is no spread to measure: ``err`` is nan and a RuntimeWarning
        says so. Elements whose denominator sums to zero get nan (with a RuntimeWarning); so does the
        error of an element whose denominator is nonzero in only one batch: that batch's ratio is R
        itself, every residual vanishes, and a zero error would claim a precision nothing measured.
        """
        R, d, Y, used = self._linearised(numerator_key, denominator_key)
        B = self.n_batches
        with np.errstate(divide="ignore", invalid="ignore"):
            err = np.sqrt(B / (B - 1) * np.sum(d * d, axis=0)) / np.abs(Y) if B >= 2 else np.full(np.shape(R), np.nan)
        err = np.where(used < 2, np.nan, err)
        if np.ndim(R) == 0:
            return float(R), float(err)
        return R, err

    def contributions(self, numerator_key: str, denominator_key: str | None = None) -> np.ndarray:
        """Each batch's share of the error of ``mean_and_error(numerator_key, denominator_key)``: an
        array ``c`` with the batch axis first, ``c_b = sqrt(B / (B - 1)) d_b / |sum_b y_b|`` (``d_b`` the
        residuals above), so that ``err = sqrt(sum_b c_b**2)``.

        Two estimates from the same batches covary as ``sum_b c_b c'_b``: stacking the contributions of
        several estimates gives their batch-means covariance, which is what a comparison of many
        correlated estimates needs (numerics.montecarlo.equivalence)."""
        _, d, Y, _used = self._linearised(numerator_key, denominator_key)
        B = self.n_batches
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.sqrt(B / (B - 1)) * d / np.abs(Y) if B >= 2 else np.full(d.shape, np.nan)

    def _linearised(self, numerator_key: str, denominator_key: str | None):
        """(R, d, Y, used): the ratio estimate, the per-batch residuals d_b = x_b - R y_b, the summed
        denominator and the number of batches whose denominator is nonzero (see mean_and_error), with
        the warnings for a zero denominator or a single batch."""
        x = self._tally(numerator_key)
        if denominator_key is None:
            y = self.n_per_batch.astype(np.float64)
        else:
            y = self._tally(denominator_key)
        # align the batch axis, then broadcast the per-batch shapes
        nd = max(x.ndim, y.ndim)
        x = x.reshape(x.shape + (1,) * (nd - x.ndim))
        y = y.reshape(y.shape + (1,) * (nd - y.ndim))
        try:
            x, y = np.broadcast_arrays(x, y)
        except ValueError:
            raise ValueError(
                f"tallies {numerator_key!r} {x.shape[1:]} and {denominator_key!r} {y.shape[1:]} "
                "do not broadcast") from None
        X, Y = x.sum(axis=0), y.sum(axis=0)
        zero = Y == 0
        if np.any(zero):
            warnings.warn(
                f"denominator {denominator_key or 'n'!r} sums to zero in {int(np.sum(zero))} "
                f"element(s) of {numerator_key!r}; the ratio is nan there", RuntimeWarning,
                stacklevel=3)
        if self.n_batches < 2:
            warnings.warn(
                "mean_and_error needs at least 2 batches to estimate an error (batch means); "
                "this run has 1, so err is nan: use a smaller batch_size", RuntimeWarning,
                stacklevel=3)
        with np.errstate(divide="ignore", invalid="ignore"):
            R = X / Y
            return R, x - R * y, Y, np.count_nonzero(y, axis=0)

    def take(self, index: int) -> BatchResults:
        """The run as one element of its array tallies sees it: every tally of per-batch shape (k,)
        becomes its element ``index`` (a scalar tally per batch); scalar tallies are kept as they are.
        Used where one run carries several problems at once (numerics.rsfp.transport.KickRows)."""
        per_batch = {}
        for name, v in self.per_batch.items():
            if v.ndim == 1:
                per_batch[name] = v
            elif v.ndim == 2:
                if not -v.shape[1] <= index < v.shape[1]:
                    raise IndexError(f"index {index} out of range for tally {name!r} of {v.shape[1]} elements")
                per_batch[name] = v[:, index]
            else:
                raise ValueError(f"take() needs tallies of at most one dimension per batch; {name!r} has {v.ndim - 1}")
        return dataclasses.replace(self, per_batch=per_batch)

    def _tally(self, key: str) -> np.ndarray:
        try:
            return self.per_batch[key].astype(np.float64)
        except KeyError:
            raise KeyError(f"no tally {key!r}; the tallies are {sorted(self.per_batch)}") from None
