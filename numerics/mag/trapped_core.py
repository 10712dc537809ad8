"""Surrogate for Arnett's (1977) neutrino data: equilibrium nu_e in the trapped core at the end of collapse.

The `mag` paper reads its neutrino spectra from Arnett (1977, ApJ 218, 815), whose tables are not
available in digital form.  This module is natal's stand-in: a small physical model of the same
snapshot (the core when the collapse stops), built from textbook ingredients, every number a named
parameter of :class:`TrappedCore` with its source.  It is a surrogate, not Arnett's simulation, and
natal labels every result that rests on it as such.

Snapshot (the paper's Eq. 9 at R = R_min)
    rho(r) = rho_c (1 - r^2/R^2), rho_c = 15 M / (8 pi R^3); with M = 2.53e33 g and R = 41.58 km,
    rho_c = 2.1e13 g/cm^3, the paper's near-bounce central density.  The enclosed-mass fraction is
    q(x) = x^3 (5 - 3 x^2)/2 with x = r/R.  The core is cut into ``n_shells`` shells of equal mass
    (Arnett's zone 27 is the paper's core surface); shell i (1 = centre) has mid-mass fraction
    (i - 1/2)/n_shells, and its density is the profile's density at that mass.  Any density maps to a
    continuous shell coordinate s = n_shells q(x(rho)) + 1/2 (so s = i at shell i's density).

Matter (beta equilibrium at fixed lepton fraction, along an isentrope)
    * Trapped lepton number: Y_e + Y_nu = Y_L (Y_L ~ 0.35 at trapping: Bethe 1990, Rev. Mod. Phys. 62,
      801; Burrows & Lattimer 1986, ApJ 307, 178).
    * Electrons and nu_e as massless Fermi gases in pair equilibrium (e+ e-, nu nubar), g = 2 and 1:
      net number density g (mu^3 + pi^2 T^2 mu) / (6 pi^2 (hbar c)^3) and entropy density
      g T (mu^2 + 7 pi^2 T^2 / 15) / (6 (hbar c)^3), both exact for massless fermions
      (m_e c^2 = 0.511 MeV << mu_e here).
    * Beta equilibrium mu_e = mu_nu + mu_hat, mu_hat = mu_n - mu_p.  All baryons are taken to sit in
      one representative heavy nucleus of mass number A with proton fraction Y_e (no free nucleons,
      as in Bethe, Brown, Applegate & Lattimer 1979, Nucl. Phys. A 324, 487).  Its asymmetry and
      Coulomb energies per nucleon from the semi-empirical mass formula, a_A (1 - 2x)^2 +
      a_C A^(2/3) x^2 w(u), give
          mu_hat = Q + 4 a_A (1 - 2 Y_e) - 2 a_C A^(2/3) w(u) Y_e,
      Q = (m_n - m_p) c^2, with the Wigner-Seitz lattice reduction of the Coulomb energy
      w(u) = 1 - (3/2) u^(1/3) + u/2, u = rho / rho_saturation (Baym, Bethe & Pethick 1971, Nucl.
      Phys. A 175, 225), w = 0 from saturation up (nuclei dissolve).  SEMF coefficients a_A = 23.7 MeV,
      a_C = 0.711 MeV (Rohlf 1994, Modern Physics from alpha to Z0, Wiley).  In vacuum (mu_e = 0)
      this puts A = 56 at Y_e = 0.457, i.e. Z = 25.6 (iron: 26).
    * Temperature from a fixed entropy per baryon s (s ~ 1 during collapse: Bethe 1990; Bethe et
      al. 1979): s = 2 T / eps_a (thermal excitation of the nuclei, Fermi-gas level density
      a = A / eps_a with the empirical eps_a ~ 8 MeV, so s_nuc = 2 a T / A) + leptons + photons
      (4 pi^2 T^3 / (45 (hbar c)^3)).  The nuclei's translational entropy (~0.1 per baryon at A = 100)
      is left out.  For given chemical potentials this is a cubic in T.
    The two equations (beta equilibrium, entropy) are solved together for Y_e and T at each density;
    their derivatives with respect to ln rho follow by implicit differentiation (no finite differences).

Neutrinos (nu_e only, as in the paper)
    Fermi-Dirac occupation f = 1 / (1 + exp((xi - mu_nu)/T)), one helicity state, so the spectral
    energy density is E_xi = xi^3 f / (2 pi^2 (hbar c)^3) [MeV cm^-3 MeV^-1] and the energy per unit
    mass per MeV is E_xi / rho.  Bin values are integrals over the bin (Gauss-Legendre, ``quad_nodes``
    nodes per bin).

Luminosity (diffusion; positive = outward)
    L_xi = -4 pi r^2 (c lambda(xi) / 3) dE_xi/dr, the Fick's-law (Eddington) flux of the trapped
    spectral energy density, with the mean free path lambda = 1 / (n_n sigma_n + n_p sigma_p) from
    neutral-current nu-nucleon scattering on the nucleons (n_p = Y_e n_B, n_n = (1 - Y_e) n_B,
    n_B = rho / m_u): sigma_N = (sigma_0 / 4) (xi / m_e c^2)^2 (c_V^2 + 3 c_A^2), c_V = 1/2 - 2 sin^2
    theta_W, c_A = g_A/2 (protons) and c_V = -1/2, c_A = -g_A/2 (neutrons), sigma_0 = 4 G_F^2
    (m_e c^2)^2 / (pi (hbar c)^4) (Burrows, Reddy & Thompson 2006, Nucl. Phys. A 777, 356;
    Bruenn 1985, ApJS 58, 771); this is the total cross section (the transport one, weighted by
    1 - cos theta, has (2/3)(c_V^2 + 5 c_A^2) instead: 3.5% larger for neutrons).  Coherent scattering
    on whole nuclei, which dominates the opacity of real collapse matter, is not included.  r and dE/dr
    are taken on the snapshot profile: dE/dr = (dE/d ln rho)(d ln rho/dr) with the analytic
    d ln rho/dr = -2 r rho_c / (R^2 rho).  Flux-limited: per energy, L -> L / (1 + |L| / L_free) with
    the free-streaming L_free = 4 pi r^2 c E_xi, so the flux never exceeds c E (near the snapshot's
    edge Fick's law alone would carry up to 1e3 times more).

Units: MeV for energies and temperatures, cgs otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
from scipy.special import roots_legendre

from natal.numerics import constants as C
from natal.numerics import validation

__all__ = [
    "TrappedCore",
    "ThermoState",
    "pair_net_density",
    "pair_chemical_potential",
    "pair_entropy_density",
    "photon_entropy_density",
    "nucleon_cross_sections",
    "lattice_coulomb_factor",
]

_HC3 = C.hbar_c_MeV_cm**3  # (hbar c)^3 [MeV^3 cm^3]
_PI2 = math.pi**2
_NEWTON_ITER = 200  # cap on the safeguarded Newton iterations of the beta-equilibrium solve
_MU_RTOL = 1e-14  # Newton on mu_e stops when a step moves it by less than this times (mu_e + T)
_T_RTOL = 1e-13  # an entry of the iteration on T has converged at this relative change
_T_ITER = 60  # after this many iterations, entries at their rounding floor are accepted ...
_T_FLOOR = 1e-9  # ... if within this (the floor is ~1e-11 below 1 g/cm^3, ~1e-15 in the trapped core)


# --- massless fermion pair gas, photons ------------------------------------------------------------

def _cubic_root(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The real root of x^3 + p x = q for p > 0 (Cardano, hyperbolic form, stable in both limits)."""
    scale = np.sqrt(p / 3.0)
    return 2.0 * scale * np.sinh(np.arcsinh(1.5 * q / (p * scale)) / 3.0)


