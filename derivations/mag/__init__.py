"""Derivations of the `mag` paper: ponderomotive magnetogenesis during core collapse (Eqs. 1-16)."""
