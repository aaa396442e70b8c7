"""The cable body: noise removed, signer and trailer taken off, paragraphs split at their numbers."""
from __future__ import annotations

import bisect
import re

from ..record import Paragraph
from .fields import CLASS_LINE, strip_page_breaks

TRAILER = re.compile(r"(?:^|\s)(?:NNNN|End Cable Text|END CABLE TEXT|BT|#)\s*$")
# `SECTION 02 OF 03` repeated on later pages, with the classification before it and station and serial after.
_SECTION_AT = re.compile(r"SECTION\s+\d{1,2}\s+OF\s+\d{1,2}(?:\s+[A-Z]+(?: [A-Z]+){0,2}\s+\d{3,8})?")
_SECTION_BEFORE = re.compile(
    r"(?:UNCLAS\w*|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|C O N F I D E N T I A L|S E C R E T|"
    r"U N C L A S S I F I E D)(?://\s*[A-Z]+)*\s+$"
)


def _strip_sections(body: str) -> str:
    """Remove repeated `SECTION nn OF nn` lines (found at the literal `SECTION`, then read backwards)."""
    out, pos = [], 0
    for m in _SECTION_AT.finditer(body):
        before = _SECTION_BEFORE.search(body, max(pos, m.start() - 40), m.start())
        out += [body[pos:before.start() if before else m.start()], " "]
        pos = m.end()
    return "".join(out) + body[pos:] if out else body


MARK = r"\(\s*(?:U|C|S|TS|SBU|LOU|FOUO|NF|U/FOUO|C/NF|S/NF|S//NF|C//NF|SBU/NF|C/REL [A-Z ,/]+|S/REL [A-Z ,/]+|[A-Z]{1,4}(?:/{1,2}[A-Z]{1,8}){0,2})\s*\)"
_BARE_MARK = r"(?:U|C|S|SBU|S/NF|C/NF|LOU)"
# `1. (C)`, `¶2. (C)`, `1.(U)`, `1 . ( U )` anywhere after whitespace; `1 (S)`, `(C) 1.` and `1. TEXT` only at a
# line start, also glued to its first word (`1.Key Points:`); `15.C)` (opening parenthesis lost) anywhere after
# whitespace.
PARA = re.compile(
    rf"(?=[¶\s\d(])(?:"  # every form starts at one of these: a cheap test that skips most positions
    rf"(?:(?<=\s)|^)¶?\s?(?P<n>\d{{1,3}})\s?\.\s*(?P<mark>{MARK})"
    rf"|(?:(?<=\s)|^)¶?(?P<n3>\d{{1,3}})\.(?P<mark3>{_BARE_MARK})\)"
    rf"|(?:^|(?<=\n))[ \t]*¶?\s?(?P<n4>\d{{1,3}})[ \t]+(?P<mark4>{MARK})"
    rf"|(?:^|(?<=\n))[ \t]*(?P<mark5>{MARK})[ \t]+(?P<n5>\d{{1,3}})\s?\.[ \t]"
    rf"|(?:^|(?<=\n))[ \t]*¶?\s?(?P<n2>\d{{1,3}})\s?\.(?:[ \t]+(?=[A-Z(\"])|(?=[A-Z][a-z])))",
)
RULE = r"[-=*_/]{3,}(?:[ \t]+[-=*_/]{3,})*"
_TEXT = r"(?:(?![-=*_/]{3})[^\n])"  # a character of heading text: anything but a line end or the start of a rule
# Banner headings: text between two rules (one or two lines), a rule and text and a rule on one line (the
# flattened form), one or two lines over a rule after a blank line (one line after text), a short title glued
# before a rule. A title over a rule leaves the rule in place, so that it can open the next banner.
HEADING = re.compile(
    rf"(?:(?:^|\n)[ \t]*{RULE}[ \t]*\n[ \t]*(?P<a>[^\n]{{1,80}}?(?:\n[ \t]*[^\n]{{1,80}}?)?)[ \t]*\n(?:[ \t]*\n)?"
    rf"[ \t]*{RULE}[ \t]*(?=\n|$)"
    rf"|(?:(?<=\s)|^){RULE}\s*(?P<b>[.\w\"'(]{_TEXT}{{0,78}}?)[ \t]*{RULE}(?=\s|$)"
    rf"|(?:^|\n[ \t]*\n)[ \t]*(?P<c>[A-Za-z\"'(.][^\n]{{0,70}}?(?:\n[ \t]*[^\n]{{1,70}}?)?)[ \t]*(?=\n[ \t]*{RULE}[ \t]*(?:\n|$))"
    rf"|(?:^|\n)[ \t]*(?P<e>[A-Za-z\"'(.][^\n]{{0,70}}?)[ \t]*(?=\n[ \t]*{RULE}[ \t]*(?:\n|$))"
    rf"|(?:^|(?<=\n)|(?<=[.)\]:\"]\s)|(?<=\)\s))(?P<d>[A-Z][A-Za-z'’&,/ ]{{0,40}}?)[ \t]+-{{3,}}(?=\s))"
)


