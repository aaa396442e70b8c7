"""Named entities: annotations cleaned, entities extracted from plain text, and one archive-wide merge.

`from_annotations` serves the parser (annotated cables); `enrich` runs once over the whole archive before
rendering: it extracts entities for cables that carry none, then gives every entity one type, one canonical
name and its aliases across all cables. Everything is linear in the size of the archive (dict look-ups, no
pairwise comparison of cables or entities).
"""
from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import NamedTuple

from . import gazetteer as gz
from .gazetteer import GENERIC, TITLES, Gazetteer, norm, wkey
from .record import Entity

TYPES = ("PER", "ORG", "LOC", "MISC")
_counter = functools.partial(Counter.__new__, Counter)  # an empty Counter made in C (its __init__ is Python)

# --- annotation cleaning -------------------------------------------------------------------------------------

_JUNK = re.compile(r"^(?:DECL:?|E\.?O\.?|TAGS?:?|SUBJECT:?|REF:?|REFTEL|SIPDIS|NOFORN|[\W\d_]+)$", re.I)
_LOWER_OK = gz.CONNECTORS | {"and", "of", "the", "on", "for", "in", "to", "y", "e"}
_ABBREV = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # `U.S` as the tokenizer left it: the final dot was cut


def clean_span(name: str) -> str | None:
    """An annotated span trimmed of punctuation, or None when it is junk (`DECL:`, a clause, a symbol)."""
    s = re.sub(r"\s+", " ", name).strip(" \t,;:()[]{}\"'“”‘’-")
    s = re.sub(r"\s*['’]s$", "", s)
    if not _ABBREV.match(s.rstrip(".")):
        s = s.rstrip(". ")
    elif not s.endswith("."):
        s += "."
    if not s or _JUNK.match(s) or len(s) > 80 or not re.search(r"[A-Za-z]{2}|[A-Z]\.", s):
        return None
    words = s.split()
    if any(w[0].islower() and w.lower() not in _LOWER_OK and not re.match(r"(?:al|el|bin|ibn|abu|ul)-", w)
           for w in words[1:]):
        return None  # a clause: `Department envisions`, `Department concurs with Post`
    if words[0][0].islower() and not re.match(r"(?:al|el)[- ]", s):
        return None
    if re.search(r"[\w.]-[a-z]", s) and not re.search(r"\b(?:al|el|bin|ibn|abu|ul)-[a-z]", s, re.I):
        return None  # `U.S.-proposed`, `CCM-excluded`: adjectives made from a name
    if len(words) == 1 and s.lower() in GENERIC:
        return None  # `Post`, `Agreement`, `Ministers`: common nouns the tagger took for names
    if " and " in s and any(len(p.split()) == 1 and p.lower() in GENERIC for p in s.split(" and ")):
        return None  # `Department and DoD`: two names run together
    return s


def _place_prefix(name: str) -> str:
    """A place span that ran on into the next words (`United Kingdom Foreign`) cut back to the known place."""
    words = name.split()
    places = gz.places()
    if " ".join(norm(name)) in places:
        return name
    for k in range(len(words) - 1, 0, -1):
        if " ".join(norm(" ".join(words[:k]))) in places:
            return " ".join(words[:k])
    return name


def _prefer(names: Counter) -> str:
    """The display form among variants: mixed case over all capitals, then the most frequent, then the longest."""
    if len(names) == 1:
        return next(iter(names))
    return sorted(names, key=lambda n: (n.isupper() and len(n) > 5 and " " not in n[:6] and not n.isalpha()
                                        or n.isupper() and len(n) > 5, -names[n], -len(n), n))[0]


def _full_name(forms: Counter) -> str:
    """A person's display name: the fullest form, in mixed case when the archive has one."""
    best = next(iter(forms)) if len(forms) == 1 else \
        sorted(forms, key=lambda f: (-len(f.split()), f.isupper(), -forms[f], f))[0]
    return _title_case(best.split()) if best.isupper() and len(best) > 3 else best


@functools.lru_cache(maxsize=500_000)
def _canonical_key(typ: str, name: str) -> tuple[str, ...]:
    """The identity of a name: countries and known organisations under one name, others as written."""
    key = norm(name)
    if typ == "PER" and len(key) >= 3:
        return tuple(w for w in key if len(w) > 1) or key  # `Clifford M. Sobel` is `Clifford Sobel`
    if typ in ("LOC", "ORG", "MISC"):
        place = gz.places().get(" ".join(key))
        if place and place.tier == gz.TIER_COUNTRY and (typ == "LOC" or name.isupper()):
            return norm(place.name)
        known = gz.base_gazetteer().get(key)
        if known and known.type == "ORG" and typ == "ORG":
            return norm(known.name)
    return key


