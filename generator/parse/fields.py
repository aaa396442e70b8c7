"""Field parsers: each a small pure function right under its compiled pattern (the cablemap way).

They take the telegram text (header and preamble, newlines kept where the source has them) and return
what they find, or None.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from .. import ids

MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}
PRECEDENCE = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}

DTG = re.compile(r"^\s*((?:[ZOPR]{1,2}\s+){1,3})(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2,4})\b", re.M)


def _dtg(day: str, hh: str, mm: str, mon: str, yy: str) -> str | None:
    """A date-time group in one spelling (`041427Z SEP 08`), or None when its parts are no day and time."""
    mon = mon.upper()
    if mon not in MONTHS or not (1 <= int(day) <= 31 and int(hh) < 24 and int(mm) < 60):
        return None
    return f"{day}{hh}{mm}Z {mon} {yy}"


def dtg_date_time(dtg: str) -> tuple[str, str]:
    """Date and time (UTC) of a date-time group spelt as `_dtg` spells it: `041427Z SEP 08` -> 2008-09-04, 14:27."""
    group, mon, yy = dtg.split()
    return f"{ids.full_year(yy):04d}-{MONTHS[mon]:02d}-{group[:2]}", f"{group[2:4]}:{group[4:6]}"


def parse_dtg(text: str) -> tuple[str | None, str | None, str | None]:
    """Precedence, date and time of the date-time group `P R 041820Z JAN 10`."""
    m = DTG.search(text[:6000])
    dtg = _dtg(*m.groups()[1:]) if m else None
    if not dtg:
        return None, None, None
    first = m.group(1).split()[0][0]
    return (PRECEDENCE.get(first), *dtg_date_time(dtg))


# A date-time group alone on its line: how a partial extract gives it after its notice (`061428Z Jun 03`).
LONE_DTG = re.compile(r"^[ \t]*(\d{2})(\d{2})(\d{2})Z[ \t]+([A-Za-z]{3})[ \t]+(\d{2}|\d{4})[ \t]*$", re.M)
# The routing line run into one line with the teletype header before it, FM after it (pages of the 2010 build
# that lost their line breaks): `/006W ------8A8E22 271459Z /38 O 271459Z SEP 00 FM AMEMBASSY HARARE`.
RUN_IN_DTG = re.compile(
    r"(?<=\s)(?:[ZOPR]{1,2}\s+){1,3}(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2,4})\s+(?:ZDK\b[^\n]{0,60}?\s)?FM\s")


def parse_date_time_group(text: str) -> str | None:
    """The cable's date-time group, the one time it states (`041427Z SEP 08`): on its routing line, else alone
    on a line, else run into a flattened header; None when it has none (a page table's time is no substitute)."""
    head = text[:6000]
    for pattern in (DTG, LONE_DTG, RUN_IN_DTG):
        m = pattern.search(head)  # the first only, as `parse_dtg` reads it: precedence and time of one group
        dtg = _dtg(*m.groups()[-5:]) if m else None
        if dtg:
            return dtg
    return None


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE_LINE = re.compile(
    rf"^[ \t]*{_WEEKDAY},\s+(\d{{1,2}})\s+([A-Z][a-z]+)\s+(\d{{4}}),\s+(\d{{2}}):(\d{{2}})[ \t]*$", re.M)


def parse_date_line(text: str) -> tuple[str | None, str | None]:
    """Date and time of a date line heading the cable (`Wednesday, 11 April 2007, 05:50`), as some copies have."""
    m = DATE_LINE.search(text[:3000])
    if not m or m.group(2)[:3].upper() not in MONTHS:
        return None, None
    day, mon, year, hh, mm = m.groups()
    return f"{year}-{MONTHS[mon[:3].upper()]:02d}-{int(day):02d}", f"{hh}:{mm}"


FM = re.compile(r"^\s*FM\s*(?!:)(\S.*)$", re.M)


def parse_from(text: str) -> str | None:
    """The sender of the `FM` line, as written (`SECSTATE WASHDC`)."""
    m = FM.search(text[:6000])
    return _addressee(m.group(1)) if m else None


# `ZEN` ends the block, but not `ZEN/AMEMBASSY MOSCOW` (an addressee whose routing indicator is `ZEN`, 08STATE103511)
_ADDR_END = re.compile(
    r"^(?:INFO\b|BT\b|XMT\b|[A-Z ]*\b(?:UNCLAS|CONFIDENTIAL|SECRET|C O N F|S E C R|U N C L)|ZEN\b(?!/)|E\.?O\.?)")
# An older telegram's page header inside the address block (`TO PAGE 02 STATE 015113 182333Z`): no addressee.
_PAGE_HEADER_LINE = re.compile(r"^PAGE\s+\d{2}\s+[A-Z]+(?: [A-Z]+){0,2}\s+\d{4,6}(?:\s+\d{2}\s+OF\s+\d{2})?\s+\d{6}Z\b")
TO = re.compile(r"^\s*TO\s*(?=\S)", re.M)
INFO = re.compile(r"^\s*INFO\s*(?=\S)", re.M)


_ROUTING = re.compile(r"^(?:[A-Z0-9]{4,8}|ZEN)/")
# The precedence and what follows it; some copies have a month word in its place (`AMEMBASSY LA PAZ DEC 9085`).
_PRECEDENCE_TAIL = re.compile(
    r"\s+(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE|NIACT IMMEDIATE|"
    r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?=\s+\d{1,5}(?:-\d{1,5})?\s*$|\s*$))\b.*$")
