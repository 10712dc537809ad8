"""Compiled transport of nubar_tau through the rsfp proto-neutron star (Secs. 4-5), one batch at a time.

Lengths are in units of the core radius R_c, energies in MeV, fields in G.  A neutrino is born uniformly
in the core with a thermal energy, flies by delta tracking (Woodcock) under a local majorant (the opacity
kappa = K0 (rho/rho_c) E^2 falls outwards, so its value at r - L bounds it over a window L), scatters with
the kernel C1 + C2 cos(theta) (Eqs. 9-11), draws a new energy every ``n_draw`` scatterings (from
x^n/(e^x + 1) at the local temperature, n = spectrum_power), converts at
each crossing of a resonance shell with P of Eq. 5 (one uniform per crossing, shared by every row on the
shell) and escapes outside its transport sphere
(numerics.rsfp.transport documents each choice).  The accelerated scheme replaces runs of high-energy
epochs by modified-random-walk jumps (numerics.montecarlo.diffusion) away from the resonance shells and
follows the low-energy epochs flight by flight; docs/rsfp.md ("The accelerated scheme") explains it.

Inputs and outputs are NumPy structured arrays with the named fields below: one PARAMETERS record, ROW
and LEVEL records, and ROW_TALLIES / WALK_TALLIES records the batch adds into.
"""

from __future__ import annotations

import math

import numpy as np

from natal.numerics.jit import njit
from natal.numerics.montecarlo.diffusion import (
    MILNE_EXTRAPOLATION, TAU_FREE, emergent_direction, sample_exit_time, sample_survivor_radius,
    survivor_tilt,
)
from natal.numerics.montecarlo.sampling import (
    exponential, normal, stream, stream_deflect, stream_kernel_cosine, stream_thermal_xn, stream_thermal_xn_above,
    stream_thermal_xn_below, stream_unit_vector, uniform,
)

__all__ = ["PARAMETERS", "ROW", "LEVEL", "ROW_TALLIES", "WALK_TALLIES", "transport_batch", "temperature",
           "optical_depth", "shell_radius"]

#: The transport's parameters, shared by every row (one record; lengths in R_c, energies in MeV):
#: K0 (kappa per R_c at rho_c and 1 MeV), rho0_ratio (rho0/rho_c), n_c, n_a, T0, n_T (Eqs. 7-8),
#: kernel_a (C2/C1), E_ref (> 0: the shells move with energy, Eq. 4), tau_esc, n_draw, x_min, r_redraw,
#: spectrum_power (n of the redraw spectrum x^n/(e^x + 1)),
#: compactness (8 pi G rho_c R_c^2 / c^2), and the acceleration's controls mrw_min, shell_buffer,
#: grad_fraction (and grad_ratio = exp(grad_fraction / 2)), min_waiting, max_epochs, accelerated (1: the
#: accelerated scheme) --
#: numerics.rsfp.transport.KickProblem documents each.
PARAMETERS = np.dtype([(name, np.float64) for name in (
    "K0", "rho0_ratio", "n_c", "n_a", "T0", "n_T", "kernel_a", "E_ref", "tau_esc", "n_draw", "x_min",
    "r_redraw", "compactness", "mrw_min", "shell_buffer", "grad_fraction", "grad_ratio", "min_waiting",
    "max_epochs", "accelerated", "spectrum_power",
)])
#: One Table 1 row carried by the neutrinos: the index of its resonance shell in the shell array, the
#: dipole's offset z0 [R_c] and moment [G R_c^3], Eq. 6's gamma / (B_perp^2 l_rho/rho) (_gamma_per_b2),
#: max_crossings: the row converts only at the neutrino's first max_crossings crossings of its shell
#: (0: at every one); after them it is carried to escape as active; and conversion_of: the first row with
#: the same shell, dipole and gamma_factor (itself if none before it), whose P of Eq. 5 it shares, so that
#: P is computed once per crossing for the rows that differ only in max_crossings
ROW = np.dtype([("shell", np.int64), ("z0", np.float64), ("moment", np.float64), ("gamma_factor", np.float64),
                ("max_crossings", np.int64), ("conversion_of", np.int64)])
