"""The engine that also works from file://: plain JS data files the browser loads with <script> tags.

Layout under `<site>/search/` (read by docs/assets/search/search.js):

- `index.js`          the manifest: sizes, the first term of every term chunk, the first ID of every ID chunk,
                      the filter values with their counts, and the folders below;
- `t/<hash>/<k>.js`   term chunks: terms in sorted order, each with its postings (doc numbers and weights), cut at
                      about `chunk_bytes`, so one query term loads one small file;
- `f/<hash>/<k>.js`   the doc lists of the filter values (year, origin, classification, tag): one file per field,
                      or one per value for a field too big to load whole;
- `i/<hash>/<k>.js`   cable ID -> page, in sorted chunks of `ids_per_chunk` IDs;
- `v/<hash>/<k>.js`   word -> its other spellings (variants.py), in sorted chunks like the IDs;
- `d/<hash>/<m>/<n>.js` one file per cable (ID, date, origin, subject, tags, body and where its paragraphs
                      start), for the results shown and for checking a quoted phrase.

Every file is `CableSearch.load(kind, key, data);` with `data` as JSON, so it works without fetch(). The data
is a JavaScript object literal there, where a key `__proto__` would set the prototype instead of being a key:
values from cables (origin codes) are therefore stored in lists, never as keys. Each
folder is named by a hash of its content, so a browser holding an old manifest never mixes in new files.
Doc numbers follow the chronological order of `records.documents`.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import encode
from .text import STOPWORDS, Doc

FORMAT = 2
DOCS_PER_DIR = 1000


@dataclass(frozen=True)
class OfflineStats:
    """What was written, for the command's summary and the benchmark."""

    docs: int
    terms: int
    chunks: int
    bytes: int
    files: int


def read(path: Path) -> tuple[str, str | int, object]:
    """A data file's kind, key and data (for tests and the benchmark; the browser just runs the file)."""
    text = path.read_text(encoding="ascii")
    prefix = "CableSearch.load("
    if not (text.startswith(prefix) and text.endswith(");\n")):
        raise ValueError(f"{path}: not a search data file")
    kind, key, data = json.loads("[" + text[len(prefix):-3] + "]")
    return kind, key, data


def _js(kind: str, key: str | int, data: object) -> bytes:
    """One data file: a call the browser's loader receives (ASCII JSON, so any byte is safe in it)."""
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=False)
    return f"CableSearch.load({json.dumps(kind)},{json.dumps(key)},{payload});\n".encode("ascii")


