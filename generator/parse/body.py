"""The cable body: noise removed, signer and trailer taken off, paragraphs split at their numbers."""
from __future__ import annotations

import re

from ..record import Paragraph
from .fields import CLASS_LINE, strip_page_breaks

TRAILER = re.compile(r"(?:^|\s)(?:NNNN|End Cable Text|END CABLE TEXT|BT)\s*$|\n\s*NNNN\b.*$", re.S)
_SECTION_REPEAT = re.compile(
    r"(?:(?:UNCLAS\w*|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|C O N F I D E N T I A L|S E C R E T|"
    r"U N C L A S S I F I E D)(?://\s*[A-Z]+)*\s+)?SECTION\s+\d{1,2}\s+OF\s+\d{1,2}(?:\s+[A-Z]+(?: [A-Z]+){0,2}\s+\d{3,8})?"
)
MARK = r"\(\s*(?:U|C|S|TS|SBU|LOU|FOUO|NF|U/FOUO|C/NF|S/NF|S//NF|C//NF|SBU/NF|C/REL [A-Z ,/]+|S/REL [A-Z ,/]+|[A-Z]{1,4}(?:/{1,2}[A-Z]{1,8}){0,2})\s*\)"
# `1. (C)`, `¶2. (C)`, `1.(U)`, `1 . ( U )` anywhere after whitespace; `1. TEXT` only at a line start.
PARA = re.compile(
    rf"(?:(?<=\s)|^)¶?\s?(?P<n>\d{{1,3}})\s?\.\s*(?P<mark>{MARK})"
    rf"|(?:^|(?<=\n))[ \t]*¶?\s?(?P<n2>\d{{1,3}})\s?\.[ \t]+(?=[A-Z(\"])",
)
RULE = r"[-=*_/]{3,}(?:[ \t]+[-=*_/]{3,})*"
HEADING = re.compile(
    rf"(?:(?:^|\n)[ \t]*{RULE}\s*\n[ \t]*(?P<a>[^\n]{{1,80}}?)[ \t]*\n[ \t]*{RULE}[ \t]*(?=\n|$)"
    rf"|(?:(?<=\s)|^){RULE}\s*(?P<b>[A-Za-z][^\n\-=*_/]{{0,78}}?)\s*{RULE}(?=\s|$)"
    rf"|(?:^|\n)[ \t]*(?P<c>[A-Za-z][^\n]{{0,60}}?)[ \t]*\n[ \t]*{RULE}[ \t]*(?=\n|$)"
    rf"|(?:^|(?<=[.)\]:\"]\s)|(?<=\)\s))(?P<d>[A-Z][A-Za-z'’&,/ ]{{0,40}}?)[ \t]+-{{3,}}(?=\s))"
)


def clean_body(body: str) -> str:
    """Body without page-break lines, repeated section lines and trailers (`NNNN`, `End Cable Text`)."""
    body = strip_page_breaks(body)
    body = _SECTION_REPEAT.sub(" ", body)
    body = re.sub(r"^\s*SIPDIS\s*$", "", body, flags=re.M)
    body = TRAILER.sub("", body.rstrip())
    body = re.sub(r"(?:\s*\.\.\.)\s*$", "", body.rstrip())
    return body.rstrip()


_SIGNER = re.compile(r"(?:^|\n|(?<=[.!?*\")]\s)|(?<=[.!?*\")]))\s*(?P<s>[A-Z][A-Z'\-]{1,25}(?: [A-Z][A-Z'\-]{1,25})?)\s*$")


def split_signer(body: str) -> tuple[str, str | None]:
    """The body without its closing signature, and the signer's name (`CLINTON`)."""
    m = _SIGNER.search(body.rstrip())
    if not m:
        return body, None
    name = m.group("s").strip()
    if name in ("END SUMMARY", "END COMMENT", "END NOTE", "SUMMARY", "COMMENT", "NOTE", "SIPDIS", "NOFORN"):
        return body, None
    before = body[:m.start("s")].rstrip()
    # an all-capitals body: the name must stand on its own line or follow a sentence end
    if before and before[-1] not in ".!?*\")" and "\n" not in body[len(before):m.start("s") + 1]:
        return body, None
    return before, name


