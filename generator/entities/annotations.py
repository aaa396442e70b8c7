"""Annotated spans cleaned into entities: the part of the entity pass that the parser uses (below `parse`)."""
from __future__ import annotations

import re

from ..record import Entity
from . import gazetteer as gz
from .gazetteer import GENERIC, norm
from .names import (
    ABBREV,
    TYPES,
    Group,
    canonical_key,
    full_name,
    prefer,
    surname_owners,
)

# --- annotation cleaning -------------------------------------------------------------------------------------

_JUNK = re.compile(r"^(?:DECL:?|E\.?O\.?|TAGS?:?|SUBJECT:?|REF:?|REFTEL|SIPDIS|NOFORN|[\W\d_]+)$", re.I)
_LOWER_OK = gz.CONNECTORS | {"and", "of", "the", "on", "for", "in", "to", "y", "e"}


def clean_span(name: str) -> str | None:
    """An annotated span trimmed of punctuation, or None when it is junk (`DECL:`, a clause, a symbol)."""
    s = re.sub(r"\s+", " ", name).strip(" \t,;:()[]{}\"'“”‘’-")
    s = re.sub(r"\s*['’]s$", "", s)
    if not ABBREV.match(s.rstrip(".")):
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


def from_annotations(spans: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> tuple[Entity, ...]:
    """Entities of one annotated cable: junk rejected, case variants and surname-only mentions merged."""
    groups: dict[tuple[str, ...], Group] = {}
    for typ, raw in spans:
        name = clean_span(raw)
        if not name or typ not in TYPES:
            continue
        if typ == "LOC":
            name = _place_prefix(name)
        key = canonical_key(typ, name)
        groups.setdefault(key, Group()).add(typ, name)
    _merge_surnames(groups)
    return tuple(sorted((g.entity() for g in groups.values()), key=lambda e: (e.type, e.name.lower(), e.name)))


def annotation_notes(spans: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> list[str]:
    """What cleaning did to one cable's annotations, for the build report: spans rejected, types overruled."""
    notes = []
    groups: dict[tuple[str, ...], Group] = {}
    for typ, raw in spans:
        name = clean_span(raw)
        if not name or typ not in TYPES:
            notes.append(f"annotation [{typ} {raw.strip()}] rejected")
            continue
        if typ == "LOC":
            name = _place_prefix(name)
        groups.setdefault(canonical_key(typ, name), Group()).add(typ, name)
    notes += _merge_surnames(groups)
    for g in groups.values():
        if len(g.types) > 1:
            e = g.entity()
            tally = ", ".join(f"{t} {n}" for t, n in sorted(g.types.items(), key=lambda kv: (-kv[1], kv[0])))
            notes.append(f"annotation '{e.name}' tagged {tally}; kept {e.type}")
    return sorted(dict.fromkeys(notes))


def _merge_surnames(groups: dict[tuple[str, ...], Group]) -> list[str]:
    """Fold short mentions (`Costner`, `Pickard`) into the one full personal name in the cable they end."""
    full = surname_owners(key for key, g in groups.items() if g.type() == "PER")
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
            notes.append(f"annotation '{prefer(moved.forms)}' tagged {tally}; joins PER '{full_name(target.forms)}'")
        target.absorb(moved, as_type="PER")
    return notes
