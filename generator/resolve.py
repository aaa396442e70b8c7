"""The archive: every cable once, references resolved both ways, and the indexes the site is browsed by.

Everything here is computed in one pass over the cables (plus sorting), so resolving stays linear in the size
of the archive; renderers only look things up.
"""
from __future__ import annotations

import csv
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources

from . import ids, urls
from .record import Cable, Entity

TAG_KINDS = ("subject", "program", "organization", "geographic", "unknown")
_FORMAT_RANK = {"wikileaks-html": 4, "html": 4, "text": 3, "csv": 2, "annotated": 1}
CO_ENTITIES = 12  # entities per cable considered for "named together" (keeps the pass linear)
ENTITY_MIN_CABLES = 2  # cables that must name an entity for it to get a page (most names occur in one cable)


@dataclass(frozen=True)
class TagInfo:
    """What a TAGS code means and where the meaning comes from (generator/data/SOURCES.md)."""

    code: str
    kind: str
    meaning: str | None
    source: str | None


@dataclass
class EntityInfo:
    """One entity: every cable that names it, newest first, and whether it has a page of its own."""

    key: str  # its docs path (if it has a page), so spellings that share a page share an entry
    type: str
    names: Counter = field(default_factory=Counter)
    cables: list[str] = field(default_factory=list)
    mentions: int = 0
    together: Counter = field(default_factory=Counter)
    has_page: bool = True  # set by `resolve` (`mark_pages`), the one place that decides

    @property
    def name(self) -> str:
        """Display name: mixed case over all capitals, then the most mentioned, then the longest."""
        return sorted(self.names, key=lambda n: (n.isupper(), -self.names[n], -len(n), n))[0]

    @property
    def aliases(self) -> list[str]:
        """Every other spelling seen."""
        name = self.name  # a sort: once, not once per spelling
        return sorted(n for n in self.names if n != name)


@dataclass(frozen=True)
class Duplicate:
    """Several inputs gave the same cable ID: the newest is shown, the others are kept as its other versions."""

    id: str
    kept: str
    dropped: tuple[str, ...]  # newest first
    same: tuple[str, ...] = ()  # those of `dropped` whose text is the shown one's: copies, not versions


@dataclass
class Archive:
    """The resolved archive the renderers read; every list of cable IDs is newest first."""

    cables: dict[str, Cable]
    order: list[str]
    index: dict[str, str]
    cited_by: dict[str, list[str]]
    missing: dict[str, list[str]]
    tags: dict[str, list[str]]
    tag_info: dict[str, TagInfo]
    origins: dict[str, list[str]]
    origin_names: dict[str, str]
    years: dict[int, list[str]]
    months: dict[tuple[int, int], list[str]]
    no_month: dict[int, list[str]]
    classifications: dict[str, list[str]]
    caveats: dict[str, list[str]]
    entities: dict[str, EntityInfo]
    duplicates: list[Duplicate]
    versions: dict[str, list[Cable]] = field(default_factory=dict)  # ID -> the inputs not shown, newest first
    inputs: list[str] = field(default_factory=list)  # IDs shown, in the order their inputs were read (downloads)
    entity_min_cables: int = ENTITY_MIN_CABLES  # the threshold `entities` was marked with (pages say it)

    def has_entity_page(self, key: str) -> bool:
        """True when the entity of this key has a page to link to (an unknown key has none: no dangling link)."""
        info = self.entities.get(key)
        return info is not None and info.has_page

    def target(self, ref_id: str) -> str:
        """Archive ID a reference points at (through aliases), or the reference's own ID when it is missing."""
        return self.index.get(ref_id, ref_id)

    def has(self, cable_id: str) -> bool:
        """True when the cable is in the archive (not merely cited)."""
        return cable_id in self.cables


