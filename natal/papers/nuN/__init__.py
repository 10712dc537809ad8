"""The `nuN` pack: neutrino-nucleon scattering in supernova magnetic fields, with weak magnetism
and recoil.

Derivations in :mod:`natal.derivations.nuN`, printed forms in :mod:`natal.derivations.printed.nuN`,
numerics in :mod:`natal.numerics.nuN`; here the checks (Eqs. 2-23 and App. A in ``checks``, the
collision moments and drift flux of Sec. IV in ``flux_checks``), the evaluator registrations and the
reproduction of Sec. V (R_sc/abs, Fig. 1).
"""

from natal.packs import PaperPack

pack = PaperPack(
    key="nuN",
    title="Neutrino-nucleon scattering in supernova magnetic fields with weak magnetism and recoil",
    reference="seeds/001_52e1e548ca846430.txt (authors not in the text extraction)",
    checks=("natal.papers.nuN.checks", "natal.papers.nuN.flux_checks"),
    evaluators="natal.papers.nuN.evaluators",
    reproduction="natal.papers.nuN.reproduce",
    printed=("natal.derivations.printed.nuN",),
    trusted="natal.papers.nuN:trusted.json",
)
