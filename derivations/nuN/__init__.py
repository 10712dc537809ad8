"""Derivations of the `nuN` paper: nu-N scattering in a magnetic field with weak magnetism and recoil.

``symbols`` holds the paper's symbols; ``matrix_element`` the Dirac traces of |M|^2 (Eqs. 1-6);
``cross_section`` the differential rate (Eq. 9); ``response`` the response functions and their
expansion (Eqs. 12-23, App. A); ``drift_flux`` the collision moments and drift flux (Eqs. 24-46);
``drift_ratio`` the integrands of R_sc/abs (Eqs. 47-52).
"""
