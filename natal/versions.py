"""Installed versions of distributions, for cache keys and reports (standard library only)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["installed", "package_versions"]


def installed(distribution: str, missing: str = "absent") -> str:
    """The installed version of ``distribution``, or ``missing`` where it is not installed."""
    try:
        return version(distribution)
    except PackageNotFoundError:
        return missing


def package_versions(*distributions: str) -> dict[str, str]:
    """Installed version of each distribution, ``"absent"`` where it is not installed."""
    return {name: installed(name) for name in distributions}
