"""An example natal paper pack: the steady state of the driven damped oscillator.

The result checked is Eq. (2.125) of David Tong's textbook *Classical Mechanics*: the amplitude A and
the phase lag phi of the steady-state response x = A cos(Omega t - phi) of
x'' + 2 gamma x' + omega0^2 x = (F0/m) cos(Omega t).

The misprint: Tong's published errata list ("Errata for Classical Mechanics",
https://www.damtp.cam.ac.uk/user/tong/books/cerrata.html) says "Page 50: In (2.125), the denominator
in the first equation has a (omega_0^2 - Omega)^2. That Omega should be Omega^2."  natal derives the
amplitude from the equation of motion and finds the print ``differs`` (check ``oscillator:eq2.125a``);
the phase, the second equation, ``agrees`` (``oscillator:eq2.125b``).  Only the misprinted term is
taken from the erratum; the rest of the printed forms is our reconstruction in the notation above
(see :mod:`natal_oscillator.printed`).

The parts, one module each:

* :mod:`~natal_oscillator.symbols` and :mod:`~natal_oscillator.printed`: the data (symbols, the
  equations as printed);
* :mod:`~natal_oscillator.derivation`: ``steady_state()``, a ``Derivation`` from the equation of motion;
* :mod:`~natal_oscillator.checks`: the checks, each with its independent route (ODE integration);
* :mod:`~natal_oscillator.evaluators`: ``EVALUATORS`` for ``natal codegen``;
* :mod:`~natal_oscillator.reproduce`: the resonance curves, drawn with the generated evaluator.
"""

from natal.packs import PaperPack

pack = PaperPack(
    key="oscillator",
    title="The driven damped harmonic oscillator (example pack)",
    reference="D. Tong, Classical Mechanics, Eq. (2.125), p. 50; erratum: "
    "https://www.damtp.cam.ac.uk/user/tong/books/cerrata.html",
    checks=("natal_oscillator.checks",),
    evaluators="natal_oscillator.evaluators",
    reproduction="natal_oscillator.reproduce",
    printed=("natal_oscillator.printed",),
)
