"""Crossing order and the regime tallies of the rsfp kernel (numerics.rsfp.kernels): rows limited to a
neutrino's first k crossings of their shell, carried on one walk with the row they limit."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from natal.numerics.rsfp import kernels
from natal.numerics.rsfp.transport import KickProblem, KickRows, row_arrays, transport_task

ORDERS = (1, 2, 3, 5, 0)  # 0: every crossing


def _batch(problems, seed, n=1):
    """The kernel's row tallies on ``problems`` (one walk) for ``n`` neutrinos, one array per tally."""
    return transport_task(KickRows(problems), seed=seed, n=n)


@pytest.fixture(scope="module")
def per_neutrino():
    """One neutrino per seed, 120 seeds: the five crossing orders of a strong row (fs ~ 0.6) on one walk,
    and the unlimited row alone on the same seeds."""
    rows = tuple(KickProblem(1.5, 6e15, 0.4, max_crossings=k) for k in ORDERS)
    carried = [_batch(rows, seed) for seed in range(120)]
    alone = [_batch(rows[-1:], seed) for seed in range(120)]
    return carried, alone


def test_a_row_allowed_more_crossings_converts_whenever_one_allowed_fewer_does(per_neutrino):
    carried, _ = per_neutrino
    converted = np.array([tal["n_sterile"] for tal in carried])  # (seeds, orders), each 0 or 1
    assert np.all(np.diff(converted, axis=1) >= 0)
    # the orders differ somewhere: neutrinos converting only at a later crossing exist
    assert converted[:, 0].sum() < converted[:, -1].sum()
    assert converted[:, 0].sum() > 0


def test_every_crossing_is_the_plain_row_to_the_bit(per_neutrino):
    # carrying the limited rows beside it changes nothing in the unlimited row's own history
    carried, alone = per_neutrino
    for tal, own in zip(carried, alone):
        for name in kernels.ROW_TALLIES.names:
            assert tal[name][-1] == own[name][0], name


def test_a_first_crossing_row_converts_only_at_the_first_crossing(per_neutrino):
    carried, _ = per_neutrino
    sums = {name: np.array([sum(tal[name][j] for tal in carried) for j in range(len(ORDERS))])
            for name in kernels.ROW_TALLIES.names}
    assert np.array_equal(sums["first_conversions"], np.full(len(ORDERS), sums["n_sterile"][0]))
    # rows end as sterile, active or lost; the active escapes' transport sphere is counted once each
    assert np.array_equal(sums["n_sterile"] + sums["n_active"] + sums["lost"], sums["n"])
    assert np.all(sums["active_inside"] <= sums["n_active"])


def test_regime_tallies_are_where_the_walk_puts_them():
    tal = transport_task(KickRows((KickProblem(1.8, 3e15, 0.3), KickProblem(0.8, 8e15, 0.2))), seed=5, n=60)
    for i, rres in enumerate((1.8, 0.8)):
        assert tal["n_active"][i] > 0 and tal["n_sterile"][i] > 0
        assert tal["r_active"][i] / tal["n_active"][i] > rres  # an active neutrino leaves outside its shell
        assert 0 < tal["x_sterile"][i] / tal["n_sterile"][i] < 20  # E/T at the shell of a thermal draw
        assert abs(tal["uz_sterile"][i]) <= tal["n_sterile"][i]


def test_a_flux_redraw_raises_the_mean_energy_at_conversion():
    # the same row redrawn from x^3 instead of x^2: the converted neutrinos' E/T(R_res) goes up
    number = transport_task(KickProblem(1.5, 6e15, 0.4), seed=8, n=200)
    flux = transport_task(KickProblem(1.5, 6e15, 0.4, redraw_spectrum="flux"), seed=8, n=200)
    assert flux["x_sterile"] / flux["n_sterile"] > number["x_sterile"] / number["n_sterile"]


def test_rows_allowed_more_crossings_than_any_neutrino_makes_are_the_plain_rows_to_the_bit():
    # they share the plain rows' conversion probability (ROW.conversion_of) and uniforms, and never
    # reach their last crossing, so they hold their shells for the acceleration exactly as the plain rows do
    plain = tuple(KickProblem(*row) for row in ((0.8, 8e15, 0.5), (1.5, 4e15, 0.3)))
    never = tuple(replace(q, max_crossings=10**9) for q in plain)
    both = transport_task(KickRows(plain + never), seed=31, n=40)
    for name in kernels.ROW_TALLIES.names:
        assert np.array_equal(both[name][:2], both[name][2:]), name
    _, rows = row_arrays(plain + never)
    assert list(rows["conversion_of"]) == [0, 1, 0, 1]
