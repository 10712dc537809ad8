"""The ``natal`` command: ``natal verify``, ``natal reproduce``, ``natal papers``, ``natal codegen`` and ``natal mc``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from natal import __version__
from natal.arguments import (
    UsageError, integer_at_least, positive_float, scheduler, writable_directory, writable_file,
)
from natal.packs import Option

__all__ = ["main"]

def _verify(args: argparse.Namespace) -> int:
    for flag, path in (("--json", args.json), ("--html", args.html)):
        if path:
            writable_file(flag, path)
    from natal import source_store, verify
    from natal.report import json_text, write_atomic

    def progress(cid: str) -> None:
        print(f"  checking {cid} ...", file=sys.stderr, flush=True)

    store_key = None if args.mutants else verify.store_key(args.paper)
    stored = None if store_key is None or args.fresh else source_store.load("verify", store_key, verify.check_stored)
    if stored is not None and (stored["page"] is not None or not args.html):
        records, page = stored["records"], stored["page"]
        print("natal verify: verdicts from the store: natal's sources and libraries are unchanged since they "
              "were derived (--fresh derives them again)", file=sys.stderr)
    else:
        forms: dict | None = {} if args.html else None  # the printed and corrected forms, for the page
        records = verify.run(args.paper, progress=None if args.quiet else progress, mutants=args.mutants,
                             jobs=args.jobs, forms=forms)
        page = None
        if args.html:
            from natal.pages import verify_page

            page = verify_page(records, forms)
        if store_key is not None and not any(r["status"] == "error" for r in records):
            source_store.save("verify", store_key, {"records": records, "page": page})
    print(verify.format_table(records))
    if args.json:
        path = Path(args.json)
        write_atomic(path, json_text(verify.report(records)))
        print(f"report written to {path}")
    if args.html:
        path = Path(args.html)
        write_atomic(path, page)
        print(f"page written to {path}")
    errors = [r["id"] for r in records if r["status"] == "error"]
    if errors:
        print(f"checks that failed to run: {', '.join(errors)}", file=sys.stderr)
        return 1
    return 0


def _reproduce(args: argparse.Namespace) -> int:
    from natal import reproduce

    papers = reproduce.papers() if args.paper == "all" else [args.paper]
    given = _pack_options_given(args)
    foreign = [flag for key, flags in given.items() if key not in papers for flag in flags]
    if foreign:
        owners = {key for key, flags in given.items() if key not in papers}
        raise UsageError(f"{', '.join(foreign)} applies only to --paper {' or '.join(sorted(owners))} (or all), "
                         f"not --paper {args.paper}")
    options = {paper: reproduce.arguments(paper, _pack_values(args, paper)) for paper in papers}
    out = writable_directory("--out", args.out)
    reports = {}
    for paper in papers:
        directory = out / paper if args.paper == "all" else out
        progress = None if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
        try:
            report = reproduce.run(paper, directory, progress=progress, **options[paper])
        except (ValueError, TypeError, OSError) as error:  # bad parameters or tables: say which, no traceback
            print(f"natal reproduce: error: {error}", file=sys.stderr)
            return 2
        reports[paper] = report
        print(f"{paper}: {len(report.quantities)} quantities, {len(report.figures)} figures in "
              f"{report.seconds:.1f} s -> {directory / 'report.md'}, {directory / 'report.html'}")
    if args.paper == "all":
        _write_index(out, reports)
    return 0


@dataclass(frozen=True)
class _PackOption:
    """A pack's ``natal reproduce`` option as the parser holds it: where argparse keeps its value
    (apart per pack, as two packs may share a flag name) and its default."""

    pack: str
    option: Option
    dest: str
    default: object


def _pack_options_given(args: argparse.Namespace) -> dict[str, list[str]]:
    """The flags given (a value other than the default), by the pack that owns them."""
    given: dict[str, list[str]] = {}
    for held in args.pack_options:
        if getattr(args, held.dest) != held.default:
            given.setdefault(held.pack, []).append(held.option.flags[0])
    return given


def _pack_values(args: argparse.Namespace, paper: str) -> dict[str, object]:
    """The values of ``paper``'s own options that were given, by their names in the pack."""
    return {held.option.dest: getattr(args, held.dest) for held in args.pack_options
            if held.pack == paper and getattr(args, held.dest) != held.default}


def _write_index(out: Path, reports: dict) -> None:
    """OUT/index.html: each paper's report.html and, where `natal verify --html` wrote it there,
    verify.html (with verify.json's counts when that is there too)."""
    import json

    from natal.pages import index_page
    from natal.report import write_atomic

    verify_html = "verify.html" if (out / "verify.html").is_file() else None
    verdicts = None
    if verify_html and (out / "verify.json").is_file():
        try:
            checks = json.loads((out / "verify.json").read_text(encoding="utf-8"))["checks"]
            verdicts = [c for c in checks if isinstance(c, dict) and {"paper", "status"} <= c.keys()]
        except (ValueError, KeyError, TypeError, OSError):  # an unreadable file only loses the counts
            verdicts = None
    write_atomic(out / "index.html", index_page(reports, verify_html, verdicts))
    print(f"index written to {out / 'index.html'}")