#: One acceleration level: the threshold x*, p* = P(x < x*), the per-epoch variance of the walk above x*
#: (units of lambda(T)^2), the radius R_acc [R_c] beyond which x* T could escape, and rms, the square
#: root of epoch_variance
LEVEL = np.dtype([("x_star", np.float64), ("p_star", np.float64), ("epoch_variance", np.float64),
                  ("R_acc", np.float64), ("rms", np.float64)])
#: The sums each row keeps over a batch.  Beyond the momenta: uz_sterile, the sum of u_z over the
#: steriles (number-weighted dp/p); x_sterile, the sum of E / T(R_shell) at conversion;
#: first_conversions, conversions at the neutrino's first crossing of the shell; n_active and r_active,
#: the active escapes and the sum of their radii [R_c]; active_inside, the active escapes whose
#: transport sphere at their energy lies inside the resonance shell (they escape at the shell)
ROW_TALLIES = np.dtype([(name, np.float64) for name in (
    "n", "n_sterile", "E_sterile", "Ez_sterile", "E_active", "Ez_active",
    "E_sterile_redshifted", "Ez_sterile_redshifted", "E_active_redshifted", "Ez_active_redshifted",
    "crossings", "inward_conversions", "lost",
    "uz_sterile", "x_sterile", "first_conversions", "n_active", "r_active", "active_inside",
)])
#: The sums of the walk itself, shared by the rows (the work done)
WALK_TALLIES = np.dtype([(name, np.float64) for name in ("scatterings", "analog_epochs", "jumps")])


@njit(cache=True)
def _power(r, n):
    """r**n, by repeated multiplication for small integer exponents (the paper's n_c = 2, n_a = 4): the
    density is evaluated at every flight, and this keeps libm's pow out of that path."""
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
        return p.rho0_ratio - (p.rho0_ratio - 1.0) * _power(r, p.n_c)
    return 1.0 / _power(r, p.n_a)


@njit(cache=True)
def _dlnrho(r, p):
    """d ln rho / dr (core side at r = 1)."""
    if r <= 1.0:
        if r == 0.0:
            return 0.0 if p.n_c > 1.0 else -math.inf
        a = (p.rho0_ratio - 1.0) / p.rho0_ratio
        return -a * p.n_c * _power(r, p.n_c - 1.0) / (1.0 - a * _power(r, p.n_c))
    return -p.n_a / r


@njit(cache=True)
def temperature(r, p):
    """T of Eq. 8 [MeV] at r [R_c]."""
    if r <= 1.0:
        return p.T0
    return p.T0 / _power(r, p.n_T)


@njit(cache=True)
def _kappa(r, E, p):
    return p.K0 * _rho(r, p) * E * E


@njit(cache=True)
def _column(r, p):
    """int_r^inf rho/rho_c dr'."""
    outer = 1.0 / (p.n_a - 1.0)
    if r >= 1.0:
        return r / _power(r, p.n_a) * outer
    a1 = p.rho0_ratio - 1.0
    return p.rho0_ratio * (1.0 - r) - a1 * (1.0 - r * _power(r, p.n_c)) / (p.n_c + 1.0) + outer


@njit(cache=True)
def optical_depth(r, E, p):
    """The radial optical depth from r [R_c] to infinity at energy E [MeV]: K0 E^2 int_r^inf rho/rho_c dr'
    (Eqs. 7 and 9)."""
    return p.K0 * E * E * _column(r, p)


@njit(cache=True)
def _escape_radius(E, p):
    """The transport sphere at energy E: the radius outside which K0 E^2 column(r) < tau_esc (column
    falls monotonically outwards; closed form outside the core, bisection inside)."""
    target = p.tau_esc / (p.K0 * E * E)
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
    return ((p.n_a - 1.0) * target) ** (-1.0 / (p.n_a - 1.0))


@njit(cache=True)
def _redshift(r, p):
    """sqrt(1 - 2 G M(r) / (r c^2)) with M(r) the enclosed mass of Eq. 7 (compactness = 8 pi G rho_c
    R_c^2 / c^2)."""
    if r <= 0.0:
        return 1.0
    a1 = p.rho0_ratio - 1.0
    if r <= 1.0:
        m = p.rho0_ratio * r**3 / 3.0 - a1 * r ** (p.n_c + 3.0) / (p.n_c + 3.0)
    else:
        m = p.rho0_ratio / 3.0 - a1 / (p.n_c + 3.0)
        if p.n_a == 3.0:
            m += math.log(r)
        else:
            m += (r ** (3.0 - p.n_a) - 1.0) / (3.0 - p.n_a)
    return math.sqrt(max(0.0, 1.0 - p.compactness * m / r))


