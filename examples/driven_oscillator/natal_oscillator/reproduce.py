"""``natal reproduce --paper oscillator``: the resonance curves A(Omega) and phi(Omega), drawn with the
generated evaluator ``oscillator.steady_state`` (no SymPy at run time once it is built)."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Callable

import numpy as np
from natal.codegen.stored import build
from natal.numerics import plotting
from natal.report import Quantity, Report

__all__ = ["DAMPING", "run"]

#: gamma/omega0 of the curves drawn
DAMPING = (0.05, 0.1, 0.25, 0.5, 1.0)


def run(out: Path, progress: Callable[[str], None], **options) -> Report:
    """Write resonance.png and the report into ``out``; returns the :class:`Report`."""
    if options:
        raise TypeError(f"the oscillator pack takes no options, got {sorted(options)}")
    start = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    progress("oscillator: building the evaluator oscillator.steady_state")
    steady = build("oscillator.steady_state")

    # Units: F0 = m = omega0 = 1, so A is in units of F0/(m omega0^2) and Omega in units of omega0.
    ratio = np.linspace(0.0, 2.5, 1001)[1:]
    fig, (ax_a, ax_phi) = plotting.new_figure(2)
    report = Report("oscillator", "The driven damped harmonic oscillator (example pack)")
    for g, colour in zip(DAMPING, plotting.colors(len(DAMPING))):
        with np.errstate(divide="ignore"):  # tan(phi) is infinite at Omega = omega0; only phi is drawn
            A, _tan_phi, phi = steady(1.0, 1.0, 1.0, g, ratio)
        ax_a.plot(ratio, A, color=colour, label=f"gamma/omega0 = {g:g}")
        ax_phi.plot(ratio, phi / math.pi, color=colour)
        if 2 * g**2 < 1:  # a peak away from Omega = 0
            fine = np.linspace(0.5, 1.0, 20001)
            with np.errstate(divide="ignore"):
                peak = float(fine[np.argmax(steady(1.0, 1.0, 1.0, g, fine)[0])])
            report.quantities[f"peak_Omega_gamma_{g:g}"] = Quantity(
                peak, None, "omega0", "analytic", paper_says="no number stated",
                note=f"where A is largest on a grid of step 2.5e-5; sqrt(1 - 2 gamma^2/omega0^2) = "
                f"{math.sqrt(1 - 2 * g**2):.6f}")
    ax_a.set(xlabel="Omega / omega0", ylabel="A  [F0 / (m omega0^2)]", yscale="log",
             title="amplitude, Eq. (2.125)")
    ax_a.legend(fontsize=8)
    ax_phi.set(xlabel="Omega / omega0", ylabel="phi / pi", title="phase lag, Eq. (2.125)")
    plotting.stamp(fig, "analytic", "generated evaluator oscillator.steady_state")
    plotting.save(fig, out / "resonance.png")
    report.figures["resonance.png"] = ("Steady-state amplitude and phase lag against the drive frequency for "
                                       f"gamma/omega0 in {DAMPING}, from the derived (corrected) Eq. (2.125).")
    report.seconds = time.perf_counter() - start
    report.write(out)
    return report
