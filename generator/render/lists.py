"""Listing pages: cables of a tag, origin, month, year or classification; the index pages over them.

Every listing is paginated (PER_PAGE rows, one link each), so no page grows with the archive.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from .. import urls
from ..resolve import TAG_KINDS, Archive, cable_year
from .charts import month_chart, timeline
from .fallback import subject_or_lead
from .text import front_matter, h, md, one_line, raw

PER_PAGE = 500
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
KIND_TITLES = {"subject": "Subject tags", "program": "Program tags", "organization": "Organization tags",
               "geographic": "Countries and places (FIPS 10-4)", "unknown": "Tags with no known meaning"}
CLASS_SHORT = {"UNCLASSIFIED": "U", "LIMITED OFFICIAL USE": "LOU", "CONFIDENTIAL": "C", "SECRET": "S",
               "TOP SECRET": "TS"}
NO_SUBJECT = '<span class="none">no subject</span>'
CLASS = "class"  # the column a listing leaves out when it is the page's own key (a classification's page)

Page = tuple[str, str]


def kind_title(kind: str) -> str:
    """Heading of a kind of tag (a kind the table adds later gets its own name)."""
    return KIND_TITLES.get(kind, f"{kind.capitalize()} tags")


def plural(n: int, word: str) -> str:
    """`1 cable`, `2 cables`."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def pager(path: str, page: int, pages: int) -> str:
    """Links to the neighbouring pages of a listing (a window, so the pager stays small)."""
    if pages <= 1:
        return ""
    shown = sorted({1, pages, *range(max(1, page - 3), min(pages, page + 3) + 1)})
    parts = []
    if page > 1:
        parts.append(f"[« previous]({urls.link(urls.paged(path, page), urls.paged(path, page - 1))})")
    last = 0
    for p in shown:
        if p - last > 1:
            parts.append("…")
        parts.append(f"**{p}**" if p == page else f"[{p}]({urls.link(urls.paged(path, page), urls.paged(path, p))})")
        last = p
    if page < pages:
        parts.append(f"[next »]({urls.link(urls.paged(path, page), urls.paged(path, page + 1))})")
    return f"Page {page} of {pages}: " + " · ".join(parts)


def html_table(head: tuple[str, ...], cls: str = "") -> Callable[[list[str]], str]:
    """Rows (`<tr>` lines) into a table as Markdown's tables extension writes one (same look, same theme styles),
    or, with a class (`listing`), styled by docs/stylesheets/lists.css to fit its column."""
    attr = f' class="{cls}"' if cls else ""
    top = f"<table{attr}>\n<thead>\n<tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>\n</thead>\n<tbody>\n"
    return lambda rows: top + "\n".join(rows) + "\n</tbody>\n</table>"


def cable_table(omit: frozenset[str] = frozenset()) -> Callable[[list[str]], str]:
    """The table of a cable listing (class `listing`: it fits its column, the subject takes the room and wraps;
    on a phone each row is a short line of date, ID and class with the subject under it). No origin column: the
    ID names its station (10CAIRO257 is Cairo's), and the room goes to the subject."""
    head = ("Date", "Cable", *(["Class."] if CLASS not in omit else []), "Subject")
    top = ('<table class="listing">\n<thead>\n<tr>' + "".join(f"<th>{c}</th>" for c in head) +
           "</tr>\n</thead>\n<tbody>\n")
    return lambda rows: top + "\n".join(rows) + "\n</tbody>\n</table>"


CABLE_TABLE = cable_table()


def class_legend(page: str) -> str:
    """What the codes of the Class. column stand for (HTML)."""
    codes = " · ".join(f"<strong>{code}</strong> {h(name.lower())}" for name, code in CLASS_SHORT.items())
    return (f'<p class="legend">Classification codes: {codes}; after <code>//</code> come the caveats (handling '
            f'marks), spelt out on <a href="{urls.href(page, urls.CLASSIFICATIONS)}">Classifications</a>. Point at a '
            "code to read it in full.</p>")


def html_list(cls: str) -> Callable[[list[str]], str]:
    """Rows (`<li>` lines) into a list."""
    return lambda rows: f'<ul class="{cls}">\n' + "\n".join(rows) + "\n</ul>"


