"""The build report: every input and what became of it, as data (report.json) and as pages (report.md and report/).

report.json lists every input (each file, each CSV row) and every problem, however many. report.md says what the
build did in counts, by folder, and lists the problems; a list longer than INLINE rows moves to its own pages in
report/ (at most PER_PAGE rows each), so that no page holds more than about a thousand links. The list of every
input is on those pages too, up to INPUT_PAGES pages; a larger archive lists its inputs in report.json only.
"""
from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Callable, Iterator

from .. import urls
from .lists import paginate, plural
from ..report import natural as _natural
from .text import front_matter, md

INLINE = 50  # rows of a list shown on report.md itself
PER_PAGE = 1000  # rows (one link at most each) per page of report/
INPUT_PAGES = 20  # pages of the list of every input; beyond that, report.json lists them
FOLDERS_MAX = 1000  # rows of the table by folder
Page = tuple[str, str]


def to_json(data: dict) -> str:
    """report.json: indented, keys in the order written, UTF-8."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# ---- pages ----------------------------------------------------------------------------------------------------
Row = Callable[[dict, str], str]  # one table row of an item, with links relative to the page it is on


def _cable(cid: str, page: str) -> str:
    """A link from a page of the report to a cable page."""
    return f"[{md(cid)}]({urls.link(page, urls.cable(cid))})"


def _fate(i: dict, page: str) -> str:
    """What became of one input, in words."""
    if i["status"] == "skipped":
        return f"skipped: {md(i['reason'])}"
    what = f"cable {_cable(i['id'], page)} ({md(i['format'])})"
    if i["status"] == "duplicate":
        kind = "a copy (same text)" if i["same_text"] else "another version"
        what = f"{kind} of {_cable(i['id'], page)}, kept on its page; shown from {md(i['shown'])}"
    if i.get("date_inferred"):
        what += "; date inferred"
    if i.get("warnings"):
        what += f"; {plural(len(i['warnings']), 'warning')}"
    return what


def _version_row(v: dict, page: str) -> str:
    """One cable read more than once: the input shown and the others."""
    others = []
    for o in v["others"]:
        how = "same text" if o["same_text"] else (f"{o['words_only_there']} words only there, "
                                                  f"{o['words_only_shown']} only in the one shown")
        others.append(f"{md(o['source'])} ({md(how)})")
    when = f" (released {md(v['released'])})" if v["released"] else ""
    return f"| {_cable(v['id'], page)} | {md(v['shown'])}{when} | {'<br>'.join(others)} |"


# (key in the data, title, table header, row, text when there is none)
SECTIONS: list[tuple[str, str, str, Row, str]] = [
    ("skipped", "Skipped inputs", "| Input | Why |\n|---|---|",
     lambda x, p: f"| {md(x['source'])} | {md(x['reason'])} |", "None: every input held a cable."),
    ("versions", "Cables read more than once", "| Cable | Shown from | Other inputs, kept on its page |\n|---|---|---|",
     _version_row, "None: every cable was read once."),
    ("references_not_cables", "References that are not cables", "| Cable | REF | As written |\n|---|---|---|",
     lambda r, p: f"| {_cable(r['cable'], p)} | {md(r['label']) or '—'} | {md(r['text'])} |", "None."),
    ("unknown_tags", "Tags with no known meaning", "| Tag | Cables |\n|---|---|",
     lambda t, p: f"| [{md(t['tag'])}]({urls.link(p, urls.tag(t['tag']))}) | {len(t['cables'])} |", "None."),
    ("inferred_dates", "Inferred dates", "| Cable | Date or year | From DECL date |\n|---|---|---|",
     lambda i, p: f"| {_cable(i['cable'], p)} | {md(i['date'] or str(i['year']))} | {md(i['declassify'])} |",
     "None: every cable states its date."),
    ("entities", "Entities", "| Note |\n|---|", lambda x, p: f"| {md(x)} |", "Nothing to report."),
    ("warnings", "Parser warnings", "| Cable | Input | Warning |\n|---|---|---|",
     lambda w, p: f"| {_cable(w['cable'], p)} | {md(w['source'])} | {md(w['warning'])} |", "None."),
]
INPUTS = ("inputs", "Every input", "| Input | What became of it |\n|---|---|",
          lambda i, p: f"| {md(i['source'])} | {_fate(i, p)} |", "No inputs.")


def _summary(data: dict) -> str:
    """The report's first paragraph: what the build read and did, in counts."""
    s = data["summary"]
    missing = f"[{plural(s['missing_cited'], 'cited cable')} not in the archive]({urls.link(urls.REPORT, urls.MISSING)})"
    return (f"{plural(s['inputs'], 'input')} read from {plural(s['files'], 'file')} (a CSV dump gives one input a "
            f"row): **{plural(s['cables'], 'cable')}** in the archive, {s['skipped']:,} inputs skipped, "
            f"{plural(s['versions'], 'other version')} and {s['copies']:,} {'copy' if s['copies'] == 1 else 'copies'} of cables read "
            f"more than once (kept on the cable's page). {missing}, {plural(s['unknown_tags'], 'tag')} with no "
            f"known meaning, {plural(s['inferred_dates'], 'inferred date')}, "
            f"{plural(s['warnings'], 'parser warning')}. Every input, file by file and row by row, is in "
            f"[report.json](report.json).")


