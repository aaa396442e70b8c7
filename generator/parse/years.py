"""The year of a cable whose text states no date: what the text suggests and what the archive says.

A cable's ID needs its year. Where only the body survives (seeds 000 and 002, body fragments), the year is
inferred from evidence, each piece general to telegrams of the period:

- the declassification date: `DECL: 01/04/2020` is usually ten years after the cable (E.O. 12958 set ten
  years as the default), sometimes twenty or twenty-five (or five, fifteen); the cable is never later
  than its own declassification date;
- REF items with an explicit year (`04 MANAMA 378`): a cable only cites earlier cables, so the latest
  such year is a lower bound;
- dates written out in the text (`July 27, 2004`, `11 April 2007`): a cable reports recent events, so the
  latest full date it mentions is usually in its own year (or the year before);
- the archive: other cables that cite this one with a year (`08 MANAMA 22`) or without one (`MANAMA 22` in a
  cable of 2008: same year), and cables this one cites without a year whose year the archive knows.
  Serial numbers restart every year, so archive hints are candidates that the other evidence must allow.

Unclassified cables say `E.O. 12958: N/A` and give no DECL date; their year rests on the rest.
The release spans 1966-2010 (`FIRST_YEAR`, `LAST_YEAR`): no candidate outside it is taken.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from .. import ids
from . import fields as f

FIRST_YEAR, LAST_YEAR = 1966, 2010
# DECL year minus cable year, most frequent first (E.O. 12958: ten years by default, up to twenty-five).
DECL_OFFSETS = (10, 20, 25, 15, 5, 30)

_MONTH = (r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|"
          r"OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?")
# `July 27, 2004`, `27 July 2004`, `July 2004`, `07/27/2004`, `2004-07-27`
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(?:\d{{1,2}}(?:-\d{{1,2}})?,?\s+)?|\d{{1,2}}\s+{_MONTH},?\s+)((?:19|20)\d{{2}})\b"
    r"|\b\d{1,2}/\d{1,2}/((?:19|20)\d{2})\b|\b((?:19|20)\d{2})-\d{2}-\d{2}\b",
    re.I,
)


def text_years(text: str) -> list[int]:
    """Years of the full dates the text writes out (month and year at least), in order."""
    out = []
    for m in _FULL_DATE.finditer(text):
        y = int(next(g for g in m.groups() if g))
        if FIRST_YEAR <= y <= LAST_YEAR:
            out.append(y)
    return out


# Weight of each piece of evidence for a candidate year; read off the dated cables of the corpus (the DECL
# offset is ten years for nine cables in ten; the latest full date a cable writes is in its own year for half
# of them, the year before for a third).
_DECL_SCORE = {10: 4.0, 20: 2.0, 15: 1.5, 25: 1.5, 5: 1.0, 30: 0.5}
_TEXT_SCORE = {0: 2.0, 1: 1.2, -1: 0.5}
_HINT_SCORE, _HINT_CAP = 1.5, 3.0


def _candidates(lo: int, hi: int, decl: tuple[int, int, int] | None, hints: Mapping[int, int],
                written: list[int], neighbours: Mapping[int, float]) -> dict[int, float]:
    """Score of every candidate year in [lo, hi] that some piece of evidence names."""
    years: set[int] = set(hints) | set(neighbours)
    if written:
        years |= {max(written) + k for k in _TEXT_SCORE}
    if decl:
        allowed = {decl[0] - o for o in _DECL_SCORE if lo <= decl[0] - o <= hi}
        years = allowed or years  # a DECL date that allows a year overrules all weaker evidence
    scores: dict[int, float] = {}
    for y in sorted(years):
        if not lo <= y <= hi or (decl and y > decl[0]):
            continue
        s = _DECL_SCORE.get(decl[0] - y, 0.0) if decl else 0.0
        s += _TEXT_SCORE.get(y - max(written), 0.0) if written else 0.0
        s += min(_HINT_CAP, _HINT_SCORE * hints.get(y, 0))
        s += neighbours.get(y, 0.0)
        scores[y] = s
    return scores


def infer_year(declassify: str | None, ref_years: Iterable[int], body: str,
               hints: Mapping[int, int] | None = None,
               neighbours: Mapping[int, float] | None = None) -> tuple[int | None, str | None]:
    """Year (and, from a DECL date, a date) of a cable whose text states no date; (None, None) if nothing says.

    `ref_years` are the explicit years of its REF items (a lower bound); `hints` the archive's votes
    (year -> count) for its station and serial; `neighbours` a weak prior from the archive's cables of the
    same station with the nearest serials (see `neighbour_years`), used to break ties or when nothing else
    speaks. Each candidate year is scored by the evidence; the best score wins, the later year on a tie.
    """
    refs = [y for y in ref_years if FIRST_YEAR <= y <= LAST_YEAR]
    lo, hi = (max(refs) if refs else FIRST_YEAR), LAST_YEAR
    decl = f.decl_date(declassify)
    written = [y for y in text_years(_EO_LINE.sub("", body)) if lo <= y <= hi]
    scores = _candidates(lo, hi, decl, hints or {}, written, neighbours or {})
    if not scores and refs:
        scores = {lo: 0.0}
    if not scores:
        return None, None
    year = max(scores, key=lambda y: (scores[y], y))
    if decl and decl[0] - year in _DECL_SCORE:
        _y, mo, d = decl
        return year, f"{year:04d}-{mo:02d}-{min(d, 28) if mo == 2 else d:02d}"
    return year, None


_EO_LINE = re.compile(r"^.*\bE\.?\s?O\.?\s*1\d{4}.*$", re.M)
NEIGHBOURS = 4  # archive cables of the same station, nearest in serial, that vote (weakly) for their year


def neighbour_years(anchors: list[tuple[int, int]], serial: int) -> dict[int, float]:
    """Weak votes (total below one) for the years of the archive cables of one station nearest in serial
    (`anchors`: sorted (serial, year) pairs; those of the same serial are left out).

    An archive is usually a collection of related cables: a run of a station's serials tends to come from
    one period. In a large archive the vote spreads over many years and says little, as it should.
    """
    lo = bisect.bisect_left(anchors, (serial, -1))  # anchors are sorted: look only around the serial,
    hi = bisect.bisect_right(anchors, (serial, 10 ** 6))  # leaving out the cable's own serial
    window = anchors[max(0, lo - NEIGHBOURS):lo] + anchors[hi:hi + NEIGHBOURS]
    near = sorted(window, key=lambda a: (abs(a[0] - serial), a[1]))[:NEIGHBOURS]
    votes: dict[int, float] = {}
    for _serial, year in near:
        votes[year] = votes.get(year, 0.0) + 0.9 / NEIGHBOURS
    return votes


def _key(station: str, serial: int) -> str:
    """Archive key of a cable: station code and serial, without the year."""
    return f"{station}{serial}"


class ArchiveYears(dict):
    """`STATION+SERIAL` -> Counter of candidate years, plus `anchors`: station -> [(serial, year)] of the
    archive's cables whose year is stated or given by their DECL date."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: dict[str, list[tuple[int, int]]] = {}
        self.preambles: dict = {}  # filled by parse.year_hints: raw cable id -> (its text, its preamble fields)


