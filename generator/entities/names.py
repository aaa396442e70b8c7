"""How a name is keyed, written and typed: the rules every stage shares, each written once."""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..record import Entity
from . import gazetteer as gz
from .gazetteer import GENERIC, TITLES, norm, wkey

TYPES = ("PER", "ORG", "LOC", "MISC")
counter = functools.partial(Counter.__new__, Counter)  # an empty Counter made in C (its __init__ is Python)


STRONG_TITLES = TITLES - frozenset("""foreign prime interior defense defence finance justice economy trade labor
labour health education vice deputy under assistant special general senior acting principal executive chief head
grand crown field""".split()) | {"general"}
NOT_NAME = GENERIC | gz.ORG_WORDS | gz.LOC_WORDS | gz.MISC_WORDS | STRONG_TITLES | gz.DEMONYMS  # one look-up

ABBREV = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # `U.S` as the tokenizer left it: the final dot was cut


PLACE_PREPS = frozenset("in from to near at outside inside into across via".split())  # `in Chechnya`
PLACE_CUES = PLACE_PREPS - {"to", "at"} | {"within", "beyond", "throughout", "neighboring", "neighbouring"}
# (`according to Kadyrov`, `at Putin's request`: people follow `to` and `at` too)
MONTHS = frozenset("january february march april june july august september october november december".split())
_CAMEL_OFFICE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]*)+")  # `PolMinCouns`, `EconOff`: cable shorthand for an office
_CAMEL_NAME = re.compile(r"(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von|El|Al|Abu|Ben|Bin|Ibn|St)[A-Z]")  # `McMullen`,
# `DeLay`, `LaHood`, `ElBaghdadi`: names, not offices


def office_word(w: str, caps_text: bool) -> bool:
    """A title or office glued before a name: `Premier`, `SRAP`, `EMIN`, `PolMinCouns`, `POTUS-President`."""
    if wkey(w) in TITLES or any(wkey(part) in TITLES for part in re.split(r"[-/]", w) if part):
        return True
    letters = w.replace(".", "")
    if not caps_text and letters.isupper() and 2 <= len(letters) <= 6:
        return True
    return bool(_CAMEL_OFFICE.fullmatch(w)) and not _CAMEL_NAME.match(w)


_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese)")  # `Bavarian`, but `Brian` too: only before an office


def _nationality(words: list[str], caps_text: bool) -> bool:
    """A nationality before a name or an office: `Franco-Colombian Ingrid Betancourt`, `Bavarian Minister-President`."""
    w = words[0]
    if any(wkey(part) in gz.DEMONYMS for part in w.split("-")):
        return True
    return len(words) > 2 and bool(_ADJECTIVE.fullmatch(w)) and office_word(words[1], caps_text)


@functools.lru_cache(maxsize=50_000)
def trimmed(typ: str, form: str) -> str:
    """A name without what ran into it: titles before a person, a month (and its `on`) after any name.

    `PolMinCouns Maura Connelly` -> `Maura Connelly`; `Candidate Sarkozy` -> `Sarkozy`; `Ministry of Justice and
    Islamic Affairs on October` -> `Ministry of Justice and Islamic Affairs`; `Jun Yamashita January` -> `Jun
    Yamashita`.
    """
    words = form.split()
    while len(words) > 1 and wkey(words[0]) in MONTHS:
        words.pop(0)  # `September Board`
    while len(words) > 1 and wkey(words[-1]) in MONTHS:
        words.pop()
        if len(words) > 1 and words[-1] in ("on", "in", "of", "since", "until"):
            words.pop()
    if typ == "PER":
        if any("/" in w for w in words):
            return ""  # `Ahmadi Nejad/Sarkozy`, `Tony Blair/Gordon Brown`: two names run together
        caps_text = all(w.isupper() for w in words)
        while len(words) > 1 and (office_word(words[0], caps_text) or _nationality(words, caps_text)):
            words.pop(0)
        while len(words) > 1 and wkey(words[-1]) in TITLES:
            words.pop()  # `Abdeljabbar Azaoui Executive Assistant`
        if len(words) == 1 and wkey(words[0]) in TITLES:
            return ""  # `Executive Assistant`: an office, no name
    if len(words) == 1 and wkey(words[0]) in NOT_NAME and len(form.split()) > 1:
        return ""  # `September Board` -> `Board`: a common noun once trimmed
    return " ".join(words)


