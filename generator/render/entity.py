"""Entity pages (a person, organization, place or other name: its cables and the names seen with it) and the A–Z
indexes per type."""
from __future__ import annotations

import functools
import heapq
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from .. import urls
from ..record import Cable
from ..resolve import Archive, EntityInfo, cable_year
from .cable import ENTITY_TYPES
from .charts import timeline
from .lists import html_list, html_table, paginate, plural
from .text import front_matter, h, md, one_line, raw

PER_PAGE = 200  # cables per entity page (each with a snippet)
TOGETHER = 12  # entities named with this one that its page lists
TOP = 50  # most-named entities on a type page
SINGULAR = {"PER": "Person", "ORG": "Organization", "LOC": "Place", "MISC": "Other name"}

Snippet = tuple[str, str, str, str]  # (anchor, before, name, after): the first mention of an entity in a cable
Entry = tuple[str, str, str | None, str]  # (date, subject, anchor, quote): a cable's row on an entity page (HTML)
Snippets = dict[str, dict[str, Entry]]  # entity key -> cable ID -> entry


def type_title(t: str) -> str:
    """`People`, `Organizations` …"""
    return ENTITY_TYPES.get(t, t)


def letter(name: str) -> str:
    """Index letter of a name: A–Z, accents folded; anything else files under `0-9`."""
    c = unicodedata.normalize("NFKD", name)[:1].upper()
    return c if "A" <= c <= "Z" else "0-9"


def entity_pages(archive: Archive, snippets: Snippets) -> Iterator[tuple[str, str]]:
    """A page per entity that has one: its cables newest first, each with the text around the first mention."""
    for key, info in archive.entities.items():
        if info.has_page:
            yield from entity_page(key, archive, snippets.get(key, {}))


def entity_page(key: str, archive: Archive, entries: dict[str, Entry]) -> Iterator[tuple[str, str]]:
    """The paginated page of one entity (`entries`: its cables' rows by cable ID, made with their pages, so that
    a worker rendering entity pages need not read the cables; a cable without one is looked up)."""
    info = archive.entities[key]
    rows = []
    for cid in info.cables:
        entry = entries.get(cid)
        date, subject, anchor, quote = entry if entry else cable_entry(archive.cables[cid], None)
        link = f'<a href="{urls.href(key, urls.cable(cid), anchor)}">{cid}</a>'
        rows.append(f"<li>{date} {link}{subject}{quote}</li>")
    line = timeline((archive.cables[cid].date for cid in info.cables if cid in archive.cables), archive,
                    f"Cables naming {one_line(info.name)}")
    intro = raw(_about(key, info, archive) + ("\n" + line if line else "")) + "\n\n## Cables, newest first"
    yield from paginate(key, info.name, intro, rows, per_page=PER_PAGE, html=html_list("entity-cables"))


def cable_entry(c: Cable, snip: Snippet | None) -> Entry:
    """A cable's row on the page of an entity it names: date, subject, where the first mention is and the text
    around it (no quote when the text does not name it)."""
    date, subject = _date_subject(c.date or str(cable_year(c)), c.subject)
    anchor, before, name, after = snip or (None, "", "", "")
    quote = f": “{_around(before, name, after)}”" if name else ""
    return date, subject, anchor, quote


@functools.lru_cache(maxsize=1 << 14)
def _date_subject(date: str, subject: str | None) -> tuple[str, str]:
    """A cable's date and subject as entity pages show them (HTML): a cable is listed on the page of every entity
    it names, so they are escaped once, not once per entity."""
    return h(date), f" {h(one_line(subject))}" if subject else ""


def _about(key: str, info: EntityInfo, archive: Archive) -> str:
    """The head of an entity page (HTML): its type and counts, other spellings, the names most often with it."""
    kind = f'<a href="{urls.href(key, urls.entity_type(info.type))}">All {h(type_title(info.type).lower())}</a>'
    out = [f"<p>{h(SINGULAR.get(info.type, info.type))} · named {plural(info.mentions, 'time')} in "
           f"{plural(len(info.cables), 'cable')}. {kind}</p>"]
    if info.aliases:
        out.append(f"<p>Also written: {h(', '.join(one_line(a) for a in info.aliases))}.</p>")
    paged = ((k, n) for k, n in info.together.items() if archive.has_entity_page(k))  # a link needs a page
    together = [k for k, _n in heapq.nsmallest(TOGETHER, paged, key=lambda kv: (-kv[1], kv[0]))]
    if together:
        out.append("<p><strong>Named most often with:</strong> " + ", ".join(
            f'<a href="{urls.href(key, k)}">{h(one_line(archive.entities[k].name))}</a> ({info.together[k]})'
            for k in together) + "</p>")
    return "\n".join(out)


