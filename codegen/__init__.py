"""Fast evaluators generated from derivations (the layer between SymPy and the numerics).

``evaluator(derivation)`` returns a callable that evaluates the derivation's outputs on arrays,
generated with common-subexpression elimination, written to a content-addressed cache and
verified by hash on every load; ``emit`` writes the same code as a NumPy-only module for use
without natal.  ``registry`` names the evaluators natal builds (``natal codegen``); ``stored``
loads them by name from the cache without SymPy.

The names below are imported when first used, so that ``natal.codegen.stored`` (and the numeric
layer that uses it) never imports SymPy.
"""

import importlib

__all__ = ["BACKENDS", "CodegenError", "Evaluator", "emit", "evaluator"]

_WHERE = {"BACKENDS": ".generate", "emit": ".generate", "evaluator": ".generate", "Evaluator": ".compiled",
          "CodegenError": ".program"}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value
