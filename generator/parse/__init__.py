"""Parse: a raw cable in, one frozen Cable record out (pure: no I/O)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import fields as dataclass_fields  # `fields` is this package's module of field parsers
from dataclasses import is_dataclass, replace

from .. import ids
from ..readers.base import RawCable, shown
from ..entities.annotations import annotation_notes, from_annotations
from ..record import Cable, Paragraph
from . import body as bodymod
from . import fields as f
from .references import cited, parse_references, ref_blocks, split_items
from .years import FIRST_YEAR, LAST_YEAR, ArchiveYears, infer_year, key_of, neighbour_years, text_years
from .years import year_hints as _archive_hints

__all__ = ["NotACable", "parse", "infer_year", "year_hints", "year_entry", "hints_of", "preamble", "text_years"]


class NotACable(ValueError):
    """Raised when a text has no identifiable cable in it; the message says what is missing."""


_FIRST_PARA = re.compile(
    rf"(?:(?<=\s)|^)¶?\s?1\s?\.\s*{bodymod.MARK}|(?:^|\n)[ \t]*¶?\s?1\s?\.(?:[ \t]+(?=[A-Z(\"])|(?=[A-Z][a-z]))"
    rf"|(?:^|\n)[ \t]*{bodymod.MARK}[ \t]+1\s?\.[ \t]")


def _meta_date(meta: dict) -> tuple[str | None, str | None]:
    """Date from a page table (`2008-08-07 14:02`) or a CSV row (`12/28/1966 18:48`), and the CSV row's time.

    A page table's time is never read: its minutes repeat the hour on a 12-hour clock (`041427Z SEP 08` is shown
    as 14:02), a fault of the site's build; its date is right.
    """
    if meta.get("created"):
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", meta["created"])
        if m:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", None
    if meta.get("created_us"):
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?", meta["created_us"])
        if m:
            t = f"{int(m.group(4)):02d}:{m.group(5)}" if m.group(4) else None
            return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}", t
    return None, None


class _Pre:
    """The preamble fields of one cable text (classification line to the first paragraph), and where they end."""

    def __init__(self, text: str, full: str):
        self.cls = f.parse_class_line(text) or f.parse_class_line(full)
        start = self.cls["end"] if self.cls else 0
        first = _FIRST_PARA.search(text, start, start + 8000)  # a preamble is never longer
        limit = first.start() if first else min(len(text), start + 4000)
        pre = text[:limit]
        self.declassify, eo_end = f.parse_declassify(pre)
        self.tags, tags_end = f.parse_tags(pre)
        self.subject, subj_end = f.parse_subject(pre)
        subj = f.SUBJECT.search(pre)
        self.subject_span = (subj.start(), subj_end) if subj and subj_end else None
        self.classified_by, self.reasons, cb_end = f.parse_classified_by(pre)
        if self.classified_by is None and first:  # the 1990s put it in paragraph 1
            self.classified_by, self.reasons = f.parse_classified_in_para1(text[first.start():first.start() + 800])
        self.blocks = ref_blocks(pre)
        ends = [e for e in (start, eo_end, tags_end, subj_end, cb_end) if e]
        ends += [e for _b, _s, e in self.blocks]
        body_start = max(ends) if ends else 0
        if first and body_start > first.start():
            body_start = first.start()
        self.body_start = body_start
        self.first_para = first.start() if first else body_start

    def handling_text(self, preamble: str) -> str:
        """The preamble without its SUBJECT, REF and Classified-By text, where caveats are looked for."""
        spans = [self.subject_span] if self.subject_span else []
        spans += [(s, e) for _b, s, e in self.blocks]
        m = f.CLASSIFIED_BY.search(preamble)
        if m:
            spans.append((m.start(), preamble.find("\n", m.end()) % (len(preamble) + 1)))
        out, pos = [], 0
        for s, e in sorted(spans):
            if s >= pos:
                out.append(preamble[pos:s])
            pos = max(pos, e)
        return "\n".join(out + [preamble[pos:]])

    def ref_items(self) -> list[str]:
        """Text of every REF item."""
        # the cable's own page-break line inside a REF list (`B) TRIPOLI 227 TRIPOLI 00000402 001.2 OF 003`) is none
        return [t for b, _s, _e in self.blocks for _label, t in split_items(f.strip_page_breaks(b))]

    def cited(self) -> list[tuple[int | None, str, int]]:
        """(year or None, station, serial) of every cable the REF items name."""
        return [c for item in self.ref_items() for c in cited(item)]


def _written_date(meta: dict) -> str:
    """Where the container's date comes from and how it is written, for a warning."""
    if meta.get("created"):
        return f"the page table's date {one_line(meta['created'])[:40]!r}"
    return f"the CSV row's date {one_line(meta.get('created_us') or '')[:40]!r}"


