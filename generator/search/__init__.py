"""Search for the built site: our own script-loaded index, for http and file:// alike; Pagefind on request.

`python -m generator search SITE [--docs DOCS]` runs after `mkdocs build`: it reads the search records the
build wrote into DOCS/.search/ (records.py; no source is parsed again) and writes `SITE/search/` (offline.py);
with `--pagefind` it also writes Pagefind bundles into `SITE/pagefind/` (see pagefind.py), which the browser
then uses over http. The browser side is
docs/assets/search/search.js.

Why our index serves http too by default (bench/search_bench.py, 20,000 cables): a typical query fetches
0.3 MB from it against 0.8-1.0 MB from Pagefind (which loads about 11 bytes of page metadata per cable plus
every bundle's filter chunks; 2.7 MB of metadata alone for the full release of 251,287 cables); it builds in
20-40 s in 80 MB (from the build's records, `search_bench.py --step`) against 94 s and 3.3 GB; the same
query gives the same results over http and from file://; and Pagefind matches the stem of the last word as a
prefix (`witnessed` -> `wit` -> `with`).
"""
from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import ids, urls
from ..record import Cable
from . import offline, pagefind
from .records import RecordsError, aliases, documents, names, page_url, read_records, records_paths
from .text import Doc
from .variants import Variants

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


def cable_pages(site: Path, cables: Iterable[Cable], doc_ids: list[str]) -> dict[str, str]:
    """Every ID a reader may type -> its page: archive cables, their aliases, and cited cables with a page."""
    return id_pages(site, doc_ids, aliases(cables))


def id_pages(site: Path, doc_ids: list[str], alias_ids: dict[str, str]) -> dict[str, str]:
    """ID -> page for the archive's IDs, the aliases (alias -> archive ID) of those, and every cable page in the
    built site (the cited cables missing from the archive have pages too)."""
    pages = {cid: page_url(cid) for cid in doc_ids}
    for alias, cid in alias_ids.items():
        if cid in pages:
            pages.setdefault(alias, pages[cid])
    folder = site / Path(page_template()).parent
    if folder.is_dir():
        for f in sorted(folder.glob("*.html")):
            if urls.CABLE_ID.match(f.stem) and page_url(f.stem) == f.relative_to(site).as_posix():
                pages.setdefault(f.stem, page_url(f.stem))
    return pages


def _write(site: Path, docs: Iterable[Doc], alias_ids: dict[str, str],
           pagefind_docs: Callable[[], tuple[list[Doc], dict[str, list[str]]]],
           *, with_pagefind: bool, group_size: int, say: Callable[[str], None], variants: Variants) -> Report:
    """Pagefind first when asked for (its bundles go into the manifest), then the script index, one Doc at a time.

    `alias_ids` and `variants` may still be filling while `docs` is iterated (the records carry the aliases and
    the entities' spellings): they are read after.
    """
    start = time.perf_counter()
    bundles: list[str] = []
    pf = None
    shutil.rmtree(site / pagefind.FOLDER, ignore_errors=True)  # no stale bundle from an earlier run
    if with_pagefind:
        listed, table = pagefind_docs()
        if listed:
            pf = pagefind.write(site, listed, group_size=group_size, variants=table)
            bundles = pf.bundles
            say(f"search: Pagefind, {len(bundles)} bundle(s), peak {pf.peak_kb // 1024} MB")
        del listed
    writer = offline.IndexWriter(site / "search")
    doc_ids: list[str] = []
    for d in docs:
        writer.add(d)
        doc_ids.append(d.id)
    say(f"search: {len(doc_ids)} cables")
    pages = id_pages(site, doc_ids, alias_ids)
    table = variants.table()
    stats = writer.finish(pages, page_template(), station_aliases=ids.STATION_ALIASES, variants=table,
                          extra={"pagefind": bundles})
    say(f"search: {len(table)} words with other spellings")
    say(f"search: script index, {stats.terms} terms in {stats.chunks} chunks, {stats.bytes // 1024} KB")
    return Report(docs=len(doc_ids), offline=stats, pagefind=pf, seconds=time.perf_counter() - start)


