"""Reports are written whole or not at all, as strict JSON, whatever numbers and text they hold."""

from __future__ import annotations

import json
import math
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natal.report import Quantity, Report, json_text

NUMBERS = st.floats(allow_nan=True, allow_infinity=True)
TEXT = st.text(max_size=20)


def _strict(text: str):
    """json.loads that refuses NaN and Infinity tokens, as strict JSON readers do."""
    def refuse(token):
        raise ValueError(f"non-standard JSON token {token}")
    return json.loads(text, parse_constant=refuse)


@given(values=st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
                              st.tuples(NUMBERS, st.one_of(st.none(), NUMBERS), TEXT), max_size=5),
       table=st.recursive(NUMBERS | TEXT | st.none(), lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.from_regex(r"[a-z]{1,4}", fullmatch=True), inner, max_size=3),
                          max_leaves=10))
def test_any_report_is_written_as_strict_json(tmp_path_factory, values, table):
    r = Report("toy", "a toy report")
    for name, (value, paper, note) in values.items():
        r.quantities[name] = Quantity(value, paper, "1", "analytic", note)
    r.tables["t"] = table
    out = tmp_path_factory.mktemp("report")
    js, md, page = r.write(out)
    doc = _strict(js.read_text())
    assert set(doc["quantities"]) == set(values) and md.read_text().startswith("# natal reproduction")
    assert page.read_text().startswith("<!DOCTYPE html>")
    for name, (value, _, _) in values.items():
        v = doc["quantities"][name]["value"]
        assert (v == value) if math.isfinite(value) else (v is None and f"/quantities/{name}/value" in doc["non_finite"])
    assert sorted(os.listdir(out)) == ["report.html", "report.json", "report.md"]  # no temporary file left


def test_a_failed_write_leaves_the_old_report_whole(tmp_path, monkeypatch):
    old = Report("toy", "old")
    old.quantities["x"] = Quantity(1.0, 1.0, "1", "analytic")
    old.write(tmp_path)
    before = {p.name: p.read_text() for p in tmp_path.iterdir()}

    class Full(Exception):
        pass

    def disk_full(*args, **kwargs):
        raise Full("no space left")

    monkeypatch.setattr("natal.files.os.fsync", disk_full)
    new = Report("toy", "new")
    new.quantities["x"] = Quantity(2.0, 1.0, "1", "analytic")
    with pytest.raises(Full):
        new.write(tmp_path)
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == before


def test_a_report_that_cannot_be_rendered_touches_no_file(tmp_path):
    r = Report("toy", "bad")
    r.quantities["x"] = Quantity(1.0, 1.0, "1", "analytic")
    r.tables["t"] = {"not serialisable": object()}
    with pytest.raises(TypeError):
        r.write(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_json_text_marks_non_finite_numbers():
    doc = _strict(json_text({"a": [1.0, float("nan")], "b": {"c": float("-inf")}, "d": 2}))
    assert doc == {"a": [1.0, None], "b": {"c": None}, "d": 2, "non_finite": ["/a/1", "/b/c"]}