def clean_body(body: str) -> str:
    """Body without page-break lines, repeated section lines and trailers (`NNNN`, `End Cable Text`)."""
    body = _strip_sections(strip_page_breaks(body))
    if "SIPDIS" in body:
        body = re.sub(r"^\s*SIPDIS\s*$", "", body, flags=re.M)
    body = re.sub(r"\n\s*NNNN\b.*$", "", body, flags=re.S)  # anything after NNNN is past the end of the cable
    # and so is anything after `End Cable Text` on its own line (a mail stamp of who forwarded it, 10BRUSSELS183)
    body = re.sub(r"\n[ \t]*(?:End Cable Text|END CABLE TEXT)[ \t]*\n.*$", "", body, flags=re.S)
    previous = None
    while previous != body:
        previous = body
        body = _cut_end(TRAILER, body.rstrip())
    return _cut_end(_DOTS_END, body.rstrip()).rstrip()


_DOTS_END = re.compile(r"(?:\s*\.\.\.)\s*$")


def _cut_end(pattern: re.Pattern, text: str, reach: int = 60) -> str:
    """The text without what `pattern` (anchored at the end) matches in its last `reach` characters."""
    m = pattern.search(text, max(0, len(text) - reach))
    return text[:m.start()] if m else text


# The signature: a surname (or two words) in capitals at the very end, on its own line or after a sentence end,
# a closing banner (`*****`), a URL or a redaction; a leading `#` (a stray routing mark) is dropped.
_SIGNER = re.compile(
    r"(?:^|\n|(?<=[.!?*\")\]/:X])\s|(?<=[.!?*\")]))\s*#?(?P<s>[A-Z][A-Z'\-]{1,25}(?: [A-Z][A-Z'\-]{1,25})?)\s*$")
# A surname written in mixed case (`Sobel`) counts only alone on the last line.
_SIGNER_MIXED = re.compile(r"\n[ \t]*(?P<s>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)[ \t]*$")
# A surname in mixed case, a capital inside it (`McMullen`, `LeBaron`, `O'Brien`) or a particle before it
# (`Van Voorst`): after a sentence end on the last line (`...leave the country. Swindells`).
_NAME = r"(?:(?:Van|Von|De|Del|Da|La|Le|St\.)\s)?[A-Z][a-z]*(?:['\-]?[A-Z][a-z]+)*"
_SIGNER_AFTER_SENTENCE = re.compile(rf"(?<=[.!?\"\u201d])(?<!\b[A-Z]\.)[ \t]+(?P<s>{_NAME})[ \t]*$")
# After a station's website banner the name may be in any case (`...index. cfm tuttle`, `***** *\nmisenheimer`):
# a URL (its last piece broken off by a space) or a row of stars, then the name.
_SIGNER_AFTER_BANNER = re.compile(
    r"(?:(?:https?://|www\.)\S+(?:[ \t]+[a-z_][\w.]*)?|\*{5,}(?:[ \t]+\*)?)\s+"
    r"(?P<s>[A-Za-z][a-z]*(?:[A-Z][a-z]+)*|[A-Z][A-Z'\-]{1,25})[ \t]*$")
