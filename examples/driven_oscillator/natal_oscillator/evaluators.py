"""The evaluators this pack registers: ``natal codegen`` lists and builds them, and the reproduction
loads them by name with :func:`natal.codegen.stored.build`."""

from natal_oscillator.derivation import steady_state

EVALUATORS = {"oscillator.steady_state": steady_state}
