"""The engine that also works from file://: plain JS data files the browser loads with <script> tags.

Layout under `<site>/search/` (read by docs/assets/search/search.js):

- `index.js`          the manifest: sizes, the first term of every term chunk, the first ID of every ID chunk,
                      the filter values with their counts, and the folders below;
- `t/<hash>/<k>.js`   term chunks: terms in sorted order, each with its postings (doc numbers and weights), cut at
                      about `chunk_bytes`, so one query term loads one small file;
- `f/<hash>/<k>.js`   the doc lists of the filter values (year, origin, classification, tag): one file per field,
                      or one per value for a field too big to load whole;
- `i/<hash>/<k>.js`   cable ID -> page, in sorted chunks of `ids_per_chunk` IDs;
- `d/<hash>/<m>/<n>.js` one file per cable (ID, date, origin, subject, tags, body), only for the results shown.

Every file is `CableSearch.load(kind, key, data);` with `data` as JSON, so it works without fetch(). Each
folder is named by a hash of its content, so a browser holding an old manifest never mixes in new files.
Doc numbers follow the chronological order of `records.documents`.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import encode
from .text import STOPWORDS, Doc

FORMAT = 1
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


def _write_set(out: Path, prefix: str, kind: str, items: list) -> str:
    """Write items as `<prefix>/<hash>/<k>.js`, the hash taken over them all; return the folder."""
    blobs = [json.dumps(x, ensure_ascii=True, separators=(",", ":")) for x in items]
    digest = hashlib.sha1()
    for b in blobs:
        digest.update(b.encode("ascii") + b"\n")
    folder = f"{prefix}/{digest.hexdigest()[:12]}"
    (out / folder).mkdir(parents=True)
    for k, b in enumerate(blobs):
        name = f"{folder}/{k}.js"
        (out / name).write_bytes(f"CableSearch.load({json.dumps(kind)},{json.dumps(name)},{b});\n".encode("ascii"))
    return folder


def doc_path(folder: str, n: int) -> str:
    """File of doc number n (search.js builds the same path)."""
    return f"{folder}/{n // DOCS_PER_DIR}/{n}.js"


def _postings(docs: list[Doc]) -> dict[str, array]:
    """Term -> array of doc << 3 | weight, in doc order (arrays keep 20,000 cables within a few hundred MB)."""
    index: dict[str, array] = defaultdict(lambda: array("I"))
    for n, d in enumerate(docs):
        for term, w in d.weights().items():
            index[term].append((n << 3) | w)
    return index


def _chunks(index: dict[str, array], chunk_bytes: int) -> list[dict[str, str]]:
    """Terms in sorted order cut into chunks of about chunk_bytes of encoded postings."""
    chunks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    size = 0
    for term in sorted(index):
        enc = encode.postings((v >> 3, v & 7) for v in index[term])
        if current and size + len(enc) > chunk_bytes:
            chunks.append(current)
            current, size = {}, 0
        current[term] = enc
        size += len(enc) + len(term) + 6
    if current:
        chunks.append(current)
    return chunks


FACET_FIELDS = ("year", "origin", "classification", "tag")


def _members(docs: list[Doc], field: str) -> dict[str, list[int]]:
    """Value -> doc numbers having it, for one filter field."""
    members: dict[str, list[int]] = defaultdict(list)
    for n, d in enumerate(docs):
        values = d.tags if field == "tag" else (getattr(d, field),)
        for v in values:
            if v:
                members[v].append(n)
    return members


def _facets(out: Path, docs: list[Doc], field_budget: int) -> dict:
    """Each filter field: its values with archive-wide counts, and which files hold their doc lists.

    A field whose doc lists fit in `field_budget` bytes is one file (`whole`: the browser loads it and counts
    the values within each result list); a bigger field (tags, origins of a large archive) has one file per
    value from `first` on, loaded only when that value is chosen, and the counts shown are archive-wide.
    """
    items: list = []
    fields: dict[str, dict] = {}
    for field in FACET_FIELDS:
        members = _members(docs, field)
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
    fields["origin"]["labels"] = dict(sorted({d.origin: d.origin_name for d in docs
                                              if d.origin and d.origin_name}.items()))
    return {"dir": _write_set(out, "f", "facet", items), "fields": fields}


def _doc_data(d: Doc) -> dict:
    """What a result shows, and the text its excerpt is cut from."""
    return {"id": d.id, "url": d.url, "date": d.date, "origin": d.origin, "originName": d.origin_name,
            "classification": d.classification, "subject": d.subject, "tags": list(d.tags), "body": d.body}


def _docs(out: Path, docs: list[Doc]) -> str:
    """One file per doc, written into a folder then renamed after the hash of them all; return the folder."""
    tmp = out / "d" / "tmp"
    tmp.mkdir(parents=True)
    digest = hashlib.sha1()
    for n, d in enumerate(docs):
        sub = tmp / str(n // DOCS_PER_DIR)
        if n % DOCS_PER_DIR == 0:
            sub.mkdir()
        payload = json.dumps(_doc_data(d), ensure_ascii=True, separators=(",", ":")).encode("ascii")
        digest.update(payload + b"\n")
        (sub / f"{n}.js").write_bytes(b'CableSearch.load("doc",%d,%s);\n' % (n, payload))
    folder = f"d/{digest.hexdigest()[:12]}"
    tmp.rename(out / folder)
    return folder


def _ids(out: Path, pages: dict[str, str], page_template: str, per_chunk: int) -> dict:
    """ID -> page in sorted chunks (a page that follows the template is stored as 0): folder and first IDs."""
    ids = sorted(pages)
    tables = [{cid: 0 if pages[cid] == page_template.replace("{id}", cid) else pages[cid]
               for cid in ids[i:i + per_chunk]} for i in range(0, len(ids), per_chunk)]
    return {"dir": _write_set(out, "i", "ids", tables), "firsts": ids[::per_chunk]}


def write(out: Path, docs: list[Doc], pages: dict[str, str], page_template: str, *,
          station_aliases: dict[str, str], chunk_bytes: int = 32_000, field_budget: int = 300_000,
          ids_per_chunk: int = 2_000, extra: dict | None = None) -> OfflineStats:
    """Write the whole script index into `out` (replacing what was there)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    chunks = _chunks(_postings(docs), chunk_bytes)
    terms = {"dir": _write_set(out, "t", "terms", chunks), "firsts": [next(iter(c)) for c in chunks]}
    manifest = {"format": FORMAT, "docs": len(docs), "docsPerDir": DOCS_PER_DIR, "docDir": _docs(out, docs),
                "terms": terms, "facets": _facets(out, docs, field_budget),
                "ids": _ids(out, pages, page_template, ids_per_chunk), "page": page_template,
                "stations": dict(sorted(station_aliases.items())), "stopwords": sorted(STOPWORDS), **(extra or {})}
    (out / "index.js").write_bytes(_js("manifest", "index", manifest))
    files = [p for p in out.rglob("*") if p.is_file()]
    return OfflineStats(docs=len(docs), terms=sum(len(c) for c in chunks), chunks=len(chunks),
                        bytes=sum(p.stat().st_size for p in files), files=len(files))