@njit(cache=True)
def _radius_of_rho(rho, p):
    """Eq. 7 inverted (rho in units of rho_c); -1 where rho exceeds the central density."""
    if rho > p.rho0_ratio:
        return -1.0
    if rho >= 1.0:
        a1 = p.rho0_ratio - 1.0
        return ((p.rho0_ratio - rho) / a1) ** (1.0 / p.n_c)
    return rho ** (-1.0 / p.n_a)


@njit(cache=True)
def shell_radius(E, R_res, p):
    """Radius [R_c] of the resonance shell labelled R_res at energy E [MeV] (-1: none): R_res itself
    unless E_ref > 0, when Eq. 4 at fixed m_s puts it where rho = rho(R_res) E_ref / E."""
    if p.E_ref <= 0.0:
        return R_res
    return _radius_of_rho(_rho(R_res, p) * p.E_ref / E, p)


@njit(cache=True)
def _gamma_per_b2(R, p):
    """gamma / (B_perp^2 x gamma_factor) on a shell of radius R (Eq. 6: gamma ~ B_perp^2 l_rho / rho;
    gamma_factor, per row, is Eq. 6's coefficient at B_perp = 1 G, rho = rho_c and l_rho = R_c)."""
    slope = abs(_dlnrho(R, p))
    if slope == 0.0:
        return math.inf
    return 1.0 / (slope * _rho(R, p))


@njit(cache=True)
def _conversion(xc, u, gpb2, row):
    """P of Eq. 5 at the crossing point xc for direction u (decentred dipole along +z at z0)."""
    dx, dy, dz = xc[0], xc[1], xc[2] - row.z0
    d2 = dx * dx + dy * dy + dz * dz
    d = math.sqrt(d2)
    nz = dz / d
    scale = row.moment / (d2 * d)
    bx = 3.0 * dx / d * nz * scale
    by = 3.0 * dy / d * nz * scale
    bz = (3.0 * nz * nz - 1.0) * scale
    bu = bx * u[0] + by * u[1] + bz * u[2]
    bperp2 = max(0.0, bx * bx + by * by + bz * bz - bu * bu)
    return -math.expm1(-0.5 * math.pi * gpb2 * row.gamma_factor * bperp2)


@njit(cache=True)
def _place_shells(E, p, shells, radius, gpb2):
    """Each shell's radius at energy E and its gamma / (B_perp^2 x gamma_factor) there."""
    for s in range(shells.shape[0]):
        radius[s] = shell_radius(E, shells[s], p)
        gpb2[s] = _gamma_per_b2(radius[s], p) if radius[s] > 0.0 else 0.0


#: the delta-tracking window in local mean free paths (see _epoch); any positive value is exact, a few
#: mean free paths keep both the null collisions and the window's truncated flights rare
WINDOW_MFP = 8.0


@njit(cache=True)
def _band(r, radius, live, convertible, r_esc):
    """(lo, hi): the shells where a row may still convert nearest to r below (lo, -inf if none) and above
    it (hi), hi also capped by every live row's escape threshold max(R, r_esc).  A flight of length step
    from r with r - step > lo and r + step < hi can neither cross a shell where it could convert nor end
    where an active neutrino escapes."""
    lo = -math.inf
    hi = math.inf
    for s in range(radius.shape[0]):
        if live[s] == 0:
            continue
        R = radius[s]
        hi = min(hi, max(R, r_esc))
        if R > 0.0 and convertible[s] > 0:
            if R <= r:
                lo = max(lo, R)
            else:
                hi = min(hi, R)
    return lo, hi


