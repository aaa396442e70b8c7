"""Parse: a raw cable in, one frozen Cable record out (pure: no I/O)."""
from __future__ import annotations

import re
from collections import Counter

from .. import ids
from ..readers.base import RawCable
from ..record import Cable
from . import body as bodymod
from . import fields as f
from .references import parse_references, ref_blocks


class NotACable(ValueError):
    """Raised when a text has no identifiable cable in it; the message says what is missing."""


_FIRST_PARA = re.compile(
    rf"(?:(?<=\s)|^)¶?\s?1\s?\.\s*{bodymod.MARK}|(?:^|\n)[ \t]*¶?\s?1\s?\.[ \t]+(?=[A-Z(])")


def _meta_date(meta: dict) -> tuple[str | None, str | None]:
    """Date and time from a page table (`2008-08-07 14:02`) or a CSV row (`12/28/1966 18:48`)."""
    if meta.get("created"):
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:\s+(\d{1,2}):(\d{2}))?", meta["created"])
        if m:
            t = f"{int(m.group(4)):02d}:{m.group(5)}" if m.group(4) else None
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", t
    if meta.get("created_us"):
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?", meta["created_us"])
        if m:
            t = f"{int(m.group(4)):02d}:{m.group(5)}" if m.group(4) else None
            return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}", t
    return None, None


_YEAR_IN_TEXT = re.compile(r"\b(19[6-9]\d|20[01]\d)\b")


def infer_year(declassify: str | None, ref_years: list[int], body: str) -> tuple[int | None, str | None]:
    """Year (and date, where the DECL date gives one) of a cable whose text states no date."""
    decl = f.decl_date(declassify)
    floor = max(ref_years) if ref_years else None
    if decl:
        y, mo, d = decl
        guess = y - 10
        if floor is None or guess >= floor:
            return guess, f"{guess:04d}-{mo:02d}-{min(d, 28) if mo == 2 else d:02d}"
        return floor, None
    years = [int(y) for y in _YEAR_IN_TEXT.findall(body) if int(y) <= 2010]
    if floor is not None:
        years.append(floor)
    if not years:
        return None, None
    return max(years), None