def year_hints(entries: Iterable[tuple[str | None, int | None, list[tuple[int | None, str, int]]]]
               ) -> ArchiveYears:
    """What the archive says of years: `STATION+SERIAL` -> Counter of candidate years (and the anchors).

    Each entry is one cable: its own key (or None), its year when its text states it or its DECL date gives
    it (or None), and what its REF items cite as (year as written or None, station, serial). A cited cable
    gets the written year, or the citing cable's year when none is written; a citing cable whose year is
    unknown gets the year of the cable it cites without a year, when the archive knows that cable's year.
    """
    entries = list(entries)
    out = ArchiveYears()
    known: dict[str, Counter] = {}
    for key, year, _refs in entries:
        own = re.match(r"^([A-Z]+)(\d+)$", key or "")
        if own and year:
            known.setdefault(key, Counter())[year] += 1
            out.anchors.setdefault(own.group(1), []).append((int(own.group(2)), year))
    for key, year, refs in entries:
        own = re.match(r"^([A-Z]+)(\d+)$", key or "")
        for y, station, serial in refs:
            if y is None and own and own.group(1) == station and serial >= int(own.group(2)):
                continue  # serials grow through the year: a later serial without a year is not this year's
            cited_year = y if y is not None else year
            if cited_year:
                out.setdefault(_key(station, serial), Counter())[cited_year] += 1
            elif key and not year and _key(station, serial) in known:
                for ky, n in known[_key(station, serial)].items():
                    out.setdefault(key, Counter())[ky] += n
    for station in out.anchors:
        out.anchors[station].sort()
    return out


def key_of(cid: str) -> str | None:
    """Archive key of a canonical cable ID."""
    m = ids.CANONICAL_ID.match(cid)
    return _key(m.group(2), int(m.group(3))) if m else None