@njit(cache=True)
def _epoch(x, u, E, p, shells, rows, by_shell, shell_start, alive, live, convertible, crossed, p_row, tal, walk, xc,
           radius, gpb2, st):
    """Follow n_draw real scatterings at energy E for every row still alive.  Returns the number of
    rows still alive (0: the neutrino has converted or escaped in every row).  ``crossed`` counts the
    neutrino's crossings of each shell so far; the rows of shell s are by_shell[shell_start[s]:
    shell_start[s + 1]] (_rows_by_shell); ``p_row`` holds a crossing's P per conversion_of row.
    ``live[s]`` counts shell s's rows still alive, ``convertible[s]`` those of them that may still convert
    (a row past its max_crossings only waits for its escape); a row's ``crossings`` tally counts the
    crossings at which it may convert.

    One uniform decides every row's conversion at a crossing (converted if U < P of the row, Eq. 5):
    each row still sees an independent uniform per crossing, and rows that differ only in max_crossings
    see the same ones, so on every walk a row allowed more crossings converts whenever one allowed
    fewer does (the crossing-order table's fs grows with k neutrino by neutrino).

    Flights by delta tracking: kappa ~ rho(r) falls outwards, so over a flight of at most ``window``
    kappa(r - window) bounds it; a flight sampled longer than the window stops at its end without
    scattering (memoryless, so exact).  The window is the smaller of 0.03 + 0.06 r and WINDOW_MFP local
    mean free paths.  Shells and escape are looked at only when a flight could reach them (_band)."""
    n_shells = shells.shape[0]
    r_esc = _escape_radius(E, p)
    moving = p.E_ref > 0.0
    if moving:  # the shells at this energy; their gamma / B_perp^2 only where one is crossed
        for s in range(n_shells):
            radius[s] = shell_radius(E, shells[s], p)
    remaining = 0
    for s in range(n_shells):
        remaining += live[s]
    kE = p.K0 * E * E
    a = p.kernel_a
    n_draw = int(p.n_draw)
    real = 0
    r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
    lo, hi = _band(r, radius, live, convertible, r_esc)
    k_here = kE * _rho(r, p)
    while real < n_draw:
        window = min(0.03 + 0.06 * r, WINDOW_MFP / k_here)
        kmaj = kE * _rho(max(r - window, 0.0), p)
        step_length = exponential(st) / kmaj
        step = step_length if step_length < window else window
        if r - step > lo and r + step < hi:
            for k in range(3):
                x[k] += step * u[k]
            r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
        else:
            b = x[0] * u[0] + x[1] * u[1] + x[2] * u[2]
            for s in range(n_shells):
                R = radius[s]
                # a flight of length step changes the distance from the centre by at most step
                if convertible[s] == 0 or R <= 0.0 or abs(r - R) > step:
                    continue
                disc = b * b - (r * r - R * R)
                if disc <= 0.0:
                    continue
                sq = math.sqrt(disc)
                g = _gamma_per_b2(R, p) if moving else gpb2[s]
                for t in (-b - sq, -b + sq):
                    if t > 0.0 and t <= step and convertible[s] > 0:
                        for k in range(3):
                            xc[k] = x[k] + t * u[k]
                        inward = xc[0] * u[0] + xc[1] * u[1] + xc[2] * u[2] < 0.0
                        crossed[s] += 1
                        c = crossed[s]
                        draw = uniform(st)
                        for j in range(shell_start[s], shell_start[s + 1]):
                            p_row[by_shell[j]] = -1.0  # not yet computed at this crossing
                        for j in range(shell_start[s], shell_start[s + 1]):
                            i = by_shell[j]
                            if not alive[i]:
                                continue
                            k = rows[i].max_crossings
                            if k > 0 and c > k:
                                continue  # past its crossings: only carried to escape
                            tal[i].crossings += 1.0
                            same = rows[i].conversion_of
                            if p_row[same] < 0.0:
                                p_row[same] = _conversion(xc, u, g, rows[same])
                            if draw < p_row[same]:
                                z = _redshift(R, p)
                                tal[i].n_sterile += 1.0
                                tal[i].uz_sterile += u[2]
                                tal[i].x_sterile += E / temperature(R, p)
                                if c == 1:
                                    tal[i].first_conversions += 1.0
                                tal[i].E_sterile += E
                                tal[i].Ez_sterile += E * u[2]
                                tal[i].E_sterile_redshifted += E * z
                                tal[i].Ez_sterile_redshifted += E * z * u[2]
                                if inward:
                                    tal[i].inward_conversions += 1.0
                                alive[i] = False
                                live[s] -= 1
                                convertible[s] -= 1
                                remaining -= 1
                            elif k > 0 and c == k:
                                convertible[s] -= 1  # its last crossing: no jump need keep clear of s for it
                if remaining == 0:
                    walk.scatterings += real
                    return 0
            for k in range(3):
                x[k] += step * u[k]
            rn = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
            if x[0] * u[0] + x[1] * u[1] + x[2] * u[2] > 0.0:
                for s in range(n_shells):
                    if live[s] == 0 or rn <= max(radius[s], r_esc):
                        continue
                    z = _redshift(rn, p)
                    inside = 1.0 if r_esc < radius[s] else 0.0
                    for j in range(shell_start[s], shell_start[s + 1]):
                        i = by_shell[j]
                        if alive[i]:
                            tal[i].n_active += 1.0
                            tal[i].r_active += rn
                            tal[i].active_inside += inside
                            tal[i].E_active += E
                            tal[i].Ez_active += E * u[2]
                            tal[i].E_active_redshifted += E * z
                            tal[i].Ez_active_redshifted += E * z * u[2]
                            alive[i] = False
                    remaining -= live[s]
                    live[s] = 0
                    convertible[s] = 0
                if remaining == 0:
                    walk.scatterings += real
                    return 0
            r = rn
            lo, hi = _band(r, radius, live, convertible, r_esc)
        k_here = kE * _rho(r, p)
        if step_length >= window:
            continue
        if uniform(st) * kmaj < k_here:
            real += 1
            stream_deflect(st, u, stream_kernel_cosine(st, a))
    walk.scatterings += real
    return remaining


