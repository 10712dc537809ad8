"""The Monte Carlo transport: samplers, diffusion tables, the grey sphere, and the rsfp kernel."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
from numba import njit
from scipy.integrate import quad

from natal.cli import main
from natal.mc import sphere_results
from natal.numerics.montecarlo import diffusion, sampling
from natal.numerics.montecarlo import run_batches
from natal.numerics.montecarlo.sphere import SphereProblem, diffusion_estimate
from natal.numerics.rsfp.opacity import kernel_coefficients
from natal.numerics.rsfp.pns import PNSModel
from natal.numerics.rsfp.transport import ACCELERATION_CONTROLS, MEAN_THERMAL_X, KickProblem, KickRows, transport_task

#: C2/C1 of rsfp's nu-N kernel C1 + C2 cos(theta) (Eq. 9), a physical anisotropic kernel for the sphere
NU_N_ANISOTROPY = kernel_coefficients()[1] / kernel_coefficients()[0]


@njit(cache=True)
def _draw(kind, arg, n, seed):
    np.random.seed(seed)
    out = np.empty(n)
    for i in range(n):
        if kind == 0:
            out[i] = sampling.thermal_x()
        elif kind == 1:
            out[i] = sampling.thermal_x_below(arg)
        elif kind == 2:
            out[i] = sampling.thermal_x_above(arg)
        else:
            out[i] = sampling.kernel_cosine(arg)
    return out


def _fd(x):
    return x * x / (math.exp(x) + 1.0)


@njit(cache=True)
def _draw_stream(kind, arg, n, seed):
    """The stream samplers' counterparts of _draw (kind 4: the unit normal, 5: the unit exponential)."""
    st = sampling.stream(seed)
    out = np.empty(n)
    for i in range(n):
        if kind == 0:
            out[i] = sampling.stream_thermal_x(st)
        elif kind == 1:
            out[i] = sampling.stream_thermal_x_below(st, arg)
        elif kind == 2:
            out[i] = sampling.stream_thermal_x_above(st, arg)
        elif kind == 3:
            out[i] = sampling.stream_kernel_cosine(st, arg)
        elif kind == 4:
            out[i] = sampling.normal(st)
        else:
            out[i] = sampling.exponential(st)
    return out


@pytest.mark.parametrize("kind,arg", [(0, 0.0), (1, 0.5), (2, 2.0), (3, -0.15235), (3, 0.9)])
def test_stream_samplers_draw_the_np_random_samplers_distributions(kind, arg):
    # two-sample Kolmogorov-Smirnov against the np.random sampler of the same name, and the mean
    from scipy.stats import ks_2samp

    a, b = _draw(kind, arg, 100_000, 21), _draw_stream(kind, arg, 100_000, 22)
    assert ks_2samp(a, b).pvalue > 1e-4
    assert abs(a.mean() - b.mean()) < 4 * math.hypot(a.std(), b.std()) / math.sqrt(a.size)


def test_stream_normal_exponential_and_uniform():
    from scipy.stats import kstest

    assert kstest(_draw_stream(4, 0.0, 100_000, 23), "norm").pvalue > 1e-4
    e = _draw_stream(5, 0.0, 100_000, 24)
    assert e.min() >= 0.0 and kstest(e, "expon").pvalue > 1e-4
    # the same seed gives the same stream, another seed another one
    assert np.array_equal(_draw_stream(5, 0.0, 10, 24), e[:10])
    assert not np.array_equal(_draw_stream(5, 0.0, 10, 25), e[:10])


@njit(cache=True)
def _stream_deflected(mu, n, seed):
    st = sampling.stream(seed)
    out = np.empty((n, 3))
    for i in range(n):
        u = np.array([1.0, 0.0, 0.0])
        sampling.stream_deflect(st, u, mu)
        out[i] = u
    return out


def test_thermal_energies_have_the_fermi_dirac_moments():
    x = _draw(0, 0.0, 200_000, 1)
    assert abs(x.mean() - MEAN_THERMAL_X) < 4 * x.std() / math.sqrt(x.size)
    below = _draw(1, 0.5, 50_000, 2)
    assert below.max() < 0.5
    mean_below = quad(lambda t: t * _fd(t), 0, 0.5)[0] / quad(_fd, 0, 0.5)[0]
    assert abs(below.mean() - mean_below) < 4 * below.std() / math.sqrt(below.size)
    above = _draw(2, 2.0, 50_000, 3)
    assert above.min() >= 2.0


