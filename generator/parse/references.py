"""REF lists: lettered items, cable references in their many spellings, and text that is not a cable."""
from __future__ import annotations

import re

from .. import ids
from ..record import Reference
from .fields import strip_page_breaks

# `REF:`, `REFS`, `REFTEL:` ...; glued to the SUBJECT before it only with its colon (`BAHRAINREF: MANAMA 510`)
REF_START = re.compile(
    r"(?:(?:^|(?<=\s))(?:REF|REFS|REFTEL|REFTELS|REFERENCE|REFERENCES)\b\s*:?|(?<=[A-Z0-9\u2019'])REFS?:|"
    r"(?:^|(?<=\s))(?i:refs?|reftels?)\s*:)\s*(?=\S)", re.M)  # `Refs: A) State 29549`, `Ref: a. 05 state 201650`
# A REF block ends at a blank line, the Classified-By line, the first paragraph or a portion-marked
# paragraph, the SBU notice, a SUMMARY heading or a rule.
_REF_END = re.compile(
    r"\n\s*\n|[Cc]lass\w*\s+[Bb]y\b|CLASSIFIED BY\b|(?:^|\s)¶?1\s?\.\s*\((?:U|C|S|SBU)|\n\s*¶?1\s?\.\s|"
    r"\s\((?:U|C|S|SBU|S/NF|C/NF)\)\s+(?=[A-Z])|\sSENSITIVE BUT UNCLASSIFIED|\sTHIS CABLE IS\b|"
    r"\n\s*(?:Summary|SUMMARY)\b|\n\s*-{3,}|\sSUMMARY\s*:|\*{5,}|\n\s*_{5,}"
)

# [YY|YYYY] STATION SERIAL[, /, AND, & SERIAL...] [(YYYY)]; the year may be glued to the station (`09MANAMA 281`);
# a station of several words (`LA PAZ`, `USUN NEW YORK`, `PORT-AU-PRINCE`) or with an apostrophe (`N'DJAMENA`).
CABLE_REF = re.compile(
    r"(?<![A-Z0-9/'-])(?:(?P<year>(?:19|20)\d{2}|\d{2})(?:\s+|(?=[A-Z]{3})))?"
    r"(?P<station>[A-Z](?:'?[A-Z])+(?:[ -][A-Z]{2,}){0,3}?)\s+"
    r"(?P<serials>[0-9O]*\d[0-9O]*(?:\s*(?:/|,|&|\bAND\b)\s*[0-9O]*\d[0-9O]*)*)(?![-/\d])(?!:\d)"
    r"(?:\s+\((?P<year_after>(?:19|20)\d{2})\))?"
)
# Words that stand before a number in REF text but are not stations.
_NOT_STATION = {"EMAIL", "MAIL", "TELCON", "MEMCON", "FAX", "NOTE", "LETTER", "DATED", "OF", "AND", "THE",
                "PARA", "PARAS", "PARAGRAPH", "SECTION", "PAGE", "REPORT", "IIR", "MEMO", "CIRCULAR", "DTG",
                "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT",
                "JANUARY", "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
                "NOVEMBER", "DECEMBER", "ANNEX", "ITEM", "NUMBER", "NO", "TD", "CA", "DOC", "RES", "UNSCR",
                "RESOLUTION", "ARTICLE", "LAW", "DECREE", "ON", "IN", "AT", "FOR", "FROM", "TO", "BY", "PREVIOUS",
                "NOTAL", "STATE CA", "YEAR", "DAY", "DAYS", "PHASE", "TIER", "LEVEL", "ROOM", "BOX", "STREET"}


def known_station(code: str) -> bool:
    """True for a station of the shipped table or a known alias."""
    return code in ids.stations() or code in ids.STATION_ALIASES.values()


def _station_of(written: str, serials: str, has_year: bool) -> str | None:
    """Canonical station of `written`, or None when the words are not a station.

    The longest ending of the words that the station table names is taken (`MEXICO CITY`, `LA PAZ`, `EMAIL
    STATE`: STATE), in any case and spacing. A word the table does not know is taken only in the strict form of a
    cable reference: a single word followed by a serial of three or more digits, or preceded by a year; never a
    word of a known station's name (`CITY`, `PAZ`), and a station with a letter dropped or doubled (`BRASILA`,
    `TRIPOLII`) is that station when only one is.
    """
    words = written.replace("-", " ").split()
    names = ids.station_names()
    for n in range(len(words), 0, -1):
        cand = " ".join(words[-n:])
        code = names.get(re.sub(r"[^A-Z0-9]", "", cand))
        if code and cand not in _NOT_STATION and code not in _NOT_STATION:
            return code
    last = words[-1]
    first_serial = re.split(r"\D", serials, maxsplit=1)[0]
    if not last.strip("X"):  # a redacted station (`XXXXXXXXXXXX 123`) names none
        return None
    if last in _NOT_STATION or len(last) < 4 or not last.isalpha() or last in ids.station_name_words():
        return None
    slips = _misspelt_station(last)
    if slips:
        return slips[0] if len(slips) == 1 and len(last) >= 6 and slips[0] not in _SWAPPED else None
    if has_year or len(first_serial.replace("O", "0")) >= 3:
        return ids.station(last)
    return None


