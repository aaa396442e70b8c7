"""One type, name and alias set per entity across the archive, and the report of its conflicts."""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import replace

from ..record import Entity
from . import gazetteer as gz
from .gazetteer import norm
from .knowledge import Learned
from .names import (
    canonical_key,
    counter,
    decide,
    display_name,
    entity_order,
    prefer,
    surname_owners,
    vote,
)


def merge_archive(cables: list, learned: Learned) -> tuple[list, list[str]]:
    """One type, name and alias set per entity across the archive; reads `.format`, `.origin_name`, `.tags` and
    `.entities` only."""
    return _merge_archive(cables, learned.acronyms)


def _merge_archive(cables: list, acronyms: dict[str, tuple[str, str]]) -> tuple[list, list[str]]:
    """One type, canonical name and alias set per entity across all cables; conflicts go to the report."""
    report: list[str] = []
    # identity: canonical key of each (cable, entity)
    ident: dict[tuple[str, ...], dict] = {}
    keyed: list[list[tuple[tuple[str, ...], Entity]]] = []
    for c in cables:
        row = []
        annotated = c.format == "annotated"
        home = _home(c)
        for e in c.entities:
            key = canonical_key(e.type, e.name)
            if len(key) == 1 and key[0].upper() in acronyms and e.name.isupper() and not annotated:
                key = norm(acronyms[key[0].upper()][1])
            if home and e.type == "ORG" and _national_body(key):
                key = (*key, "@" + home)  # `Ministry of Interior` of Bahrain is not that of Pakistan
            row.append((key, e))
            d = ident.get(key)
            if d is None:
                d = ident[key] = {"types": counter(), "forms": counter(), "cables": 0}
            d["types"][e.type] += e.count
            d["forms"][e.name] += e.count
            for a in e.aliases:
                d["forms"][a] += 0
            d["cables"] += 1
        keyed.append(row)
    alias_of = _longer_names(ident)
    alias_of.update(_spelling_variants(ident, alias_of))
    alias_of.update(_lone_surnames(ident, alias_of, report))
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
        typ = decide(d["types"], d["forms"])
        if len(d["types"]) > 1:
            votes = ", ".join(f"{t} {n}" for t, n in sorted(d["types"].items(), key=lambda kv: (-kv[1], kv[0])))
            report.append(f"entity '{prefer(d['forms'])}': typed {votes}; kept {typ}")
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
        out.append(replace(c, entities=tuple(sorted(ents, key=entity_order))))
    return out, sorted(set(report))


def _is_person(d: dict) -> bool:
    return vote(d["types"]) == "PER"


def _longer_names(ident: dict) -> dict[tuple[str, ...], tuple[str, ...]]:
    """A shorter full name joins the one longer name it ends or opens (`Ben Bot` -> `Bernard Ben Bot`,
    `Khalid bin Ahmed` -> `Khalid bin Ahmed Al Khalifa`)."""
    longer: dict[tuple[str, ...], set] = defaultdict(set)
    for key, d in ident.items():
        if len(key) >= 3 and _is_person(d):
            for k in range(1, len(key) - 1):
                longer[key[k:]].add(key)
            for k in range(2, len(key)):
                longer[key[:k]].add(key)
    # the longer name must be written in a quarter as many cables at least: a headline's `Wrecks Gordon Brown`
    # (one cable) does not take in the 33 cables of `Gordon Brown`
    return {key: next(iter(longer[key])) for key in sorted(longer)
            if key in ident and len(longer[key]) == 1 and _is_person(ident[key])
            and ident[next(iter(longer[key]))]["cables"] * 4 >= ident[key]["cables"]}


def _spelling_variants(ident: dict, alias_of: dict) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Full names of one person written two ways join the most named (`Nicholas Sarkozy` -> `Nicolas Sarkozy`,
    `Chris Henzel` -> `Christopher Henzel`, `Gerald Alckmin` -> `Geraldo Alckmin`): same surname, and each other
    word the same, a short form of it, or one letter apart."""
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key, d in ident.items():
        if len(key) >= 2 and key not in alias_of and _is_person(d):
            by_last[key[-1]].append(key)
    out = {}
    for keys in by_last.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-ident[k]["cables"], -sum(ident[k]["types"].values()), k))
        heads: list[tuple[str, ...]] = []
        for key in keys:
            head = next((h for h in heads if _same_name(h, key)), None)
            if head is None:
                heads.append(key)
            else:
                out[key] = head
    return out


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two keys with one surname whose other words match word for word, allowing short forms and typos."""
    return len(a) == len(b) and all(_same_word(x, y) for x, y in zip(a[:-1], b[:-1]))