def _real_day(date: str | None, written: str) -> tuple[str | None, str | None]:
    """A stated date when it is a real day in the release's years, else None and why: an impossible date (30
    February, 1900, 9999) is not used, so the cable falls back on its other dates, its ID's year or inference."""
    if date is None:
        return None, None
    y, mo, d = (int(x) for x in date.split("-"))
    if f.real_date(y, mo, d) is None:
        return None, f"{written} is no real day; it is not used"
    if not FIRST_YEAR <= y <= LAST_YEAR:
        return None, f"{written} is outside the cables' years ({FIRST_YEAR}-{LAST_YEAR}); it is not used"
    return date, None


def _real_time(time: str | None, written: str) -> tuple[str | None, str | None]:
    """A stated time when it is a time of day (`25:61` is not), else None and why."""
    if time is None or (int(time[:2]) < 24 and int(time[3:5]) < 60):
        return time, None
    return None, f"{written} has no real time of day ({time}); the time is not used"


def _stated_date(raw: RawCable, full: str
                 ) -> tuple[str | None, str | None, str | None, str | None, tuple[str, ...]]:
    """Date, time, precedence and date-time group (DTG) the input states, and a note for each impossible one.

    The date: page table or CSV row, else the DTG, else a date line. The time: the DTG's, else a date line's on
    the same day, else a CSV row's; never a page table's (see `_meta_date`), so no time rather than a wrong one.
    A date that is no real day in the cables' years, or a time that is no time of day, is left out.
    """
    precedence, _date, _time = f.parse_dtg(full)
    dtg = f.parse_date_time_group(f"{raw.meta['notice']}\n{full}" if raw.meta.get("notice") else full)
    dtg_date, dtg_time = f.dtg_date_time(dtg) if dtg else (None, None)
    dtg_date, dtg_note = _real_day(dtg_date, f"the date-time group {dtg!r}")
    dtg_time = dtg_time if dtg_date else None
    meta_date, row_time = _meta_date(raw.meta)
    written = _written_date(raw.meta)
    meta_date, meta_note = _real_day(meta_date, written)
    row_time, time_note = _real_time(row_time, written)
    row_time = row_time if meta_date else None  # a row's time is of its date: not used without it
    date, time = meta_date or dtg_date, dtg_time
    line_note = None
    if not (date and time):  # most cables have both: the date line is read only for those that do not
        line_date, line_time = f.parse_date_line(full)
        line_date, line_note = _real_day(line_date, f"the date line's date {line_date!r}")
        line_time, _bad = _real_time(line_time, "the date line")
        date = date or line_date
        time = time or (line_time if line_date == date else None) or row_time
    notes = tuple(n for n in (meta_note, time_note, dtg_note, line_note) if n)
    return date, time, precedence, dtg, notes


def _id_year_note(date: str | None, cid: str) -> str | None:
    """A warning when the cable's date is in another year than its ID says (`10STATE1` dated 2009)."""
    if date and cid[:2].isdigit() and ids.full_year(cid[:2]) != int(date[:4]):
        return f"the date {date} is in another year than the ID {cid} says"
    return None


def _cut_short_note(paragraphs: list[Paragraph], subject: str | None) -> str | None:
    """A warning when a cable has no body text: its page or row was most likely cut short."""
    if paragraphs:
        return None
    return "no body text" + ("" if subject else " and no subject") + ": the input may be cut short"


def _station_serial(text: str, pre: _Pre) -> tuple[str | None, int | None]:
    """Station and serial from the classification line, else from a page-break line."""
    if pre.cls:
        return pre.cls["station"], pre.cls["serial"]
    pb = f.page_break_station(text) or f.routing_station_serial(text)
    return pb if pb else (None, None)


def _text_wins(cid: str, station: str | None, serial: int | None, notes: list[str]) -> str:
    """The container's ID, unless its station is none the table knows and the text's classification line names a
    known station with the same serial (`07SOIA828` for SOFIA 000828): then the text's, with a warning."""
    m = ids.CANONICAL_ID.match(cid)
    if not m or station is None or serial != int(m.group(3)) or station == m.group(2):
        return cid
    known = ids.station_names()
    if m.group(2) in known or station not in known.values():
        return cid
    fixed = ids.make_id(m.group(1), station, serial)
    notes.append(f"the input's cable ID {cid} names no known station; the text's {station} {serial} gives {fixed}")
    return fixed


