"""The second reading: a cable's open phrases decided with what every cable taught."""
from __future__ import annotations

from collections import defaultdict

from ..record import Entity
from . import gazetteer as gz
from .gazetteer import Gazetteer, norm, wkey
from .knowledge import Knowledge, Learned, Names
from .mentions import POSSESSIVE
from .names import (
    NOT_NAME,
    Group,
    canonical_key,
    entities_of,
    is_full_name,
    surname_owners,
    trimmed,
)
from .reading import Reading
from .tokens import Vocab


def second_reading(reading: Reading, k: Knowledge, learned: Learned) -> tuple[Entity, ...]:
    """A cable's open phrases decided with what the whole archive taught (pure, per cable)."""
    return resolve(reading.entities, reading.weak + _learned_people(reading.spans, learned.people, learned.longest),
                   learned.gazetteer(k), k.vocab, learned.given, learned.surnames, reading.words, learned.last_names)


def _learned_people(spans: tuple, people: Names, longest: int) -> tuple:
    """Full names other cables taught, found inside phrases the first reading left open (`... Advisor Bruno Joubert`).

    Slices are tried from the longest name learned down, never the whole rest of a phrase: a run of a thousand
    capitalised words costs a thousand look-ups of a few words each, not a million slices.
    """
    out = []
    for key, words in spans:
        k = 0
        while k < len(key) - 1:
            for ln in range(min(len(key) - k, longest), 1, -1):
                if key[k:k + ln] in people:
                    name = people[key[k:k + ln]][1]  # as written where it was learned: `Jeffrey D. Feltman`
                    out.append((key[k:k + ln], tuple(name.split()) if norm(name) == key[k:k + ln]
                                else words[k:k + ln]))
                    k += ln
                    break
            else:
                k += 1
    return tuple(out)


REPEATED = 3  # mentions that make an unknown capitalised word a name of its cable


def resolve(ents: tuple[Entity, ...], weak: tuple, gaz: Gazetteer, vocab: Vocab, given: set[str],
            surnames: dict[str, tuple[str, ...]], unclaimed: tuple = (),
            last_names: frozenset[str] = frozenset()) -> tuple[Entity, ...]:
    """Decide a cable's open phrases with what the whole archive taught (names, given names, acronyms).

    `unclaimed` are the cable's capitalised words no mention claimed: the lone surnames of people decided here join
    them, and a word written REPEATED times or more is a name of the cable in its own right.
    """
    if not weak and not any(alone >= REPEATED for _f, _n, _p, alone, _c in unclaimed):
        return ents
    groups: dict[tuple[str, ...], Group] = {}
    for e in ents:
        key = canonical_key(e.type, e.name)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group()
        g.types[e.type] += e.count
        g.forms[e.name] += e.count
        for a in e.aliases:
            g.forms[a] += 0
        g.person = g.person or e.type == "PER"
    counted = set(groups)
    decided = _repeated(unclaimed, last_names)
    people = {k[-1] for k, g in groups.items() if g.person} | {k for k, (t, _f) in decided.items() if t == "PER"}
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
        form = trimmed(typ, " ".join(words))
        if not form:
            continue
        k = target or canonical_key(typ, form)
        if k in counted:
            continue  # its every mention was counted at the first reading
        g = groups.get(k)
        if g is None:
            g = groups[k] = Group()
        g.add(typ, form)
        g.person = g.person or person
    _fold_surnames(groups, counted)
    folded = _fold_open(groups, counted, unclaimed, given)
    _add_repeated(groups, decided, folded)
    return entities_of(groups)


def _fold_open(groups: dict[tuple[str, ...], Group], counted: set, words: tuple, given) -> set[str]:
    """Every lone surname mention (`Vautrin opened ...`) counted into the one person of the cable it names.

    Only for people decided at the second reading: the first reading counted its own people's surnames. A full
    name's last word is not among them (`alone`); a surname that is also someone's first name is left apart.
    Returns the surnames folded.
    """
    folded: set[str] = set()
    if not words:
        return folded
    written: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for form, n, _placed, _alone, _cued in words:
        written[wkey(form)].append((form, n))
    people = [key for key, g in groups.items() if g.type() == "PER"]
    owners = {s[0]: ks for s, ks in surname_owners(people).items() if len(s) == 1}
    firsts = {key[0] for key in people if is_full_name(key)}
    for s, ks in owners.items():
        if len(ks) != 1 or ks[0] in counted or s not in written or s in firsts or s in given:
            continue
        g = groups[ks[0]]
        folded.add(s)
        for form, n in written[s]:
            if n > g.forms.get(form, 0):
                g.forms[form] = n
    return folded


