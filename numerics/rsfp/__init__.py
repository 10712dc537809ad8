"""Numerics of the `rsfp` paper: the proto-neutron star model and its Monte Carlo transport (the kick
problem, its opacity and its compiled kernels, run on the generic engine of ``numerics.montecarlo``)."""