def from_annotations(spans: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> tuple[Entity, ...]:
    """Entities of one annotated cable: junk rejected, case variants and surname-only mentions merged."""
    groups: dict[tuple[str, ...], _Group] = {}
    for typ, raw in spans:
        name = clean_span(raw)
        if not name or typ not in TYPES:
            continue
        if typ == "LOC":
            name = _place_prefix(name)
        key = _canonical_key(typ, name)
        groups.setdefault(key, _Group()).add(typ, name)
    _merge_surnames(groups)
    return tuple(sorted((g.entity() for g in groups.values()), key=lambda e: (e.type, e.name.lower(), e.name)))


def annotation_notes(spans: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> list[str]:
    """What cleaning did to one cable's annotations, for the build report: spans rejected, types overruled."""
    notes = []
    groups: dict[tuple[str, ...], _Group] = {}
    for typ, raw in spans:
        name = clean_span(raw)
        if not name or typ not in TYPES:
            notes.append(f"annotation [{typ} {raw.strip()}] rejected")
            continue
        if typ == "LOC":
            name = _place_prefix(name)
        groups.setdefault(_canonical_key(typ, name), _Group()).add(typ, name)
    notes += _merge_surnames(groups)
    for g in groups.values():
        if len(g.types) > 1:
            e = g.entity()
            tally = ", ".join(f"{t} {n}" for t, n in sorted(g.types.items(), key=lambda kv: (-kv[1], kv[0])))
            notes.append(f"annotation '{e.name}' tagged {tally}; kept {e.type}")
    return sorted(dict.fromkeys(notes))


def merged_types(entities: list[Entity]) -> dict[str, str]:
    """One type per entity name across many cables, by the weight of its mentions."""
    weight: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        weight[e.name.lower()][e.type] += e.count
    return {k: sorted(c, key=lambda t: (-c[t], t))[0] for k, c in weight.items()}


@dataclass
class _Group:
    """The mentions of one entity in one cable: type votes and the forms it was written in."""

    types: Counter = field(default_factory=_counter)
    forms: Counter = field(default_factory=_counter)
    person: bool = False  # a full name with person evidence: it keeps the PER type when surnames join it

    def add(self, typ: str, form: str, n: int = 1) -> None:
        self.types[typ] += n
        self.forms[form] += n

    def absorb(self, other: _Group, as_type: str | None = None) -> None:
        for t, n in other.types.items():
            self.types[as_type or t] += n
        self.forms.update(other.forms)

    def type(self) -> str:
        if self.person:
            return "PER"
        return _decide(self.types, self.forms)

    def entity(self) -> Entity:
        typ = self.type()
        name = _full_name(self.forms) if typ == "PER" else _prefer(self.forms)
        longer = [f for f in self.forms if " " in f and not f.isupper()]
        if typ == "ORG" and _acronym_like(name) and longer:
            name = _prefer(Counter({f: self.forms[f] for f in longer}))  # the long form the acronym stands for
        if typ == "LOC":
            place = gz.places().get(" ".join(norm(name)))
            name = place.name if place else name
        if name.isupper() and (typ == "LOC" or " " in name) and not _ABBREV.match(name.rstrip(".")):
            name = _title_case(name.split())
        aliases = tuple(sorted(f for f in self.forms if f != name))
        return Entity(typ, name, aliases, sum(self.forms.values()))


def _surname_keys(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The short forms a full name is also written in: the last word, and `al Ghoraifi`-style endings."""
    out = [key[-1:]]
    if len(key) >= 3 and key[-2] in gz.NAME_PARTICLES:
        out.append(key[-2:])
    if key[-1].startswith(("al-", "el-")) and len(key[-1]) > 4:
        out.append((key[-1][3:],))
    return out


def _merge_surnames(groups: dict[tuple[str, ...], _Group]) -> list[str]:
    """Fold short mentions (`Costner`, `Pickard`) into the one full personal name in the cable they end."""
    full: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key, g in groups.items():
        if len(key) >= 2 and g.type() == "PER":
            for s in _surname_keys(key):
                full[s].append(key)
    notes = []
    for short, owners in sorted(full.items()):
        if short not in groups or short in owners:
            continue
        if len(owners) != 1:
            notes.append(f"'{' '.join(short)}' may be any of {len(owners)} people; left apart")
            continue
        target = groups[owners[0]]
        target.person = True
        moved = groups.pop(short)
        if set(moved.types) != {"PER"}:
            tally = ", ".join(f"{t} {n}" for t, n in sorted(moved.types.items(), key=lambda kv: (-kv[1], kv[0])))
            notes.append(f"annotation '{_prefer(moved.forms)}' tagged {tally}; joins PER '{_full_name(target.forms)}'")
        target.absorb(moved, as_type="PER")
    return notes


# --- tokens --------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_](?:[\w'’\-/&]*[^\W_])?")
_DOTTED = frozenset("mr mrs ms dr st gen lt col maj brig adm capt cdr sgt prof rep sen amb gov jr sr no".split())
_SENT_END = re.compile(r"[.!?:;\"“”(\[]|--|\n\s*\n|^\s*-\s")
_PARTICLE_WORD = re.compile(r"^(?:al|el|bin|ibn|abu|ul|ad|as|ash|az)-[A-Z]", re.I)


class Tok(NamedTuple):
    """One word of a text: its form, lookup key, place, shape (cap/upper/lower/num), and what precedes it."""

    text: str
    key: str
    start: int
    end: int
    shape: str
    brk: bool  # punctuation stands between it and the previous word
    sent: bool  # it opens a sentence (or a parenthesis, a list item)


_new_tok = tuple.__new__  # Tok's fields in one C call: tokens are made by the hundred thousand


def _shape(w: str) -> str:
    c0 = w[0]
    if c0.islower():
        if _PARTICLE_WORD.match(w):
            return "cap"
        return "lower"
    if c0.isdigit():
        return "upper" if w.isupper() and sum(c.isalpha() for c in w) >= 2 else "num" if not any(
            c.isalpha() for c in w) else "lower"
    if "-" in w and w.rsplit("-", 1)[1][:1].islower():
        return "lower"  # `USG-funded`: an adjective, not a name
    if w.isupper() and len(w) >= 2 and (len(w) > 2 or w[1].isalpha()):
        return "upper"
    return "cap"


_ENDS = r"(?![\w'’\-/&.])"  # a word ends here as _TOKEN would end it (and is no `e.g.`-style abbreviation)
_GAP_TOKEN = re.compile(  # the words _TOKEN finds, found faster: plain lower case (its own group), `Embassy`, others
    r"([\W_]*+)(?:([a-z]++)" + _ENDS + r"|([A-Z][a-z]*+" + _ENDS + "|" + _TOKEN.pattern + "))")


@functools.lru_cache(maxsize=200_000)
def _word(w: str) -> tuple[str, str]:
    """Lookup key and shape of a word (cached: the same names recur across the archive)."""
    return wkey(w), _shape(w)


def tokenize(text: str) -> list[Tok]:
    """The words of a text with their shapes and the breaks between them."""
    return _tokens(text)[0]


def _tokens(text: str) -> tuple[list[Tok], list[int]]:
    """The words of a text, and where the words not in lower case are (the few that every scan starts from)."""
    toks: list[Tok] = []
    marks: list[int] = []
    append = toks.append
    found = _GAP_TOKEN.findall(text)
    if not found:
        return toks, marks
    gap, lw, w = found[0]
    w = lw or w
    key, shape = _word(w)
    pos = len(gap) + len(w)
    last = _new_tok(Tok, (w, key, len(gap), pos, shape, False, True))
    append(last)
    if shape != "lower":
        marks.append(0)
    sent_end = _SENT_END.search
    word = _word
    for gap, lw, w in islice(found, 1, None):  # one pass per word of the archive: kept lean
        if lw and gap == " ":  # most words: lower case, one space before
            start = pos + 1
            pos = start + len(lw)
            last = _new_tok(Tok, (lw, lw, start, pos, "lower", False, False))
            append(last)
            continue
        if lw:
            w = key = lw
            shape = "lower"
        else:
            key, shape = word(w)
            if shape != "lower":
                marks.append(len(toks))
        start = pos + len(gap)
        pos = start + len(w)
        if gap == " ":
            brk = sent = False
        else:
            g = gap.strip()
            if g == "." and ((len(last[0]) == 1 and last[0].isupper()) or last[1] in _DOTTED):
                g = ""  # `Donald A. Mahley`, `Mr. Smith`: the dot ends an abbreviation, not a sentence
            brk = bool(g)
            sent = bool(sent_end(gap)) if (brk or "\n" in gap) else False
            if brk and last[4] == "num":
                sent = True
        last = _new_tok(Tok, (w, key, start, pos, shape, brk, sent))
        append(last)
    return toks, marks


_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # letters counted in C, not as regex runs
_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def _is_caps(text: str) -> bool:
    """True when a text is written in capitals throughout (older cables, subjects)."""
    ascii_ = text.encode("ascii", "ignore")  # the letters counted are ASCII: bytes.translate is a table look-up
    up = len(ascii_) - len(ascii_.translate(None, _UPPER))
    low = len(ascii_) - len(ascii_.translate(None, _LOWER))
    return up + low >= 8 and up > 0.7 * (up + low)


def _title_case(words: list[str]) -> str:
    """`VAN AARTSEN` -> `Van Aartsen`, `AL-QADHAFI` -> `Al-Qadhafi`: names read from text in capitals."""
    def one(w: str) -> str:
        if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", w):
            return w
        if w.lower() in ("of", "and", "the", "for", "on", "in") and words and w is not words[0]:
            return w.lower()
        return re.sub(r"[A-Za-z]+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), w)
    return " ".join(one(w) for w in words)


# --- what the archive's own text says about words ------------------------------------------------------------

_VOCAB_LOWER = re.compile(r"(?<![\w'’.\-/])[a-z][a-z'’]*(?![\w\-/])")
_VOCAB_CAP = re.compile(r"[A-Z](?<=[a-z0-9,] [A-Z])[a-z'’]+(?![\w\-/])")  # the capital first: a fast scan


@dataclass
class Vocab:
    """How often each word is written in lower case and capitalised mid-sentence across the archive."""

    lower: Counter = field(default_factory=Counter)
    cap: Counter = field(default_factory=Counter)

    def learn(self, text: str) -> None:
        text = text.replace("’", "'")  # both patterns treat the two apostrophes alike
        self.lower.update(_VOCAB_LOWER.findall(text))
        caps = _VOCAB_CAP.findall(text)
        if caps:
            self.cap.update(" ".join(caps).lower().split(" "))

    def common(self, key: str) -> bool:
        """A word of ordinary prose (`post`, `visit`), not a name, judged by how the archive writes it."""
        if key in GENERIC:
            return True
        low = self.lower[key]
        return low >= 2 and low * 2 >= self.cap[key]


# --- extraction ----------------------------------------------------------------------------------------------

_STRONG_TITLES = TITLES - frozenset("""foreign prime interior defense defence finance justice economy trade labor
labour health education vice deputy under assistant special general senior acting principal executive chief head
grand crown field""".split()) | {"general"}
_OFFICE = re.compile(r"^[A-Z]{1,6}(?:/[A-Za-z]{1,8})+$|^(?:ISN|EUR|NEA|SCA|EAP|WHA|AF|IO|PM|INR|DRL|EEB|VCI)$")
_GOV = re.compile(r"^G[Oo][A-Z]{1,3}$")  # `GOB`, `GONL`: the government of a country, in cable shorthand
_STYLE_TITLES = frozenset("sheikh shaikh shaykh sheik sayed sayyid king queen prince princess emir amir sultan "
                          "crown".split())  # styles used with a first name alone (`King Hamad`)
_NAME_END = frozenset("of for on the and".split())  # words that end a name after a title
_PLACE_PREPS = frozenset("in from to near at outside inside into across via".split())
_APPOSITION = frozenset("the a an who whose his her their its former then currently now head chief".split())
_LOC_AFTER = gz.LOC_WORDS - {"state", "base", "port", "coast"}  # `Kandahar province`
_ORG_AFTER = frozenset("party movement society bloc militia group faction".split())  # `Wifaq party`
_NOT_NAME = GENERIC | gz.ORG_WORDS | gz.LOC_WORDS | gz.MISC_WORDS | _STRONG_TITLES | gz.DEMONYMS  # one look-up
_CAPS_US_NEXT = frozenset("government embassy officials official position policy policies forces troops side "
                          "delegation military ambassador and or congress navy army president citizens".split())


@dataclass
class Cand:
    """An entity found in one cable: type votes, forms as written, and whether a person cue backed it."""

    types: Counter = field(default_factory=_counter)
    forms: Counter = field(default_factory=_counter)
    person: bool = False
    aliases: set = field(default_factory=set)  # acronyms defined for it in the text
    styled: bool = False  # a first name after a style (`Sheikh Ahmed`): may stand for a full name


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
                out.append((p.text, _is_caps(p.text)))
        return out

    def run(self, cable) -> dict[tuple[str, ...], Cand]:
        """Candidates of one cable, keyed by canonical word tuple."""
        self.cands = {}
        self.weak = []
        self.spans = []
        self.definitions = {}
        iso = gz.fips_to_iso()
        self.towns = {iso[t] for t in cable.tags if t in iso}
        body = self.segments(cable)
        segs = [(*_tokens(text), text, caps) for text, caps in body + _line_segments(cable)]
        for toks, marks, text, caps in segs[:len(body)]:
            if caps:
                self._caps(toks, text)
            else:
                self._mixed(toks, text, marks)
        self._people_lines(cable)
        self.groups, self.open = _count(segs, self.cands, self._open_word)  # words dropped: only counts kept
        return self.cands

    def _open_word(self, key: str, caps: bool) -> bool:
        """A word no candidate claimed that may yet be a surname named elsewhere: kept (counted) for pass two."""
        if len(key) < 3 or key in _NOT_NAME or self.vocab.common(key):
            return False
        return not caps or not self._prose(key)

    # recording
    def add(self, typ: str, words: list[str] | str, key: tuple[str, ...] | None = None,
            person: bool = False) -> tuple[str, ...] | None:
        form = _form(words if isinstance(words, str) else " ".join(words))
        if not form:
            return None
        k = key or _canonical_key(typ, form)
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

    def _known_end(self, toks: list[Tok], i: int) -> int:
        """End of the longest known name starting at i, across small words (`Foreign and Commonwealth Office`)."""
        for ln in range(self.gaz.reach(toks, i), 2, -1):
            sub = toks[i:i + ln]
            if sub[-1].shape in ("cap", "upper") and not any(t.brk for t in sub[1:]) \
                    and self.gaz.get(tuple(t.key for t in sub)):
                return i + ln
        return i

    def _run_end(self, toks: list[Tok], i: int) -> int:
        """End (exclusive) of the capitalised phrase starting at i: `Ministry of Justice and Islamic Affairs`."""
        n = len(toks)
        j = i + 1
        has_org = toks[i].key in gz.ORG_WORDS
        if toks[i].text.endswith(("'s", "’s")):
            return j
        while j < n and not toks[j].brk:
            t = toks[j]
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
        while run and (run[0].key in ("the", "a", "an") or (len(run) > 1 and run[0].sent
                                                             and run[0].key not in TITLES
                                                             and self._opener(run, toks, i))):
            run = run[1:]
            i += 1
        if not run:
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
        if single and _acronym_like(run[0].text):
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

    def _compound(self, run: list[Tok], words: list[str]) -> bool:
        """A phrase its own words type: `Ministry of Interior`, `Kandahar Province`; an office or an event, left."""
        last = run[-1].key
        if len(run) >= 3 and run[0].key in _STRONG_TITLES and run[1].key in ("of", "for"):
            return True  # `Minister of the Royal Court`: an office, not an organisation
        if last in gz.ORG_WORDS or any(
                t.key in gz.ORG_WORDS and u.key in ("of", "for", "on") for t, u in zip(run, run[1:])):
            self.add("ORG", words)
            return True
        if last in gz.LOC_WORDS:
            self.add("LOC", words)
            return True
        return last in gz.MISC_WORDS

    def _opener(self, run: list[Tok], toks: list[Tok], i: int) -> bool:
        """True when the first word of a phrase is just the capital that opens a sentence (`During`, `Most`)."""
        if len(run) == 1:
            return False  # judged later as a lone word
        return self.vocab.common(run[0].key) and not self._lookup((run[0].key,), run)

    def _lookup(self, key: tuple[str, ...], run: list[Tok]) -> gz.Known | None:
        """What the gazetteer (or the text's own acronyms, or a town of a tagged country) says a phrase is."""
        if len(key) == 1 and (self.definitions or self.acronyms):
            acr = key[0].upper()
            if acr in self.definitions and _acronym_like(run[0].text):
                typ, long = self.definitions[acr]
                return gz.Known(typ, long, 3)
            if acr in self.acronyms and _acronym_like(run[0].text):
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

    def _namelike(self, run: list[Tok], strict: bool = False) -> bool:
        """Words that can make up a personal name: capitalised, not cable vocabulary, not a known place."""
        if not run or len(run) > 5:
            return False
        for t in run:
            if not _name_word(t.text) or t.shape == "upper" and not self._caps_surname(t):
                return False
        if strict and all(self.vocab.common(t.key) for t in run):
            return False
        if run[0].key in gz.NAME_PARTICLES and len(run) == 1:
            return False
        return True

    def _caps_surname(self, t: Tok) -> bool:
        """A word in capitals that reads as a surname (`KUSA`), not an acronym (`MFA`, `GONL`)."""
        w = t.text
        return (len(w) >= 4 and bool(_VOWEL.search(w, 1)) and not _GOV.match(w)
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
        titled = k > start and run[k - 1].key in _STRONG_TITLES
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
            return self._classify_rest(rest, toks, i)  # `Assistant Secretary for European Affairs ...`
        if not name or name[0].key in gz.CONNECTORS or not self._namelike(name):
            return False
        if name[0].shape == "upper" and not self._caps_surname(name[0]):
            return False
        if len(name) == 1 and self.gaz.get((name[0].key,)):
            return False  # `Minister Bahrain`: a place, not a name
        words = [t.text for t in name]
        if all(t.shape == "upper" for t in name):
            words = _title_case(words).split()
        key = self.add("PER", words, person=True)
        if key and len(name) == 1 and run[k - 1].key in _STYLE_TITLES:  # noqa: SIM102
            self.cands[key].styled = True
        self._classify_rest(rest, toks, i)
        return True

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
            if run[start].key not in gz.CONNECTORS and _initials_match(acr.text, [t.text for t in run[start:]]):
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
            words = _title_case(words).split()
        long = " ".join(words)
        known = self.gaz.get(norm(long))
        typ = known.type if known else ("MISC" if run[-1].key in gz.MISC_WORDS else "ORG")
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
        after_prep = i > 0 and toks[i - 1].key in _PLACE_PREPS
        if multi and run[0].key in self.given and not self.vocab.common(run[0].key):
            self.add("PER", words, person=True)
        elif multi and gap_after.strip() == "," and nxt is not None and not after_prep and (
                nxt.key in _APPOSITION or nxt.key in gz.ROLE_WORDS or nxt.key in TITLES):
            self.add("PER", words, person=True)
        elif multi and gap_after.strip() == "(" and nxt is not None and nxt.shape == "upper" \
                and not _initials_match(nxt.text, words) and nxt.text[0].lower() != words[0][0].lower():
            self.add("PER", words, person=True)
        elif nxt is not None and not nxt.brk and nxt.key in gz.SPEECH_VERBS and (
                multi and self._namelike(run, strict=True) and not self.vocab.common(run[-1].key)
                or not multi and not self.vocab.common(run[0].key) and len(run[0].key) >= 3) \
                and not run[0].key in gz.NAME_PARTICLES:
            self.add("PER", words, person=multi)
        elif multi and any(t.key in gz.NAME_PARTICLES or _PARTICLE_WORD.match(t.text) for t in run[1:]) \
                and run[0].key not in gz.NAME_PARTICLES and self._namelike(run, strict=True) \
                and not after_prep and not (i > 0 and toks[i - 1].key == "the"):
            self.add("PER", words)
        elif multi and run[-1].shape == "upper" and all(t.shape == "cap" for t in run[:-1]):
            self.add("PER", words[:-1] + _title_case([words[-1]]).split(), person=True)
        elif len(run) <= 4 and (multi and self._namelike(run, strict=True) or not multi and not run[0].sent
                                and run[0].shape == "cap" and not self.vocab.common(run[0].key)
                                and not (i > 0 and toks[i - 1].key == "the")):
            self.weak.append((tuple(t.key for t in run), tuple(t.text for t in run)))

    def first_reading(self) -> tuple[tuple[Entity, ...], tuple]:
        """What pass one keeps of a cable: its entities and its open phrases (a few bytes, not its words)."""
        return _entities(self.groups), tuple(self.weak)

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
        if toks[k - 1].key not in _STRONG_TITLES or k >= len(toks) or toks[k].brk:
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
        self.add("PER", _title_case([t.text for t in name]), person=True)
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
            form = " ".join(words) if known.name.isupper() or _ABBREV.match(words[0].rstrip(".")) \
                else _title_case(words)
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
                if _initials_match(acr.text, [t.text for t in run], exact_start=True):
                    long = _title_case([t.text for t in run])
                    known = self.gaz.get(norm(long))
                    typ = known.type if known else ("MISC" if run[-1].key in gz.MISC_WORDS else "ORG")
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
            self.add("PER", _title_case([sig]) if sig.isupper() else sig)


_ACRONYM = re.compile(r"[A-Z](?:[A-Z]|[a-z](?=[A-Z]))*[A-Z]")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_NON_ACRONYM = re.compile(r"[a-z]-[A-Z]{2,}\b")
_VOWEL = re.compile(r"[AEIOUY]")
_NAME_CHARS = re.compile(r"[A-Za-z]{2}|[A-Za-z]\.[A-Za-z]")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=50_000)
def _name_word(w: str) -> bool:
    """What a word alone says of being part of a personal name (words in capitals are judged per cable too)."""
    key, shape = _word(w)
    if shape == "lower" and key not in gz.NAME_PARTICLES:
        return False
    if key in _NOT_NAME or (key[-1:] == "s" and key[:-1] in TITLES):
        return False
    return not (shape == "num" or _PLURAL_ACRONYM.fullmatch(w) or _NON_ACRONYM.search(w))  # `NGOs`, `Non-NATO`


@functools.lru_cache(maxsize=50_000)
def _acronym_like(w: str) -> bool:
    """`GCC`, `GoNL`, `DoD`: an acronym, even with a lower-case letter inside."""
    return bool(_ACRONYM.fullmatch(w.replace(".", "")))


def _initials_match(acr: str, words: list[str], exact_start: bool = False) -> bool:
    """True when an acronym is made from the starts of the words (`CCM` = Convention on Cluster Munitions)."""
    a = re.sub(r"[^a-z]", "", acr.lower())
    ws = [re.sub(r"[^a-z]", "", w.lower()) for w in words]
    ws = [w for w in ws if w]
    if len(a) < 2 or not ws or a[0] != ws[0][0]:
        return False
    sig = [w for w in ws if w not in gz.CONNECTORS]

    def fits(ai: int, wi: int, skipped: int) -> bool:
        if ai == len(a):
            return all(w in gz.CONNECTORS for w in ws[wi:]) or skipped + sum(
                w not in gz.CONNECTORS for w in ws[wi:]) <= 0
        if wi == len(ws):
            return False
        w = ws[wi]
        if w in gz.CONNECTORS and fits(ai, wi + 1, skipped):
            return True
        if w[0] != a[ai]:
            return False
        # this word gives its first letter, and perhaps one or two more of its letters in order
        k = ai + 1
        if fits(k, wi + 1, skipped):
            return True
        pos = 1
        while k < len(a) and k - ai <= 2:
            pos = w.find(a[k], pos)
            if pos < 0:
                break
            k += 1
            pos += 1
            if fits(k, wi + 1, skipped):
                return True
        return False

    return len(sig) >= 2 and len(a) <= 3 * len(ws) and fits(0, 0, 0)


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
    return _title_case(name) if all(w.isupper() or len(w) <= 2 for w in name) else " ".join(name)


_LINE_WORDS = frozenset("political economic economics legal public affairs management consular regional "
                        "security officer office counselor counsellor section chief mission charge d'affaires "
                        "a.i a.i. ai of the by former acting".split())


# --- the archive-wide pass: knowledge (map, merge), first reading (map), learn (reduce), second reading (map) --

_Names = dict[tuple[str, ...], tuple[str, str, int]]  # name key -> (type, canonical name, weight)


def _note(names: _Names, typ: str, name: str, form: str, weight: int) -> None:
    """Record a name as `Gazetteer.add` would keep it: the heaviest evidence, the first among equals."""
    key = norm(form)
    if not key:
        return
    old = names.get(key)
    if old is None or weight > old[2]:
        names[key] = (typ, name, weight)


def _fold_names(into: _Names, names: _Names) -> None:
    """Names of a later stretch of the archive added after an earlier one (same rule as `_note`)."""
    for key, (typ, name, weight) in names.items():
        old = into.get(key)
        if old is None or weight > old[2]:
            into[key] = (typ, name, weight)


def _gazetteer(*stages: _Names) -> Gazetteer:
    """The base gazetteer with the names of each stage added in turn."""
    base = gz.base_gazetteer()
    gaz = Gazetteer(dict(base.table), base.max_len, set(base.prefixes))
    for names in stages:
        for key, (typ, name, weight) in names.items():
            old = gaz.table.get(key)
            if old is None or weight > old.weight:
                gaz.table[key] = gz.Known(typ, name, weight)
            gaz.max_len = max(gaz.max_len, len(key))
            gaz.prefixes.update(key[:m] for m in range(1, len(key) + 1))
    return gaz


@dataclass
class KnowledgePart:
    """What a stretch of the archive tells before any extraction: annotated names, given names, word counts."""

    names: _Names = field(default_factory=dict)
    given: set = field(default_factory=set)
    vocab: Vocab = field(default_factory=Vocab)


@dataclass
class Knowledge:
    """What every first reading may use: base and annotated names, given names, the archive's vocabulary."""

    names: _Names
    given: frozenset
    vocab: Vocab
    _gaz: Gazetteer | None = field(default=None, repr=False, compare=False)

    @property
    def gaz(self) -> Gazetteer:
        """The lookup table, built once per process (never pickled: workers rebuild it from `names`)."""
        if self._gaz is None:
            self._gaz = _gazetteer(self.names)
        return self._gaz

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_gaz": None}


def knowledge_part(cables: list) -> KnowledgePart:
    """The contribution of a chunk of cables (any chunking: parts merge to the same Knowledge)."""
    part = KnowledgePart()
    for c in cables:
        for e in c.entities:
            for form in (e.name, *e.aliases):
                key = norm(form)
                if len(key) == 1 and (key[0] in GENERIC or len(key[0]) < 2):
                    continue
                _note(part.names, e.type, e.name, form, 2 if len(key) >= 2 or e.type != "PER" else 1)
            if e.type == "PER":
                _learn_given(e.name, part.given)
        for p in c.paragraphs:
            if p.text and not _is_caps(p.text):
                part.vocab.learn(p.text)
    return part


def merge_knowledge(parts) -> Knowledge:
    """Parts merged in archive order: the gazetteer (base + annotations), given names and vocabulary."""
    names: _Names = {}
    given: set[str] = set()
    vocab = Vocab()
    for part in parts:
        _fold_names(names, part.names)
        given |= part.given
        vocab.lower.update(part.vocab.lower)
        vocab.cap.update(part.vocab.cap)
    return Knowledge(names, frozenset(given), vocab)


def _learn_given(name: str, given: set[str]) -> None:
    words = name.split()
    if len(words) >= 2 and words[0][:1].isupper() and len(words[0]) >= 3 and wkey(words[0]) not in TITLES \
            and wkey(words[0]) not in gz.NAME_PARTICLES and wkey(words[0]) not in GENERIC:
        given.add(wkey(words[0]))


def _vocab(cables: list) -> Vocab:
    return knowledge_part(cables).vocab


@dataclass(frozen=True)
class Reading:
    """What the first reading keeps of one cable: a few bytes, never its words."""

    entities: tuple[Entity, ...]
    weak: tuple  # open phrases: (key, words as written), decided at the second reading
    definitions: tuple[tuple[str, str, str], ...]  # (acronym, type, long form) defined in the text
    people: tuple[tuple[tuple[str, ...], str], ...]  # (key, full name) of people named with a cue
    spans: tuple = ()  # undecided phrases of 3 words or more, where a name learned elsewhere may stand
    words: tuple = ()  # (word as written, count): capitalised words no mention claimed, maybe surnames


def first_reading(cable, k: Knowledge) -> Reading | None:
    """One cable read alone against the Knowledge; None for a cable that carries its own entities."""
    if cable.entities:
        return None
    ex = Extractor(k.gaz, k.vocab, k.given)  # read only: not copied per cable
    ex.run(cable)
    ents, weak = ex.first_reading()
    people = tuple((key, _prefer(c.forms)) for key, c in ex.cands.items()
                   if c.person and len(key) >= 2 and key in ex.groups)
    definitions = tuple((a, typ, long) for a, (typ, long) in ex.definitions.items())
    return Reading(ents, weak, definitions, people, tuple(ex.spans), tuple(sorted(ex.open.items())))


@dataclass
class Learned:
    """What all first readings taught together: trusted acronyms, people, given names, lone surnames."""

    acronyms: dict[str, tuple[str, str]]
    people: _Names
    given: frozenset
    surnames: dict[str, tuple[str, ...]]
    _gaz: Gazetteer | None = field(default=None, repr=False, compare=False)

    def gazetteer(self, k: Knowledge) -> Gazetteer:
        """Knowledge's names, then the people learned, then the trusted acronyms (built once per process)."""
        if self._gaz is None:
            acronyms: _Names = {}
            for a, (typ, long) in self.acronyms.items():
                _note(acronyms, typ, long, a, 2)
            self._gaz = _gazetteer(k.names, self.people, acronyms)
        return self._gaz

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_gaz": None}


def learn(readings, k: Knowledge) -> Learned:
    """The reduce over first readings, in archive order (deterministic: only counts and first-seen names)."""
    defined: dict[str, Counter] = defaultdict(Counter)
    people: _Names = {}
    given = set(k.given)
    last_names: dict[str, set] = defaultdict(set)
    for r in readings:
        if r is None:
            continue
        for a, typ, long in r.definitions:
            defined[a][(typ, long)] += 1
        for key, name in r.people:
            if all(k.vocab.common(w) for w in key):
                continue  # `Human Rights`: words of prose, whatever cue stood beside them
            _note(people, "PER", name, name, 2)
            _learn_given(name, given)
            last_names[key[-1]].add(key)
    surnames = {s: next(iter(ks)) for s, ks in last_names.items() if len(ks) == 1 and not k.vocab.common(s)}
    return Learned(_trusted_acronyms(defined), people, frozenset(given), surnames)


def second_reading(reading: Reading, k: Knowledge, learned: Learned) -> tuple[Entity, ...]:
    """A cable's open phrases decided with what the whole archive taught (pure, per cable)."""
    return resolve(reading.entities, reading.weak + _learned_people(reading.spans, learned.people),
                   learned.gazetteer(k), k.vocab, learned.given, learned.surnames, reading.words)


def _learned_people(spans: tuple, people: _Names) -> tuple:
    """Full names other cables taught, found inside phrases the first reading left open (`... Advisor Bruno Joubert`)."""
    out = []
    for key, words in spans:
        k = 0
        while k < len(key) - 1:
            for ln in range(len(key) - k, 1, -1):
                if key[k:k + ln] in people:
                    name = people[key[k:k + ln]][1]  # as written where it was learned: `Jeffrey D. Feltman`
                    out.append((key[k:k + ln], tuple(name.split()) if norm(name) == key[k:k + ln]
                                else words[k:k + ln]))
                    k += ln
                    break
            else:
                k += 1
    return tuple(out)


def merge_archive(cables: list, learned: Learned) -> tuple[list, list[str]]:
    """One type, name and alias set per entity across the archive; reads only `.id`, `.format`, `.entities`."""
    return _merge_archive(cables, learned.acronyms)


def _count(segs: list[tuple[list[Tok], list[int], str, bool]], cands: dict[tuple[str, ...], Cand],
           open_word=None) -> tuple[dict[tuple[str, ...], _Group], Counter]:
    """Every mention of the candidates in the cable's text, with surnames folded into full names.

    Also counts the capitalised words no mention claimed (`open_word` says which may be names): a surname whose
    full name another cable teaches is only known at the second reading, which folds these counts.
    """
    forms: dict[tuple[str, ...], tuple[str, ...]] = {}
    votes = {key: _vote(c) for key, c in cands.items()}
    for key, c in cands.items():
        for f in (*c.forms, *c.aliases):
            forms.setdefault(norm(f), key)
        forms.setdefault(key, key)
    owners: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in cands:
        if len(key) >= 2 and votes[key] == "PER":
            for s in _surname_keys(key):
                owners[s].append(key)
    folded: set[tuple[str, ...]] = set()
    for s, ks in owners.items():
        if len(ks) != 1:
            continue
        own = cands.get(s)
        if own is not None and votes[s] != "PER" and not own.person:
            place = gz.places().get(" ".join(s))
            if own.types.get("ORG") or (place and place.tier == gz.TIER_COUNTRY):
                continue  # `Jordan` the country stays a place even where a Mr. Jordan is named
        if forms.get(s, s) in (s, ks[0]):
            forms[s] = ks[0]
            if own is not None:
                folded.add(s)
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in cands:
        if len(key) >= 2 and votes[key] == "PER":
            by_first[key[0]].append(key)
    for key, c in cands.items():
        if len(key) == 1 and c.styled and key not in owners and len(by_first.get(key[0], ())) == 1:
            forms[key] = by_first[key[0]][0]  # `Sheikh Ahmed` where only `Ahmed Al Asfoor` is named
            folded.add(key)
    prefixes = {k[:m] for k in forms for m in range(1, len(k) + 1)}
    firsts = {k[0] for k in forms}
    groups: dict[tuple[str, ...], _Group] = {}
    opened: Counter = _counter()
    seen: dict[bool, dict[str, bool]] = {True: {}, False: {}}  # open_word's answers, by text in capitals

    def open_seen(key: str, caps: bool) -> bool:
        ok = seen[caps].get(key)
        if ok is None:
            ok = seen[caps][key] = open_word(key, caps)
        return ok

    for toks, marks, text, caps in segs:
        n = len(toks)
        nxt = 0  # a mention ends before the next one starts
        memo = seen[caps]
        for i in range(n) if caps else marks:
            if i < nxt:
                continue
            t = toks[i]
            if t.key not in firsts:
                if open_word is not None and t.shape != "num":
                    ok = memo.get(t.key)
                    if ok is None:
                        ok = memo[t.key] = open_word(t.key, caps)
                    if ok and _alone(toks, i, caps, open_seen):
                        opened[_POSSESSIVE.sub("", t.text)] += 1
                continue
            key: tuple[str, ...] = ()
            best = 0
            for m in range(i, n):
                if m > i and toks[m].brk:
                    break
                key += (toks[m].key,)
                if key not in prefixes:
                    break
                if key in forms:
                    best = m - i + 1
            if not best:
                if open_word is not None and t.shape != "num" and open_seen(t.key, caps) \
                        and _alone(toks, i, caps, open_seen):
                    opened[_POSSESSIVE.sub("", t.text)] += 1
                continue
            target = forms[key[:best]]
            form = _mention(text[t.start:toks[i + best - 1].end])
            g = groups.get(target)
            if g is None:
                g = groups[target] = _Group()
            g.add(votes[target], form)
            nxt = i + best
    for key, c in cands.items():  # found only where the counter does not read (a split line): still named once
        if key not in groups and key not in folded:
            g = groups.setdefault(key, _Group())
            g.add(_vote(c), _prefer(c.forms) if c.forms else " ".join(key))
    for key, g in groups.items():
        g.person = cands[key].person or votes[key] == "PER"
        for a in cands[key].aliases:
            if a not in g.forms:
                g.forms[a] += 0
    return groups, opened


_POSSESSIVE = re.compile(r"['’][sS]$")


@functools.lru_cache(maxsize=50_000)
def _mention(written: str) -> str:
    """A mention as counted: on one line, without a possessive (`Bahrain's` counts for `Bahrain`)."""
    return _POSSESSIVE.sub("", _SPACES.sub(" ", written))


@functools.lru_cache(maxsize=50_000)
def _form(words: str) -> str:
    """A name as recorded: trimmed, without a possessive; empty when it has no name in it (`--`, `A`)."""
    form = _POSSESSIVE.sub("", words.strip(" -,"))
    return form if form and _NAME_CHARS.search(form) else ""


def _alone(toks: list[Tok], i: int, caps: bool, open_word) -> bool:
    """A word not preceded by another name word (`Vautrin said`, `Ambassador Vautrin`, `al Ghoraifi`).

    `Dawood Ibrahim` does not count as a mention of another Ibrahim, nor a full name's last word as a surname.
    """
    j = i - 1
    while j >= 0 and not toks[j + 1].brk and toks[j].key in gz.NAME_PARTICLES:
        j -= 1  # `Abdulla al Ghoraifi`: the particle belongs to the name
    if j < 0 or toks[j + 1].brk:
        return True
    prev = toks[j]
    if prev.key in _NOT_NAME or prev.shape == "num" or (prev.shape == "lower" and not caps):
        return True
    return not open_word(prev.key, caps)


def resolve(ents: tuple[Entity, ...], weak: tuple, gaz: Gazetteer, vocab: Vocab, given: set[str],
            surnames: dict[str, tuple[str, ...]], unclaimed: tuple = ()) -> tuple[Entity, ...]:
    """Decide a cable's open phrases with what the whole archive taught (names, given names, acronyms).

    `unclaimed` are the cable's capitalised words no mention claimed: the lone surnames of people decided here join them.
    """
    if not weak:
        return ents
    groups: dict[tuple[str, ...], _Group] = {}
    for e in ents:
        key = _canonical_key(e.type, e.name)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group()
        g.types[e.type] += e.count
        g.forms[e.name] += e.count
        for a in e.aliases:
            g.forms[a] += 0
        g.person = g.person or e.type == "PER"
    counted = set(groups)
    people = {k[-1] for k, g in groups.items() if g.person}
    firsts = {k[0] for k, g in groups.items() if g.person and len(k) >= 2}  # `Ossiansson Berg`: not a surname
    for key, words in weak:
        known = gaz.get(key)
        if known and (known.type != "PER" or len(key) >= 2):
            typ, target, person = known.type, norm(known.name), known.type == "PER"
        elif len(key) >= 2 and (key[0] in given and not vocab.common(key[0]) or key[-1] in people):
            typ, target, person = "PER", None, True
        elif len(key) == 1 and key[0] in surnames and key[0] not in gz.places() and key[0] not in firsts:
            typ, target, person = "PER", surnames[key[0]], False
        else:
            continue
        form = " ".join(words)
        k = target or _canonical_key(typ, form)
        if k in counted:
            continue  # its every mention was counted at the first reading
        g = groups.get(k)
        if g is None:
            g = groups[k] = _Group()
        g.add(typ, form)
        g.person = g.person or person
    _fold_surnames(groups, counted)
    _fold_open(groups, counted, unclaimed, given)
    return _entities(groups)


def _fold_open(groups: dict[tuple[str, ...], _Group], counted: set, words: tuple, given) -> None:
    """Every lone surname mention (`Vautrin opened ...`) counted into the one person of the cable it names.

    Only for people decided at the second reading: the first reading counted its own people's surnames. A full
    name's last word is not among them (`_alone`); a surname that is also someone's first name is left apart.
    """
    if not words:
        return
    written: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for form, n in words:
        written[wkey(form)].append((form, n))
    owners: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key, g in groups.items():
        if len(key) >= 2 and g.type() == "PER":
            for s in _surname_keys(key):
                if len(s) == 1:
                    owners[s[0]].append(key)
    firsts = {key[0] for key, g in groups.items() if len(key) >= 2 and g.type() == "PER"}
    for s, ks in owners.items():
        if len(ks) != 1 or ks[0] in counted or s not in written or s in firsts or s in given:
            continue
        g = groups[ks[0]]
        for form, n in written[s]:
            if n > g.forms.get(form, 0):
                g.forms[form] = n


def _fold_surnames(groups: dict[tuple[str, ...], _Group], counted: frozenset | set = frozenset()) -> None:
    """Lone surnames found late (`Rajoelina`) join the one full personal name of the cable they end.

    A surname the first reading counted (`counted`) was counted inside each full mention found later too: those
    are taken off, so `George Mitchell ... Mitchell` stays one mention each.
    """
    owners: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key, g in groups.items():
        if len(key) >= 2 and g.type() == "PER":
            for s in _surname_keys(key):
                owners[s].append(key)
    for s, ks in owners.items():
        if len(ks) == 1 and s in groups and groups[s].type() == "PER":
            moved, target = groups.pop(s), groups[ks[0]]
            if s in counted and ks[0] not in counted:
                for f, n in list(target.forms.items()):
                    last = _POSSESSIVE.sub("", f.rsplit(" ", 1)[-1]) if " " in f else None
                    if last in moved.forms:
                        take = min(n, moved.forms[last])
                        moved.forms[last] -= take
                        moved.types["PER"] -= take
            target.absorb(moved, as_type="PER")


def _vote(c: Cand) -> str:
    if c.person:
        return "PER"
    if len(c.types) == 1:
        return next(iter(c.types))
    return sorted(c.types, key=lambda t: (-c.types[t], TYPES.index(t)))[0]


def _line_segments(cable) -> list[tuple[str, bool]]:
    out = []
    if cable.classified_by:
        out.append((cable.classified_by, False))
    if cable.signer:
        out.append((cable.signer, True))
    return out


def extract(cable, gaz: Gazetteer | None = None, vocab: Vocab | None = None, given: set[str] | None = None,
            acronyms: dict[str, tuple[str, str]] | None = None) -> tuple[Entity, ...]:
    """Entities of one cable read from its plain text (no annotations, no model, no network)."""
    gaz = gaz or gz.base_gazetteer()
    vocab = vocab or _vocab([cable])
    ex = Extractor(gaz, vocab, given, acronyms)
    ex.run(cable)
    ents, weak = ex.first_reading()
    return resolve(ents, weak, gaz, vocab, ex.given, {}, tuple(ex.open.items()))


def _entities(groups: dict[tuple[str, ...], _Group]) -> tuple[Entity, ...]:
    out = []
    for g in groups.values():
        e = g.entity()
        out.append(e if e.count else replace(e, count=1))
    return tuple(sorted(out, key=lambda e: (e.type, e.name.lower(), e.name)))


def enrich(cables: list, tick=None) -> tuple[list, list[str]]:
    """Archive-wide entity pass in one process: the map/reduce steps above, composed in archive order.

    Cables without entities get them from their text; then every entity gets one type (by the weight of its
    mentions), one canonical name and its aliases across the archive. Returns the cables and report lines.
    `tick(n)`, when given, is called as cables are read (the build's progress display).
    """
    cables = list(cables)
    with _archive_frozen():
        k = merge_knowledge([knowledge_part(cables)])
        readings = []
        for c in cables:
            readings.append(first_reading(c, k))
            if tick is not None and readings[-1] is not None:
                tick(1)
        learned = learn(readings, k)
        cables = [c if r is None else replace(c, entities=second_reading(r, k, learned))
                  for c, r in zip(cables, readings)]
        return merge_archive(cables, learned)


@contextlib.contextmanager
def _archive_frozen():
    """The objects alive before the pass (the parsed archive) left out of garbage collection while it runs.

    Reading makes millions of short-lived tokens; each full collection would walk the whole archive again (about
    a sixth of the pass's time on 5,000 cables). A worker process can do the same with `gc.freeze()` after fork.
    """
    if gc.get_freeze_count():
        yield  # the caller froze the heap already
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _trusted_acronyms(defined: dict[str, Counter]) -> dict[str, tuple[str, str]]:
    """Acronyms whose meaning holds archive-wide: one long form only, defined in two cables or more."""
    out = {}
    for a, longs in sorted(defined.items()):
        forms = {norm(long) for _t, long in longs}
        if len(forms) == 1 and sum(longs.values()) >= 2:
            out[a] = sorted(longs, key=lambda d: (-longs[d], d))[0]
    return out


def _merge_archive(cables: list, acronyms: dict[str, tuple[str, str]]) -> tuple[list, list[str]]:
    """One type, canonical name and alias set per entity across all cables; conflicts go to the report."""
    report: list[str] = []
    # identity: canonical key of each (cable, entity)
    ident: dict[tuple[str, ...], dict] = {}
    keyed: list[list[tuple[tuple[str, ...], Entity]]] = []
    for c in cables:
        row = []
        annotated = c.format == "annotated"
        for e in c.entities:
            key = _canonical_key(e.type, e.name)
            if len(key) == 1 and key[0].upper() in acronyms and e.name.isupper() and not annotated:
                key = norm(acronyms[key[0].upper()][1])
            row.append((key, e))
            d = ident.get(key)
            if d is None:
                d = ident[key] = {"types": _counter(), "forms": _counter(), "cables": 0}
            d["types"][e.type] += e.count
            d["forms"][e.name] += e.count
            for a in e.aliases:
                d["forms"][a] += 0
            d["cables"] += 1
        keyed.append(row)
    # a shorter full name joins the one longer name it ends (`Ben Bot` -> `Bernard Ben Bot`)
    alias_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    longer: dict[tuple[str, ...], set] = defaultdict(set)
    for key, d in ident.items():
        if len(key) >= 3 and _dominant(d["types"]) == "PER":
            for k in range(1, len(key) - 1):
                longer[key[k:]].add(key)
    for key in sorted(longer):
        if key in ident and len(longer[key]) == 1 and _dominant(ident[key]["types"]) == "PER":
            alias_of[key] = next(iter(longer[key]))
    # surnames alone join the one full name they end, across the archive
    by_surname: dict[tuple[str, ...], set] = defaultdict(set)
    for key, d in ident.items():
        if len(key) >= 2 and key not in alias_of and _dominant(d["types"]) == "PER":
            for s in _surname_keys(key):
                by_surname[s].add(key)
    for key, d in sorted(ident.items()):
        if len(key) == 1 and _dominant(d["types"]) == "PER" and key in by_surname:
            owners = sorted(by_surname[key])
            if len(owners) == 1:
                alias_of[key] = owners[0]
            else:
                report.append(f"entity '{_prefer(d['forms'])}': surname of {len(owners)} people "
                              f"({', '.join(_prefer(ident[o]['forms']) for o in owners[:4])}); left apart")
    for short, full in alias_of.items():
        while full in alias_of:
            full = alias_of[full]
        alias_of[short] = full
        ident[full]["types"]["PER"] += sum(ident[short]["types"].values())
        ident[full]["forms"].update(ident[short]["forms"])
    final: dict[tuple[str, ...], tuple[str, str]] = {}
    for key, d in ident.items():
        if key in alias_of:
            continue
        typ = _dominant(d["types"], d["forms"])
        if len(d["types"]) > 1:
            votes = ", ".join(f"{t} {n}" for t, n in sorted(d["types"].items(), key=lambda kv: (-kv[1], kv[0])))
            report.append(f"entity '{_prefer(d['forms'])}': typed {votes}; kept {typ}")
        final[key] = (typ, _display(key, d["forms"], typ))
    out = []
    for c, row in zip(cables, keyed):
        merged: dict[tuple[str, ...], tuple[set, list]] = {}  # key -> (forms, [mentions])
        for key, e in row:
            key = alias_of.get(key, key)
            m = merged.get(key)
            if m is None:
                m = merged[key] = (set(), [0])
            m[0].add(e.name)
            m[0].update(e.aliases)
            m[1][0] += e.count
        ents = []
        for key, (forms, count) in merged.items():
            typ, name = final[key]
            forms.discard(name)
            ents.append(Entity(typ, name, tuple(sorted(forms)), max(1, count[0])))
        out.append(replace(c, entities=tuple(sorted(ents, key=_entity_order))))
    return out, sorted(set(report))


def _entity_order(e: Entity) -> tuple[str, str, str]:
    return e.type, e.name.lower(), e.name


def _dominant(types: Counter, forms: Counter | None = None) -> str:
    if forms is not None:
        return _decide(types, forms)
    return next(iter(types)) if len(types) == 1 else sorted(types, key=lambda t: (-types[t], TYPES.index(t)))[0]


def _decide(types: Counter, forms) -> str:
    """The type with most mentions; a name no gazetteer knows as a place is not LOC when tagged otherwise too."""
    if len(types) == 1:
        return next(iter(types))
    order = sorted(types, key=lambda t: (-types[t], TYPES.index(t)))
    if order[0] == "LOC" and len(order) > 1 and not any(" ".join(norm(f)) in gz.places() for f in forms):
        return order[1]
    return order[0]


def _display(key: tuple[str, ...], forms: Counter, typ: str) -> str:
    """The name an entity page carries: the canonical place, the full name, the long form when it was written."""
    if typ == "LOC":
        place = gz.places().get(" ".join(key))
        if place and place.tier == gz.TIER_COUNTRY:
            return place.name
    if typ == "PER":
        return _full_name(forms)
    written: dict[tuple[str, ...], str] = {}
    for f in sorted(forms, key=lambda f: (f.isupper() and len(f) > 3, -forms[f], f)):
        written.setdefault(norm(f), f)
    name = written.get(key) or (_prefer(forms) if forms else " ".join(key))
    if name.isupper() and len(name.split()) >= 2:
        name = _title_case(name.split())
    return name