_SWAPPED = "swapped"  # a slip that changes letters (`SATTE`): not resolved, the letters may be another name's


def _misspelt_station(word: str) -> list[str]:
    """The known stations `word` is one slip away from: a letter dropped or doubled (`BRASILA`, `TRIPOLII`) gives
    the station; letters swapped or changed (`SATTE` for STATE) give `_SWAPPED`, a typo not resolved."""
    out: list[str] = []
    for code in ids.stations():
        if len(code) == len(word) and (sorted(code) == sorted(word)
                                       or sum(a != b for a, b in zip(code, word)) == 1):
            out.append(_SWAPPED)
        elif abs(len(code) - len(word)) == 1:
            short, long_ = sorted((code, word), key=len)
            if any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))):
                out.append(code)
    return out


_ZERO_IN_WORD = re.compile(r"(?<=[A-Z])0(?=[A-Z])")
_LEADING_ZERO = re.compile(r"(?<![A-Z0-9])0(?=[A-Z]{4,}\s+\d)")
_DATE_LIKE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
# `EMB LONDON 10/23 E-MAIL (GAYLE) TO NEA/IR`: a month and day before the kind of message they date, not two serials.
_MONTH_DAY = re.compile(r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])")
_MESSAGE_KIND = re.compile(r"\s*(?:E-?MAIL|TELCON|MEMCON|LETTER|FAX|PHONE|CALL|CONVERSATION|MEETING|NOTE)S?\b")


def _dated_message(item: str, m: re.Match) -> bool:
    """Whether a match's serials are the month and day of an e-mail, telcon, letter ... named right after them."""
    return bool(_MONTH_DAY.fullmatch(m.group("serials")) and _MESSAGE_KIND.match(item, m.end("serials")))


_SERIAL_SEP = re.compile(r"\s*(?:/|,|&|\bAND\b)\s*")


def cited(item: str) -> list[tuple[int | None, str, int]]:
    """(year as written or None, canonical station, serial) of every cable one REF item names."""
    out: list[tuple[int | None, str, int]] = []
    # `COTON0U`, `0TTAWA`: a zero between letters or opening a word of letters is the letter O
    item = _LEADING_ZERO.sub("O", _ZERO_IN_WORD.sub("O", item.upper()))
    for m in CABLE_REF.finditer(item):
        year_w = m.group("year") or m.group("year_after")
        code = _station_of(m.group("station"), m.group("serials"), year_w is not None)
        if code is None:
            continue
        year = ids.full_year(year_w) if year_w else None
        if _DATE_LIKE.fullmatch(m.group("serials")) or _dated_message(item, m):
            continue  # a date (`4/01/08`, `10/23 E-MAIL`), not a list of serials
        for serial in _SERIAL_SEP.split(m.group("serials")):
            serial = serial.replace("O", "0").strip()
            if serial and int(serial) > 0:
                out.append((year, code, int(serial)))
    return out


def cable_refs(item: str, citing_year: int | None, citing: tuple[str, int] | None = None) -> list[str | None]:
    """Canonical IDs named by one REF item (None where the year is unknown); empty if it names no cable.

    Without a written year a reference is to the citing cable's year, except a serial of the citing cable's
    own station that is higher than its own: serials grow through the year, so that one is of the year before.
    """
    out: list[str | None] = []
    for year, code, serial in cited(item):
        yy = year if year is not None else citing_year
        if year is None and yy is not None and citing and citing[0] == code and serial > citing[1]:
            yy -= 1
        out.append(ids.make_id(yy, code, serial) if yy is not None else None)
    return out


_LABEL = re.compile(r"(?:(?<=[\s;,¶])|^)\(?(?P<l>[A-Za-z])(?:\s?[.):](?:\s|(?=\d))|(?=\d{1,2}/\d{1,2}/\d{2}))")


