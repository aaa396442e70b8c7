"""The page of one cable, and the page of a cable that is cited but not in the archive."""
from __future__ import annotations

from collections import defaultdict

from .. import urls
from ..record import Cable, Entity
from ..resolve import Archive, cable_year, entity_key, marking
from .body import body_html, ref_anchor
from .charts import citation_graph
from .text import clean, front_matter, h, md, one_line, raw
from .versions import versions_block

CITED_BY_MAX = 500  # links; a cable cited more often lists the newest and says how many more
ENTITY_TYPES = {"PER": "People", "ORG": "Organizations", "LOC": "Places", "MISC": "Other names"}


def title(c: Cable) -> str:
    """`ID: subject` (the ID alone when the cable has no subject)."""
    return f"{c.id}: {one_line(c.subject)}" if c.subject else c.id


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
    """TAGS, each linked to its page with its meaning and kind."""
    out = ['<ul class="cable-tags">']
    for t in dict.fromkeys(c.tags):
        info = archive.tag_info.get(t)
        meaning = h(info.meaning) if info and info.meaning else '<span class="none">meaning unknown</span>'
        kind = info.kind if info else "unknown"
        out.append(f'<li>{_a(page, urls.tag(t), t, "tag")} {meaning} <span class="kind">{h(kind)}</span></li>')
    out.append("</ul>")
    return "\n".join(out)


def _ref_target(rid: str, page: str, archive: Archive) -> str:
    """Link to a referenced cable: its page, or the page saying it is not in the archive."""
    target = archive.target(rid)
    if archive.has(target):
        subj = archive.cables[target].subject
        return _a(page, urls.cable(target), target, "cable") + (f" {h(one_line(subj))}" if subj else "")
    return _a(page, urls.cable(target), target, "cable missing") + ' <span class="none">(not in the archive)</span>'


def references_block(c: Cable, page: str, archive: Archive) -> str:
    """The REF list: one item per label, the text as written, and a link for each cable it names."""
    groups: dict[str, list] = defaultdict(list)
    for r in c.references:
        groups[r.label.upper()].append(r)
    out = ['<ol class="cable-refs">']
    for i, (label, refs) in enumerate(groups.items(), 1):
        texts = list(dict.fromkeys(one_line(r.text) for r in refs))
        head = f'<span class="ref-label">{h(label)}.</span> ' if label else ""
        body = "; ".join(f'<span class="ref-text">{h(t)}</span>' for t in texts)
        links = [_ref_target(r.id, page, archive) for r in refs if r.id]
        if links:
            body += "<br>\n" + "<br>\n".join(f"→ {x}" for x in dict.fromkeys(links))
        else:
            body += ' <span class="none">(not a cable)</span>'
        out.append(f'<li id="{ref_anchor(label, i)}">{head}{body}</li>')
    out.append("</ol>")
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


def original_text(c: Cable) -> str:
    """The text as read from the source, for a text/plain file: no markup to escape, so hostile text stays inert.

    A UTF-8 byte order mark leads a file that is not plain ASCII: static hosts serve .txt without a charset, and
    browsers would otherwise read its bytes as Latin-1.
    """
    header = c.header.strip()
    text = clean((header + "\n\n" if header and header not in c.text else "") + c.text)
    return ("" if text.isascii() else "\ufeff") + text.strip() + "\n"


def original_block(c: Cable, page: str) -> str:
    """A link to the original text (a file beside the page, so MkDocs neither parses nor checks it)."""
    size = len(original_text(c).encode("utf-8"))
    return (f'<p class="original"><a class="original" href="{urls.href(page, urls.original(c.id))}" '
            f'type="text/plain">Original text</a> <span class="none">(plain text, {size:,} bytes)</span></p>')


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
    """Markdown of a cable's page, and the first mention of each entity (for the entity pages)."""
    path = urls.cable(c.id)
    body, first = body_html(c, path, archive.target, archive.has_entity_page)
    parts = [front_matter(title(c)), raw(metadata(c, path))]
    if c.tags:
        parts += ["## Tags", raw(tags_block(c, path, archive))]
    if c.references:
        parts += ["## References", raw(references_block(c, path, archive))]
    parts += ["## Text", raw(body or '<p class="none">No text.</p>')]
    if archive.versions.get(c.id):
        parts += ["## Versions", raw(versions_block(c, archive))]
    if archive.cited_by.get(c.id):
        parts += ["## Cited by", raw(cited_by_block(c.id, path, archive))]
    graph = citation_graph(c.id, path, archive)  # issue 14: two hops of citations each way, as SVG
    parts += ["## Citations around it", raw(graph)] if graph else []
    if c.entities:
        parts += ["## Named in this cable", raw(entities_block(c, path, archive))]
    parts += [raw(original_block(c, path)), raw(data_block(c, path))]
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
