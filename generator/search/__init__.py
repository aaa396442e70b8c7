"""Search for the built site: a Pagefind bundle for http and our own script-loaded index for file://.

`python -m generator search SITE SRC...` runs after `mkdocs build`: it reads the cables again, writes
`SITE/search/` (the file:// engine, see offline.py) and `SITE/pagefind/` (see pagefind.py). The browser side is
docs/assets/search/search.js: it picks the engine by `location.protocol` and falls back to the file:// engine.
"""
from __future__ import annotations

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


def build(site: Path, cables: list[Cable], *, with_pagefind: bool = True,
          group_size: int = pagefind.GROUP_SIZE, log=None) -> Report:
    """Write both engines' data into the built site."""
    start = time.perf_counter()
    say = log or (lambda msg: None)
    docs = documents(cables)
    say(f"search: {len(docs)} cables")
    pages = cable_pages(site, cables, [d.id for d in docs])
    bundles: list[str] = []
    pf = None
    if with_pagefind and docs:
        pf = pagefind.write(site, docs, group_size=group_size)
        bundles = pf.bundles
        say(f"search: Pagefind, {len(bundles)} bundle(s), peak {pf.peak_kb // 1024} MB")
    stats = offline.write(site / "search", docs, pages, page_template(), station_aliases=ids.STATION_ALIASES,
                          extra={"pagefind": bundles})
    say(f"search: file:// index, {stats.terms} terms in {stats.chunks} chunks, {stats.bytes // 1024} KB")
    return Report(docs=len(docs), offline=stats, pagefind=pf, seconds=time.perf_counter() - start)


def main(site: str, paths: list[str], *, with_pagefind: bool = True, quiet: bool = False) -> int:
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