@pytest.mark.parametrize("a", [0.0, -0.15235, 0.9])
def test_kernel_cosine_has_mean_a_over_3(a):
    mu = _draw(3, a, 200_000, 4)
    assert np.all(np.abs(mu) <= 1)
    assert abs(mu.mean() - a / 3) < 4 * mu.std() / math.sqrt(mu.size)


@njit(cache=True)
def _deflected(mu, n, seed):
    """n deflections of e_x (away from the pole branch) by acos(mu): the new vectors."""
    np.random.seed(seed)
    out = np.empty((n, 3))
    for i in range(n):
        u = np.array([1.0, 0.0, 0.0])
        sampling.deflect(u, mu)
        out[i] = u
    return out


def test_deflect_keeps_the_polar_angle_and_spreads_the_azimuth_uniformly():
    u = _deflected(0.3, 100_000, 5)
    assert np.allclose(np.linalg.norm(u, axis=1), 1.0, atol=1e-12)
    assert np.allclose(u[:, 0], 0.3, atol=1e-12)
    phi = np.arctan2(u[:, 2], u[:, 1])
    counts, _ = np.histogram(phi, bins=8, range=(-np.pi, np.pi))
    expected = u.shape[0] / 8
    assert np.all(np.abs(counts - expected) < 5 * np.sqrt(expected))


def test_stream_deflect_keeps_the_polar_angle_and_spreads_the_azimuth_uniformly():
    u = _stream_deflected(0.3, 100_000, 26)
    assert np.allclose(np.linalg.norm(u, axis=1), 1.0, atol=1e-12)
    assert np.allclose(u[:, 0], 0.3, atol=1e-12)
    counts, _ = np.histogram(np.arctan2(u[:, 2], u[:, 1]), bins=8, range=(-np.pi, np.pi))
    assert np.all(np.abs(counts - u.shape[0] / 8) < 5 * np.sqrt(u.shape[0] / 8))


def test_first_passage_tables():
    t = diffusion.tables()
    # mean exit time from the centre of the unit sphere at D = 1 is 1/6: the integral of S(tau)
    tau = np.linspace(0, 3, 30_001)
    assert np.trapezoid(diffusion.survival(tau), tau) == pytest.approx(diffusion.MEAN_EXIT_TIME, rel=1e-4)

    @njit(cache=True)
    def exits(n, seed, et, ec):
        np.random.seed(seed)
        out = np.empty(n)
        for i in range(n):
            out[i] = diffusion.sample_exit_time(et, ec)
        return out

    s = exits(100_000, 5, t.exit_tau, t.exit_cdf)
    assert abs(s.mean() - 1 / 6) < 4 * s.std() / math.sqrt(s.size)


@njit(cache=True)
def _survivors(tau, n, seed, row_log_tau, row_quantiles):
    np.random.seed(seed)
    out = np.empty(n)
    for i in range(n):
        out[i] = diffusion.sample_survivor_radius(tau, row_log_tau, row_quantiles)
    return out


@pytest.mark.parametrize("tau", [0.01, 0.03, 0.1, 0.5])
def test_survivor_density_carries_the_surviving_probability(tau):
    # p(rho | tau) integrates to S(tau): each mode's integral of rho sin(n pi rho) is (-1)^(n+1) / (n pi)
    rho = np.linspace(0.0, 1.0, 20_001)
    assert np.trapezoid(2 * math.pi * diffusion.survivor_density(rho, tau), rho) == pytest.approx(
        diffusion.survival(tau)[0], rel=1e-6)


@pytest.mark.parametrize("tau", [diffusion.TAU_FREE, 0.0137, 0.1, 2.0, 1e-4])
def test_survivor_density_drops_only_terms_that_are_exactly_zero(tau):
    # the series is cut where exp(-n^2 pi^2 tau) underflows to 0.0: the same bits as all the terms
    rho = np.linspace(0.0, 1.0, 4001)
    n = np.arange(1, diffusion._N_TERMS + 1)[:, None]
    full = np.clip(rho * (n * np.sin(n * math.pi * rho[None, :]) * np.exp(-(n * math.pi) ** 2 * tau)).sum(axis=0),
                   0.0, None)
    assert np.array_equal(diffusion.survivor_density(rho, tau), full)


