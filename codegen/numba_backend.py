"""Numba backend: the program as the body of one compiled elementwise loop.

Every value stays in a register, so the loop does no memory traffic beyond reading the arguments
and writing the outputs.  The settings, and why:

* ``fastmath`` off: no reassociation or FMA contraction, so the results equal the NumPy
  backend's to rounding (both perform the same operations in the same order);
* ``error_model="numpy"``: division by zero gives inf/nan as in NumPy, instead of raising and
  paying for the check on every division;
* ``tan(x)`` from ``sin(x)`` and ``cos(x)`` where the program computes both anyway
  (:func:`instructions`): the three are calls into the C library, made one element at a time
  even in a vectorised loop, and ``tan`` costs about as much as the other two together;
  ``tan(x)`` becomes ``sin(x) / cos(x)`` and ``1 / tan(x)`` becomes ``cos(x) / sin(x)``.  This
  is the one place where the Numba backend computes something differently from the NumPy
  backend: the quotient may differ from the library's ``tan`` in the last bits
  (``tests/codegen/test_numba_backend.py`` bounds what that does to whole evaluators);
* two loops, a plain one and a ``prange`` one.  LLVM vectorises both: the ``prange`` one because
  Numba tells it that the outputs do not alias the arguments, the plain one behind a run-time
  check that they do not overlap.  The ``prange`` loop costs a thread-pool launch, so arrays with
  less work than :data:`PARALLEL_MIN_WORK` (elements times instructions) take the plain loop.
  Each is compiled on first use; ``cache=True`` keeps the machine code beside the generated
  module.  The threads are Numba's (``NUMBA_NUM_THREADS``).

A scalar argument reaches the loop as a zero-stride view (``np.broadcast_to``), never a copy; all
arguments are passed read-only so that one compiled specialisation serves arrays whatever their
writeability.
"""

from __future__ import annotations

import math

from natal.codegen.printer import (
    PREPARE, docstring, literal, module_preamble, parameter_names, quoted, tuple_of,
)
from natal.codegen.program import Arg, Const, Instr, Operand, Program, Reg
from natal.derivations.result import Derivation

__all__ = ["PARALLEL_MIN_WORK", "instructions", "source"]

# Below this much work (elements times instructions) the plain loop is faster than waking the
# thread pool.
PARALLEL_MIN_WORK = 200_000

_INFIX = {"add": "+", "subtract": "-", "multiply": "*", "divide": "/"}


def _expression(op: str, args: list[str]) -> str:
    if op in _INFIX:
        return f"{args[0]} {_INFIX[op]} {args[1]}"
    if op == "negative":
        return f"-{args[0]}"
    return f"_np.{op}({', '.join(args)})"


def instructions(program: Program) -> list[Instr]:
    """The loop body: ``program.body`` with ``tan`` taken from ``sin`` and ``cos`` where it can be.

    For every ``tan(x)`` whose ``sin(x)`` and ``cos(x)`` the program also computes, ``tan(x)``
    becomes ``sin(x) / cos(x)`` and each ``1 / tan(x)`` becomes ``cos(x) / sin(x)``.  ``sin(x)`` and
    ``cos(x)`` move up to where ``tan(x)`` was if they came later (they read only ``x``, which is
    defined by then), and instructions nothing reads any more are dropped.  Registers keep their
    numbers.
    """
    body = {ins.dest: ins for ins in program.body}
    trig = {(ins.op, ins.args[0]): ins.dest for ins in body.values()
            if ins.op in ("sin", "cos", "tan")}
    replaced: dict[int, Instr] = {}
    early: dict[int, list[int]] = {}  # tan's register -> sin and cos to emit before it
    for (op, x), t in trig.items():
        if op != "tan" or ("sin", x) not in trig or ("cos", x) not in trig:
            continue
        s, c = trig["sin", x], trig["cos", x]
        replaced[t] = Instr("divide", t, (Reg(s), Reg(c)))
        early[t] = [s, c]
        for ins in body.values():
            if ins.op == "divide" and ins.args == (Const(1.0), Reg(t)):
                replaced[ins.dest] = Instr("divide", ins.dest, (Reg(c), Reg(s)))
    order: list[Instr] = []
    done: set[int] = set()
    for ins in program.body:
        for dest in [*early.get(ins.dest, ()), ins.dest]:
            if dest not in done:
                done.add(dest)
                order.append(replaced.get(dest, body[dest]))
    live = {a.index for a in program.results if isinstance(a, Reg)}
    kept = []
    for ins in reversed(order):
        if ins.dest in live:
            kept.append(ins)
            live |= {a.index for a in ins.args if isinstance(a, Reg)}
    return kept[::-1]


def source(derivation: Derivation, program: Program) -> str:
    """Source of a module defining ``evaluate`` for ``derivation`` with Numba loops."""
    params = parameter_names(program.inputs)
    n_in, n_out = len(params), len(program.outputs)

    def operand(a: Operand) -> str:
        if isinstance(a, Reg):
            return f"_r{a.index}"
        if isinstance(a, Arg):
            return f"_x{a.index}"
        return literal(a.value)

    loop = instructions(program)
    read = sorted({a.index for ins in loop for a in ins.args if isinstance(a, Arg)}
                  | {a.index for a in program.results if isinstance(a, Arg)})
    body = [f"        _x{i} = _a{i}[_i]" for i in read]
    body += [
        f"        _r{ins.dest} = {_expression(ins.op, [operand(a) for a in ins.args])}"
        for ins in loop
    ]
    body += [f"        _o{k}[_i] = {operand(r)}" for k, r in enumerate(program.results)]

    names = ["_n", *(f"_a{i}" for i in range(n_in)), *(f"_o{k}" for k in range(n_out))]
    signature = ", ".join(names)
    kernels = []
    for name, options, loop in (
        ("_serial", "", "range"),
        ("_parallel", ", parallel=True", "_numba.prange"),
    ):
        kernels += [
            f'@_numba.njit(cache=True, nogil=True, error_model="numpy"{options})',
            f"def {name}({signature}):",
            f"    for _i in {loop}(_n):",
            *body,
            "",
            "",
        ]

    outs = ", ".join(f"_o{k}" for k in range(n_out))
    results = [f"_o{k}.reshape(_shape)[()]" for k in range(n_out)]
    lines = [
        f"def evaluate({', '.join(params)}):",
        quoted(docstring(derivation, "numba"), "    "),
        f"    _shape, _n, _flat = _prepare(INPUTS, {tuple_of(params)})",
        "    _args = [_np.broadcast_to(_f, (_n,)) for _f in _flat]",
        *(f"    _o{k} = _np.empty(_n)" for k in range(n_out)),
        "    _kernel = _parallel if _n >= PARALLEL_MIN else _serial",
        f"    _kernel(_n, *_args, {outs})",
        f"    return {tuple_of(results) if n_out > 1 else results[0]}",
        "",
    ]
    imports = "import math as _math\n\nimport numba as _numba\nimport numpy as _np"
    return "\n".join([
        module_preamble(derivation, "numba", imports),
        "# Elements from which the prange loop runs.",
        f"PARALLEL_MIN = {math.ceil(PARALLEL_MIN_WORK / max(len(loop), 1))}",
        "",
        PREPARE,
        "",
        *kernels,
        *lines,
    ])
