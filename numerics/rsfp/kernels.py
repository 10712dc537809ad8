"""Compiled transport of nubar_tau through the rsfp proto-neutron star (Secs. 4-5), one batch at a time.

Lengths are in units of the core radius R_c, energies in MeV, fields in G.  The physics follows the
paper; the choices it leaves open are parameters (numerics.rsfp.transport documents each):

* birth uniformly in the core volume, isotropic, energy x = E/T0 from x^2/(e^x + 1) (Sec. 5);
* elastic scattering off nucleons with kappa = K0 (rho/rho_c) E^2 per R_c and the kernel
  C1 + C2 cos(theta) (Eqs. 9-11); flights by delta tracking (Woodcock) under a local majorant:
  within a window of length L = 0.03 + 0.06 r the opacity never exceeds its value at r - L (rho falls
  outwards), so the flights are exact for any profile;
* every ``n_draw``-th scattering redraws the energy at the local temperature (Sec. 4: "once every ten
  scatterings we generate again the neutrino energy");
* at every crossing of the resonance shell the neutrino converts with P = 1 - exp(-pi gamma/2)
  (Eq. 5), gamma from Eq. 6 with B_perp relative to its direction at the crossing; a sterile neutrino
  leaves as it is;
* an active neutrino escapes once it moves outward, outside the resonance shell, where the radial
  optical depth to infinity at its energy is below ``tau_esc`` (its transport sphere).

The accelerated scheme groups epochs (the ``n_draw`` scatterings between two energy draws).  Energies
x > x* ("high") move a neutrino little; x < x* ("low") make the long flights that carry the transport.
Epoch energies are independent draws, so the number of high epochs before the next low one is exactly
geometric with p* = P(x < x*).  Those high epochs are a random walk whose per-epoch displacement
variance v(r) follows from the truncated spectrum (moments of x^-2 and x^-4) and the kernel's mean
cosine; inside a sphere free of the resonance shell, of the region where high energies could escape,
and small against the scale on which v varies, they are replaced by one modified-random-walk jump
(numerics.montecarlo.diffusion) with the geometric count as its time budget; a neutrino leaving a
sphere moves outward with the Milne emergent distribution.  No sphere of level x* comes within
``shell_buffer`` mean free paths at the level's own threshold energy x* T (lambda / x*^2) of a
resonance shell: since crossings are weighted by flight length, the low-energy epochs convert
neutrinos from far off, and they must see the analog walk's density of neutrinos over their reach;
the high epochs a sphere replaces make flights up to ~lambda / x*^2, so the gap scales with that
length (36 mean free paths at x* T: 400 lambda for the lowest level x* = 0.3, while the higher
levels, whose flights are short, may jump closer).  Near a shell the walk therefore uses the lowest
level whose gap fits and follows every epoch below its x* flight by flight, which is why the ladder of
levels is fine (steps of ~2^(1/3)).  Where neutrinos cross a shell many times the interface between
jumps and the analog walk still shows a little: on the row 0.8 R_c, 8e15 G, delta = 0.5 the crossings
per neutrino come out 1.5% below the analog walk's (1.1 sigma) and f_s 3.5% above it (2.0 sigma;
README).  A sphere is also kept small enough that ln v changes by at most ``grad_fraction`` across it
(_gradient_reach).  Because v grows
outwards, the walk drifts: a flight into thinner matter is longer, so one flight moves on average
grad(l^2)/6 = grad(D)/2 (D = <|dx|^2>/6 per flight; the same ratio holds per epoch).  The clock here
counts epochs, not physical time, which is why the drift is half Fick's grad D (in physical time
flights into thin matter also take longer; the stationary density of epochs is then ~ kappa, as it
must be).  So the jump's exit point is tilted outwards by R0 |grad ln D| / 4 (first order) and a
survivor is shifted by grad(D) t / 2.  After each low epoch the threshold is chosen afresh from a
ladder of levels (the lowest x* whose sphere is usable where the neutrino stands); the
choice depends only on the position before the draws, so the geometric count stays exact.  The
level may change in the middle of a count only where all the walk knows of it is that it has at
least the epochs already spent: then the rest is a fresh geometric draw (the law is memoryless).
Choosing to jump looks at the count (it has at least ``min_waiting`` more), a jump's exit is placed
at the end of a whole epoch (it then says only that the count had at least that many), and a count
found too short to jump, or ended inside a sphere, is followed to its end; so where the chosen level
no longer fits, or after a jump, the level is chosen afresh for the current position once those
epochs are spent.  High epochs where no sphere fits are followed one by one; low epochs always are,
flight by flight, so the long-flight tail is exact.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from natal.numerics.montecarlo.diffusion import (
    MILNE_EXTRAPOLATION,
    TAU_FREE,
    emergent_direction,
    sample_exit_time,
    sample_survivor_radius,
)
from natal.numerics.montecarlo.sampling import (
    deflect,
    kernel_cosine,
    random_unit_vector,
    thermal_x,
    thermal_x_above,
    thermal_x_below,
)

__all__ = ["PARAMETERS", "ROW_COLUMNS", "LEVEL_COLUMNS", "TALLIES", "WALK_TALLIES", "transport_batch"]

#: names of the entries of the parameter vector (the transport, shared by every row), in order
PARAMETERS = (
    "K0", "rho0_ratio", "n_c", "n_a", "T0", "n_T", "kernel_a", "E_ref", "tau_esc", "n_draw", "x_min",
    "r_redraw", "compactness", "mrw_min", "shell_buffer", "grad_fraction", "min_waiting", "max_epochs",
    "accelerated",
)
(K0, RHO0, NC, NA, T0, NT, KA, EREF, TAUESC, NDRAW, XMIN, RREDRAW, COMPACT, MRWMIN, SHBUF, GRAD, KMIN, MAXEP,
 ACCEL) = range(len(PARAMETERS))
#: columns of the row array: one row per Table 1 row carried by the same neutrinos (the index of its
#: resonance shell in the shell array, the dipole's offset z0 and moment, Eq. 6's gamma / (B_perp^2 l/rho))
ROW_COLUMNS = ("shell", "z0", "moment", "gamma_factor")
R_SHELL, R_Z0, R_MOM, R_GFAC = range(len(ROW_COLUMNS))
#: columns of the acceleration levels (one row per threshold x*, ascending)
LEVEL_COLUMNS = ("x_star", "p_star", "epoch_variance", "R_acc")
L_X, L_PSTAR, L_VAR, L_RACC = range(len(LEVEL_COLUMNS))

#: names of the tallies each row keeps (sums over the batch), in order
TALLIES = (
    "n", "n_sterile", "E_sterile", "Ez_sterile", "E_active", "Ez_active",
    "E_sterile_redshifted", "Ez_sterile_redshifted", "E_active_redshifted", "Ez_active_redshifted",
    "crossings", "inward_conversions", "lost",
)
(T_N, T_NS, T_ES, T_EZS, T_EA, T_EZA, T_ESR, T_EZSR, T_EAR, T_EZAR, T_CROSS, T_INWARD, T_LOST) = range(len(TALLIES))
#: names of the tallies of the walk itself, shared by the rows (the work done)
WALK_TALLIES = ("scatterings", "analog_epochs", "jumps")
W_SCAT, W_EPOCHS, W_JUMPS = range(len(WALK_TALLIES))

@njit(cache=True)
def _power(r, n):
    """r**n, by repeated multiplication for the small integer exponents of the paper's model (n_c = 2,
    n_a = 4): the density is evaluated at every flight, and libm's pow costs as much as the rest of it."""
    k = int(n)
    if k == n and 0 <= k <= 8:
        out = 1.0
        for _ in range(k):
            out *= r
        return out
    return r**n


