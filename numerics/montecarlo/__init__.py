"""Monte Carlo transport: kernels, tallies and the batch runner.

``run_batches`` runs a task over reproducibly seeded batches (in-process or on dask), with
checkpoints; ``toy`` holds a minimal example task.
"""

from natal.numerics.montecarlo.runner import (
    BatchResults,
    batch_seed,
    config_fingerprint,
    local_cluster,
    run_batches,
)

__all__ = [
    "BatchResults",
    "batch_seed",
    "config_fingerprint",
    "local_cluster",
    "run_batches",
]
