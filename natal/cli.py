"""The ``natal`` command: ``natal verify``, ``natal reproduce`` and ``natal codegen``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .arguments import UsageError, integer_at_least, positive_float, scheduler, writable_directory, writable_file

__all__ = ["main"]

#: the options of ``natal reproduce`` that only the rsfp Monte Carlo reads
_RSFP_FLAGS = (("full", "--full"), ("n", "--n"), ("seed", "--seed"), ("workers", "--workers"),
               ("no_variants", "--no-variants"))


def _verify(args: argparse.Namespace) -> int:
    for flag, path in (("--json", args.json), ("--html", args.html)):
        if path:
            writable_file(flag, path)
    from . import source_store, verify
    from .report import json_text, write_atomic

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
            from .pages import verify_page

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
    from . import reproduce

    _check_reproduce(args)
    papers = sorted(reproduce.PAPERS) if args.paper == "all" else [args.paper]
    out = writable_directory("--out", args.out)
    reports = {}
    for paper in papers:
        directory = out / paper if args.paper == "all" else out
        options = {"tables": Path(args.tables)} if args.tables and paper == "mag" else {}
        if paper == "rsfp":
            options = _rsfp_options(args)
        progress = None if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
        try:
            report = reproduce.run(paper, directory, progress=progress, **options)
        except (ValueError, TypeError, OSError) as error:  # bad parameters or tables: say which, no traceback
            print(f"natal reproduce: error: {error}", file=sys.stderr)
            return 2
        reports[paper] = report
        print(f"{paper}: {len(report.quantities)} quantities, {len(report.figures)} figures in "
              f"{report.seconds:.1f} s -> {directory / 'report.md'}, {directory / 'report.html'}")
    if args.paper == "all":
        _write_index(out, reports)
    return 0


def _write_index(out: Path, reports: dict) -> None:
    """OUT/index.html: each paper's report.html and, where `natal verify --html` wrote it there,
    verify.html (with verify.json's counts when that is there too)."""
    import json

    from .pages import index_page
    from .report import write_atomic

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


def _check_reproduce(args: argparse.Namespace) -> None:
    """Options that cannot work together, or a --tables folder without its files: UsageError."""
    if args.paper not in ("rsfp", "all"):
        given = [flag for name, flag in _RSFP_FLAGS if getattr(args, name) not in (None, False)]
        if args.scheduler != "local":
            given.append("--scheduler")
        if given:
            raise UsageError(f"{', '.join(given)} applies only to --paper rsfp (or all); "
                             f"--paper {args.paper} has no Monte Carlo")
    if args.workers is not None and args.scheduler != "local":
        raise UsageError(f"--workers applies only to --scheduler local (the dask cluster natal starts), "
                         f"not to --scheduler {args.scheduler}")
    if args.tables:
        if args.paper not in ("mag", "all"):
            raise UsageError(f"--tables applies only to --paper mag (or all), not --paper {args.paper}")
        from .numerics.neutrino_data import TABLE_FILES

        folder = Path(args.tables)
        missing = [name for name in TABLE_FILES if not (folder / name).is_file()]
        if not folder.is_dir() or missing:
            raise UsageError(f"--tables {folder}: needs a folder holding {', '.join(TABLE_FILES)}"
                             + (f"; missing {', '.join(missing)}" if folder.is_dir() else "; no such folder"))


def _rsfp_options(args: argparse.Namespace) -> dict:
    from .reproduce.rsfp import Statistics

    base = Statistics.full() if args.full else Statistics()
    changes = {"scheduler": args.scheduler, "workers": args.workers}
    if args.n is not None:
        changes.update(n_per_row=args.n, n_variant=max(args.n // 4, 1))
    if args.seed is not None:
        changes["seed"] = args.seed
    from dataclasses import replace

    return {"statistics": replace(base, **changes), "variants": not args.no_variants}


def _codegen(args: argparse.Namespace) -> int:
    from .codegen import cli as codegen_cli

    if args.emit is not None:
        writable_directory("--emit", args.emit)
    return codegen_cli.run(args)


def _mc_sphere(args: argparse.Namespace) -> int:
    from .mc import sphere

    return sphere(args)


def _parser() -> argparse.ArgumentParser:
    from .codegen import cli as codegen_cli

    parser = argparse.ArgumentParser(
        prog="natal",
        description="Re-derive and check the neutrino physics of newborn pulsars (papers: mag, nuN, rsfp).",
    )
    parser.add_argument("--version", action="version", version=f"natal {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    v = sub.add_parser("verify", help="check every printed equation against its derivation",
                       description="Check printed equations against natal's derivations. Exits 0 when "
                       "checks ran (a paper that differs is a finding), 1 when a check itself failed.")
    v.add_argument("--paper", choices=("mag", "nuN", "rsfp"),
                   help="only this paper's equations (default: every paper)")
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

    from .reproduce import PAPERS

    rp = sub.add_parser("reproduce", help="recompute each paper's figures, tables and numbers",
                        description="Write DIR/report.md, DIR/report.html, DIR/report.json and the figures "
                        "of a paper, every number beside the paper's value; with all papers, also "
                        "DIR/index.html linking them (and DIR/verify.html where natal verify wrote it).")
    rp.add_argument("--paper", choices=(*sorted(PAPERS), "all"), default="all",
                    help="which paper (default: all, each into DIR/<paper>)")
    rp.add_argument("--out", metavar="DIR", default="results", help="output directory (default: results)")
    rp.add_argument("--tables", metavar="DIR",
                    help="mag only: Arnett-format neutrino tables (shells.csv, luminosity.csv, "
                    "energy_per_nucleon.csv) instead of the default surrogate")
    rp.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    mc = rp.add_argument_group("rsfp Monte Carlo (Table 1)")
    size = mc.add_mutually_exclusive_group()
    size.add_argument("--full", action="store_true",
                      help="the paper's statistics: 400000 neutrinos per row, 40000 per variant row")
    size.add_argument("--n", type=integer_at_least(8), metavar="N",
                      help="neutrinos per Table 1 row, >= 8 (default: 20000, the variants 4000); given N, the "
                      "variants run N/4 (the costly low-energy cut a tenth of the variants' number)")
    mc.add_argument("--seed", type=integer_at_least(0), metavar="S",
                    help="root seed of the batches, >= 0 (default: 20010); the result does not depend on "
                    "the number of workers")
    mc.add_argument("--scheduler", type=scheduler, default="local", metavar="ADDRESS",
                    help="where the batches run: 'local' (a dask cluster on this machine), 'serial' (in this "
                    "process), or a dask scheduler address such as tcp://host:8786 (default: local)")
    mc.add_argument("--workers", type=integer_at_least(1), metavar="W",
                    help="workers of the local dask cluster, >= 1 (default: one per CPU)")
    mc.add_argument("--no-variants", action="store_true",
                    help="skip the runs of the paper's unstated choices (the variants table)")
    rp.set_defaults(func=_reproduce)

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
    sp_.add_argument("--kernel", choices=("isotropic", "nuN"), default="isotropic",
                     help="scattering kernel: isotropic, or rsfp Eq. 9's C1 + C2 cos(theta) (default: isotropic)")
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

    from .cachedir import UntrustedCacheError

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


if __name__ == "__main__":
    sys.exit(main())