@njit(cache=True)
def _rho(r, p):
    """rho/rho_c of Eq. 7."""
    if r <= 1.0:
        return p[RHO0] - (p[RHO0] - 1.0) * _power(r, p[NC])
    return 1.0 / _power(r, p[NA])


@njit(cache=True)
def _dlnrho(r, p):
    """d ln rho / dr (core side at r = 1)."""
    if r <= 1.0:
        if r == 0.0:
            return 0.0 if p[NC] > 1.0 else -math.inf
        a = (p[RHO0] - 1.0) / p[RHO0]
        return -a * p[NC] * r ** (p[NC] - 1.0) / (1.0 - a * r ** p[NC])
    return -p[NA] / r


@njit(cache=True)
def _temperature(r, p):
    """T of Eq. 8 [MeV]."""
    if r <= 1.0:
        return p[T0]
    return p[T0] * r ** (-p[NT])


@njit(cache=True)
def _kappa(r, E, p):
    return p[K0] * _rho(r, p) * E * E


@njit(cache=True)
def _column(r, p):
    """int_r^inf rho/rho_c dr'."""
    outer = 1.0 / (p[NA] - 1.0)
    if r >= 1.0:
        return r / _power(r, p[NA]) * outer
    a1 = p[RHO0] - 1.0
    return p[RHO0] * (1.0 - r) - a1 * (1.0 - r * _power(r, p[NC])) / (p[NC] + 1.0) + outer


