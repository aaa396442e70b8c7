"""Records of the cable database embedded in a cable's text, as some WikiLeaks pages carry them.

The "partial extract" pages of the 2011 build hold a truncated copy of the cable, then the database row the
page was made from (its number, date, ID, origin, classification, references), then the full text. The row is
written in one of three layouts: one field a line, a `cables.csv` row, or a tab-separated row whose lines end
in `\\`. The truncated copy is dropped (it repeats the start of the full text, cut with `...`); the row's fields
are what the text itself states about the cable. Some pages repeat the cable without the row between: a first
copy cut with `...`, then the whole cable from its first line again.
"""
from __future__ import annotations

import re

_ID = r"\d{2}[A-Z][A-Z0-9]*\d"
_CLASS = r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?://[A-Z][A-Z \n]*[A-Z])*"

# `10222` / `2003-08-21` / `03THEHAGUE2113` / `Embassy The Hague` / `SECRET` / refs, one field a line
_LINES = re.compile(
    rf"(?:^|\n)[ \t]*(?P<n>\d{{1,7}})[ \t]*\n\s*(?P<date>\d{{4}}-\d{{2}}-\d{{2}}(?: \d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)"
    rf"[ \t]*\n\s*(?P<id>{_ID})[ \t]*\n\s*(?P<origin>[A-Z][^\n]{{2,60}}?)[ \t]*\n\s*(?P<cls>{_CLASS})[ \t]*\n"
    rf"(?:\s*(?P<refs>{_ID}(?:\|{_ID})*)[ \t]*\n)?"
)
# `12055,11/12/2003 16:26,03THEHAGUE2835,"Embassy The Hague",SECRET//NOFORN,03THEHAGUE2568,"header","content`
_CSV = re.compile(
    rf"(?:^|\n)[ \t]*(?P<n>\d{{1,7}}),(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}} \d{{1,2}}:\d{{2}}),(?P<id>{_ID}),"
    rf"\"(?P<origin>[^\"]{{2,60}})\",(?P<cls>{_CLASS}),(?P<refs>[^,\"]*),\"(?P<header>(?:[^\"]|\"\")*)\",\""
)
# `2005-11-14 10:58:00<TAB>05MANAMA1672<TAB>Embassy Manama<TAB>CONFIDENTIAL<TAB>refs<TAB>header<TAB>content`
_TSV = re.compile(
    rf"(?:^|\n)[ \t]*(?P<date>\d{{4}}-\d{{2}}-\d{{2}} \d{{1,2}}:\d{{2}}(?::\d{{2}})?)\t(?P<id>{_ID})\t"
    rf"(?P<origin>[^\t\n]{{2,60}})\t(?P<cls>{_CLASS})\t(?P<refs>[^\t\n]*)\t(?P<header>[^\t]*)\t"
)


def _us_date(written: str) -> str:
    """`11/12/2003 16:26` -> `2003-11-12 16:26`."""
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2}))?", written)
    assert m is not None
    day = f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return f"{day} {int(m.group(4)):02d}:{m.group(5)}" if m.group(4) else day


_CONTINUATION = re.compile(r"[ \t]*\\[ \t]*(?=\n|$)")


def _meta(m: re.Match, created: str) -> dict:
    """The row's fields under the names the readers use for a page table (`header`: its routing header)."""
    refs = [r for r in re.sub(r"\s+", "", m.group("refs") or "").split("|") if r]
    out = {"id": m.group("id"), "created": created, "classification": re.sub(r"\s+", " ", m.group("cls")),
           "origin_name": re.sub(r"\s+", " ", m.group("origin")).strip(), "refs": refs}
    header = _CONTINUATION.sub("", m.groupdict().get("header") or "").replace('""', '"').strip()
    if "partial extract" in header:
        out["partial"] = True  # the row says so, as the page's first block does
        out["notice"] = header  # and the date-time group follows the notice, as on the page
    elif header:
        out["header"] = header
    return out


# A summary row some pages append after the signature: `0 05/15/2008 3797 ENRG,EPET,PREL,IR,BA SUBJECT ...`,
# then the cable's paragraphs again. The row and what follows are not part of the cable.
_TRAILING_ROW = re.compile(r"\n[ \t]*\d{1,3} (\d{2}/\d{2}/\d{4}) \d{1,6} [A-Z][A-Z0-9]*(?:,[A-Z][A-Z0-9]*)+(?:[ \t]|$)")


def unwrap(text: str) -> tuple[str, dict]:
    """The cable text without the database rows embedded in it, and the rows' fields (none if it has none)."""
    text, meta = _unwrap_leading(text)
    m = _TRAILING_ROW.search(text)
    if m:
        text = text[:m.start()]
        meta.setdefault("created", _us_date(m.group(1)))
    return text, meta


_CSV_FIELD_END = re.compile(r'(?:[^"]|"")*')


def _same_cable(m: re.Match, body: str) -> bool:
    """True when the text after the row is the row's cable: its first lines carry the row's serial."""
    serial = re.search(r"(\d+)$", m.group("id")).group(1)
    return re.search(rf"\b0*{serial}\b", body[:600]) is not None


def _unwrap_leading(text: str) -> tuple[str, dict]:
    """The full text after an embedded database row, and the row's fields; the text unchanged if it has none."""
    if not re.search(_ID, text):
        return _drop_truncated_copy(text), {}
    for m in _CSV.finditer(text):
        # the content field ends at its closing quote: another row (another cable) may follow
        content = _CSV_FIELD_END.match(text, m.end()).group(0)
        if _same_cable(m, content):
            return content.replace('""', '"'), _meta(m, _us_date(m.group("date")))
    for m in _TSV.finditer(text):
        body = _CONTINUATION.sub("", text[m.end():])
        if _same_cable(m, body):
            return body, _meta(m, m.group("date")[:16])
    for m in _LINES.finditer(text):
        if _same_cable(m, text[m.end():]):
            return text[m.end():], _meta(m, m.group("date")[:16])
    return _drop_truncated_copy(text), {}


def _drop_truncated_copy(text: str) -> str:
    """The text from the second copy of its first line on, when the first copy was cut short with `...`."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0].strip()
    if len(first) < 15:
        return text
    again = stripped.find("\n" + first, len(first))
    if again < 0 or "...\n" not in stripped[:again] + "\n":
        return text
    return stripped[again + 1:]
