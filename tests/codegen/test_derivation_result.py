"""Derivation refuses results whose inputs and expressions do not match (DESIGN convention 2)."""

from __future__ import annotations

import pytest
import sympy as sp

from natal.derivations.result import Derivation, DerivationError

x, y = sp.symbols("x y", real=True)


def test_symbol_missing_from_inputs():
    with pytest.raises(DerivationError, match="missing from inputs: y"):
        Derivation(name="t.missing", ref="r", inputs=(x,), outputs=(("f", x * y),))


def test_input_no_output_uses():
    with pytest.raises(DerivationError, match="no output uses: y"):
        Derivation(name="t.extra", ref="r", inputs=(x, y), outputs=(("f", x**2),))


def test_repeated_input_name():
    with pytest.raises(DerivationError, match="repeated: x"):
        Derivation(name="t.repeat", ref="r", inputs=(x, sp.Symbol("x")),
                   outputs=(("f", x + sp.Symbol("x")),))


def test_consistent_result_keeps_order():
    d = Derivation(name="t.ok", ref="r", inputs=(y, x), outputs=(("f", x - y), ("g", x)))
    assert d.input_names == ("y", "x") and d.output_names == ("f", "g")