def _same_word(x: str, y: str) -> bool:
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if len(short) >= 4 and long.startswith(short):
        return True  # `Chris` for `Christopher`, `Gerald` for `Geraldo`
    return len(short) >= 5 and len(long) - len(short) <= 1 and _one_edit(short, long)


def _one_edit(a: str, b: str) -> bool:
    """True when b is a with one letter changed or inserted (a no longer than b)."""
    if len(a) == len(b):
        return sum(p != q for p, q in zip(a, b)) == 1
    i = next((k for k, (p, q) in enumerate(zip(a, b)) if p != q), len(a))
    return a[i:] == b[i + 1:]


DOMINANT = 0.9  # share of a surname's full-name mentions that makes one person its owner archive-wide


def _lone_surnames(ident: dict, alias_of: dict, report: list[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """A surname alone joins the one full name it ends across the archive, or the person who holds nine tenths
    of the mentions of that surname's full names (`Sobel`: Clifford M. Sobel, not the one Henry Sobel); else it
    stays apart, and the report says whom it may name (`Blair`, `Castro`)."""
    by_surname = surname_owners(key for key, d in ident.items() if key not in alias_of and _is_person(d))
    out = {}
    for key, d in sorted(ident.items()):
        if len(key) != 1 or not _is_person(d) or key not in by_surname:
            continue
        owners = sorted(set(by_surname[key]), key=lambda o: (-sum(ident[o]["types"].values()), o))
        weights = [sum(ident[o]["types"].values()) for o in owners]
        if len(owners) == 1 or weights[0] >= DOMINANT * sum(weights) and ident[owners[0]]["cables"] >= 3:
            out[key] = owners[0]
        else:
            report.append(f"entity '{prefer(d['forms'])}': surname of {len(owners)} people "
                          f"({', '.join(prefer(ident[o]['forms']) for o in owners[:4])}); left apart")
    return out


# what every country has: `Foreign Ministry`, `Central Bank`, `Supreme Court`, `Socialist Party`, `Armed Forces`
_GOVERNMENT = frozenset("ministry ministries government cabinet parliament police bank court assembly party forces "
                        "force army navy senate".split())
_WORLD = frozenset("international world global united regional".split())  # `International Criminal Court`


@functools.lru_cache(maxsize=200_000)
def _national_body(key: tuple[str, ...]) -> bool:
    """A body every country has, named without its country: `Ministry of Interior`, `GOC`, `Central Bank` (cached:
    asked once for every organisation of every cable, in the one process that merges the archive)."""
    if len(key) == 1 and len(key[0]) in (3, 4) and key[0].startswith("go"):
        return True  # `GOC`: Colombia's, Chile's, Cuba's government, by the cable
    if not any(w in _GOVERNMENT for w in key) or any(w in _WORLD for w in key) or gz.base_gazetteer().get(key):
        return False
    places = gz.places()
    return not any(w in gz.DEMONYMS or w in places for w in key) and not any(
        f"{a} {b}" in places for a, b in zip(key, key[1:]))


def _home(cable) -> str | None:
    """The country whose ministry an unqualified one is: the station's (`Embassy Manama`), else the first
    country tag's (the department's cables; `EU` is the Union here, not Europa Island)."""
    home = gz.country_of_station(getattr(cable, "origin_name", None) or "")
    if home:
        return home
    for tag in getattr(cable, "tags", ()):
        country = gz.country_of_tag(tag) if tag not in _NOT_COUNTRY_TAGS else None
        if country:
            return country
    return None


_NOT_COUNTRY_TAGS = frozenset({"EU", "UN", "XX"})  # FIPS codes cables use for something else


def _display(key: tuple[str, ...], forms, typ: str) -> str:
    """The display name, with the country of a national body: `Ministry of Interior (Bahrain)`."""
    if key and key[-1].startswith("@"):
        return f"{display_name(key[:-1], forms, typ)} ({key[-1][1:]})"
    return display_name(key, forms, typ)
