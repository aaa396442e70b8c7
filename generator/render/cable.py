"""The page of one cable, and the page of a cable that is cited but not in the archive."""
from __future__ import annotations

from collections import defaultdict

from .. import urls
from ..record import Cable, Entity
from ..resolve import Archive, cable_year, entity_key, marking
from .body import body_html, ref_anchor
from .charts import citation_graph
from .fallback import NO_SUBJECT, first_words
from .text import clean, front_matter, h, md, one_line, raw
from .versions import versions_block

CITED_BY_MAX = 500  # links; a cable cited more often lists the newest and says how many more
ENTITY_TYPES = {"PER": "People", "ORG": "Organizations", "LOC": "Places", "MISC": "Other names"}
REFS_SHOWN = 4  # REF items shown before the rest fold away: most cables cite fewer, and the text comes first
WIKILEAKS = "https://wikileaks.org/plusd/cables/{}_a.html"  # the release's page of each cable (PlusD form)


def title(c: Cable) -> str:
    """`ID: subject`; without a subject, the first words of the text, marked as such (else the ID alone)."""
    if c.subject:
        return f"{c.id}: {one_line(c.subject)}"
    words = first_words(c)
    return f"{c.id}: {NO_SUBJECT} {words}" if words else c.id


def _a(page: str, to: str, text: str, cls: str | None = None, anchor: str | None = None) -> str:
    """An HTML link from one page to another, with escaped text."""
    c = f' class="{cls}"' if cls else ""
    return f'<a{c} href="{urls.href(page, to, anchor)}">{h(text)}</a>'


def _date(c: Cable, page: str) -> str:
    """Date and time (none rather than a page table's wrong minutes), linked to its month (or year) page; inferred
    dates say so."""
    if c.date:
        out = _a(page, urls.month(c.date[:4], c.date[5:7]), c.date)
        out += f" {h(c.time)} UTC" if c.time else ""
    else:
        out = _a(page, urls.year(cable_year(c)), str(cable_year(c))) + " (year only)"
    if c.date_inferred:
        out += ' <span class="inferred">inferred: the text states no date</span>'
    return out


def _classification(c: Cable, page: str) -> str:
    """Classification and caveats, each linked to its page."""
    level = marking(c.classification) or "UNKNOWN"
    parts = [_a(page, urls.classification(level), c.classification or "UNKNOWN")]
    parts += [_a(page, urls.caveat(marking(cv)), cv, "caveat") for cv in dict.fromkeys(c.caveats) if marking(cv)]
    return " · ".join(parts)


def _origin(c: Cable, page: str) -> str | None:
    """Origin station linked to its page, with the station's name."""
    if not c.origin:
        return None
    name = f" ({h(c.origin_name)})" if c.origin_name else ""
    return _a(page, urls.origin(c.origin), c.origin) + name


def _lines(values: tuple[str, ...]) -> str | None:
    """A list of addressees, one a line."""
    return "<br>\n".join(h(one_line(v)) for v in values) if values else None


