"""A title for a cable without a subject line: the first words of its prose, marked as such (16 cables of the
real corpus have none; a bare ID says nothing of them)."""
from __future__ import annotations

import re

from ..record import Cable
from .text import one_line

FALLBACK_WORDS = 10  # words of the text that stand in for a missing subject
NO_SUBJECT = "[no subject]"

_LEAD = re.compile(r"^(?:\(\w{1,4}\)\s*)?(?:summary\b[\s:.\-–]*)?", re.IGNORECASE)  # a portion mark, "Summary:"
_NOT_TEXT = re.compile(r"^\W*\d*\W*(?:(?:SENSITIVE|UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\b.{0,60}$|"
                       r"REFS?\b|REFERENCES?\b|(?:\(\w{1,4}\)\s*)?this is an action request\b.{0,80}$)",
                       re.IGNORECASE | re.DOTALL)  # a handling banner, a REF line, "this is an action request"


def _says_something(text: str) -> bool:
    """True for a paragraph that says what the cable is about: not a handling banner, a REF line, the line that
    says the cable asks for action (the request follows), or a scrap (`, and (d).`)."""
    return not _NOT_TEXT.match(text) and sum(len(w) > 1 for w in re.findall(r"[^\W\d_]+", text)) >= 4


def first_words(c: Cable) -> str | None:
    """The first words of the cable's prose, for a title when it has no subject (None when it has no text; the
    build keeps the paragraphs of subject-less cables in their slim records, build.slim). Banners (`SENSITIVE
    BUT UNCLASSIFIED`), REF lines and a leading portion mark or "Summary:" are passed over."""
    texts = [one_line(p.text) for p in c.paragraphs if p.text.strip()]
    text = next((t for t in texts if _says_something(t)), texts[0] if texts else "")
    words = (_LEAD.sub("", text) or text).split()
    if not words:
        return None
    return " ".join(words[:FALLBACK_WORDS]) + ("…" if len(words) > FALLBACK_WORDS else "")


def subject_or_lead(c: Cable) -> str | None:
    """The subject, else `[no subject] first words…` (None when there are neither)."""
    if c.subject:
        return c.subject
    words = first_words(c)
    return f"{NO_SUBJECT} {words}" if words else None