def _join_lines(text: str) -> str:
    """Reflow hard-wrapped lines into running text, keeping list items and blank-line breaks."""
    lines = [ln.strip() for ln in text.strip().split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln:
            if out and out[-1] != "":
                out.append("")
            continue
        starts_item = re.match(r"^(?:-{1,2}|\*|•|[a-z]\.|\([a-z0-9]{1,3}\)|[A-Z]\)|[ivx]{1,4}\.)\s", ln)
        if out and out[-1] != "" and not starts_item:
            out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(s for s in out if s != "" or True).replace("\n\n\n", "\n\n")


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, heading text) of every banner heading in the text."""
    out = []
    for m in HEADING.finditer(text):
        h = next(g for g in (m.group("a"), m.group("b"), m.group("c"), m.group("d")) if g is not None)
        h = re.sub(r"\s+", " ", h).strip(" -=*_/")
        if not h or len(h) > 80 or re.fullmatch(r"[\d\W]+", h):
            continue
        out.append((m.start(), m.end(), h))
    return out


_TITLE = re.compile(rf"^[ \t]*([^\n]{{1,80}}?)[ \t]*\n[ \t]*{RULE}[ \t]*(?:\n|$)")
_RULE_LINE = re.compile(rf"(?m)^[ \t]*{RULE}[ \t]*$")
_LOOSE_PARA = re.compile(r"(?<=[.)!?\"] )(?P<n>\d{1,3})\.(?=[A-Z][a-z])")


def split_paragraphs(body: str) -> list[Paragraph]:
    """Paragraphs at their numbers (kept as written), portion marks apart, banner headings attached."""
    body = body.strip()
    events: list[tuple[int, int, str, object]] = []
    last = 0
    for m in PARA.finditer(body):
        n = int(m.group("n") or m.group("n2"))
        if m.group("n2") and n != last + 1 and n > 0 and last and n < last:
            continue
        if m.group("n2") and n > last + 20:
            continue
        if m.group("n") is None and last == 0 and n != 1:
            continue
        mark = m.group("mark")
        events.append((m.start(), m.end(), "para", (n, re.sub(r"\s+", " ", mark).strip("() ") if mark else None)))
        last = n
    numbers = {e[3][0] for e in events}
    for m in _LOOSE_PARA.finditer(body):
        n = int(m.group("n"))
        if n - 1 in numbers and n not in numbers:
            events.append((m.start(), m.end(), "para", (n, None)))
            numbers.add(n)
    for start, end, h in _headings(body):
        if not any(s <= start < e for s, e, *_ in events):
            events.append((start, end, "heading", h))
    events.sort(key=lambda e: (e[0], e[2] != "heading"))
    paragraphs: list[Paragraph] = []
    pending_heading: str | None = None
    cursor = 0
    current: tuple[int | None, str | None, str | None] | None = None

    def flush(upto: int) -> None:
        nonlocal current, pending_heading
        raw = body[cursor:upto]
        title = _TITLE.match(raw)
        heading = current[2] if current is not None else pending_heading
        if title and heading is None:
            heading, raw = title.group(1).strip(), raw[title.end():]
        raw = _RULE_LINE.sub("", raw)
        if current is not None:
            paragraphs.append(Paragraph(current[0], current[1], heading, _join_lines(raw)))
        elif raw.strip():
            lead = re.match(rf"\s*({MARK})\s*", raw)
            mark = re.sub(r"\s+", " ", lead.group(1)).strip("() ") if lead else None
            paragraphs.append(Paragraph(None, mark, heading, _join_lines(raw[lead.end():] if lead else raw)))
            pending_heading = None
        current = None

    for start, end, kind, value in events:
        if start < cursor:
            continue
        flush(start)
        if kind == "heading":
            pending_heading = value if pending_heading is None else f"{pending_heading} — {value}"
            current = None
        else:
            n, mark = value
            current = (n, mark, pending_heading)
            pending_heading = None
        cursor = end
    flush(len(body))
    if pending_heading and paragraphs:
        paragraphs.append(Paragraph(None, None, pending_heading, ""))
    return [p for p in paragraphs if p.text or p.number is not None or p.heading]


__all__ = ["clean_body", "split_signer", "split_paragraphs", "CLASS_LINE"]
