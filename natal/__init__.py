"""natal: derive, check and compute the neutrino physics of newborn pulsars.

Layers (data flows one way): ``natal.derivations`` (SymPy) -> ``natal.codegen`` (fast evaluators)
-> ``natal.numerics`` (grids, fits, transport) -> the ``natal`` command (verify, codegen, reproduce).
"""

import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

try:
    __version__ = version("natal")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__", "cache_root"]


def cache_root() -> Path:
    """natal's cache folder: ``$NATAL_CACHE`` if set, else ``$XDG_CACHE_HOME/natal``, else
    ``~/.cache/natal``."""
    root = os.environ.get("NATAL_CACHE")
    if not root:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = os.path.join(xdg, "natal") if xdg else os.path.join(Path.home(), ".cache", "natal")
    return Path(root)


# Numba's compiled kernels go to natal's cache, not to __pycache__ beside the sources: in an installed
# copy those files would be left in site-packages by `pip uninstall`, and the folder they leave would
# shadow a later editable install as an empty namespace package.  (Read by Numba when it is first
# imported, which natal's own modules do only after this.)
os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_root() / "numba"))