def _write_set(out: Path, prefix: str, kind: str, items: Iterable) -> tuple[str, int]:
    """Write items as `<prefix>/<hash>/<k>.js`, the hash taken over them all; return the folder and the count.

    Items are streamed: each is written as bare JSON into a scratch folder, then wrapped once the folder's
    name (which every file names in its key) is known, so no more than one item is held at a time.
    """
    tmp = out / prefix / "tmp"
    tmp.mkdir(parents=True)
    digest = hashlib.sha1()
    count = 0
    for x in items:
        blob = json.dumps(x, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        digest.update(blob + b"\n")
        (tmp / f"{count}.js").write_bytes(blob)
        count += 1
    folder = f"{prefix}/{digest.hexdigest()[:12]}"
    (out / folder).parent.mkdir(parents=True, exist_ok=True)
    tmp.rename(out / folder)
    head = b"CableSearch.load(" + json.dumps(kind).encode("ascii") + b","
    for k in range(count):
        f = out / folder / f"{k}.js"
        name = json.dumps(f"{folder}/{k}.js").encode("ascii")
        f.write_bytes(head + name + b"," + f.read_bytes() + b");\n")
    return folder, count


def doc_path(folder: str, n: int) -> str:
    """File of doc number n (search.js builds the same path)."""
    return f"{folder}/{n // DOCS_PER_DIR}/{n}.js"


FACET_FIELDS = ("year", "origin", "classification", "tag")


def _chunks(index: dict[str, array], chunk_bytes: int) -> Iterator[dict[str, str]]:
    """Terms in sorted order cut into chunks of about chunk_bytes of encoded postings (each term's postings are
    let go of once encoded, so the index shrinks as the chunks are written)."""
    current: dict[str, str] = {}
    size = 0
    for term in sorted(index):
        enc = encode.packed_postings(index.pop(term))
        if current and size + len(enc) > chunk_bytes:
            yield current
            current, size = {}, 0
        current[term] = enc
        size += len(enc) + len(term) + 6
    if current:
        yield current


def _doc_data(d: Doc) -> dict:
    """What a result shows, and the text its excerpt is cut from."""
    return {"id": d.id, "url": d.url, "date": d.date, "origin": d.origin, "originName": d.origin_name,
            "classification": d.classification, "subject": d.subject, "tags": list(d.tags), "body": d.body,
            "pars": [list(a) for a in d.anchors]}


class IndexWriter:
    """The script index built one Doc at a time (docs in order, oldest first): a doc's file is written when it is
    added, and only its postings and filter values are kept, so memory does not grow with the bodies."""

    def __init__(self, out: Path) -> None:
        if out.exists():
            shutil.rmtree(out)
        self.out = out
        self.tmp = out / "d" / "tmp"
        self.tmp.mkdir(parents=True)
        self.digest = hashlib.sha1()
        self.count = 0
        self.postings: dict[str, array] = defaultdict(lambda: array("I"))
        self.members: dict[str, dict[str, array]] = {f: defaultdict(lambda: array("I")) for f in FACET_FIELDS}
        self.labels: dict[str, str] = {}

    def add(self, d: Doc) -> None:
        """Index one doc (the next doc number) and write its file."""
        n = self.count
        self.count += 1
        postings, base = self.postings, n << 3
        for term, w in d.weights().items():
            postings[term].append(base | w)
        for field in FACET_FIELDS:
            for v in (d.tags if field == "tag" else (getattr(d, field),)):
                if v:
                    self.members[field][v].append(n)
        if d.origin and d.origin_name:
            self.labels[d.origin] = d.origin_name
        sub = self.tmp / str(n // DOCS_PER_DIR)
        if n % DOCS_PER_DIR == 0:
            sub.mkdir()
        payload = json.dumps(_doc_data(d), ensure_ascii=True, separators=(",", ":")).encode("ascii")
        self.digest.update(payload + b"\n")
        (sub / f"{n}.js").write_bytes(b'CableSearch.load("doc",%d,%s);\n' % (n, payload))

    def _facets(self, field_budget: int) -> dict:
        """Each filter field: its values with archive-wide counts, and which files hold their doc lists.

        A field whose doc lists fit in `field_budget` bytes is one file (`whole`: the browser loads it and counts
        the values within each result list); a bigger field (tags, origins of a large archive) has one file per
        value from `first` on, loaded only when that value is chosen, and the counts shown are archive-wide.
        """
        items: list = []
        fields: dict[str, dict] = {}
        for field in FACET_FIELDS:
            members = self.members[field]
            values = sorted(members)
            lists = [encode.numbers(encode.gaps(members[v])) for v in values]
            entry: dict = {"values": values, "counts": [len(members[v]) for v in values]}
            if sum(len(x) + 3 for x in lists) <= field_budget:
                entry["whole"] = len(items)
                items.append(lists)
            else:
                entry["first"] = len(items)
                items.extend(lists)
            fields[field] = entry
        fields["origin"]["labels"] = sorted(self.labels.items())  # pairs: an origin is cable text, not a key
        return {"dir": _write_set(self.out, "f", "facet", items)[0], "fields": fields}

    def finish(self, pages: dict[str, str], page_template: str, *, station_aliases: dict[str, str],
               chunk_bytes: int = 32_000, field_budget: int = 300_000, ids_per_chunk: int = 2_000,
               variants: dict[str, list[str]] | None = None, extra: dict | None = None) -> OfflineStats:
        """Write the terms, filters, IDs and manifest once every doc is added."""
        doc_dir = f"d/{self.digest.hexdigest()[:12]}"
        self.tmp.rename(self.out / doc_dir)
        firsts: list[str] = []
        terms = 0

        def chunks() -> Iterator[dict[str, str]]:
            nonlocal terms
            for c in _chunks(self.postings, chunk_bytes):
                firsts.append(next(iter(c)))
                terms += len(c)
                yield c

        term_dir, nchunks = _write_set(self.out, "t", "terms", chunks())
        manifest = {"format": FORMAT, "docs": self.count, "docsPerDir": DOCS_PER_DIR, "docDir": doc_dir,
                    "terms": {"dir": term_dir, "firsts": firsts}, "facets": self._facets(field_budget),
                    "ids": _ids(self.out, pages, page_template, ids_per_chunk), "page": page_template,
                    "variants": _table(self.out, "v", "variants", variants or {}, ids_per_chunk),
                    "stations": dict(sorted(station_aliases.items())), "stopwords": sorted(STOPWORDS),
                    **(extra or {})}
        (self.out / "index.js").write_bytes(_js("manifest", "index", manifest))
        size = files = 0
        for p in self.out.rglob("*"):
            if p.is_file():
                size += p.stat().st_size
                files += 1
        return OfflineStats(docs=self.count, terms=terms, chunks=nchunks, bytes=size, files=files)


def _ids(out: Path, pages: dict[str, str], page_template: str, per_chunk: int) -> dict:
    """ID -> page in sorted chunks (a page that follows the template is stored as 0): folder and first IDs."""
    ids = sorted(pages)
    tables = ({cid: 0 if pages[cid] == page_template.replace("{id}", cid) else pages[cid]
               for cid in ids[i:i + per_chunk]} for i in range(0, len(ids), per_chunk))
    return {"dir": _write_set(out, "i", "ids", tables)[0], "firsts": ids[::per_chunk]}


def _table(out: Path, prefix: str, kind: str, table: dict[str, list[str]], per_chunk: int) -> dict:
    """A word -> list table in sorted chunks (keys are index terms, [a-z0-9]+): folder and first keys."""
    keys = sorted(table)
    chunks = ({k: table[k] for k in keys[i:i + per_chunk]} for i in range(0, len(keys), per_chunk))
    return {"dir": _write_set(out, prefix, kind, chunks)[0], "firsts": keys[::per_chunk]}


def write(out: Path, docs: Iterable[Doc], pages: dict[str, str], page_template: str, *,
          station_aliases: dict[str, str], chunk_bytes: int = 32_000, field_budget: int = 300_000,
          ids_per_chunk: int = 2_000, variants: dict[str, list[str]] | None = None,
          extra: dict | None = None) -> OfflineStats:
    """Write the whole script index into `out` (replacing what was there)."""
    writer = IndexWriter(out)
    for d in docs:
        writer.add(d)
    return writer.finish(pages, page_template, station_aliases=station_aliases, chunk_bytes=chunk_bytes,
                         field_budget=field_budget, ids_per_chunk=ids_per_chunk, variants=variants, extra=extra)
