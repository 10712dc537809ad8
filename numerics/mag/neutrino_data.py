"""Neutrino spectra for the `mag` paper (Sec. II C): a labelled surrogate (default) or Arnett-format tables.

The paper fills its (psi, r) trapping grid with nu_e data read from Arnett (1977, ApJ 218, 815): his
Table 1 density per mass shell near bounce, Fig. 9 luminosity L_xi per energy group and shell, and
Fig. 11 energy per nucleon G_xi per energy group and shell.  No digitised copy of those is public, so
natal offers two sources with one interface (:class:`NeutrinoSource`):

``Surrogate`` (label ``"surrogate"``, the default)
    A physical model of the trapped core (``natal.numerics.mag.trapped_core``): equilibrium Fermi-Dirac
    nu_e at the temperature and chemical potential of beta-equilibrated matter on the paper's Eq. 9
    profile at R = R_min, with a diffusive luminosity.  It is not Arnett's simulation.

``Tables`` (label ``"tables"``)
    The paper's own procedure (Sec. II C, Figs. 2-5) run on tables in Arnett's layout, read from CSV
    (format below).  natal ships synthetic tables made from the surrogate (:data:`SYNTHETIC_TABLES`,
    written by :func:`write_synthetic_tables`), clearly marked as such in their headers.

Both give, for densities rho and sampling energy bins (:func:`energy_bins`; the paper uses 100 bins
from 3 to 300 MeV):

* ``G[..., i]``: nu_e energy per unit mass carried by bin i [erg/g], so rho G is Eq. 13's zeta^t;
* ``L[..., i]``: luminosity carried by bin i through the sphere of that shell [erg/s], so
  L / (4 pi r^2) is Eq. 13's zeta^r; positive outward.

Bin-width convention (paper footnote 5).  Arnett's G_xi and L_xi are per energy group, and the paper
does not know the groups' widths; it assumes they equal its own sampling bin width, i.e. it uses the
tabulated (fitted) value at a sampling bin's centre as that bin's content.  ``Tables`` does the same
by default (``table_bin_width_MeV=None``); given a width, it rescales each value by
(sampling bin width / table width) instead.  ``Surrogate`` integrates its spectrum over each bin.
The synthetic tables are written in the paper's convention: value per group = spectral density x
the width of the default sampling bins (297/100 = 2.97 MeV), so that ``Tables`` with the paper's
assumption can recover the surrogate on the default bins.

CSV format (``Tables.from_directory``)
--------------------------------------
Three files in one directory, comma-separated, one header line (exactly as below, required), lines
starting with ``#`` are comments (anywhere), blank lines are skipped:

``shells.csv``: ``shell,rho_g_cm3``
    Arnett's Table 1: the density of each mass shell at the near-bounce snapshot.  Shells are the
    integers 1..N in order (1 = centre, outward); densities finite and > 0.
``energy_per_nucleon.csv``: ``shell,xi_MeV,G_erg_per_g``
    Arnett's Fig. 11 in long format: for each shell, neutrino energy xi [MeV] of each group and the
    energy per unit mass in that group [erg/g].
``luminosity.csv``: ``shell,xi_MeV,L_erg_s``
    Arnett's Fig. 9 in long format: for each shell, group energy [MeV] and luminosity [erg/s].
In both spectrum files, rows are sorted by shell (non-decreasing), and within a shell by strictly
increasing xi; every shell must be listed in shells.csv; all values finite and > 0.  Any violation
raises :class:`TableError` (a ``ValueError``) naming the file, the 1-based line and the column.

The table procedure (paper Sec. II C; every choice the paper leaves open is a keyword of ``Tables``)
------------------------------------------------------------------------------------------------------
1. G: per shell, a weighted least-squares quadratic in log10 G vs log10 xi, the squared residual of
   each point weighted by |log10 xi|^g_weight_power (paper: (log10 xi)^4; NumPy's ``polyfit`` weights
   multiply the residual, so it gets w = |log10 xi|^(g_weight_power/2)); evaluated at the sampling
   bin centres, extrapolating beyond the tabulated energies as the paper does.  Shells without G data
   take coefficients interpolated linearly in shell index (natal's choice; the paper does not say).
2. L: per energy group, a cubic in log10 L vs shell index over the trapped shells 1..k, k the last
   shell of shells.csv with rho > trapping_density (Arnett: 14).  A sampling energy up to the highest
   group takes the curve of the group nearest in energy ("data is taken from the one that's closest").
   Above it, the top ``n_peak_groups`` curves' peaks (maximum on shells [1, k]: location and height
   log10 L) are fitted linearly in xi and extrapolated, and the top group's curve is shifted in shell
   and scaled in L accordingly (paper Figs. 4-5).  "Accordingly" is read two ways (``peak_anchor``):
   ``"top"`` (default) moves the top group's curve by the change of the fitted lines from the top
   group's energy to xi, so the curves join continuously at the top group; ``"line"`` puts the peak
   on the fitted lines themselves, which jumps at the top group by the lines' residual there.
3. A density is assigned the shell of nearest density (nearest in log10 rho) in shells.csv.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from natal.numerics import validation
from natal.numerics.mag.trapped_core import TrappedCore

__all__ = [
    "ARNETT_GROUPS_MEV",
    "EnergyBins",
    "LuminosityPeaks",
    "NeutrinoSource",
    "SYNTHETIC_TABLES",
    "ShellTable",
    "SpectrumTable",
    "Surrogate",
    "TABLE_FILES",
    "TRAPPING_DENSITY",
    "TableError",
    "Tables",
    "energy_bins",
    "read_shells",
    "read_spectrum",
    "write_synthetic_tables",
]

#: The density above which the paper counts neutrinos as trapped [g cm^-3] (Sec. II B).
TRAPPING_DENSITY: float = 1e11
#: Directory of the synthetic (surrogate-made, not Arnett's) tables shipped with natal.
SYNTHETIC_TABLES: Path = Path(__file__).resolve().parent / "data" / "synthetic_tables"
#: Arnett's energy groups as natal assumes them: xi = 2^(j/2) MeV, j = 2..11 (2, 2.83, ..., 32, 45.3 MeV;
#: factor sqrt(2) apart; the paper names 16, 22.6, 32 and 45.3 MeV as the top four).
ARNETT_GROUPS_MEV: np.ndarray = 2.0 ** (np.arange(2, 12) / 2.0)

_SHELLS, _G, _L = "shells.csv", "energy_per_nucleon.csv", "luminosity.csv"
#: the files of a table folder (``Tables.from_directory``)
TABLE_FILES = (_SHELLS, _G, _L)
_HEADERS = {_SHELLS: ("shell", "rho_g_cm3"), _G: ("shell", "xi_MeV", "G_erg_per_g"),
            _L: ("shell", "xi_MeV", "L_erg_s")}


# --- energy bins ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class EnergyBins:
    """``n`` sampling bins of neutrino energy between ``lo_MeV`` and ``hi_MeV`` (paper: 100, 3-300 MeV).

    ``spacing`` is ``"linear"`` (equal widths, arithmetic centres) or ``"log"`` (equal ratios,
    geometric centres); the paper does not say which it uses.  Arrays are recomputed on access, so
    the object stays hashable and comparable by its parameters.
    """

    n: int
    lo_MeV: float
    hi_MeV: float
    spacing: str

    def __post_init__(self) -> None:
        if not (isinstance(self.n, (int, np.integer)) and self.n >= 1):
            raise ValueError(f"n must be an integer >= 1, got {self.n!r}")
        if self.spacing not in ("linear", "log"):
            raise ValueError(f"spacing must be 'linear' or 'log', got {self.spacing!r}")
        lo_ok = self.lo_MeV >= 0 if self.spacing == "linear" else self.lo_MeV > 0  # log bins need lo > 0
        if not (math.isfinite(self.lo_MeV) and math.isfinite(self.hi_MeV) and lo_ok and self.lo_MeV < self.hi_MeV):
            bound = ">= 0" if self.spacing == "linear" else "> 0"
            raise ValueError(f"need finite lo_MeV {bound} and hi_MeV > lo_MeV for {self.spacing} bins, "
                             f"got lo_MeV = {self.lo_MeV!r}, hi_MeV = {self.hi_MeV!r}")

    @property
    def edges_MeV(self) -> np.ndarray:
        """Bin edges [MeV], shape (n + 1,)."""
        if self.spacing == "linear":
            return np.linspace(self.lo_MeV, self.hi_MeV, self.n + 1)
        return np.geomspace(self.lo_MeV, self.hi_MeV, self.n + 1)

    @property
    def centers_MeV(self) -> np.ndarray:
        """Bin centres [MeV], shape (n,): arithmetic (linear) or geometric (log) means of the edges."""
        e = self.edges_MeV
        return 0.5 * (e[:-1] + e[1:]) if self.spacing == "linear" else np.sqrt(e[:-1] * e[1:])

    @property
    def widths_MeV(self) -> np.ndarray:
        """Bin widths [MeV], shape (n,)."""
        return np.diff(self.edges_MeV)


def energy_bins(n: int = 100, lo_MeV: float = 3.0, hi_MeV: float = 300.0, spacing: str = "linear") -> EnergyBins:
    """The paper's sampling bins by default: 100 intervals from 3 to 300 MeV (Sec. II C), linear."""
    return EnergyBins(n=n, lo_MeV=float(lo_MeV), hi_MeV=float(hi_MeV), spacing=spacing)