@njit(cache=True)
def _lam(r, p):
    """The mean free path at the local temperature, lambda = lam / x^2 (lam ~ 1/(rho T^2))."""
    T = temperature(r, p)
    return 1.0 / (p.K0 * _rho(r, p) * T * T)


@njit(cache=True)
def _local_walk(r, p):
    """The scales every level's sphere at r shares: lam (_lam) and d ln v / dr of the per-epoch
    variance v ~ lam^2 (v grows outwards)."""
    dlnv = -2.0 * (_dlnrho(r, p) + 2.0 * (-p.n_T / r if r > 1.0 else 0.0))
    return _lam(r, p), dlnv


@njit(cache=True)
def _gradient_reach(r, lam, start, p):
    """The largest radius <= start of a sphere at r across which ln v changes by at most grad_fraction
    on either side (start: the candidate radius, already capped by grad_fraction / (d ln v / dr)).  The
    slope at r alone is not enough: d ln v / dr grows outwards through the core and jumps at its edge, so
    a sphere sized by the slope at its centre would reach into matter where the walk is faster than the
    jump assumes.  The test 2 |ln ratio| <= grad_fraction is made as ratio <= grad_ratio (exp(grad_fraction
    / 2)), without a logarithm."""
    limit = start
    for _ in range(8):
        up = _lam(r + limit, p) / lam
        down = lam / _lam(max(r - limit, 0.0), p)
        ratio = max(up, 1.0 / up, down, 1.0 / down)
        if ratio <= p.grad_ratio:
            return limit
        limit *= 0.9 * p.grad_fraction / (2.0 * math.log(ratio))
    return limit


@njit(cache=True)
def _shell_limit(r, j, lam, p, levels, level_shells, shells, convertible):
    """Level j's sphere at r before the gradient's reach: the radius that R_acc, r_redraw and the gap from
    the shells where a row may still convert allow (<= 0: none), and the smallest usable radius, mrw_min per-epoch rms
    displacements (lam x the level's rms)."""
    threshold = p.mrw_min * lam * levels[j].rms
    limit = min(levels[j].R_acc, p.r_redraw) - r
    if limit <= 0.0:
        return 0.0, threshold
    # No jump within shell_buffer mean free paths at the level's threshold energy x* T of a shell where
    # a row may still convert (a row past its max_crossings only waits to escape, in a low epoch): crossings are weighted by flight length (~ E^-2), so the density of neutrinos
    # within reach of the shell must be the analog walk's, and the high epochs a sphere replaces reach
    # ~lam / x*^2.
    gap = p.shell_buffer * lam / (levels[j].x_star * levels[j].x_star)
    for s in range(shells.shape[0]):
        if convertible[s] == 0:
            continue
        if p.E_ref <= 0.0:
            limit = min(limit, abs(r - shells[s]) - gap)
        else:
            limit = min(limit, level_shells[j, s] - gap - r)
    return limit, threshold


