"""The proto-neutron star of the `rsfp` paper: profiles (Eqs. 7-8), dipole fields, adiabaticity (Eqs. 4-6).

What is here, all vectorised NumPy in cgs (r in cm, rho in g cm^-3, B in G, T and E in MeV):

* ``PNSModel``: the analytic density (Eq. 7) and temperature (Eq. 8) profiles, the density scale length
  l_rho = |rho / (d rho/dr)| of Eq. 6, and their inverses.
* ``PointDipole``, ``DecentredDipole`` (Sec. 3, Table 1, Fig. 1), ``OffCentredDipole`` (Sec. 2) and
  ``b_perp``, the field component transverse to a neutrino's direction (B_perp of Eq. 6).
* ``adiabaticity`` (Eq. 6 as printed, with its coefficient an explicit argument) and
  ``conversion_probability`` (Eq. 5); ``gamma_at_points``, ``gamma_on_shell`` (Fig. 1), ``gamma_max``
  and ``gamma_max_table`` (the gamma_max column of Table 1).
* ``resonance_radius`` and ``sterile_mass_for_resonance``: the resonance condition Eq. 4 without the
  polarisation term, G_F N_n / sqrt(2) = m_s^2 / (2E).

Choices the paper does not state are keyword arguments with documented defaults (the unit of the
decentring parameter delta, the side of the core-atmosphere interface at which l_rho is taken, the
number density in the potential, the coefficient of Eq. 6).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
import numpy as np

from natal.derivations.printed.rsfp_data import PROFILE, STATED, TABLE1_GROUPS
from natal.numerics import constants, validation

__all__ = [
    "PNSModel", "PointDipole", "DecentredDipole", "OffCentredDipole", "b_perp",
    "GAMMA_COEFFICIENT_PRINTED", "adiabaticity", "conversion_probability",
    "gamma_at_points", "gamma_on_shell", "gamma_max", "gamma_max_table",
    "potential_per_density", "resonance_radius", "sterile_mass_for_resonance",
    "DELTA_UNITS", "INTERFACE_SIDES", "POTENTIALS", "DIRECTIONS",
]

#: The coefficient printed in Eq. 6 ("gamma ~ 1.04 (1/(1 - Y_e)) ...").  natal's symbolic layer derives a
#: different one from the Landau-Zener form gamma = (2 mu B_perp)^2 / |dV/dr| with V = G_F N_n / sqrt(2)
#: (``natal verify --paper rsfp``, docs/rsfp.md); callers pass it as ``coefficient``.  The default
#: everywhere is the printed value, so that a reproduction uses exactly the paper's inputs.
GAMMA_COEFFICIENT_PRINTED: float = float(STATED["gamma_coefficient"][0])

#: The lengths the decentring parameter delta can be measured in (see ``DecentredDipole.for_model``).
DELTA_UNITS = ("R_c", "R_res")
#: The side of the core-atmosphere interface whose l_rho is used at exactly r = R_c.
INTERFACE_SIDES = ("core", "atmosphere")
#: The number density in the potential of Eq. 4: neutrons (as printed) or all baryons.
POTENTIALS = ("neutrons", "baryons")
#: Readings of B_perp on the resonance shell (``gamma_on_shell``).
DIRECTIONS = ("best", "radial")

# Eq. 6's reference values
_RHO_REF = 2.6e14  # g cm^-3
_B_REF = 3e15  # G
_MU_REF = 1e-12  # Bohr magnetons
_ELL_REF = 10 * constants.km  # cm


def _out(arr: np.ndarray):
    """Return 0-d arrays as Python-style NumPy scalars, arrays unchanged."""
    return arr[()] if isinstance(arr, np.ndarray) and arr.ndim == 0 else arr


# --- the PNS profiles -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PNSModel:
    """The analytic PNS of Sec. 4: density Eq. 7, temperature Eq. 8, electron fraction of Eq. 6.

    Eq. 7:  rho = rho0 [1 - (1 - rho_c/rho0) (r/R_c)^n_c]   for r <= R_c,
            rho = rho_c (R_c/r)^n_a                          for r >  R_c;
    Eq. 8:  T = T0 for r <= R_c,  T = T0 (R_c/r)^n_T  for r > R_c.

    Attributes
    ----------
    rho0_g_cm3 : central density [g cm^-3]; must exceed rho_c (the core density falls outwards)
    rho_c_g_cm3 : density at the core-atmosphere interface, rho(R_c) [g cm^-3], > 0
    R_c_cm : core radius [cm], > 0
    n_c, n_a : core and atmosphere exponents of Eq. 7, > 0
    T0_MeV : core temperature [MeV], > 0
    n_T : atmosphere temperature exponent of Eq. 8, > 0
    Y_e : electrons per baryon (Eq. 6), 0 < Y_e < 1; the neutron fraction is 1 - Y_e (charge neutrality)

    All functions of ``r`` accept arrays and need finite r >= 0.  rho is continuous at R_c; its slope
    and l_rho are not (see ``ell_rho``).
    """

    rho0_g_cm3: float
    rho_c_g_cm3: float
    R_c_cm: float
    n_c: float
    n_a: float
    T0_MeV: float
    n_T: float
    Y_e: float

    def __post_init__(self) -> None:
        for name in ("rho0_g_cm3", "rho_c_g_cm3", "R_c_cm", "n_c", "n_a", "T0_MeV", "n_T"):
            validation.positive_scalar(name, getattr(self, name))
        if not self.rho0_g_cm3 > self.rho_c_g_cm3:
            raise ValueError(f"rho0_g_cm3 must exceed rho_c_g_cm3 = {self.rho_c_g_cm3:g} g cm^-3 "
                             f"(Eq. 7's density falls from the centre to R_c), got {self.rho0_g_cm3!r}")
        validation.finite_scalar("Y_e", self.Y_e, low=0, high=1, low_open=True, high_open=True)

    @classmethod
    def paper(cls, **overrides: float) -> PNSModel:
        """The paper's model exactly as printed (rsfp_data.PROFILE); ``overrides`` replace fields."""
        values = dict(PROFILE)
        unknown = set(overrides) - set(values)
        if unknown:
            raise ValueError(f"unknown PNSModel fields {sorted(unknown)}; allowed: {sorted(values)}")
        values.update(overrides)
        return cls(**values)

    # --- helpers ---
    @property
    def _a(self) -> float:
        """1 - rho_c/rho0, the fractional density drop across the core."""
        return 1.0 - self.rho_c_g_cm3 / self.rho0_g_cm3

    @staticmethod
    def _r(r) -> np.ndarray:
        return validation.finite_array("r", r, low=0, unit="cm")

    # --- Eq. 7 ---
    def density(self, r):
        """rho(r) of Eq. 7 [g cm^-3]."""
        r = self._r(r)
        x = r / self.R_c_cm
        core = self.rho0_g_cm3 * (1.0 - self._a * np.minimum(x, 1.0) ** self.n_c)
        with np.errstate(divide="ignore"):
            atm = self.rho_c_g_cm3 * np.maximum(x, 1.0) ** (-self.n_a)
        return _out(np.where(x <= 1.0, core, atm))

    def n_baryon(self, r):
        """Baryon number density rho / m_u [cm^-3]."""
        return self.density(r) / constants.m_u

    def n_neutron(self, r):
        """Neutron number density N_n = (1 - Y_e) rho / m_u [cm^-3] (charge neutrality, no nuclei)."""
        return (1.0 - self.Y_e) * self.n_baryon(r)

    def log_density_slope(self, r, at_interface: str = "core"):
        """d ln rho / dr [cm^-1] (analytic, <= 0).  ``at_interface`` as in ``ell_rho``.

        Core: -a n_c x^(n_c-1) / (R_c (1 - a x^n_c)), a = 1 - rho_c/rho0, x = r/R_c (0 at r = 0 for
        n_c > 1, -a/R_c for n_c = 1, -infinity for n_c < 1); atmosphere: -n_a / r.
        """
        if at_interface not in INTERFACE_SIDES:
            raise ValueError(f"at_interface must be one of {INTERFACE_SIDES}, got {at_interface!r}")
        r = self._r(r)
        x = r / self.R_c_cm
        xc = np.minimum(x, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            core = -self._a * self.n_c * xc ** (self.n_c - 1.0) / (self.R_c_cm * (1.0 - self._a * xc**self.n_c))
            atm = -self.n_a / np.maximum(r, self.R_c_cm)
        in_core = (x < 1.0) | ((x == 1.0) & (at_interface == "core"))
        return _out(np.where(in_core, core, atm))

    def ell_rho(self, r, at_interface: str = "core"):
        """The density scale length l_rho = |rho / (d rho/dr)| of Eq. 6 [cm] (analytic).

        Core: l = R_c (1 - a x^n_c) / (a n_c x^(n_c - 1)); it is infinite at r = 0 for n_c > 1 (the
        profile is flat there).  Atmosphere: l = r / n_a.

        l_rho is discontinuous at R_c (the paper's profile has a kink there): R_c rho_c/(n_c (rho0 -
        rho_c)) on the core side and R_c/n_a on the atmosphere side.  A resonance shell at r != R_c lies on one side and takes that side's value.  At
        exactly r = R_c, ``at_interface`` picks the side: "core" by default, because Eq. 7 puts r = R_c
        in its core branch (r <= R_c); "atmosphere" takes the outer limit.
        """
        slope = np.asarray(self.log_density_slope(r, at_interface=at_interface))
        with np.errstate(divide="ignore"):
            ell = np.where(slope == 0.0, np.inf, 1.0 / np.abs(slope))
        return _out(ell)

    #: alias: the scale length is l_rho of Eq. 6
    scale_length = ell_rho

    def radius_of_density(self, rho):
        """The radius at which Eq. 7 gives ``rho`` [cm]: Eq. 7 inverted, rho in (0, rho0].

        rho decreases strictly with r, so the inverse is unique: r = R_c ((1 - rho/rho0)/a)^(1/n_c) for
        rho >= rho_c and r = R_c (rho_c/rho)^(1/n_a) below.
        """
        rho = validation.finite_array("rho", rho)
        validation.require("rho", rho, (rho > 0) & (rho <= self.rho0_g_cm3),
                           f"in (0, rho0] = (0, {self.rho0_g_cm3:g}] g cm^-3 (the range of Eq. 7)")
        with np.errstate(divide="ignore", invalid="ignore"):
            core = self.R_c_cm * (np.clip(1.0 - rho / self.rho0_g_cm3, 0.0, None) / self._a) ** (1.0 / self.n_c)
            atm = self.R_c_cm * (self.rho_c_g_cm3 / rho) ** (1.0 / self.n_a)
        return _out(np.where(rho >= self.rho_c_g_cm3, np.minimum(core, self.R_c_cm), atm))

    # --- Eq. 8 ---
    def temperature(self, r):
        """T(r) of Eq. 8 [MeV]: isothermal core, T0 (R_c/r)^n_T outside."""
        r = self._r(r)
        x = np.maximum(r / self.R_c_cm, 1.0)
        return _out(self.T0_MeV * x ** (-self.n_T))

    def radius_of_temperature(self, T_MeV):
        """The radius at which Eq. 8 gives ``T_MeV`` [cm], T in (0, T0].

        T = T0 holds on the whole isothermal core; the outer edge R_c is returned for it.
        """
        T = validation.finite_array("T_MeV", T_MeV)
        validation.require("T_MeV", T, (T > 0) & (T <= self.T0_MeV), f"in (0, T0] = (0, {self.T0_MeV:g}] MeV")
        return _out(self.R_c_cm * (self.T0_MeV / T) ** (1.0 / self.n_T))


# --- magnetic dipoles ---------------------------------------------------------------------------------
def _vec3(name: str, value) -> tuple[float, float, float]:
    arr = validation.real_array(name, value)
    if arr.shape != (3,):
        raise ValueError(f"{name} must be a 3-vector, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {tuple(arr)}")
    return tuple(float(v) for v in arr)


def _points(points) -> np.ndarray:
    p = validation.real_array("points", points)
    if p.ndim == 0 or p.shape[-1] != 3:
        raise ValueError(f"points must have shape (..., 3), got {p.shape}")
    if not np.all(np.isfinite(p)):
        raise ValueError("points must be finite")
    return p


@dataclass(frozen=True)
class PointDipole:
    """A point magnetic dipole in Gaussian units.

    B(x) = (3 n (n . m) - m) / |x - x0|^3 with n = (x - x0)/|x - x0|  [G], m in G cm^3, lengths in cm;
    the vector potential is A = m x (x - x0) / |x - x0|^3 (B = curl A, div B = 0 away from x0).

    Attributes
    ----------
    position : x0, a 3-vector [cm]
    moment : m, a 3-vector [G cm^3]
    """

    position: tuple[float, float, float]
    moment: tuple[float, float, float]

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", _vec3("position", self.position))
        object.__setattr__(self, "moment", _vec3("moment", self.moment))

    def _separation(self, points) -> tuple[np.ndarray, np.ndarray]:
        d = _points(points) - np.asarray(self.position)
        dist = np.linalg.norm(d, axis=-1)
        if np.any(dist == 0):
            raise ValueError(f"points must not coincide with the dipole position {self.position} "
                             "(the field is singular there)")
        return d, dist

    def field(self, points) -> np.ndarray:
        """B at ``points`` (shape (..., 3), cm) -> shape (..., 3) [G]."""
        d, dist = self._separation(points)
        n = d / dist[..., None]
        m = np.asarray(self.moment)
        ndotm = n @ m
        return (3.0 * n * ndotm[..., None] - m) / dist[..., None] ** 3

    def vector_potential(self, points) -> np.ndarray:
        """A = m x (x - x0) / |x - x0|^3 at ``points`` -> shape (..., 3) [G cm]."""
        d, dist = self._separation(points)
        return np.cross(np.broadcast_to(np.asarray(self.moment), d.shape), d) / dist[..., None] ** 3


@dataclass(frozen=True)
class DecentredDipole:
    """The paper's decentred dipole (Sec. 3, Table 1, Fig. 1), normalised on the resonance shell.

    The moment points along +z and the dipole sits on its own axis at z0 = delta L (towards the
    north pole of the shell, Theta = 0).  Its strength is fixed so that B_G, "the maximum value of the
    magnetic field strength at the resonance" (Fig. 1 caption), is max |B| over the shell r = R_res.

    Where that maximum lies: for a dipole |B| = m sqrt(1 + 3 cos^2 alpha)/d^3, alpha the angle between
    the moment and x - x0, d = |x - x0|.  On the sphere d >= R_res - z0 and sqrt(1 + 3 cos^2) <= 2,
    both equalities holding only at the near (north) pole, so max |B| = 2 m / (R_res - z0)^3 and
    m = B_G (R_res - z0)^3 / 2.  The south pole has 2 m/(R_res + z0)^3: B_S/B_N = ((1 - dhat)/(1 +
    dhat))^3 with dhat = z0/R_res, the paper's ratio (Sec. 3).

    The unit L of delta is not pinned down by the paper: Table 1's header says delta = R_B/R_c (L =
    R_c), the text "delta in units of the PNS radius R" with delta-hat = delta R/R_res.  Build with
    ``for_model(..., delta_unit="R_c" | "R_res")`` or give L_cm explicitly to ``from_shell_maximum``.
    ``for_model`` defaults to L = R_c, the reading Fig. 1's text supports (docs/rsfp.md).

    Attributes
    ----------
    B_G : max |B| on the shell [G], > 0
    R_res_cm : radius of the resonance shell [cm], > 0
    delta : decentring parameter, 0 <= delta < 1
    L_cm : unit of delta [cm], > 0; z0 = delta L must be < R_res (the dipole inside the shell)
    """

    B_G: float
    R_res_cm: float
    delta: float
    L_cm: float

    def __post_init__(self) -> None:
        for name in ("B_G", "R_res_cm", "L_cm"):
            validation.positive_scalar(name, getattr(self, name))
        validation.finite_scalar("delta", self.delta, low=0, high=1, high_open=True)
        if not self.z0_cm < self.R_res_cm:
            raise ValueError(f"delta * L_cm = {self.z0_cm:g} cm must be below R_res_cm = {self.R_res_cm:g} cm "
                             f"(the dipole inside the resonance shell); got delta = {self.delta!r}, "
                             f"L_cm = {self.L_cm!r}, so delta must be < {self.R_res_cm / self.L_cm:g}")

    @classmethod
    def from_shell_maximum(cls, B_G: float, R_res_cm: float, delta: float, L_cm: float) -> DecentredDipole:
        """The dipole displaced by delta L_cm whose max |B| on the shell r = R_res_cm is B_G."""
        return cls(B_G=B_G, R_res_cm=R_res_cm, delta=delta, L_cm=L_cm)

    @classmethod
    def for_model(cls, model: PNSModel, R_res_cm: float, B_G: float, delta: float,
                  delta_unit: str = "R_c") -> DecentredDipole:
        """The dipole of a Table 1 row: delta in units of R_c (Table 1's "delta = R_B/R_c", default) or
        of R_res (``delta_unit="R_res"``: delta is the text's delta-hat)."""
        if delta_unit not in DELTA_UNITS:
            raise ValueError(f"delta_unit must be one of {DELTA_UNITS}, got {delta_unit!r}")
        L = model.R_c_cm if delta_unit == "R_c" else float(R_res_cm)
        return cls(B_G=B_G, R_res_cm=R_res_cm, delta=delta, L_cm=L)

    @property
    def z0_cm(self) -> float:
        """Displacement of the dipole along +z [cm]."""
        return float(self.delta) * float(self.L_cm)

    @property
    def delta_hat(self) -> float:
        """z0 / R_res, the paper's delta-hat."""
        return self.z0_cm / float(self.R_res_cm)

    @property
    def moment_G_cm3(self) -> float:
        """|m| = B (R_res - z0)^3 / 2 [G cm^3]."""
        return float(self.B_G) * (float(self.R_res_cm) - self.z0_cm) ** 3 / 2.0

    @property
    def dipole(self) -> PointDipole:
        return PointDipole(position=(0.0, 0.0, self.z0_cm), moment=(0.0, 0.0, self.moment_G_cm3))

    def field(self, points) -> np.ndarray:
        """B at ``points`` (..., 3) [cm] -> (..., 3) [G]."""
        return self.dipole.field(points)

    def pole_ratio(self) -> float:
        """|B| at the south pole over |B| at the north pole of the shell: ((1 - dhat)/(1 + dhat))^3."""
        dh = self.delta_hat
        return ((1 - dh) / (1 + dh)) ** 3


@dataclass(frozen=True)
class OffCentredDipole:
    """The off-centred dipole of Sec. 2 (Harrison & Tademaru): arbitrary orientation and displacement.

    The moment mu = (mu_z, mu_rho, mu_phi) is given in cylindrical components about the spin axis z at
    the dipole's own position, which is displaced by delta_z along z and delta_rho radially, both in
    units of L_cm, at azimuth phi0: x0 = L (delta_rho cos phi0, delta_rho sin phi0, delta_z).  On the
    axis (delta_rho = 0) the cylindrical basis is that of azimuth phi0.

    Attributes
    ----------
    mu_z, mu_rho, mu_phi : moment components [G cm^3], finite, not all zero
    delta_z : axial displacement in units of L_cm, finite
    delta_rho : radial displacement in units of L_cm, >= 0
    L_cm : unit length [cm], > 0
    phi0 : azimuth of the displacement [rad], finite (default 0)
    """

    mu_z: float
    mu_rho: float
    mu_phi: float
    delta_z: float
    delta_rho: float
    L_cm: float
    phi0: float = 0.0

    def __post_init__(self) -> None:
        for name in ("mu_z", "mu_rho", "mu_phi", "delta_z", "phi0"):
            validation.finite_scalar(name, getattr(self, name))
        validation.finite_scalar("delta_rho", self.delta_rho, low=0)
        validation.positive_scalar("L_cm", self.L_cm)
        if self.mu_z == 0 and self.mu_rho == 0 and self.mu_phi == 0:
            raise ValueError("mu_z, mu_rho, mu_phi must not all be zero (a dipole needs a moment)")

    @property
    def position(self) -> tuple[float, float, float]:
        c, s = math.cos(self.phi0), math.sin(self.phi0)
        rho = self.delta_rho * self.L_cm
        return (rho * c, rho * s, self.delta_z * self.L_cm)

    @property
    def moment(self) -> tuple[float, float, float]:
        """Cartesian moment mu_rho e_rho + mu_phi e_phi + mu_z e_z [G cm^3]."""
        c, s = math.cos(self.phi0), math.sin(self.phi0)
        return (self.mu_rho * c - self.mu_phi * s, self.mu_rho * s + self.mu_phi * c, float(self.mu_z))

    @property
    def dipole(self) -> PointDipole:
        return PointDipole(position=self.position, moment=self.moment)

    def field(self, points) -> np.ndarray:
        """B at ``points`` (..., 3) [cm] -> (..., 3) [G]."""
        return self.dipole.field(points)


def b_perp(B, direction):
    """|B - (B.n) n|: the component of B transverse to ``direction`` (B_perp of Eq. 6) [G].

    ``B`` and ``direction`` broadcast with shape (..., 3); directions are normalised here and must not
    be zero vectors.
    """
    B = validation.finite_array("B", B)
    n = validation.finite_array("direction", direction)
    if B.ndim == 0 or B.shape[-1] != 3 or n.ndim == 0 or n.shape[-1] != 3:
        raise ValueError(f"B and direction must have shape (..., 3), got {B.shape} and {n.shape}")
    norm = np.linalg.norm(n, axis=-1)
    if np.any(norm == 0):
        raise ValueError("direction must be non-zero vectors (they are normalised), got a zero vector")
    n = n / norm[..., None]
    par = np.sum(B * n, axis=-1)
    perp = B - par[..., None] * n
    return _out(np.linalg.norm(perp, axis=-1))


# --- adiabaticity (Eqs. 5-6) --------------------------------------------------------------------------
def adiabaticity(B_perp_G, rho, ell_cm, Y_e, mu_nu_muB=1e-12, coefficient=GAMMA_COEFFICIENT_PRINTED):
    """gamma of Eq. 6 as printed, with its coefficient explicit:

    gamma = coefficient (1/(1 - Y_e)) (2.6e14 g cm^-3 / rho) (mu_nu/1e-12 mu_B  B_perp/3e15 G)^2 (l/10 km).

    Parameters (arrays broadcast): B_perp_G >= 0 [G]; rho > 0 [g cm^-3]; ell_cm >= 0 [cm], +inf allowed
    (a flat profile, e.g. the centre of the core: gamma is then infinite unless B_perp = 0, when it is
    0); 0 < Y_e < 1; mu_nu_muB > 0 [Bohr magnetons]; coefficient > 0 (default the printed 1.04, see
    ``GAMMA_COEFFICIENT_PRINTED``).
    """
    B = validation.finite_array("B_perp_G", B_perp_G, low=0, unit="G")
    rho = validation.finite_array("rho", rho, low=0, low_open=True, unit="g cm^-3")
    ell = validation.real_array("ell_cm", ell_cm)
    validation.require("ell_cm", ell, ~np.isnan(ell) & (ell >= 0), ">= 0 cm (+inf allowed)")
    Y = validation.finite_array("Y_e", Y_e, low=0, high=1, low_open=True, high_open=True)
    mu = validation.finite_array("mu_nu_muB", mu_nu_muB, low=0, low_open=True, unit="Bohr magnetons")
    validation.positive_scalar("coefficient", coefficient)
    b2 = (mu / _MU_REF * B / _B_REF) ** 2
    with np.errstate(invalid="ignore"):
        g = coefficient / (1.0 - Y) * (_RHO_REF / rho) * b2 * (ell / _ELL_REF)
    g = np.where(b2 == 0, 0.0, g)  # 0 * inf: no field, no conversion
    return _out(g)


def conversion_probability(gamma):
    """P(nubar_tau -> nu_s) = 1 - exp(-pi gamma / 2) of Eq. 5; gamma >= 0 (+inf gives 1)."""
    g = validation.real_array("gamma", gamma)
    validation.require("gamma", g, ~np.isnan(g) & (g >= 0), ">= 0 (+inf allowed)")
    return _out(-np.expm1(-0.5 * np.pi * g))


def gamma_at_points(model: PNSModel, dipole, points, directions=None, *, mu_nu_muB=1e-12,
                    coefficient=GAMMA_COEFFICIENT_PRINTED, at_interface: str = "core"):
    """gamma (Eq. 6) at ``points`` (..., 3) [cm] for neutrinos moving along ``directions`` (..., 3).

    ``dipole`` is anything with ``field(points)``.  With ``directions=None`` B_perp = |B|, the largest
    gamma possible at the point (a neutrino moving perpendicular to the local field).  rho and l_rho
    are the model's at r = |points| (``at_interface`` as in ``PNSModel.ell_rho``).
    """
    p = _points(points)
    r = np.linalg.norm(p, axis=-1)
    B = dipole.field(p)
    Bp = np.linalg.norm(B, axis=-1) if directions is None else np.asarray(b_perp(B, directions))
    return adiabaticity(Bp, model.density(r), model.ell_rho(r, at_interface=at_interface), model.Y_e,
                        mu_nu_muB=mu_nu_muB, coefficient=coefficient)


def gamma_on_shell(model: PNSModel, dipole, R_res_cm: float, Theta, direction: str = "best", *,
                   phi=0.0, mu_nu_muB=1e-12, coefficient=GAMMA_COEFFICIENT_PRINTED,
                   at_interface: str = "core"):
    """gamma(Theta) on the resonance shell r = R_res (Fig. 1).

    Theta [rad, 0..pi] is the angle from the dipole axis (+z) measured at the star centre; phi the
    azimuth (irrelevant for a decentred dipole).  ``direction``:
      "best"   B_perp = |B|: a neutrino moving perpendicular to the local field, the largest gamma there
               (the reading that peaks at the north pole, as Fig. 1 does);
      "radial" B_perp relative to the outward radial direction (a neutrino leaving radially; it
               vanishes at the poles, where a dipole field is radial).
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")
    R = validation.positive_scalar("R_res_cm", R_res_cm)
    th = validation.finite_array("Theta", Theta)
    validation.require("Theta", th, (th >= 0) & (th <= np.pi), "in [0, pi] rad")
    ph = validation.finite_array("phi", phi)
    th, ph = np.broadcast_arrays(th, ph)
    n = np.stack([np.sin(th) * np.cos(ph), np.sin(th) * np.sin(ph), np.cos(th)], axis=-1)
    return gamma_at_points(model, dipole, R * n, None if direction == "best" else n,
                           mu_nu_muB=mu_nu_muB, coefficient=coefficient, at_interface=at_interface)


def gamma_max(model: PNSModel, R_res_cm: float, B_G: float, *, mu_nu_muB=1e-12,
              coefficient=GAMMA_COEFFICIENT_PRINTED, at_interface: str = "core") -> float:
    """gamma at |B_perp| = B_G on the shell r = R_res: Table 1's gamma_max (delta-independent when B_G is
    the shell maximum of |B|, as ``DecentredDipole`` normalises it).

    Inside the core gamma_max = coefficient/(1 - Y_e) (2.6e14)(B/3e15)^2 (mu/1e-12)^2 R_c /
    (10 km n_c (rho0 - rho_c) x^(n_c-1)), x = R_res/R_c: proportional to 1/(rho0 - rho_c) exactly.
    In the atmosphere it is coefficient/(1 - Y_e) (2.6e14/rho_c) x^n_a (B/3e15)^2 (mu/1e-12)^2 R_res/(n_a
    10 km), independent of rho0.
    """
    R = validation.positive_scalar("R_res_cm", R_res_cm)
    B = validation.positive_scalar("B_G", B_G)
    return float(adiabaticity(B, model.density(R), model.ell_rho(R, at_interface=at_interface), model.Y_e,
                              mu_nu_muB=mu_nu_muB, coefficient=coefficient))


def gamma_max_table(model: PNSModel | None = None, *, mu_nu_muB=1e-12,
                    coefficient=GAMMA_COEFFICIENT_PRINTED) -> list[dict[str, float]]:
    """Table 1's gamma_max for its five (R_res/R_c, B) groups, against the printed values.

    Returns one dict per group: rres_rc, B_G, gamma_max (natal), paper (printed), rel_diff
    (natal/paper - 1).  The defaults are the printed inputs; how the values compare is in the
    reproduction report and docs/rsfp.md.
    """
    model = PNSModel.paper() if model is None else model
    rows = []
    for rres_rc, B, paper in TABLE1_GROUPS:
        g = gamma_max(model, rres_rc * model.R_c_cm, B, mu_nu_muB=mu_nu_muB, coefficient=coefficient)
        rows.append({"rres_rc": rres_rc, "B_G": B, "gamma_max": g, "paper": paper, "rel_diff": g / paper - 1})
    return rows


# --- the resonance condition (Eq. 4) ---------------------------------------------------------------------
def potential_per_density(model: PNSModel, potential: str = "neutrons") -> float:
    """V / rho [MeV per g cm^-3] of Eq. 4 without the polarisation term: G_F N / sqrt(2), N = N_n =
    (1 - Y_e) rho/m_u (as printed) or N_B = rho/m_u (``potential="baryons"``).
    """
    if potential not in POTENTIALS:
        raise ValueError(f"potential must be one of {POTENTIALS}, got {potential!r}")
    frac = (1.0 - model.Y_e) if potential == "neutrons" else 1.0
    G_F_MeV2 = constants.G_F_GeV2 * 1e-6
    return G_F_MeV2 * frac / constants.m_u * constants.hbar_c_MeV_cm**3 / math.sqrt(2.0)


def resonance_radius(model: PNSModel, E_MeV, m_s_keV: float, potential: str = "neutrons"):
    """The radius where G_F N / sqrt(2) = m_s^2 / (2E) (Eq. 4, Delta m^2 = m_s^2, no polarisation) [cm].

    Vectorised in ``E_MeV`` (> 0).  rho falls from rho0 to 0, so a resonance exists exactly when
    m_s^2/(2E) <= V(rho0), i.e. E >= m_s^2 / (2 V(rho0)); lower energies raise a ValueError that names
    them and the threshold.
    """
    m = validation.positive_scalar("m_s_keV", m_s_keV) * 1e-3  # MeV
    E = validation.finite_array("E_MeV", E_MeV, low=0, low_open=True, unit="MeV")
    k = potential_per_density(model, potential)
    rho = m**2 / (2.0 * E) / k
    E_min = m**2 / (2.0 * k * model.rho0_g_cm3)
    bad = rho > model.rho0_g_cm3
    if np.any(bad):
        raise ValueError(f"E_MeV must be >= {E_min:.6g} MeV for m_s = {m_s_keV:g} keV to resonate inside the "
                         f"model (V(rho0) = {k * model.rho0_g_cm3:.4g} MeV); no resonance for E = "
                         f"{np.unique(np.broadcast_to(E, bad.shape)[bad])[:5].tolist()} MeV")
    return model.radius_of_density(rho)


def sterile_mass_for_resonance(model: PNSModel, R_res_cm, E_MeV, potential: str = "neutrons"):
    """m_s [keV] that puts the resonance of neutrinos of energy ``E_MeV`` at ``R_res_cm``: sqrt(2 E V)."""
    E = validation.finite_array("E_MeV", E_MeV, low=0, low_open=True, unit="MeV")
    V = potential_per_density(model, potential) * np.asarray(model.density(R_res_cm))
    return _out(np.sqrt(2.0 * E * V) * 1e3)


if __name__ == "__main__":  # pragma: no cover
    for row in gamma_max_table():
        print(row)
