"""natal: derive, check and compute the neutrino physics of newborn pulsars.

Layers (data flows one way): ``natal.derivations`` (SymPy) -> ``natal.codegen`` (fast evaluators)
-> ``natal.numerics`` (grids, fits, transport) -> the ``natal`` command (verify, codegen, reproduce).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("natal")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