@njit(cache=True)
def _jump_radius(r, j, lam, dlnv, p, levels, level_shells, shells, convertible):
    """Largest MRW sphere at r for level j (0 where none is allowed or it would be smaller than mrw_min
    per-epoch rms displacements) and the per-epoch variance v there; lam and dlnv from _local_walk."""
    rms = lam * levels[j].rms
    limit, threshold = _shell_limit(r, j, lam, p, levels, level_shells, shells, convertible)
    if limit <= 0.0 or limit < threshold:
        return 0.0, rms * rms  # before the gradient's reach, which costs a few profile evaluations per call
    limit = _gradient_reach(r, lam, min(limit, p.grad_fraction / dlnv) if dlnv > 0.0 else limit, p)
    if limit < threshold or limit <= 0.0:
        return 0.0, rms * rms
    return limit, rms * rms


@njit(cache=True)
def _choose_level(r, lam, dlnv, p, levels, level_shells, shells, convertible):
    """(j, sphere, v): the lowest threshold x* whose MRW sphere at r is usable (j = -1: none, follow
    epochs one by one), that is the first level for which _jump_radius is positive, with what
    _jump_radius gives for it.  Levels whose candidate radius is the same share one gradient reach (it
    depends on nothing else), and fixed shells' distance from r is found once for all levels."""
    if r > p.r_redraw:
        return -1, 0.0, 0.0
    nearest = math.inf
    if p.E_ref <= 0.0:
        for s in range(shells.shape[0]):
            if convertible[s] > 0:
                nearest = min(nearest, abs(r - shells[s]))
    last_start = -1.0
    reach = 0.0
    for j in range(levels.shape[0]):
        if p.E_ref <= 0.0:
            threshold = p.mrw_min * lam * levels[j].rms
            limit = min(levels[j].R_acc, p.r_redraw) - r
            if limit <= 0.0:
                continue
            limit = min(limit, nearest - p.shell_buffer * lam / (levels[j].x_star * levels[j].x_star))
        else:
            limit, threshold = _shell_limit(r, j, lam, p, levels, level_shells, shells, convertible)
        if limit <= 0.0 or limit < threshold:
            continue
        start = min(limit, p.grad_fraction / dlnv) if dlnv > 0.0 else limit
        if start != last_start:
            reach = _gradient_reach(r, lam, start, p)
            last_start = start
        if reach > 0.0 and reach >= threshold:
            rms = lam * levels[j].rms
            return j, reach, rms * rms
    return -1, 0.0, 0.0


@njit(cache=True)
def _waiting(j, levels, st):
    """Number of high epochs (x > x*_j) before the next low one: geometric, P(low) = p*_j."""
    if j < 0:
        return 0.0
    if levels[j].p_star <= 0.0:
        return math.inf  # every epoch is "high": a plain modified random walk
    return math.floor(math.log(1.0 - uniform(st)) / math.log(1.0 - levels[j].p_star))


@njit(cache=True)
def _drifted_unit(w, bias, st):
    """Turn the radial unit vector ``w`` into a direction with density ~ 1 + bias cos(angle to r-hat),
    a first-order tilt (|bias| < 1) in |grad ln D| (numerics.montecarlo.diffusion): for a survivor at rho,
    bias = |grad ln D| rho c(rho, tau); for an exit point at R0 at the exit time tau,
    bias = |grad ln D| R0 (1 + c(1, tau)).  The density has the form of the scattering kernel's."""
    stream_deflect(st, w, stream_kernel_cosine(st, max(-0.999, min(bias, 0.999))))


@njit(cache=True)
def _rows_by_shell(rows, n_shells):
    """(by_shell, shell_start): the row indices grouped by shell, in row order within a shell, with
    shell s's rows at by_shell[shell_start[s]:shell_start[s + 1]] -- a crossing or an escape visits only
    its shell's rows."""
    shell_start = np.zeros(n_shells + 1, dtype=np.int64)
    for i in range(rows.shape[0]):
        shell_start[rows[i].shell + 1] += 1
    for s in range(n_shells):
        shell_start[s + 1] += shell_start[s]
    by_shell = np.empty(rows.shape[0], dtype=np.int64)
    filled = shell_start[:-1].copy()
    for i in range(rows.shape[0]):
        by_shell[filled[rows[i].shell]] = i
        filled[rows[i].shell] += 1
    return by_shell, shell_start


