"""natal: derive, check and compute the neutrino physics of newborn pulsars.

Layers (data flows one way): ``natal.derivations`` (SymPy) -> ``natal.codegen`` (fast evaluators)
-> ``natal.numerics`` (grids, fits, transport) -> the ``natal`` command (verify, codegen, reproduce).
"""

import os
from importlib.metadata import PackageNotFoundError, version

from natal.cachedir import UntrustedCacheError, cache_root, numba_cache_dir

try:
    __version__ = version("natal")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["UntrustedCacheError", "__version__", "cache_root"]


# Numba's compiled kernels go to natal's cache, not to __pycache__ beside the sources: in an installed
# copy those files would be left in site-packages by `pip uninstall`, and the folder they leave would
# shadow a later editable install as an empty namespace package.  Numba loads pickles from there, so
# the folder is created private and replaced by a temporary one when others could write it.  (Read by
# Numba when it is first imported, which natal's own modules do only after this.)
if "NUMBA_CACHE_DIR" not in os.environ:
    os.environ["NUMBA_CACHE_DIR"] = numba_cache_dir()