@njit(cache=True)
def _escape_radius(E, p):
    """The transport sphere at energy E: the radius outside which K0 E^2 column(r) < tau_esc (column
    falls monotonically outwards; closed form outside the core, bisection inside)."""
    target = p[TAUESC] / (p[K0] * E * E)
    if _column(1.0, p) <= target:
        if _column(0.0, p) <= target:
            return 0.0
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if _column(mid, p) > target:
                lo = mid
            else:
                hi = mid
        return hi
    return ((p[NA] - 1.0) * target) ** (-1.0 / (p[NA] - 1.0))


@njit(cache=True)
def _redshift(r, p):
    """sqrt(1 - 2 G M(r) / (r c^2)) with M(r) the enclosed mass of Eq. 7 (compactness = 8 pi G rho_c
    R_c^2 / c^2)."""
    if r <= 0.0:
        return 1.0
    a1 = p[RHO0] - 1.0
    if r <= 1.0:
        m = p[RHO0] * r**3 / 3.0 - a1 * r ** (p[NC] + 3.0) / (p[NC] + 3.0)
    else:
        m = p[RHO0] / 3.0 - a1 / (p[NC] + 3.0)
        if p[NA] == 3.0:
            m += math.log(r)
        else:
            m += (r ** (3.0 - p[NA]) - 1.0) / (3.0 - p[NA])
    return math.sqrt(max(0.0, 1.0 - p[COMPACT] * m / r))


@njit(cache=True)
def _radius_of_rho(rho, p):
    """Eq. 7 inverted (rho in units of rho_c); -1 where rho exceeds the central density."""
    if rho > p[RHO0]:
        return -1.0
    if rho >= 1.0:
        a1 = p[RHO0] - 1.0
        return ((p[RHO0] - rho) / a1) ** (1.0 / p[NC])
    return rho ** (-1.0 / p[NA])


@njit(cache=True)
def _shell(E, R_res, p):
    """Radius of the resonance shell labelled R_res at energy E (-1: none); fixed unless E_ref > 0."""
    if p[EREF] <= 0.0:
        return R_res
    return _radius_of_rho(_rho(R_res, p) * p[EREF] / E, p)


@njit(cache=True)
def _gamma_per_b2(R, p):
    """gamma / (B_perp^2 x gamma_factor) on a shell of radius R (Eq. 6: gamma ~ B_perp^2 l_rho / rho)."""
    slope = abs(_dlnrho(R, p))
    if slope == 0.0:
        return math.inf
    return 1.0 / (slope * _rho(R, p))


@njit(cache=True)
def _conversion(xc, u, gpb2, row):
    """P of Eq. 5 at the crossing point xc for direction u (decentred dipole along +z at z0)."""
    dx, dy, dz = xc[0], xc[1], xc[2] - row[R_Z0]
    d2 = dx * dx + dy * dy + dz * dz
    d = math.sqrt(d2)
    nz = dz / d
    scale = row[R_MOM] / (d2 * d)
    bx = 3.0 * dx / d * nz * scale
    by = 3.0 * dy / d * nz * scale
    bz = (3.0 * nz * nz - 1.0) * scale
    bu = bx * u[0] + by * u[1] + bz * u[2]
    bperp2 = max(0.0, bx * bx + by * by + bz * bz - bu * bu)
    return -math.expm1(-0.5 * math.pi * gpb2 * row[R_GFAC] * bperp2)


@njit(cache=True)
def _place_shells(E, p, shells, radius, gpb2):
    """Each shell's radius at energy E and its gamma / (B_perp^2 x gamma_factor) there."""
    for s in range(shells.shape[0]):
        radius[s] = _shell(E, shells[s], p)
        gpb2[s] = _gamma_per_b2(radius[s], p) if radius[s] > 0.0 else 0.0


