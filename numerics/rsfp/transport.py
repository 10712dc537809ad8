"""The rsfp Monte Carlo problem (Secs. 4-5): settings, their checks, and one batch as a runner task.

``KickProblem`` holds one Table 1 row and every choice the paper leaves open, each a documented
field with the default natal uses:

``delta_unit``        "R_c" (Table 1's delta = R_B/R_c) or "R_res" (the text's delta-hat).
``tau_esc``           an active neutrino escapes once it moves outward, outside the resonance shell,
                      where the radial optical depth to infinity at its energy is below tau_esc; 2/3
                      (its transport sphere, Sec. 4 item 4: "the layer with optical depth ~ 1").
``resonance``         "fixed": the shell at R_res for every energy (as Table 1 is labelled);
                      "energy-dependent": Eq. 4 at fixed m_s puts it where rho_res = rho(R_res)
                      E_ref/E, with E_ref the mean thermal energy at T0 (3.1514 T0).
``x_min``             energies below x_min T are redrawn (a low-energy cut-off; 0: none).
``redraw_radius_rc``  energies are redrawn only inside this radius (inf: everywhere, as Sec. 4 says;
                      3.75, the energy sphere where T = 8 MeV, is the variant).
``gamma_coefficient`` Eq. 6's coefficient: 1.04 as printed (numerics.rsfp.coefficients.gamma_coefficient
                      gives natal's Landau-Zener value).
``scheme``            "analog" or "accelerated" (numerics.rsfp.kernels).
``redraw_spectrum``   the spectrum each energy is redrawn from, x^n/(e^x + 1) with x = E/T(r): "number"
                      (n = 2, the Fermi-Dirac number spectrum of Sec. 5), "flux" (n = 3, the energy
                      flux) or "collision" (n = 4, number x sigma ~ E^2: the energies at which the
                      neutrinos scatter).  The energy-dependent shell's E_ref stays the number
                      spectrum's mean, so that R_res labels the same shell whatever the redraw.
``max_crossings``     the row converts only at a neutrino's first max_crossings crossings of its shell
                      (0: every crossing, Sec. 5); later crossings leave it active.  Like the field, a
                      row-only choice: rows differing in it share one walk.

Gravitational redshift is not a setting: every batch tallies momenta with and without it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import zeta

from natal.derivations.printed.rsfp_data import TRANSPORT
from natal.numerics import constants, validation
from natal.numerics.montecarlo.diffusion import tables
from natal.numerics.rsfp import kernels
from natal.numerics.rsfp.opacity import kernel_coefficients, mean_cosine, sigma_per_MeV2_cm2
from natal.numerics.rsfp.pns import GAMMA_COEFFICIENT_PRINTED, DecentredDipole, PNSModel, adiabaticity

__all__ = ["KickProblem", "KickRows", "ROW_FIELDS", "ACCELERATION_CONTROLS", "CODE", "code_hash", "row_arrays",
           "SCHEMES", "RESONANCES", "SPECTRA", "transport_task", "kernel_parameters", "acceleration_levels",
           "epoch_variance", "MEAN_THERMAL_X", "R_ENERGY_SPHERE_RC"]

SCHEMES = ("analog", "accelerated")
RESONANCES = ("fixed", "energy-dependent")
#: the redraw spectra x^n/(e^x + 1): name -> n
SPECTRA = {"number": 2, "flux": 3, "collision": 4}
#: <E>/T of x^2/(e^x + 1): 7 pi^4 / (180 zeta(3))
MEAN_THERMAL_X = 7 * math.pi**4 / (180 * 1.2020569031595942)
#: the energy sphere of the paper's model, where T = 8 MeV (Sec. 4): 30/8 R_c
R_ENERGY_SPHERE_RC = 3.75


def _spectrum(x: float, n: int) -> float:
    """x^n / (e^x + 1), overflow-safe."""
    return x**n * math.exp(-x) / (1.0 + math.exp(-x))


def _norm(n: int) -> float:
    """int_0^inf x^n/(e^x + 1) dx = n! eta(n + 1), eta(s) = (1 - 2^(1 - s)) zeta(s)."""
    return math.factorial(n) * (1.0 - 2.0 ** (-n)) * float(zeta(n + 1))


def _cdf(x: float, n: int) -> float:
    return quad(_spectrum, 0.0, x, args=(n,))[0] / _norm(n) if x > 0 else 0.0


@dataclass(frozen=True)
class KickProblem:
    """One Monte Carlo configuration: a Table 1 row (rres_rc, B_G, delta) plus the open choices."""

    rres_rc: float
    B_G: float
    delta: float
    delta_unit: str = "R_c"
    scheme: str = "accelerated"
    redraw_spectrum: str = "number"
    max_crossings: int = 0
    tau_esc: float = 2.0 / 3.0
    resonance: str = "fixed"
    x_min: float = 0.0
    redraw_radius_rc: float = math.inf
    gamma_coefficient: float = GAMMA_COEFFICIENT_PRINTED
    mu_nu_muB: float = float(TRANSPORT["mu_nu_muB"])
    n_draw: int = int(TRANSPORT["scatterings_per_energy_draw"])
    model: PNSModel = field(default_factory=PNSModel.paper)
    # acceleration controls (numerics.rsfp.kernels; docs/rsfp.md, "The accelerated scheme"): the ladder
    # of thresholds x*, the smallest MRW sphere in per-epoch rms displacements, the gap it keeps from
    # the resonance shell in mean free paths at the level's threshold energy x* T (local temperature),
    # the largest sphere as a fraction of the scale length of the diffusion coefficient, the shortest
    # waiting period (in epochs) worth a jump, the radial optical depth at x* T below which no jump is
    # made, and the epochs after which a neutrino counts as lost.  The ladder is fine (steps of
    # ~2^(1/3)) because near a shell the walk falls back to the lowest level whose gap fits.
    levels: tuple[float, ...] = (0.3, 0.38, 0.48, 0.6, 0.77, 1.0, 1.26, 1.6, 2.0, 2.5)
    mrw_min: float = 8.0
    shell_buffer: float = 18.0
    grad_fraction: float = 0.25
    min_waiting: float = 8.0
    tau_acc: float = 30.0
    max_epochs: float = 1e8

    def __post_init__(self) -> None:
        v = validation
        v.finite_scalar("rres_rc", self.rres_rc, low=0, high=R_ENERGY_SPHERE_RC, low_open=True, high_open=True,
                        unit="R_c (the resonance inside the star's nubar_tau energy sphere, T = 8 MeV)")
        v.finite_scalar("B_G", self.B_G, low=0, low_open=True, unit="G")
        v.finite_scalar("delta", self.delta, low=0, high=1, high_open=True)
        v.choice("delta_unit", self.delta_unit, ("R_c", "R_res"))
        self.dipole()  # the dipole must sit inside the resonance shell
        v.choice("scheme", self.scheme, SCHEMES)
        v.choice("redraw_spectrum", self.redraw_spectrum, tuple(SPECTRA))
        v.integer("max_crossings", self.max_crossings, 0)
        v.choice("resonance", self.resonance, RESONANCES)
        v.finite_scalar("tau_esc", self.tau_esc, low=0, low_open=True, unit="(an optical depth)")
        v.finite_scalar("x_min", self.x_min, low=0, high=5, high_open=True,
                        unit="(a cut-off in units of the local temperature)")
        if not v.real_scalar("redraw_radius_rc", self.redraw_radius_rc) > 0:
            raise ValueError(f"redraw_radius_rc must be > 0 R_c (inf: everywhere), got {self.redraw_radius_rc!r}")
        v.finite_scalar("gamma_coefficient", self.gamma_coefficient, low=0, low_open=True)
        v.finite_scalar("mu_nu_muB", self.mu_nu_muB, low=0, low_open=True, unit="Bohr magnetons")
        v.integer("n_draw", self.n_draw, 1)
        if not (isinstance(self.levels, tuple) and self.levels):
            raise ValueError(f"levels must be a non-empty increasing tuple of positive thresholds x*, got {self.levels!r}")
        levels = [v.finite_scalar("levels", x, low=0, low_open=True) for x in self.levels]
        if not all(a < b for a, b in zip(levels, levels[1:])):
            raise ValueError(f"levels must be a non-empty increasing tuple of positive thresholds x*, got {self.levels!r}")
        v.finite_scalar("mrw_min", self.mrw_min, low=3)
        v.finite_scalar("shell_buffer", self.shell_buffer, low=0)
        v.finite_scalar("grad_fraction", self.grad_fraction, low=0, high=0.5, low_open=True)
        v.finite_scalar("min_waiting", self.min_waiting, low=1)
        v.finite_scalar("tau_acc", self.tau_acc, low=10 * self.tau_esc, unit="(10 tau_esc)")
        v.finite_scalar("max_epochs", self.max_epochs, low=1)

    # ------------------------------------------------------------------------------------------
    def dipole(self) -> DecentredDipole:
        m = self.model
        return DecentredDipole.for_model(m, self.rres_rc * m.R_c_cm, self.B_G, self.delta, self.delta_unit)

    def fingerprint(self) -> str:
        """A hash of every field the run depends on and of the code that runs it (code_hash), so that a
        checkpoint made by other code is refused rather than reused; an analog walk's leaves out the
        acceleration's controls, which it never reads, so that its checkpoints outlive a change of them."""
        fields = asdict(self)
        if self.scheme == "analog":
            for name in ACCELERATION_CONTROLS:
                del fields[name]
        fields["code"] = code_hash()
        text = json.dumps(fields, sort_keys=True, default=repr)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