def prefer(names: Counter) -> str:
    """The display form among variants: mixed case over all capitals, then the most frequent, then the longest."""
    if len(names) == 1:
        return next(iter(names))
    return sorted(names, key=lambda n: (n.isupper() and len(n) > 5 and " " not in n[:6] and not n.isalpha()
                                        or n.isupper() and len(n) > 5, -names[n], -len(n), n))[0]


def full_name(forms: Counter) -> str:
    """A person's display name: the fullest form, in mixed case when the archive has one."""
    best = next(iter(forms)) if len(forms) == 1 else \
        sorted(forms, key=lambda f: (-len(f.split()), f.isupper(), -forms[f], f))[0]
    return title_case(best.split()) if best.isupper() and len(best) > 3 else best


@functools.lru_cache(maxsize=500_000)
def canonical_key(typ: str, name: str) -> tuple[str, ...]:
    """The identity of a name: countries and known organisations under one name, others as written."""
    key = norm(name)
    if typ in ("PER", "ORG"):
        key = _without_articles(key)
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


_ARTICLES = frozenset("al el as ash ad an ar az".split())  # the Arabic article as cables transliterate it


def _without_articles(key: tuple[str, ...]) -> tuple[str, ...]:
    """`Bashar al-Assad`, `Bashar Al Assad` and `Bashar Assad` are one key; `al-Qaeda` and `Al Qaeda` too."""
    words: list[str] = []
    for w in key:
        head, dash, rest = w.partition("-")
        words += [head, rest] if dash and rest and head in _ARTICLES else [w]
    out = tuple(w for w in words if w not in _ARTICLES)
    return out if len(out) >= 2 else tuple(words)  # `Al-Wifaq` stays `al wifaq`, apart from a `Wifaq` typed alone


@dataclass
class Cand:
    """An entity found in one cable: type votes, forms as written, and whether a person cue backed it."""

    types: Counter = field(default_factory=counter)
    forms: Counter = field(default_factory=counter)
    person: bool = False
    aliases: set = field(default_factory=set)  # acronyms defined for it in the text
    styled: bool = False  # a first name after a style (`Sheikh Ahmed`): may stand for a full name

    def type(self) -> str:
        """PER when a person cue backed it, else the vote of its mentions."""
        return "PER" if self.person else vote(self.types)



@dataclass
class Group:
    """The mentions of one entity in one cable: type votes and the forms it was written in."""

    types: Counter = field(default_factory=counter)
    forms: Counter = field(default_factory=counter)
    person: bool = False  # a full name with person evidence: it keeps the PER type when surnames join it

    def add(self, typ: str, form: str, n: int = 1) -> None:
        self.types[typ] += n
        self.forms[form] += n

    def absorb(self, other: Group, as_type: str | None = None) -> None:
        for t, n in other.types.items():
            self.types[as_type or t] += n
        self.forms.update(other.forms)

    def type(self) -> str:
        if self.person:
            return "PER"
        return decide(self.types, self.forms)

    def entity(self) -> Entity:
        typ = self.type()
        name = full_name(self.forms) if typ == "PER" else prefer(self.forms)
        longer = [f for f in self.forms if " " in f and not f.isupper()]
        if typ == "ORG" and acronym_like(name) and longer:
            name = prefer(Counter({f: self.forms[f] for f in longer}))  # the long form the acronym stands for
        if typ == "LOC":
            place = gz.places().get(" ".join(norm(name)))
            name = place.name if place else name
        if name.isupper() and (typ == "LOC" or " " in name) and not ABBREV.match(name.rstrip(".")):
            name = title_case(name.split())
        aliases = tuple(sorted(f for f in self.forms if f != name))
        return Entity(typ, name, aliases, sum(self.forms.values()))


def is_full_name(key: tuple[str, ...]) -> bool:
    """Two words or more, and not just an article and a surname (`Al Marri` is a surname written alone)."""
    return len(key) >= 2 and not (len(key) == 2 and key[0] in _ARTICLES)


