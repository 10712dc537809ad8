"""Monte Carlo transport: the generic engine (samplers, diffusion jumps, the grey-sphere validation
problem) and the batch runner.

``run_batches`` (runner) runs a task over reproducibly seeded batches, in-process or on dask, with
checkpoints; its parts live apart: seeds and config fingerprints (seeds), the checkpoint store
(checkpoint), scheduling and progress (scheduling), batch statistics (results), and the null
distribution of many correlated comparisons of two runs (equivalence).  ``toy`` holds a minimal
example task.
"""

from natal.numerics.montecarlo.results import BatchResults
from natal.numerics.montecarlo.runner import run_batches
from natal.numerics.montecarlo.scheduling import SchedulerLostError, WorkersLostError, local_cluster
from natal.numerics.montecarlo.seeds import batch_seed, config_fingerprint

__all__ = [
    "BatchResults",
    "SchedulerLostError",
    "WorkersLostError",
    "batch_seed",
    "config_fingerprint",
    "local_cluster",
    "run_batches",
]
