"""The data downloads: a cable's full record as JSON, as a line of `cables.jsonl.gz`, as a row of `cables.csv`.

Pure: records in, strings out (the build streams them to disk through generator/write.py). Keys are sorted and
lists keep the cable's own order, so a record's bytes depend only on the cable and the archive. Page paths are
from the site's root (`cable/08STATE34976.html`), so a record means the same wherever it is read. Text from a
cable only ever becomes a JSON string (escaped by json.dumps) or a quoted CSV field: it never names a path.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from importlib import resources

from .. import urls
from ..parse.fields import declassify_iso
from ..record import Cable, Entity, Reference
from ..resolve import Archive, entity_key, released, same_text, tag_info

CSV_FIELDS = ("id", "date", "time", "dtg", "origin", "classification", "caveats", "subject", "tags", "references",
              "signer", "source", "page")
LIST_SEP = " "  # between the items of a list in a CSV cell (IDs, tags and caveats hold no space)


def _reference(r: Reference, archive: Archive | None) -> dict:
    """One REF item: as written, the ID it names, and the archive's cable it resolves to (through aliases)."""
    out: dict = {"label": r.label, "text": r.text, "id": r.id}
    if archive is not None:
        target = archive.target(r.id) if r.id else None
        out["target"] = target
        out["in_archive"] = bool(target and archive.has(target))
    return out


def _entity(e: Entity, archive: Archive | None) -> dict:
    """One named entity; its page only where it has one (a name in one cable has none by default)."""
    out: dict = {"type": e.type, "name": e.name, "aliases": list(e.aliases), "count": e.count}
    if archive is not None:
        key = entity_key(e)
        out["page"] = urls.html_path(key) if archive.has_entity_page(key) else None
    return out


def _tag(code: str, archive: Archive | None) -> dict:
    """A TAGS code with its meaning and kind (the archive's table, else the shipped one)."""
    info = archive.tag_info.get(code) if archive is not None else None
    info = info or tag_info(code)
    return {"code": code, "meaning": info.meaning, "kind": info.kind}


def _versions(c: Cable, archive: Archive) -> list[dict]:
    """The other inputs of the same ID, newest first: where each came from, and whether it is a mere copy."""
    return [{"source": o.source, "format": o.format, "released": released(o) or None, "same_text": same_text(o, c)}
            for o in archive.versions.get(c.id, [])]


def record(c: Cable, archive: Archive | None = None) -> dict:
    """Every fact of a cable as one JSON-ready dict; with the archive, also what only the archive knows
    (cited-by, resolved references, entity pages, versions, the page paths)."""
    out: dict = {
        "id": c.id, "aliases": list(c.aliases), "source": c.source, "format": c.format,
        "date": c.date, "time": c.time, "dtg": c.dtg, "date_inferred": c.date_inferred,
        "classification": c.classification, "caveats": list(c.caveats), "precedence": c.precedence,
        "origin": c.origin, "origin_name": c.origin_name, "from": c.from_, "to": list(c.to), "info": list(c.info),
        "subject": c.subject, "classified_by": c.classified_by, "reasons": c.reasons, "declassify": c.declassify,
        "declassify_date": declassify_iso(c.declassify),
        "signer": c.signer, "sections": c.sections, "partial": c.partial, "released": c.released,
        "header": c.header,
        "tags": [_tag(t, archive) for t in c.tags],
        "references": [_reference(r, archive) for r in c.references],
        "paragraphs": [{"number": p.number, "mark": p.mark, "heading": p.heading, "text": p.text}
                       for p in c.paragraphs],
        "entities": [_entity(e, archive) for e in c.entities],
    }
    if archive is not None:
        out["cited_by"] = list(archive.cited_by.get(c.id, []))
        out["versions"] = _versions(c, archive)
        out["page"] = urls.html_path(urls.cable(c.id))
        out["original"] = urls.original(c.id)
    return out


def record_json(rec: dict) -> str:
    """A record as the file `cable/<ID>.json`: sorted keys, one key a line, UTF-8 as written."""
    return json.dumps(rec, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def record_line(rec: dict) -> str:
    """A record as one line of `cables.jsonl.gz` (line separators inside strings are escaped by json.dumps)."""
    return json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _cell(value: object) -> str:
    """A CSV cell: lists joined by a space, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEP.join(str(v) for v in value)
    return str(value)


def csv_row(rec: dict) -> dict[str, str]:
    """The main fields of a record as one CSV row (references: the IDs they resolve to)."""
    refs = [r.get("target") or r["id"] for r in rec["references"] if r["id"]]
    row = {k: rec.get(k) for k in CSV_FIELDS}
    row.update(caveats=rec["caveats"], tags=[t["code"] for t in rec["tags"]],
               references=list(dict.fromkeys(refs)))
    return {k: _cell(v) for k, v in row.items()}


def csv_text(rows: list[dict[str, str]], header: bool = False) -> str:
    """CSV text of some rows (RFC 4180: quoted where needed, CRLF line ends), with the header line if asked."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    if header:
        w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def downloads(records: list[dict]) -> tuple[str, str]:
    """The JSON Lines and CSV text of some records (one chunk of the streamed downloads)."""
    return "".join(record_line(r) for r in records), csv_text([csv_row(r) for r in records])


@functools.lru_cache(maxsize=1)
def schema_text() -> str:
    """The JSON Schema of a record, as shipped in generator/data/ (published at urls.DATA_SCHEMA)."""
    return resources.files("generator.data").joinpath("cable.schema.json").read_text(encoding="utf-8")
