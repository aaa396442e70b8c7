"""The first reading: one cable read alone against what the archive knows, candidates and open phrases."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..record import Entity
from . import gazetteer as gz
from .gazetteer import GENERIC, TITLES, Gazetteer, norm, wkey
from .knowledge import Knowledge
from .mentions import count_mentions, form_of
from .names import (
    ABBREV,
    MONTHS,
    NON_ACRONYM,
    NOT_NAME,
    PLACE_PREPS,
    PLURAL_ACRONYM,
    STRONG_TITLES,
    VOWEL,
    Cand,
    acronym_like,
    canonical_key,
    entities_of,
    initials_match,
    is_caps,
    is_full_name,
    prefer,
    title_case,
    trimmed,
)
from .tokens import PARTICLE_WORD, Tok, Vocab, marked_tokens, word_info

# --- extraction ----------------------------------------------------------------------------------------------

MAX_NAME_WORDS = 12  # `International Convention for the Suppression of the Financing of Terrorism` is 10
_ARTICLE_FIRST = frozenset("al el la le les the".split())  # a name opened by one is a paper or a party as often
_PLACE_KINDS = frozenset("villages towns cities areas districts provinces regions governorates".split())
_OFFICE = re.compile(r"^[A-Z]{1,6}(?:/[A-Za-z]{1,8})+$|^(?:ISN|EUR|NEA|SCA|EAP|WHA|AF|IO|PM|INR|DRL|EEB|VCI)$")
_BUREAU = re.compile(r"[A-Z]{2,5}/[A-Z]{2,5}|ISN|EUR|NEA|SCA|EAP|WHA|INR|DRL|EEB|VCI|INL|PRM|OES|ECA")  # `WHA/AND`:
# the State Department's bureaus and their offices, as cables name them
_GOV = re.compile(r"^G[Oo][A-Z]{1,3}$")  # `GOB`, `GONL`: the government of a country, in cable shorthand
_STYLE_TITLES = frozenset("sheikh shaikh shaykh sheik sayed sayyid king queen prince princess emir amir sultan "
                          "crown".split())  # styles used with a first name alone (`King Hamad`)
_NAME_END = frozenset("of for on the and".split())  # words that end a name after a title
_APPOSITION = frozenset("the a an who whose his her their its former then currently now head chief".split())
_LOC_AFTER = gz.LOC_WORDS - {"state", "base", "port", "coast"}  # `Kandahar province`
_ORG_AFTER = frozenset("party movement society bloc militia group faction".split())  # `Wifaq party`
_CAPS_US_NEXT = frozenset("government embassy officials official position policy policies forces troops side "
                          "delegation military ambassador and or congress navy army president citizens".split())


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


class Extractor:
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

    # mixed-case text
    def _mixed(self, toks: list[Tok], text: str, marks: list[int] | None = None) -> None:
        n = len(toks)
        nxt = 0  # a phrase is read once: the next one starts after it
        for i in range(n) if marks is None else marks:
            if i < nxt:
                continue
            t = toks[i]
            if t.shape != "cap" and t.shape != "upper":
                continue
            if i + 1 == n:
                lone = True
            else:
                u = toks[i + 1]
                lone = u.brk or u.shape == "num" or u.shape == "lower" and u.key not in gz.CONNECTORS
            if lone and t.key in GENERIC and t.key not in TITLES:
                continue  # `The`, `However`: a lone capital that opens a sentence
            j = i + 1 if lone else self._run_end(toks, i)  # nothing after it could join the phrase
            if j < n and toks[j].key in gz.CONNECTORS:
                j = max(j, self._known_end(toks, i))
            self._classify(toks, i, j, text)
            nxt = j

    def _place_lists(self, toks: list[Tok], marks: list[int]) -> None:
        """`in Sanabis, Jidhafs, Hamala, Sehla, ... and Diraz`, `the villages of Jid Hafs, Sanabis, Karzakan`: a
        list of three names or more after a place word names places (villages no data package knows)."""
        n = len(toks)
        for m in marks:  # a list starts with a capitalised word: only those are looked at
            i = m - 1
            if i < 0 or i >= n - 5:
                continue
            cue = toks[i].key
            if not (cue in ("in", "near") or cue == "of" and i and toks[i - 1].key in _PLACE_KINDS):
                continue
            items, j, final = [], i + 1, False
            while j < n and len(items) < 30:
                if items and toks[j].key == "and":
                    j, final = j + 1, True  # `..., and Diraz`: the last item
                k = j
                while k < n and k - j < 2 and toks[k].shape == "cap" and (k == j or not toks[k].brk) \
                        and toks[k].key not in NOT_NAME:
                    k += 1
                if k == j or (k < n and not toks[k].brk and toks[k].shape != "lower"):
                    break
                items.append(toks[j:k])
                if final or k >= n or toks[k].sent or not toks[k].brk and toks[k].key != "and":
                    break
                j = k
            if len(items) >= 3:
                for item in items:
                    key = tuple(t.key for t in item)
                    known = self.gaz.get(key)
                    if (not known or known.type == "LOC") and key not in self.cands:
                        self.add("LOC", [t.text for t in item])

    def _known_end(self, toks: list[Tok], i: int) -> int:
        """End of the longest known name starting at i, across small words (`Foreign and Commonwealth Office`)."""
        for ln in range(self.gaz.reach(toks, i), 2, -1):
            sub = toks[i:i + ln]
            if sub[-1].shape in ("cap", "upper") and not any(t.brk for t in sub[1:]) \
                    and self.gaz.get(tuple(t.key for t in sub)):
                return i + ln
        return i

    def _run_end(self, toks: list[Tok], i: int) -> int:
        """End (exclusive) of the capitalised phrase starting at i: `Ministry of Justice and Islamic Affairs`.

        A phrase stops at MAX_NAME_WORDS: a longer run of capitals is a list or a title line, read in pieces, and
        no phrase can make the later steps (mentions, prefixes) grow with the square of its length.
        """
        n = min(len(toks), i + MAX_NAME_WORDS)
        j = i + 1
        has_org = toks[i].key in gz.ORG_WORDS
        if toks[i].text.endswith(("'s", "’s")):
            return j
        while j < n and not toks[j].brk:
            t = toks[j]
            if t.key in MONTHS:
                break  # `PM Tony Blair August 12`: a date follows the name
            if t.shape in ("cap", "upper"):
                has_org = has_org or t.key in gz.ORG_WORDS
                j += 1
                if t.text.endswith(("'s", "’s")):
                    break
                continue
            if t.shape == "lower" and t.key in gz.CONNECTORS and t.key != "the" and j + 1 < n \
                    and not toks[j + 1].brk:
                nxt = toks[j + 1]
                if t.key == "and" and (not has_org or toks[j - 1].key in gz.ORG_WORDS or nxt.key == "the"):
                    break
                if nxt.shape in ("cap", "upper") or (nxt.key == "the" and j + 2 < n
                                                     and toks[j + 2].shape in ("cap", "upper")):
                    j += 2 if nxt.key != "the" else 3
                    has_org = has_org or toks[j - 1].key in gz.ORG_WORDS
                    continue
            break
        return j

    def _classify(self, toks: list[Tok], i: int, j: int, text: str) -> None:
        self._text = text
        run = toks[i:j]
        while run and (run[0].key in ("the", "a", "an") and not self._lookup(tuple(t.key for t in run), run) or (len(run) > 1 and run[0].sent
                                                             and run[0].key not in TITLES
                                                             and self._opener(run, toks, i))):
            run = run[1:]
            i += 1
        if not run:
            return
        if len(run) >= 3 and self._split(toks, i, i + len(run), text):
            return
        single = len(run) == 1  # most phrases: each check below that cannot hold for one word is skipped
        after = toks[j] if j < len(toks) else None
        gap_after = text[run[-1].end:after.start] if after else text[run[-1].end:]
        if "(" in gap_after and self._definition(run, gap_after, toks, j, text):
            return
        if (not single or i > 0 and not run[0].brk and toks[i - 1].key in gz.ROLE_WORDS) \
                and self._titled(run, toks, i):
            return
        key = (run[0].key,) if single else tuple(t.key for t in run)
        known = self._lookup(key, run)
        words = [run[0].text] if single else [t.text for t in run]
        if known:
            self.add(known.type, words, norm(known.name), person=known.type == "PER")
            return
        if not single and self._compound(run, words):
            return
        if after and not after.brk and after.shape == "lower" and (
                after.key in _LOC_AFTER or after.key in _ORG_AFTER) and len(run) <= 3 and self._namelike(run):
            if after.key in _LOC_AFTER:
                self.add("LOC", words)
                return
            if after.key in _ORG_AFTER:
                self.add("ORG", words)
                return
        if "," in gap_after and self._town_of(run, toks, j, gap_after):
            return
        if not single and self._partial(run):  # one word: its look-up above said all
            if len(run) >= 3:  # `Ambassador to the U.S. Houda Nonoo`: a name learned elsewhere may follow
                self.spans.append((tuple(t.key for t in run), tuple(t.text for t in run)))
            return
        if single and _BUREAU.fullmatch(run[0].text):
            self.add("ORG", words)
            return
        if single and acronym_like(run[0].text):
            if _GOV.match(run[0].text):
                self.add("ORG", words)
            else:  # an acronym another cable may define
                self.weak.append(((run[0].key,), (run[0].text,)))
            return
        if len(run) < 3:
            self._person(run, toks, i, j, gap_after)
            return
        before = (len(self.cands), len(self.weak))
        self._person(run, toks, i, j, gap_after)
        if (len(self.cands), len(self.weak)) == before:
            self.spans.append((tuple(t.key for t in run), tuple(t.text for t in run)))  # a name may hide inside

    def _split(self, toks: list[Tok], i: int, j: int, text: str) -> bool:
        """Two names run together, read as two: a body and an office in it (`Central Bank of Iran Vice Governor
        ... Mohammed Jaffar Mojarrad`), or a person and the body he is of (`Mykola Proskura of the Ministry for
        Emergency Situations`)."""
        run = toks[i:j]
        body_words = gz.ORG_WORDS | gz.LOC_WORDS
        for t in range(2, len(run) - 1):
            prev = run[t - 1].key
            if run[t].key in TITLES and prev not in gz.CONNECTORS and prev not in TITLES \
                    and any(x.key in body_words for x in run[:t]):
                self._classify(toks, i, i + t, text)
                self._classify(toks, i + t, j, text)
                return True
        for p in range(2, min(4, len(run) - 1)):
            if run[p].key != "of":
                continue
            head, tail = run[:p], run[p + 1:]
            if tail and tail[0].key == "the":
                tail = tail[1:]
            if tail and all(x.shape == "cap" for x in head) and self._namelike(head, strict=True) \
                    and not any(x.key in body_words for x in head) and any(x.key in gz.ORG_WORDS for x in tail):
                self._classify(toks, i, i + p, text)
                self._classify(toks, j - len(tail), j, text)
                return True
        return False

    def _compound(self, run: list[Tok], words: list[str]) -> bool:
        """A phrase its own words type: `Ministry of Interior`, `Kandahar Province`; an office or an event, left."""
        last = run[-1].key
        if len(run) >= 3 and run[0].key in STRONG_TITLES and run[1].key in ("of", "for"):
            return True  # `Minister of the Royal Court`: an office, not an organisation
        if last in gz.ORG_WORDS or any(
                t.key in gz.ORG_WORDS and u.key in ("of", "for", "on") for t, u in zip(run, run[1:])):
            self.add("ORG", words)
            return True
        if last in gz.LOC_WORDS:
            self.add("LOC", words)
            return True
        # `Vienna Convention on Civil Liability ...`: a law or an event, and no place or body inside it is named
        return last in gz.MISC_WORDS or any(
            t.key in gz.MISC_WORDS and u.key in ("of", "for", "on") for t, u in zip(run, run[1:]))

    def _opener(self, run: list[Tok], toks: list[Tok], i: int) -> bool:
        """True when the first word of a phrase is just the capital that opens a sentence (`During`, `Most`)."""
        if len(run) == 1:
            return False  # judged later as a lone word
        return self.vocab.common(run[0].key) and not self._lookup((run[0].key,), run)

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

    def _town_of(self, run: list[Tok], toks: list[Tok], j: int, gap_after: str) -> bool:
        """`Marietta, Georgia`: a town of the data package followed by its state or country."""
        if gap_after.strip() != "," or j >= len(toks) or len(run) > 3:
            return False
        place = gz.places().get(" ".join(t.key for t in run))
        if not place:
            return False
        for ln in (3, 2, 1):
            sub = toks[j:j + ln]
            if len(sub) == ln and not any(t.brk for t in sub[1:]):
                region = gz.places().get(" ".join(t.key for t in sub))
                if region and region.tier == gz.TIER_COUNTRY and sub[0].shape != "lower":
                    self.add("LOC", [t.text for t in run], norm(place.name))
                    return True
        return False

    def _partial(self, run: list[Tok]) -> bool:
        """Known names inside a longer phrase (`Bahrain TV`, `Dutch MFA`): the strong ones only."""
        found = False
        k = 0
        while k < len(run):
            for ln in range(self.gaz.reach(run, k), 0, -1):
                sub = run[k:k + ln]
                known = self._lookup(tuple(t.key for t in sub), sub)
                if known and (known.weight >= 2 or ln >= 2):
                    self.add(known.type, [t.text for t in sub], norm(known.name), person=known.type == "PER")
                    found = True
                    k += ln
                    break
            else:
                k += 1
        return found

    def _namelike(self, run: list[Tok], strict: bool = False, titled: bool = False) -> bool:
        """Words that can make up a personal name: capitalised, not cable vocabulary, not a known place.

        After a title a later word may be a demonym (`Director Phil French`, `Ambassador Paul English`)."""
        if not run or len(run) > 5:
            return False
        for n, t in enumerate(run):
            if titled and n and t.key in gz.DEMONYMS and t.shape == "cap":
                continue
            if not name_word(t.text) or t.shape == "upper" and not self._caps_surname(t):
                return False
        if strict and all(self.vocab.common(t.key) for t in run):
            return False
        if run[0].key in gz.NAME_PARTICLES and len(run) == 1:
            return False
        return True

    def _caps_surname(self, t: Tok) -> bool:
        """A word in capitals that reads as a surname (`KUSA`), not an acronym (`MFA`, `GONL`)."""
        w = t.text
        return (len(w) >= 4 and bool(VOWEL.search(w, 1)) and not _GOV.match(w)
                and w.upper() not in self.acronyms and w.upper() not in self.definitions
                and not self.gaz.get((t.key,)) and "/" not in w)

    def _titled(self, run: list[Tok], toks: list[Tok], i: int) -> bool:
        """`Ambassador Gene Cretz`, `PM/WRA Deputy Director Steven Costner`, `his deputy Andrew Ford`."""
        start = 0
        while start < min(3, len(run) - 1) and run[start].key not in TITLES:
            start += 1  # `PM/WRA`, `Treasury`, `Dutch` before the title
        if run[start].key not in TITLES:
            start = 0
        k = start
        while k < len(run) and (run[k].key in TITLES or run[k].key in ("d'affaires", "a.i")):
            k += 1
        titled = k > start and run[k - 1].key in STRONG_TITLES
        if not titled and i > 0 and not run[0].brk:
            prev = toks[i - 1]
            titled = prev.shape == "lower" and prev.key in gz.ROLE_WORDS and k == 0
        if not titled or k >= len(run):
            return False
        name = run[k:]
        cut = next((m for m, t in enumerate(name) if t.key in _NAME_END), len(name))
        rest, name = name[cut + 1:], name[:cut]
        while name and name[-1].key in gz.CONNECTORS:
            name = name[:-1]
        if not name and rest:
            name, rest = self._holder(rest), rest  # `Secretary of Defense Gates`: the holder ends the office
            if not name:
                return self._classify_rest(rest, toks, i)  # `Assistant Secretary for European Affairs ...`
            rest = rest[:len(rest) - len(name)]
        if not name or name[0].key in gz.CONNECTORS or not self._namelike(name, titled=True):
            return False
        if name[0].shape == "upper" and not self._caps_surname(name[0]):
            return False
        if len(name) == 1 and self.gaz.get((name[0].key,)):
            return False  # `Minister Bahrain`: a place, not a name
        words = [t.text for t in name]
        if all(t.shape == "upper" for t in name):
            words = title_case(words).split()
        key = self.add("PER", words, person=True)
        if key and len(name) == 1 and run[k - 1].key in _STYLE_TITLES:  # noqa: SIM102
            self.cands[key].styled = True
        if start:  # `USAID Deputy Assistant Administrator Mark Silverman`: the body before the office
            self._classify(toks, i, i + start, self._text)
        self._classify_rest(rest, toks, i)
        return True

    def _holder(self, office: list[Tok]) -> list[Tok]:
        """The name that ends an office (`Defense Steve Johnson`, `the Americas Tony Arias`), or nothing."""
        for ln in range(min(4, len(office) - 1), 0, -1):
            name = office[-ln:]
            if office[-ln - 1].key in gz.CONNECTORS or any(t.shape != "cap" for t in name):
                continue
            if self.gaz.get(tuple(t.key for t in name)) or not self._namelike(name, strict=True, titled=True):
                continue
            if self.vocab.common(name[0].key) and name[0].key not in self.given or ln == 1 and self.gaz.get(
                    (name[0].key,)):
                continue  # `National Intelligence Dennis Blair`: the office's words are prose, the name is not
            return name
        return []

    def _classify_rest(self, rest: list[Tok], toks: list[Tok], i: int) -> bool:
        """What follows a titled name (`... for the Interamerican Judicial Committee`) is read on its own."""
        while rest and rest[0].key in gz.CONNECTORS:
            rest = rest[1:]
        if rest:
            start = toks.index(rest[0], i)
            self._classify(toks, start, start + len(rest), self._text)
        return True

    def _definition(self, run: list[Tok], gap: str, toks: list[Tok], j: int, text: str) -> bool:
        """`Missile Technology Control Regime (MTCR)`: an organisation (or place) and its acronym."""
        if gap.strip() != "(" or j >= len(toks) or toks[j].shape not in ("upper", "cap"):
            return False
        acr = toks[j]
        close = text[acr.end:acr.end + 2].strip()
        if not close.startswith(")") or len(run) < 2:
            return False
        for start in range(len(run) - 1):
            if run[start].key not in gz.CONNECTORS and initials_match(acr.text, [t.text for t in run[start:]]):
                break
        else:
            return False
        if start:  # `Partners of the Missile Technology Control Regime (MTCR)`: the name is the tail
            head = run[:start]
            while head and head[-1].key in gz.CONNECTORS:
                head = head[:-1]
            if head:
                first = toks.index(head[0])
                self._classify(toks, first, first + len(head), text)
            run = run[start:]
        words = [t.text for t in run]
        if all(t.shape == "upper" for t in run):
            words = title_case(words).split()
        long = " ".join(words)
        known = self.gaz.get(norm(long))
        typ = known.type if known else _defined_type(long, run)
        if typ == "MISC":
            return True
        key = self.add(typ, long, norm(known.name) if known else None, person=False)
        if key:
            self.cands[key].aliases.add(acr.text)
            self.definitions[acr.text.upper()] = (typ, known.name if known else long)
        return True

    def _person(self, run: list[Tok], toks: list[Tok], i: int, j: int, gap_after: str) -> None:
        """A capitalised phrase with no known meaning becomes a person only with a cue around it."""
        if not self._namelike(run):
            return
        lead = 0
        while len(run) - lead > 2 and self.vocab.common(run[lead].key) and run[lead].key not in self.given \
                and run[lead].key not in gz.NAME_PARTICLES and run[lead + 1].key not in gz.NAME_PARTICLES:
            lead += 1  # `Financial Intelligence Stuart Levey`: the office's words run into the name
        if lead:
            run, i = run[lead:], i + lead
        words = [t.text for t in run]
        nxt = toks[j] if j < len(toks) else None
        multi = len(run) >= 2
        after_prep = i > 0 and toks[i - 1].key in PLACE_PREPS
        if multi and run[0].key in self.given and not self.vocab.common(run[0].key):
            self.add("PER", words, person=True)
        elif multi and gap_after.strip() == "," and nxt is not None and not after_prep and (
                nxt.key in _APPOSITION or nxt.key in gz.ROLE_WORDS or nxt.key in TITLES):
            self.add("PER", words, person=True)
        elif multi and gap_after.strip() == "(" and nxt is not None and nxt.shape == "upper" \
                and not initials_match(nxt.text, words) and nxt.text[0].lower() != words[0][0].lower():
            self.add("PER", words, person=True)
        elif nxt is not None and not nxt.brk and nxt.key in gz.SPEECH_VERBS and (
                multi and self._namelike(run, strict=True) and not self.vocab.common(run[-1].key)
                or not multi and not self.vocab.common(run[0].key) and len(run[0].key) >= 3) \
                and run[0].key not in _ARTICLE_FIRST:  # `Al Jazeera said`, `Le Monde said`; `Van Diepen said`
            self.add("PER", words, person=multi)
        elif multi and any(t.key in gz.NAME_PARTICLES or PARTICLE_WORD.match(t.text) for t in run[1:]) \
                and run[0].key not in gz.NAME_PARTICLES and self._namelike(run, strict=True) \
                and not after_prep and not (i > 0 and toks[i - 1].key == "the"):
            self.add("PER", words)
        elif multi and run[-1].shape == "upper" and all(t.shape == "cap" for t in run[:-1]):
            self.add("PER", words[:-1] + title_case([words[-1]]).split(), person=True)
        elif len(run) <= 4 and (multi and self._namelike(run, strict=True) or not multi and not run[0].sent
                                and run[0].shape == "cap" and not self.vocab.common(run[0].key)
                                and not (i > 0 and toks[i - 1].key == "the")):
            self.weak.append((tuple(t.key for t in run), tuple(t.text for t in run)))

    # text in capitals: known names, titled names, acronym definitions
    def _caps(self, toks: list[Tok], text: str) -> None:
        n = len(toks)
        i = 0
        while i < n:
            if toks[i].key in TITLES:
                j = self._caps_titled(toks, i)
                if j > i:
                    i = j
                    continue
            matched = self._caps_known(toks, i)
            if matched:
                i = matched
                continue
            i += 1
        self._caps_definitions(toks, text)

    def _caps_titled(self, toks: list[Tok], i: int) -> int:
        if i > 0 and toks[i - 1].key in ("the", "a", "an", "his", "her", "our", "their", "its") \
                and not toks[i].brk:
            return i  # `THE AMBASSADOR SAID`: a reference, not a name
        k = i
        while k < len(toks) and toks[k].key in TITLES and (k == i or not toks[k].brk):
            k += 1
        if toks[k - 1].key not in STRONG_TITLES or k >= len(toks) or toks[k].brk:
            return i
        name: list[Tok] = []
        while k < len(toks) and len(name) < 3 and (not name or not toks[k].brk):
            t = toks[k]
            if t.shape == "num" or t.key in TITLES or t.key in gz.SPEECH_VERBS or t.key in gz.DEMONYMS or (
                    t.key not in gz.NAME_PARTICLES and self._prose(t.key)):
                break
            if (self.gaz.get((t.key,)) and t.key not in gz.NAME_PARTICLES) or t.key in gz.ORG_WORDS \
                    or len(t.key) < 2:
                break
            name.append(t)
            k += 1
        while name and name[-1].key in gz.NAME_PARTICLES:
            name.pop()
            k -= 1
        if not name or (len(name) == 1 and len(name[0].key) < 3):
            return i
        self.add("PER", title_case([t.text for t in name]), person=True)
        return k

    def _caps_known(self, toks: list[Tok], i: int) -> int:
        for ln in range(self.gaz.reach(toks, i), 0, -1):
            sub = toks[i:i + ln]
            if any(t.brk for t in sub[1:]):
                continue
            key = tuple(t.key for t in sub)
            known = self.gaz.get(key)
            if not known and ln == 1 and key[0].upper() in self.acronyms:
                known = gz.Known(*self.acronyms[key[0].upper()], 2)
            if not known:
                continue
            if ln == 1 and not self._caps_single_ok(known, toks, i):
                continue
            words = [t.text for t in sub]
            form = " ".join(words) if known.name.isupper() or ABBREV.match(words[0].rstrip(".")) \
                else title_case(words)
            self.add(known.type, form, norm(known.name), person=known.type == "PER")
            return i + ln
        return 0

    def _prose(self, key: str) -> bool:
        """A word of prose, or a form of one (`concedes`, `stressed`): never taken for a name in capitals."""
        low = self.vocab.lower
        if self.vocab.common(key) or low[key]:
            return True
        for suffix in ("s", "es", "ed", "d", "ing"):
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                stem = key[:-len(suffix)]
                if low[stem] or low[stem + "e"] or stem in GENERIC:
                    return True
        return False

    def _caps_single_ok(self, known: gz.Known, toks: list[Tok], i: int) -> bool:
        """One word in capitals: a country, a known acronym, or a known name that is not an ordinary word."""
        t = toks[i]
        if t.key == "us":
            prev = toks[i - 1].key if i else ""
            nxt = toks[i + 1].key if i + 1 < len(toks) else ""
            return prev == "the" or nxt in _CAPS_US_NEXT
        if known.type == "LOC" and known.weight >= 2:
            return True
        if known.type == "LOC":
            return self.vocab.cap[t.key] > 0 and not self._prose(t.key)  # seen as a name in mixed case
        return not self.vocab.common(t.key) and len(t.key) >= 2

    def _caps_definitions(self, toks: list[Tok], text: str) -> None:
        for j in range(1, len(toks)):
            acr = toks[j]
            if text[toks[j - 1].end:acr.start].strip() != "(" or not text[acr.end:acr.end + 1] == ")":
                continue
            letters = re.sub(r"[^A-Za-z]", "", acr.text)
            for ln in range(min(len(letters) + 3, j), 1, -1):
                run = toks[j - ln:j]
                if any(t.brk for t in run[1:]) or run[0].key in gz.CONNECTORS:
                    continue
                if initials_match(acr.text, [t.text for t in run], exact_start=True):
                    long = title_case([t.text for t in run])
                    known = self.gaz.get(norm(long))
                    typ = known.type if known else _defined_type(long, run)
                    if typ != "MISC":
                        key = self.add(typ, long, norm(known.name) if known else None)
                        if key:
                            self.cands[key].aliases.add(acr.text)
                            self.definitions[acr.text.upper()] = (typ, known.name if known else long)
                    break

    # the Classified-by line and the signature
    def _people_lines(self, cable) -> None:
        name = person_of_line(cable.classified_by or "")
        if name:
            self.add("PER", name, person=len(name.split()) >= 2)
        sig = (cable.signer or "").strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z'\-]{2,}", sig) and not re.fullmatch(r"X+|N+", sig, re.I) \
                and sig.lower() not in GENERIC and not self.gaz.get((sig.lower(),)):
            self.add("PER", title_case([sig]) if sig.isupper() else sig)


@functools.lru_cache(maxsize=50_000)
def name_word(w: str) -> bool:
    """What a word alone says of being part of a personal name (words in capitals are judged per cable too)."""
    key, shape = word_info(w)
    if shape == "lower" and key not in gz.NAME_PARTICLES:
        return False
    if key in NOT_NAME or (key[-1:] == "s" and key[:-1] in TITLES):
        return False
    return not (shape == "num" or PLURAL_ACRONYM.fullmatch(w) or NON_ACRONYM.search(w))  # `NGOs`, `Non-NATO`


_CB_CUT = re.compile(r"\s*(?:,|;|\(|\bfor\b|\breasons?\b|\brea\s?sons\b|\bper\b|\b1\.\d|\bE\.?O\.?\b|$)", re.I)


def person_of_line(line: str) -> str | None:
    """The name in a `Classified By:` line: `ISN Acting DAS Ambassador Donald A. Mahley` -> `Donald A. Mahley`."""
    s = re.sub(r"^\s*classi\w*\s+by\s*:?\s*", "", line, flags=re.I)
    s = s[:_CB_CUT.search(s).start()]
    toks = s.split()
    while toks and (wkey(toks[0]) in TITLES or _OFFICE.match(toks[0]) or wkey(toks[0]) in _LINE_WORDS
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


def _defined_type(long: str, run: list[Tok]) -> str:
    """The type of a long form an acronym is defined for: a place (`Uttar Pradesh (UP)`), an event, or a body."""
    if " ".join(norm(long)) in gz.places():
        return "LOC"
    return "MISC" if run[-1].key in gz.MISC_WORDS else "ORG"


def _line_segments(cable) -> list[tuple[str, bool]]:
    out = []
    if cable.classified_by:
        out.append((cable.classified_by, False))
    if cable.signer:
        out.append((cable.signer, True))
    return out