_NOT_SIGNER = {"END SUMMARY", "END COMMENT", "END NOTE", "SUMMARY", "COMMENT", "NOTE", "SIPDIS", "NOFORN",
               "END", "BT", "NNNN", "TEXT", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "EXDIS", "NODIS",
               "REGARDS", "THANKS", "THANK YOU", "UNQUOTE", "QUOTE", "END TEXT", "MINIMIZE CONSIDERED", "CFM"}
# What some copies add after the signature, past the end of the cable: the classification again (`CONFIDENTIAL`,
# `1 SENSITIVE BUT UNCLASSIFIED`, `CONFIDENTIAL > 2001VATICA03507 - Classification: CONFIDENTIAL`), a closing
# banner (`====CABLE ENDS====`), a release date (`2005-05-06`), the review stamp of a declassified cable, a
# stray tag line (`PREL PGOV EG`), stray dots and slashes (`MURRAY .`, `AGUIRRE / / /`).
_AFTER_SIGNATURE = re.compile(
    r"(?:\s+(?:=+\s*CABLE ENDS\s*=+|\d?\s*SENSITIVE BUT UNCLASSIFIED|"
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)(?:\s*>(?:\s*\d\d\w+ - Classification: [A-Z ]+)?)?|"
    r"\d{4}-\d{2}-\d{2}|Declassified/Released US Department of State EO\s+Systematic Review \d\d [A-Z]{3} \d{4}|"
    # the end of transmission (`BT`, `#2345`, `NNNN`) and an older telegram's page header
    # (`UNCLASSIFIED PAGE 03 STATE 015113 182333Z`)
    r"BT|#\d{3,5}|NNNN|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+PAGE\s+\d{2}\s+"
    r"[A-Z]+(?: [A-Z]+){0,2}"
    r"\s+\d{4,6}(?:\s+\d{2}\s+OF\s+\d{2})?\s+\d{6}Z|"
    r"(?<=\n)[ \t]*(?:[A-Z]{4}|[A-Z]{2})(?:[ \t,]+(?:[A-Z]{4}|[A-Z]{2})){1,7}(?=[ \t]*$)|[./](?:[ \t]*[./])*))+[ \t]*$")


def _signature_match(body: str, classified_by: str | None) -> re.Match | None:
    """Where the signer's name stands at the very end of the body, if it does."""
    tail = max(0, len(body) - 80)  # a signature is at the very end: search only there
    m = _SIGNER.search(body, tail) or _SIGNER_MIXED.search(body, tail)
    if m is None:
        m = _SIGNER_AFTER_SENTENCE.search(body, tail) or _SIGNER_AFTER_BANNER.search(body, max(0, len(body) - 200))
        if m is not None and len(m.group("s")) < 3:
            m = None
    if m is None:
        m = re.search(r"\s#?(?P<s>[A-Z][A-Z'\-]{2,25})$", body)
        if m is None or not classified_by or m.group("s").lower() not in classified_by.lower().split():
            return None
    return None if m.group("s").strip().upper() in _NOT_SIGNER else m


def split_signer(body: str, classified_by: str | None = None) -> tuple[str, str | None]:
    """The body without its closing signature, and the signer's name (`CLINTON`) as written.

    A last capitalised word that follows running text counts only when it is the surname of the official
    who classified the cable (`... Multilateral Trade Office, EEB HENZEL` in a cable classified by Henzel).
    What follows a signature (`MCDONALD CONFIDENTIAL >`) goes with it, but only when a signer stands before it.
    """
    body = body.rstrip()
    m = _signature_match(body, classified_by)
    if m is None:
        after = _AFTER_SIGNATURE.search(body, max(0, len(body) - 200))
        if after is None or after.start() == 0:
            return body, None
        m = _signature_match(body[:after.start()].rstrip(), classified_by)
        if m is None:
            return body, None
    return body[:m.start("s")].rstrip().rstrip("#").rstrip(), m.group("s").strip()