# --- the common interface ------------------------------------------------------------------------

@runtime_checkable
class NeutrinoSource(Protocol):
    """What the trapping grid needs from a neutrino data source (``Surrogate`` or ``Tables``)."""

    label: str

    def describe(self) -> str:
        """One paragraph of plain text: the model or procedure and its parameters."""

    def spectra(self, rho_g_cm3: np.ndarray, bins: EnergyBins) -> tuple[np.ndarray, np.ndarray]:
        """(G [erg/g], L [erg/s]) per bin, shape rho.shape + (bins.n,) (module docstring)."""

    def shell_of_density(self, rho_g_cm3: np.ndarray) -> np.ndarray:
        """The shell index assigned to each density."""


def _densities(rho: np.ndarray) -> np.ndarray:
    """rho as a float array, or ValueError naming rho and its allowed range (finite, > 0)."""
    return validation.finite_array("rho", rho, low=0, low_open=True, unit="g/cm^3")


# --- surrogate mode ------------------------------------------------------------------------------

class Surrogate:
    """The default source: natal's physical model of the trapped core, labelled ``"surrogate"``.

    Keyword parameters are those of :class:`natal.numerics.mag.trapped_core.TrappedCore` (each documented
    there with its source): M_g, R_g, n_shells, Y_L, entropy_per_baryon, mass_number, a_asym_MeV,
    a_coul_MeV, level_density_MeV, rho_saturation_g_cm3, sin2_theta_W, g_A, quad_nodes.

    ``spectra`` integrates the model's spectral densities over each sampling bin (so G and L are
    bin contents, whatever the bin width); ``shell_of_density`` is the continuous shell coordinate
    of the Eq. 9 snapshot (1 = centre shell ... n_shells = surface shell; 1/2 at the centre itself).
    Densities below the trapping density are evaluated too (the caller masks them); densities above
    the central density map to the centre, where L = 0.
    """

    label = "surrogate"

    def __init__(self, **params: float | int) -> None:
        self.core = TrappedCore(**params)

    def __repr__(self) -> str:
        return f"Surrogate({self.core!r})"

    def spectra(self, rho_g_cm3: np.ndarray, bins: EnergyBins) -> tuple[np.ndarray, np.ndarray]:
        """(G [erg/g], L [erg/s]) in each bin of ``bins``: the bin integrals of the model spectra."""
        return self.core.bin_spectra(_densities(rho_g_cm3), bins.edges_MeV)

    def spectral_density(self, rho_g_cm3: np.ndarray, xi_MeV: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-MeV spectra at point energies: (dG/dxi [erg/g/MeV], dL/dxi [erg/s/MeV])."""
        return self.core.spectral_density(_densities(rho_g_cm3), xi_MeV)

    def shell_of_density(self, rho_g_cm3: np.ndarray) -> np.ndarray:
        """Continuous shell coordinate of each density on the snapshot profile (smooth, monotonic)."""
        return self.core.shell_coordinate(_densities(rho_g_cm3))

    def describe(self) -> str:
        c = self.core
        st = c.state(np.array([TRAPPING_DENSITY, 1e12, c.central_density]))
        at = "; ".join(f"rho = {r:.2g}: T = {T:.2f} MeV, mu_nu = {mu:.1f} MeV, Y_e = {ye:.3f}, Y_nu = {yn:.4f}"
                       for r, T, mu, ye, yn in zip(st.rho, st.T, st.mu_nu, st.Y_e, st.Y_nu, strict=True))
        return (
            "Surrogate neutrino data (natal's model, not Arnett 1977): the core when the collapse stops, "
            f"with the paper's Eq. 9 profile at R = {c.R_g / 1e5:g} km and M = {c.M_g:.3g} g (central "
            f"density {c.central_density:.3g} g/cm^3), cut into {c.n_shells} equal-mass shells; a density maps "
            "to a continuous shell coordinate through that profile. nu_e in "
            "equilibrium: Fermi-Dirac with one helicity state, T and mu_nu from beta equilibrium "
            f"mu_e = mu_nu + mu_hat at trapped lepton fraction Y_L = {c.Y_L:g}, electrons and nu_e as "
            "massless pair gases, mu_hat = mu_n - mu_p of a representative nucleus (semi-empirical mass "
            f"formula, A = {c.mass_number:g}, a_A = {c.a_asym_MeV:g} MeV, a_C = {c.a_coul_MeV:g} MeV with "
            "the Wigner-Seitz lattice reduction), and T on the isentrope of entropy "
            f"{c.entropy_per_baryon:g} k_B per baryon (nuclear excitation with level density A/"
            f"{c.level_density_MeV:g} MeV, leptons, photons). Luminosity by diffusion, "
            "L = -4 pi r^2 (c lambda/3) dE/dr on the Eq. 9 profile, lambda from neutral-current "
            f"scattering on free nucleons (sin^2 theta_W = {c.sin2_theta_W:g}, g_A = {c.g_A:g}; no "
            f"coherent scattering on nuclei). Bin contents are integrals over each bin ({c.quad_nodes}-"
            f"point Gauss-Legendre). State: {at}."
        )


# --- CSV tables ----------------------------------------------------------------------------------

class TableError(ValueError):
    """A malformed or inconsistent Arnett-format table; the message names file, line and column."""

    def __init__(self, path: Path | str, line: int, column: str | None, problem: str) -> None:
        self.path, self.line, self.column = Path(path), line, column
        where = f"{path}, line {line}" + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, eq=False)
class ShellTable:
    """Arnett's Table 1 as read: ``shell`` (1..N), ``rho_g_cm3``, the source ``path`` and its ``comments``."""

    shell: np.ndarray
    rho_g_cm3: np.ndarray
    path: Path | None = None
    comments: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class SpectrumTable:
    """A long-format spectrum file as read: ``shell``, ``xi_MeV``, ``value`` per row, and the 1-based
    source ``line`` of each row (for error messages)."""

    shell: np.ndarray
    xi_MeV: np.ndarray
    value: np.ndarray
    line: np.ndarray
    path: Path | None = None
    comments: tuple[str, ...] = ()


def _read_rows(path: Path, header: tuple[str, ...]) -> tuple[list[tuple[int, list[str]]], tuple[str, ...]]:
    """Data rows (line number, fields) and comment lines of a CSV file with the given header.

    Plain comma separation (no quoting): the format has only numbers after the header.
    """
    rows: list[tuple[int, list[str]]] = []
    comments: list[str] = []
    seen_header = False
    for lineno, raw in enumerate(Path(path).read_bytes().splitlines(), start=1):
        try:
            text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8").strip()
        except UnicodeDecodeError as error:
            raise TableError(path, lineno, None, f"not UTF-8 text (byte 0x{raw[error.start]:02x} at byte "
                             f"{error.start + 1} of the line): the tables are plain-text CSV") from None
        if "\x00" in text:
            raise TableError(path, lineno, None, "holds a NUL byte: the tables are plain-text CSV")
        if not text:
            continue
        if text.startswith("#"):
            comments.append(text.lstrip("#").strip())
            continue
        fields = [f.strip() for f in text.split(",")]
        if not seen_header:
            if tuple(fields) != header:
                raise TableError(path, lineno, None, f"header must be '{','.join(header)}', got '{_clip(text)}'")
            seen_header = True
            continue
        if len(fields) != len(header):
            raise TableError(path, lineno, None,
                             f"expected {len(header)} columns ({','.join(header)}), got {len(fields)}")
        rows.append((lineno, fields))
    if not seen_header:
        raise TableError(path, 1, None, f"missing header line '{','.join(header)}'")
    if not rows:
        raise TableError(path, 1, None, "no data rows")
    return rows, tuple(comments)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def _parse_shell(path: Path, line: int, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise TableError(path, line, "shell", f"not an integer: {text!r}") from None


def _parse_positive(path: Path, line: int, column: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise TableError(path, line, column, f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise TableError(path, line, column, f"must be finite, got {text!r}")
    if value <= 0:
        raise TableError(path, line, column, f"must be > 0, got {text!r}")
    return value


def read_shells(path: Path | str) -> ShellTable:
    """Read and validate ``shells.csv`` (module docstring)."""
    path = Path(path)
    header = _HEADERS[_SHELLS]
    rows, comments = _read_rows(path, header)
    shells, rhos = [], []
    for lineno, (s_text, rho_text) in rows:
        shell = _parse_shell(path, lineno, s_text)
        expected = len(shells) + 1
        if shell != expected:
            kind = "duplicate" if shell in shells else "out of order"
            raise TableError(path, lineno, "shell",
                             f"shells must be 1, 2, ..., N in order: expected {expected}, got {shell} ({kind})")
        shells.append(shell)
        rhos.append(_parse_positive(path, lineno, header[1], rho_text))
    return ShellTable(np.array(shells), np.array(rhos), path, comments)


def read_spectrum(path: Path | str, shells: ShellTable) -> SpectrumTable:
    """Read and validate ``energy_per_nucleon.csv`` or ``luminosity.csv`` (chosen by file name)."""
    path = Path(path)
    header = _HEADERS.get(path.name)
    if header is None or path.name == _SHELLS:
        raise ValueError(f"path must name {_G!r} or {_L!r}, got {path.name!r}")
    rows, comments = _read_rows(path, header)
    known = set(shells.shell.tolist())
    out: list[tuple[int, float, float, int]] = []
    for lineno, (s_text, xi_text, v_text) in rows:
        shell = _parse_shell(path, lineno, s_text)
        if shell not in known:
            raise TableError(path, lineno, "shell", f"shell {shell} is not in {shells.path or _SHELLS}")
        xi = _parse_positive(path, lineno, "xi_MeV", xi_text)
        value = _parse_positive(path, lineno, header[2], v_text)
        if out:
            prev_shell, prev_xi = out[-1][0], out[-1][1]
            if shell < prev_shell:
                raise TableError(path, lineno, "shell",
                                 f"rows must be sorted by shell: {shell} after {prev_shell}")
            if shell == prev_shell and xi <= prev_xi:
                kind = "duplicate" if xi == prev_xi else "decreasing"
                raise TableError(path, lineno, "xi_MeV",
                                 f"energies within shell {shell} must increase strictly: {xi:g} after "
                                 f"{prev_xi:g} ({kind})")
        out.append((shell, xi, value, lineno))
    shell_a, xi_a, value_a, line_a = (np.array(col) for col in zip(*out, strict=True))
    return SpectrumTable(shell_a.astype(int), xi_a, value_a, line_a.astype(int), path, comments)


# --- table mode ----------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class LuminosityPeaks:
    """Peaks of the top groups' fitted L curves and their linear trends in xi (paper Fig. 5).

    Attributes
    ----------
    xi_MeV : energies of the groups used (the top ``n_peak_groups``)
    shell : peak location of each group's cubic on the trapped shells [1, k]
    log10_L : peak height log10 L [erg/s]
    shell_line, log10_L_line : (slope, intercept) of the least-squares lines vs xi [MeV]
    """

    xi_MeV: np.ndarray
    shell: np.ndarray
    log10_L: np.ndarray
    shell_line: tuple[float, float]
    log10_L_line: tuple[float, float]

    def shell_at(self, xi_MeV: np.ndarray) -> np.ndarray:
        """Extrapolated peak location at energy xi."""
        return self.shell_line[0] * validation.real_array("xi_MeV", xi_MeV) + self.shell_line[1]

    def log10_L_at(self, xi_MeV: np.ndarray) -> np.ndarray:
        """Extrapolated peak height at energy xi."""
        return self.log10_L_line[0] * validation.real_array("xi_MeV", xi_MeV) + self.log10_L_line[1]


def _cubic_peak(coeffs: np.ndarray, lo: float, hi: float) -> tuple[float, float]:
    """(location, value) of the maximum of a polynomial on [lo, hi] (endpoints or interior critical points)."""
    candidates = [lo, hi] + [r.real for r in np.roots(np.polyder(coeffs))
                             if abs(r.imag) < 1e-12 and lo < r.real < hi]
    values = np.polyval(coeffs, candidates)
    best = int(np.argmax(values))
    return float(candidates[best]), float(values[best])


class Tables:
    """Table mode, labelled ``"tables"``: the paper's fitting procedure on Arnett-format tables.

    Parameters
    ----------
    shells, G_data, L_data : the three tables (:func:`read_shells`, :func:`read_spectrum`)
    trapping_density : density [g cm^-3] above which a shell counts as trapped; the L fits use
        shells 1..k, k the last such shell (paper: 1e11, Arnett's k = 14)
    g_weight_power : power p of the weight |log10 xi|^p on each squared residual of the G fit (paper: 4)
    n_peak_groups : how many of the highest groups' L peaks set the linear extrapolation (paper: 4)
    table_bin_width_MeV : None (paper footnote 5: the tables' group width equals the sampling bin
        width, values used as they are) or the groups' width, to rescale values to each sampling bin
    peak_anchor : ``"top"`` or ``"line"``: how the extrapolated curves are placed (module docstring)

    Fitted quantities, kept for the paper's Figs. 2-5
    ---------------------------------------------------
    shells, G_data, L_data : the tables as read
    last_trapped_shell : k
    G_coefficients : (N, 3) quadratic coefficients (highest power first) of log10 G vs log10 xi for
        shells 1..N; ``G_fitted`` marks the shells fitted from data (the others are interpolated)
    L_groups_MeV : (n_groups,) group energies; ``L_coefficients`` : (n_groups, 4) cubic coefficients
        of log10 L vs shell index
    peaks : :class:`LuminosityPeaks`
    G_fit(shell, xi), L_fit(shell, xi) : the fitted functions (broadcasting, per group value)
    """

    label = "tables"

    def __init__(self, shells: ShellTable, G_data: SpectrumTable, L_data: SpectrumTable, *,
                 trapping_density: float = TRAPPING_DENSITY, g_weight_power: float = 4.0,
                 n_peak_groups: int = 4, table_bin_width_MeV: float | None = None,
                 peak_anchor: str = "top") -> None:
        validation.positive_scalar("trapping_density", trapping_density, unit="g/cm^3")
        validation.finite_scalar("g_weight_power", g_weight_power, low=0)
        if not (isinstance(n_peak_groups, (int, np.integer)) and n_peak_groups >= 2):
            raise ValueError(f"n_peak_groups must be an integer >= 2, got {n_peak_groups!r}")
        if table_bin_width_MeV is not None and not (math.isfinite(table_bin_width_MeV) and table_bin_width_MeV > 0):
            raise ValueError(f"table_bin_width_MeV must be None or finite and > 0, got {table_bin_width_MeV!r}")
        if peak_anchor not in ("top", "line"):
            raise ValueError(f"peak_anchor must be 'top' or 'line', got {peak_anchor!r}")
        self.shells, self.G_data, self.L_data = shells, G_data, L_data
        self.trapping_density = float(trapping_density)
        self.g_weight_power = float(g_weight_power)
        self.n_peak_groups = int(n_peak_groups)
        self.table_bin_width_MeV = table_bin_width_MeV
        self.peak_anchor = peak_anchor
        trapped = np.nonzero(shells.rho_g_cm3 > trapping_density)[0]
        if trapped.size == 0:
            raise TableError(shells.path or _SHELLS, 1, "rho_g_cm3",
                             f"no shell is denser than the trapping density {trapping_density:g} g/cm^3")
        self.last_trapped_shell = int(shells.shell[trapped[-1]])
        self.G_coefficients, self.G_fitted = self._fit_G()
        self.L_groups_MeV, self.L_coefficients = self._fit_L()
        self.peaks = self._fit_peaks()
        self._bin_cache: dict[EnergyBins, tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def from_directory(cls, path: Path | str, **options: float | int | str | None) -> Tables:
        """Read shells.csv, energy_per_nucleon.csv and luminosity.csv from ``path`` and fit them.

        ``options`` are the keyword options of :class:`Tables`.
        """
        path = Path(path)
        shells = read_shells(path / _SHELLS)
        return cls(shells, read_spectrum(path / _G, shells), read_spectrum(path / _L, shells), **options)

    def __repr__(self) -> str:
        return f"Tables({self.shells.path.parent if self.shells.path else '<memory>'})"

    # -- fits --

    def _fit_G(self) -> tuple[np.ndarray, np.ndarray]:
        """Weighted quadratic of log10 G vs log10 xi per shell with data; interpolate the others."""
        data, n = self.G_data, self.shells.shell.size
        coeffs = np.full((n, 3), np.nan)
        for shell in np.unique(data.shell):
            rows = data.shell == shell
            x = np.log10(data.xi_MeV[rows])
            weight = np.abs(x) ** (0.5 * self.g_weight_power)
            if np.count_nonzero(weight) < 3:
                raise TableError(data.path or _G, int(data.line[rows][0]), "xi_MeV",
                                 f"shell {shell} has {np.count_nonzero(weight)} energies with nonzero weight "
                                 "(xi != 1 MeV); a quadratic needs 3")
            coeffs[shell - 1] = np.polyfit(x, np.log10(data.value[rows]), 2, w=weight)
        fitted = ~np.isnan(coeffs[:, 0])
        index = np.arange(1, n + 1)
        for j in range(3):
            coeffs[:, j] = np.interp(index, index[fitted], coeffs[fitted, j])
        return coeffs, fitted

    def _fit_L(self) -> tuple[np.ndarray, np.ndarray]:
        """Cubic of log10 L vs shell index over the trapped shells, one per energy group."""
        data = self.L_data
        groups = np.unique(data.xi_MeV)
        coeffs = np.empty((groups.size, 4))
        for g, xi in enumerate(groups):
            rows = (data.xi_MeV == xi) & (data.shell <= self.last_trapped_shell)
            if np.count_nonzero(rows) < 4:
                first = int(data.line[data.xi_MeV == xi][0])
                raise TableError(data.path or _L, first, "xi_MeV",
                                 f"group {xi:g} MeV has {np.count_nonzero(rows)} trapped shells "
                                 f"(1..{self.last_trapped_shell}); a cubic needs 4")
            coeffs[g] = np.polyfit(data.shell[rows].astype(float), np.log10(data.value[rows]), 3)
        if groups.size < self.n_peak_groups:
            raise TableError(data.path or _L, int(data.line[0]), "xi_MeV",
                             f"{groups.size} energy groups, fewer than n_peak_groups = {self.n_peak_groups}")
        return groups, coeffs

    def _fit_peaks(self) -> LuminosityPeaks:
        """Peaks of the top groups' cubics on [1, k] and their linear trends in xi (Figs. 4-5)."""
        top = slice(-self.n_peak_groups, None)
        located = [_cubic_peak(c, 1.0, float(self.last_trapped_shell)) for c in self.L_coefficients[top]]
        xi = self.L_groups_MeV[top]
        shell, height = (np.array(v) for v in zip(*located, strict=True))
        s_line, h_line = np.polyfit(xi, shell, 1), np.polyfit(xi, height, 1)
        return LuminosityPeaks(xi, shell, height, (float(s_line[0]), float(s_line[1])),
                               (float(h_line[0]), float(h_line[1])))

    # -- fitted functions --

    def G_fit(self, shell: np.ndarray, xi_MeV: np.ndarray) -> np.ndarray:
        """Fitted G [erg/g per group] at integer shells (1..N) and energies xi (broadcast)."""
        s = np.asarray(shell, dtype=int)
        if np.any((s < 1) | (s > self.shells.shell.size)):
            raise ValueError(f"shell must lie in 1..{self.shells.shell.size}")
        c = self.G_coefficients[s - 1]
        x = np.log10(validation.real_array("xi_MeV", xi_MeV))
        return 10.0 ** ((c[..., 0] * x + c[..., 1]) * x + c[..., 2])

    def L_fit(self, shell: np.ndarray, xi_MeV: np.ndarray) -> np.ndarray:
        """Fitted L [erg/s per group] at (possibly fractional) shells and energies xi (broadcast).

        Up to the highest group: the curve of the group nearest in energy.  Above it: the top
        group's curve moved by the extrapolated peak trend (module docstring, step 2).
        """
        s, xi = np.broadcast_arrays(validation.real_array("shell", shell), validation.real_array("xi_MeV", xi_MeV))
        groups, top, peaks = self.L_groups_MeV, self.L_groups_MeV[-1], self.peaks
        nearest = np.argmin(np.abs(xi[..., None] - groups), axis=-1)
        above = xi > top
        if self.peak_anchor == "top":
            from_shell, from_height = peaks.shell_at(top), peaks.log10_L_at(top)
        else:
            from_shell, from_height = peaks.shell[-1], peaks.log10_L[-1]
        shift = np.where(above, peaks.shell_at(xi) - from_shell, 0.0)
        lift = np.where(above, peaks.log10_L_at(xi) - from_height, 0.0)
        c = self.L_coefficients[np.where(above, groups.size - 1, nearest)]
        u = s - shift
        return 10.0 ** (((c[..., 0] * u + c[..., 1]) * u + c[..., 2]) * u + c[..., 3] + lift)

    # -- the interface --

    def shell_of_density(self, rho_g_cm3: np.ndarray) -> np.ndarray:
        """Integer shell whose tabulated density is nearest in log10 rho (paper Sec. II B)."""
        log_rho = np.log10(_densities(rho_g_cm3))
        table = np.log10(self.shells.rho_g_cm3)
        return self.shells.shell[np.argmin(np.abs(log_rho[..., None] - table), axis=-1)]

    def spectra(self, rho_g_cm3: np.ndarray, bins: EnergyBins) -> tuple[np.ndarray, np.ndarray]:
        """(G [erg/g], L [erg/s]) per sampling bin: the fits at the bin centres for each density's shell."""
        index = self.shell_of_density(rho_g_cm3) - 1
        G, L = self._per_shell(bins)
        return G[index], L[index]

    def _per_shell(self, bins: EnergyBins) -> tuple[np.ndarray, np.ndarray]:
        """(N, bins.n) tables of bin values for every shell, cached per ``bins``."""
        if bins not in self._bin_cache:
            shell = self.shells.shell[:, None]
            xi = bins.centers_MeV
            scale = 1.0 if self.table_bin_width_MeV is None else bins.widths_MeV / self.table_bin_width_MeV
            self._bin_cache[bins] = (self.G_fit(shell, xi) * scale, self.L_fit(shell, xi) * scale)
        return self._bin_cache[bins]

    def describe(self) -> str:
        origin = f"read from {self.shells.path.parent}" if self.shells.path else "given in memory"
        note = f" (header: \"{self.shells.comments[0]}\")" if self.shells.comments else ""
        anchor = "top group" if self.peak_anchor == "top" else "fitted lines"
        width = ("the group width equals the sampling bin width (paper footnote 5), values used as fitted"
                 if self.table_bin_width_MeV is None else
                 f"values rescaled from a group width of {self.table_bin_width_MeV:g} MeV to each sampling bin")
        return (
            f"Arnett-format neutrino tables {origin}{note}: {self.shells.shell.size} shells "
            f"({self.shells.rho_g_cm3.min():.3g}-{self.shells.rho_g_cm3.max():.3g} g/cm^3), "
            f"{np.unique(self.G_data.shell).size} shells with G spectra, {self.L_groups_MeV.size} luminosity "
            f"groups ({self.L_groups_MeV.min():.3g}-{self.L_groups_MeV.max():.3g} MeV). The paper's procedure "
            "(Sec. II C): G fitted per shell by a weighted quadratic in log10 G vs log10 xi (weight "
            f"|log10 xi|^{self.g_weight_power:g} on the squared residual), L per group by a cubic in log10 L "
            f"vs shell over the trapped shells 1-{self.last_trapped_shell} (rho > {self.trapping_density:g} "
            "g/cm^3), the nearest group in energy used up to the highest group and, above it, the highest "
            f"group's curve shifted and scaled to the linear extrapolation of the top {self.n_peak_groups} "
            f"groups' peak location and height (anchored at the {anchor}); "
            "each density takes the shell of nearest density; "
            f"{width}."
        )


# --- synthetic tables ----------------------------------------------------------------------------

def write_synthetic_tables(directory: Path | str, surrogate: Surrogate | None = None,
                           groups_MeV: np.ndarray | None = None) -> Path:
    """Write Arnett-format CSVs made from a surrogate (default ``Surrogate()``) into ``directory``.

    The surrogate is evaluated at its own shell densities and at the energy groups (default
    :data:`ARNETT_GROUPS_MEV`); each value is the spectral density times the width of the default
    sampling bins (``energy_bins()``: 2.97 MeV), the paper's footnote-5 convention, so ``Tables``
    run on these files approximates the surrogate on the default bins.  Every file starts with a
    comment saying the data are synthetic.  Returns the directory.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    surrogate = Surrogate() if surrogate is None else surrogate
    groups = ARNETT_GROUPS_MEV if groups_MeV is None else validation.real_array("groups_MeV", groups_MeV)
    if groups.ndim != 1 or not np.all(np.isfinite(groups) & (groups > 0)) or np.any(np.diff(groups) <= 0):
        raise ValueError("groups_MeV must be a 1-d array of finite, positive, strictly increasing energies")
    width = float(energy_bins().widths_MeV[0])
    rho = surrogate.core.shell_densities()
    g, lum = surrogate.spectral_density(rho, groups)
    header = [
        "SYNTHETIC surrogate data made by natal, NOT Arnett's (1977) values.",
        f"natal.numerics.mag.neutrino_data.write_synthetic_tables from {surrogate!r}.",
        f"Values per energy group = spectral density x {width:g} MeV, the width of natal's default "
        "sampling bins (100 linear bins, 3-300 MeV): the paper's footnote-5 convention.",
    ]
    shells = np.arange(1, rho.size + 1)
    _write_csv(directory / _SHELLS, header, _HEADERS[_SHELLS],
               [(s, f"{r:.12e}") for s, r in zip(shells, rho, strict=True)])
    for name, values in ((_G, g * width), (_L, lum * width)):
        rows = [(s, f"{xi:.12g}", f"{v:.12e}")
                for s, row in zip(shells, values, strict=True) for xi, v in zip(groups, row, strict=True)]
        _write_csv(directory / name, header, _HEADERS[name], rows)
    return directory


def _write_csv(path: Path, comments: list[str], header: tuple[str, ...], rows: list[tuple]) -> None:
    with open(path, "w", newline="") as handle:
        for line in comments:
            handle.write(f"# {line}\n")
        handle.write(",".join(header) + "\n")
        for row in rows:
            handle.write(",".join(str(v) for v in row) + "\n")