def pair_net_density(mu: np.ndarray, T: np.ndarray, g: float) -> np.ndarray:
    """Net (particle minus antiparticle) number density [cm^-3] of a massless fermion pair gas.

    n = g (mu^3 + pi^2 T^2 mu) / (6 pi^2 (hbar c)^3), exact (mu, T in MeV; g spin states).
    """
    return g * mu * (mu * mu + _PI2 * T * T) / (6.0 * _PI2 * _HC3)  # products: ** is slow on arrays


def pair_chemical_potential(n: np.ndarray, T: np.ndarray, g: float) -> np.ndarray:
    """Inverse of :func:`pair_net_density`: mu [MeV] for net density n [cm^-3] at T [MeV] > 0."""
    return _cubic_root(_PI2 * T**2, 6.0 * _PI2 * _HC3 * n / g)


def pair_entropy_density(mu: np.ndarray, T: np.ndarray, g: float) -> np.ndarray:
    """Entropy density [k_B cm^-3] of a massless fermion pair gas: g T (mu^2 + 7 pi^2 T^2/15) / (6 (hbar c)^3).

    From the pressure P = g (mu^4 + 2 pi^2 T^2 mu^2 + 7 pi^4 T^4 / 15) / (24 pi^2 (hbar c)^3), s = dP/dT.
    """
    return g * T * (mu**2 + 7.0 * _PI2 * T**2 / 15.0) / (6.0 * _HC3)


