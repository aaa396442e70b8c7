"""The engine that also works from file://: plain JS data files the browser loads with <script> tags.

Layout under `<site>/search/` (read by docs/assets/search/search.js):

- `index.js`        the manifest: sizes, the first term of every term chunk, facet and ID-shard file names;
- `t/<hash>.js`     term chunks: terms in sorted order, each with its postings (doc numbers and weights),
                    cut at about `chunk_bytes` so one query term loads one small file;
- `f/<hash>.js`     the facets (year, origin, classification, tag): values and the docs of each value;
- `d/<k>/<n>.js`    one file per cable (ID, date, origin, subject, tags, body), loaded only for shown results;
- `i/<key>.js`      cable IDs sharded by two-digit year and first letter of the station, for the ID jump.

Every file is `CableSearch.load(kind, key, data);` with `data` as JSON, so it works without fetch().
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


def _hashed(folder: Path, prefix: str, kind: str, data: object) -> str:
    """Write a data file named by its content (so a cached old copy is never read by a new manifest)."""
    key = hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
    name = f"{prefix}/{key}.js"
    (folder / name).write_bytes(_js(kind, name, data))
    return name


def doc_path(n: int) -> str:
    """File of doc number n (kept in step with search.js `docPath`)."""
    return f"d/{n // DOCS_PER_DIR}/{n}.js"


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


def _facets(docs: list[Doc]) -> dict[str, dict]:
    """Each filter: its values (sorted) and, per value, the docs that have it (as gaps)."""
    fields = {"year": lambda d: [d.year], "origin": lambda d: [d.origin],
              "classification": lambda d: [d.classification], "tag": lambda d: list(d.tags)}
    out: dict[str, dict] = {}
    for name, get in fields.items():
        members: dict[str, list[int]] = defaultdict(list)
        for n, d in enumerate(docs):
            for v in get(d):
                if v:
                    members[v].append(n)
        values = sorted(members)
        out[name] = {"values": values, "docs": [encode.numbers(encode.gaps(members[v])) for v in values]}
    out["origin"]["labels"] = sorted({(d.origin, d.origin_name) for d in docs if d.origin and d.origin_name})
    return out


def _doc_data(d: Doc) -> dict:
    """What a result shows, and the text its excerpt is cut from."""
    return {"id": d.id, "url": d.url, "date": d.date, "origin": d.origin, "originName": d.origin_name,
            "classification": d.classification, "subject": d.subject, "tags": list(d.tags), "body": d.body}


def id_shard(cable_id: str) -> str:
    """Shard key of a cable ID: two-digit year and the station's first letter (`08STATE34976` -> `08S`)."""
    return cable_id[:3].upper()


def _id_shards(pages: dict[str, str], page_template: str) -> dict[str, dict]:
    """ID -> page, sharded; a page that follows the template is stored as 0 to keep shards small."""
    shards: dict[str, dict] = defaultdict(dict)
    for cid in sorted(pages):
        url = pages[cid]
        shards[id_shard(cid)][cid] = 0 if url == page_template.replace("{id}", cid) else url
    return shards


def write(out: Path, docs: list[Doc], pages: dict[str, str], page_template: str, *,
          station_aliases: dict[str, str], chunk_bytes: int = 32_000, extra: dict | None = None) -> OfflineStats:
    """Write the whole file:// engine into `out` (replacing what was there)."""
    if out.exists():
        shutil.rmtree(out)
    for sub in ("t", "f", "i"):
        (out / sub).mkdir(parents=True)
    chunks = _chunks(_postings(docs), chunk_bytes)
    chunk_list = [[next(iter(c)), _hashed(out, "t", "terms", c)] for c in chunks]
    facets = _hashed(out, "f", "facets", _facets(docs))
    shards = _id_shards(pages, page_template)
    for key, table in shards.items():
        (out / "i" / f"{key}.js").write_bytes(_js("ids", key, table))
    for n, d in enumerate(docs):
        path = out / doc_path(n)
        if n % DOCS_PER_DIR == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_js("doc", n, _doc_data(d)))
    manifest = {"format": FORMAT, "docs": len(docs), "docsPerDir": DOCS_PER_DIR, "chunks": chunk_list,
                "facets": facets, "idShards": sorted(shards), "page": page_template,
                "stations": dict(sorted(station_aliases.items())), "stopwords": sorted(STOPWORDS), **(extra or {})}
    (out / "index.js").write_bytes(_js("manifest", "index", manifest))
    files = [p for p in out.rglob("*") if p.is_file()]
    return OfflineStats(docs=len(docs), terms=sum(len(c) for c in chunks), chunks=len(chunks),
                        bytes=sum(p.stat().st_size for p in files), files=len(files))