def paginate(path: str, title: str, intro: str, rows: list[str], header: str = "",
             per_page: int = PER_PAGE, html: Callable[[list[str]], str] | None = None) -> Iterator[Page]:
    """The pages of a listing: `path`, then `urls.paged(path, 2)` …; rows are built for `path`'s folder.

    Rows are Markdown under `header`, or, with `html` (html_table, html_list), HTML that it wraps into one raw
    block: long listings are HTML so that MkDocs neither parses their cells nor resolves their links one by one.
    """
    pages = max(1, -(-len(rows) // per_page))
    for n in range(1, pages + 1):
        chunk = rows[(n - 1) * per_page:n * per_page]
        nav = pager(path, n, pages)
        head = title if n == 1 else f"{title} (page {n})"
        parts = [front_matter(head), intro, nav]
        if chunk and html:
            parts.append(raw(html(chunk)))
        elif chunk:
            parts.append((header + "\n" if header else "") + "\n".join(chunk))
        parts.append(nav)
        yield urls.paged(path, n), "\n\n".join(p for p in parts if p) + "\n"


def cable_row(cid: str, page: str, archive: Archive, omit: frozenset[str] = frozenset()) -> str:
    """A table row (HTML, see cable_table) about one cable; `page` is any page of the listing's folder."""
    c = archive.cables[cid]
    date = c.date or f"{cable_year(c)}"
    if c.date_inferred:
        date += " (inferred)"
    level = c.classification or ""
    marks = [x for x in dict.fromkeys(c.caveats) if x != "SIPDIS"]
    link = f'<a href="{urls.href(page, urls.cable(cid))}">{cid}</a>'
    date_cell, rest = _row_cells(date, None if CLASS in omit else (level, tuple(marks)), subject_or_lead(c))
    return f"<tr>{date_cell}<td>{link}</td>{rest}</tr>"


@functools.lru_cache(maxsize=1 << 14)
def _row_cells(date: str, cls: tuple[str, tuple[str, ...]] | None, subject: str | None) -> tuple[str, str]:
    """The cells of a cable's row around its link (HTML): a cable has a row in each listing it belongs to (its
    tags, origin, month, classification …), so they are escaped once, not once per listing. A column left out
    is None."""
    cells = []
    if cls is not None:
        cells.append(f"<td>{class_code(*cls)}</td>")
    cells.append(f"<td>{h(one_line(subject)) or NO_SUBJECT}</td>")
    return f"<td>{h(date)}</td>", "".join(cells)


def class_code(level: str, caveats: tuple[str, ...]) -> str:
    """`C//NOFORN`, with the marking in full as its title (HTML)."""
    short = CLASS_SHORT.get(" ".join(level.upper().split()), level or "—")
    full = "//".join([level or "no classification", *caveats])
    code = "//<wbr>".join(h(one_line(x)) for x in [short, *caveats])  # a long code may wrap after a `//`
    return f'<abbr title="{h(one_line(full))}">{code}</abbr>'


def cable_listing(path: str, title: str, intro: str, cids: list[str], archive: Archive,
                  omit: frozenset[str] = frozenset(), what: str = "") -> Iterator[Page]:
    """A paginated table of cables, newest first, after a timeline of them (`what` names them; none when
    empty) and the legend of the Class. column."""
    rows = [cable_row(c, path, archive, omit) for c in cids]
    extra = []
    if what:
        line = timeline((archive.cables[c].date for c in cids), archive, what)
        extra += [raw(line)] if line else []
    if CLASS not in omit:
        extra.append(raw(class_legend(path)))
    return paginate(path, title, "\n\n".join([intro, *extra]), rows, html=cable_table(omit))


def all_cables(archive: Archive) -> Iterator[Page]:
    """Every cable of the archive, newest first."""
    intro = f"{plural(len(archive.order), 'cable')}, newest first."
    return cable_listing(urls.CABLES_LIST, "All cables", intro, archive.order, archive)


def tag_pages(archive: Archive) -> Iterator[Page]:
    """A page per tag, and the index of tags grouped by kind."""
    for code, cids in archive.tags.items():
        info = archive.tag_info[code]
        meaning = md(info.meaning) if info.meaning else "*meaning unknown*"
        src = f" Source of the meaning: {md(info.source)}." if info.source else ""
        intro = (f"**{md(code)}**: {meaning} ({md(kind_title(info.kind)).lower()}).{src}\n\n"
                 f"{plural(len(cids), 'cable')}, newest first. [All tags]({urls.link(urls.tag(code), urls.TAGS)})")
        yield from cable_listing(urls.tag(code), f"Tag {code}", intro, cids, archive, what=f"Cables tagged {code}")
    rows = []
    kinds = sorted({i.kind for i in archive.tag_info.values()},
                   key=lambda k: (TAG_KINDS.index(k) if k in TAG_KINDS else TAG_KINDS.index("unknown") - .5, k))
    for kind in kinds:
        codes = [t for t, i in archive.tag_info.items() if i.kind == kind]
        rows.append(f"\n## {md(kind_title(kind))}\n\n| Tag | Meaning | Cables |\n|---|---|---|")
        for t in sorted(codes, key=lambda t: (-len(archive.tags[t]), t)):
            meaning = md(archive.tag_info[t].meaning) or "—"
            rows.append(f"| [{md(t)}]({urls.link(urls.TAGS, urls.tag(t))}) | {meaning} | {len(archive.tags[t])} |")
    intro = (f"{plural(len(archive.tags), 'tag')}, grouped by kind, most used first. Meanings come from the "
             f"State Department's TAGS lists and FIPS 10-4 ([about the sources]({urls.link(urls.TAGS, 'about.md')})).")
    yield from _grouped(urls.TAGS, "Tags", intro, rows)


def _grouped(path: str, title: str, intro: str, rows: list[str]) -> Iterator[Page]:
    """A listing whose rows include section headings: a table header is repeated at each page start."""
    per = PER_PAGE
    pages = [rows[i:i + per] for i in range(0, len(rows), per)] or [[]]
    for n, chunk in enumerate(pages, 1):
        if chunk and not chunk[0].startswith("\n##"):
            head = next(r for r in reversed(rows[:(n - 1) * per]) if r.startswith("\n##"))
            chunk = [head] + chunk
        nav = pager(path, n, len(pages))
        head_title = title if n == 1 else f"{title} (page {n})"
        parts = [front_matter(head_title), intro, nav, "\n".join(chunk).strip(), nav]
        yield urls.paged(path, n), "\n\n".join(p for p in parts if p) + "\n"


def origin_pages(archive: Archive) -> Iterator[Page]:
    """A page per origin station, and the index of origins."""
    for code, cids in archive.origins.items():
        name = archive.origin_names.get(code)
        intro = (f"Cables sent by **{md(code)}**" + (f" ({md(name)})" if name else "") +
                 f": {plural(len(cids), 'cable')}, newest first. "
                 f"[All origins]({urls.link(urls.origin(code), urls.ORIGINS)})")
        yield from cable_listing(urls.origin(code), f"Origin {code}", intro, cids, archive,
                                 what=f"Cables from {code}")
    rows = [f"| [{md(o)}]({urls.link(urls.ORIGINS, urls.origin(o))}) | {md(archive.origin_names.get(o)) or '—'} "
            f"| {len(cids)} |" for o, cids in sorted(archive.origins.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    intro = f"{plural(len(archive.origins), 'origin')} (embassies, consulates, missions and the Department), most active first."
    yield from paginate(urls.ORIGINS, "Origins", intro, rows, "| Origin | Name | Cables |\n|---|---|---|")


def date_pages(archive: Archive) -> Iterator[Page]:
    """A page per month and per year, and the calendar of the whole archive."""
    for (y, m), cids in archive.months.items():
        intro = (f"Cables of {MONTHS[m - 1]} {y}: {plural(len(cids), 'cable')}, newest first. "
                 f"[All of {y}]({urls.link(urls.month(y, m), urls.year(y))})")
        yield from cable_listing(urls.month(y, m), f"{MONTHS[m - 1]} {y}", intro, cids, archive)
    for y, cids in archive.years.items():
        months = [f"| [{MONTHS[m - 1]}]({urls.link(urls.year(y), urls.month(y, m))}) | {len(archive.months[(y, m)])} |"
                  for (yy, m) in archive.months if yy == y]
        parts = [f"{plural(len(cids), 'cable')} in {y}. [All years]({urls.link(urls.year(y), urls.DATES)})"]
        if months:
            parts.append("| Month | Cables |\n|---|---|\n" + "\n".join(months))
        undated = archive.no_month.get(y, [])
        if undated:
            parts.append(f"## Month unknown\n\n{plural(len(undated), 'cable')} of {y} state no date; "
                         "the year comes from the cable ID.")
        rows = [cable_row(c, urls.year(y), archive) for c in undated]
        if rows:
            parts.append(raw(class_legend(urls.year(y))))
        yield from paginate(urls.year(y), str(y), "\n\n".join(parts), rows, html=CABLE_TABLE)
    yield urls.DATES, dates_index(archive)


def dates_index(archive: Archive) -> str:
    """A calendar: one row per year, one column per month, counts linked to the month pages (HTML: on a phone
    each year folds into two rows of six months, each cell naming its month), after the chart of the archive."""
    head = "".join(f'<th><abbr title="{m}">{m[:3]}</abbr></th>' for m in MONTHS)
    rows = []
    for y, cids in archive.years.items():
        cells = []
        for m in range(1, 13):
            n = len(archive.months.get((y, m), []))
            count = f'<a href="{urls.href(urls.DATES, urls.month(y, m))}">{n:,}</a>' if n else ""
            cells.append(f'<td data-m="{MONTHS[m - 1][:3]}">{count}</td>')
        rows.append(f'<tr><th><a href="{urls.href(urls.DATES, urls.year(y))}">{y}</a></th>'
                    f'<td data-m="All">{len(cids):,}</td>' + "".join(cells) + "</tr>")
    table = (f'<table class="calendar">\n<thead>\n<tr><th>Year</th><th>Cables</th>{head}</tr>\n</thead>\n'
             "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
    intro = f"{plural(len(archive.order), 'cable')} by year and month."
    chart = month_chart(archive, urls.DATES)
    return front_matter("Dates") + intro + "\n\n" + (raw(chart) + "\n\n" if chart else "") + raw(table) + "\n"


def classification_pages(archive: Archive) -> Iterator[Page]:
    """A page per classification level and per caveat, and their index."""
    for name, cids in archive.classifications.items():
        intro = (f"Cables classified **{md(name)}**: {plural(len(cids), 'cable')}, newest first. "
                 f"[All classifications]({urls.link(urls.classification(name), urls.CLASSIFICATIONS)})")
        yield from cable_listing(urls.classification(name), name.title(), intro, cids, archive,
                                 frozenset({CLASS}), f"Cables classified {name}")
    for name, cids in archive.caveats.items():
        intro = (f"Cables marked **{md(name)}**: {plural(len(cids), 'cable')}, newest first. "
                 f"[All classifications]({urls.link(urls.caveat(name), urls.CLASSIFICATIONS)})")
        yield from cable_listing(urls.caveat(name), f"Caveat {name}", intro, cids, archive,
                                 what=f"Cables marked {name}")
    levels = [f"| [{md(n)}]({urls.link(urls.CLASSIFICATIONS, urls.classification(n))}) | {len(c)} |"
              for n, c in archive.classifications.items()]
    caveats = [f"| [{md(n)}]({urls.link(urls.CLASSIFICATIONS, urls.caveat(n))}) | {len(c)} |"
               for n, c in archive.caveats.items()]
    text = ["## Levels", "| Classification | Cables |\n|---|---|\n" + "\n".join(levels)]
    if caveats:
        text += ["## Caveats and handling", "Markings beside the level (distribution and handling).",
                 "| Caveat | Cables |\n|---|---|\n" + "\n".join(caveats)]
    yield urls.CLASSIFICATIONS, front_matter("Classifications") + "\n\n".join(text) + "\n"


def missing_index(archive: Archive) -> Iterator[Page]:
    """Cables cited by the archive but not in it, most cited first."""
    rows = []
    for cid, citing in sorted(archive.missing.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        first = citing[0]
        rows.append(f'<tr><td><a href="{urls.href(urls.MISSING, urls.cable(cid))}">{h(cid)}</a></td>'
                    f'<td>{len(citing)}</td><td><a href="{urls.href(urls.MISSING, urls.cable(first))}">{h(first)}</a>'
                    "</td></tr>")
    intro = (f"{plural(len(archive.missing), 'cable')} cited by cables of the archive but not in it. Each has a "
             "page that says so and lists who cites it, so that no reference leads nowhere.")
    return paginate(urls.MISSING, "Missing cables", intro, rows,
                    html=html_table(("Cable", "Cited by", "Most recent citing cable"), "listing"))


def subject_line(cid: str, page: str, archive: Archive) -> str:
    """A Markdown list item: linked ID and subject."""
    c = archive.cables[cid]
    return f"- [{cid}]({urls.link(page, urls.cable(cid))}) {md(one_line(c.subject))}"
