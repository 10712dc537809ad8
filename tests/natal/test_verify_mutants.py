"""The mutation test over every registered check (validation tier: it re-runs every check per mutant).

Every ``agrees`` and ``differs`` verdict must catch each of its mutants (at least five per check);
for a ``differs`` verdict the corrected form, put in the print's place, must agree.  The last run's
report is committed as validation/verify_mutants.json (``natal verify --mutants --json
validation/verify_mutants.json``).
"""

import pytest

from natal import verify


@pytest.mark.validation
def test_every_check_catches_its_mutants():
    records = verify.run(mutants=True)
    derived = [r for r in records if r["status"] in ("agrees", "differs")]
    assert derived and not [r["id"] for r in records if r["status"] == "error"]
    for rec in derived:
        m = rec["mutants"]
        assert m["tried"] >= 5 and m["uncaught"] == [], (rec["id"], m)
        assert "cached_reads" not in m, (rec["id"], m["cached_reads"])
        if rec["status"] == "differs":
            assert m["corrected_passes"], rec["id"]
