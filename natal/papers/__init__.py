"""natal's own paper packs (``mag``, ``nuN``, ``rsfp``), registered through the ``natal.papers`` entry
points in pyproject.toml like any other pack (see :mod:`natal.packs`)."""
