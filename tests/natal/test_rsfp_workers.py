"""rsfp's Monte Carlo on any number of local workers: ``--workers`` works, and the tallies are the same
bit for bit serially and on 1, 2 or 4 workers (the README's claim)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from natal import cli
from natal.derivations.printed.rsfp_data import TABLE1
from natal.numerics.montecarlo import run_batches
from natal.numerics.rsfp.transport import KickRows, transport_task
from natal.papers.rsfp import reproduce as rsfp

pytest.importorskip("distributed")


@pytest.mark.slow
def test_reproduce_runs_on_the_local_workers_asked_for(tmp_path, monkeypatch):
    monkeypatch.setenv("NATAL_NO_PROGRESS", "1")
    argv = ["reproduce", "--paper", "rsfp", "--n", "16", "--no-variants", "--quiet", "--out"]
    assert cli.main([*argv, str(tmp_path / "local"), "--workers", "1"]) == 0
    assert cli.main([*argv, str(tmp_path / "serial"), "--scheduler", "serial"]) == 0
    local, serial = (json.loads((tmp_path / d / "report.json").read_text()) for d in ("local", "serial"))
    assert (local["settings"]["scheduler"], local["settings"]["workers"]) == ("local dask cluster", 1)
    assert (serial["settings"]["scheduler"], serial["settings"]["workers"]) == ("serial", 1)
    assert local["settings"]["batch size"] == 2  # n // 8: the batches the errors rest on
    assert local["tables"]["table1"] == serial["tables"]["table1"]


@pytest.fixture(scope="module")
def table1_serial():
    """Table 1's 20 rows on 240 neutrinos in 8 batches, in this process."""
    return _table1(scheduler="serial")


def _table1(**where):
    rows = KickRows(tuple(rsfp.table1_problem(row) for row in TABLE1))
    return run_batches(transport_task, rows, 240, batch_size=30, root_seed=rsfp.Statistics().seed,
                       progress=False, **where)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_table1_tallies_do_not_depend_on_the_number_of_workers(table1_serial, workers):
    res = _table1(scheduler="local", workers=workers)
    assert res.n_batches == table1_serial.n_batches == 8
    assert res.per_batch.keys() == table1_serial.per_batch.keys()
    for name, tally in table1_serial.per_batch.items():
        assert np.array_equal(res.per_batch[name], tally), name
