"""The ``natal`` command: ``natal verify``, ``natal reproduce`` and ``natal codegen``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__

__all__ = ["main"]


def _verify(args: argparse.Namespace) -> int:
    from . import verify

    def progress(cid: str) -> None:
        print(f"  checking {cid} ...", file=sys.stderr, flush=True)

    records = verify.run(args.paper, progress=None if args.quiet else progress)
    print(verify.format_table(records))
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(verify.report(records), indent=2) + "\n")
        tmp.replace(path)
        print(f"report written to {path}")
    errors = [r["id"] for r in records if r["status"] == "error"]
    if errors:
        print(f"checks that failed to run: {', '.join(errors)}", file=sys.stderr)
        return 1
    return 0


def _reproduce(args: argparse.Namespace) -> int:
    from . import reproduce

    papers = sorted(reproduce.PAPERS) if args.paper == "all" else [args.paper]
    out = Path(args.out)
    for paper in papers:
        directory = out / paper if args.paper == "all" else out
        options = {"tables": Path(args.tables)} if args.tables else {}
        progress = None if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
        try:
            report = reproduce.run(paper, directory, progress=progress, **options)
        except (ValueError, OSError) as error:  # bad parameters or tables: say which, no traceback
            print(f"natal reproduce: error: {error}", file=sys.stderr)
            return 2
        print(f"{paper}: {len(report.quantities)} quantities, {len(report.figures)} figures in "
              f"{report.seconds:.1f} s -> {directory / 'report.md'}")
    return 0


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
    v.add_argument("--paper", choices=("mag", "nuN", "rsfp"), help="only this paper's equations")
    v.add_argument("--json", metavar="PATH", help="also write the report as JSON to PATH")
    v.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    v.set_defaults(func=_verify)

    from .reproduce import PAPERS

    rp = sub.add_parser("reproduce", help="recompute each paper's figures, tables and numbers",
                        description="Write DIR/report.md, DIR/report.json and the figures of a paper, "
                        "every number beside the paper's value.")
    rp.add_argument("--paper", choices=(*sorted(PAPERS), "all"), default="all",
                    help="which paper (default: all, each into DIR/<paper>)")
    rp.add_argument("--out", metavar="DIR", default="results", help="output directory (default: results)")
    rp.add_argument("--tables", metavar="DIR",
                    help="mag only: Arnett-format neutrino tables (shells.csv, luminosity.csv, "
                    "energy_per_nucleon.csv) instead of the default surrogate")
    rp.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    rp.set_defaults(func=_reproduce)

    g = sub.add_parser("codegen", help="list, build or emit the generated evaluators",
                       description="List the registered evaluators; build them into the cache; or "
                       "write standalone NumPy modules.")
    codegen_cli.add_arguments(g)
    g.set_defaults(func=codegen_cli.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