def parse(raw: RawCable, known_years: dict[str, int] | None = None) -> Cable:
    """All fields of one cable; raises NotACable when no station and serial can be found."""
    meta = raw.meta
    text = raw.text
    full = f"{raw.header}\n{text}" if raw.header else text
    precedence, dtg_date, dtg_time = f.parse_dtg(full)
    cls = f.parse_class_line(text) or f.parse_class_line(full)
    first = _FIRST_PARA.search(text, cls["end"] if cls else 0)
    limit = first.start() if first else min(len(text), (cls["end"] if cls else 0) + 4000)
    pre = text[:limit]
    declassify, eo_end = f.parse_declassify(pre)
    tags_found, tags_end = f.parse_tags(pre)
    subject, subj_end = f.parse_subject(pre)
    classified_by, reasons, cb_end = f.parse_classified_by(pre)
    blocks = ref_blocks(pre[subj_end:] if subj_end else pre)
    offset = subj_end or 0
    ends = [e for e in (cls["end"] if cls else None, eo_end, tags_end, subj_end, cb_end) if e]
    ends += [offset + e for _s, _b, e in blocks]
    body_start = max(ends) if ends else 0
    if first and body_start > first.start():
        body_start = first.start()
    preamble = text[:body_start]
    body_text = text[body_start:]

    # identity
    warnings: list[str] = list(raw.notes)
    aliases: list[str] = []
    station = serial = None
    if cls:
        station, serial = cls["station"], cls["serial"]
    else:
        pb = f.page_break_station(text)
        if pb:
            station, serial = pb
    meta_id = meta.get("id")
    date, time = _meta_date(meta)
    date_inferred = False
    if not date and dtg_date:
        date, time = dtg_date, dtg_time
    explicit_years = [ids.full_year(int(y)) for y in re.findall(
        r"(?<![\d/-])((?:19|20)\d{2}|\d{2})\s+[A-Z]{3,}(?: [A-Z]{3,}){0,2}\s+\d", " ".join(b for b, _s, _e in blocks))]
    year: int | None = int(date[:4]) if date else None
    if meta_id:
        cid = ids.canonical_id(meta_id)
        if cid != re.sub(r"\s+", "", meta_id.upper()):
            aliases.append(meta_id.strip())
        m = ids.CANONICAL_ID.match(cid)
        if year is None and m:
            year = ids.full_year(m.group(1))
    else:
        if station is None or serial is None:
            raise NotACable("no cable ID: no classification line with station and serial, and no page-break line")
        if year is None:
            key = f"{station}{serial}"
            if known_years and key in known_years:
                year = known_years[key]
            else:
                year, date = infer_year(declassify, explicit_years, body_text)
            date_inferred = True
            if year is None:
                raise NotACable(f"no year for {station} {serial}: no date, date-time group or DECL date")
        cid = ids.make_id(year, station, serial)
    if not ids.CANONICAL_ID.match(cid):
        raise NotACable(f"malformed cable ID {cid!r}")

    origin = ids.CANONICAL_ID.match(cid).group(2)
    origin_name = meta.get("origin_name") or ids.origin_name(origin)
    classification, caveats = _classification(meta, cls, preamble)

    body_text = bodymod.clean_body(body_text)
    body_text, signer = bodymod.split_signer(body_text)
    paragraphs = bodymod.split_paragraphs(body_text)
    references = parse_references([b for b, _s, _e in blocks], year)
    if not references and meta.get("refs"):
        references = [r for r in parse_references([" ".join(meta["refs"])], year)]
    tags = meta.get("tags") or tags_found
    from ..entities import from_annotations

    return Cable(
        id=cid, source=raw.source, format=raw.format, aliases=tuple(aliases),
        date=date, time=time, date_inferred=date_inferred,
        classification=classification, caveats=tuple(caveats), precedence=precedence,
        origin=origin, origin_name=origin_name,
        from_=f.parse_from(full), to=tuple(f.parse_to(full)), info=tuple(f.parse_info(full)),
        tags=tuple(dict.fromkeys(tags)), subject=subject, references=tuple(references),
        classified_by=classified_by, reasons=reasons, declassify=declassify, signer=signer,
        sections=cls["sections"] if cls else None, partial=bool(meta.get("partial")),
        paragraphs=tuple(paragraphs), entities=from_annotations(raw.annotations),
        header=raw.header or _routing_header(text, cls), text=_original(raw, preamble, body_text, signer),
        released=meta.get("released"), warnings=tuple(warnings),
    )


def _classification(meta: dict, cls: dict | None, preamble: str) -> tuple[str | None, list[str]]:
    """Classification level and caveats: the page table or CSV row first, then the classification line."""
    caveats = f.parse_caveats(preamble)
    written = meta.get("classification")
    if written:
        parts = [p.strip() for p in written.upper().split("//") if p.strip()]
        level = f.normalise_classification(parts[0]) if parts else None
        for p in parts[1:]:
            if p not in caveats:
                caveats.insert(0, p)
        return level, caveats
    if cls:
        for c in cls["caveats"]:
            if c not in caveats:
                caveats.insert(0, c)
        return cls["classification"], caveats
    return None, caveats


def _routing_header(text: str, cls: dict | None) -> str:
    """The routing header of a plain-text telegram: the lines before its classification line."""
    if not cls:
        return ""
    return text[:cls["start"]].strip()


def _original(raw: RawCable, preamble: str, body: str, signer: str | None) -> str:
    """The cable's text as read (annotations and tokenization undone), for the reader who wants the source."""
    return raw.text.strip()


def year_hints(raws: list[RawCable]) -> dict[str, int]:
    """What the archive says of years: `STATION+SERIAL` -> year, from REF items with explicit years."""
    found: Counter = Counter()
    for raw in raws:
        for block, _s, _e in ref_blocks(raw.text[:8000]):
            for m in re.finditer(r"(?<![\d/-])((?:19|20)\d{2}|\d{2})\s+([A-Z]{3,}(?: [A-Z]{3,}){0,2})\s+0*(\d{1,6})\b",
                             block):
                found[(f"{ids.station(m.group(2))}{int(m.group(3))}", ids.full_year(m.group(1)))] += 1
    out: dict[str, int] = {}
    for (key, year), _n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])):
        out.setdefault(key, year)
    return out
