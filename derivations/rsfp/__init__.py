"""Derivations of the `rsfp` paper: pulsar kicks from resonant spin-flavour precession into sterile
neutrinos (braking index, dipole radiation, resonance and adiabaticity, nu-N opacity, kick asymmetry)."""
