"""Every mention of a cable's candidates counted in its text, with lone surnames folded into full names."""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from . import gazetteer as gz
from .gazetteer import norm
from .names import (
    NAME_CHARS,
    NOT_NAME,
    SPACES,
    Cand,
    Group,
    counter,
    prefer,
    surname_keys,
)
from .tokens import Tok


def count_mentions(segs: list[tuple[list[Tok], list[int], str, bool]], cands: dict[tuple[str, ...], Cand],
           open_word=None) -> tuple[dict[tuple[str, ...], Group], Counter]:
    """Every mention of the candidates in the cable's text, with surnames folded into full names.

    Also counts the capitalised words no mention claimed (`open_word` says which may be names): a surname whose
    full name another cable teaches is only known at the second reading, which folds these counts.
    """
    forms: dict[tuple[str, ...], tuple[str, ...]] = {}
    votes = {key: c.type() for key, c in cands.items()}
    for key, c in cands.items():
        for f in (*c.forms, *c.aliases):
            forms.setdefault(norm(f), key)
        forms.setdefault(key, key)
    owners: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in cands:
        if len(key) >= 2 and votes[key] == "PER":
            for s in surname_keys(key):
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
    groups: dict[tuple[str, ...], Group] = {}
    opened: Counter = counter()
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
                        opened[POSSESSIVE.sub("", t.text)] += 1
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
                    opened[POSSESSIVE.sub("", t.text)] += 1
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
    return groups, opened


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