_SERIAL_TAIL = re.compile(r"\s+\d{1,5}$")
_ADDRESS_LINE = re.compile(r"^[A-Z0-9/ .,&()-]+$")


def _addressee(raw: str) -> str:
    """An addressee without its routing indicator, precedence and serial."""
    s = raw.strip()
    s = _ROUTING.sub("", s)
    s = _PRECEDENCE_TAIL.sub("", s)
    s = _SERIAL_TAIL.sub("", s)
    return " ".join(s.split())


_OFFICE_CODE = re.compile(r"[A-Z]{1,6}-\d\d\b")


def _address_block(text: str, start: re.Pattern) -> list[str]:
    """Addressees of a TO or INFO block: the first line and the lines that continue it."""
    # an office distribution list (`INFO  LOG-00   CIAE-00 ...`, 08LONDON2673) is not the telegram's INFO block
    m = next((b for b in start.finditer(text[:8000]) if not _OFFICE_CODE.match(text, b.end())), None)
    if not m:
        return []
    out: list[str] = []
    lines = text[m.end():].split("\n")
    for i, line in enumerate(lines):
        line = line.strip()
        if not line or (i > 0 and (_ADDR_END.match(line) or line.startswith(("TO ", "INFO")))):
            break
        if i > 0 and not _ADDRESS_LINE.match(line):
            break
        if _PAGE_HEADER_LINE.match(line):
            continue
        a = _addressee(line)
        if a:
            out.append(a)
    return out


def parse_to(text: str) -> list[str]:
    """Action addressees (`TO` block)."""
    return _address_block(text, TO)


def parse_info(text: str) -> list[str]:
    """Information addressees (`INFO` block)."""
    return _address_block(text, INFO)


def _spaced(word: str) -> str:
    """Pattern matching a word written plain or with its letters spaced: `S E C R E T`."""
    return r"\s?".join(re.escape(c) for c in word)


_CLASS_WORDS = (("TOP SECRET", "TOP SECRET"), ("LIMITED OFFICIAL USE", "LIMITED OFFICIAL USE"),
                ("UNCLASSIFIED", "UNCLASSIFIED"), ("UNCLAS", "UNCLASSIFIED"),
                ("CONFIDENTIAL", "CONFIDENTIAL"), ("SECRET", "SECRET"))
_CLASS_ALT = "|".join(f"(?:{_spaced(w) if ' ' not in w else re.escape(w)})" for w, _ in _CLASS_WORDS)
CLASS_LINE = re.compile(
    rf"(?P<cls>{_CLASS_ALT})(?P<cav>(?:\s*//\s*[A-Z]+(?: [A-Z]+)*)*)(?:\s+(?:E\s?F\s?T\s?O|SENSITIVE))?\s+"
    r"(?:S?E?C?TION\s+(?P<sec>\d{1,2})\s+OF\s+(?P<of>\d{1,2})\s+)?"
    r"(?P<station>[A-Z][A-Z]+(?: [A-Z]+){0,3}?)\s+(?P<serial>[0-9O]*\d[0-9O]*)\b"
)


