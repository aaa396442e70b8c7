"""REF lists: lettered items, cable references in their many spellings, and text that is not a cable."""
from __future__ import annotations

import re

from .. import ids
from ..record import Reference

REF_START = re.compile(r"(?:^|\s)(?:REF|REFS|REFTEL|REFTELS|REFERENCE|REFERENCES)\b\s*:?\s*(?=\S)", re.M)
_REF_END = re.compile(
    r"\n\s*\n|\s[Cc]lassified\s+[Bb]y\b|\sCLASSIFIED BY\b|(?:^|\s)¶?1\s?\.\s*\((?:U|C|S|SBU)|\n\s*¶?1\s?\.\s|"
    r"\sSENSITIVE BUT UNCLASSIFIED|\n\s*(?:Summary|SUMMARY)\b|\n\s*-{3,}"
)

# YY or YYYY, a station (one to three words), a serial; more serials after `/`, `AND`, `,`, `&`.
CABLE_REF = re.compile(
    r"(?<![A-Z0-9-])(?:(?P<year>(?:19|20)\d{2}|\d{2})\s+)?"
    r"(?P<station>[A-Z]{3,}(?: [A-Z]{3,}){0,2}?)\s+"
    r"(?P<serials>[0-9O]*\d[0-9O]*(?:\s*(?:/|,|&|\bAND\b)\s*[0-9O]*\d[0-9O]*(?![-/\d]))*)(?![-/\d:])"
)
_NOT_STATION = {"EMAIL", "MAIL", "TELCON", "MEMCON", "FAX", "NOTE", "LETTER", "DATED", "OF", "AND", "THE",
                "PARA", "PARAS", "PARAGRAPH", "SECTION", "PAGE", "REPORT", "IIR", "MEMO", "CIRCULAR"}


def known_station(code: str) -> bool:
    """True for a station in the shipped table or a known alias; unknown words are not taken for stations."""
    return code in ids.stations() or code in ids.STATION_ALIASES.values() or code in _EXTRA_STATIONS


# Stations seen in REF lists of the corpus that the stations table does not list (yet).
_EXTRA_STATIONS = {"USEUBRUSSELS", "KARACHI", "BAGHDAD", "TRIPOLI", "USNATO", "BASRA", "KIRKUK", "MOSUL",
                   "HILLAH", "NDJAMENA", "ANTANANARIVO", "BRAZZAVILLE", "NIAMEY", "NOUAKCHOTT", "LOME",
                   "COTONOU", "BANGUI", "LIBREVILLE", "ADDISABABA", "PORTMORESBY", "SUVA", "MANILA",
                   "HONGKONG", "GUANGZHOU", "CHENGDU", "KINGSTON", "NEWDELHI", "HYDERABAD", "KOLKATA"}


def split_items(block: str) -> list[tuple[str, str]]:
    """(label, text) items of a REF block: `A) ...`, `A. ...`, `(A) ...` in letter order; one item if unlettered."""
    positions: list[tuple[str, int, int]] = []
    pos = 0
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        pat = re.compile(rf"(?:(?<=\s)|^)\(?{letter}\s?[.)](?:\s|(?=\d))", re.M)
        m = pat.search(block, pos)
        if not m:
            break
        positions.append((letter, m.start(), m.end()))
        pos = m.end()
    if not positions or positions[0][0] != "A":
        return [("", block.strip())]
    items = []
    for i, (letter, _start, end) in enumerate(positions):
        stop = positions[i + 1][1] if i + 1 < len(positions) else len(block)
        items.append((letter, block[end:stop].strip()))
    return items


def cable_refs(item: str, citing_year: int | None) -> list[str | None]:
    """Canonical IDs named by one REF item (None where the year is unknown yet); empty if it names no cable."""
    out: list[str | None] = []
    for m in CABLE_REF.finditer(item.upper()):
        written = m.group("station")
        code = ids.station(written)
        if code in _NOT_STATION or not known_station(code):
            # `2008 LONDON 3082`-style text whose first word is not a station: try the last word alone
            last = written.split()[-1]
            code = ids.station(last)
            if last == written or code in _NOT_STATION or not known_station(code):
                continue
        year = m.group("year")
        yy = int(year) if year else citing_year
        for serial in re.split(r"\s*(?:/|,|&|\bAND\b)\s*", m.group("serials")):
            serial = serial.replace("O", "0").strip()
            if not serial:
                continue
            out.append(ids.make_id(yy, code, serial) if yy is not None else None)
    return out


def ref_blocks(text: str) -> list[tuple[str, int, int]]:
    """Every REF block of the preamble: (text, start, end)."""
    out = []
    for m in REF_START.finditer(text):
        rest = text[m.end():m.end() + 2000]
        end = _REF_END.search(rest)
        seg = rest[:end.start()] if end else rest
        out.append((seg, m.start(), m.end() + len(seg)))
    return out


def parse_references(blocks: list[str], citing_year: int | None) -> list[Reference]:
    """References of all REF blocks, one per cited cable; items naming no cable kept as text with id None."""
    refs: list[Reference] = []
    for block in blocks:
        for label, text in split_items(block):
            text = re.sub(r"\s+", " ", text).strip().rstrip(";,")
            if not text:
                continue
            found = cable_refs(text, citing_year)
            if not found:
                refs.append(Reference(label, text, None))
            for cid in found:
                refs.append(Reference(label, text, cid))
    return refs
