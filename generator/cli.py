"""Command line: `parse` prints records, `build` writes the site's Markdown."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .console import error, report_skips, report_warnings
from .record import Cable
from .resolve import ENTITY_MIN_CABLES


def cmd_parse(args: argparse.Namespace) -> int:
    """Print one JSON object per cable (JSON Lines: the shape of the site's `cable/<ID>.json`, less what only the
    archive knows) or a one-line summary per cable."""
    from .build import parsed
    from .render.data import record, record_line

    skips = []
    out = sys.stdout
    for c in parsed(args.paths):
        if not isinstance(c, Cable):
            skips.append(c)
            continue
        if args.json:
            out.write(record_line(record(c)))
        else:
            out.write(f"{c.id}\t{c.date or '-'}\t{c.classification or '-'}\t{c.subject or ''}\n")
        report_warnings([c])
    report_skips(skips)
    return 1 if (args.strict and skips) else 0


def cmd_build(args: argparse.Namespace) -> int:
    """Write the generated Markdown pages of the archive into the docs directory."""
    from .build import build

    return build(args.paths, docs=args.docs, strict=args.strict, quiet=args.quiet, timings=args.timings,
                 entity_min_cables=args.entity_min_cables)


def positive(text: str) -> int:
    """An argument that must be a whole number of at least 1 (argparse reports anything else)."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return n


def cmd_search(args: argparse.Namespace) -> int:
    """Write the search indexes (file:// engine and Pagefind) into a site built by mkdocs."""
    from .search import main as search_main

    return search_main(args.site, args.paths, docs=args.docs, with_pagefind=args.pagefind, quiet=args.quiet)


def cmd_mkdocs(args: argparse.Namespace) -> int:
    """Build the site with MkDocs, in parts built by several processes on a large site (same bytes, strict)."""
    from .site import build_site

    if not Path(args.config).is_file():
        error(f"{args.config}: no such file (run from the project folder, or pass --config)")
        return 2
    return build_site(args.config, parts=args.parts, jobs=args.jobs, site_dir=args.site_dir, quiet=args.quiet,
                      reuse=args.reuse, search=args.search)


def cmd_clean(args: argparse.Namespace) -> int:
    """Remove every page a previous build generated (hand-written pages stay)."""
    from . import cache
    from .write import Writer, docs_lock

    with docs_lock(args.docs):
        stats = Writer(args.docs).finish()
        cache.remove(args.docs)
    print(f"removed {stats.removed} generated pages from {args.docs}", file=sys.stderr)
    return 0


def make_parser() -> argparse.ArgumentParser:
    """The argument parser (its help is tested)."""
    p = argparse.ArgumentParser(prog="python -m generator",
                                description="Turn a folder of US diplomatic cables into a static documentary site.")
    sub = p.add_subparsers(dest="command", required=True)
    pp = sub.add_parser("parse", help="parse cables and print one record per cable")
    pp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    pp.add_argument("--json", action="store_true", help="print JSON Lines, one object per cable")
    pp.add_argument("--strict", action="store_true", help="exit 1 when any input was skipped")
    pp.set_defaults(func=cmd_parse)
    pb = sub.add_parser("build", help="write the site's Markdown pages into the docs directory")
    pb.add_argument("paths", nargs="+", metavar="SRC", help="files or folders of cables")
    pb.add_argument("--docs", default="docs", help="docs directory (default: docs)")
    pb.add_argument("--strict", action="store_true", help="exit 1 when any input was skipped")
    pb.add_argument("--quiet", action="store_true", help="no progress display")
    pb.add_argument("--timings", metavar="FILE", help="write each stage's seconds (wall, CPU, start, end) as JSON")
    pb.add_argument("--entity-min-cables", type=positive, default=ENTITY_MIN_CABLES, metavar="N",
                    help="give a name (person, organization, place …) a page of its own only when at least N "
                         "cables name it; the others are listed by letter with their cables "
                         f"(default: {ENTITY_MIN_CABLES})")
    pb.set_defaults(func=cmd_build)
    ps = sub.add_parser("search", help="write the search indexes into a built site (after mkdocs build)",
                        description="Write the search indexes into SITE from the search records the build step "
                                    "wrote into DOCS/.search/ (no source is parsed again).")
    ps.add_argument("site", help="the built site directory (mkdocs site_dir)")
    ps.add_argument("paths", nargs="*", metavar="SRC",
                    help="ignored: the build's search records in DOCS say everything (kept so that older "
                         "commands still run)")
    ps.add_argument("--docs", default="docs", help="docs directory the build wrote (default: docs)")
    ps.add_argument("--pagefind", action="store_true",
                    help="also write Pagefind bundles, used over http (the script index serves http otherwise)")
    ps.add_argument("--quiet", action="store_true", help="no progress display")
    ps.set_defaults(func=cmd_search)
    pm = sub.add_parser("mkdocs", help="build the site from the docs directory with MkDocs, in parallel parts "
                        "(the same site as `mkdocs build --strict`)")
    pm.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    pm.add_argument("--site-dir", default=None, help="output folder (default: site_dir of the configuration)")
    pm.add_argument("--parts", type=int, default=None,
                    help="parts the pages are cut in (default: 1 on small sites, else one per job or more)")
    pm.add_argument("--jobs", type=int, default=None, help="parts built at a time (default: the cores available)")
    pm.add_argument("--reuse", action="store_true",
                    help="keep the pages of site/ whose output would be the same (content hashes; `make site`)")
    pm.add_argument("--search", action="store_true", help="write the search index while MkDocs runs")
    pm.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    pm.set_defaults(func=cmd_mkdocs)
    pc = sub.add_parser("clean", help="remove the pages a previous build generated in the docs directory")
    pc.add_argument("--docs", default="docs", help="docs directory (default: docs)")
    pc.set_defaults(func=cmd_clean)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point: one line, not a traceback, for an interruption or a failure of the machine (disk, rights)."""
    previous = signal.signal(signal.SIGTERM, _terminated)
    command = "generator"
    try:  # from the start: a Ctrl-C while the arguments are read is an interruption like any other
        args = make_parser().parse_args(argv)
        command = args.command
        return args.func(args)
    except KeyboardInterrupt as exc:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopping: a second Ctrl-C must not cut the clean-up short
        stopped = "terminated" if isinstance(exc, Terminated) else "interrupted"
        print(f"{command}: {stopped}; nothing half-done is kept (the next build starts from what it finds)",
              file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"{where}{exc.strerror or exc}")
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the build is, so that it stops as it does on Ctrl-C (workers and scratch gone)."""


def _terminated(_signum: int, _frame: object) -> None:
    raise Terminated()
