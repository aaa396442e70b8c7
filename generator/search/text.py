"""What the search engines index from a cable, and how text becomes terms.

The browser (docs/assets/search/search.js, `fold` and `terms`) splits queries exactly as `terms` splits cables
here: NFKD, accents dropped, lower case, runs of ASCII letters and digits. Keep the two in step.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..record import Cable

_MARKS = re.compile("[\u0300-\u036f]")
_TERM = re.compile(r"[a-z0-9]+")
MIN_LEN = 2
MAX_LEN = 40
# Words too common to help; the browser drops them from queries too (the list travels in the manifest).
STOPWORDS = frozenset("""a an and are as at be by for from has have in is it its of on or that the this to
was were which will with""".split())


def fold(text: str) -> str:
    """Text as the index sees it: compatibility-decomposed, accents dropped, lower case."""
    if text.isascii():  # most cables: ASCII decomposes to itself and has no marks
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def indexable(term: str) -> bool:
    """Whether a run of letters and digits is a term: not a stop word, not too short or long."""
    return MIN_LEN <= len(term) <= MAX_LEN and term not in STOPWORDS


def terms(text: str) -> list[str]:
    """The indexable terms of a text, in order (stop words and one-letter words left out)."""
    return [t for t in _TERM.findall(fold(text)) if indexable(t)]


def term_counts(text: str) -> dict[str, int]:
    """How often each indexable term occurs in a text (each word is tested once, not once per occurrence)."""
    stop, low, high = STOPWORDS, MIN_LEN, MAX_LEN  # `indexable`, inlined: it runs for every word of every cable
    return {t: n for t, n in Counter(_TERM.findall(fold(text))).items() if low <= len(t) <= high and t not in stop}


def body_text(cable: Cable) -> str:
    """The cable's body as a reader sees it: its paragraphs, with their headings, one per line."""
    return body_and_anchors(cable, [""] * len(cable.paragraphs))[0]


def utf16_len(text: str) -> int:
    """Length of a text as JavaScript counts it (a character beyond U+FFFF is two units)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def body_and_anchors(cable: Cable, ids: list[str]) -> tuple[str, tuple[tuple[int, str], ...]]:
    """`body_text`, and where each paragraph starts in it (UTF-16 offset) with its anchor from `ids`."""
    out: list[str] = []
    anchors: list[tuple[int, str]] = []
    at = 0
    for p, pid in zip(cable.paragraphs, ids):
        anchors.append((at, pid))
        lines = [p.heading] if p.heading else []
        lines.append(f"{p.number}. {p.text}" if p.number is not None else p.text)
        for line in lines:
            out.append(line)
            at += utf16_len(line) + 1
    return "\n".join(out), tuple(a for a in anchors if a[1])


def key_text(cable: Cable, tag_meanings: dict[str, str] | None = None) -> str:
    """The fields a match in counts most: ID and aliases, subject, tags (codes and meanings), origin, entities."""
    meanings = tag_meanings or {}
    parts = [cable.id, *cable.aliases, cable.subject or "", cable.origin or "", cable.origin_name or ""]
    parts += cable.caveats  # SIPDIS, NOFORN ...: in the header, not the body, yet readers search for them
    for t in cable.tags:
        parts += [t, meanings.get(t, "")]
    parts += [e.name for e in cable.entities]
    return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Doc:
    """One cable as both engines index and show it."""

    id: str
    url: str  # site-relative page URL, e.g. cable/08STATE19406.html
    date: str  # YYYY-MM-DD, or YYYY when only the year is known, or ""
    year: str
    origin: str
    origin_name: str
    classification: str
    subject: str
    tags: tuple[str, ...]
    key: str
    body: str
    refs: str = ""  # the IDs it cites, so an ID query also finds the cables that cite it
    # where each paragraph (with its heading) starts in `body`, in UTF-16 units as the browser counts, and its
    # anchor on the cable page: a result opens at the paragraph that matched
    anchors: tuple[tuple[int, str], ...] = ()

    def weights(self) -> dict[str, int]:
        """Term -> weight level 1..7: body frequency (1-3), plus 4 when the term is in a key field."""
        counts = term_counts(self.body)
        for t, n in term_counts(self.refs).items():
            counts[t] = counts.get(t, 0) + n
        out = {t: (1 if n == 1 else 2 if n <= 3 else 3) for t, n in counts.items()}
        for t in term_counts(self.key):
            out[t] = out.get(t, 0) + 4
        return out