def _codegen(args: argparse.Namespace) -> int:
    from natal.codegen import cli as codegen_cli

    if args.emit is not None:
        writable_directory("--emit", args.emit)
    return codegen_cli.run(args)


def _mc_sphere(args: argparse.Namespace) -> int:
    from natal.mc import sphere

    return sphere(args)


def _add_pack_options(parser: argparse.ArgumentParser, pack) -> list[_PackOption]:
    """A group of ``pack``'s own options on ``parser``; returns how the parser holds each."""
    group = parser.add_argument_group(f"{pack.key} ({pack.title})")
    exclusive: dict[str, argparse._MutuallyExclusiveGroup] = {}
    held = []
    for option in pack.options:
        where = group
        if option.exclusive is not None:
            if option.exclusive not in exclusive:
                exclusive[option.exclusive] = group.add_mutually_exclusive_group()
            where = exclusive[option.exclusive]
        dest = f"{pack.key}__{option.dest}"
        action = where.add_argument(*option.flags, **{**option.settings, "dest": dest})
        held.append(_PackOption(pack.key, option, dest, action.default))
    return held


def _papers(args: argparse.Namespace) -> int:
    from natal import packs

    if args.trusted or args.write_trusted:
        return _trusted(args)
    installed = packs.installed()
    if args.verbose:
        for key, pack in installed.items():
            print(f"{key}: {pack.title}\n  reference: {pack.reference}\n  checks: {', '.join(pack.checks) or '-'}\n"
                  f"  printed forms: {', '.join(pack.printed) or '-'}\n  evaluators: {pack.evaluators or '-'}\n"
                  f"  reproduction: {pack.reproduction or '-'}\n  trusted values: {pack.trusted or '-'}"
                  + "".join(f"\n  option {', '.join(o.flags)}" for o in pack.options))
    else:
        rows = [("key", "title")] + [(key, pack.title) for key, pack in installed.items()]
        width = max(len(key) for key, _ in rows)
        for key, title in rows:
            print(f"{key:<{width}}  {title}")
    broken = packs.broken()
    for problem in broken:
        print(problem.line(), file=sys.stderr)
    return 1 if broken else 0


def _trusted(args: argparse.Namespace) -> int:
    """Compare (or with --write-trusted record) each pack's trusted values; 1 when any differ."""
    from natal import packs, trusted

    chosen = [packs.get(args.paper)] if args.paper else [p for p in packs.installed().values() if p.trusted]
    status = 0
    for pack in chosen:
        current = trusted.computed(pack)
        if args.write_trusted:
            print(f"{pack.key}: trusted values of {len(current)} evaluators written to {trusted.write(pack, current)}")
            continue
        problems = trusted.compare(trusted.stored(pack), current)
        outputs = sum(len(v) for v in current.values())
        if problems:
            status = 1
            print(f"{pack.key}: {len(problems)} of the trusted values differ:")
            print("\n".join(f"  {line}" for line in problems))
        else:
            print(f"{pack.key}: {len(current)} evaluators, {outputs} outputs: all equal their trusted values")
    return status