@njit(cache=True)
def _epoch(x, u, E, p, shells, rows, alive, live, tal, walk, xc, radius, gpb2):
    """Follow n_draw real scatterings at energy E for every row still alive.  Returns the number of
    rows still alive (0: the neutrino has converted or escaped in every row)."""
    n_shells = shells.shape[0]
    n_rows = rows.shape[0]
    r_esc = _escape_radius(E, p)
    if p[EREF] > 0.0:
        _place_shells(E, p, shells, radius, gpb2)
    remaining = 0
    for s in range(n_shells):
        remaining += live[s]
    real = 0
    r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
    while real < p[NDRAW]:
        window = 0.03 + 0.06 * r
        kmaj = _kappa(max(r - window, 0.0), E, p)
        step_length = -math.log(1.0 - np.random.random()) / kmaj
        step = step_length if step_length < window else window
        b = x[0] * u[0] + x[1] * u[1] + x[2] * u[2]
        for s in range(n_shells):
            R = radius[s]
            # a flight of length step changes the distance from the centre by at most step
            if live[s] == 0 or R <= 0.0 or abs(r - R) > step:
                continue
            disc = b * b - (r * r - R * R)
            if disc <= 0.0:
                continue
            sq = math.sqrt(disc)
            for t in (-b - sq, -b + sq):
                if t > 0.0 and t <= step and live[s] > 0:
                    for k in range(3):
                        xc[k] = x[k] + t * u[k]
                    inward = xc[0] * u[0] + xc[1] * u[1] + xc[2] * u[2] < 0.0
                    for i in range(n_rows):
                        if not alive[i] or int(rows[i, R_SHELL]) != s:
                            continue
                        tal[i, T_CROSS] += 1.0
                        if np.random.random() < _conversion(xc, u, gpb2[s], rows[i]):
                            z = _redshift(R, p)
                            tal[i, T_NS] += 1.0
                            tal[i, T_ES] += E
                            tal[i, T_EZS] += E * u[2]
                            tal[i, T_ESR] += E * z
                            tal[i, T_EZSR] += E * z * u[2]
                            if inward:
                                tal[i, T_INWARD] += 1.0
                            alive[i] = False
                            live[s] -= 1
                            remaining -= 1
            if remaining == 0:
                return 0
        for k in range(3):
            x[k] += step * u[k]
        rn = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
        if x[0] * u[0] + x[1] * u[1] + x[2] * u[2] > 0.0:
            for s in range(n_shells):
                if live[s] == 0 or rn <= max(radius[s], r_esc):
                    continue
                z = _redshift(rn, p)
                for i in range(n_rows):
                    if alive[i] and int(rows[i, R_SHELL]) == s:
                        tal[i, T_EA] += E
                        tal[i, T_EZA] += E * u[2]
                        tal[i, T_EAR] += E * z
                        tal[i, T_EZAR] += E * z * u[2]
                        alive[i] = False
                remaining -= live[s]
                live[s] = 0
            if remaining == 0:
                return 0
        r = rn
        if step_length >= window:
            continue
        if np.random.random() * kmaj < _kappa(rn, E, p):
            real += 1
            walk[W_SCAT] += 1.0
            deflect(u, kernel_cosine(p[KA]))
    return remaining


@njit(cache=True)
def _lam(r, p):
    """The mean free path at the local temperature, lambda = lam / x^2 (lam ~ 1/(rho T^2))."""
    T = _temperature(r, p)
    return 1.0 / (p[K0] * _rho(r, p) * T * T)


@njit(cache=True)
def _local_walk(r, p):
    """The scales every level's sphere at r shares: lam (_lam) and d ln v / dr of the per-epoch
    variance v ~ lam^2 (v grows outwards)."""
    dlnv = -2.0 * (_dlnrho(r, p) + 2.0 * (-p[NT] / r if r > 1.0 else 0.0))
    return _lam(r, p), dlnv


@njit(cache=True)
def _gradient_reach(r, lam, dlnv, limit, p):
    """The largest radius <= limit of a sphere at r across which ln v changes by at most grad_fraction
    on either side.  The slope at r alone is not enough: d ln v / dr grows outwards through the core
    (3.8 at 0.8 R_c, 8.3 at R_c) and jumps at its edge, so a sphere sized by the slope at its centre
    reaches into matter where the walk is faster than the jump assumes (its first-order drift
    cannot make up for that)."""
    if dlnv > 0.0:
        limit = min(limit, p[GRAD] / dlnv)
    for _ in range(8):
        change = 2.0 * max(abs(math.log(_lam(r + limit, p) / lam)), abs(math.log(lam / _lam(max(r - limit, 0.0), p))))
        if change <= p[GRAD]:
            return limit
        limit *= 0.9 * p[GRAD] / change
    return limit