def metadata(c: Cable, page: str) -> str:
    """Every field of the record as a two-column table; absent fields say so."""
    sections = f"{c.sections}" + (" (this copy is incomplete)" if c.partial else "") if c.sections else None
    rows = [
        ("Date", _date(c, page)),
        ("Date-time group", h(c.dtg) if c.dtg else None),  # where the time comes from, as a telegram writes it
        ("Origin", _origin(c, page)),
        ("Precedence", h(c.precedence) if c.precedence else None),
        ("From", h(one_line(c.from_)) if c.from_ else None),
        ("To", _lines(c.to)),
        ("Info", _lines(c.info)),
        ("Classification", _classification(c, page)),
        ("Declassify", h(c.declassify) if c.declassify else None),
        ("Classified by", h(one_line(c.classified_by)) if c.classified_by else None),
        ("Reasons", h(one_line(c.reasons)) if c.reasons else None),
        ("Signer", h(c.signer) if c.signer else None),
        ("Sections", h(sections) if sections else None),
        ("Released", h(c.released) if c.released else None),
        ("Source format", h(c.format)),
        ("Also known as", h(", ".join(c.aliases)) if c.aliases else None),
    ]
    out = ['<table class="cable-meta">']
    for label, value in rows:
        shown = value if value else '<span class="none">—</span>'
        out.append(f"<tr><th>{label}</th><td>{shown}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def tags_block(c: Cable, page: str, archive: Archive) -> str:
    """TAGS on a line or two: each code linked to its page, its meaning beside it (kind and meaning as its title)."""
    out = ['<ul class="cable-tags">']
    for t in dict.fromkeys(c.tags):
        info = archive.tag_info.get(t)
        meaning = info.meaning if info and info.meaning else None
        kind = info.kind if info else "unknown"
        tip = f' title="{h(meaning)} ({h(kind)})"' if meaning else f' title="meaning unknown ({h(kind)})"'
        shown = f' <span class="meaning">{h(meaning)}</span>' if meaning else ""
        out.append(f'<li><a class="tag" href="{urls.href(page, urls.tag(t))}"{tip}>{h(t)}</a>{shown}</li>')
    out.append("</ul>")
    return "\n".join(out)


def _ref_target(rid: str, page: str, archive: Archive) -> str:
    """Link to a referenced cable: its page, or the page saying it is not in the archive (marked in words)."""
    target = archive.target(rid)
    if archive.has(target):
        subj = archive.cables[target].subject
        return _a(page, urls.cable(target), target, "cable") + (
            f' <span class="ref-subject">{h(one_line(subj))}</span>' if subj else "")
    return _a(page, urls.cable(target), target, "cable missing") + ' <span class="not-held">not in the archive</span>'


def _ref_item(i: int, label: str, refs: list, page: str, archive: Archive) -> str:
    """One REF item on one line: its label, the cables it names (linked), the text as written; the whole item
    as its title, since a long line is cut."""
    texts = list(dict.fromkeys(one_line(r.text) for r in refs))
    head = f'<span class="ref-label">{h(label)}.</span> ' if label else ""
    written = "; ".join(f'<span class="ref-text">{h(t)}</span>' for t in texts)
    links = list(dict.fromkeys(_ref_target(r.id, page, archive) for r in refs if r.id))
    body = (" · ".join(links) + " " + written) if links else written + ' <span class="none">(not a cable)</span>'
    tip = h(f"{label}. " if label else "") + h("; ".join(texts))
    return f'<li id="{ref_anchor(label, i)}" title="{tip}">{head}{body}</li>'


def references_block(c: Cable, page: str, archive: Archive) -> str:
    """The REF list, one line an item; beyond the first few the rest are folded (`#ref-x` links unfold them)."""
    groups: dict[str, list] = defaultdict(list)
    for r in c.references:
        groups[r.label.upper()].append(r)
    items = [_ref_item(i, label, refs, page, archive) for i, (label, refs) in enumerate(groups.items(), 1)]
    shown = len(items) if len(items) <= REFS_SHOWN + 1 else REFS_SHOWN  # never fold a single item away
    out = ['<div class="cable-refs-block" id="references">', '<p class="block-label">References</p>',
           '<ol class="cable-refs">', *items[:shown], "</ol>"]
    if len(items) > shown:
        out += [f'<details class="more-refs"><summary>{len(items) - shown} more references</summary>',
                f'<ol class="cable-refs" start="{shown + 1}">', *items[shown:], "</ol>", "</details>"]
    out.append("</div>")
    return "\n".join(out)


def _cable_item(cid: str, page: str, archive: Archive) -> str:
    """One line about a cable of the archive: date, linked ID, subject."""
    c = archive.cables[cid]
    date = c.date or str(cable_year(c))
    subj = f" {h(one_line(c.subject))}" if c.subject else ""
    return f'<li><span class="date">{h(date)}</span> {_a(page, urls.cable(cid), cid, "cable")}{subj}</li>'


def cited_by_block(cid: str, page: str, archive: Archive) -> str:
    """Every cable of the archive that references this one, newest first."""
    citing = archive.cited_by.get(cid, [])
    out = ['<ul class="cited-by">'] + [_cable_item(x, page, archive) for x in citing[:CITED_BY_MAX]] + ["</ul>"]
    if len(citing) > CITED_BY_MAX:
        out.append(f'<p class="more">… and {len(citing) - CITED_BY_MAX} older cables.</p>')
    return "\n".join(out)


def _entity(e: Entity, page: str, archive: Archive) -> str:
    """An entity's name, linked to its page when it has one."""
    key = entity_key(e)
    return _a(page, key, e.name, "entity") if archive.has_entity_page(key) else \
        f'<span class="entity">{h(e.name)}</span>'


def entities_block(c: Cable, page: str, archive: Archive) -> str:
    """The named entities of the cable, by type, each linked to its page (names with no page: not linked)."""
    by_type: dict[str, list] = defaultdict(list)
    for e in c.entities:
        by_type[e.type.upper()].append(e)
    out = ['<dl class="cable-entities">']
    for t in sorted(by_type, key=lambda t: (list(ENTITY_TYPES).index(t) if t in ENTITY_TYPES else 9, t)):
        out.append(f"<dt>{h(ENTITY_TYPES.get(t, t))}</dt>")
        links = [_entity(e, page, archive) for e in sorted(by_type[t], key=lambda e: e.name.lower())]
        out.append("<dd>" + ", ".join(links) + "</dd>")
    out.append("</dl>")
    return "\n".join(out)


_ORIGINAL: list = []  # [cable, its original text]: the last cable's (its page gives the size, then the file)


def original_text(c: Cable) -> str:
    """The text as read from the source, for a text/plain file: no markup to escape, so hostile text stays inert.

    A UTF-8 byte order mark leads a file that is not plain ASCII: static hosts serve .txt without a charset, and
    browsers would otherwise read its bytes as Latin-1. Each cable's is asked for twice in a row (its page shows
    the file's size, then the file is written), so the last one is kept: a cable never changes (frozen).
    """
    if _ORIGINAL and _ORIGINAL[0] is c:
        return _ORIGINAL[1]
    header = c.header.strip()
    text = clean((header + "\n\n" if header and header not in c.text else "") + c.text)
    text = ("" if text.isascii() else "\ufeff") + text.strip() + "\n"
    _ORIGINAL[:] = [c, text]
    return text


def original_block(c: Cable, page: str) -> str:
    """A link to the original text (a file beside the page, so MkDocs neither parses nor checks it)."""
    size = len(original_text(c).encode("utf-8"))
    return (f'<a class="original" href="{urls.href(page, urls.original(c.id))}" type="text/plain">Original text</a> '
            f'<span class="none">(plain text, {size:,} bytes)</span>')


class Neighbours:
    """Each cable's place in its origin's list and in its month's list (both newest first), found once per
    archive: the previous and next cable of the same origin and of the same day are its neighbours there."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.origin = {cid: i for ids in archive.origins.values() for i, cid in enumerate(ids)}
        self.month = {cid: i for ids in archive.months.values() for i, cid in enumerate(ids)}


_NEIGHBOURS: list[Neighbours] = []  # the last archive's (a build renders one archive; workers inherit it)


def neighbours(archive: Archive) -> Neighbours:
    """The neighbour index of this archive, made on first use."""
    if not _NEIGHBOURS or _NEIGHBOURS[0].archive is not archive:
        _NEIGHBOURS[:] = [Neighbours(archive)]
    return _NEIGHBOURS[0]


def _around(ids: list[str], i: int, same=lambda _cid: True) -> tuple[str | None, str | None]:
    """(older, newer) neighbour of position i in a newest-first list, each kept only when `same` holds."""
    older = ids[i + 1] if i + 1 < len(ids) and same(ids[i + 1]) else None
    newer = ids[i - 1] if i > 0 and same(ids[i - 1]) else None
    return older, newer


def _step(cid: str | None, page: str, archive: Archive, rel: str) -> str:
    """A link to a neighbouring cable, its subject as the link's title; a dash where there is none."""
    if not cid:
        return '<span class="none">—</span>'
    subj = archive.cables[cid].subject
    tip = f' title="{h(one_line(subj))}"' if subj else ""
    text = f"← {h(cid)}" if rel == "prev" else f"{h(cid)} →"
    return f'<a class="cable" rel="{rel}" href="{urls.href(page, urls.cable(cid))}"{tip}>{text}</a>'


def nav_block(c: Cable, page: str, archive: Archive) -> str | None:
    """Previous and next cable of the same origin and of the same day (none when the cable has neither)."""
    near = neighbours(archive)
    rows = []
    if c.origin and c.id in near.origin:
        older, newer = _around(archive.origins[c.origin], near.origin[c.id])
        if older or newer:
            rows.append((f"From {h(c.origin)}", older, newer))
    if c.date and c.id in near.month:
        same_day = lambda x: archive.cables[x].date == c.date  # noqa: E731 - a month's list holds other days
        older, newer = _around(archive.months[(int(c.date[:4]), int(c.date[5:7]))], near.month[c.id], same_day)
        if older or newer:
            rows.append((f"Same day ({h(c.date)})", older, newer))
    if not rows:
        return None
    out = ['<nav class="cable-nav" aria-label="Neighbouring cables">']
    out += [f'<span class="nav-row"><span class="block-label">{label}</span> {_step(older, page, archive, "prev")} '
            f'{_step(newer, page, archive, "next")}</span>' for label, older, newer in rows]
    out.append("</nav>")
    return "\n".join(out)


def summary_block(c: Cable, page: str, archive: Archive) -> str:
    """What a reader needs before the text, in a few lines: date, origin, classification, tags, the original
    telegram and the cable's other addresses, and its neighbours."""
    facts = [("Date", _date(c, page)), ("Origin", _origin(c, page) or '<span class="none">—</span>'),
             ("Classification", _classification(c, page))]
    out = ['<div class="cable-summary">', '<dl class="cable-facts">']
    out += [f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts]
    out.append("</dl>")
    if not c.subject:
        out.append('<p class="no-subject">The cable has no subject line: '
                   + ("its title gives the first words of its text.</p>" if first_words(c) else "</p>"))
    if c.tags:
        out.append(tags_block(c, page, archive))
    out.append(f'<p class="cable-links">{original_block(c, page)} · '
               f'<a class="wikileaks" href="{h(WIKILEAKS.format(c.id))}" rel="external noopener">On WikiLeaks</a> · '
               f'<a href="#cite">Cite this cable</a></p>')
    nav = nav_block(c, page, archive)
    if nav:
        out.append(nav)
    out.append("</div>")
    return "\n".join(out)


def header_block(c: Cable, page: str) -> str:
    """Every field of the header, folded: most readers need the summary only."""
    return (f'<details class="cable-header"><summary>Full header (addressees, '
            f'declassification, classified by, signer …)</summary>\n{metadata(c, page)}\n</details>')


def citation(c: Cable) -> str:
    """The cable as a reference, one fact a line: what a reader pastes into a story or a note."""
    level = "//".join([c.classification or "UNKNOWN", *dict.fromkeys(c.caveats)])
    when = f"{c.date}" + (f" {c.time} UTC" if c.time else "") if c.date else f"{cable_year(c)}"
    origin = c.origin_name or c.origin or "origin unknown"
    subject = f"“{one_line(c.subject)}”" if c.subject else NO_SUBJECT
    return f"{c.id}, {subject}, {origin}, {when}, {level}."


def cite_block(c: Cable) -> str:
    """A citation with a copy button (overrides/partials/tools.html); the page's own address is filled in from the
    canonical link, which the site has when mkdocs.yml sets site_url."""
    return (f'<details class="cable-cite" id="cite"><summary>Cite this cable</summary>\n'
            f'<p class="citation" id="citation">{h(citation(c))}<br>\n'
            f'<span class="cite-url" hidden>This archive: <span class="url"></span><br></span>\n'
            f'WikiLeaks: {h(WIKILEAKS.format(c.id))}</p>\n'
            f'<button type="button" class="md-button copy" data-copy="citation">Copy citation</button>\n'
            f'</details>')


def _file(page: str, to: str, text: str, kind: str) -> str:
    """A link to a file of the site that is not a page (MkDocs copies it as it is), with its media type."""
    return f'<a href="{urls.href(page, to)}" type="{kind}">{h(text)}</a>'


def data_block(c: Cable, page: str) -> str:
    """Links to the cable's record as JSON and to the whole archive as data, for readers who take it away."""
    return (f'<p class="data">Data: {_file(page, urls.record(c.id), "this cable as JSON", "application/json")} · '
            f'every cable as {_file(page, urls.DATA_JSONL, "JSON Lines (gzip)", "application/gzip")} or '
            f'{_file(page, urls.DATA_CSV, "CSV", "text/csv")} · '
            f'{_file(page, urls.DATA_SCHEMA, "schema", "application/json")}</p>')


def page(c: Cable, archive: Archive) -> tuple[str, dict]:
    """Markdown of a cable's page, and the first mention of each entity (for the entity pages): the title, a
    summary, the references, then the text; the full header and the citation are folded until asked for."""
    path = urls.cable(c.id)
    body, first = body_html(c, path, archive.target, archive.has_entity_page)
    top = [summary_block(c, path, archive), header_block(c, path), cite_block(c)]
    if c.references:
        top.append(references_block(c, path, archive))
    parts = [front_matter(title(c)), raw("\n".join(top))]
    parts += ["## Text", raw(body or '<p class="none">No text.</p>')]
    if archive.versions.get(c.id):
        parts += ["## Versions", raw(versions_block(c, archive))]
    if archive.cited_by.get(c.id):
        parts += ["## Cited by", raw(cited_by_block(c.id, path, archive))]
    graph = citation_graph(c.id, path, archive)  # issue 14: two hops of citations each way, as SVG
    parts += ["## Citations around it", raw(graph)] if graph else []
    if c.entities:
        parts += ["## Named in this cable", raw(entities_block(c, path, archive))]
    parts += [raw(data_block(c, path))]
    return "\n\n".join(parts) + "\n", first


def missing_page(cid: str, archive: Archive) -> str:
    """Page of a cable that cables of the archive cite but that the archive does not hold."""
    path = urls.cable(cid)
    citing = archive.missing.get(cid, [])
    intro = (f"**{md(cid)} is not in the archive.** Cables of the archive cite it, so it has this page; the text "
             "of the cable itself was not among the inputs. "
             f"See all [missing cables]({urls.link(path, urls.MISSING)}).")
    items = []
    for x in citing:
        refs = [one_line(r.text) for r in archive.cables[x].references if r.id and archive.target(r.id) == cid]
        as_written = f' as “<span class="ref-text">{h(refs[0])}</span>”' if refs else ""
        items.append(_cable_item(x, path, archive).replace("</li>", f"{as_written}</li>"))
    block = "\n".join(['<ul class="cited-by">', *items[:CITED_BY_MAX], "</ul>"])
    return "\n\n".join([front_matter(f"{cid} (not in the archive)"), intro, "## Cited by", raw(block)]) + "\n"
