"""Lower a :class:`~natal.derivations.result.Derivation` to a straight-line program.

Both backends print the same program, so they perform the same floating-point operations in the
same order and agree to rounding (only the transcendental library functions may differ in the last
bit).  The steps are:

1. ``sympy.cse`` over all outputs at once (canonical order, so the program is the same on every
   run); no ``simplify`` anywhere, it hangs on large expressions (DESIGN convention 3).
2. Lowering of every expression tree to three-address instructions, hash-consed so that a subtree
   met twice (also one that CSE left in place, e.g. a repeated power) is computed once.  On the way:
   small integer powers become multiplications by repeated squaring, half-integer powers square
   roots, each product becomes one division ``numerator / denominator`` (so ``1/x`` is hoisted
   instead of computed per factor), factors common to several terms of a sum are taken out of it,
   and negative terms of a sum become subtractions.

Registers are in SSA form (each defined once); a backend maps them to storage.  The program is
real-valued: an expression holding ``I`` is refused with :class:`CodegenError`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Union

import sympy as sp

from natal.derivations.result import Derivation

__all__ = [
    "Arg",
    "CodegenError",
    "Const",
    "Instr",
    "Operand",
    "Program",
    "Reg",
    "FUNCTIONS",
    "lower",
]

# Integer powers up to this size become multiplications (at most 2 log2(n) of them); larger ones
# call pow, which is then as fast and more accurate.
MAX_MUL_POWER = 16


class CodegenError(ValueError):
    """An expression cannot be turned into a real-valued evaluator."""


@dataclass(frozen=True)
class Reg:
    """The value computed by instruction ``index`` (SSA register)."""

    index: int


@dataclass(frozen=True)
class Arg:
    """The evaluator's ``index``-th argument."""

    index: int


@dataclass(frozen=True)
class Const:
    """A float literal."""

    value: float


Operand = Union[Reg, Arg, Const]


@dataclass(frozen=True)
class Instr:
    """``Reg(dest) = op(*args)``; ``op`` is a key of :data:`OPS`."""

    op: str
    dest: int
    args: tuple[Operand, ...]


# Operation name -> arity.  The backends map each name to a NumPy ufunc of the same name.
OPS: dict[str, int] = {
    "add": 2, "subtract": 2, "multiply": 2, "divide": 2, "power": 2, "arctan2": 2,
    "minimum": 2, "maximum": 2,
    "negative": 1, "sqrt": 1, "cbrt": 1, "exp": 1, "log": 1, "absolute": 1, "sign": 1,
    "sin": 1, "cos": 1, "tan": 1, "arcsin": 1, "arccos": 1, "arctan": 1,
    "sinh": 1, "cosh": 1, "tanh": 1, "arcsinh": 1, "arccosh": 1, "arctanh": 1,
    "floor": 1, "ceil": 1,
}

# SymPy function -> operation.  Anything else is refused with a message naming it.
FUNCTIONS: dict[type, str] = {
    sp.exp: "exp", sp.log: "log", sp.Abs: "absolute", sp.sign: "sign",
    sp.sin: "sin", sp.cos: "cos", sp.tan: "tan",
    sp.asin: "arcsin", sp.acos: "arccos", sp.atan: "arctan", sp.atan2: "arctan2",
    sp.sinh: "sinh", sp.cosh: "cosh", sp.tanh: "tanh",
    sp.asinh: "arcsinh", sp.acosh: "arccosh", sp.atanh: "arctanh",
    sp.floor: "floor", sp.ceiling: "ceil", sp.Min: "minimum", sp.Max: "maximum",
}


