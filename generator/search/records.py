"""The cables as the search engines see them: one Doc per archive cable, oldest first.

The build writes them for the search step (`chunk_records`, one file per chunk of cables under the docs path
`urls.search_records(n)`, a dot-folder MkDocs does not publish); the search step reads them back in order
(`read_records`) instead of parsing every source again.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path

from .. import resolve, urls
from ..record import Cable
from ..render.body import paragraph_ids
from .text import Doc, body_and_anchors, key_text


def page_url(cable_id: str) -> str:
    """Site-relative URL of a cable's page (urls.py decides the path)."""
    return urls.html_path(urls.cable(cable_id))


def to_doc(c: Cable, meanings: dict[str, str]) -> Doc:
    """The searchable form of one cable."""
    year = str(resolve.cable_year(c))
    body, anchors = body_and_anchors(c, paragraph_ids(c.paragraphs))
    return Doc(id=c.id, url=page_url(c.id), date=c.date or year, year=year, origin=c.origin or "",
               origin_name=c.origin_name or "", classification=c.classification or "",
               subject=c.subject or "", tags=tuple(dict.fromkeys(c.tags)), key=key_text(c, meanings),
               body=body, refs=" ".join(sorted({r.id for r in c.references if r.id})), anchors=anchors)


def names(c: Cable) -> list[list[str]]:
    """Each entity the cable names: its type, its name, then the other spellings the entity pass merged into it;
    the search step finds the other spellings of a word in them (variants.py)."""
    return [[e.type, e.name, *e.aliases] for e in c.entities]


def documents(cables: Iterable[Cable]) -> list[Doc]:
    """One Doc per cable ID (the input the site shows), in the site's chronological order."""
    kept, _dups = resolve.dedupe(list(cables))
    kept.sort(key=resolve.sort_key)
    meanings = {t: resolve.tag_info(t).meaning or "" for c in kept for t in c.tags}
    return [to_doc(c, meanings) for c in kept]


def aliases(cables: Iterable[Cable]) -> dict[str, str]:
    """Other IDs a cable is known by -> its archive ID (for the ID jump)."""
    out: dict[str, str] = {}
    for c in cables:
        for a in c.aliases:
            if a != c.id:
                out.setdefault(a, c.id)
    return out


# ---------------------------------------------------------------- the records the build writes for the search step

RECORDS_GLOB = "records-*.jsonl"


class RecordsError(ValueError):
    """The search records in docs/ are not one archive in order (a stale or foreign chunk)."""


@dataclass(frozen=True)
class Record:
    """One archive cable as the search step reads it back: its Doc, the other IDs it is known by, its order."""

    doc: Doc
    aliases: tuple[str, ...]
    order: tuple[str, str, str]
    names: tuple[tuple[str, ...], ...] = ()


def chunk_records(cables: Iterable[Cable], meanings: dict[str, str],
                  versions: dict[str, list[Cable]] | None = None) -> str:
    """The search records of a chunk of archive cables (one per ID, deduplicated already), as JSON Lines.

    One line per cable, oldest first within the chunk: its Doc fields, its aliases, its `resolve.sort_key` and the
    spellings of its entities (`names`).
    ASCII JSON with fixed key order, so the same cables give the same bytes. `meanings` is tag -> meaning (what
    `to_doc` puts into the key text); extra tags in it do no harm. `versions` (Archive.versions: ID -> the inputs
    not shown) adds the IDs those inputs go by, so a reader typing one still reaches the page.
    """
    lines: list[str] = []
    others = versions or {}
    for c in sorted(cables, key=resolve.sort_key):
        d = to_doc(c, meanings)
        ids = [*c.aliases, *(a for v in others.get(c.id, ()) for a in v.aliases)]
        rec = {"order": list(resolve.sort_key(c)), **asdict(d), "tags": list(d.tags),
               "anchors": [list(a) for a in d.anchors],
               "aliases": [a for a in dict.fromkeys(ids) if a != c.id], "names": names(c)}
        lines.append(json.dumps(rec, ensure_ascii=True, separators=(",", ":")) + "\n")
    return "".join(lines)


def _parse(line: str) -> Record:
    """One line of `chunk_records` back as a Record."""
    rec = json.loads(line)
    fields = {f.name: rec[f.name] for f in dataclass_fields(Doc) if f.name in rec}
    fields["tags"] = tuple(fields["tags"])
    fields["anchors"] = tuple((at, pid) for at, pid in fields.get("anchors", ()))
    return Record(doc=Doc(**fields), aliases=tuple(rec["aliases"]), order=tuple(rec["order"]),
                  names=tuple(tuple(n) for n in rec.get("names", ())))


def records_paths(docs: str | Path) -> list[Path]:
    """The records files under docs/ (urls.search_records), in the order they were numbered."""
    return sorted((Path(docs) / urls.SEARCH_RECORDS).glob(RECORDS_GLOB))


_ORDER = re.compile(r'^\{"order":(\[[^\]]*\])')


def read_records(docs: str | Path) -> Iterator[Record]:
    """Every record under docs/, oldest first (the doc numbers of the index).

    The build writes a chunk per stretch of its inputs, so chunks overlap in time: a first pass reads only each
    record's sort key and where its line starts, a second reads the lines in archive order (a few files open at
    a time), so memory holds the keys, not the texts.
    """
    keys: list[tuple[tuple[str, str, str], int, int]] = []
    paths = records_paths(docs)
    for n, path in enumerate(paths):
        with path.open("rb") as f:
            offset = 0
            for line in f:
                m = _ORDER.match(line.decode("ascii"))
                if m:
                    keys.append((tuple(json.loads(m.group(1))), n, offset))
                offset += len(line)
    keys.sort()
    files: dict[int, object] = {}
    try:
        last: tuple[str, str, str] | None = None
        for order, n, offset in keys:
            if order == last:
                raise RecordsError(f"{paths[n]}: {order[2]} is repeated; rebuild the docs")
            last = order
            f = files.get(n)
            if f is None:
                if len(files) >= _OPEN_FILES:
                    files.pop(next(iter(files))).close()
                f = files[n] = paths[n].open("rb")
            f.seek(offset)
            yield _parse(f.readline().decode("ascii"))
    finally:
        for f in files.values():
            f.close()


_OPEN_FILES = 32