#: the fields of KickProblem that only the conversions read; every other one shapes the walk
ROW_FIELDS = ("rres_rc", "B_G", "delta", "delta_unit", "gamma_coefficient", "mu_nu_muB", "max_crossings")
#: the fields that steer only the accelerated scheme (the analog walk never reads them)
ACCELERATION_CONTROLS = ("levels", "mrw_min", "shell_buffer", "grad_fraction", "min_waiting", "tau_acc")
#: the modules a transport batch runs, relative to natal.numerics (code_hash)
CODE = ("rsfp/kernels.py", "rsfp/transport.py", "rsfp/pns.py", "rsfp/opacity.py", "montecarlo/diffusion.py",
        "montecarlo/sampling.py")


@functools.lru_cache(maxsize=1)
def code_hash() -> str:
    """SHA-256 (16 hex digits) of the modules in CODE: part of every KickProblem's fingerprint."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in CODE:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class KickRows:
    """Several rows carried by the same neutrinos (one walk per neutrino, every row's conversions on it).

    The walk does not depend on the field: B, delta and the Landau-Zener factor enter only the
    conversion at a crossing, after which a sterile neutrino leaves.  So one walk, followed until the
    neutrino has converted or escaped in every row, gives each row exactly the history it would have
    alone; the rows' estimates are correlated with one another (common random numbers), each is
    unbiased with its own batch-means error.  Rows at several resonance radii share a walk too: each
    row's active neutrino escapes at its own shell's transport sphere.  ``problems`` must agree on every
    field outside ROW_FIELDS."""

    problems: tuple[KickProblem, ...]

    def __post_init__(self) -> None:
        if not (isinstance(self.problems, tuple) and self.problems
                and all(isinstance(q, KickProblem) for q in self.problems)):
            raise ValueError("problems must be a non-empty tuple of KickProblem")
        first = _walk_settings(self.problems[0])
        for i, q in enumerate(self.problems[1:], 1):
            other = _walk_settings(q)
            differ = sorted(k for k in first if repr(first[k]) != repr(other[k]))
            if differ:
                raise ValueError(f"problems[{i}] differs from problems[0] in {differ}: rows carried by the same "
                                 f"neutrinos may differ only in {ROW_FIELDS}")

    def fingerprint(self) -> str:
        text = json.dumps([q.fingerprint() for q in self.problems])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _walk_settings(problem: KickProblem) -> dict:
    return {k: v for k, v in asdict(problem).items() if k not in ROW_FIELDS}


def kernel_parameters(problem: KickProblem) -> np.void:
    """The transport's parameters as the kernel reads them: one kernels.PARAMETERS record (lengths in R_c;
    fields by name, e.g. ``p["K0"]``)."""
    m = problem.model
    c1, c2 = kernel_coefficients()
    if not m.n_a > 1:
        raise ValueError(f"n_a must exceed 1 for a finite optical depth to infinity, got {m.n_a}")
    p = np.zeros(1, dtype=kernels.PARAMETERS)[0]
    p["K0"] = m.rho_c_g_cm3 / constants.m_u * sigma_per_MeV2_cm2(c1) * m.R_c_cm
    p["rho0_ratio"] = m.rho0_g_cm3 / m.rho_c_g_cm3
    p["n_c"], p["n_a"], p["T0"], p["n_T"] = m.n_c, m.n_a, m.T0_MeV, m.n_T
    p["kernel_a"] = c2 / c1
    p["E_ref"] = MEAN_THERMAL_X * m.T0_MeV if problem.resonance == "energy-dependent" else 0.0
    p["tau_esc"] = problem.tau_esc
    p["n_draw"] = problem.n_draw
    p["x_min"] = problem.x_min
    p["r_redraw"] = problem.redraw_radius_rc
    p["compactness"] = 8 * math.pi * constants.G_newton * m.rho_c_g_cm3 * m.R_c_cm**2 / constants.c**2
    p["mrw_min"] = problem.mrw_min
    p["shell_buffer"] = problem.shell_buffer
    p["grad_fraction"] = problem.grad_fraction
    p["grad_ratio"] = math.exp(0.5 * problem.grad_fraction)
    p["min_waiting"] = problem.min_waiting
    p["max_epochs"] = problem.max_epochs
    p["accelerated"] = 1.0 if problem.scheme == "accelerated" else 0.0
    p["spectrum_power"] = SPECTRA[problem.redraw_spectrum]
    return p


def acceleration_levels(problem: KickProblem, p: np.void, shells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ladder of thresholds x*: one kernels.LEVEL record per level: p* = P(x_min < x < x* |
    x > x_min) under the redraw spectrum, the per-epoch variance of the walk at x > x* in units of Lambda^2 (and its square root), and the radius R_acc
    beyond which x* T could escape (radial optical depth below tau_acc); and, for an energy-dependent
    resonance, the innermost radius that each shell (labelled by ``shells``) has for any x > x* inside
    R_acc (levels x shells; unused for fixed shells)."""
    c1, c2 = kernel_coefficients()
    g = mean_cosine(c1, c2)
    n = SPECTRA[problem.redraw_spectrum]  # the moments are the redraw spectrum's (the kernel draws from it)
    f_min = _cdf(problem.x_min, n)
    rows, inner = [], []
    # With a low-energy cut-off the whole spectrum diffuses (<x^-4> is finite above x_min): a level
    # whose "high" epochs are all epochs (p* = 0, an endless waiting period) is the plain MRW.
    thresholds = ([problem.x_min] if problem.x_min > 0 else []) + [x for x in problem.levels if x > problem.x_min]
    for xs in thresholds:
        f_star = _cdf(xs, n)
        high = _norm(n) * (1 - f_star)
        m2 = quad(lambda x: _spectrum(x, n) / x**2, xs, np.inf, limit=200)[0] / high
        m4 = quad(lambda x: _spectrum(x, n) / x**4, xs, np.inf, limit=200)[0] / high

        def excess(r: float, xs=xs) -> float:
            return kernels.optical_depth(r, xs * kernels.temperature(r, p), p) - problem.tau_acc

        r_acc = 0.0 if excess(0.0) <= 0 else brentq(excess, 0.0, 1e3)
        E_low = xs * kernels.temperature(r_acc, p)
        inner.append([max(kernels.shell_radius(E_low, R, p), 0.0) if p["E_ref"] > 0 else 0.0 for R in shells])
        variance = epoch_variance(problem.n_draw, g, m2, m4)
        rows.append((xs, (f_star - f_min) / (1 - f_min), variance, r_acc, math.sqrt(variance)))
    if not rows:
        rows.append((problem.x_min + 1.0, 0.0, 0.0, 0.0, 0.0))  # never usable: R_acc = 0
        inner.append([0.0] * len(shells))
    return np.array(rows, dtype=kernels.LEVEL), np.array(inner, dtype=float).reshape(len(rows), len(shells))


