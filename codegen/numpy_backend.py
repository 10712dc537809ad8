"""NumPy backend: the program as blocked ufunc calls into reused buffers, on several threads.

Evaluating an expression with whole-array NumPy operations allocates one full-size temporary per
operation and streams it through main memory; that, and the repeated subexpressions CSE removes,
is what makes plain ``lambdify`` slow.  Here, as in numexpr, the arrays are cut into blocks of
:data:`BLOCK` elements: every instruction is one ufunc call writing (``out=``) into a
preallocated block buffer, and buffers are reused as soon as the value they hold is dead, so the
working set stays in cache.  An instruction whose operand
dies there writes over it in place (safe for elementwise ufuncs).  The value of an output is
written straight into that output's slice.

NumPy releases the GIL inside ufunc loops, so contiguous runs of blocks go to a thread pool
(``NATAL_NUM_THREADS``, default: the CPUs the process may use; the generated module's ``THREADS``
can be changed at run time).  Small arrays stay on the calling thread.

Scalar arguments stay Python floats and enter the ufuncs as such; array arguments are flattened
to the broadcast shape once (a view when they already have it).
"""

from __future__ import annotations

import math

from natal.codegen.printer import (
    PREPARE, docstring, literal, module_preamble, parameter_names, quoted, tuple_of,
)
from natal.codegen.program import Arg, Const, Operand, Program, Reg
from natal.derivations.result import Derivation

__all__ = ["BLOCK", "MIN_WORK_PER_THREAD", "source"]

# Elements per block.  A ufunc call has a fixed cost before it touches an element, which small
# blocks pay too often, while large ones push the live buffers out of cache; the size is the one
# benchmarks/run.py finds fastest on its stand-in of mag.dB_dt.
BLOCK = 16384

# A thread is only worth waking for this many instruction-blocks of work (each one ufunc call on
# BLOCK elements: together far above the cost of a pool hand-off); the module's minimum of blocks
# per thread follows from its program length.
MIN_WORK_PER_THREAD = 64

# Printed into the module: the thread pool and the chunked driver.
THREADS = '''
def _thread_count():
    """NATAL_NUM_THREADS if set, else the number of CPUs this process may run on."""
    value = _os.environ.get("NATAL_NUM_THREADS", "")
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"NATAL_NUM_THREADS must be a positive integer, got {value!r}")
        return int(value)
    if hasattr(_os, "sched_getaffinity"):
        return len(_os.sched_getaffinity(0))
    return _os.cpu_count() or 1


# Threads evaluate() uses; a program may set it (e.g. to 1 inside its own worker threads).
THREADS = _thread_count()
_POOL = [0, None]  # [workers, executor], grown when THREADS grows
_POOL_LOCK = _threading.Lock()


def _run(kernel, n, args):
    """Run kernel over [0, n) in contiguous runs of whole blocks, one run per thread.

    NumPy releases the GIL inside each ufunc loop, so the threads overlap everything but the
    Python-side call overhead.  Small arrays are done by the calling thread alone.
    """
    blocks = -(-n // _BLOCK)
    k = min(THREADS, blocks // _MIN_BLOCKS_PER_THREAD)
    if k <= 1:
        kernel(0, n, *args)
        return
    with _POOL_LOCK:
        if _POOL[0] < k - 1:
            _POOL[:] = [k - 1, _ThreadPoolExecutor(k - 1, thread_name_prefix="natal-codegen")]
        pool = _POOL[1]
    bounds = [min(n, blocks * i // k * _BLOCK) for i in range(k + 1)]
    futures = [pool.submit(kernel, bounds[i], bounds[i + 1], *args) for i in range(1, k)]
    kernel(bounds[0], bounds[1], *args)
    for f in futures:
        f.result()
'''


def _computed_outputs(program: Program) -> dict[int, int]:
    """Register -> the first output it is the value of (later outputs equal to it are copies)."""
    first: dict[int, int] = {}
    for k, r in enumerate(program.results):
        if isinstance(r, Reg):
            first.setdefault(r.index, k)
    return first


def _allocate(program: Program) -> tuple[dict[int, str], int]:
    """Storage for every register: an output slice ``_y<k>`` or a block buffer ``_t<b>``.

    Linear scan over the SSA program: a buffer returns to the free list right after the last
    instruction reading it, before that instruction's result is placed, so the result can reuse
    it in place.  The most recently freed buffer is reused first (it is the one still in cache).
    """
    last = program.last_use()
    storage = {reg: f"_y{k}" for reg, k in _computed_outputs(program).items()}
    pinned = set(storage)
    buffer_of: dict[int, int] = {}
    free: list[int] = []
    nbuffers = 0
    for i, ins in enumerate(program.body):
        for a in dict.fromkeys(ins.args):
            if isinstance(a, Reg) and a.index in buffer_of and last[a.index] == i:
                free.append(buffer_of[a.index])
        if ins.dest in pinned:
            continue
        if free:
            b = free.pop()
        else:
            b, nbuffers = nbuffers, nbuffers + 1
        buffer_of[ins.dest] = b
        storage[ins.dest] = f"_t{b}"
        if ins.dest not in last:  # never read: free at once
            free.append(b)
    return storage, nbuffers


