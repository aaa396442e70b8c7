"""`build`: read every input, resolve the archive and the report, then render and write the Markdown pages."""
from __future__ import annotations

import sys
import time

from . import entities
from .cli import load, report_skips
from .render import pages
from .render import report as report_mod
from .resolve import resolve
from .write import Writer


def build(paths: list[str], docs: str = "docs", strict: bool = False, quiet: bool = False) -> int:
    """Write the site's generated pages into `docs`; exit status 1 under --strict when an input was skipped."""
    t0 = time.monotonic()
    cables, skips = load(paths)
    report_skips(skips)
    enriched, notes = entities.enrich(cables)
    archive = resolve(enriched)
    data = report_mod.collect(enriched, skips, archive, notes)
    writer = Writer(docs)
    for path, text in pages(archive, data):
        writer.put(path, text)
    stats = writer.finish()
    if not quiet:
        s = data["summary"]
        print(f"{s['cables']} cables ({s['skipped']} inputs skipped, {s['duplicates']} duplicates, "
              f"{s['missing_cited']} cited but missing); {len(stats.paths)} pages: {stats.written} written, "
              f"{stats.unchanged} unchanged, {stats.removed} removed; {time.monotonic() - t0:.1f}s",
              file=sys.stderr)
    return 1 if strict and skips else 0