def build(site: Path, cables: list[Cable], *, with_pagefind: bool = False,
          group_size: int = pagefind.GROUP_SIZE, log=None) -> Report:
    """Write the script index, and the Pagefind bundles when asked for, from parsed cables."""
    docs = documents(cables)
    variants = Variants()
    for c in cables:
        variants.add(names(c))
    return _write(site, docs, aliases(cables), lambda: (docs, variants.table()), with_pagefind=with_pagefind,
                  group_size=group_size, say=log or (lambda msg: None), variants=variants)


def build_from_records(site: Path, docs_dir: str | Path, *, with_pagefind: bool = False,
                       group_size: int = pagefind.GROUP_SIZE, log=None) -> Report:
    """The same index from the records the build wrote under docs/ (records.chunk_records): no source is parsed,
    and no more than one chunk of records is held at a time (Pagefind, when asked for, takes them all)."""
    alias_ids: dict[str, str] = {}
    variants = Variants()

    def stream() -> Iterator[Doc]:
        for r in read_records(docs_dir):
            for a in r.aliases:
                alias_ids.setdefault(a, r.doc.id)
            variants.add(r.names)
            yield r.doc

    def listed() -> tuple[list[Doc], dict[str, list[str]]]:
        every = Variants()
        out = []
        for r in read_records(docs_dir):
            every.add(r.names)
            out.append(r.doc)
        return out, every.table()

    return _write(site, stream(), alias_ids, listed, with_pagefind=with_pagefind, group_size=group_size,
                  say=log or (lambda msg: None), variants=variants)


def main(site: str, paths: list[str], *, docs: str = "docs", with_pagefind: bool = False,
         quiet: bool = False) -> int:
    """The `search` command, holding the docs folder (no build changes the records while they are read)."""
    from ..write import docs_lock

    with docs_lock(docs):
        return _main(site, paths, docs=docs, with_pagefind=with_pagefind, quiet=quiet)


def unfinished(site: Path, docs: str | Path) -> list[str]:
    """The pages of the last build that the site lacks: a site mkdocs did not finish (stopped, or failed) lacks
    some, and an index written into it would point at pages that are not there."""
    listed = Path(docs) / urls.MANIFEST
    if not listed.is_file():
        return []
    paths = [p for p in listed.read_text(encoding="utf-8").splitlines() if p.endswith(".md")]
    return [urls.html_path(p) for p in paths if not (site / urls.html_path(p)).is_file()]


def _main(site: str, paths: list[str], *, docs: str = "docs", with_pagefind: bool = False,
          quiet: bool = False) -> int:
    """The `search` command: from the build's records in DOCS (no source is parsed again)."""
    root = Path(site)
    if not (root / "index.html").exists():
        print(f"{site}: not a built site (no index.html); run mkdocs build first", file=sys.stderr)
        return 2
    missing = unfinished(root, docs)
    if missing:
        print(f"{site}: an unfinished site: {len(missing):,} pages of the build are missing (first: {missing[0]}); "
              "run mkdocs again, then search", file=sys.stderr)
        return 2
    log = None if quiet else (lambda msg: print(msg, file=sys.stderr))
    if records_paths(docs):
        if paths:
            print(f"search: reading the records in {docs}/{urls.SEARCH_RECORDS}; the SRC arguments are not needed",
                  file=sys.stderr)
        try:
            report = build_from_records(root, docs, with_pagefind=with_pagefind, log=log)
        except RecordsError as exc:
            print(f"search: {exc}", file=sys.stderr)
            return 2
    else:
        print(f"search: no records in {docs}/{urls.SEARCH_RECORDS}: run the build first", file=sys.stderr)
        return 2
    if not quiet:
        print(f"search: done in {report.seconds:.1f} s", file=sys.stderr)
    return 0


__all__ = ["Report", "build", "build_from_records", "main", "page_template", "cable_pages", "id_pages"]
