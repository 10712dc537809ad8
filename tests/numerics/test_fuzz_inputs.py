"""Fuzzing the numeric layer's public entry points with Hypothesis.

Three properties, whatever the input:
* finite, valid input gives finite output (no silent NaN);
* invalid input gives TypeError or ValueError naming the parameter, never another exception;
* the Arnett-table reader either reads a file or raises a TableError naming the file and line.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from natal.numerics import constants
from natal.numerics.mag import neutrino_data as nd
from natal.numerics.montecarlo.sphere import SphereProblem
from natal.numerics.nuN.couplings import MAX_CORRECTION, cross_section_correction, max_energy_MeV
from natal.numerics.rsfp.opacity import kernel_coefficients
from natal.numerics.rsfp.transport import KickProblem, kernel_parameters

# anything a caller might pass by mistake
ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6), st.binary(max_size=6), st.complex_numbers(max_magnitude=10),
    st.lists(st.one_of(st.floats(-1e3, 1e3), st.text(max_size=2)), max_size=3),
)


# --- cross_section_correction ----------------------------------------------------------------------

@given(fraction=st.floats(1e-9, 1.0), target=st.sampled_from(["n", "p"]), anti=st.booleans(),
       kind=st.sampled_from(["total", "transport"]))
def test_cross_section_correction_is_finite_on_its_domain(fraction, target, anti, kind):
    r = cross_section_correction(fraction * max_energy_MeV(target, anti, kind), target, anti, kind)
    # a small correction of either sign: |a| E/M <= MAX_CORRECTION on the whole domain
    assert math.isfinite(r) and abs(r - 1) <= MAX_CORRECTION


@given(E=st.lists(st.floats(1.0, 25.0), min_size=1, max_size=5), anti=st.booleans())
def test_cross_section_correction_arrays_match_scalars(E, anti):
    out = cross_section_correction(np.array(E), "n", anti, "total")
    assert out.shape == (len(E),)
    assert np.array_equal(out, [cross_section_correction(e, "n", anti, "total") for e in E])


@given(argument=st.sampled_from(["E_MeV", "target", "antineutrino", "kind"]), value=ANYTHING)
def test_cross_section_correction_names_what_is_wrong(argument, value):
    call = {"E_MeV": 10.0, "target": "n", "antineutrino": False, "kind": "total", argument: value}
    try:
        r = cross_section_correction(**call)
    except (TypeError, ValueError) as error:
        assert argument in str(error)
    else:  # accepted: only a valid value of the right type, with a finite result
        assert VALID[argument](value), value
        assert np.all(np.isfinite(r))


def _energies(value) -> bool:
    values = value if isinstance(value, list) else [value]
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= max_energy_MeV("n", False, "total")
               for v in values)  # an empty array is a valid empty input


VALID = {"E_MeV": _energies, "target": lambda v: v in ("n", "p") and isinstance(v, str),
         "antineutrino": lambda v: isinstance(v, bool), "kind": lambda v: v in ("total", "transport")}


# --- Monte Carlo options ----------------------------------------------------------------------------

KICK_FIELDS = {
    "rres_rc": st.floats(0.05, 3.7), "B_G": st.floats(1e12, 1e17), "delta": st.floats(0.0, 0.6),
    "tau_esc": st.floats(0.01, 2.0), "x_min": st.floats(0.0, 4.9), "gamma_coefficient": st.floats(0.1, 10.0),
    "mu_nu_muB": st.floats(1e-14, 1e-10), "n_draw": st.integers(1, 50),
}


@given(field=st.sampled_from(sorted(KICK_FIELDS)), value=ANYTHING)
def test_kick_problem_refuses_bad_fields_by_name(field, value):
    try:
        problem = KickProblem(0.8, 8e15, 0.1, **{field: value})
    except (TypeError, ValueError) as error:
        assert field in str(error) or (field in ("rres_rc", "delta") and "dipole" in str(error)), str(error)
    else:
        _assert_finite_parameters(problem)


def _assert_finite_parameters(problem):
    """Every kernel parameter finite, but r_redraw, which is inf by default (redraw everywhere)."""
    p = kernel_parameters(problem)
    values = {name: float(p[name]) for name in p.dtype.names}
    finite = {name: math.isfinite(v) for name, v in values.items()}
    finite["r_redraw"] = values["r_redraw"] > 0
    assert all(finite.values()), values


@given(st.fixed_dictionaries(KICK_FIELDS))
def test_valid_kick_problems_give_finite_parameters(fields):
    try:
        problem = KickProblem(**fields)
    except ValueError as error:  # the dipole must sit inside the resonance shell
        assert "dipole" in str(error) or "rres_rc" in str(error), str(error)
        return
    _assert_finite_parameters(problem)


@given(field=st.sampled_from(["tau", "birth", "anisotropy", "scheme", "mrw_min"]), value=ANYTHING)
def test_sphere_problem_refuses_bad_fields_by_name(field, value):
    call = {"tau": 2.0, field: value}
    try:
        SphereProblem(**call)
    except (TypeError, ValueError) as error:
        assert field in str(error), str(error)


_NU_N = kernel_coefficients()  # (C1, C2) of a physical kernel (rsfp Eq. 9)


@given(tau=st.floats(0.01, 5.0), birth=st.sampled_from(["center", "uniform"]),
       anisotropy=st.one_of(st.sampled_from([0.0, -1.0, 1.0, _NU_N[1] / _NU_N[0]]), st.floats(-1.0, 1.0)),
       seed=st.integers(0, 2**32))
def test_sphere_runs_give_finite_tallies(tau, birth, anisotropy, seed):
    from natal.numerics.montecarlo.sphere import sphere_task

    tallies = sphere_task(SphereProblem(tau, birth=birth, anisotropy=anisotropy), seed, 20)
    for name, value in tallies.items():
        assert np.all(np.isfinite(value)), name
    assert tallies["scatterings"] >= 0 and tallies["path"] > 0


# --- the Arnett-table reader ------------------------------------------------------------------------

SHELLS = "shell,rho_g_cm3\n1,1e13\n2,5e12\n3,2e12\n4,1e12\n5,5e11\n"
ENERGIES = (5, 10, 20, 40)
G = "shell,xi_MeV,G_erg_per_g\n" + "".join(f"{s},{x},{1e15 * x / s}\n" for s in range(1, 6) for x in ENERGIES)
L = "shell,xi_MeV,L_erg_s\n" + "".join(f"{s},{x},{1e50 * s / x}\n" for s in range(1, 6) for x in ENERGIES)
FILES = {"shells.csv": SHELLS, "energy_per_nucleon.csv": G, "luminosity.csv": L}


def _write(folder, replaced: str, data: bytes):
    for name, text in FILES.items():
        (folder / name).write_bytes(data if name == replaced else text.encode())
    return folder


def _read_or_table_error(folder, replaced):
    try:
        tables = nd.Tables.from_directory(folder)
    except nd.TableError as error:
        assert error.path.name in FILES and str(error).startswith(str(error.path)) and error.line >= 1
        return None
    return tables


@given(name=st.sampled_from(sorted(FILES)), data=st.binary(max_size=300))
def test_table_reader_on_arbitrary_bytes(tmp_path_factory, name, data):
    _read_or_table_error(_write(tmp_path_factory.mktemp("t"), name, data), name)


@given(name=st.sampled_from(sorted(FILES)), line=st.integers(0, 25),
       cut=st.integers(0, 40), insert=st.text(alphabet="0123456789.,-+eE#naifNI \t", max_size=12))
def test_table_reader_on_edited_lines(tmp_path_factory, name, line, cut, insert):
    """Valid tables with one line edited: a character run replaced, as a hand edit would."""
    lines = FILES[name].splitlines()
    i = line % len(lines)
    lines[i] = lines[i][:cut] + insert + lines[i][cut + len(insert):]
    tables = _read_or_table_error(_write(tmp_path_factory.mktemp("t"), name, "\n".join(lines).encode()), name)
    if tables is not None:  # whatever was read is finite where the paper's procedure uses it
        rho = tables.shells.rho_g_cm3
        G_fit = tables.G_fit(tables.shells.shell[:tables.last_trapped_shell], np.array(10.0))
        assert np.all(np.isfinite(rho)) and np.all(rho > 0) and np.all(np.isfinite(G_fit))


@given(rho=st.lists(st.floats(1e10, 1e15), min_size=4, max_size=8, unique=True),
       scale=st.floats(1e12, 1e18), slope=st.floats(-2.0, 2.0))
def test_valid_tables_fit_to_finite_spectra(tmp_path_factory, rho, scale, slope):
    """Any valid table set (decreasing densities, positive values) gives finite fitted spectra."""
    rho = sorted(rho, reverse=True)
    assume(sum(r > nd.TRAPPING_DENSITY for r in rho) >= 4)
    n = len(rho)
    shells = "shell,rho_g_cm3\n" + "".join(f"{i + 1},{r!r}\n" for i, r in enumerate(rho))
    g = "shell,xi_MeV,G_erg_per_g\n" + "".join(
        f"{s},{x},{scale * x ** slope / s!r}\n" for s in range(1, n + 1) for x in ENERGIES)
    lum = "shell,xi_MeV,L_erg_s\n" + "".join(
        f"{s},{x},{1e50 * s / x!r}\n" for s in range(1, n + 1) for x in ENERGIES)
    folder = tmp_path_factory.mktemp("t")
    for name, text in (("shells.csv", shells), ("energy_per_nucleon.csv", g), ("luminosity.csv", lum)):
        (folder / name).write_text(text)
    tables = nd.Tables.from_directory(folder)
    bins = nd.energy_bins(12)
    densities = np.geomspace(min(rho), max(rho), 7)
    G_bins, L_bins = tables.spectra(densities, bins)
    assert np.all(np.isfinite(G_bins)) and np.all(np.isfinite(L_bins))


@pytest.mark.parametrize("bad", [np.nan, -1.0, 0.0, np.inf])
def test_table_densities_out_of_range_are_named(bad):
    tables = nd.Tables.from_directory(nd.SYNTHETIC_TABLES)
    with pytest.raises(ValueError, match="rho"):
        tables.spectra(np.array([1e13, bad]), nd.energy_bins(10))
