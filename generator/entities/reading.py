"""The first reading: one cable read alone against what the archive knows, candidates and open phrases."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..record import Entity
from . import gazetteer as gz
from .capitals import Capitals
from .cues import (
    OFFICE,
)
from .gazetteer import GENERIC, TITLES, Gazetteer, wkey
from .knowledge import Knowledge
from .mentions import count_mentions, form_of
from .names import (
    NOT_NAME,
    Cand,
    acronym_like,
    canonical_key,
    entities_of,
    is_caps,
    is_full_name,
    prefer,
    title_case,
    trimmed,
)
from .people import People
from .phrases import Phrases
from .tokens import Tok, Vocab, marked_tokens

# --- extraction ----------------------------------------------------------------------------------------------



@dataclass(frozen=True)
class Reading:
    """What the first reading keeps of one cable: a few bytes, never its words."""

    entities: tuple[Entity, ...]
    weak: tuple  # open phrases: (key, words as written), decided at the second reading
    definitions: tuple[tuple[str, str, str], ...]  # (acronym, type, long form) defined in the text
    people: tuple[tuple[tuple[str, ...], str], ...]  # (key, full name) of people named with a cue
    spans: tuple = ()  # undecided phrases of 3 words or more, where a name learned elsewhere may stand
    words: tuple = ()  # (word as written, count, after a place word, alone, cued): capitalised words no mention claimed
    titled: tuple[str, ...] = ()  # surnames named alone with a person cue (`Interior Minister Remkes`)


class Extractor(Phrases, People, Capitals):
    """Finds people, organisations and places in the text of one cable, without a model."""

    def __init__(self, gaz: Gazetteer, vocab: Vocab, given: set[str] | None = None,
                 acronyms: dict[str, tuple[str, str]] | None = None):
        self.gaz = gaz
        self.vocab = vocab
        self.given = given or set()
        self.acronyms = acronyms or {}  # acronym -> (type, long name), from definitions in the archive
        self.definitions: dict[str, tuple[str, str]] = {}
        self.cands: dict[tuple[str, ...], Cand] = {}
        self.weak: list[tuple[tuple[str, ...], tuple[str, ...]]] = []  # name-like phrases with no cue yet
        self.spans: list[tuple[tuple[str, ...], tuple[str, ...]]] = []  # undecided phrases of 3 words or more
        self.towns: set[str] = set()
        self._text = ""  # the text of the segment being read (what `_classify_rest` reads on)

    # the parts of a cable that are read
    @staticmethod
    def segments(cable) -> list[tuple[str, bool]]:
        """(text, written in capitals or as a heading) for the subject, headings and paragraphs."""
        out: list[tuple[str, bool]] = []
        if cable.subject:
            out.append((cable.subject, True))
        seen_heading = set()
        for p in cable.paragraphs:
            if p.heading and p.heading not in seen_heading:
                seen_heading.add(p.heading)
                out.append((p.heading, True))
            if p.text:
                out.append((p.text, is_caps(p.text)))
        return out

    def run(self, cable) -> Reading:
        """The first reading of one cable: its entities, open phrases and what it teaches the archive."""
        self.cands = {}
        self.weak = []
        self.spans = []
        self.definitions = {}
        iso = gz.fips_to_iso()
        self.towns = {iso[t] for t in cable.tags if t in iso}
        body = self.segments(cable)
        segs = [(*marked_tokens(text), text, caps) for text, caps in body + _line_segments(cable)]
        for toks, marks, text, caps in segs[:len(body)]:
            if caps:
                self._caps(toks, text)
            else:
                self._mixed(toks, text, marks)
                self._place_lists(toks, marks)
        self._people_lines(cable)
        groups, words = count_mentions(segs, self.cands, self._open_word)  # words dropped: only counts kept
        people = tuple((key, prefer(c.forms)) for key, c in self.cands.items()
                       if c.person and is_full_name(key) and key in groups)
        titled = tuple(sorted(key[0] for key, c in self.cands.items() if c.person and len(key) == 1 and key in groups))
        definitions = tuple((a, typ, long) for a, (typ, long) in self.definitions.items())
        return Reading(entities_of(groups), tuple(self.weak), definitions, people, tuple(self.spans),
                       words, titled)

    def _open_word(self, key: str, caps: bool) -> bool:
        """A word no candidate claimed that may yet be a surname named elsewhere: kept (counted) for pass two."""
        if len(key) < 3 or key in NOT_NAME or key in TITLES or self.vocab.common(key):
            return False
        return not caps or not self._prose(key)

    # recording
    def add(self, typ: str, words: list[str] | str, key: tuple[str, ...] | None = None,
            person: bool = False) -> tuple[str, ...] | None:
        form = form_of(trimmed(typ, words if isinstance(words, str) else " ".join(words)))
        if not form:
            return None
        k = key or canonical_key(typ, form)
        c = self.cands.get(k)
        if c is None:
            c = self.cands[k] = Cand()
        c.types[typ] += 1
        c.forms[form] += 0  # counted later, in the cable's text
        c.person = c.person or person
        return k









    def _lookup(self, key: tuple[str, ...], run: list[Tok]) -> gz.Known | None:
        """What the gazetteer (or the text's own acronyms, or a town of a tagged country) says a phrase is."""
        if len(key) == 1 and (self.definitions or self.acronyms):
            acr = key[0].upper()
            if acr in self.definitions and acronym_like(run[0].text):
                typ, long = self.definitions[acr]
                return gz.Known(typ, long, 3)
            if acr in self.acronyms and acronym_like(run[0].text):
                typ, long = self.acronyms[acr]
                return gz.Known(typ, long, 2)
        known = self.gaz.table.get(key)
        if known:
            if run[0].shape == "lower":
                return None
            if len(key) == 1 and known.name.isupper() and run[0].shape != "upper":
                return None  # an acronym (`AU`) only matches when written in capitals
            return known
        place = gz.places().get(" ".join(key)) if self.towns and len(key) <= 4 else None
        if place and place.tier == gz.TIER_TOWN and place.country in self.towns:
            return gz.Known("LOC", place.name, 1)
        return None
















    # the Classified-by line and the signature
    def _people_lines(self, cable) -> None:
        name = person_of_line(cable.classified_by or "")
        if name:
            self.add("PER", name, person=len(name.split()) >= 2)
        sig = (cable.signer or "").strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z'\-]{2,}", sig) and not re.fullmatch(r"X+|N+", sig, re.I) \
                and sig.lower() not in GENERIC and not self.gaz.get((sig.lower(),)):
            self.add("PER", title_case([sig]) if sig.isupper() else sig)




_CB_CUT = re.compile(r"\s*(?:,|;|\(|\bfor\b|\breasons?\b|\brea\s?sons\b|\bper\b|\b1\.\d|\bE\.?O\.?\b|$)", re.I)


def person_of_line(line: str) -> str | None:
    """The name in a `Classified By:` line: `ISN Acting DAS Ambassador Donald A. Mahley` -> `Donald A. Mahley`."""
    s = re.sub(r"^\s*classi\w*\s+by\s*:?\s*", "", line, flags=re.I)
    s = s[:_CB_CUT.search(s).start()]
    toks = s.split()
    while toks and (wkey(toks[0]) in TITLES or OFFICE.match(toks[0]) or wkey(toks[0]) in _LINE_WORDS
                    or (len(toks) > 1 and toks[0].isupper() and wkey(toks[1]) in TITLES)):
        toks = toks[1:]
    name: list[str] = []
    for w in toks:
        k = wkey(w)
        if re.fullmatch(r"[A-Z]\.?", w) and name:
            name.append(w)
            continue
        if k in TITLES or k in _LINE_WORDS or k in GENERIC or not re.fullmatch(r"[A-Za-z][A-Za-z'.\-]*", w):
            break
        name.append(w)
    while name and len(name[-1].rstrip(".")) <= 1:
        name.pop()
    if not name or len(name[-1]) < 3 or len(name) > 4:
        return None
    return title_case(name) if all(w.isupper() or len(w) <= 2 for w in name) else " ".join(name)


_LINE_WORDS = frozenset("political economic economics legal public affairs management consular regional "
                        "security officer office counselor counsellor section chief mission charge d'affaires "
                        "a.i a.i. ai of the by former acting".split())


def first_reading(cable, k: Knowledge) -> Reading | None:
    """One cable read alone against the Knowledge; None for a cable that carries its own entities."""
    if cable.entities:
        return None
    return Extractor(k.gaz, k.vocab, k.given).run(cable)  # the knowledge is read only: not copied per cable




def _line_segments(cable) -> list[tuple[str, bool]]:
    out = []
    if cable.classified_by:
        out.append((cable.classified_by, False))
    if cable.signer:
        out.append((cable.signer, True))
    return out