# The classification line as some copies write it: in lower case (`S e c r e t berlin 001068`, 08BERLIN1068;
# `C o n f i d e n t i a l section 01 of 04 ankara 000348`, 04ANKARA348) or spaced with its first letter lost
# (`E C R E T SANAA 000473`, 07SANAA473; `O N F I D E N T I A L BAGHDAD 000290`, 10BAGHDAD290). Read only at
# the start of a line, and only with a station the table knows or a serial padded to six digits.
_LOST_FIRST = {"ECRET": "SECRET", "ONFIDENTIAL": "CONFIDENTIAL", "NCLASSIFIED": "UNCLASSIFIED"}
_LOOSE_ALT = "|".join([f"(?:{_spaced(w)})" for w in ("UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "SECRET")]
                      + [" ".join(w) for w in _LOST_FIRST])
CLASS_LINE_LOOSE = re.compile(
    rf"^[ \t]*(?P<cls>(?i:{_LOOSE_ALT}))[ \t]+"
    r"(?i:(?:SECTION[ \t]+(?P<sec>\d{1,2})[ \t]+OF[ \t]+(?P<of>\d{1,2})[ \t]+)?)"
    r"(?P<station>[A-Za-z]+(?: [A-Za-z]+){0,3}?)[ \t]+(?P<serial>\d{3,6})\b", re.M)


def normalise_classification(raw: str) -> str:
    """Classification in one spelling: `C O N F I D E N T I A L` and `CONFIDENTIAL` alike, `UNCLAS` -> UNCLASSIFIED."""
    word = re.sub(r"\s+", "", raw.upper())
    word = _LOST_FIRST.get(word, word)
    for written, canon in _CLASS_WORDS:
        if word == written.replace(" ", ""):
            return canon
    return raw.strip().upper()


def parse_class_line(text: str) -> dict | None:
    """Classification, caveats, section and station/serial of the classification line."""
    for m in CLASS_LINE.finditer(text[:12000]):
        st = ids.station(m.group("station"))
        # `CONFIDENTIAL\n\nPAGE 01 CAPE T 00097` is an old page header (90CAPETOWN97); a redacted station
        # (`XXXXXXXXXXXX 000004`, 10SHENYANG4) leaves the station to the routing header
        if st in ("SECTION", "ECTION", "CTION", "SIPDIS", "E", "PAGE") or len(st) < 3 or not st.strip("X"):
            continue
        return _class_line(m, st)
    return _loose_class_line(text)


def _loose_class_line(text: str) -> dict | None:
    """A classification line in lower case or missing its first letter (`CLASS_LINE_LOOSE`), when no other is."""
    for m in CLASS_LINE_LOOSE.finditer(text[:12000]):
        st = ids.station(m.group("station"))
        known = st in ids.stations() or st in ids.STATION_ALIASES.values()
        if st.strip("X") and (known or len(m.group("serial")) == 6):
            return _class_line(m, st)
    return None


def _class_line(m: re.Match, st: str) -> dict:
    """The fields of one classification line match."""
    sec = m.group("sec")
    cav = m.groupdict().get("cav") or ""
    return {
        "classification": normalise_classification(m.group("cls")),
        "caveats": [c.strip() for c in cav.split("//") if c.strip()],
        "section": int(sec) if sec else None,
        "sections": int(m.group("of")) if m.group("of") else None,
        "station": st,
        "serial": int(m.group("serial").replace("O", "0")),
        "start": m.start("cls"),
        "end": m.end(),
    }


# The routing header's transmission line (`DE RUEHLP #3262/01 3482321`): the serial, four digits at most, and the
# classification letter repeated (`ZNY SSSSS ZZH`), for a copy that lost its classification line (07LAPAZ3262).
DE_LINE = re.compile(r"^[ \t]*DE[ \t]+[A-Z]{4,7}[ \t]*#[ \t]*(\d{1,4})\b", re.M)
ZN_LINE = re.compile(r"^[ \t]*ZN[YR][ \t]+([SCU])\1{4}\b", re.M)
_ZN_LEVEL = {"S": "SECRET", "C": "CONFIDENTIAL", "U": "UNCLASSIFIED"}


def routing_station_serial(text: str) -> tuple[str, int] | None:
    """Station (of the FM line) and serial (of the DE line) of a routing header, when it states both.

    The DE line keeps four digits: a station whose serials run past 9999 (the Department) is not read from it.
    """
    de = DE_LINE.search(text[:6000])
    sender = parse_from(text)
    code = ids.station_from_origin(sender) if sender else None
    if not de or not code or code == "STATE" or int(de.group(1)) == 0:
        return None
    return code, int(de.group(1))


def routing_classification(text: str) -> str | None:
    """The classification the routing header's `ZNY SSSSS` states."""
    m = ZN_LINE.search(text[:6000])
    return _ZN_LEVEL[m.group(1)] if m else None


HANDLING = re.compile(
    r"\b(SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|ORCON|EFTO|NOCONTRACT|PROPIN|TERREP|REL [A-Z, ]+?(?=\s|$)|"
    r"SENSITIVE BUT UNCLASSIFIED|SENSITIVE|FOR OFFICIAL USE ONLY|NOT FOR INTERNET DISTRIBUTION)\b"
)


# One marking, one spelling: Sensitive But Unclassified is written `SENSITIVE`, `SENSITIVE BUT UNCLASSIFIED`, `SBU`,
# and the 2011 site shows it as `UNCLASSIFIED//FOR OFFICIAL USE ONLY`; all are the caveat SENSITIVE.
_CAVEAT_SPELLINGS = {"SENSITIVE BUT UNCLASSIFIED": "SENSITIVE", "SBU": "SENSITIVE",
                     "FOR OFFICIAL USE ONLY": "SENSITIVE", "FOUO": "SENSITIVE"}


def canonical_caveat(written: str) -> str:
    """A caveat in its one spelling, so that the caveat indexes do not split one marking over two pages."""
    word = " ".join(written.upper().split())
    return _CAVEAT_SPELLINGS.get(word, word)


def canonical_caveats(written: Iterable[str]) -> list[str]:
    """Caveats in their one spelling, each once, in order of appearance."""
    return list(dict.fromkeys(canonical_caveat(w) for w in written if w.strip()))


def parse_caveats(preamble: str) -> list[str]:
    """Handling caveats stated before the body, each once, in order of appearance.

    Words in capitals anywhere in the preamble count (`... STATE 000284 SIPDIS E.O. ...`); a line that holds
    nothing but handling words counts in any case (`Sensitive`). The caller leaves out SUBJECT and REF text.
    """
    lines = []
    for line in preamble.split("\n"):
        upper = line.upper()
        whole = HANDLING.sub("", upper).strip(" ,;.")
        lines.append(upper if upper.strip() and not whole else line)
    out: list[str] = []
    for m in HANDLING.finditer("\n".join(lines)):
        word = canonical_caveat(m.group(1))
        if word not in out:
            out.append(word)
    return out


EO = re.compile(r"\bE\.?\s?O\.?\s*1\d{3,4}\s*:?\s*(?P<rest>[^\n]*)", re.I)
DECL_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2,4})")