def _parser() -> argparse.ArgumentParser:
    from natal import packs
    from natal.codegen import cli as codegen_cli

    installed = packs.installed()
    reproducible = [key for key, pack in installed.items() if pack.reproduction]
    parser = argparse.ArgumentParser(
        prog="natal",
        description="Re-derive and check the physics of papers, one paper pack each (installed: "
        f"{', '.join(installed) or 'none'}; natal's own: neutrinos shaping newborn pulsars).",
    )
    parser.add_argument("--version", action="version", version=f"natal {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    v = sub.add_parser("verify", help="check every printed equation against its derivation",
                       description="Check printed equations against natal's derivations. Exits 0 when "
                       "checks ran (a paper that differs is a finding), 1 when a check itself failed.")
    v.add_argument("--paper", choices=tuple(installed),
                   help="only this paper's equations (default: every installed paper pack)")
    v.add_argument("--json", metavar="PATH", help="also write the report as JSON to PATH")
    v.add_argument("--html", metavar="PATH",
                   help="also write one self-contained HTML page of all verdicts to PATH, the printed and "
                   "derived forms as MathML side by side")
    v.add_argument("--mutants", action="store_true",
                   help="also run each agrees/differs check against mechanical mutants of the printed forms "
                   "it reads (slow: every mutant re-derives without caches)")
    v.add_argument("--jobs", type=integer_at_least(1), metavar="J",
                   help="processes to run the checks on (with --mutants: the mutant runs), >= 1 (default: "
                   "one per CPU this process may use)")
    v.add_argument("--fresh", action="store_true",
                   help="derive every verdict again even when natal's sources and libraries are unchanged since "
                   "the stored verdicts were derived")
    v.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    v.set_defaults(func=_verify)

    rp = sub.add_parser("reproduce", help="recompute each paper's figures, tables and numbers",
                        description="Write DIR/report.md, DIR/report.html, DIR/report.json and the figures "
                        "of a paper, every number beside the paper's value; with all papers, also "
                        "DIR/index.html linking them (and DIR/verify.html where natal verify wrote it).")
    rp.add_argument("--paper", choices=(*reproducible, "all"), default="all",
                    help="which paper (default: all, each into DIR/<paper>)")
    rp.add_argument("--out", metavar="DIR", default="results", help="output directory (default: results)")
    rp.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    held = [h for pack in installed.values() if pack.reproduction for h in _add_pack_options(rp, pack)]
    rp.set_defaults(func=_reproduce, pack_options=held)

    pp = sub.add_parser("papers", help="list the installed paper packs",
                        description="List the paper packs found through the natal.papers entry points; a pack "
                        "that cannot be loaded is named on stderr (exit status 1).")
    pp.add_argument("--verbose", "-v", action="store_true", help="each pack's modules, printed forms and options")
    check = pp.add_mutually_exclusive_group()
    check.add_argument("--trusted", action="store_true",
                       help="derive every evaluator of the packs and compare its outputs at seeded points with the "
                       "trusted values stored with the pack; exit 1 when any differ")
    check.add_argument("--write-trusted", action="store_true",
                       help="derive them and record the values as the packs' trusted values (in an editable install)")
    pp.add_argument("--paper", choices=tuple(installed), help="only this pack (default: every pack with trusted values)")
    pp.set_defaults(func=_papers)

    m = sub.add_parser("mc", help="Monte Carlo validation problems",
                       description="Validation problems of natal's Monte Carlo transport.")
    msub = m.add_subparsers(dest="problem", required=True)
    sp_ = msub.add_parser("sphere", help="escape from a uniform grey sphere",
                          description="Escape from a uniform grey sphere of optical radius TAU; writes the mean "
                          "number of scatterings and path length (mean free paths) with standard errors.")
    sp_.add_argument("--tau", type=positive_float, required=True, help="optical radius (mean free paths), > 0")
    sp_.add_argument("--n", type=integer_at_least(2), required=True, metavar="N", help="number of particles, >= 2")
    sp_.add_argument("--birth", choices=("center", "uniform"), default="center",
                     help="where particles are born: at the centre or uniformly in the sphere (default: center)")

    def anisotropy(text: str) -> float:
        """An argparse type: a number in [-1, 1]."""
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is None or not -1.0 <= value <= 1.0:  # nan too
            raise argparse.ArgumentTypeError(f"must be a number in [-1, 1], got {text!r}")
        return value

    sp_.add_argument("--anisotropy", type=anisotropy, default=0.0, metavar="A",
                     help="scattering kernel 1 + A cos(theta), -1 <= A <= 1; a kernel C1 + C2 cos(theta) has "
                     "A = C2/C1 (default: 0, isotropic)")
    scheme = sp_.add_mutually_exclusive_group()
    scheme.add_argument("--analog", dest="scheme", action="store_const", const="analog",
                        help="follow every flight (default)")
    scheme.add_argument("--accelerated", dest="scheme", action="store_const", const="accelerated",
                        help="replace runs of flights deep inside the sphere by modified-random-walk jumps")
    sp_.set_defaults(scheme="analog")
    sp_.add_argument("--seed", type=integer_at_least(0), default=1, metavar="S",
                     help="root seed of the batches, >= 0 (default: 1)")
    sp_.add_argument("--batch-size", type=integer_at_least(1), default=None, metavar="B",
                     help="particles per batch, >= 1 and <= N/2 (default: N/20, at least 1)")
    sp_.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    sp_.set_defaults(func=_mc_sphere)

    g = sub.add_parser("codegen", help="list, build or emit the generated evaluators",
                       description="List the registered evaluators; build them into the cache; or "
                       "write standalone NumPy modules.")
    codegen_cli.add_arguments(g)
    g.set_defaults(func=_codegen)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # The command writes figures to files only; the backend is chosen here, not on import, so that
    # notebooks and scripts importing natal keep theirs.
    import matplotlib

    from natal.cachedir import UntrustedCacheError
    from natal.packs import PackError

    matplotlib.use("Agg")
    command = " ".join(filter(None, ("natal", args.command, getattr(args, "problem", None))))
    try:
        return int(args.func(args))
    except UsageError as error:
        print(f"{command}: error: {error}", file=sys.stderr)
        return 2
    except UntrustedCacheError as error:
        print(f"natal: error: {error}", file=sys.stderr)
        return 2
    except PackError as error:
        print(f"{command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
