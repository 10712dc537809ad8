"""Numba's ``njit`` for natal's kernels, with Numba's cache of compiled code pointed at natal's cache
folder first (:func:`natal.cachedir.use_for_numba`): importing a kernel module is where its
``cache=True`` kernels are decorated, so this is where the folder is set, not ``import natal``."""

from numba import njit

from natal.cachedir import use_for_numba

use_for_numba()

__all__ = ["njit"]