def parse_declassify(text: str) -> tuple[str | None, int | None]:
    """The E.O. line's declassification instruction as written, and the end of that match."""
    m = EO.search(text[:12000])
    if not m:
        return None, None
    rest = m.group("rest")
    cut = re.search(r"\s(?:TAGS?\b|TAGE\b|SUBJECT\b|(?i:tags?|subject)\s*:)", rest)
    if cut:
        rest = rest[:cut.start()]
    # `DECL:` (also the typo `DECLl:`), not the start of `Declassify on 8/31/2034` (09OUAGADOUGOU1159)
    rest = re.sub(r"^\s*DECLl?\b\s*:?\s*", "", rest.strip(), flags=re.I).strip()
    return (rest or None), m.start("rest") + len(m.group("rest")[:cut.start()] if cut else m.group("rest"))


def decl_date(declassify: str | None) -> tuple[int, int, int] | None:
    """Year, month, day of a declassification date (`01/04/2020`)."""
    if not declassify or "DECLASSIFIED" in declassify.upper():  # already declassified: not a schedule
        return None
    m = DECL_DATE.search(declassify)
    if not m:
        return None
    mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    y = ids.full_year(y) if y < 100 else y
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1960 <= y <= 2100):
        return None
    return y, mo, d


# `01/04/2020`, `1/4/20`, `011/2/2019` (US: month first), and the year-first `2020/01/04`, `2020-01-04` some
# posts write
DECL_SCHEDULE = re.compile(
    r"(?<![\d/-])(?:0?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})|(\d{4})[/-](\d{1,2})[/-](\d{1,2}))(?![\d/-])")


def declassify_iso(declassify: str | None) -> str | None:
    """The declassification date as ISO `YYYY-MM-DD`, as every other date of the record; None when the E.O.
    line schedules no real day (`N/A`, an event, `DECLASSIFIED BY NARA 09/02/2009`, `02/30/2019`)."""
    if not declassify or "DECLASSIFIED" in declassify.upper():  # already declassified: not a schedule
        return None
    m = DECL_SCHEDULE.search(declassify)
    if not m:
        return None
    mo, d, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6), m.group(4))
    year = ids.full_year(int(y)) if len(y) == 2 else int(y)
    return real_date(year, int(mo), int(d))