def surname_owners(people: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Each short form a person may be written in -> the full names of `people` it may stand for.

    The one rule every stage applies to join a surname alone to a full name: only where it has one owner.
    """
    owners: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in people:
        if is_full_name(key):
            for s in surname_keys(key):
                owners[s].append(key)
    return owners


def surname_keys(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The short forms a full name is also written in: the last word, with or without its article (keys have
    none: `Rashid Al-Marri` is `rashid marri`, and `Al-Marri`, `Al Marri`, `Marri` each name him), and
    `van Aartsen`-style endings."""
    last = key[-1]
    out = [key[-1:], (f"al-{last}",), ("al", last), (f"el-{last}",), ("el", last)]
    if len(key) >= 3 and key[-2] in gz.NAME_PARTICLES:
        out.append(key[-2:])
    return out


_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # letters counted in C, not as regex runs
_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def is_caps(text: str) -> bool:
    """True when a text is written in capitals throughout (older cables, subjects)."""
    ascii_ = text.encode("ascii", "ignore")  # the letters counted are ASCII: bytes.translate is a table look-up
    up = len(ascii_) - len(ascii_.translate(None, _UPPER))
    low = len(ascii_) - len(ascii_.translate(None, _LOWER))
    return up + low >= 8 and up > 0.7 * (up + low)


def title_case(words: list[str]) -> str:
    """`VAN AARTSEN` -> `Van Aartsen`, `AL-QADHAFI` -> `Al-Qadhafi`: names read from text in capitals."""
    def one(w: str) -> str:
        if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", w):
            return w
        if w.lower() in ("of", "and", "the", "for", "on", "in") and words and w is not words[0]:
            return w.lower()
        return re.sub(r"[A-Za-z]+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), w)
    return " ".join(one(w) for w in words)


_ACRONYM = re.compile(r"[A-Z](?:[A-Z]|[a-z](?=[A-Z]))*[A-Z]")
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
NON_ACRONYM = re.compile(r"[a-z]-[A-Z]{2,}\b")
VOWEL = re.compile(r"[AEIOUY]")
NAME_CHARS = re.compile(r"[A-Za-z]{2}|[A-Za-z]\.[A-Za-z]")
SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=50_000)
def acronym_like(w: str) -> bool:
    """`GCC`, `GoNL`, `DoD`: an acronym, even with a lower-case letter inside."""
    return bool(_ACRONYM.fullmatch(w.replace(".", "")))


def initials_match(acr: str, words: list[str], exact_start: bool = False) -> bool:
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


def entities_of(groups: dict[tuple[str, ...], Group]) -> tuple[Entity, ...]:
    out = []
    for g in groups.values():
        e = g.entity()
        out.append(e if e.count else replace(e, count=1))
    return tuple(sorted(out, key=lambda e: (e.type, e.name.lower(), e.name)))


def entity_order(e: Entity) -> tuple[str, str, str]:
    return e.type, e.name.lower(), e.name


def vote(types: Counter) -> str:
    """The type with most mentions, a tie to the first of TYPES: the one type vote of every stage."""
    return next(iter(types)) if len(types) == 1 else min(types, key=lambda t: (-types[t], TYPES.index(t)))


def decide(types: Counter, forms) -> str:
    """The vote, but a name no gazetteer knows as a place is not LOC when tagged otherwise too."""
    typ = vote(types)
    if typ == "LOC" and len(types) > 1 and not any(" ".join(norm(f)) in gz.places() for f in forms):
        return vote(Counter({t: n for t, n in types.items() if t != "LOC"}))
    return typ


def display_name(key: tuple[str, ...], forms: Counter, typ: str) -> str:
    """The name an entity page carries: the canonical place, the full name, the long form when it was written."""
    if typ == "LOC":
        place = gz.places().get(" ".join(key))
        if place and place.tier == gz.TIER_COUNTRY:
            return place.name
    if typ == "PER":
        return full_name(forms)
    written: dict[tuple[str, ...], str] = {}
    for f in sorted(forms, key=lambda f: (f.isupper() and len(f) > 3, -forms[f], f)):
        written.setdefault(norm(f), f)
    name = written.get(key) or (prefer(forms) if forms else " ".join(key))
    if name.isupper() and len(name.split()) >= 2:
        name = title_case(name.split())
    return name
