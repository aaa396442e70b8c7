"""Render: the resolved archive in, Markdown pages out as (docs path, text) pairs. No I/O here."""
from __future__ import annotations

from collections.abc import Iterator

from ..resolve import Archive
from . import cable, entity, home, lists, report

Page = tuple[str, str]


def pages(archive: Archive, report_data: dict) -> Iterator[Page]:
    """Every generated page of the site, cable pages first (they gather the snippets the entity pages show)."""
    from .. import urls

    snippets: entity.Snippets = {}
    for cid in archive.order:
        text, first = cable.page(archive.cables[cid], archive)
        for key, snip in first.items():
            snippets.setdefault(key, {})[cid] = snip
        yield urls.cable(cid), text
    for cid in archive.missing:
        yield urls.cable(cid), cable.missing_page(cid, archive)
    yield from lists.all_cables(archive)
    yield from lists.tag_pages(archive)
    yield from lists.origin_pages(archive)
    yield from lists.date_pages(archive)
    yield from lists.classification_pages(archive)
    yield from lists.missing_index(archive)
    yield from entity.entity_pages(archive, snippets)
    yield from entity.entity_indexes(archive)
    yield urls.HOME, home.home(archive, report_data["summary"]["skipped"])
    yield from report.pages(report_data)
