"""Other spellings of a name, from the entity pass: `qadhafi` also finds the cables that write `Gaddafi`.

The build's search records carry each cable's entities (`names`: type, name, the spellings merged into it). Two
words are spellings of one another (`difflib` ratio at least RATIO, letters only) when

- they are words of two spellings of one entity (the entity pass merged `Muammar Qadhafi` and `QADHAFI`);
- or two names of one type differ in that word only (`Muammar Gaddafi`, `Muammar al-Qadhafi`; `al` is left
  out), both words at least LONG letters, so `Mark Smith` and `Mary Smith` stay apart;
- or two one-word names of one type are spelled alike at least as closely as SINGLE_RATIO (`Qaddafi`,
  `Qadhafi`), both words at least LONG letters.

The pairs are joined into groups (connected words); the browser searches a query word as any word of its group
(search.js, `OfflineEngine.scores`). Other words of a merged name (`colonel`, `muammar`) are never spellings of
each other: they would widen a query to cables about something else.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from .text import terms

RATIO = 0.7
SINGLE_RATIO = 0.8
MIN_LEN = 4
LONG = 5
# two people known to be different whose names pass the rules (the Supreme Leader and his predecessor)
DISTINCT = frozenset(frozenset({a, "khomeini"}) for a in ("khamenei", "khameini", "khamanei", "khameni",
                                                         "khamene"))
MAX_GROUP = 8  # a bigger group is a chain of near-misses: left out
MAX_BUCKET = 200  # names sharing all words but one: beyond this, a common surname's first names (not compared)


def alike(a: str, b: str, ratio: float = RATIO, min_len: int = MIN_LEN) -> bool:
    """Whether two different words are spellings of one another."""
    if a == b or frozenset({a, b}) in DISTINCT or len(a) < min_len or len(b) < min_len or not (a.isalpha() and b.isalpha()):
        return False
    if abs(len(a) - len(b)) > 3:
        return False
    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() >= ratio and m.quick_ratio() >= ratio and m.ratio() >= ratio


_DIGRAPHS = (("dh", "d"), ("th", "t"), ("kh", "k"), ("gh", "k"), ("ph", "f"), ("ck", "k"))
_SOUNDS = str.maketrans("qgcz", "kkks")


def sound(word: str) -> str:
    """A rough key of how a transliterated name sounds: `qadhafi`, `gaddafi`, `kadhafi` -> `kdf`."""
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    word = word.translate(_SOUNDS)
    head = "a" if word[:1] in "aeiouy" else word[:1]
    out = [head]
    for ch in word[1:]:
        if ch not in "aeiouywh" and ch != out[-1]:
            out.append(ch)
    return "".join(out)


def _alike_pairs(found: list[str], min_len: int, ratio: float) -> Iterator[tuple[str, str]]:
    """Pairs of sorted words that sound alike and are spelled alike.

    Only words of one sound are compared: comparing every pair of a bucket (up to MAX_BUCKET words) made the
    search step grow faster than the archive."""
    by_sound: dict[str, list[str]] = defaultdict(list)
    for w in found:
        if len(w) >= min_len:
            by_sound[sound(w)].append(w)
    for key in sorted(by_sound):
        same = by_sound[key]  # still sorted: each pair comes smaller word first
        for i, a in enumerate(same):
            for b in same[i + 1:]:
                if alike(a, b, ratio, min_len):
                    yield a, b


def words(name: str) -> tuple[str, ...]:
    """A name's words as the index has them, without the particle `al`."""
    return tuple(terms(name))


class Variants:
    """The spellings of every entity, collected one cable at a time; `table` finds the word groups."""

    def __init__(self) -> None:
        self.forms: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)  # (type, name) -> spellings

    def add(self, names: Iterable[Iterable[str]]) -> None:
        """One cable's `names` (each entity's type, name, then its other spellings)."""
        for entity in names:
            typ, name, *others = entity
            self.forms[(typ, name)].update(w for w in map(words, (name, *others)) if w)

    def pairs(self) -> set[tuple[str, str]]:
        """Every pair of words that sound and are spelled alike, by the three rules above (smaller word first)."""
        out: set[tuple[str, str]] = set()
        buckets: dict[tuple[str, ...], set[str]] = defaultdict(set)  # a person's name with one word left out
        for (typ, _name), forms in self.forms.items():
            out.update(_alike_pairs(sorted({w for f in forms for w in f}), MIN_LEN, RATIO))
            if typ == "PER":
                for f in forms:
                    for k in range(len(f)):  # a one-word name: the bucket of its sound, not of every one
                        buckets[(*f[:k], "*", *f[k + 1:]) if len(f) > 1 else ("#", sound(f[0]))].add(f[k])
        for key in sorted(buckets):
            found = buckets[key]
            if 1 < len(found) <= MAX_BUCKET:
                single = key[0] == "#"  # `#` is no word: the bucket of a sound
                out.update(_alike_pairs(sorted(found), LONG + single, SINGLE_RATIO if single else RATIO))
        return out

    def table(self) -> dict[str, list[str]]:
        """Word -> the other words of its group, sorted (both ways, so `qadhafi` and `gaddafi` find the same).
        Two words kept DISTINCT never end in one group, even through others (`khamenei`, `khameini`, `khomeini`)."""
        group: dict[str, set[str]] = {}
        for a, b in sorted(self.pairs()):
            ga, gb = group.get(a, {a}), group.get(b, {b})
            if ga is gb or any(frozenset({x, y}) in DISTINCT for x in ga for y in gb):
                continue
            joined = ga | gb
            for w in joined:
                group[w] = joined
        return {w: sorted(g - {w}) for w, g in sorted(group.items()) if len(g) <= MAX_GROUP}
