"""Fidelity of the parse on every real WikiLeaks page: how often it agrees with what the page states apart from the
telegram text (the page's table, its tag links), the subject with the text, and the time with the DTG.

    .venv/bin/python bench/fidelity.py [PATH ...] [--limit N] [--json FILE]

The parse is the project's own (`generator.build.load`); the page is read again, independently, with BeautifulSoup.
A disagreement with a known cause (the table's Created time: its minutes repeat the hour) is listed as explained,
with the reason, apart from the unexplained ones. Skips (exit 0, with a message) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup, SoupStrainer  # noqa: E402

from generator.build import load  # noqa: E402
from generator.parse.fields import (page_breaks, parse_class_line, routing_classification,  # noqa: E402
                                    routing_station_serial, split_glued)
from generator.record import Cable  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = [SHARED / "corpus" / "html", SHARED / "corpus-2010" / "html"]
TARGET = 99.5  # percent of agreement, every field
FIELDS = ["id", "date", "time", "classification", "origin", "tags", "subject", "dtg time"]
_SUBJECT = re.compile(r"(?:^[ \t]*SUBJ(?:ECT)?\b[ \t]*:?|^[ \t]*UBJECT[ \t]*:|[ \t]SUBJ(?:ECT)?[ \t]*:|"
                      r"(?:^[ \t]*|[ \t])(?i:subject)[ \t]*:)"  # `Subject: ambassador convoked` (08ISLAMABAD3418)
                      r"[ \t]*(.*?)(?=\n[ \t]*\n|\Z)", re.S | re.M)
# where a subject ends when no blank line follows it: a REF list, the Classified By line, a paragraph, a rule
_SUBJECT_END = re.compile(r"REF(?:S|TELS?)?\s*:|CLASSIFIED\s+BY\b|¶|^\s*1\.\s|-{5,}|THIS IS AN ACTION REQUEST",
                          re.I | re.M)
_PAGE_BREAK = re.compile(r"\s0\d{7}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")  # `BRASILIA 00000351 001.2 OF 003`
_MARK = re.compile(r"\s*[(\[]\s*(?:U|C|S|SBU|LOU|CONF|S/NF|C/NF|U/FOUO|S//NF|C//NF)\s*[)\]]\s*$", re.I)
_LEAD_MARK = re.compile(r"^[(\[]\s*(?:U|C|S|SBU|LOU|CONF|S/NF|C/NF|U/FOUO|S//NF|C//NF)\s*[)\]]\s*")
_DTG_TIME = re.compile(r"^\d{2}(\d{2})(\d{2})Z ")


@dataclass
class Page:
    """What a WikiLeaks page states outside the telegram text: its table's five cells and its tag links."""

    path: str
    id: str | None
    created: str | None
    classification: str | None
    origin: str | None
    tags: list[str] | None  # None: the page links no tags (the 2010 build writes them as plain text)
    text: str  # the telegram text, for the subject


@dataclass
class Finding:
    """One comparison of one field of one cable; `reason` says why a disagreement is expected."""

    id: str
    field: str
    page: str | None
    parse: str | None
    agree: bool
    reason: str | None = None


