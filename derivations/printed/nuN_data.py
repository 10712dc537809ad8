"""The `nuN` paper's stated numbers, exactly as printed (seed 001_52e1e548ca846430.txt).

Nothing here is derived.  Kept apart from the printed equations so that the numeric layer reads them
without SymPy.
"""

from __future__ import annotations

__all__ = ["TABLE_I_INPUTS"]

#: The caption's stated values: "g_A ~ 1.26, sin^2 theta_W ~ 0.23, mu_p = 1.793, and mu_n = -1.913".
TABLE_I_INPUTS: dict[str, float] = {"g_A": 1.26, "sin2_theta_W": 0.23, "mu_p": 1.793, "mu_n": -1.913}