@dataclass(frozen=True)
class Program:
    """Straight-line program evaluating a derivation's outputs from its inputs.

    ``inputs`` and ``outputs`` are names in the derivation's order; ``results[k]`` is the operand
    holding output ``k``.
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    body: tuple[Instr, ...]
    results: tuple[Operand, ...]

    def last_use(self) -> dict[int, int]:
        """Register -> index of the last instruction reading it (``len(body)`` if a result)."""
        last: dict[int, int] = {}
        for i, ins in enumerate(self.body):
            for a in ins.args:
                if isinstance(a, Reg):
                    last[a.index] = i
        for a in self.results:
            if isinstance(a, Reg):
                last[a.index] = len(self.body)
        return last

    def count(self) -> dict[str, int]:
        """How many instructions of each operation (for reports and benchmarks)."""
        counts: dict[str, int] = {}
        for ins in self.body:
            counts[ins.op] = counts.get(ins.op, 0) + 1
        return dict(sorted(counts.items()))


class _Lowering:
    """Builds the instruction list; ``operand`` is memoised on the SymPy expression."""

    def __init__(self, inputs: tuple[sp.Symbol, ...]):
        self.memo: dict[sp.Basic, Operand] = {s: Arg(i) for i, s in enumerate(inputs)}
        self.body: list[Instr] = []
        # Instructions are hash-consed too: two routes to the same (op, args) share a register.
        self.seen: dict[tuple[str, tuple[Operand, ...]], Reg] = {}

    def emit(self, op: str, *args: Operand) -> Reg:
        key = (op, args)
        if key not in self.seen:
            reg = Reg(len(self.body))
            self.body.append(Instr(op, reg.index, args))
            self.seen[key] = reg
        return self.seen[key]

    def operand(self, e: sp.Basic) -> Operand:
        if e in self.memo:
            return self.memo[e]
        result = self._lower(e)
        self.memo[e] = result
        return result

    def _lower(self, e: sp.Basic) -> Operand:
        if e.is_number:  # no symbols: one correctly rounded literal (sqrt(2)*pi, Rational(1, 3))
            return _const(e)
        if e.is_Add:
            return self._sum(e)
        if e.is_Mul:
            return self._product(e)
        if e.is_Pow:
            return self._power(e.base, e.exp)
        if type(e) in FUNCTIONS:
            return self._function(FUNCTIONS[type(e)], e.args)
        raise CodegenError(
            f"cannot generate code for {type(e).__name__} in {sp.sstr(e)[:200]}; "
            f"supported functions: {', '.join(sorted(f.__name__ for f in FUNCTIONS))}"
        )

    def _sum(self, e: sp.Add) -> Operand:
        const, terms = e.as_coeff_add()
        pieces = self._signed_terms(list(terms))
        # sympy stores a - b as a + (-1)*b: subtract the positive part instead of negating it.
        plus = [o for negative, o in pieces if not negative]
        minus = [o for negative, o in pieces if negative]
        acc = plus.pop(0) if plus else self.emit("negative", minus.pop(0))
        for o in plus:
            acc = self.emit("add", acc, o)
        for o in minus:
            acc = self.emit("subtract", acc, o)
        if const != 0:
            acc = self.emit("add", acc, _const(const))
        return acc

    def _signed_terms(self, terms: list[sp.Expr]) -> list[tuple[bool, Operand]]:
        """The terms of a sum as (is negative, operand of its magnitude), common factors pulled out.

        Greedy factoring: the factor shared by most terms (the first met on a tie, so the
        program is deterministic) is taken out of them, ``a*x + b*x + c -> (a + b)*x + c``,
        and the remaining terms and the inner sum are treated the same way.  Each step saves a
        multiplication per extra term sharing the factor; derivatives of products, full of sums
        like ``u*v/(r*sin(theta)) + w/(r*sin(theta))``, lose about a sixth of their instructions.
        """
        pieces: list[tuple[bool, Operand]] = []
        while terms:
            # Factors in SymPy's canonical order, never a set's: set order follows the hash seed.
            factors = [tuple(dict.fromkeys(t.as_coeff_mul()[1])) for t in terms]
            counts = Counter(f for fs in factors for f in fs)
            best, count = max(counts.items(), key=lambda item: item[1], default=(None, 0))
            if count < 2:
                pieces += [(_negative(t), self.operand(-t if _negative(t) else t)) for t in terms]
                break
            inner = sp.Add(*(t / best for t, fs in zip(terms, factors) if best in fs))
            inner_terms = inner.args if inner.is_Add else (inner,)
            negative = 2 * sum(_negative(t) for t in inner_terms) > len(inner_terms)
            value = self.operand(-inner if negative else inner)
            if best.is_Pow and best.exp.is_Number and best.exp < 0:
                value = self.emit("divide", value, self.operand(sp.Pow(best.base, -best.exp)))
            else:
                value = self.emit("multiply", value, self.operand(best))
            pieces.append((negative, value))
            terms = [t for t, fs in zip(terms, factors) if best not in fs]
        return pieces

    def _product(self, e: sp.Mul) -> Operand:
        coeff, factors = e.as_coeff_mul()
        num, den = [], []
        for f in factors:
            if f.is_Pow and f.exp.is_Number and f.exp < 0:
                den.append(sp.Pow(f.base, -f.exp))
            else:
                num.append(f)
        numerator = self._chain(num)
        if coeff == -1 and numerator is not None:
            numerator = self.emit("negative", numerator)
        elif coeff != 1 or numerator is None:
            c = _const(coeff)
            numerator = c if numerator is None else self.emit("multiply", c, numerator)
        denominator = self._chain(den)
        if denominator is None:
            return numerator
        return self.emit("divide", numerator, denominator)

    def _chain(self, factors: list[sp.Expr]) -> Operand | None:
        if not factors:
            return None
        acc = self.operand(factors[0])
        for f in factors[1:]:
            acc = self.emit("multiply", acc, self.operand(f))
        return acc

    def _power(self, base: sp.Expr, exp: sp.Expr) -> Operand:
        if exp.is_Integer:
            n = int(exp)
            if n < 0:
                return self.emit("divide", Const(1.0), self.operand(sp.Pow(base, -n)))
            if n <= MAX_MUL_POWER:
                return self._integer_power(base, n)
        if exp.is_Rational and exp.q == 2 and abs(exp.p) <= 2 * MAX_MUL_POWER + 1:
            # b**(p/2) = sqrt(b) * b**((p-1)/2): one sqrt and a few multiplications.
            root = self.emit("sqrt", self.operand(base))
            k = (abs(exp.p) - 1) // 2
            value = root if k == 0 else self.emit("multiply", root, self._integer_power(base, k))
            return value if exp > 0 else self.emit("divide", Const(1.0), value)
        if exp == sp.Rational(1, 3):
            return self.emit("cbrt", self.operand(base))
        return self.emit("power", self.operand(base), self.operand(exp))

    def _integer_power(self, base: sp.Expr, n: int) -> Operand:
        if n == 1:
            return self.operand(base)
        key = sp.Pow(base, n, evaluate=False)
        if key in self.memo:
            return self.memo[key]
        half = self._integer_power(base, n // 2)
        value = self.emit("multiply", half, half)
        if n % 2:
            value = self.emit("multiply", value, self.operand(base))
        self.memo[key] = value
        return value

    def _function(self, op: str, args: tuple[sp.Expr, ...]) -> Operand:
        operands = [self.operand(a) for a in args]
        if OPS[op] == 2 and len(operands) > 2:  # Min/Max of several arguments
            acc = operands[0]
            for o in operands[1:]:
                acc = self.emit(op, acc, o)
            return acc
        if len(operands) != OPS[op]:
            raise CodegenError(f"{op} takes {OPS[op]} argument(s), got {len(operands)}")
        return self.emit(op, *operands)


def _negative(term: sp.Expr) -> bool:
    coeff, _ = term.as_coeff_Mul()
    return bool(coeff.is_Number and coeff < 0)


def _const(e: sp.Expr) -> Const:
    try:
        return Const(float(e))  # SymPy rounds exactly (mpmath at 53 bits)
    except TypeError:
        raise CodegenError(f"constant {e} is not real; evaluators are real-valued") from None


def lower(derivation: Derivation) -> Program:
    """CSE and lower every output of ``derivation`` into one :class:`Program`."""
    exprs = [e for _, e in derivation.outputs]
    for name, e in derivation.outputs:
        if e.has(sp.I):
            raise CodegenError(
                f"{derivation.name}: output {name!r} is complex; evaluators are real-valued"
            )
    replacements, reduced = sp.cse(
        exprs, symbols=sp.numbered_symbols("cse", cls=sp.Dummy), order="canonical"
    )
    lowering = _Lowering(derivation.inputs)
    for sym, sub in replacements:
        lowering.memo[sym] = lowering.operand(sub)
    results = tuple(lowering.operand(e) for e in reduced)
    return Program(
        inputs=derivation.input_names,
        outputs=derivation.output_names,
        body=tuple(lowering.body),
        results=results,
    )
