"""Numerics of the `mag` paper: the collapse and its trapping grid, neutrino spectra (surrogate or
tables), flux frames, smoothed derivatives and the field growth they drive."""