def epoch_variance(n_draw: int, g: float, m2: float, m4: float) -> float:
    """Long-run <|dx|^2> per epoch in units of Lambda^2 (lambda = Lambda / x^2).

    Flights l_i ~ Exp(lambda_e) (all n_draw of an epoch share lambda_e), directions with
    <n_i . n_j> = g^|i-j| (g the kernel's mean cosine), energies independent between epochs:
    2 n <lambda^2> + 2 sum_d g^d [(n - d)^+ <lambda^2> + min(d, n) <lambda>^2].
    """
    total = 2.0 * n_draw * m4
    for d in range(1, 400):
        total += 2.0 * g**d * (max(n_draw - d, 0) * m4 + min(d, n_draw) * m2 * m2)
    return total


def row_arrays(problems: tuple[KickProblem, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The kernel's shells (the distinct R_res / R_c, in order of first appearance) and its rows, one
    kernels.ROW record per problem: shell index, dipole offset z0 / R_c, moment / (G R_c^3), Eq. 6's
    gamma at B_perp = 1 G, rho = rho_c, l_rho = R_c (pns.adiabaticity, the one form of Eq. 6), the
    crossings at which it may convert, and the first row whose conversion probability it shares (the
    same four numbers before max_crossings)."""
    m = problems[0].model
    shells: list[float] = []
    rows = []
    for q in problems:
        if q.rres_rc not in shells:
            shells.append(q.rres_rc)
        dip = q.dipole()
        gamma_factor = float(adiabaticity(1.0, m.rho_c_g_cm3, m.R_c_cm, m.Y_e, mu_nu_muB=q.mu_nu_muB,
                                          coefficient=q.gamma_coefficient))
        conversion = (shells.index(q.rres_rc), dip.z0_cm / m.R_c_cm, dip.moment_G_cm3 / m.R_c_cm**3, gamma_factor)
        same = next((j for j, row in enumerate(rows) if row[:4] == conversion), len(rows))
        rows.append((*conversion, q.max_crossings, same))
    return np.array(shells, dtype=float), np.array(rows, dtype=kernels.ROW)


def transport_task(problem: KickProblem | KickRows, seed: int, n: int) -> dict[str, float | np.ndarray]:
    """One batch: transport ``n`` neutrinos seeded by ``seed``; returns the tallies (sums).

    For a ``KickProblem`` every tally is a float; for ``KickRows`` each row tally
    (kernels.ROW_TALLIES) is an array with one entry per row, in the order of ``problems``, and the walk's
    (kernels.WALK_TALLIES) are floats."""
    single = isinstance(problem, KickProblem)
    if not (single or isinstance(problem, KickRows)):
        raise TypeError(f"problem must be a KickProblem or KickRows, got {type(problem).__name__}")
    problems = (problem,) if single else problem.problems
    t = tables()
    p = kernel_parameters(problems[0])
    shells, rows = row_arrays(problems)
    levels, level_shells = acceleration_levels(problems[0], p, shells)
    tal = np.zeros(len(problems), dtype=kernels.ROW_TALLIES)
    walk = np.zeros(1, dtype=kernels.WALK_TALLIES)
    kernels.transport_batch(int(n), int(seed) % (2**32), p, shells, rows, levels, level_shells, t.exit_tau,
                            t.exit_cdf, t.row_log_tau, t.row_quantiles, t.row_tilt, tal, walk)
    out: dict[str, float | np.ndarray] = {
        name: float(tal[name][0]) if single else tal[name].copy() for name in kernels.ROW_TALLIES.names}
    out.update((name, float(walk[name][0])) for name in kernels.WALK_TALLIES.names)
    for suffix in ("", "_redshifted"):  # the total (nu_s + nubar_tau) momentum, for its batch-means error
        out[f"E_total{suffix}"] = out[f"E_sterile{suffix}"] + out[f"E_active{suffix}"]
        out[f"Ez_total{suffix}"] = out[f"Ez_sterile{suffix}"] + out[f"Ez_active{suffix}"]
    return out