def real_date(year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD` of a day that exists (no 30 February), else None."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


# `TAGS:`, `TAGS PGOV`, `TAGE:` in capitals; `Tags:`, `tags:` in any case with a colon (04ANKARA348); a label cut
# by a page at the start of a line (`AGS: PGOV, PREL`).
# Without a colon the codes follow on the same line (`C O R R E C T E D C O P Y - TAG\n\nNOFORN`, 08MADRID308).
TAGS = re.compile(r"(?:^|\s)(?:(?:TAG[SE]?|(?i:tags?))\s*:\s*(?=[A-Za-z])|TAG[SE]?[ \t]+(?=[A-Z]))"
                  r"|^[ \t]*AGS\s*:\s*(?=[A-Za-z])", re.M)
_TAGS_END = re.compile(
    r"\s(?:SUBJECT|SUBJ|REF|REFS|REFTEL|Classified|CLASSIFIED|E\.O\.)\b|\s(?i:subj(?:ect)?)\s*:|\n")
_TAG_TOKEN = re.compile(r"^[A-Z][A-Z0-9_-]{1,11}$")
_TAG_LINE = re.compile(
    r"[ \t]*([A-Za-z][A-Za-z0-9_-]{1,11}(?:[ \t]*[,;]?[ \t]+[A-Za-z][A-Za-z0-9_-]{1,11})*)[ \t,;]*(?=\n|$)")
_TAG_FUNCTION_WORDS = frozenset({"AND", "OF", "THE", "FOR", "ON", "IN", "TO"})


def parse_tags(text: str) -> tuple[list[str], int | None]:
    """TAGS in source order, and where the TAGS line ends.

    Codes in any case and separated by spaces or commas; a second line of codes the table knows (`NATO, UK, CN`
    under `TAGS: OVIP CLINTON HILLARY ...`); codes glued together split by the known codes (`PHUMBA`); person
    tags as `SURNAME, GIVEN`; a subject written out (`HUMAN RIGHTS`) as one tag (see `tag_list`).
    """
    m = TAGS.search(text[:12000])
    if not m:
        return [], None
    rest = text[m.end():m.end() + 400]
    end = _TAGS_END.search(rest)
    seg = rest[:end.start()] if end else rest
    stop = m.end() + len(seg)
    more = _TAG_LINE.match(text, stop + 1) if end and text[stop:stop + 1] == "\n" else None
    next_words = [w.upper() for w in re.split(r"[\s,;]+", more.group(1)) if w] if more else []
    # a second line of codes the table knows, or of code-like words after a line that ends with a comma
    # (`... pgov, econ,` then `etra, mnuc, marr, ch`, 09BEIJING2963)
    if more and (all(w in ids.tag_codes() for w in next_words) or (
            seg.rstrip().endswith(",") and all(w.isalpha() and 2 <= len(w) <= 5 for w in next_words))):
        seg, stop = f"{seg} {more.group(1)}", more.end()
    words: list[tuple[str, bool]] = []  # (word, a comma or semicolon follows it)
    people: dict[str, str] = {}  # `OVIP (STEINBERG, JAMES B.)` (09BEIJING2963): the person in brackets is one tag
    for t in re.finditer(r"(\([A-Za-z][A-Za-z.' -]{1,30},[A-Za-z.' -]{2,30}\)|[^\s,;]+)\s*([,;]?)", seg):
        if t.group(1).startswith("("):
            person = " ".join(t.group(1)[1:-1].upper().replace(",", ", ").split())
            people[f"\0{len(people)}"] = person
            words.append((f"\0{len(people) - 1}", True))
            continue
        w = t.group(1).strip(".").upper()
        if not _TAG_TOKEN.match(w) and not split_glued(w):
            break
        words.append((w, bool(t.group(2))))
    tags = [people.get(t, t) for t in tag_list(words)]
    return list(dict.fromkeys(tags)), stop  # a glued tail repeats codes (`VTPREL`)


def tag_list(words: list[tuple[str, bool]]) -> list[str]:
    """Tags of a TAGS line's words: known codes as they are, glued codes split, runs of other words as one
    written-out subject (`HUMAN RIGHTS`, `ECONOMY AND FINANCE`) or as people (`CLINTON, HILLARY`)."""
    out: list[str] = []
    run: list[str] = []
    for i, (w, comma) in enumerate(words):
        pieces = [w] if w in ids.tag_codes() or w.startswith("\0") else split_glued(w)
        if pieces:
            out += _run_tags(run) + pieces
            run = []
            continue
        run.append(w)
        if comma or i == len(words) - 1:
            out += _run_tags(run)
            run = []
    return out


def _run_tags(run: list[str]) -> list[str]:
    """Tags of consecutive words that are no codes: one word is one tag; words of the TAGS meanings one subject;
    else pairs of surname and given name (`NOVO GUILLERMO REMON PEDRO`: two people)."""
    if len(run) < 2:
        return run
    if any(w in _TAG_FUNCTION_WORDS or w in ids.tag_words() or _ENGLISH_ENDING.search(w) for w in run):
        return [" ".join(run)]
    if len(run) % 2 == 0 and all(_name_like(w) for w in run):
        return [f"{run[i]}, {run[i + 1]}" for i in range(0, len(run), 2)]
    return run


# Endings of English words that names do not have: `ORGANIZED CRIME` (05SOFIA1207) is a subject, not a person.
_ENGLISH_ENDING = re.compile(r"(?:ED|ING|IONS?|MENTS?|ITY|ISM|NESS|ICS|ANCE|ENCE|IVE|ICAL)$")
_CODE_SHAPE = re.compile(r"^[ACEKMOPST][A-Z]{3}$")  # a four-letter code the table lacks (OPDC, KBIO, ECIP)


def _name_like(word: str) -> bool:
    """Whether a word can be a surname or given name in a person tag: no code shape, no station's name
    (`USEU BRUSSELS`), no abbreviation (`POL MIL`)."""
    names = ids.station_names()
    return (len(word) >= 4 and word.isalpha() and not _CODE_SHAPE.match(word) and word not in names
            and word not in ids.station_name_words())


def split_glued(word: str) -> list[str]:
    """Known codes glued together (`ETRDEINVECINPGOVCS` -> ETRD EINV ECIN PGOV CS), in the fewest pieces, at
    least one of them a subject code of four letters; [] when the word is not made of them all."""
    if len(word) < 6 or not word.isalpha() or len(word) > 60:
        return []
    codes = ids.tag_codes()
    # program codes (K and three letters) have no published list: in a long run of glued codes any counts (KOCI)
    program = len(word) >= 10
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for i in range(1, len(word) + 1):
        for k in (4, 5, 3, 2):
            if k > i:
                continue
            prev = best[i - k]
            piece = word[i - k:i]
            known = piece in codes or (program and k == 4 and piece[0] == "K")
            if prev is not None and known and (best[i] is None or len(prev) + 1 < len(best[i])):
                best[i] = prev + [word[i - k:i]]
    found = best[len(word)]
    return found if found and len(found) > 1 and any(len(p) >= 4 for p in found) else []


# `UBJECT:` lost its S in 08MANAMA117; `Subject:` in any case (04ANKARA348)
SUBJECT = re.compile(r"(?:^|\s)(?:S?UBJ(?:ECT)?|(?i:subj(?:ect)?))\s*:\s*", re.M)
# The subject ends at a blank line; a REF label in any case, also glued to it (`DECEMBER 11-13REF: A. MANAMA 660`,
# 09MANAMA680; `Conference\nRef: A) Minsk 297`, 06MINSK311) or without its colon on a line of its own (`REFTEL`,
# `REF A. STATE 1234`); the Classified-By line; the first paragraph; an action request (09STOCKHOLM569); a rule
# after it on its line (`FIRM -----`, 07MANAMA1089).
_SUBJECT_END = re.compile(
    r"\n\s*\n|\s(?i:REF|REFS|REFTEL|REFTELS)\s*:|(?<=[A-Z0-9\u2019'])REFS?:|[Cc]lass\w*\s+[Bb]y\b|CLASSIFIED BY|"
    r"\n[ \t]*(?:REFTELS?\b|REFS?[ \t]+\(?[A-Z][.)][ \t])|\n[ \t]*(?i:this is an action request)|[ \t]-{5,}|"
    r"(?:^|\s)¶?1\s?\.\s*\((?:U|C|S|SBU)\)|\n\s*¶?1\s?\.\s|\n\s*(?:THIS (?:CABLE|MESSAGE) IS|SENSITIVE BUT UNCLASSIFIED)"
    r"|\n[ \t]*-{3,}"  # a rule opening a banner (`-------\nSummary\n-------`) after the subject
)
# Header text run into the subject (07MANAMA995): an addressee with its precedence, a collective's or one glued to
# a routing indicator (`ARAB LEAGUE COLLECTIVE IMMEDIATERUCPDOC/USDOC`), or the classification line again. It is
# cut from the subject but still ends the statement, so that it does not become the body's first paragraph.
_SUBJECT_GARBAGE = re.compile(
    r"\s(?:[A-Z]+ ){0,3}COLLECTIVE\s+(?:IMMEDIATE|PRIORITY|ROUTINE)|\S*(?:IMMEDIATE|PRIORITY|ROUTINE)\s?RU[A-Z]{2,5}/"
    r"|\n\s*(?:UNCLAS|CONFIDENTIAL|SECRET|C O N F|S E C R)\w*(?:\s+[A-Z]+){1,3}\s+\d{6}\b"
)
_TRAILING_MARK = re.compile(r"\s*\((?:U|C|S|SBU|LOU|S/NF|C/NF|U/FOUO|SBU/NF)\)\s*$", re.I)
_LEADING_MARK = re.compile(r"^\s*\((?:U|C|S|SBU|LOU|S/NF|C/NF|U/FOUO|SBU/NF)\)\s*", re.I)


def parse_subject(text: str) -> tuple[str | None, int | None]:
    """The SUBJECT (lines joined, trailing portion mark dropped), and where it ends."""
    m = SUBJECT.search(text[:15000])
    if not m:
        return None, None
    rest = text[m.end():m.end() + 1200]
    end = _SUBJECT_END.search(rest)
    seg = rest[:end.start()] if end else rest.split("\n\n")[0]
    garbage = _SUBJECT_GARBAGE.search(seg)
    text_of = seg[:garbage.start()] if garbage else seg
    # a page-break line can stand inside the subject (`... DURING CTJWG NEW DELHI 00001051 001.2 OF 005`)
    subject = _TRAILING_MARK.sub("", re.sub(r"\s+", " ", strip_page_breaks(text_of)).strip()).rstrip(" :")
    subject = _LEADING_MARK.sub("", subject)  # `(S) UNMANNED USG AIRCRAFT ...` (07SANAA473)
    return (subject or None), m.end() + len(seg)


# `Classified By:` (also glued to the SUBJECT before it, or misspelt `Classiied`); `CLASSIFIED BY` in capitals
# only as a word of its own (`DECLASSIFIED BY NARA` is not it).
CLASSIFIED_BY = re.compile(r"(?:Class\w{0,6}\s+[Bb][Yy]|(?<![A-Za-z])CLASS\w{0,6}\s+BY)\s*:?\s*")
_LOWER, _UPPER = r"\(?\s*[a-h](?![A-Za-z])\s*\)?", r"\(?\s*[A-H](?![A-Za-z])\s*\)?"
_LETTER_SEP = r"\s*(?:,|/|&|-|a\s?n\s?d|A\s?N\s?D|or|OR)?\s*"
# `1.4 (b) and (d)`, `1.4(B) AND (D)`, `1.5 (b,d)`, `1.4 b, d`, `1 .4 (b) and (d)`, `1/4 (B) and (D)`; the letters
# of one list share their case (a trailing portion mark `(C)` after `(b) and (d)` is not a reason)
REASONS = re.compile(
    r"(?:(?:[FfNn]or\s+|[Pp]er\s+)?[Rr][Ee][Aa]\s?[Ss]\s?[Oo][Nn][Ss]?\s*:?\s*|[,;:]\s*|[Ff]or\s+|\s)"
    r"(?P<r>(?:E\.?\s?O\.?\s*1\d{4},?\s*)?1\s*[./]\s*[45]\s*"
    rf"(?:{_LOWER}(?:{_LETTER_SEP}{_LOWER})*|{_UPPER}(?:{_LETTER_SEP}{_UPPER})*)?)"
)
# What is left of `for reasons` between the name and the reasons, also with a space inside a word (`for reaso ns`,
# `FO R`), `BASED UPON REASON`, `Reason: Section`, `for Reasons in Sections`, `for E.O. 12958`; each word only as a
# word of its own (the `for` of `Radford` stays).
_WHO_TAIL = re.compile(
    r"[\s,;.]*(?:\b(?:f\s?o\s?r|nor|per|under|based\s+upon)\b\s*)?"
    r"(?:\br\s?e\s?a\s?s?\s?o\s?n\s?s?\b(?:\s+in\s+sections?)?)?\s*:?\s*(?:\bsection\s*)?"
    r"(?:(?:\bfor\s+)?E\.?\s?O\.?\s*1\d{4})?\s*$", re.I)
# Reasons given as letters alone or without the 1.4 the main pattern needs: `for reasons b, d`,
# `for Reasons 1:4 b,d`, `Reasons (1.4 b,d)`, `Reasons ( b) and (d)`; read on the statement's first line only.
_REASONS_WORD = re.compile(
    r"[\s,;.]*\b(?:for\s+)?reasons?\s*:?\s*(?P<r>\(?\s*(?:1\s*[.:]\s*[45]\s*)?\(?\s*[a-h]\s*\)?"
    r"(?:\s*(?:,|/|&|and)\s*\(?\s*[a-h]\s*\)?)*)(?=[\s.]|$)", re.I)
# A corrected copy names the statement before giving it (`(ADD "CLASSIFIED BY" LINE`, 08ASTANA760): not it.
_NAMED_LABEL = re.compile(r"[\"\u201d']|LINE\b")


def _is_label_named(text: str, m: re.Match) -> bool:
    """Whether a CLASSIFIED_BY match names the statement (quoted, or `CLASSIFIED BY LINE`) rather than opens it."""
    return text[max(0, m.start() - 1):m.start()] in ("\"", "\u201c", "'") or bool(_NAMED_LABEL.match(text, m.end()))


def _reasons_word(line: str) -> re.Match | None:
    """The reasons of a statement that gives them after the word `reasons` but not as `1.4 (b)`."""
    m = _REASONS_WORD.search(line)
    return m if m and m.start() > 0 else None


def _tidy_reasons(raw: str) -> str:
    """Reasons in one spelling: spaces collapsed, `1:4` and `1 . 4` as `1.4`, no parentheses around the whole."""
    r = re.sub(r"\s+", " ", re.sub(r"(?i)\ba\s*\n\s*nd\b", "and", raw)).strip()
    if r.startswith("(") and r.endswith(")") and r.count("(") == 1:
        r = r[1:-1].strip()
    r = re.sub(r"^1\s*[.:]\s*([45])\s*", r"1.\1 ", r).strip()
    return re.sub(r"\s+\)", ")", re.sub(r"\(\s+", "(", r))


def parse_classified_by(text: str) -> tuple[str | None, str | None, int | None]:
    """Who classified the cable, the reasons (`1.4 (b) and (d)`), and where the statement ends."""
    head = text[:15000]
    m = next((c for c in CLASSIFIED_BY.finditer(head) if not _is_label_named(head, c)), None)
    if not m:
        return None, None, None
    rest = text[m.end():m.end() + 600]
    # `Classified By: CLASSIFIED BY`, `Classified By: CLASSIFIED CONFIDENTIAL BY` (08CARACAS420)
    rest = rest[re.match(r"(?:Class\w{0,6}\s+(?:(?:CONFIDENTIAL|SECRET)\s+)?By\s*:?\s*)*", rest, re.I).end():]
    start = m.end() + (600 - len(rest)) if len(text) >= m.end() + 600 else len(text) - len(rest)
    line = re.split(r"\n\s*\n|\n", rest, maxsplit=1)[0]
    r = REASONS.search(rest)
    word = _reasons_word(line)
    if word and (r is None or r.start() > word.start("r")):
        who, reasons = rest[:word.start()], _tidy_reasons(word.group("r"))
        end = start + word.end()
        end += len(re.match(r"(?:\s*\.(?=\s|$))?", text[end:]).group(0))
    elif r and r.start() < 300:
        who = rest[:r.start()]
        reasons = _tidy_reasons(r.group("r"))
        end = start + r.end()
        end += len(re.match(r"(?:\s*\.(?=\s|$))?", text[end:]).group(0))
    else:
        who, reasons, end = line, None, start + len(line)
    who = re.sub(r"\s+", " ", who).strip()
    who = _WHO_TAIL.sub("", who).strip(" ,;.")
    return (who or None), reasons, end


# Paragraph 1 of a 1990s cable opens with the statement: `1. (U) CLASSIFIED BY ROBERT P. FINN, DEPUTY CHIEF OF
# MISSION. REASON: 1.5 (D)`.
_PARA1_CLASSIFIED = re.compile(
    r"\s*¶?\s?1\s?\.\s*(?:\((?:U|C|S|LOU|SBU)\)\s*)?(?=CLASSIFIED\s+BY\b|Classified\s+[Bb]y\b)")


def parse_classified_in_para1(para: str) -> tuple[str | None, str | None]:
    """Who classified the cable and why, when paragraph 1 opens with the statement (else None, None)."""
    m = _PARA1_CLASSIFIED.match(para)
    if not m:
        return None, None
    who, reasons, _end = parse_classified_by(para[m.end():])
    return who, reasons


# `STATE 00000284 002 OF 002`, `MANAMA 00001010 001.2 OF 002`, `UNVIE VIEN 00000285  036.2 OF 036`: found at the
# literal ` OF nnn` (fast), then the serial, page and station words before it are read backwards.
# Some copies write them in mixed case (`Moscow 00003579 002 of 005`, `Kuala lump 00000752 002 of 002`).
_PB_OF = re.compile(r" (?:OF|of)\s+\d{3}\b[ \t]*")
_PB_BEFORE = re.compile(r"(?<= )(\d{5,8})\s+\d{3}(?:\.\d{1,2})?\s*$")
_PB_HEAD = re.compile(r"\b(?:[A-Z]{2,}(?: [A-Z]{2,}){0,2}|[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,2}) $")


def _station_words(words: str) -> str:
    """The station among up to three capitalised words before a page number: the shortest ending that is a
    known station or the start of one (page-break lines cut long names: `UNVIE VIEN`), else the last word."""
    parts = words.split()
    known = ids.stations()
    for n in range(len(parts), 1, -1):  # a known station of several words first: `RPO DUBAI`, not `DUBAI`
        cand = " ".join(parts[-n:])
        if ids.station(cand) in known:
            return cand
    for n in range(1, len(parts) + 1):
        cand = " ".join(parts[-n:])
        code = ids.station(cand)
        if code in known or code in ids.STATION_ALIASES.values() or (
                len(code) >= 6 and any(k.startswith(code) for k in known)):
            return cand
    return parts[-1]


def page_breaks(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, station as written, serial) of every page-break line, also where glued into running text."""
    out = []
    for of in _PB_OF.finditer(text):
        m = _PB_BEFORE.search(text, max(0, of.start() - 30), of.start())
        if m is None:
            continue
        head = _PB_HEAD.search(text, max(0, m.start() - 40), m.start())
        if head is None:
            continue
        station = _station_words(head.group(0))
        start = m.start() - len(station) - 1
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        out.append((start, of.end(), station, int(m.group(1))))
    return out


def strip_page_breaks(text: str) -> str:
    """Remove the page-break lines of multi-part cables, also where they are glued into running text."""
    out, pos = [], 0
    for start, end, _station, _serial in page_breaks(text):
        out += [text[pos:start], " "]
        pos = end
    return "".join(out) + text[pos:] if out else text


def page_break_station(text: str) -> tuple[str, int] | None:
    """Station and serial named by a page-break line (`STATE 00000284 002 OF 002`)."""
    found = page_breaks(text)
    return (ids.station(found[0][2]), found[0][3]) if found else None
