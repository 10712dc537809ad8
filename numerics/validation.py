"""Argument checks of the numeric layer's public functions: type first, then range.

A number is a Python ``int`` or ``float``, a NumPy integer or floating scalar, or an array (or
nested sequence) of them.  Strings, bytes, ``bool``, complex numbers and object arrays are refused
with a ``TypeError`` naming the parameter, rather than converted: ``np.asarray('10', dtype=float)``
would quietly read a string as 10.0, and ``True`` as 1.0.  Range errors are ``ValueError``s that
name the parameter and its allowed range (DESIGN convention 8).
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Iterable

import numpy as np

__all__ = ["real_array", "real_scalar", "finite_array", "finite_scalar", "positive_scalar", "require", "flag", "integer", "choice"]


def real_array(name: str, value: Any) -> np.ndarray:
    """``value`` as a float array, or ``TypeError`` where it is not made of real numbers."""
    if isinstance(value, (str, bytes, bool, np.bool_)):
        raise TypeError(f"{name} must be a real number or an array of real numbers, got {value!r}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged or otherwise not array-like
        raise TypeError(f"{name} must be a real number or an array of real numbers, got {value!r} "
                        f"({error})") from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a real number or an array of real numbers, got "
                        f"{_short(value)} (dtype {arr.dtype})")
    return arr.astype(float, copy=False)


def real_scalar(name: str, value: Any) -> float:
    """``value`` as a float, or ``TypeError`` where it is not one real number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    return float(value)


def finite_array(name: str, value: Any, *, low: float | None = None, high: float | None = None,
                 low_open: bool = False, high_open: bool = False, unit: str = "",
                 slack: float = 0.0) -> np.ndarray:
    """A finite float array within the given bounds, or an error naming ``name`` and the range.

    ``slack`` widens both bounds by that fraction of the larger bound's magnitude, for a value that
    rounding put just outside a computed bound; the message names the bounds themselves.
    """
    arr = real_array(name, value)
    tol = slack * max((abs(b) for b in (low, high) if b is not None), default=0.0)
    ok = np.isfinite(arr)
    if low is not None:
        ok &= arr > low - tol if low_open else arr >= low - tol
    if high is not None:
        ok &= arr < high + tol if high_open else arr <= high + tol
    require(name, arr, ok, _allowed(low, high, low_open, high_open, unit))
    return arr


def finite_scalar(name: str, value: Any, *, low: float | None = None, high: float | None = None,
                  low_open: bool = False, high_open: bool = False, unit: str = "") -> float:
    """One finite float within the given bounds, or an error naming ``name`` and the range."""
    v = real_scalar(name, value)
    ok = math.isfinite(v)
    if ok and low is not None:
        ok = v > low if low_open else v >= low
    if ok and high is not None:
        ok = v < high if high_open else v <= high
    if not ok:
        raise ValueError(f"{name} must be {_allowed(low, high, low_open, high_open, unit)}, got {value!r}")
    return v


def positive_scalar(name: str, value: Any, *, unit: str = "") -> float:
    """One finite float > 0, or an error naming ``name``: ``finite_scalar`` with ``low=0`` open."""
    return finite_scalar(name, value, low=0, low_open=True, unit=unit)


def require(name: str, value: Any, ok: Any, allowed: str) -> None:
    """``ValueError`` "``name`` must be ``allowed``, got <first value where ``ok`` is False>" unless
    ``ok`` (an array that broadcasts with ``value``) holds everywhere: for conditions the bounds of
    :func:`finite_array` cannot say, such as a range given by another parameter."""
    ok = np.asarray(ok)
    if not np.all(ok):
        arr, ok = np.broadcast_arrays(np.asarray(value), ok)
        raise ValueError(f"{name} must be {allowed}, got {arr[~ok].flat[0].item()!r}")


def flag(name: str, value: Any) -> bool:
    """``value`` if it is a ``bool`` (or NumPy bool), else ``TypeError``: 'yes' and 1 are not flags."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def integer(name: str, value: Any, minimum: int | None = None) -> int:
    """``value`` as an int (Python or NumPy integer, not bool), at least ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def choice(name: str, value: Any, options: Iterable[Any]) -> Any:
    """``value`` if it is one of ``options``, else ``ValueError`` listing them."""
    options = tuple(options)
    if any(type(value) is type(option) and value == option for option in options):
        return value
    raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")


def _allowed(low, high, low_open, high_open, unit) -> str:
    if low is not None and high is not None:
        text = f"finite and in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    elif low is not None:
        text = f"finite and {'>' if low_open else '>='} {low:g}"
    elif high is not None:
        text = f"finite and {'<' if high_open else '<='} {high:g}"
    else:
        text = "finite"
    return f"{text} {unit}".rstrip()


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
