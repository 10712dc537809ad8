"""The `rsfp` pack: pulsar kicks from resonant spin-flavour precession into sterile neutrinos.

Derivations in :mod:`natal.derivations.rsfp`, printed forms in :mod:`natal.derivations.printed.rsfp`,
numerics (the PNS model and the Monte Carlo of Table 1) in :mod:`natal.numerics.rsfp`; here the
checks and the reproduction, with the Monte Carlo's ``natal reproduce`` options.
"""

from natal.arguments import integer_at_least, scheduler
from natal.packs import Option, PaperPack

pack = PaperPack(
    key="rsfp",
    title="Pulsar kicks from resonant spin-flavour precession of tau antineutrinos into sterile neutrinos",
    reference="seeds/002_0bb635d9bd71b574.txt (authors not in the text extraction)",
    checks=("natal.papers.rsfp.checks",),
    reproduction="natal.papers.rsfp.reproduce",
    options=(
        Option(("--full",), {"action": "store_true",
                             "help": "the paper's statistics: 400000 neutrinos per row, 40000 per variant row"},
               exclusive="size"),
        Option(("--n",), {"type": integer_at_least(8), "metavar": "N",
                          "help": "neutrinos per Table 1 row, >= 8 (default: 20000, the variants 4000); given N, "
                          "the variants run N/4 (the costly low-energy cut a tenth of the variants' number)"},
               exclusive="size"),
        Option(("--seed",), {"type": integer_at_least(0), "metavar": "S",
                             "help": "root seed of the batches, >= 0 (default: 20010); the result does not "
                             "depend on the number of workers"}),
        Option(("--scheduler",), {"type": scheduler, "default": "local", "metavar": "ADDRESS",
                                  "help": "where the batches run: 'local' (a dask cluster on this machine), "
                                  "'serial' (in this process), or a dask scheduler address such as "
                                  "tcp://host:8786 (default: local)"}),
        Option(("--workers",), {"type": integer_at_least(1), "metavar": "W",
                                "help": "workers of the local dask cluster, >= 1 (default: one per CPU)"}),
        Option(("--no-variants",), {"action": "store_true",
                                    "help": "skip the runs of the paper's unstated choices (the variants table)"}),
    ),
    printed=("natal.derivations.printed.rsfp",),
)
