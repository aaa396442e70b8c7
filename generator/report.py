"""The build report's data: every input and what became of it, every problem, as plain data in a stable order.

Made when the archive is resolved (it needs the inputs, the skips and the archive, nothing rendered);
render/report.py turns it into report.json and the report pages.
"""
from __future__ import annotations

import re

from .diff import changes
from .readers import Skip
from .record import Cable
from .resolve import Archive, cable_year, released, same_text

_ROW = re.compile(r"^(.*)#(\d+)$")


def natural(s: str) -> list:
    """Sort key that puts `cables.csv#2` before `cables.csv#10`."""
    return [int(p) if i % 2 else p for i, p in enumerate(re.split(r"(\d+)", s))]  # odd parts: the digit runs


def _file_of(source: str, row_files: set[str]) -> tuple[str, int | None]:
    """The file an input came from, and its CSV row (sources of rows are `path#row`)."""
    m = _ROW.match(source)
    if m and m.group(1) in row_files:
        return m.group(1), int(m.group(2))
    return source, None


def _inputs(cables: list[Cable], skips: list[Skip], archive: Archive) -> list[dict]:
    """One entry per input: the file (and row) it came from, and what became of it."""
    shown = {d.id: d.kept for d in archive.duplicates}
    same = {src for d in archive.duplicates for src in d.same}
    rows = {_ROW.match(c.source).group(1) for c in cables if c.format == "csv" and _ROW.match(c.source)}
    rows |= {_ROW.match(s.source).group(1) for s in skips if s.row is not None and _ROW.match(s.source)}
    out = []
    for c in cables:
        file, row = _file_of(c.source, rows)
        entry = {"source": c.source, "file": file, "row": row, "status": "cable", "id": c.id, "format": c.format,
                 "date": c.date, "date_inferred": c.date_inferred, "warnings": list(c.warnings)}
        if c.id in shown and shown[c.id] != c.source:
            entry.update(status="duplicate", shown=shown[c.id], same_text=c.source in same)
        out.append(entry)
    for s in skips:
        file, row = _file_of(s.source, rows)
        out.append({"source": s.source, "file": file, "row": row, "status": "skipped", "reason": s.reason})
    out.sort(key=lambda i: (natural(i["source"]), i["status"]))
    return out


def _versions(archive: Archive) -> list[dict]:
    """Every cable read more than once: the input shown, and how each other input differs from it."""
    out = []
    for d in archive.duplicates:
        c = archive.cables[d.id]
        others = []
        for o in archive.versions.get(d.id, []):
            removed, added = (0, 0) if same_text(o, c) else changes(o.text, c.text)
            others.append({"source": o.source, "format": o.format, "released": released(o) or None,
                           "same_text": same_text(o, c), "words_only_there": removed, "words_only_shown": added})
        out.append({"id": d.id, "shown": d.kept, "released": released(c) or None, "format": c.format,
                    "others": others})
    return out


def collect(cables: list[Cable], skips: list[Skip], archive: Archive, entity_notes: list[str]) -> dict:
    """Everything the build did with its inputs, as plain data with a stable order."""
    inputs = _inputs(cables, skips, archive)
    shown = [archive.cables[cid] for cid in sorted(archive.cables)]
    refs = [{"cable": c.id, "label": r.label, "text": r.text} for c in shown for r in c.references if not r.id]
    unknown = [{"tag": t, "cables": ids} for t, ids in archive.tags.items() if archive.tag_info[t].kind == "unknown"]
    inferred = [{"cable": c.id, "date": c.date, "year": cable_year(c), "declassify": c.declassify}
                for c in shown if c.date_inferred]
    warnings = [{"cable": c.id, "source": c.source, "warning": w} for c in shown for w in c.warnings]
    warnings += [{"cable": c.id, "source": c.source, "warning": w}
                 for cid in sorted(archive.versions) for c in archive.versions[cid] for w in c.warnings]
    dups = sum(len(d.dropped) for d in archive.duplicates)
    copies = sum(len(d.same) for d in archive.duplicates)
    return {
        "summary": {
            "inputs": len(inputs), "files": len({i["file"] for i in inputs}), "cables": len(archive.cables),
            "skipped": len(skips), "duplicates": dups, "versions": dups - copies, "copies": copies,
            "missing_cited": len(archive.missing), "references_not_cables": len(refs), "unknown_tags": len(unknown),
            "inferred_dates": len(inferred), "entity_notes": len(entity_notes), "warnings": len(warnings),
        },
        "inputs": inputs,
        "skipped": [{"source": s.source, "reason": s.reason} for s in sorted(skips, key=lambda s: natural(s.source))],
        "duplicates": [{"id": d.id, "shown": d.kept, "also": list(d.dropped), "same_text": list(d.same)}
                       for d in archive.duplicates],
        "versions": _versions(archive),
        "references_not_cables": refs,
        "unknown_tags": unknown,
        "inferred_dates": inferred,
        "missing_cited": [{"id": k, "cited_by": v} for k, v in archive.missing.items()],
        "entities": list(entity_notes),
        "warnings": warnings,
    }
