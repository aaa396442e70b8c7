"""What the archive knows before and after the first readings: names, given names, vocabulary, acronyms."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import gazetteer as gz
from .gazetteer import GENERIC, TITLES, Gazetteer, norm, wkey
from .names import is_caps
from .tokens import Vocab

# --- the archive-wide pass: knowledge (map, merge), first reading (map), learn (reduce), second reading (map) --

Names = dict[tuple[str, ...], tuple[str, str, int]]  # name key -> (type, canonical name, weight)


def _note(names: Names, typ: str, name: str, form: str, weight: int) -> None:
    """Record a name as `Gazetteer.add` would keep it: the heaviest evidence, the first among equals."""
    key = norm(form)
    if key:
        _keep(names, key, (typ, name, weight))


def _keep(names: Names, key: tuple[str, ...], entry: tuple[str, str, int]) -> None:
    old = names.get(key)
    if gz.heavier(entry[2], old[2] if old else None):
        names[key] = entry


def _fold_names(into: Names, names: Names) -> None:
    """Names of a later stretch of the archive added after an earlier one (same rule as `_note`)."""
    for key, entry in names.items():
        _keep(into, key, entry)


def _gazetteer(*stages: Names) -> Gazetteer:
    """The base gazetteer with the names of each stage added in turn."""
    base = gz.base_gazetteer()
    gaz = Gazetteer(dict(base.table), base.max_len, set(base.prefixes))
    for names in stages:
        for key, (typ, name, weight) in names.items():
            gaz.put(key, gz.Known(typ, name, weight))
    return gaz


@dataclass
class KnowledgePart:
    """What a stretch of the archive tells before any extraction: annotated names, given names, word counts."""

    names: Names = field(default_factory=dict)
    given: set = field(default_factory=set)
    vocab: Vocab = field(default_factory=Vocab)


@dataclass
class Knowledge:
    """What every first reading may use: base and annotated names, given names, the archive's vocabulary."""

    names: Names
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
            if p.text and not is_caps(p.text):
                part.vocab.learn(p.text)
    return part


def merge_knowledge(parts) -> Knowledge:
    """Parts merged in archive order: the gazetteer (base + annotations), given names and vocabulary."""
    names: Names = {}
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


def vocab_of(cables: list) -> Vocab:
    return knowledge_part(cables).vocab


@dataclass
class Learned:
    """What all first readings taught together: trusted acronyms, people, given names, lone surnames."""

    acronyms: dict[str, tuple[str, str]]
    people: Names
    given: frozenset
    surnames: dict[str, tuple[str, ...]]
    longest: int = 0  # words in the longest person's key: no longer slice of an open phrase can be one
    last_names: frozenset = frozenset()  # the surname of every person named with a cue, in full or alone
    _gaz: Gazetteer | None = field(default=None, repr=False, compare=False)

    def gazetteer(self, k: Knowledge) -> Gazetteer:
        """Knowledge's names, then the people learned, then the trusted acronyms (built once per process)."""
        if self._gaz is None:
            acronyms: Names = {}
            for a, (typ, long) in self.acronyms.items():
                _note(acronyms, typ, long, a, 2)
            self._gaz = _gazetteer(k.names, self.people, acronyms)
        return self._gaz

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_gaz": None}


def learn(readings, k: Knowledge) -> Learned:
    """The reduce over first readings, in archive order (deterministic: only counts and first-seen names)."""
    defined: dict[str, Counter] = defaultdict(Counter)
    people: Names = {}
    given = set(k.given)
    last_names: dict[str, set] = defaultdict(set)
    titled: set[str] = set()
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
        titled.update(r.titled)
    surnames = {s: next(iter(ks)) for s, ks in last_names.items() if len(ks) == 1 and not k.vocab.common(s)}
    longest = max(map(len, people), default=0)
    return Learned(_trusted_acronyms(defined), people, frozenset(given), surnames, longest,
                   frozenset(last_names) | frozenset(titled))


def _trusted_acronyms(defined: dict[str, Counter]) -> dict[str, tuple[str, str]]:
    """Acronyms whose meaning holds archive-wide: one long form only, defined in two cables or more."""
    out = {}
    for a, longs in sorted(defined.items()):
        forms = {norm(long) for _t, long in longs}
        if len(forms) == 1 and sum(longs.values()) >= 2:
            out[a] = sorted(longs, key=lambda d: (-longs[d], d))[0]
    return out
