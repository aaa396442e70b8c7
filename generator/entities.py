"""Named entities: cleaned annotations now; extraction from plain text builds on this module."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .record import Entity

_JUNK = re.compile(r"^(?:DECL:?|E\.?O\.?|TAGS?:?|SUBJECT:?|REF:?|[\W\d_]+)$", re.I)
_CLAUSE_WORDS = {"concurs", "proposes", "envisions", "views", "requests", "is", "are", "was", "were", "will",
                 "would", "should", "has", "have", "with"}


def clean_span(name: str) -> str | None:
    """An annotated span trimmed of punctuation, or None when it is junk (`DECL:`, a clause, a symbol)."""
    s = re.sub(r"\s+", " ", name).strip(" \t,;:.()[]{}\"'“”‘’-")
    s = re.sub(r"['’]s$", "", s)
    if not s or _JUNK.match(s) or len(s) > 80:
        return None
    words = s.split()
    if len(words) >= 3 and any(w.lower() in _CLAUSE_WORDS for w in words[1:]):
        return None
    return s


def _prefer(names: Counter) -> str:
    """The display form among variants: mixed case over all capitals, then the most frequent, then the longest."""
    return sorted(names, key=lambda n: (n.isupper(), -names[n], -len(n), n))[0]


def from_annotations(spans: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> tuple[Entity, ...]:
    """Entities of one annotated cable: junk rejected, case variants and surname-only mentions merged."""
    groups: dict[str, dict] = {}
    for typ, raw in spans:
        name = clean_span(raw)
        if not name:
            continue
        g = groups.setdefault(name.lower(), {"names": Counter(), "types": Counter()})
        g["names"][name] += 1
        g["types"][typ] += 1
    # surname-only mentions join the one full name in the cable that ends with them
    keys = sorted(groups)
    for key in keys:
        if " " in key or key not in groups:
            continue
        fulls = [k for k in groups if k != key and " " in k and k.split()[-1] == key
                 and groups[k]["types"].most_common(1)[0][0] == "PER"]
        if len(fulls) == 1:
            target = groups[fulls[0]]
            target["names"].update(groups[key]["names"])
            target["types"].update(groups[key]["types"])
            del groups[key]
    out = []
    for g in groups.values():
        name = _prefer(g["names"])
        types = g["types"]
        typ = sorted(types, key=lambda t: (-types[t], t != "PER", t))[0]
        aliases = tuple(sorted(n for n in g["names"] if n != name))
        out.append(Entity(typ, name, aliases, sum(g["names"].values())))
    return tuple(sorted(out, key=lambda e: (e.type, e.name.lower(), e.name)))


def merged_types(entities: list[Entity]) -> dict[str, str]:
    """One type per entity name across many cables, by the weight of its mentions."""
    weight: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        weight[e.name.lower()][e.type] += e.count
    return {k: sorted(c, key=lambda t: (-c[t], t))[0] for k, c in weight.items()}