@pytest.mark.parametrize("tau,mean_rho2", [
    (0.0101, 6 * 0.0101),  # the wall 7 sigma away: free diffusion, <rho^2> = 6 tau
    (0.02, 6 * 0.02),  # 5 sigma: absorbed mass ~1e-6
    (0.5, 1 - 6 / math.pi**2),  # only the slowest mode rho sin(pi rho) is left
])
def test_survivors_are_placed_from_the_centre_outwards(tau, mean_rho2):
    t = diffusion.tables()
    rho = _survivors(tau, 100_000, 8, t.row_log_tau, t.row_quantiles)
    assert np.all((rho >= 0) & (rho <= 1))
    assert abs(np.mean(rho**2) - mean_rho2) < 4 * np.std(rho**2) / math.sqrt(rho.size) + 2e-3 * mean_rho2


def _late_tilt(rho):
    """c(rho) in the slowest mode: the closed form that solves the tilt's equation at late tau."""
    x = math.pi * rho
    return math.pi / (4 * rho * np.tan(x)) - 1 / (4 * rho**2) - 0.75 - x / (4 * np.tan(x))


def test_survivor_tilt_meets_free_space_and_the_slowest_mode():
    t = diffusion.tables()
    rho = np.linspace(0.0, 1.0, t.row_tilt.shape[1])
    # at TAU_FREE the wall is 7 sigma away: free space, c = -1 + rho^2 / (8 tau), except at the wall itself
    inside = rho <= 0.6
    assert np.allclose(t.row_tilt[0, inside], -1 + rho[inside] ** 2 / (8 * diffusion.TAU_FREE), atol=2e-3)
    # at the last row (tau = 2) only the slowest mode is left
    mid = (rho > 0) & (rho < 1)
    assert np.allclose(t.row_tilt[-1, mid], _late_tilt(rho[mid]), atol=5e-3)
    assert t.row_tilt[-1, 0] == pytest.approx(-1 - math.pi**2 / 12, abs=5e-3)


def test_exit_tilt_over_all_exit_times_is_the_drifts_harmonic_measure():
    # the paths that leave at tau are tilted by 1 + c(1, tau) per unit g cos(theta); averaged over the
    # exit-time law it must be the drift's harmonic measure, 1/4 (E[cos] = b R / 6 D): a check of the
    # tilt's equation, its start and its wall by a route that shares none of them
    tau = np.geomspace(2e-3, 2.5, 1500)  # S(2.5) ~ 4e-11: the rest of the exits carry nothing
    wall = diffusion.survivor_tilt_rows(tau, np.array([1.0]), tau_start=2e-4)[:, 0]
    density = -np.gradient(diffusion.survival(tau), tau)
    assert np.trapezoid((1 + wall) * density, tau) / np.trapezoid(density, tau) == pytest.approx(0.25, abs=2e-3)
    # early exits lean outwards, late ones inwards (the slowest mode: c(1) = -3/2)
    assert wall[0] > 10 and wall[-1] == pytest.approx(-1.5, abs=2e-3)


def test_survivor_tilt_lookup_interpolates_the_table_and_holds_beyond_it():
    t = diffusion.tables()
    tau = math.exp(t.row_log_tau[10])
    assert diffusion.survivor_tilt(tau, 0.5, t.row_log_tau, t.row_tilt) == pytest.approx(t.row_tilt[10, 32], rel=1e-12)
    assert diffusion.survivor_tilt(50.0, 0.5, t.row_log_tau, t.row_tilt) == pytest.approx(t.row_tilt[-1, 32], rel=1e-12)
    middle = diffusion.survivor_tilt(tau, 0.5 + 0.5 / 64, t.row_log_tau, t.row_tilt)
    assert middle == pytest.approx(0.5 * (t.row_tilt[10, 32] + t.row_tilt[10, 33]), rel=1e-12)


def test_survivor_tilt_rows_refuse_times_before_the_start():
    with pytest.raises(ValueError, match="tau must be increasing"):
        diffusion.survivor_tilt_rows(np.array([1e-4, 0.1]), np.array([0.5]))
    with pytest.raises(ValueError, match="rho must lie in"):
        diffusion.survivor_tilt_rows(np.array([0.1]), np.array([1.5]))