def parse(raw: RawCable, known_years: Mapping[str, Mapping[int, int] | int] | None = None) -> Cable:
    """All fields of one cable; raises NotACable when no station and serial can be found.

    `known_years` is what the archive says of years (`year_hints`): `STATION+SERIAL` -> {year: votes}.
    """
    meta = raw.meta
    text = raw.text
    full = f"{raw.header}\n{text}" if raw.header else text
    pre = _pre_of(raw, known_years)
    preamble, body_text = text[:pre.body_start], text[pre.body_start:]
    date, time, precedence, dtg, date_notes = _stated_date(raw, full)
    station, serial = _station_serial(text, pre)
    refs_cited = pre.cited()
    aliases: list[str] = []
    notes: list[str] = list(date_notes)
    date_inferred = False
    meta_id = meta.get("id")
    cid = ids.canonical_id(meta_id) if meta_id else None
    if cid and not ids.CANONICAL_ID.match(cid):
        # a container that names no cable ID (`../../etc/passwd` in a page's table) is not believed: the text says
        notes.append(f"the input's cable ID {one_line(meta_id)[:80]!r} is not a cable ID; the ID is read from the text")
        cid = None
    if cid:
        cid = _text_wins(cid, station, serial, notes)
        if cid != re.sub(r"\s+", "", meta_id.upper()):
            aliases.append(meta_id.strip())
    else:
        if station is None or serial is None:
            raise NotACable("no cable ID: no classification line with station and serial, and no page-break line")
        year = int(date[:4]) if date else None
        if year is None:
            hint = (known_years or {}).get(f"{station}{serial}")
            votes = {hint: 1} if isinstance(hint, int) else hint
            anchors = getattr(known_years, "anchors", {}).get(station, [])
            near = neighbour_years(anchors, serial)
            year, date = infer_year(pre.declassify, [y for y, _s, _n in refs_cited if y], text, votes, near)
            date_inferred = True
            if year is None:
                raise NotACable(f"no year for {station} {serial}: no date, date-time group, DECL date, "
                                "dated text or archive hint")
        cid = ids.make_id(year, station, serial)
    m = ids.CANONICAL_ID.match(cid)
    if not m:
        raise NotACable(f"malformed cable ID {cid!r}")
    year = int(date[:4]) if date else ids.full_year(m.group(1))
    origin = m.group(2)
    handling = pre.handling_text(text[:max(pre.body_start, pre.first_para)])
    classification, caveats = _classification(meta, pre.cls, handling, full)
    body_text = bodymod.clean_body(body_text)
    body_text, signer = bodymod.split_signer(body_text, pre.classified_by)
    own = (origin, int(m.group(3)))
    references = parse_references([b for b, _s, _e in pre.blocks], year, own)
    if not references and meta.get("refs"):
        references = parse_references([" ".join(meta["refs"])], year, own)
    paragraphs = bodymod.split_paragraphs(body_text)
    notes += [n for n in (_id_year_note(date, cid), _cut_short_note(paragraphs, pre.subject)) if n]

    return visible(Cable(
        id=cid, source=raw.source, format=raw.format, aliases=tuple(aliases),
        date=date, time=time, dtg=dtg, date_inferred=date_inferred,
        classification=classification, caveats=tuple(caveats), precedence=precedence,
        origin=origin, origin_name=meta.get("origin_name") or ids.origin_name(origin),
        from_=f.parse_from(full), to=tuple(f.parse_to(full)), info=tuple(f.parse_info(full)),
        tags=tuple(dict.fromkeys(meta.get("tags") or pre.tags)), subject=pre.subject,
        references=tuple(references), classified_by=pre.classified_by, reasons=pre.reasons,
        declassify=pre.declassify, signer=signer,
        sections=pre.cls["sections"] if pre.cls else None, partial=bool(meta.get("partial")),
        paragraphs=tuple(paragraphs), entities=from_annotations(raw.annotations),
        header=raw.header or _routing_header(text, pre.cls), text=raw.text.strip(),
        released=meta.get("released"),
        warnings=tuple(raw.notes) + tuple(notes) + tuple(annotation_notes(raw.annotations) if raw.annotations else ()),
    ))


_KEEP = frozenset({"text", "header", "source", "format", "warnings"})  # the original text keeps every character


def visible(c: Cable) -> Cable:
    """The cable with invisible controls (bidi overrides, zero-width spaces) taken out of every field a title,
    a listing, a search result or a filter shows: `gnp\u202e.exe` would display as `exe.png`."""
    changes = {f.name: _shown(getattr(c, f.name)) for f in dataclass_fields(c) if f.name not in _KEEP}
    return replace(c, **{k: v for k, v in changes.items() if v is not getattr(c, k)})