def _around(before: str, name: str, after: str) -> str:
    """A snippet (HTML) with the mention in bold; the spaces around the mention stay outside the bold."""
    pre = h(one_line(before)) + (" " if before[-1:].isspace() else "")
    post = (" " if after[:1].isspace() else "") + h(one_line(after))
    return f"{pre}<strong>{h(one_line(name))}</strong>{post}"


def entity_indexes(archive: Archive) -> Iterator[tuple[str, str]]:
    """A page per type (letters and the most named), an A–Z page per letter, and the overview of all types."""
    by_type: dict[str, list[EntityInfo]] = defaultdict(list)
    for info in archive.entities.values():
        by_type[info.type].append(info)
    overview = []
    for t in sorted(by_type):
        infos = by_type[t]
        letters: dict[str, list[EntityInfo]] = defaultdict(list)
        for info in infos:
            letters[letter(info.name)].append(info)
        tpath = urls.entity_type(t)
        for ltr, group in letters.items():
            lpath = urls.entity_index(t, ltr)
            group.sort(key=lambda i: (i.name.lower(), i.key))
            rows = [_index_row(lpath, i) for i in group]
            intro = f"{md(type_title(t))}, {md(ltr)}: {plural(len(group), 'name')}. " + _letter_bar(lpath, t, letters)
            yield from paginate(lpath, f"{type_title(t)}: {ltr}", intro, rows,
                                html=html_table(("Name", "Cables", "Also written")))
        yield tpath, type_page(tpath, t, infos, letters, archive.entity_min_cables)
        overview.append(f"| [{md(type_title(t))}]({urls.link(urls.ENTITIES, tpath)}) | {len(infos)} |")
    intro = "People, organizations, places and other names mentioned in the cables. " + _who_has_a_page(archive)
    table = "| Type | Names |\n|---|---|\n" + "\n".join(overview) if overview else "No named entities yet."
    yield urls.ENTITIES, front_matter("Entities") + intro + "\n\n" + table + "\n"


def _index_row(path: str, info: EntityInfo) -> str:
    """A name's row on its letter page: linked to its page, or, without one, its cables linked right there (next
    to the name, so they stay on a phone's screen when the other spellings do not)."""
    aliases = f"<td>{h(', '.join(one_line(a) for a in info.aliases[:5]))}</td>"
    if info.has_page:
        return f'<tr><td><a href="{urls.href(path, info.key)}">{h(one_line(info.name))}</a></td>' \
               f"<td>{len(info.cables)}</td>{aliases}</tr>"
    cables = ", ".join(f'<a href="{urls.href(path, urls.cable(cid))}">{h(cid)}</a>' for cid in info.cables)
    return f"<tr><td>{h(one_line(info.name))}</td><td>{cables}</td>{aliases}</tr>"


def type_page(path: str, t: str, infos: list[EntityInfo], letters: dict, min_cables: int) -> str:
    """Overview of one type: its letters, and the names in the most cables (those with a page: it is linked)."""
    paged = [i for i in infos if i.has_page]
    count = plural(len(infos), "name")
    if len(paged) < len(infos):
        least = f"named in at least {plural(min_cables, 'cable')}"
        count += (f"; none is {least}, so none has a page of its own" if not paged else
                  f"; one {least} has a page of its own" if len(paged) == 1 else
                  f"; the {len(paged):,} {least} have a page of their own")
    body = [f"{count}. " + _letter_bar(path, t, letters)]
    top = sorted(paged, key=lambda i: (-len(i.cables), i.key))[:TOP]
    if top:
        body.append("## Named in the most cables\n\n| Name | Cables |\n|---|---|\n" +
                    "\n".join(f"| [{md(i.name)}]({urls.link(path, i.key)}) | {len(i.cables)} |" for i in top))
    return front_matter(type_title(t)) + "\n\n".join(body) + "\n"


def _who_has_a_page(archive: Archive) -> str:
    """The sentence saying which names have a page (today's wording when every name has one)."""
    if archive.entity_min_cables <= 1:
        return "Each has a page listing the cables that name it."
    return (f"Each named in at least {plural(archive.entity_min_cables, 'cable')} has a page listing them; the "
            "others are listed by letter, with the cables that name them.")


def _letter_bar(page: str, t: str, letters: dict) -> str:
    """Links to the letter pages of one type."""
    order = sorted(letters, key=lambda x: (x == "0-9", x))
    return " · ".join(f"[{md(x)}]({urls.link(page, urls.entity_index(t, x))})" for x in order)