def split_items(block: str) -> list[tuple[str, str]]:
    """(label, text) items of a REF block: `A) ...`, `A. ...`, `(A) ...`; one item if it is not lettered.

    Labels must run A, B, C ... (a letter may repeat: a garbled `B. ... B. ...` gives two B items); a label
    written twice in a row (`A. A) ...`) counts once.
    """
    positions: list[tuple[str, int, int]] = []
    expected = "A"
    lower = bool(re.match(r"\s*\(?[a-z]\s?[.):]", block))  # `a. 05 state 201650`: labels in lower case
    for m in _LABEL.finditer(block):
        if m.group("l").islower() != lower:
            continue
        letter = m.group("l").upper()
        prev = positions[-1][0] if positions else None
        if letter == expected or (prev is not None and letter == prev):
            if prev == letter and not block[positions[-1][2]:m.start()].strip():
                positions[-1] = (letter, positions[-1][1], m.end())  # `A. A)`: one label
                continue
            positions.append((letter, m.start(), m.end()))
            expected = chr(ord(letter) + 1)
    if not positions or block[:positions[0][1]].strip():
        return [("", block.strip())]
    items = []
    for i, (letter, _start, end) in enumerate(positions):
        stop = positions[i + 1][1] if i + 1 < len(positions) else len(block)
        items.append((letter, block[end:stop].strip()))
    return items


def _block_end(rest: str) -> int:
    """Where a REF block ends; a blank line or a `(C)` that is the next item's label does not end it."""
    pos = 0
    while True:
        end = _REF_END.search(rest, pos)
        if end is None:
            return len(rest)
        items = split_items(rest[:end.start()])
        label = items[-1][0] if items else ""
        if not label or label == "Z" or not re.match(rf"\s*\(?{chr(ord(label) + 1)}\s?[.)]", rest[end.start():]):
            return end.start()
        pos = end.end()


_SUBJECT_BEFORE = re.compile(r"S?UBJ(?:ECT)?\s*:")


def _word_of_subject(text: str, m: re.Match) -> bool:
    """Whether a REF start is a word of the SUBJECT on its line (`SUBJECT: REF CYCLE ...`, `SAUDIS ON IRAN REF
    UPCOMING NAM FM MEETING`, 08RIYADH1134): only a REF with its colon opens a block there."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return ":" not in m.group(0) and bool(_SUBJECT_BEFORE.search(text, line_start, m.start()))


def ref_blocks(text: str) -> list[tuple[str, int, int]]:
    """Every REF block of the preamble: (text, start, end)."""
    out = []
    for m in REF_START.finditer(text):
        if (out and m.start() < out[-1][2]) or _word_of_subject(text, m):
            continue
        rest = text[m.end():m.end() + 2000]
        seg = rest[:_block_end(rest)]
        out.append((seg, m.start(), m.end() + len(seg)))
    return out


# The page header of an older telegram, run into a REF item: `CONFIDENTIAL PAGE 02 HARARE 05461 01 OF 02 271458Z`.
_OLD_PAGE_HEADER = re.compile(
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+PAGE\s+\d{2}\s+[A-Z]+(?: [A-Z]+){0,2}\s+\d{5}"
    r"\s+\d{2}\s+OF\s+\d{2}\s+\d{6}Z")


def parse_references(blocks: list[str], citing_year: int | None,
                     citing: tuple[str, int] | None = None) -> list[Reference]:
    """References of all REF blocks, one per cited cable; items naming no cable kept as text with id None.

    `citing` is the citing cable's station and serial (see `cable_refs`).
    """
    refs: list[Reference] = []
    seen: set[str] = set()  # a page that repeats its preamble (in capitals, then in lower case) cites each cable once
    own = ids.make_id(citing_year, *citing) if citing and citing_year is not None else None
    for block in blocks:
        for label, text in split_items(strip_page_breaks(block)):
            text = _OLD_PAGE_HEADER.sub(" ", text)
            text = re.sub(r"\s+", " ", text).strip().rstrip(";,¶").strip()
            if not text or text.upper() in ("NONE", "N/A", "NA"):  # `Ref: None` (03ABUDHABI2641): no reference
                continue
            # a cable never cites itself: its own number in a REF is a page header's (listed as its own citer)
            found = [cid for cid in cable_refs(text, citing_year, citing) if cid != own]
            if not found and text.upper() not in seen:
                seen.add(text.upper())
                refs.append(Reference(label, text, None))
            for cid in dict.fromkeys(c for c in found if c is None or c not in seen):
                if cid:
                    seen.add(cid)
                refs.append(Reference(label, text, cid))
    return refs
