"""Frame changes of the neutrino number flux against a direct Lorentz transformation in Cartesian form."""

from __future__ import annotations

import math

import numpy as np
import pytest

from natal.numerics import constants
from natal.numerics.mag import frames

c = constants.c


def lorentz(beta: np.ndarray) -> np.ndarray:
    """The textbook 4x4 boost taking components in frame S to those in frame S' that moves with
    velocity -beta c relative to S, i.e. into the frame in which S moves with +beta c.

    Lambda^0_0 = g, Lambda^0_i = g beta_i, Lambda^i_j = delta_ij + (g - 1) beta_i beta_j / beta^2.
    """
    b2 = beta @ beta
    g = 1 / math.sqrt(1 - b2)
    L = np.eye(4)
    L[0, 0] = g
    L[0, 1:] = L[1:, 0] = g * beta
    L[1:, 1:] += (g - 1) * np.outer(beta, beta) / b2
    return L


def spherical_basis(theta: float, phi: float) -> np.ndarray:
    """Rows: r-hat, theta-hat, phi-hat in Cartesian components."""
    st, ct, sp, cp = math.sin(theta), math.cos(theta), math.sin(phi), math.cos(phi)
    return np.array([[st * cp, st * sp, ct], [ct * cp, ct * sp, -st], [-sp, cp, 0.0]])


@pytest.mark.parametrize("seed", range(4))
def test_radial_boost_matches_cartesian_lorentz_boost(seed):
    rng = np.random.default_rng(seed)
    theta, phi = rng.uniform(0.1, 3.0), rng.uniform(0, 2 * math.pi)
    n, Fr = rng.uniform(1, 2), rng.uniform(-0.5, 0.5)
    v = rng.uniform(-0.3, 0.3) * c  # much faster than the collapse, to test the exact formula
    e_r = spherical_basis(theta, phi)[0]
    fluid = np.concatenate([[n], Fr * e_r])  # J^a in the fluid frame, Cartesian
    # the fluid moves with v e_r relative to the non-collapsing frame
    lab = lorentz(v / c * e_r) @ fluid
    J_t, J_r = frames.radial_boost(n, Fr, v)
    assert J_t == pytest.approx(lab[0], rel=1e-14)
    np.testing.assert_allclose(J_r * e_r, lab[1:], rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("seed", range(3))
def test_rotation_agrees_with_boost_to_first_order(seed):
    """The paper's Jacobian phi -> phi + Omega t vs a Lorentz boost with v = Omega r sin(theta) phi-hat:
    equal up to O(beta^2) corrections."""
    rng = np.random.default_rng(10 + seed)
    theta, phi, r = rng.uniform(0.2, 2.9), rng.uniform(0, 6), rng.uniform(1e5, 4e6)
    n, Fr = rng.uniform(1, 2), rng.uniform(-0.1, 0.1)
    for Omega in (60.0, 6e3):
        beta = Omega * r * math.sin(theta) / c
        basis = spherical_basis(theta, phi)
        lab = lorentz(beta * basis[2]) @ np.concatenate([[n], Fr * basis[0]])
        J_t, J_r, J_phi = frames.to_observer(n, Fr, Omega, r, theta)
        assert J_t == n and J_r == Fr
        assert J_phi == pytest.approx(basis[2] @ lab[1:], rel=2 * beta**2 + 1e-14)
        assert J_phi == pytest.approx(n * beta, rel=1e-14)


def test_orthonormal_phi_is_r_sin_theta():
    assert frames.orthonormal_phi(2.0, 3.0, math.pi / 6) == pytest.approx(3.0)


def test_fluid_number_flux_divides_by_bin_energy():
    xi = np.array([10.0, 20.0])
    rho, r = 1e12, 1e6
    G = np.array([1e18, 4e18])  # erg/g in each bin
    L = np.array([1e50, 2e50])  # erg/s in each bin
    J_t, J_r = frames.fluid_number_flux(rho, G, L, r, xi)
    erg = xi * constants.MeV
    assert J_t == pytest.approx(rho * (G / erg).sum())
    assert J_r == pytest.approx((L / erg).sum() / (4 * math.pi * r**2 * c))


def test_bad_frame_input():
    with pytest.raises(ValueError, match="v_r must be slower than light"):
        frames.radial_boost(1.0, 0.0, 2 * c)
    with pytest.raises(ValueError, match="r must be finite and > 0 cm"):
        frames.fluid_number_flux(1.0, np.ones(2), np.ones(2), 0.0, np.ones(2))