def _kernel(program: Program) -> list[str]:
    """Lines of ``_kernel(_start, _stop, *arguments, *outputs)``, the blocked loop."""
    storage, nbuffers = _allocate(program)

    def operand(a: Operand) -> str:
        if isinstance(a, Reg):
            return storage[a.index]
        if isinstance(a, Arg):
            return f"_x{a.index}"
        return literal(a.value)

    read = sorted({a.index for ins in program.body for a in ins.args if isinstance(a, Arg)})
    ops = sorted({ins.op for ins in program.body})
    views = sorted(_computed_outputs(program).values())
    names = [f"_a{i}" for i in range(len(program.inputs))]
    names += [f"_o{k}" for k in range(len(program.outputs))]
    lines = [
        f"def _kernel(_start, _stop, {', '.join(names)}):",
        '    """Evaluate elements [_start, _stop) block by block."""',
        "    _m = min(_stop - _start, _BLOCK)",
        *(f"    _t{b} = _np.empty(_m)" for b in range(nbuffers)),
        *(f"    _v{i} = isinstance(_a{i}, _np.ndarray)" for i in read),
        # Local names for the ufuncs: a fast local load, not a global and an attribute lookup.
        *(f"    _{op} = _np.{op}" for op in ops),
        "    for _s in range(_start, _stop, _BLOCK):",
        "        _e = _s + _BLOCK",
        "        if _e > _stop:  # the last block is shorter",
        "            _e = _stop",
        *(f"            _t{b} = _t{b}[: _e - _s]" for b in range(nbuffers)),
        *(f"        _x{i} = _a{i}[_s:_e] if _v{i} else _a{i}" for i in read),
        *(f"        _y{k} = _o{k}[_s:_e]" for k in views),
    ]
    for ins in program.body:
        operands = ", ".join(operand(a) for a in ins.args)
        lines.append(f"        _{ins.op}({operands}, out={storage[ins.dest]})")
    return lines


def source(derivation: Derivation, program: Program) -> str:
    """Source of a NumPy-only module defining ``evaluate`` for ``derivation``."""
    params = parameter_names(program.inputs)
    arrays = [f"_a{i}" for i in range(len(params))]
    outs = [f"_o{k}" for k in range(len(program.outputs))]
    lines = [
        f"def evaluate({', '.join(params)}):",
        quoted(docstring(derivation, "numpy"), "    "),
        f"    _shape, _n, {tuple_of(arrays)} = _prepare(INPUTS, {tuple_of(params)})",
        *(f"    {o} = _np.empty(_n)" for o in outs),
    ]
    if program.body:
        lines.append(f"    _run(_kernel, _n, {tuple_of(arrays + outs)})")
    # Outputs not computed into their own slice: an argument, a constant, or a value that an
    # earlier output already holds.
    first = _computed_outputs(program)
    for k, r in enumerate(program.results):
        if isinstance(r, Arg):
            lines.append(f"    _o{k}[:] = _a{r.index}")
        elif isinstance(r, Const):
            lines.append(f"    _o{k}[:] = {literal(r.value)}")
        elif first[r.index] != k:
            lines.append(f"    _o{k}[:] = _o{first[r.index]}")
    # [()] turns a 0-d result (all arguments scalar) into a NumPy scalar, as ufuncs do.
    results = [f"{o}.reshape(_shape)[()]" for o in outs]
    lines.append(f"    return {tuple_of(results) if len(outs) > 1 else results[0]}")

    imports = (
        "import math as _math\n"
        "import os as _os\n"
        "import threading as _threading\n"
        "from concurrent.futures import ThreadPoolExecutor as _ThreadPoolExecutor\n\n"
        "import numpy as _np"
    )
    blocks_per_thread = math.ceil(MIN_WORK_PER_THREAD / max(len(program.body), 1))
    kernel = [*_kernel(program), "", ""] if program.body else []
    return "\n".join([
        module_preamble(derivation, "numpy", imports),
        f"_BLOCK = {BLOCK}",
        f"_MIN_BLOCKS_PER_THREAD = {blocks_per_thread}",
        PREPARE,
        THREADS,
        "",
        *kernel,
        *lines,
        "",
    ])