_ITEM = re.compile(r"(?:-{1,2}|\*|•|[a-z]\.|\([a-z0-9]{1,3}\)|[A-Z]\)|[ivx]{1,4}\.)\s")
_ITEM_FIRST = set("-*•(ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


# `END` at a line end and `SUMMARY.` after a blank line are one closing phrase (`END\n\nSUMMARY.`, 10DAMASCUS159),
# the blank line a page break's or the copy's: never a paragraph break.
_END_WORD = re.compile(r"(?:^|\s)END$", re.I)
_END_WHAT = re.compile(r"(?:SUMMARY|COMMENT|NOTE)\b", re.I)


def _join_lines(text: str) -> str:
    """Reflow hard-wrapped lines into running text, keeping list items and blank-line breaks."""
    lines = [ln.strip() for ln in text.strip().split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln:
            if out and out[-1] != "":
                out.append("")
            continue
        if len(out) > 1 and out[-1] == "" and _END_WORD.search(out[-2]) and _END_WHAT.match(ln):
            out.pop()  # `END` / `SUMMARY.` split by a blank line: join them again
        starts_item = ln[0] in _ITEM_FIRST and _ITEM.match(ln)
        if out and out[-1] != "" and not starts_item:
            out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(s for s in out if s != "" or True).replace("\n\n\n", "\n\n")


_RULE_AT = re.compile(RULE)
_REACH = 160  # every heading holds a rule and starts less than this far before its first rule
_AFTER_PUNCT = re.compile(r"[.)\]:\"]\s")


def _rules(text: str) -> list[tuple[int, int]]:
    """(start, end) of the rules in the text, found with str.find (much faster than a regex scan)."""
    found = []
    for c in "-=*_/":
        pos = text.find(c * 3)
        while pos >= 0:
            m = _RULE_AT.match(text, pos)
            end = m.end() if m else pos + 3
            found.append((pos, end))
            pos = text.find(c * 3, end)
    return sorted(found)


def _heading_starts(text: str) -> list[int]:
    """Every position where a HEADING match can start: the text start, line ends, rule starts and the
    places after a sentence end, each less than `_REACH` characters before a rule."""
    starts = {0}
    for r_start, _r_end in _rules(text):
        lo = max(0, r_start - _REACH)
        starts.add(r_start)
        nl = text.find("\n", lo, r_start + 1)
        while nl >= 0:
            starts.update((nl, nl + 1))
            nl = text.find("\n", nl + 1, r_start + 1)
        starts.update(m.end() for m in _AFTER_PUNCT.finditer(text, lo, r_start))
    return sorted(starts)


def _heading_matches(text: str) -> list[re.Match]:
    """The matches HEADING.finditer(text) gives, found by trying HEADING only where one can start."""
    out: list[re.Match] = []
    end = 0
    for s in _heading_starts(text):
        if s < end:
            continue
        m = HEADING.match(text, s)
        if m and m.end() > m.start():
            out.append(m)
            end = m.end()
    return out


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, heading text) of every banner heading in the text."""
    out = []
    for m in _heading_matches(text):
        h = next(g for g in (m.group("a"), m.group("b"), m.group("c"), m.group("d"), m.group("e")) if g is not None)
        h = " ".join(h.split()).strip(" -=*_/")
        if not h or len(h) > 90 or len(h.split()) > 14 or re.fullmatch(r"[\d\W]+", h):
            continue
        if (m.group("c") or m.group("e")) and h.endswith(".") and not h.endswith("...") and not h.isupper():
            continue  # a sentence over a rule is the end of a paragraph, not a title
        out.append((m.start(), m.end(), h))
    return out


_LEAD_MARK = re.compile(rf"\s*({MARK})[\s:]*")
_TITLE = re.compile(rf"^[ \t]*([^\n]{{1,80}}?)[ \t]*\n[ \t]*{RULE}[ \t]*(?:\n|$)")
_RULE_LINE = re.compile(rf"(?m)^[ \t]*{RULE}[ \t]*$")
_LOOSE_PARA = re.compile(r"[.)!?\"] (?P<n>\d{1,3})\.\s?(?=[A-Z][a-z])")  # the paragraph starts at group n


# Where a PARA match can be: at a `.` before a portion mark (inline forms), or at a line start before a number
# or a portion mark. Searching these anchors (literal first characters) is much faster than PARA.finditer.
_ANCHOR = re.compile(rf"\.(?=\s*\(|{_BARE_MARK}\))|\n[ \t]*(?:¶\s?)?(?:\d|\()")
_DIGITS_BEFORE = re.compile(r"\d{1,3}\s?$")


def _para_matches(body: str) -> list[re.Match]:
    """The matches PARA.finditer(body) gives (on reader output), found by trying PARA only near anchors."""
    out: list[re.Match] = []
    end = 0
    tried: set[int] = set()

    def attempt(starts: list[int]) -> None:
        nonlocal end
        for s in sorted(c for c in set(starts) if c >= end and c >= 0 and c not in tried):
            tried.add(s)
            m = PARA.match(body, s)
            if m:
                out.append(m)
                end = m.end()
                return

    if body:
        attempt([0, 1, 2])
    for a in _ANCHOR.finditer(body):
        p = a.start()
        if p < end:
            continue
        if body[p] == "\n":
            q = p + 1
            while q < len(body) and body[q] in " \t¶":
                q += 1
            if q < len(body) and body[q] in " \n":
                q += 1
            attempt([p, p + 1, q - 2, q - 1, q])
        else:
            d = _DIGITS_BEFORE.search(body, max(0, p - 4), p)
            if d:
                attempt([d.start() - 2, d.start() - 1, d.start()])
    return out


def _plain_number_starts_paragraph(body: str, start: int, n: int, last: int) -> bool:
    """Whether `N. Text` at a line start (no portion mark) begins paragraph N.

    The next number always does; a later one (the source skips numbers) only after a sentence end, and not
    too far ahead: `December\n17. The Dutch` is a date wrapped at a line end, not paragraph 17.
    """
    if n == last + 1:
        return True
    if n <= last or n > last + 20 or (last == 0 and n != 1):
        return False
    i = start - 1
    while i >= 0 and body[i].isspace():
        i -= 1
    return i < 0 or body[i] in ".:!?\")]"


def split_paragraphs(body: str) -> list[Paragraph]:
    """Paragraphs at their numbers (kept as written), portion marks apart, banner headings attached."""
    body = body.strip()
    events: list[tuple[int, int, str, object]] = []
    last = 0
    for m in _para_matches(body):
        number = next(g for g in (m.group("n"), m.group("n3"), m.group("n4"), m.group("n5"), m.group("n2")) if g)
        n = int(number)
        mark = next((g for g in (m.group("mark"), m.group("mark3"), m.group("mark4"), m.group("mark5")) if g), None)
        if mark is None and not _plain_number_starts_paragraph(body, m.start(), n, last):
            continue
        mark = " ".join(mark.split()).strip("() ") if mark else None
        events.append((m.start(), m.end(), "para", (n, mark)))
        last = n
    numbers = {e[3][0] for e in events}
    for m in _LOOSE_PARA.finditer(body):
        n = int(m.group("n"))
        if n - 1 in numbers and n not in numbers:
            events.append((m.start("n"), m.end(), "para", (n, None)))
            numbers.add(n)
    spans = sorted((e[0], e[1]) for e in events)
    starts = [sp[0] for sp in spans]
    for start, end, h in _headings(body):
        i = bisect.bisect_right(starts, start) - 1  # the paragraph number that starts last before it
        if i < 0 or not spans[i][0] <= start < spans[i][1]:
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
            # unnumbered text: one paragraph per blank-line-separated block, each with its own portion mark
            carried = None
            for chunk in _join_lines(raw).split("\n\n"):
                lead = _LEAD_MARK.match(chunk)
                mark = " ".join(lead.group(1).split()).strip("() ") if lead else carried
                text = (chunk[lead.end():] if lead else chunk).strip()
                if not text:
                    carried = mark  # a portion mark alone on its line marks the block after it
                    continue
                paragraphs.append(Paragraph(None, mark, heading, text))
                heading = carried = None
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