@njit(cache=True)
def _jump_radius(r, j, lam, dlnv, p, levels, level_shells, shells, live):
    """Largest MRW sphere at r for level j (0 where none is allowed or it would be smaller than mrw_min
    per-epoch rms displacements) and the per-epoch variance v there; lam and dlnv from _local_walk."""
    v = lam * lam * levels[j, L_VAR]
    limit = min(levels[j, L_RACC], p[RREDRAW]) - r
    if limit <= 0.0:
        return 0.0, v
    # No jump within shell_buffer mean free paths at the level's threshold energy x* T of a shell that
    # still has rows alive (the module docstring): crossings are weighted by flight length (~ E^-2), so
    # the density of neutrinos within reach of the shell must be the analog walk's, and the high epochs
    # a sphere replaces reach ~lam / x*^2 (tests/numerics/test_mc_acceleration.py).
    gap = p[SHBUF] * lam / (levels[j, L_X] * levels[j, L_X])
    for s in range(shells.shape[0]):
        if live[s] == 0:
            continue
        if p[EREF] <= 0.0:
            limit = min(limit, abs(r - shells[s]) - gap)
        else:
            limit = min(limit, level_shells[j, s] - gap - r)
    if limit < p[MRWMIN] * math.sqrt(v):
        return 0.0, v  # before the gradient's reach, which costs a few logarithms per call
    limit = _gradient_reach(r, lam, dlnv, limit, p)
    if limit < p[MRWMIN] * math.sqrt(v):
        return 0.0, v
    return limit, v


@njit(cache=True)
def _choose_level(r, lam, dlnv, p, levels, level_shells, shells, live):
    """The lowest threshold x* whose MRW sphere at r is usable (-1: none, follow epochs one by one)."""
    if r > p[RREDRAW]:
        return -1
    for j in range(levels.shape[0]):
        if _jump_radius(r, j, lam, dlnv, p, levels, level_shells, shells, live)[0] > 0.0:
            return j
    return -1


@njit(cache=True)
def _waiting(j, levels):
    """Number of high epochs (x > x*_j) before the next low one: geometric, P(low) = p*_j."""
    if j < 0:
        return 0.0
    if levels[j, L_PSTAR] <= 0.0:
        return math.inf  # every epoch is "high": a plain modified random walk
    return math.floor(math.log(1.0 - np.random.random()) / math.log(1.0 - levels[j, L_PSTAR]))


@njit(cache=True)
def _drifted_unit(w, bias):
    """Turn the radial unit vector ``w`` into an exit direction with density ~ 1 + bias cos(angle to
    r-hat): the first-order tilt of the exit point of a sphere of radius R0 under a drift b, bias =
    R0 b / (2 D) (the harmonic measure perturbed by b.grad).  The density has the form of the
    scattering kernel's."""
    deflect(w, kernel_cosine(min(bias, 0.999)))