def _folders(inputs: list[dict]) -> str:
    """Inputs counted by folder: what each folder gave."""
    counts: dict[str, Counter] = {}
    for i in inputs:
        folder = posixpath.dirname(i["file"].replace("\\", "/")) or "."
        kind = i["status"] if i["status"] != "duplicate" else "other"
        counts.setdefault(folder, Counter())[kind] += 1
        counts[folder]["inputs"] += 1
    rows = [f"| {md(f)} | {c['inputs']:,} | {c['cable']:,} | {c['other']:,} | {c['skipped']:,} |"
            for f, c in sorted(counts.items(), key=lambda fc: _natural(fc[0]))]
    more = f"\n\n… and {len(rows) - FOLDERS_MAX:,} more folders in report.json." if len(rows) > FOLDERS_MAX else ""
    head = "| Folder | Inputs | Cables | Other versions and copies | Skipped |\n|---|---|---|---|---|\n"
    return "## Inputs by folder\n\n" + (head + "\n".join(rows[:FOLDERS_MAX]) + more if rows else "No inputs.")


def _section(spec: tuple, items: list) -> str:
    """A section of report.md: the rows themselves, or a pointer to the pages of report/ that list them."""
    key, title, header, row, empty = spec
    if not items:
        return f"## {title}\n\n{empty}"
    if len(items) <= INLINE:
        return f"## {title}\n\n{header}\n" + "\n".join(row(x, urls.REPORT) for x in items)
    path = urls.report_part(key.replace("_", "-"))
    pages = -(-len(items) // PER_PAGE)
    where = "on its own page" if pages == 1 else f"on {pages} pages"
    return f"## {title}\n\n{len(items):,} entries, listed {where}: [{md(title)}]({urls.link(urls.REPORT, path)})."


def _inputs_section(inputs: list[dict]) -> str:
    """Every input on report.md (a small archive), on pages of report/, or in report.json only (a large one)."""
    if len(inputs) > INPUT_PAGES * PER_PAGE:
        return (f"## {INPUTS[1]}\n\n{len(inputs):,} inputs: too many to list on pages; "
                "[report.json](report.json) lists every one.")
    return _section(INPUTS, inputs)


def page(data: dict) -> str:
    """report.md: the summary, the inputs by folder, then every list (or where it is)."""
    parts = [front_matter("Build report"), _summary(data), _folders(data["inputs"]), _inputs_section(data["inputs"])]
    parts += [_section(spec, data[spec[0]]) for spec in SECTIONS]
    return "\n\n".join(parts) + "\n"


def part_pages(data: dict) -> Iterator[Page]:
    """The pages of report/: each list too long for report.md, PER_PAGE rows a page."""
    specs = list(SECTIONS)
    if INLINE < len(data["inputs"]) <= INPUT_PAGES * PER_PAGE:
        specs.insert(0, INPUTS)
    for key, title, header, row, _empty in specs:
        items = data[key]
        if len(items) <= INLINE:
            continue
        path = urls.report_part(key.replace("_", "-"))
        intro = (f"Part of the [build report]({urls.link(path, urls.REPORT)}): {len(items):,} entries. "
                 f"[report.json]({urls.link(path, urls.REPORT_JSON)}) has the same list as data.")
        yield from paginate(path, f"Build report: {title}", intro, [row(x, path) for x in items], header,
                            per_page=PER_PAGE)


def pages(data: dict) -> Iterator[Page]:
    """Every page of the report: report.md, the pages of report/, and report.json."""
    yield urls.REPORT, page(data)
    yield from part_pages(data)
    yield urls.REPORT_JSON, to_json(data)