def _repeated(words: tuple, surnames: frozenset[str]) -> dict[str, tuple[str, list[tuple[str, int]]]]:
    """Capitalised words no rule claimed but written REPEATED times: what the cable is about, not noise.

    `Kadyrov` (56 times in 07MOSCOW3579), `Zhovtis`, `Chechnya`: a place where it mostly follows a place word
    (`in Chechnya`, `from Dagestan`), a person where a title stands before it at least once or where the
    archive names someone of that surname with a cue (`Castro`, even where both Raul Castro and Vilma Espin de
    Castro are named). Acronyms are not decided this way, nor a word with neither cue. Word -> (type, forms).
    """
    totals: dict[str, tuple[int, int, int, int, list[tuple[str, int]]]] = {}
    for form, n, placed, alone, cued in words:
        key = wkey(form)
        seen, at_place, free, cues, forms = totals.get(key, (0, 0, 0, 0, []))
        totals[key] = (seen + n, at_place + placed, free + alone, cues + cued, [*forms, (form, n)])
    out = {}
    for key, (n, at_place, free, cues, forms) in totals.items():
        if free < REPEATED or all(f.isupper() for f, _n in forms) or not _name_like(key, totals):
            continue
        typ = "LOC" if at_place * 4 >= n else "PER" if cues or key in surnames else None
        if typ is not None:  # else `Sharia`, `Ulama`: repeated, but nothing says a person or a place
            out[key] = (typ, forms)
    return out


def _add_repeated(groups: dict[tuple[str, ...], Group], decided: dict, folded: set[str]) -> None:
    """The repeated words no person of the cable took in: a first name joins its one person (`Raul`), any
    other becomes a name of its own."""
    firsts = _first_names(groups)
    claimed = {wkey(f) for g in groups.values() for f in g.forms if " " not in f}  # `ALBA` for Aluminum Bahrain
    for key, (typ, forms) in decided.items():
        if key in folded or (key,) in groups or key in claimed:
            continue
        owner = firsts.get(key)
        g = groups[owner] if owner is not None else groups.setdefault((key,), Group())
        for form, m in forms:
            if owner is not None:
                g.forms[form] += m
            else:
                g.add(typ, form, m)


def _first_names(groups: dict[tuple[str, ...], Group]) -> dict[str, tuple[str, ...]]:
    """First name -> the one person of the cable it opens (`Vilma Espin`, `Vilma Espin Guillois de Castro`: one)."""
    people: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key, g in groups.items():
        if len(key) >= 2 and g.type() == "PER":
            people[key[0]].append(key)
    out = {}
    for first, keys in people.items():
        longest = max(keys, key=lambda k: (len(k), k))
        if all(longest[:len(k) - 1] == k[:-1] or set(k) <= set(longest) for k in keys):
            out[first] = longest
    return out


def _name_like(key: str, words: dict) -> bool:
    """Not one of a singular and plural pair (`Chechen` and `Chechens`, `Scud` and `Scuds`: people of a place,
    things counted), nor a compound of common words. (Known demonyms never get here: they are no open word.)"""
    if key.endswith("s") and key[:-1] in words or key + "s" in words or key + "es" in words:
        return False
    return not any(part in NOT_NAME for part in key.split("-"))


def _fold_surnames(groups: dict[tuple[str, ...], Group], counted: frozenset | set = frozenset()) -> None:
    """Lone surnames found late (`Rajoelina`) join the one full personal name of the cable they end.

    A surname the first reading counted (`counted`) was counted inside each full mention found later too: those
    are taken off, so `George Mitchell ... Mitchell` stays one mention each.
    """
    owners = surname_owners(key for key, g in groups.items() if g.type() == "PER")
    for s, ks in owners.items():
        if len(ks) == 1 and s in groups and ks[0] in groups and s != ks[0] and groups[s].type() == "PER":
            moved, target = groups.pop(s), groups[ks[0]]
            if s in counted and ks[0] not in counted:
                for f, n in list(target.forms.items()):
                    last = POSSESSIVE.sub("", f.rsplit(" ", 1)[-1]) if " " in f else None
                    if last in moved.forms:
                        take = min(n, moved.forms[last])
                        moved.forms[last] -= take
                        moved.types["PER"] -= take
            target.absorb(moved, as_type="PER")
