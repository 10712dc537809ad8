"""Numerics of the `nuN` paper: nucleon couplings, exact response integrals, collision moments by
quadrature and R_sc/abs."""