@njit(cache=True)
def transport_batch(n, seed, p, shells, rows, levels, level_shells, exit_tau, exit_cdf, row_log_tau,
                    row_quantiles, tal, walk):
    """Transport ``n`` neutrinos with Numba's generator seeded by ``seed``; add each row's sums into
    ``tal`` (rows x TALLIES) and the walk's into ``walk`` (WALK_TALLIES).

    Every neutrino carries all the rows at once: its walk does not depend on the field, which enters
    only through the conversions, so each row's history is the one it would have alone, and the walk
    goes on until the neutrino has converted or escaped in every row."""
    np.random.seed(seed)
    x = np.empty(3)
    u = np.empty(3)
    w = np.empty(3)
    xc = np.empty(3)
    n_rows = rows.shape[0]
    n_shells = shells.shape[0]
    alive = np.empty(n_rows, dtype=np.bool_)
    live = np.empty(n_shells, dtype=np.int64)
    radius = np.empty(n_shells)
    gpb2 = np.empty(n_shells)
    if p[EREF] <= 0.0:
        _place_shells(1.0, p, shells, radius, gpb2)  # fixed shells, once: _epoch places them only if they move with E
    accelerated = p[ACCEL] > 0.0
    for _ in range(n):
        live[:] = 0
        for i in range(n_rows):
            alive[i] = True
            live[int(rows[i, R_SHELL])] += 1
            tal[i, T_N] += 1.0
        random_unit_vector(w)
        rb = np.random.random() ** (1.0 / 3.0)
        for k in range(3):
            x[k] = rb * w[k]
        random_unit_vector(u)
        E = 0.0
        level = _choose_level(rb, *_local_walk(rb, p), p, levels, level_shells, shells, live) if accelerated else -1
        waiting = _waiting(level, levels)
        since = 0.0  # high epochs consumed from the current count
        known = 0.0  # the count is known to have at least this many (inf: it is known exactly)
        jumped = False
        epochs = 0.0
        sphere = v = dlnv = 0.0
        while True:
            if epochs > p[MAXEP]:
                for i in range(n_rows):
                    if alive[i]:
                        tal[i, T_LOST] += 1.0
                break
            r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
            if level >= 0:
                lam, dlnv = _local_walk(r, p)
                sphere, v = _jump_radius(r, level, lam, dlnv, p, levels, level_shells, shells, live)
                if since >= known and (jumped or sphere == 0.0):
                    # All the walk knows of the count is that it has at least `since` high epochs, so
                    # the rest of it is a fresh geometric draw (the law is memoryless) and the level this
                    # position allows may replace it.
                    fresh = _choose_level(r, lam, dlnv, p, levels, level_shells, shells, live)
                    if fresh != level:
                        level = fresh
                        waiting = _waiting(level, levels)
                        since = 0.0
                        known = 0.0
                        jumped = False
                        continue
                jumped = False
            if waiting > 0.0:
                if sphere > 0.0 and waiting < p[KMIN]:
                    known = math.inf  # the count was looked at and found short: follow it to its end
                elif sphere > 0.0:
                    known = since + p[KMIN]  # jumping has looked at the count: it has at least this many
                    rms = math.sqrt(v)
                    diff = v / 6.0
                    reff = sphere + MILNE_EXTRAPOLATION * rms / math.sqrt(2.0)
                    tau_k = diff * waiting / (reff * reff)
                    drift = 0.5 * diff * dlnv  # grad(D)/2 per epoch (the module docstring)
                    if tau_k < TAU_FREE:
                        sd = math.sqrt(2.0 * diff * waiting)
                        for k in range(3):
                            x[k] += sd * np.random.normal() + drift * waiting * x[k] / r
                        random_unit_vector(u)
                        walk[W_SCAT] += p[NDRAW] * waiting
                        waiting = 0.0
                        known = math.inf
                    else:
                        # the exit is placed at the end of a whole epoch, so that leaving tells the walk
                        # only that the count has at least `since` epochs
                        spent = math.ceil(sample_exit_time(exit_tau, exit_cdf) * reff * reff / diff)
                        if spent <= waiting:
                            for k in range(3):
                                w[k] = x[k] / r
                            _drifted_unit(w, 0.5 * sphere * drift / diff)
                            for k in range(3):
                                x[k] += sphere * w[k]
                            emergent_direction(w, u)  # leaving the sphere: outward, as from a Milne half-space
                            walk[W_SCAT] += p[NDRAW] * spent
                            waiting -= spent
                            since += spent
                            jumped = True
                        else:
                            rho = sample_survivor_radius(tau_k, row_log_tau, row_quantiles) * sphere
                            random_unit_vector(w)
                            shift = min(drift * waiting, 0.5 * (sphere - rho))
                            for k in range(3):
                                x[k] += rho * w[k] + shift * x[k] / r
                            random_unit_vector(u)
                            walk[W_SCAT] += p[NDRAW] * waiting
                            waiting = 0.0
                            known = math.inf
                    walk[W_JUMPS] += 1.0
                    epochs += 1.0
                    continue
                E = _temperature(r, p) * thermal_x_above(max(levels[level, L_X], p[XMIN]))
                remaining = _epoch(x, u, E, p, shells, rows, alive, live, tal, walk, xc, radius, gpb2)
                walk[W_EPOCHS] += 1.0
                epochs += 1.0
                waiting -= 1.0
                since += 1.0
                if remaining == 0:
                    break
                continue
            if E == 0.0 or r <= p[RREDRAW]:
                T = _temperature(r, p)
                while True:
                    xe = thermal_x_below(levels[level, L_X]) if level >= 0 else thermal_x()
                    if xe >= p[XMIN]:
                        break
                E = T * xe
            remaining = _epoch(x, u, E, p, shells, rows, alive, live, tal, walk, xc, radius, gpb2)
            walk[W_EPOCHS] += 1.0
            epochs += 1.0
            if remaining == 0:
                break
            if accelerated:
                r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
                level = _choose_level(r, *_local_walk(r, p), p, levels, level_shells, shells, live)
                waiting = _waiting(level, levels)
                since = 0.0
                known = 0.0