def photon_entropy_density(T: np.ndarray) -> np.ndarray:
    """Black-body entropy density [k_B cm^-3]: 4 pi^2 T^3 / (45 (hbar c)^3)."""
    return 4.0 * _PI2 * T**3 / (45.0 * _HC3)


def lattice_coulomb_factor(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wigner-Seitz reduction of a nucleus's Coulomb energy, w(u) = 1 - 1.5 u^(1/3) + 0.5 u, and dw/dln u.

    u = rho / rho_saturation is the volume fraction of nuclear matter (Baym, Bethe & Pethick 1971);
    w = 0 for u >= 1, where nuclei have merged into uniform matter.
    """
    u = np.minimum(u, 1.0)
    c = np.cbrt(u)
    inside = u < 1.0
    w = np.where(inside, 1.0 - 1.5 * c + 0.5 * u, 0.0)
    dw = np.where(inside, -0.5 * c + 0.5 * u, 0.0)
    return w, dw


def nucleon_cross_sections(xi_MeV: np.ndarray, sin2_theta_W: float, g_A: float) -> tuple[np.ndarray, np.ndarray]:
    """Neutral-current nu-neutron and nu-proton scattering cross sections [cm^2] at energy xi [MeV].

    sigma_N = (sigma_0/4) (xi / m_e c^2)^2 (c_V^2 + 3 c_A^2) (Burrows, Reddy & Thompson 2006),
    i.e. (sigma_0/4)(xi/m_e c^2)^2 (1 + 3 g_A^2)/4 for neutrons and
    (sigma_0/4)(xi/m_e c^2)^2 (4 sin^4 - 2 sin^2 + (1 + 3 g_A^2)/4) for protons.
    """
    base = 0.25 * C.sigma_0 * (validation.real_array("xi_MeV", xi_MeV) / C.m_e_c2_MeV) ** 2
    neutron = (0.5**2 + 3 * (0.5 * g_A) ** 2)
    proton = ((0.5 - 2 * sin2_theta_W) ** 2 + 3 * (0.5 * g_A) ** 2)
    return base * neutron, base * proton


# --- thermodynamic state -------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ThermoState:
    """Equilibrium state of the trapped matter at each density (arrays of the density's shape).

    Attributes
    ----------
    rho : mass density [g cm^-3]
    n_B : baryon number density rho / m_u [cm^-3]
    T : temperature [MeV]
    mu_e, mu_nu, mu_hat : electron and nu_e chemical potentials, mu_n - mu_p [MeV] (mu_e = mu_nu + mu_hat)
    Y_e, Y_nu : net electron and nu_e numbers per baryon (Y_e + Y_nu = Y_L)
    dT_dlnrho, dmu_nu_dlnrho : derivatives along the model's isentrope [MeV]
    """

    rho: np.ndarray
    n_B: np.ndarray
    T: np.ndarray
    mu_e: np.ndarray
    mu_nu: np.ndarray
    mu_hat: np.ndarray
    Y_e: np.ndarray
    Y_nu: np.ndarray
    dT_dlnrho: np.ndarray
    dmu_nu_dlnrho: np.ndarray

    @property
    def eta_nu(self) -> np.ndarray:
        """Neutrino degeneracy parameter mu_nu / T."""
        return self.mu_nu / self.T


@dataclass(frozen=True, eq=False)
class _Species:
    """A massless pair gas at (mu, T) with its derivatives: n, mu_n = dmu/dn|_T, mu_T = dmu/dT|_n, s, ds."""

    mu: np.ndarray
    n: np.ndarray
    mu_n: np.ndarray
    mu_T: np.ndarray
    s: np.ndarray
    s_mu: np.ndarray
    s_T: np.ndarray

    @classmethod
    def at(cls, mu: np.ndarray, T: np.ndarray, g: float) -> _Species:
        d = 3.0 * mu**2 + _PI2 * T**2  # d n / d mu = g d / (6 pi^2 (hbar c)^3)
        return cls(mu=mu, n=pair_net_density(mu, T, g), mu_n=6.0 * _PI2 * _HC3 / (g * d),
                   mu_T=-2.0 * _PI2 * T * mu / d, s=pair_entropy_density(mu, T, g),
                   s_mu=g * T * mu / (3.0 * _HC3), s_T=g * (mu**2 + 7.0 * _PI2 * T**2 / 5.0) / (6.0 * _HC3))


# --- the model -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrappedCore:
    """The surrogate model (module docstring); every parameter is a keyword with its source.

    Attributes
    ----------
    M_g : core mass [g]; the paper's M = 2.53e33 g (Arnett's zone 27 enclosed mass, Sec. II B).
    R_g : core radius of the snapshot [cm]; the paper's R_min = 41.58 km, where Eq. 9 gives its
        near-bounce central density 2.1e13 g/cm^3.
    n_shells : number of equal-mass shells (Arnett's zone 27 is the core surface, Sec. II B).
    Y_L : trapped lepton fraction Y_e + Y_nu (~0.35 at trapping: Bethe 1990; Burrows & Lattimer 1986).
    entropy_per_baryon : entropy per baryon [k_B] of the isentrope (~1 in the collapsing core: Bethe
        1990; Bethe, Brown, Applegate & Lattimer 1979).
    mass_number : A of the representative heavy nucleus (~100 at 1e12 g/cm^3, Bethe et al. 1979).
    a_asym_MeV : SEMF asymmetry coefficient a_A [MeV] (Rohlf 1994: 23.7).
    a_coul_MeV : SEMF Coulomb coefficient a_C [MeV] (Rohlf 1994: 0.711).
    level_density_MeV : eps_a in the nuclear level-density parameter a = A / eps_a [MeV] (empirical
        ~8 MeV; the Fermi-gas estimate pi^2 A / (4 e_F) gives ~15 MeV).
    rho_saturation_g_cm3 : nuclear saturation density [g cm^-3] (n_0 = 0.16 fm^-3 times m_u).
    sin2_theta_W : weak mixing angle in the proton's neutral-current vector coupling (default: MS-bar
        at the Z pole, PDG 2024, ``constants.SIN2_THETA_W['msbar-mz']``).
    g_A : nucleon axial coupling (PDG 2024: 1.2754).
    quad_nodes : Gauss-Legendre nodes per energy bin for the bin integrals.
    """

    M_g: float = 2.53e33
    R_g: float = 41.58e5
    n_shells: int = 27
    Y_L: float = 0.35
    entropy_per_baryon: float = 1.0
    mass_number: float = 100.0
    a_asym_MeV: float = 23.7
    a_coul_MeV: float = 0.711
    level_density_MeV: float = 8.0
    rho_saturation_g_cm3: float = 0.16e39 * C.m_u
    sin2_theta_W: float = C.SIN2_THETA_W["msbar-mz"]
    g_A: float = C.g_A
    quad_nodes: int = 8

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("n_shells", "quad_nodes"):
                if not (isinstance(value, (int, np.integer)) and value >= 1):
                    raise ValueError(f"{f.name} must be an integer >= 1, got {value!r}")
            else:
                validation.positive_scalar(f.name, value)
        if not self.Y_L < 1:
            raise ValueError(f"Y_L must lie in (0, 1), got {self.Y_L!r}")
        if not self.sin2_theta_W < 1:
            raise ValueError(f"sin2_theta_W must lie in (0, 1), got {self.sin2_theta_W!r}")

    # -- snapshot profile (Eq. 9 at R = R_min) --

    @property
    def central_density(self) -> float:
        """rho_c = 15 M / (8 pi R^3) [g cm^-3] (Eq. 9 at r = 0)."""
        return 15.0 * self.M_g / (8.0 * math.pi * self.R_g**3)

    def radius_fraction(self, rho: np.ndarray) -> np.ndarray:
        """x = r/R where the profile has density rho: x = sqrt(1 - rho/rho_c), 0 for rho >= rho_c."""
        return np.sqrt(np.clip(1.0 - validation.real_array("rho", rho) / self.central_density, 0.0, 1.0))

    def shell_coordinate(self, rho: np.ndarray) -> np.ndarray:
        """Continuous shell index s = n_shells q(x) + 1/2 (s = i at shell i; 1/2 at the centre).

        q(x) = x^3 (5 - 3 x^2)/2 is the enclosed-mass fraction of Eq. 9; densities at or above the
        central density map to the centre.
        """
        x = self.radius_fraction(rho)
        return self.n_shells * 0.5 * x**3 * (5.0 - 3.0 * x**2) + 0.5

    def shell_densities(self) -> np.ndarray:
        """Density of shells 1..n_shells: the profile at each shell's mid-mass fraction (i - 1/2)/n."""
        q = (np.arange(1, self.n_shells + 1) - 0.5) / self.n_shells
        x = np.array([_mass_fraction_radius(qi) for qi in q])
        return self.central_density * (1.0 - x**2)

    # -- matter --

    def state(self, rho: np.ndarray) -> ThermoState:
        """Solve beta equilibrium and the isentrope at each density rho [g cm^-3] (module docstring).

        Iteration on T: beta equilibrium at the current T (:meth:`_beta_equilibrium`), then the
        isentrope's T at the resulting chemical potentials, T -> g(T).  The chemical potentials depend
        on T only through the pi^2 T^2 terms, so g contracts; secant steps on g(T) - T (plain
        fixed-point steps where a secant step is undefined or would make T negative) need far fewer
        iterations than fixed-point steps alone where g contracts slowly (low densities).
        """
        rho = validation.real_array("rho", rho)
        n_B = rho / C.m_u
        w, dw = lattice_coulomb_factor(rho / self.rho_saturation_g_cm3)
        E_C = self.a_coul_MeV * self.mass_number ** (2.0 / 3.0) * w  # Coulomb term of mu_hat [MeV]
        dE_C = self.a_coul_MeV * self.mass_number ** (2.0 / 3.0) * dw  # dE_C / d ln rho
        # nuclei alone would carry all the entropy at T = s eps_a / 2: an upper bound to start from
        T = np.full_like(rho, 0.5 * self.entropy_per_baryon * self.level_density_MeV)
        mu_e = pair_chemical_potential(self.Y_L * n_B, T, 2.0)
        T_prev = phi_prev = None
        done = np.zeros(rho.shape, dtype=bool)  # entries stop moving once converged (no noise-driven steps)
        for _ in range(_T_ITER):
            mu_e = self._beta_equilibrium(n_B, E_C, T, mu_e)
            mu_nu = mu_e - self._mu_hat(pair_net_density(mu_e, T, 2.0) / n_B, E_C)
            phi = self._isentrope_temperature(n_B, mu_e, mu_nu) - T
            done |= np.abs(phi) <= _T_RTOL * T
            if np.all(done):
                break
            step = phi
            if T_prev is not None:
                with np.errstate(divide="ignore", invalid="ignore"):
                    secant = -phi * (T - T_prev) / (phi - phi_prev)
                step = np.where(np.isfinite(secant) & (T + secant > 0), secant, phi)
            T_prev, phi_prev = T, phi
            T = np.where(done, T, T + step)
        else:
            if not np.all(np.abs(phi) <= _T_FLOOR * T):
                raise RuntimeError("the beta-equilibrium/isentrope iteration did not converge")
        mu_e = self._beta_equilibrium(n_B, E_C, T, mu_e)
        e = _Species.at(mu_e, T, 2.0)
        y = e.n / n_B
        mu_hat = self._mu_hat(y, E_C)
        nu = _Species.at(mu_e - mu_hat, T, 1.0)
        dy, dT = self._implicit_derivatives(n_B, y, T, E_C, dE_C, e, nu)
        return ThermoState(
            rho=rho, n_B=n_B, T=T, mu_e=mu_e, mu_nu=nu.mu, mu_hat=mu_hat, Y_e=y, Y_nu=nu.n / n_B,
            dT_dlnrho=dT, dmu_nu_dlnrho=nu.mu_n * (nu.n - n_B * dy) + nu.mu_T * dT)

    def _mu_hat(self, y: np.ndarray, E_C: np.ndarray) -> np.ndarray:
        """mu_n - mu_p [MeV] of the representative nucleus: Q + 4 a_A (1 - 2 Y_e) - 2 E_C Y_e."""
        return C.Q_np_MeV + 4.0 * self.a_asym_MeV * (1.0 - 2.0 * y) - 2.0 * E_C * y

    def _beta_equilibrium(self, n_B: np.ndarray, E_C: np.ndarray, T: np.ndarray,
                          mu_e: np.ndarray) -> np.ndarray:
        """mu_e [MeV] with Y_e + Y_nu = Y_L in beta equilibrium at fixed T: safeguarded Newton.

        Unknown mu_e: then Y_e = n_e(mu_e)/n_B, mu_nu = mu_e - mu_hat(Y_e) and the residual
        Y_e + n_nu(mu_nu)/n_B - Y_L are polynomials in mu_e, strictly increasing; the residual is
        negative at mu_e = 0 (Y_e = 0) and positive where Y_e = 1, which brackets the root.
        (With Y_e as the unknown, mu ~ Y^(1/3) has an unbounded slope at Y_nu = 0 and Newton stalls.)
        """
        slope = 8.0 * self.a_asym_MeV + 2.0 * E_C  # -d mu_hat / d Y_e
        lo, hi = np.zeros_like(mu_e), pair_chemical_potential(n_B, T, 2.0)
        for _ in range(_NEWTON_ITER):
            e = pair_net_density(mu_e, T, 2.0) / n_B
            mu_nu = mu_e - self._mu_hat(e, E_C)
            r = e + pair_net_density(mu_nu, T, 1.0) / n_B - self.Y_L
            lo, hi = np.where(r < 0, mu_e, lo), np.where(r > 0, mu_e, hi)
            de = 2.0 * (3.0 * mu_e * mu_e + _PI2 * T * T) / (6.0 * _PI2 * _HC3 * n_B)  # dY_e/dmu_e
            dr = de + (3.0 * mu_nu * mu_nu + _PI2 * T * T) / (6.0 * _PI2 * _HC3 * n_B) * (1.0 + slope * de)
            new = mu_e - r / dr
            # bisect where Newton leaves the bracket (a converged step may land on its edge: allowed)
            new = np.where((new < lo) | (new > hi), 0.5 * (lo + hi), new)
            if np.all(np.abs(new - mu_e) <= _MU_RTOL * (mu_e + T)):
                return new
            mu_e = new
        raise RuntimeError("the beta-equilibrium solve did not converge")

    def _isentrope_temperature(self, n_B: np.ndarray, mu_e: np.ndarray, mu_nu: np.ndarray) -> np.ndarray:
        """T with s(T) = entropy_per_baryon at fixed chemical potentials: a1 T + a3 T^3 = s n_B."""
        a1 = 2.0 * n_B / self.level_density_MeV + (2.0 * mu_e**2 + mu_nu**2) / (6.0 * _HC3)
        a3 = (3.0 * 7.0 * _PI2 / 90.0 + 4.0 * _PI2 / 45.0) / _HC3  # e (g=2) + nu (g=1) + photons
        return _cubic_root(a1 / a3, self.entropy_per_baryon * n_B / a3)

    def _implicit_derivatives(self, n_B: np.ndarray, y: np.ndarray, T: np.ndarray, E_C: np.ndarray,
                              dE_C: np.ndarray, e: _Species, nu: _Species) -> tuple[np.ndarray, np.ndarray]:
        """(d Y_e / d ln rho, d T / d ln rho) from the two equilibrium conditions (implicit function theorem).

        F1 = mu_e - mu_hat - mu_nu = 0 and F2 = s(T, mu_e, mu_nu)/n_B - entropy_per_baryon = 0 in the
        unknowns (Y_e, T); their partial derivatives (suffix _y, _T, _l for ln rho) follow from the
        pair-gas formulas, with n_e = Y_e n_B and n_nu = (Y_L - Y_e) n_B proportional to rho at fixed Y_e.
        """
        n_e, n_nu = y * n_B, (self.Y_L - y) * n_B
        s_light = e.s + nu.s + photon_entropy_density(T)  # entropy density of leptons and photons
        F1_y = n_B * (e.mu_n + nu.mu_n) + 8.0 * self.a_asym_MeV + 2.0 * E_C
        F1_T = e.mu_T - nu.mu_T
        F1_l = n_e * e.mu_n - n_nu * nu.mu_n + 2.0 * y * dE_C
        F2_y = e.s_mu * e.mu_n - nu.s_mu * nu.mu_n
        F2_T = 2.0 / self.level_density_MeV + (
            e.s_T + e.s_mu * e.mu_T + nu.s_T + nu.s_mu * nu.mu_T + 4.0 * _PI2 * T**2 / (15.0 * _HC3)) / n_B
        F2_l = (e.s_mu * e.mu_n * n_e + nu.s_mu * nu.mu_n * n_nu - s_light) / n_B
        det = F1_y * F2_T - F1_T * F2_y
        return (F1_T * F2_l - F2_T * F1_l) / det, (F2_y * F1_l - F1_y * F2_l) / det

    # -- neutrinos --

    def _spectral_kernel(self, st: ThermoState, xi: np.ndarray, weights: np.ndarray):
        """sum over nodes of weights x (g, l) at node energies xi, for flat state arrays (module docstring).

        g = E_xi / rho [erg g^-1 MeV^-1] and l = 4 pi r^2 (c lambda/3)(-dE_xi/dr) [erg s^-1 MeV^-1];
        ``weights`` has shape (k, nodes) and xi the same; returns arrays of shape (n_rho, k).
        """
        x = (xi - st.mu_nu[:, None, None]) / st.T[:, None, None]
        # with e = exp(-|x|): f = e/(1+e) for x > 0, 1/(1+e) for x < 0, and f (1 - f) = e/(1+e)^2, exact
        # in both tails and faster than scipy's expit
        e = np.exp(-np.abs(x))
        d = 1.0 / (1.0 + e)
        spectral = C.MeV / (2.0 * _PI2 * _HC3)  # MeV cm^-3 -> erg cm^-3, with the 1/(2 pi^2 (hbar c)^3)
        energy = np.where(x > 0, e * d, d) * (xi**3 * spectral)  # E_xi at the nodes [erg cm^-3 MeV^-1]
        e *= d * d  # f (1 - f) = T df/dmu
        x *= st.dT_dlnrho[:, None, None]
        x += st.dmu_nu_dlnrho[:, None, None]
        e *= x  # T d f / d ln rho
        # lambda ~ 1/xi^2: xi^3 / xi^2 = xi
        diffusive = e * (xi * spectral) * (self._luminosity_prefactor(st) / st.T)[:, None, None]
        # Flux limiter: Fick's law knows no speed limit, and near the snapshot's edge (steep density
        # gradient, long mean free path) it would carry more than free streaming can, |F| <= c E.
        # L / (1 + |L| / L_free) with L_free = 4 pi r^2 c E is the simplest limiter that keeps the
        # diffusive value deep inside (|L| << L_free) and tends to free streaming outside
        # (Levermore & Pomraning 1981 give the smooth family this belongs to).
        r = self.R_g * self.radius_fraction(st.rho)
        free = 4.0 * math.pi * (r**2 * C.c)[:, None, None] * energy
        limited = diffusive / (1.0 + np.abs(diffusive) / np.maximum(free, np.finfo(float).tiny))
        g = np.einsum("nkq,kq->nk", energy, weights) / st.rho[:, None]
        lum = np.einsum("nkq,kq->nk", limited, weights)
        return g, lum

    def _luminosity_prefactor(self, st: ThermoState) -> np.ndarray:
        """4 pi r^2 (c/3) (-d ln rho/dr) / (n_N sigma(xi) / xi^2): everything in L but the spectrum [cm^3 s^-1 MeV^2].

        -d ln rho/dr = 2 r rho_c / (R^2 rho) on the Eq. 9 profile.
        """
        r = self.R_g * self.radius_fraction(st.rho)
        sigma_n, sigma_p = nucleon_cross_sections(1.0, self.sin2_theta_W, self.g_A)  # per MeV^2
        opacity = st.n_B * ((1.0 - st.Y_e) * sigma_n + st.Y_e * sigma_p)  # [cm^-1 MeV^-2]
        minus_dlnrho_dr = 2.0 * r * self.central_density / (self.R_g**2 * st.rho)
        return 4.0 * math.pi * r**2 * (C.c / 3.0) * minus_dlnrho_dr / opacity

    def spectral_density(self, rho: np.ndarray, xi_MeV: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Spectral densities at point energies: (g [erg g^-1 MeV^-1], l [erg s^-1 MeV^-1]).

        g is the nu_e energy per unit mass per MeV, l the diffusive luminosity per MeV through the
        sphere of density rho (module docstring); shapes rho.shape + xi.shape.
        """
        rho = validation.real_array("rho", rho)
        xi = validation.real_array("xi_MeV", xi_MeV)
        st = _flat_state(self.state(rho))
        g, lum = self._spectral_kernel(st, xi.reshape(-1, 1), np.ones((xi.size, 1)))
        return g.reshape(rho.shape + xi.shape), lum.reshape(rho.shape + xi.shape)

    def bin_spectra(self, rho: np.ndarray, edges_MeV: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Integrals of (g, l) over the bins with the given edges: G [erg g^-1], L [erg s^-1] per bin.

        Gauss-Legendre with ``quad_nodes`` nodes per bin; shapes rho.shape + (len(edges) - 1,).
        """
        rho = validation.real_array("rho", rho)
        edges = validation.real_array("edges_MeV", edges_MeV)
        t, w = roots_legendre(self.quad_nodes)
        half = 0.5 * np.diff(edges)[:, None]
        xi = 0.5 * (edges[:-1] + edges[1:])[:, None] + half * t
        weights = half * w
        st = _flat_state(self.state(rho))
        n = st.rho.size
        G = np.empty((n, edges.size - 1))
        L = np.empty_like(G)
        # chunks keep the (density, bin, node) temporaries near 4 MB each
        chunk = max(1, 500_000 // xi.size)
        for start in range(0, n, chunk):
            part = _slice_state(st, slice(start, start + chunk))
            G[start:start + chunk], L[start:start + chunk] = self._spectral_kernel(part, xi, weights)
        return G.reshape(rho.shape + (-1,)), L.reshape(rho.shape + (-1,))


def _mass_fraction_radius(q: float) -> float:
    """x in [0, 1] with x^3 (5 - 3 x^2)/2 = q (enclosed-mass fraction of Eq. 9), by bisection."""
    lo, hi = 0.0, 1.0
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if 0.5 * mid**3 * (5.0 - 3.0 * mid**2) < q else (lo, mid)
    return 0.5 * (lo + hi)


def _flat_state(st: ThermoState) -> ThermoState:
    return ThermoState(**{f.name: np.ravel(getattr(st, f.name)) for f in fields(st)})


def _slice_state(st: ThermoState, index: slice) -> ThermoState:
    return ThermoState(**{f.name: getattr(st, f.name)[index] for f in fields(st)})