def read_page(path: Path) -> Page:
    """The page's table and tag links, read with BeautifulSoup, independently of the project's reader."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser",
                         parse_only=SoupStrainer(["table", "pre"]))
    table = soup.find("table", class_="cable")
    cells = [td.get_text(" ", strip=True) for td in table.find_all("td")][:5] if table else []
    cells += [None] * (5 - len(cells))
    pres = soup.find_all("pre")
    links = [a.get_text(strip=True) for pre in pres for a in pre.find_all("a", href=re.compile(r"^/tag/"))]
    return Page(str(path), cells[0], cells[1], cells[3], cells[4], list(dict.fromkeys(links)) or None,
                pres[-1].get_text() if pres else "")


def page_subject(text: str, station: str = "") -> str | None:
    """The SUBJECT line of the telegram text, read with patterns of our own (not the parser's)."""
    found = [_subject_head(m.group(1), station) for m in _SUBJECT.finditer(text) if m.group(1).strip()]
    found = [s for s in found if s.strip()]
    whole = [s for s in found if not s.rstrip().endswith("...")]  # `...`: an embedded dump row's shortened subject
    return norm_subject((whole or found or [None])[0])


def _subject_head(said: str, station: str) -> str:
    """The subject before whatever follows it on the same lines: a REF list, a page-break line and its station."""
    said = _SUBJECT_END.split(said.replace("\\", " "), maxsplit=1)[0]
    parts = _PAGE_BREAK.split(said, maxsplit=1)
    if len(parts) == 1:
        return said
    words = parts[0].split()
    for k in (3, 2, 1):
        if len(words) > k and station.endswith("".join(words[-k:]).upper()):
            return " ".join(words[:-k])
    return parts[0]


def norm_subject(subject: str | None) -> str | None:
    """A subject to compare: one case, one space, no portion mark or closing full stop."""
    if not subject:
        return None
    s = _MARK.sub("", " ".join(subject.split()).rstrip(" .")).upper().rstrip(" .")
    s = _LEAD_MARK.sub("", s)  # a portion mark before the subject is no part of it either
    return s or None


_CLASS_LINE_IN = re.compile(r"\b(?:UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET)\s+[A-Z]+(?: [A-Z]+){0,2}\s+\d{6}\b")


def _subject_reason(said: str | None, parsed: str | None) -> str | None:
    """Why the page's SUBJECT may be longer than the parse's: a garbled copy runs its header and its own
    classification line into it (07MANAMA995); the parse cuts the subject there."""
    if said and parsed and said != parsed and said.startswith(parsed) and _CLASS_LINE_IN.search(said[len(parsed):]):
        return "header text and the classification line run into the subject (a garbled copy); the parse cuts them"
    return None


def time_reason(created: str, cable: Cable) -> str | None:
    """Why the table's Created time may differ from the parse's: the table's minutes repeat the hour."""
    hh, mm = created.split(":")
    if cable.time is None:
        return "no date-time group: the parse never takes the table's time (its minutes are wrong)"
    if int(mm) == int(hh) % 12 or (int(hh) % 12 == 0 and int(mm) in (0, 12)):
        return "the table's Created minutes repeat the hour (12-hour clock); the parse uses the DTG"
    return None


def compare(page: Page, cable: Cable) -> list[Finding]:
    """Every field of one page against its parse."""
    cid = cable.id
    out = [_id(page, cable), _date(page, cable), _classification(page, cable),
           Finding(cid, "origin", page.origin, cable.origin_name, page.origin == cable.origin_name)]
    created = (page.created or "").split()
    if len(created) == 2:
        t = created[1]
        ok = t == cable.time
        out.append(Finding(cid, "time", t, cable.time, ok, None if ok else time_reason(t, cable)))
    if page.tags is not None:
        out.append(Finding(cid, "tags", " ".join(page.tags), " ".join(cable.tags), page.tags == list(cable.tags)))
    station = re.sub(r"^\d{2}|\d+$", "", page.id or "")
    said, parsed = page_subject(page.text, station), norm_subject(cable.subject)
    out.append(Finding(cid, "subject", said, parsed, said == parsed, _subject_reason(said, parsed)))
    m = _DTG_TIME.match(cable.dtg or "")
    if m:
        want = f"{m.group(1)}:{m.group(2)}"
        out.append(Finding(cid, "dtg time", f"{cable.dtg} ({want})", cable.time, want == cable.time))
    return out


def _id(page: Page, cable: Cable) -> Finding:
    """The table's Reference ID; a malformed one read as its canonical twin is explained."""
    ok = page.id == cable.id
    reason = None
    if not ok and page.id in cable.aliases:
        reason = "malformed WikiLeaks ID: the parse gives its canonical twin and keeps the ID as an alias"
    return Finding(cable.id, "id", page.id, cable.id, ok, reason)


def _date(page: Page, cable: Cable) -> Finding:
    """The table's Created date (the date is right; only its time is not)."""
    said = (page.created or "").split()[0] if page.created else None
    return Finding(cable.id, "date", said, cable.date, said == cable.date)


def _classification(page: Page, cable: Cable) -> Finding:
    """The table's classification: its level, then every `//` part among the parse's caveats."""
    parts = [p.strip().upper() for p in (page.classification or "").split("//") if p.strip()]
    level = parts[0] if parts else None
    ok = level == cable.classification and all(p in cable.caveats or _fouo(p, cable) for p in parts[1:])
    parsed = "//".join([cable.classification or ""] + list(cable.caveats))
    return Finding(cable.id, "classification", page.classification, parsed, ok)


def _fouo(part: str, cable: Cable) -> bool:
    """`FOR OFFICIAL USE ONLY` is the 2011 site's word for the text's SENSITIVE, which the parse keeps as such."""
    sensitive = ("SENSITIVE", "SBU", "FOR OFFICIAL USE ONLY")
    return part == "FOR OFFICIAL USE ONLY" and any(c in sensitive for c in cable.caveats)


def pages_of(paths: Iterable[Path], limit: int | None) -> list[Path]:
    """Every `.html` page under the paths, sorted, the first `limit` of each path when given."""
    out: list[Path] = []
    for p in paths:
        found = sorted(p.rglob("*.html")) if p.is_dir() else [p]
        out += found[:limit] if limit else found
    return out


def run(files: list[Path], jobs: int) -> tuple[list[Finding], int, list[str]]:
    """Parse the pages with the project's loader, read them again with BeautifulSoup, compare."""
    cables, skips = load([str(f) for f in files], jobs=jobs)
    by_source = {c.source: c for c in cables}
    findings: list[Finding] = []
    missing = [f"{s.source}: {s.reason}" for s in skips]
    for f in files:
        cable = by_source.get(f.name)  # a file given by itself is named by its name
        if cable is not None:
            findings += compare(read_page(f), cable)
    return findings, len(by_source), missing


def summary(findings: list[Finding]) -> dict:
    """Per field: agreeing, total, percentage, explained and unexplained disagreements."""
    out = {}
    for name in FIELDS:
        rows = [f for f in findings if f.field == name]
        if not rows:
            continue
        agree = sum(f.agree for f in rows)
        explained = sum(1 for f in rows if not f.agree and f.reason)
        right = 100 * (agree + explained) / len(rows)  # an explained disagreement is not a parse error
        out[name] = {"agree": agree, "total": len(rows), "percent": round(100 * agree / len(rows), 2),
                     "explained": explained, "unexplained": len(rows) - agree - explained,
                     "not_an_error_percent": round(right, 2), "meets_target": right >= TARGET}
    return out


def report(findings: list[Finding], pages: int, missing: list[str]) -> str:
    """The table, then every disagreement by field, unexplained first."""
    table = summary(findings)
    lines = [f"Fidelity: {pages} WikiLeaks pages parsed ({len(missing)} skipped); target >= {TARGET}% a field", "",
             (f"{'field':<16}{'agree / total':>16}{'percent':>10}{'explained':>11}{'unexplained':>13}"
              f"{'agree+explained':>17}  target")]
    for name, s in table.items():
        lines.append(f"{name:<16}{s['agree']:>7,} / {s['total']:<6,}{s['percent']:>9.2f}%{s['explained']:>11}"
                     f"{s['unexplained']:>13}"
                     f"{s['not_an_error_percent']:>16.2f}%  {'ok' if s['meets_target'] else 'MISSED'}")
    lines += [f"skipped: {m}" for m in missing]
    for kind, pick in (("Unexplained", lambda f: not f.reason), ("Explained", lambda f: bool(f.reason))):
        why = ", reason" if kind == "Explained" else ""
        lines += ["", f"{kind} disagreements (cable ID, field, page says, parse says{why}):"]
        for name in FIELDS:
            rows = [f for f in findings if f.field == name and not f.agree and pick(f)]
            if rows:
                lines.append(f"  {name} ({len(rows)})")
                lines += [_row(f) for f in rows]
    return "\n".join(lines)


def _row(f: Finding) -> str:
    """One disagreement on one line."""
    tail = f"  [{f.reason}]" if f.reason else ""
    return f"    {f.id}  page: {f.page!r}  parse: {f.parse!r}{tail}"


TEXT_TARGET = 99.0  # percent, every field of the text path (agreeing or explained)
TEXT_FIELDS = ["id", "classification", "tags", "subject", "references", "signer"]


def telegram_text(path: Path) -> str:
    """The page's telegram alone, as cables.csv carries it: its header and body, no links, anchors or table."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser",
                         parse_only=SoupStrainer("pre"))
    for a in soup.find_all("a", id=re.compile(r"^par")):
        a.decompose()
    blocks = [pre.get_text() for pre in soup.find_all("pre")]
    return "\n".join(b for b in blocks if not b.startswith("This record is a partial extract"))


def _fields(cable: Cable) -> dict[str, str | None]:
    """The fields the text path is compared on, each as one string."""
    return {"id": cable.id, "classification": cable.classification, "tags": " ".join(cable.tags),
            "subject": norm_subject(cable.subject), "references": " ".join(r.id or r.text for r in cable.references),
            "signer": cable.signer}


def text_path(files: list[Path], jobs: int) -> list[Finding]:
    """Parse each page's telegram text alone and compare it with the parse of the whole page."""
    pages, _skips = load([str(f) for f in files], jobs=jobs)
    with tempfile.TemporaryDirectory(prefix="fidelity-") as tmp:
        texts = []
        for f in files:
            out = Path(tmp) / f"{f.stem}.txt"
            out.write_text(telegram_text(f), encoding="utf-8")
            texts.append(str(out))
        alone, _skips = load(texts, jobs=jobs)
    by_stem = {Path(c.source).stem: c for c in alone}
    findings = []
    for page in pages:
        text = by_stem.get(Path(page.source).stem)
        said, got = _fields(page), _fields(text) if text else dict.fromkeys(TEXT_FIELDS)
        reason = _text_reason(page, text)
        for k in TEXT_FIELDS:
            why = None
            if said[k] != got[k]:
                other = reason if reason and "another cable" in reason else None
                why = (reason if k in ("id", "references") else other) or (
                    _tags_reason(page, text) if k == "tags" else None) or (
                    _level_reason(text) if k == "classification" else None) or _no_id_reason(text, Path(page.source))
            findings.append(Finding(page.id, k, said[k], got[k], said[k] == got[k], why))
    return findings


def _tags_reason(page: Cable, text: Cable | None) -> str | None:
    """Why the text's tags may differ from the page's links, where the page is what is wrong: it links each word
    of a person's or a written-out tag alone (`OVIP RICE CONDOLEEZZA`), a glued code as written (`VTPREL`), and
    only the first line of TAGS."""
    if text is None or not page.tags:
        return None
    linked = [p for w in page.tags for p in (split_glued(w) or [w])]
    linked = list(dict.fromkeys(linked))
    words = re.split(r"[\s,-]+", " ".join(text.tags).strip())  # `ZANU-PF`: the page links ZANU and PF
    if words == linked and len(words) != len(text.tags):
        return "the page links each word of a person's, a written-out or a hyphenated tag alone"
    if words == linked:
        return "the page links glued codes as written (VTPREL, EINDETRD); the text's parse splits them"
    if len(words) > len(linked) and words[:len(linked)] == linked:
        return "a second line of TAGS, which the page does not link"
    return None


def _level_reason(text: Cable | None) -> str | None:
    """Why the text's level may differ from the page table's: the text states its own twice over (classification
    line and routing header's `ZNY CCCCC`) and the parse of the text alone reads that."""
    if text is None:
        return None
    line = parse_class_line(text.text)
    if line and line["classification"] == text.classification == routing_classification(text.text):
        return "the table gives another level than the text's classification line and routing header both state"
    return None


def _no_id_reason(text: Cable | None, path: Path) -> str | None:
    """Why the text alone gives no cable: it names none (a partial extract without classification or routing
    line; cables.csv carries the ID in a column of its own)."""
    if text is not None:
        return None
    body = telegram_text(path)
    if parse_class_line(body) is None and routing_station_serial(body) is None and not page_breaks(body):
        return "the text names no cable (no classification line, routing header or page break): cables.csv has its ID"
    return None


def _text_reason(page: Cable, text: Cable | None) -> str | None:
    """Why the text alone may give another ID (and so other reference years): it states no date of its own; or
    it is another cable's text, which the page carries under its own routing header and table."""
    if text is not None and text.date_inferred and text.id[2:] == page.id[2:]:
        return "the text states no date (a partial extract): its year is inferred; cables.csv has a date column"
    line = parse_class_line(text.text) if text is not None else None
    if line and text.id[2:] != page.id[2:] and f"{line['station']}{line['serial']}" == text.id[2:]:
        return f"the page carries another cable's text: its classification line names {text.id}"
    return None


def text_report(findings: list[Finding]) -> str:
    """Per field, how often the text alone gives what the page gives; then every difference."""
    lines = ["", ("Text path: the telegram text alone (as cables.csv carries it) against the page's parse; "
             f"target >= {TEXT_TARGET}% a field"), "",
             (f"{'field':<16}{'agree / total':>16}{'percent':>10}{'explained':>11}{'unexplained':>13}"
             f"{'agree+explained':>17}  target")]
    for name in TEXT_FIELDS:
        rows = [f for f in findings if f.field == name]
        agree = sum(f.agree for f in rows)
        explained = sum(1 for f in rows if not f.agree and f.reason)
        right = 100 * (agree + explained) / max(len(rows), 1)
        lines.append(f"{name:<16}{agree:>7,} / {len(rows):<6,}{100 * agree / max(len(rows), 1):>9.2f}%"
                     f"{explained:>11}{len(rows) - agree - explained:>13}{right:>16.2f}%"
                     f"  {'ok' if right >= TEXT_TARGET else 'MISSED'}")
    for name in TEXT_FIELDS:
        rows = [f for f in findings if f.field == name and not f.agree]
        if rows:
            lines.append(f"  {name} ({len(rows)})")
            lines += [f"    {f.id}  page: {f.page!r}  text: {f.parse!r}" + (f"  [{f.reason}]" if f.reason else "")
                      for f in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Compare, print, and write the JSON when asked."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, help="pages or folders (default: ../shared/corpus{,-2010}/html)")
    ap.add_argument("--limit", type=int, help="read only the first N pages of each path")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", type=Path, help="write the figures and every disagreement here")
    ap.add_argument("--text-path", action="store_true",
                    help="also parse the telegram text of every corpus-2010 page alone and compare")
    args = ap.parse_args(argv)
    paths = args.paths or [p for p in CORPORA if p.is_dir()]
    if not paths:
        print(f"fidelity: skipped: no real pages ({SHARED} is absent)")
        return 0
    findings, pages, missing = run(pages_of(paths, args.limit), args.jobs)
    print(report(findings, pages, missing))
    data = {"pages": pages, "skipped": missing, "target": TARGET, "fields": summary(findings),
            "disagreements": [asdict(f) for f in findings if not f.agree]}
    if args.text_path:
        texts = text_path(pages_of(args.paths or [CORPORA[1]], args.limit), args.jobs)
        print(text_report(texts))
        data["text_path"] = {name: {"agree": sum(f.agree for f in texts if f.field == name),
                                    "explained": sum(1 for f in texts if f.field == name and not f.agree and f.reason),
                                    "total": sum(1 for f in texts if f.field == name)} for name in TEXT_FIELDS}
        data["text_path_differences"] = [asdict(f) for f in texts if not f.agree]
    if args.json:
        args.json.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
