"""Every mention of a cable's candidates counted in its text, with lone surnames folded into full names."""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from . import gazetteer as gz
from .gazetteer import TITLES, norm
from .names import (
    NAME_CHARS,
    NOT_NAME,
    PLACE_CUES,
    SPACES,
    Cand,
    Group,
    counter,
    prefer,
    surname_keys,
    surname_owners,
)
from .tokens import Tok


def count_mentions(segs: list[tuple[list[Tok], list[int], str, bool]], cands: dict[tuple[str, ...], Cand],
           open_word=None) -> tuple[dict[tuple[str, ...], Group], tuple[tuple[str, int, int, int, int], ...]]:
    """Every mention of the candidates in the cable's text, with surnames folded into full names.

    Also counts the capitalised words no mention claimed (`open_word` says which may be names), how often each
    follows a place word (`in`, `from`), how often it stands alone, with no capitalised word beside it, and how
    often a title stands before it: (word as written, count, after a place word, alone, after a title). A surname
    whose full name another cable teaches is only known at the second reading, which folds these counts or
    decides the word.
    """
    forms: dict[tuple[str, ...], tuple[str, ...]] = {}
    votes = {key: c.type() for key, c in cands.items()}
    for key, c in cands.items():
        for f in (*c.forms, *c.aliases):
            forms.setdefault(norm(f), key)
        forms.setdefault(key, key)
    owners = surname_owners(key for key in cands if votes[key] == "PER")
    folded: set[tuple[str, ...]] = set()
    shared = _other_bearers(segs, owners, open_word)
    for s, ks in owners.items():
        if len(ks) != 1 or s in shared:
            continue
        own = cands.get(forms.get(s, s))
        if own is not None and own.type() != "PER" and not own.person:
            place = gz.places().get(" ".join(s))
            if own.types.get("ORG") or (place and place.tier == gz.TIER_COUNTRY):
                continue  # `Jordan` the country stays a place even where a Mr. Jordan is named
        target = forms.get(s, s)
        if target in (s, ks[0]) or target in surname_keys(ks[0]):  # `Al-Marri`, the lone surname of Rashid Al-Marri
            forms[s] = ks[0]
            if target in cands and target != ks[0]:
                folded.add(target)
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
    groups: dict[tuple[str, ...], Group] = {}
    opened: Counter = counter()
    placed: Counter = counter()
    inside: Counter = counter()  # written beside another capitalised word: part of a longer name (`Bank Negara`)
    cued: Counter = counter()  # after a title: `Ambassador Zhovtis`, `President Kadyrov`

    def open_mention(toks: list[Tok], i: int) -> None:
        form = POSSESSIVE.sub("", toks[i].text)
        opened[form] += 1
        if i and not toks[i].brk and toks[i - 1].key in PLACE_CUES:
            placed[form] += 1
        if _person_cue(toks, i):
            cued[form] += 1  # `Interior Minister Remkes`: a title beside it, not a longer name
        elif _inside_phrase(toks, i):
            inside[form] += 1
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
                    if ok and alone(toks, i, caps, open_seen):
                        open_mention(toks, i)
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
                        and alone(toks, i, caps, open_seen):
                    open_mention(toks, i)
                continue
            target = forms[key[:best]]
            form = mention_of(text[t.start:toks[i + best - 1].end])
            g = groups.get(target)
            if g is None:
                g = groups[target] = Group()
            g.add(votes[target], form)
            nxt = i + best
    for key, c in cands.items():  # found only where the counter does not read (a split line): still named once
        if key not in groups and key not in folded:
            g = groups.setdefault(key, Group())
            g.add(c.type(), prefer(c.forms) if c.forms else " ".join(key))
    for key, g in groups.items():
        g.person = cands[key].person or votes[key] == "PER"
        for a in cands[key].aliases:
            if a not in g.forms:
                g.forms[a] += 0
    return groups, tuple(sorted((f, n, placed[f], n - inside[f], cued[f]) for f, n in opened.items()))


POSSESSIVE = re.compile(r"['’][sS]$")


@functools.lru_cache(maxsize=50_000)
def mention_of(written: str) -> str:
    """A mention as counted: on one line, without a possessive (`Bahrain's` counts for `Bahrain`)."""
    return POSSESSIVE.sub("", SPACES.sub(" ", written))


@functools.lru_cache(maxsize=50_000)
def form_of(words: str) -> str:
    """A name as recorded: trimmed, without a possessive; empty when it has no name in it (`--`, `A`)."""
    form = POSSESSIVE.sub("", words.strip(" -,"))
    return form if form and NAME_CHARS.search(form) else ""


def alone(toks: list[Tok], i: int, caps: bool, open_word) -> bool:
    """A word not preceded by another name word (`Vautrin said`, `Ambassador Vautrin`, `al Ghoraifi`).

    `Dawood Ibrahim` does not count as a mention of another Ibrahim, nor a full name's last word as a surname.
    """
    j = i - 1
    while j >= 0 and not toks[j + 1].brk and toks[j].key in gz.NAME_PARTICLES:
        j -= 1  # `Abdulla al Ghoraifi`: the particle belongs to the name
    if j < 0 or toks[j + 1].brk:
        return True
    prev = toks[j]
    if prev.key in NOT_NAME or prev.shape == "num" or (prev.shape == "lower" and not caps):
        return True
    return not open_word(prev.key, caps)


def _person_cue(toks: list[Tok], i: int) -> bool:
    """A title before the word (`Ambassador Zhovtis`, `President Kadyrov`); a verb of saying is no cue, since
    parties speak too (`Wifaq said`)."""
    return i > 0 and not toks[i].brk and toks[i - 1].key in TITLES


def _inside_phrase(toks: list[Tok], i: int) -> bool:
    """A word written next to another capitalised word, with no break: a piece of a name no rule read."""
    before = i > 0 and not toks[i].brk and toks[i - 1].shape in ("cap", "upper")
    after = i + 1 < len(toks) and not toks[i + 1].brk and toks[i + 1].shape in ("cap", "upper")
    return before or after


def _other_bearers(segs: list[tuple[list[Tok], list[int], str, bool]], owners: dict[tuple[str, ...], list],
                   open_word) -> set[tuple[str, ...]]:
    """Surnames the text also writes after another name (`Fidel Castro` where `Vilma ... de Castro` is named).

    Such a surname may be either person: its lone mentions are not folded into the one full name the first
    reading found (the second reading may find the other person, and then both are left apart).
    """
    lone = {s[0]: set(ks[0][:-1]) for s, ks in owners.items() if len(s) == 1 and len(ks) == 1}
    out: set[tuple[str, ...]] = set()
    if not lone or open_word is None:
        return out
    for toks, marks, _text, caps in segs:
        if caps:
            continue  # in capitals every word looks like a name
        for i in marks:
            t = toks[i]
            own = lone.get(t.key)
            if own is None or i == 0 or t.brk:
                continue
            run = []  # the name words written before it: `Fidel`, `Houda Ezra`
            j = i - 1
            while j >= 0 and toks[j].shape == "cap" and not POSSESSIVE.search(toks[j].text) and (
                    toks[j].key in gz.NAME_PARTICLES or open_word(toks[j].key, False)):
                run.append(toks[j].key)
                if toks[j].brk:
                    break
                j -= 1
            names = [k for k in run if k not in gz.NAME_PARTICLES]
            if names and not own.intersection(names):
                out.add((t.key,))
    return out
