"""The `mag` pack: neutrino-driven magnetogenesis during stellar core collapse.

Derivations in :mod:`natal.derivations.mag`, printed forms in :mod:`natal.derivations.printed.mag`,
numerics in :mod:`natal.numerics.mag`; here the checks, the evaluator registrations and the
reproduction of Figs. 1-8 and the stated numbers.
"""

from natal.packs import Option, PaperPack

pack = PaperPack(
    key="mag",
    title="Revisiting neutrino-driven magnetogenesis during stellar core collapse",
    reference="F. Zhang, preprint dated 3 February 2026 (seeds/000_278a21dc00fb86c1.txt)",
    checks=("natal.papers.mag.checks",),
    evaluators="natal.papers.mag.evaluators",
    reproduction="natal.papers.mag.reproduce",
    options=(Option(("--tables",), {"metavar": "DIR",
                                    "help": "Arnett-format neutrino tables (shells.csv, luminosity.csv, "
                                    "energy_per_nucleon.csv) instead of the default surrogate"}),),
    printed=("natal.derivations.printed.mag",),
    trusted="natal.papers.mag:trusted.json",
)
