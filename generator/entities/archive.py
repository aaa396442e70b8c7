"""One type, name and alias set per entity across the archive, and the report of its conflicts."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..record import Entity
from .gazetteer import norm
from .knowledge import Learned
from .names import (
    canonical_key,
    counter,
    decide,
    display_name,
    entity_order,
    prefer,
    surname_keys,
    vote,
)


def merge_archive(cables: list, learned: Learned) -> tuple[list, list[str]]:
    """One type, name and alias set per entity across the archive; reads only `.id`, `.format`, `.entities`."""
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
        for e in c.entities:
            key = canonical_key(e.type, e.name)
            if len(key) == 1 and key[0].upper() in acronyms and e.name.isupper() and not annotated:
                key = norm(acronyms[key[0].upper()][1])
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
    # a shorter full name joins the one longer name it ends (`Ben Bot` -> `Bernard Ben Bot`)
    alias_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    longer: dict[tuple[str, ...], set] = defaultdict(set)
    for key, d in ident.items():
        if len(key) >= 3 and vote(d["types"]) == "PER":
            for k in range(1, len(key) - 1):
                longer[key[k:]].add(key)
    for key in sorted(longer):
        if key in ident and len(longer[key]) == 1 and vote(ident[key]["types"]) == "PER":
            alias_of[key] = next(iter(longer[key]))
    # surnames alone join the one full name they end, across the archive
    by_surname: dict[tuple[str, ...], set] = defaultdict(set)
    for key, d in ident.items():
        if len(key) >= 2 and key not in alias_of and vote(d["types"]) == "PER":
            for s in surname_keys(key):
                by_surname[s].add(key)
    for key, d in sorted(ident.items()):
        if len(key) == 1 and vote(d["types"]) == "PER" and key in by_surname:
            owners = sorted(by_surname[key])
            if len(owners) == 1:
                alias_of[key] = owners[0]
            else:
                report.append(f"entity '{prefer(d['forms'])}': surname of {len(owners)} people "
                              f"({', '.join(prefer(ident[o]['forms']) for o in owners[:4])}); left apart")
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
        final[key] = (typ, display_name(key, d["forms"], typ))
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
