"""The build report: every input and what became of it, as data (report.json) and as a page (report.md)."""
from __future__ import annotations

import json
import re

from .. import urls
from ..readers import Skip
from ..record import Cable
from ..resolve import Archive, cable_year
from .lists import plural
from .text import front_matter, md

ROWS_MAX = 1000  # rows per section of report.md; report.json has them all


def _natural(s: str) -> list:
    """Sort key that puts `cables.csv#2` before `cables.csv#10`."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s)]


def collect(cables: list[Cable], skips: list[Skip], archive: Archive, entity_notes: list[str]) -> dict:
    """Everything the build did with its inputs, as plain data with a stable order."""
    dropped = {src: d.id for d in archive.duplicates for src in d.dropped}
    inputs = [{"source": c.source, "status": "duplicate" if c.source in dropped else "cable", "id": c.id,
               "format": c.format} for c in cables]
    inputs += [{"source": s.source, "status": "skipped", "reason": s.reason} for s in skips]
    inputs.sort(key=lambda i: (_natural(i["source"]), i["status"]))
    shown = [archive.cables[cid] for cid in sorted(archive.cables)]
    refs = [{"cable": c.id, "label": r.label, "text": r.text} for c in shown for r in c.references if not r.id]
    unknown = [{"tag": t, "cables": ids} for t, ids in archive.tags.items() if archive.tag_info[t].kind == "unknown"]
    inferred = [{"cable": c.id, "date": c.date, "year": cable_year(c), "declassify": c.declassify}
                for c in shown if c.date_inferred]
    return {
        "summary": {
            "inputs": len(inputs), "cables": len(archive.cables), "skipped": len(skips),
            "duplicates": sum(len(d.dropped) for d in archive.duplicates), "missing_cited": len(archive.missing),
            "references_not_cables": len(refs), "unknown_tags": len(unknown), "inferred_dates": len(inferred),
        },
        "inputs": inputs,
        "skipped": [{"source": s.source, "reason": s.reason} for s in sorted(skips, key=lambda s: _natural(s.source))],
        "duplicates": [{"id": d.id, "shown": d.kept, "also": list(d.dropped)} for d in archive.duplicates],
        "references_not_cables": refs,
        "unknown_tags": unknown,
        "inferred_dates": inferred,
        "missing_cited": [{"id": k, "cited_by": v} for k, v in archive.missing.items()],
        "entities": list(entity_notes),
        "warnings": [{"cable": c.id, "warning": w} for c in shown for w in c.warnings],
    }


def to_json(data: dict) -> str:
    """report.json: indented, keys in the order written, UTF-8."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _cable(cid: str) -> str:
    """A link from the report to a cable page."""
    return f"[{md(cid)}]({urls.link(urls.REPORT, urls.cable(cid))})"


def _section(title: str, header: str, rows: list[str], empty: str) -> str:
    """A section of the report: a table, capped at ROWS_MAX rows."""
    if not rows:
        return f"## {title}\n\n{empty}"
    more = f"\n\n… and {len(rows) - ROWS_MAX} more in report.json." if len(rows) > ROWS_MAX else ""
    return f"## {title}\n\n{header}\n" + "\n".join(rows[:ROWS_MAX]) + more


def page(data: dict) -> str:
    """report.md: the summary, then every input that needs a reader's attention."""
    s = data["summary"]
    summary = (f"{plural(s['inputs'], 'input')} read: **{plural(s['cables'], 'cable')}** in the archive, "
               f"{s['skipped']} skipped, {s['duplicates']} duplicate{'s' if s['duplicates'] != 1 else ''} of a "
               f"cable already read. {plural(s['missing_cited'], 'cited cable')} not in the archive, "
               f"{plural(s['unknown_tags'], 'tag')} with no known meaning, "
               f"{plural(s['inferred_dates'], 'inferred date')}. The full list of inputs, one entry per file "
               f"or CSV row, is in [report.json](report.json).")
    parts = [front_matter("Build report"), summary]
    parts.append(_section("Skipped inputs", "| Input | Why |\n|---|---|",
                          [f"| {md(x['source'])} | {md(x['reason'])} |" for x in data["skipped"]], "None."))
    parts.append(_section("Duplicates", "| Cable | Shown from | Also read from |\n|---|---|---|",
                          [f"| {_cable(d['id'])} | {md(d['shown'])} | {md(', '.join(d['also']))} |"
                           for d in data["duplicates"]], "None: every cable ID was read once."))
    parts.append(_section("References that are not cables", "| Cable | REF | As written |\n|---|---|---|",
                          [f"| {_cable(r['cable'])} | {md(r['label']) or '—'} | {md(r['text'])} |"
                           for r in data["references_not_cables"]], "None."))
    parts.append(_section("Tags with no known meaning", "| Tag | Cables |\n|---|---|",
                          [f"| {md(t['tag'])} | {len(t['cables'])} |" for t in data["unknown_tags"]], "None."))
    parts.append(_section("Inferred dates", "| Cable | Date or year | From DECL date |\n|---|---|---|",
                          [f"| {_cable(i['cable'])} | {md(i['date'] or str(i['year']))} | {md(i['declassify'])} |"
                           for i in data["inferred_dates"]], "None: every cable states its date."))
    parts.append(_section("Entities", "| Note |\n|---|", [f"| {md(x)} |" for x in data["entities"]], "Nothing to report."))
    parts.append(_section("Parser warnings", "| Cable | Warning |\n|---|---|",
                          [f"| {_cable(w['cable'])} | {md(w['warning'])} |" for w in data["warnings"]], "None."))
    return "\n\n".join(parts) + "\n"
