"""Fast evaluators generated from derivations (the layer between SymPy and the numerics).

``evaluator(derivation)`` returns a callable that evaluates the derivation's outputs on arrays,
generated with common-subexpression elimination, written to a content-addressed cache and
verified by hash on every load; ``emit`` writes the same code as a NumPy-only module for use
without natal.  ``registry`` names the evaluators natal builds (``natal codegen``).
"""

from .evaluator import BACKENDS, Evaluator, emit, evaluator
from .program import CodegenError

__all__ = ["BACKENDS", "CodegenError", "Evaluator", "emit", "evaluator"]