def _shown(value):
    """A value without invisible controls; the same object when it has none (most values are ASCII)."""
    if isinstance(value, str):
        out = shown(value)
        return value if out == value else out
    if isinstance(value, tuple):
        items = [_shown(v) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else tuple(items)
    if is_dataclass(value):
        changes = {f.name: _shown(getattr(value, f.name)) for f in dataclass_fields(value)}
        changed = {k: v for k, v in changes.items() if v is not getattr(value, k)}
        return replace(value, **changed) if changed else value
    return value


def one_line(text: str) -> str:
    """Text on one line, for a note."""
    return " ".join(text.split())


def _classification(meta: dict, cls: dict | None, preamble: str, text: str = "") -> tuple[str | None, list[str]]:
    """Classification level and caveats: the page table or CSV row first, then the classification line, then
    the routing header's `ZNY SSSSS`."""
    caveats = f.parse_caveats(preamble)
    written = meta.get("classification")
    if written:
        parts = [p.strip() for p in written.upper().split("//") if p.strip()]
        level = f.normalise_classification(parts[0]) if parts else None
        # the 2011 site writes SBU cables `UNCLASSIFIED//FOR OFFICIAL USE ONLY`: the text's SENSITIVE (one spelling)
        return level, _written_first(parts[1:], caveats)
    if cls:
        return cls["classification"], _written_first(cls["caveats"], caveats)
    return f.routing_classification(text), caveats


def _written_first(written: list[str], caveats: list[str]) -> list[str]:
    """The container's caveats the text does not state, then the text's, each once in its one spelling."""
    stated = f.canonical_caveats(caveats)
    return f.canonical_caveats([w for w in written if f.canonical_caveat(w) not in stated] + stated)


def _routing_header(text: str, cls: dict | None) -> str:
    """The routing header of a plain-text telegram: the lines before its classification line."""
    if not cls:
        return ""
    return text[:cls["start"]].strip()


def preamble(raw: RawCable) -> _Pre:
    """The preamble fields of a raw cable (for `year_entry`, and for `parse` through the hints' `preambles`)."""
    return _pre_of(raw)


def _pre_of(raw: RawCable, known_years: object = None) -> _Pre:
    """The preamble fields of a raw cable; reused from `year_hints` when it read them already."""
    kept = getattr(known_years, "preambles", {}).get(id(raw))
    if kept is not None and kept[0] is raw.text:
        return kept[1]
    return _Pre(raw.text, f"{raw.header}\n{raw.text}" if raw.header else raw.text)


def _stated_year(raw: RawCable) -> int | None:
    """The year the input states for a cable: page table, CSV row, embedded row, date-time group, date line."""
    full = f"{raw.header}\n{raw.text}" if raw.header else raw.text
    date, _time, _prec, _dtg, _notes = _stated_date(raw, full)
    if date:
        return int(date[:4])
    if raw.meta.get("id"):
        m = ids.CANONICAL_ID.match(ids.canonical_id(raw.meta["id"]))
        return ids.full_year(m.group(1)) if m else None
    return None


YearEntry = tuple  # (key or None, year or None, [(year or None, station, serial)]): what year_hints reads of a cable


def year_entry(raw: RawCable, pre: _Pre | None = None) -> YearEntry:
    """What one raw cable tells the archive of years (its key, its year, its citations): small, so that workers
    can read it off their share of the inputs and the build can merge the entries in input order."""
    pre = pre or _pre_of(raw)
    refs = pre.cited()
    if raw.meta.get("id"):
        key = key_of(ids.canonical_id(raw.meta["id"]))
    else:
        station, serial = _station_serial(raw.text, pre)
        key = f"{station}{serial}" if station and serial is not None else None
    year = _stated_year(raw)
    if year is None and f.decl_date(pre.declassify):
        year, _date = infer_year(pre.declassify, [y for y, _s, _n in refs if y], "")
    return key, year, refs


def hints_of(entries: Iterable[YearEntry]) -> ArchiveYears:
    """The archive's year hints from the entries of every cable, in input order (see `year_hints`)."""
    return _archive_hints(entries)


def year_hints(raws: Iterable[RawCable]) -> ArchiveYears:
    """What the archive says of years, for cables that state none: `STATION+SERIAL` -> {year: votes}.

    A cable's own year counts for the archive when its input states it, or when its DECL date gives it
    (the strongest inference); see `years.year_hints` for how citations turn into votes.
    """
    entries = []
    preambles: dict[int, tuple[str, _Pre]] = {}
    for raw in raws:
        pre = _pre_of(raw)
        preambles[id(raw)] = (raw.text, pre)
        entries.append(year_entry(raw, pre))
    hints = _archive_hints(entries)
    hints.preambles = preambles  # parse() reuses them (checked against the text they were read from)
    return hints
