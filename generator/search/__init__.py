"""Search for the built site: our own script-loaded index, for http and file:// alike; Pagefind on request.

`python -m generator search SITE SRC...` runs after `mkdocs build`: it reads the cables again and writes
`SITE/search/` (see offline.py); with `--pagefind` it also writes Pagefind bundles into `SITE/pagefind/`
(see pagefind.py), which the browser then uses over http. The browser side is docs/assets/search/search.js.

Why our index serves http too by default (bench/search_bench.py, 20,000 cables): a typical query fetches
0.3 MB from it against 0.8-1.0 MB from Pagefind (which loads about 11 bytes of page metadata per cable plus
every bundle's filter chunks; 2.7 MB of metadata alone for the full release of 251,287 cables); it builds in
20-40 s in 0.4 GB against 94 s and 3.3 GB; the same query gives the same results over http and from file://;
and Pagefind matches the stem of the last word as a prefix (`witnessed` -> `wit` -> `with`).
"""
from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .. import ids, urls
from ..record import Cable
from . import offline, pagefind
from .records import aliases, documents, page_url

_SAMPLE_ID = "00XX0"


@dataclass(frozen=True)
class Report:
    """What `build` wrote, with timings."""

    docs: int
    offline: offline.OfflineStats
    pagefind: pagefind.PagefindStats | None
    seconds: float


def page_template() -> str:
    """The cable page URL with `{id}` in place of the ID, as urls.py makes it."""
    return page_url(_SAMPLE_ID).replace(_SAMPLE_ID, "{id}")


def cable_pages(site: Path, cables: list[Cable], doc_ids: list[str]) -> dict[str, str]:
    """Every ID a reader may type -> its page: archive cables, their aliases, and cited cables with a page."""
    pages = {cid: page_url(cid) for cid in doc_ids}
    for alias, cid in aliases(cables).items():
        if cid in pages:
            pages.setdefault(alias, pages[cid])
    folder = site / Path(page_template()).parent
    if folder.is_dir():
        for f in sorted(folder.glob("*.html")):
            if urls.CABLE_ID.match(f.stem) and page_url(f.stem) == f.relative_to(site).as_posix():
                pages.setdefault(f.stem, page_url(f.stem))
    return pages


def build(site: Path, cables: list[Cable], *, with_pagefind: bool = False,
          group_size: int = pagefind.GROUP_SIZE, log=None) -> Report:
    """Write the script index, and the Pagefind bundles when asked for."""
    start = time.perf_counter()
    say = log or (lambda msg: None)
    docs = documents(cables)
    say(f"search: {len(docs)} cables")
    pages = cable_pages(site, cables, [d.id for d in docs])
    bundles: list[str] = []
    pf = None
    shutil.rmtree(site / pagefind.FOLDER, ignore_errors=True)  # no stale bundle from an earlier run
    if with_pagefind and docs:
        pf = pagefind.write(site, docs, group_size=group_size)
        bundles = pf.bundles
        say(f"search: Pagefind, {len(bundles)} bundle(s), peak {pf.peak_kb // 1024} MB")
    stats = offline.write(site / "search", docs, pages, page_template(), station_aliases=ids.STATION_ALIASES,
                          extra={"pagefind": bundles})
    say(f"search: script index, {stats.terms} terms in {stats.chunks} chunks, {stats.bytes // 1024} KB")
    return Report(docs=len(docs), offline=stats, pagefind=pf, seconds=time.perf_counter() - start)


def main(site: str, paths: list[str], *, with_pagefind: bool = False, quiet: bool = False) -> int:
    """The `search` command."""
    from ..cli import load

    root = Path(site)
    if not (root / "index.html").exists():
        print(f"{site}: not a built site (no index.html); run mkdocs build first", file=sys.stderr)
        return 2
    cables, _skips = load(paths)  # the build step already reported what it skipped
    log = None if quiet else (lambda msg: print(msg, file=sys.stderr))
    report = build(root, cables, with_pagefind=with_pagefind, log=log)
    if not quiet:
        print(f"search: done in {report.seconds:.1f} s", file=sys.stderr)
    return 0


__all__ = ["Report", "build", "main", "page_template", "cable_pages"]