@njit(cache=True)
def transport_batch(n, seed, p, shells, rows, levels, level_shells, exit_tau, exit_cdf, row_log_tau,
                    row_quantiles, row_tilt, tal, walk_tallies):
    """Transport ``n`` neutrinos with Numba's generator seeded by ``seed``; add each row's sums into
    ``tal`` (one ROW_TALLIES record per row) and the walk's into ``walk_tallies[0]`` (WALK_TALLIES).

    ``p``: a PARAMETERS record; ``shells``: the resonance radii [R_c] the rows refer to; ``rows``: ROW
    records; ``levels``: LEVEL records (ascending x*) and ``level_shells`` (levels x shells) the innermost
    radius of each shell for the level's energies; the rest: numerics.montecarlo.diffusion's tables.

    Every neutrino carries all the rows at once: its walk does not depend on the field, which enters
    only through the conversions, so each row's history is the one it would have alone, and the walk
    goes on until the neutrino has converted or escaped in every row."""
    np.random.seed(seed)  # the diffusion tables' samplers (jumps) draw from np.random
    st = stream(seed)  # everything else from this xoshiro256+ stream
    walk = walk_tallies[0]
    x = np.empty(3)
    u = np.empty(3)
    w = np.empty(3)
    xc = np.empty(3)
    n_rows = rows.shape[0]
    n_shells = shells.shape[0]
    alive = np.empty(n_rows, dtype=np.bool_)
    live = np.empty(n_shells, dtype=np.int64)
    convertible = np.empty(n_shells, dtype=np.int64)
    crossed = np.empty(n_shells, dtype=np.int64)
    by_shell, shell_start = _rows_by_shell(rows, n_shells)
    p_row = np.empty(n_rows)
    radius = np.empty(n_shells)
    gpb2 = np.empty(n_shells)
    if p.E_ref <= 0.0:
        _place_shells(1.0, p, shells, radius, gpb2)  # fixed shells, once: _epoch places them only if they move with E
    accelerated = p.accelerated > 0.0
    power = int(p.spectrum_power)
    for _ in range(n):
        live[:] = 0
        crossed[:] = 0
        for i in range(n_rows):
            alive[i] = True
            live[rows[i].shell] += 1
            tal[i].n += 1.0
        convertible[:] = live
        stream_unit_vector(st, w)
        rb = uniform(st) ** (1.0 / 3.0)
        for k in range(3):
            x[k] = rb * w[k]
        stream_unit_vector(st, u)
        E = 0.0
        # where the level was just chosen at the position the loop looks at next, its sphere is known:
        # (c_r, lam, dlnv, sphere, v) of the last choice, used when r == c_r
        c_r = -1.0
        c_lam = c_dlnv = c_sphere = c_v = lam = 0.0
        level = -1
        if accelerated:
            lam, dlnv = _local_walk(rb, p)
            level, c_sphere, c_v = _choose_level(rb, lam, dlnv, p, levels, level_shells, shells, convertible)
            c_r, c_lam, c_dlnv = rb, lam, dlnv
        waiting = _waiting(level, levels, st)
        since = 0.0  # high epochs consumed from the current count
        known = 0.0  # the count is known to have at least this many (inf: it is known exactly)
        jumped = False
        epochs = 0.0
        sphere = v = dlnv = 0.0
        while True:
            if epochs > p.max_epochs:
                for i in range(n_rows):
                    if alive[i]:
                        tal[i].lost += 1.0
                break
            r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
            if level >= 0:
                if r == c_r:
                    lam, dlnv, sphere, v = c_lam, c_dlnv, c_sphere, c_v
                else:
                    lam, dlnv = _local_walk(r, p)
                    sphere, v = _jump_radius(r, level, lam, dlnv, p, levels, level_shells, shells, convertible)
                c_r = -1.0
                if since >= known and (jumped or sphere == 0.0):
                    # All the walk knows of the count is that it has at least `since` high epochs, so
                    # the rest of it is a fresh geometric draw (the law is memoryless) and the level this
                    # position allows may replace it.
                    fresh, c_sphere, c_v = _choose_level(r, lam, dlnv, p, levels, level_shells, shells, convertible)
                    if fresh != level:
                        c_r, c_lam, c_dlnv = r, lam, dlnv
                        level = fresh
                        waiting = _waiting(level, levels, st)
                        since = 0.0
                        known = 0.0
                        jumped = False
                        continue
                jumped = False
            if waiting > 0.0:
                if sphere > 0.0 and waiting < p.min_waiting:
                    known = math.inf  # the count was looked at and found short: follow it to its end
                elif sphere > 0.0:
                    known = since + p.min_waiting  # jumping has looked at the count: it has at least this many
                    rms = math.sqrt(v)
                    diff = v / 6.0
                    reff = sphere + MILNE_EXTRAPOLATION * rms / math.sqrt(2.0)
                    tau_k = diff * waiting / (reff * reff)
                    drift = 0.5 * diff * dlnv  # grad(D)/2 per epoch (docs/rsfp.md, "The accelerated scheme")
                    if tau_k < TAU_FREE:
                        sd = math.sqrt(2.0 * diff * waiting)
                        for k in range(3):
                            x[k] += sd * normal(st) + drift * waiting * x[k] / r
                        stream_unit_vector(st, u)
                        walk.scatterings += p.n_draw * waiting
                        waiting = 0.0
                        known = math.inf
                    else:
                        # the exit is placed at the end of a whole epoch, so that leaving tells the walk
                        # only that the count has at least `since` epochs
                        tau_exit = sample_exit_time(exit_tau, exit_cdf)
                        spent = math.ceil(tau_exit * reff * reff / diff)
                        if spent <= waiting:
                            # tilted as the paths that leave at tau_exit are: the outer ones early, the
                            # inner ones late (diffusion.survivor_tilt at the wall; over all exit times the
                            # drift's harmonic measure, 1 + R0 |grad ln D| cos(theta) / 4)
                            for k in range(3):
                                w[k] = x[k] / r
                            _drifted_unit(w, dlnv * reff * (1.0 + survivor_tilt(tau_exit, 1.0, row_log_tau, row_tilt)), st)
                            for k in range(3):
                                x[k] += sphere * w[k]
                            emergent_direction(w, u)  # leaving the sphere: outward, as from a Milne half-space
                            walk.scatterings += p.n_draw * spent
                            waiting -= spent
                            since += spent
                            jumped = True
                        else:
                            # a survivor: the driftless law of its radius, its direction tilted to first
                            # order in grad ln D (diffusion.survivor_tilt: inwards once tau >~ 0.07, the
                            # outer paths having left sooner); not shifted by the free walk's b t
                            unit = sample_survivor_radius(tau_k, row_log_tau, row_quantiles)
                            rho = unit * sphere
                            for k in range(3):
                                w[k] = x[k] / r
                            _drifted_unit(w, dlnv * reff * unit * survivor_tilt(tau_k, unit, row_log_tau, row_tilt), st)
                            for k in range(3):
                                x[k] += rho * w[k]
                            stream_unit_vector(st, u)
                            walk.scatterings += p.n_draw * waiting
                            waiting = 0.0
                            known = math.inf
                    walk.jumps += 1.0
                    epochs += 1.0
                    continue
                E = temperature(r, p) * stream_thermal_xn_above(st, max(levels[level].x_star, p.x_min), power)
                remaining = _epoch(x, u, E, p, shells, rows, by_shell, shell_start, alive, live, convertible, crossed, p_row,
                                   tal, walk,
                                   xc, radius, gpb2, st)
                walk.analog_epochs += 1.0
                epochs += 1.0
                waiting -= 1.0
                since += 1.0
                if remaining == 0:
                    break
                continue
            if E == 0.0 or r <= p.r_redraw:
                T = temperature(r, p)
                while True:
                    if level >= 0:
                        xe = stream_thermal_xn_below(st, levels[level].x_star, power)
                    else:
                        xe = stream_thermal_xn(st, power)
                    if xe >= p.x_min:
                        break
                E = T * xe
            remaining = _epoch(x, u, E, p, shells, rows, by_shell, shell_start, alive, live, convertible, crossed, p_row,
                                   tal, walk,
                                   xc, radius, gpb2, st)
            walk.analog_epochs += 1.0
            epochs += 1.0
            if remaining == 0:
                break
            if accelerated:
                r = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
                lam, dlnv = _local_walk(r, p)
                level, c_sphere, c_v = _choose_level(r, lam, dlnv, p, levels, level_shells, shells, convertible)
                c_r, c_lam, c_dlnv = r, lam, dlnv
                waiting = _waiting(level, levels, st)
                since = 0.0
                known = 0.0