@functools.lru_cache(maxsize=1)
def tag_table() -> dict[str, TagInfo]:
    """The TAGS meanings shipped in generator/data/tags.tsv."""
    text = resources.files("generator.data").joinpath("tags.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {r["code"]: TagInfo(r["code"], r["kind"], r["description"] or None, r["source"] or None) for r in rows}


def tag_info(code: str) -> TagInfo:
    """Meaning of one TAGS code; codes the table does not know are of kind `unknown`."""
    return tag_table().get(code.upper()) or TagInfo(code, "unknown", None, None)


def marking(text: str | None) -> str:
    """A classification or caveat as indexed: upper case, single spaces (so spellings share one page)."""
    return " ".join((text or "").upper().split())


def cited_targets(c: Cable, index: dict[str, str]) -> list[str]:
    """IDs a cable cites, each once and resolved, less its own: a cable quoting its own ID is not its own citer."""
    own = index.get(c.id, c.id)
    return [t for t in dict.fromkeys(index.get(r.id, r.id) for r in c.references if r.id) if t != own]


def cable_year(c: Cable) -> int:
    """Year of a cable: from its date, else from the two digits of its ID."""
    return int(c.date[:4]) if c.date else ids.full_year(c.id[:2])


def sort_key(c: Cable) -> tuple[str, str, str]:
    """Chronological key (date, time, ID); undated cables sort at the start of their ID's year."""
    return (c.date or f"{cable_year(c):04d}", c.time or "", c.id)


def _quality(c: Cable) -> tuple:
    """Which of two inputs of one ID to show: a stated date, then the richer format, then more fields."""
    filled = sum(1 for v in (c.date, c.time, c.subject, c.origin_name, c.from_, c.signer, c.classification,
                              c.declassify, c.header) if v)
    return (bool(c.date) and not c.date_inferred, _FORMAT_RANK.get(c.format, 0), filled, len(c.paragraphs))


_RELEASED = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?")


def released(c: Cable) -> str:
    """The WikiLeaks release date and time of a cable page (`2011-08-30 01:44`), or "" when the input states none."""
    m = _RELEASED.match(c.released or "")
    return m.group(0) if m else ""


def same_text(a: Cable, b: Cable) -> bool:
    """True when two inputs hold the same text (line breaks and spacing aside): copies, not versions."""
    return a.text.split() == b.text.split()


def versions(cables: list[Cable]) -> tuple[list[Cable], list[Duplicate], dict[str, list[Cable]]]:
    """One cable per ID shown, the duplicates listed, and the other inputs of each ID kept, newest first.

    Newest: the later WikiLeaks release date; then the richer input (a stated date, the richer format, more
    fields); then the later input in reading order (a republished copy is read after the first).
    """
    groups: dict[str, list[tuple[tuple, Cable]]] = defaultdict(list)
    for pos, c in enumerate(cables):
        groups[c.id].append(((released(c), _quality(c), pos), c))
    kept: list[Cable] = []
    dups: list[Duplicate] = []
    others: dict[str, list[Cable]] = {}
    for cid in sorted(groups):
        ordered = [c for _k, c in sorted(groups[cid], key=lambda kc: kc[0], reverse=True)]
        best, rest = ordered[0], ordered[1:]
        kept.append(best)
        if rest:
            others[cid] = rest
            dups.append(Duplicate(cid, best.source, tuple(c.source for c in rest),
                                  tuple(c.source for c in rest if same_text(c, best))))
    return kept, dups, others


def dedupe(cables: list[Cable]) -> tuple[list[Cable], list[Duplicate]]:
    """One cable per ID (the newest input, see `versions`), and the duplicates that were set aside."""
    kept, dups, _others = versions(cables)
    return kept, dups


def _index(cables: list[Cable]) -> dict[str, str]:
    """Every name a cable is known by (its ID, its aliases and their canonical forms) -> its archive ID."""
    index: dict[str, str] = {}
    for c in cables:
        for a in c.aliases:
            for form in (a.strip().upper().replace(" ", ""), ids.canonical_id(a)):
                index.setdefault(form, c.id)
    for c in cables:
        index[c.id] = c.id
    return index


def _entities(cables: list[Cable]) -> dict[str, EntityInfo]:
    """Entity pages from each cable's entities; spellings that map to one page are merged."""
    out: dict[str, EntityInfo] = {}
    for c in cables:
        keys: dict[str, int] = {}
        for e in c.entities:
            key = entity_key(e)
            info = out.get(key)
            if info is None:
                info = out[key] = EntityInfo(key, e.type.upper())
            info.names[e.name] += e.count
            for a in e.aliases:
                info.names[a] += 0
            info.mentions += e.count
            if key not in keys:
                info.cables.append(c.id)
            keys[key] = keys.get(key, 0) + e.count
        top = sorted(keys, key=lambda k: (-keys[k], k))[:CO_ENTITIES]
        for k in top:
            for other in top:
                if other != k:
                    out[k].together[other] += 1
    return out


def mark_pages(entities: dict[str, EntityInfo], min_cables: int) -> dict[str, EntityInfo]:
    """Give a page only to entities named in at least `min_cables` cables: a page listing one cable helps no
    reader (the cable is a click away from the name index) and costs MkDocs a page."""
    for info in entities.values():
        info.has_page = len(info.cables) >= min_cables
    return entities


def entity_key(e: Entity) -> str:
    """The page an entity mention links to."""
    return urls.entity(e.type, e.name)


def resolve(cables: list[Cable], entity_min_cables: int = ENTITY_MIN_CABLES) -> Archive:
    """Build the archive from parsed cables: dedupe, index, resolve references, gather every index (entities
    named in fewer than `entity_min_cables` cables get no page)."""
    kept, dups, others = versions(cables)
    kept.sort(key=sort_key, reverse=True)
    index = _index(kept)
    by_id = {c.id: c for c in kept}
    cited_by: dict[str, list[str]] = defaultdict(list)
    tags: dict[str, list[str]] = defaultdict(list)
    origins: dict[str, list[str]] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    years: dict[int, list[str]] = defaultdict(list)
    months: dict[tuple[int, int], list[str]] = defaultdict(list)
    no_month: dict[int, list[str]] = defaultdict(list)
    classes: dict[str, list[str]] = defaultdict(list)
    caveats: dict[str, list[str]] = defaultdict(list)
    for c in kept:
        for target in cited_targets(c, index):
            cited_by[target].append(c.id)
        for t in c.tags:
            tags[t].append(c.id)
        if c.origin:
            origins[c.origin].append(c.id)
            if c.origin_name:
                names[c.origin][c.origin_name] += 1
        y = cable_year(c)
        years[y].append(c.id)
        if c.date:
            months[(y, int(c.date[5:7]))].append(c.id)
        else:
            no_month[y].append(c.id)
        classes[marking(c.classification) or "UNKNOWN"].append(c.id)
        for cv in dict.fromkeys(marking(x) for x in c.caveats if marking(x)):
            caveats[cv].append(c.id)
    missing = {t: cited_by[t] for t in sorted(cited_by) if t not in by_id}
    return Archive(
        cables=by_id, order=[c.id for c in kept], index=index, cited_by=dict(cited_by), missing=missing,
        tags=dict(sorted(tags.items())), tag_info={t: tag_info(t) for t in sorted(tags)},
        origins=dict(sorted(origins.items())),
        origin_names={o: sorted(n, key=lambda s: (-n[s], s))[0] for o, n in sorted(names.items())},
        years=dict(sorted(years.items())), months=dict(sorted(months.items())),
        no_month=dict(sorted(no_month.items())), classifications=dict(sorted(classes.items())),
        caveats=dict(sorted(caveats.items())), duplicates=dups, versions=others,
        inputs=[c.id for c in cables if by_id.get(c.id) is c],
        entities=mark_pages(dict(sorted(_entities(kept).items())), entity_min_cables),
        entity_min_cables=entity_min_cables,
    )