def _simulated_survivors(g, tau, n, seed, dt=1e-4):
    """Survivors at tau of dX = (g/2) z-hat dt + sqrt(2 (1 + g z)) dW from the centre of the unit
    sphere, absorbed at its wall: the walk the kernel's jumps stand for, where D varies."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, 3))
    for _ in range(round(tau / dt)):
        step = np.sqrt(2 * (1 + g * x[:, 2]) * dt)[:, None] * rng.standard_normal(x.shape)
        x = x + step
        x[:, 2] += 0.5 * g * dt
        x = x[np.einsum("ij,ij->i", x, x) < 1.0]
    return x


def test_survivor_tilt_matches_a_simulated_walk_and_rejects_the_drift_alone():
    # an independent route: simulate the walk with D = 1 + g z and compare the survivors' mean z at each
    # radius with g rho^2 c(rho, tau) / 3 (direction density 1 + g rho c cos(theta)); the drift's tilt
    # alone (c = +1/4, Girsanov), which the kernel used before, must be rejected by the same test
    g, tau = 0.3, 0.2
    x = _simulated_survivors(g, tau, 40_000, 29)
    rho = np.linalg.norm(x, axis=1)
    t = diffusion.tables()
    c = np.array([diffusion.survivor_tilt(tau, r, t.row_log_tau, t.row_tilt) for r in rho])
    error = np.std(x[:, 2]) / math.sqrt(rho.size)
    predicted = np.mean(g * rho**2 * c / 3)
    assert abs(np.mean(x[:, 2]) - predicted) < 4 * error + 0.1 * abs(predicted)
    assert abs(np.mean(x[:, 2]) - np.mean(g * rho**2 * 0.25 / 3)) > 8 * error


def test_sphere_analog_matches_diffusion_theory():
    p = SphereProblem(10.0)
    rec = sphere_results(p, 20_000, seed=3)
    est = diffusion_estimate(p)
    assert abs(rec["mean_scatterings"] - est) < 4 * rec["mean_scatterings_err"] + 0.01 * est
    assert rec["mean_path_mfp"] == pytest.approx(rec["mean_scatterings"], rel=0.02)


@pytest.mark.parametrize("birth,anisotropy", [("center", 0.0), ("uniform", NU_N_ANISOTROPY)])
def test_sphere_accelerated_matches_analog(birth, anisotropy):
    a = sphere_results(SphereProblem(20.0, birth=birth, anisotropy=anisotropy), 20_000, seed=6)
    b = sphere_results(SphereProblem(20.0, birth=birth, anisotropy=anisotropy, scheme="accelerated"), 20_000, seed=7)
    assert b["jumps_per_particle"] > 0.5
    for key in ("mean_scatterings", "mean_path_mfp"):
        sigma = math.hypot(a[f"{key}_err"], b[f"{key}_err"])
        assert abs(a[key] - b[key]) < 3 * sigma


def test_sphere_command_writes_json(tmp_path):
    path = tmp_path / "s.json"
    assert main(["mc", "sphere", "--tau", "5", "--n", "2000", "--accelerated", "--json", str(path)]) == 0
    rec = json.loads(path.read_text())
    assert {"mean_scatterings", "mean_scatterings_err", "mean_path_mfp", "mean_path_mfp_err"} <= set(rec)
    assert rec["scheme"] == "accelerated" and rec["n"] == 2000
    for bad in (["--tau", "-1", "--n", "10"], ["--tau", "5", "--n", "0"]):  # refused by argparse, exit 2
        with pytest.raises(SystemExit) as exit_:
            main(["mc", "sphere", *bad])
        assert exit_.value.code == 2


@pytest.mark.parametrize("kwargs,name", [
    ({"delta": 1.0}, "delta"), ({"delta": -0.1}, "delta"), ({"rres_rc": 4.0}, "rres_rc"),
    ({"rres_rc": 0.0}, "rres_rc"), ({"B_G": -1e15}, "B_G"), ({"scheme": "fast"}, "scheme"),
    ({"rres_rc": 0.3, "delta": 0.5}, "delta"),
])
def test_kick_problem_rejects_bad_input(kwargs, name):
    base = {"rres_rc": 1.5, "B_G": 6e15, "delta": 0.4}
    base.update(kwargs)
    with pytest.raises(ValueError, match=name):
        KickProblem(**base)
    with pytest.raises(ValueError, match="T0_MeV"):
        PNSModel.paper(T0_MeV=-30.0)


def test_an_analog_walks_fingerprint_ignores_the_acceleration_controls():
    # the analog walk never reads them, so its checkpoints must survive a change of them; the
    # accelerated walk's must not, and neither may the analog's survive a change of the walk itself
    analog = KickProblem(1.5, 6e15, 0.4, scheme="analog")
    for name, value in (("shell_buffer", 12.0), ("mrw_min", 24.0), ("levels", (0.5, 1.0)), ("tau_acc", 100.0),
                        ("grad_fraction", 0.1), ("min_waiting", 4.0)):
        assert name in ACCELERATION_CONTROLS
        changed = dataclasses.replace(analog, **{name: value})
        assert changed.fingerprint() == analog.fingerprint(), name
        accelerated = dataclasses.replace(analog, scheme="accelerated")
        assert dataclasses.replace(accelerated, **{name: value}).fingerprint() != accelerated.fingerprint(), name
    assert dataclasses.replace(analog, tau_esc=0.5).fingerprint() != analog.fingerprint()
    assert dataclasses.replace(analog, scheme="accelerated").fingerprint() != analog.fingerprint()


def test_a_fingerprint_names_the_code(monkeypatch):
    # a checkpoint made by another kernel must be refused: the fingerprint carries the code's hash
    from natal.numerics.rsfp import transport

    problem = KickProblem(1.5, 6e15, 0.4)
    before = problem.fingerprint()
    assert len(transport.code_hash()) == 16 and transport.code_hash() == transport.code_hash()
    monkeypatch.setattr(transport, "code_hash", lambda: "0" * 16)
    assert problem.fingerprint() != before


def test_transport_resumes_from_its_checkpoint(tmp_path):
    problem = KickProblem(1.5, 6e15, 0.4)
    whole = run_batches(transport_task, problem, 60, batch_size=15, root_seed=10, progress=False)
    run_batches(transport_task, problem, 30, batch_size=15, root_seed=10, checkpoint=tmp_path, progress=False)
    resumed = run_batches(transport_task, problem, 60, batch_size=15, root_seed=10, checkpoint=tmp_path,
                          progress=False)
    assert resumed.n_loaded == 2
    for key, value in whole.totals.items():
        assert np.array_equal(value, resumed.totals[key]), key


def test_transport_conserves_neutrinos_and_respects_symmetry():
    # a centred dipole: the conversions are north-south symmetric, so the sterile momentum along the
    # axis vanishes within its error; every neutrino either converts or escapes
    res = run_batches(transport_task, KickProblem(1.5, 6e15, 0.0), 400, batch_size=40, root_seed=11,
                      progress=False)
    t = res.totals
    assert t["lost"] == 0
    dp, err = res.mean_and_error("Ez_sterile", "E_sterile")
    assert abs(dp) < 4 * err
    assert 0 < t["n_sterile"] < t["n"]


def test_weak_field_converts_nothing():
    res = transport_task(KickProblem(1.5, 1e12, 0.3), seed=12, n=100)
    assert res["n_sterile"] == 0
    assert res["E_active"] > 0


def test_one_row_carried_alone_is_the_kick_problem_to_the_bit():
    problem = KickProblem(1.8, 3e15, 0.3)
    alone = transport_task(problem, seed=13, n=30)
    carried = transport_task(KickRows((problem,)), seed=13, n=30)
    for key, value in alone.items():
        assert np.ndim(carried[key]) == (0 if key in ("scatterings", "analog_epochs", "jumps") else 1), key
        assert np.atleast_1d(carried[key])[0] == value, key


def test_rows_carried_by_the_same_neutrinos_match_rows_run_alone():
    # two shells and two fields on one walk against each row on walks of its own: every row is the
    # same estimator either way (its walk does not depend on the field), so they agree within errors
    problems = (KickProblem(1.8, 3e15, 0.4), KickProblem(1.5, 6e15, 0.5), KickProblem(1.8, 3e15, 0.2))
    together = run_batches(transport_task, KickRows(problems), 1500, batch_size=100, root_seed=14, progress=False)
    assert together.per_batch["n_sterile"].shape == (15, 3)
    for i, problem in enumerate(problems):
        alone = run_batches(transport_task, problem, 1500, batch_size=100, root_seed=15 + i, progress=False)
        for num, den in (("n_sterile", None), ("E_active", None), ("crossings", None), ("Ez_sterile", "E_sterile")):
            (a, ea), (b, eb) = alone.mean_and_error(num, den), together.take(i).mean_and_error(num, den)
            assert abs(a - b) < 3 * math.hypot(ea, eb), (i, num, a, ea, b, eb)
        assert together.take(i).totals["lost"] == 0


def test_rows_on_one_walk_must_share_its_settings():
    with pytest.raises(ValueError, match="tau_esc"):
        KickRows((KickProblem(1.5, 6e15, 0.4), KickProblem(1.3, 6e15, 0.4, tau_esc=0.1)))
    with pytest.raises(ValueError, match="non-empty tuple"):
        KickRows(())
    KickRows((KickProblem(1.5, 6e15, 0.4), KickProblem(0.8, 8e15, 0.1, delta_unit="R_res", gamma_coefficient=6.0)))
