"""natal: derive, check and compute the physics of papers, each a pack (:mod:`natal.packs`); natal's
own packs cover the neutrino physics of newborn pulsars.

Layers (data flows one way): ``natal.derivations`` (SymPy) -> ``natal.codegen`` (fast evaluators)
-> ``natal.numerics`` (grids, fits, transport) -> the ``natal`` command (verify, codegen, reproduce,
papers).  Each layer keeps the shared tools apart from the per-paper parts (``<layer>/<key>/``).
"""

from natal.cachedir import UntrustedCacheError, cache_root
from natal.versions import installed

# "0.0.0+unknown" when running from a source tree that was never installed
__version__ = installed("natal", missing="0.0.0+unknown")

__all__ = ["UntrustedCacheError", "__version__", "cache_root"]

