"""The home page: what is in the archive, with a chart of cables per month drawn at build time as inline SVG."""
from __future__ import annotations

from .. import urls
from ..resolve import Archive
from .lists import MONTHS, plural
from .text import md

W, H = 800, 220  # SVG user units; the chart scales to the page width
PAD_L, PAD_R, PAD_T, PAD_B = 40, 10, 10, 28
TOP_ORIGINS, TOP_TAGS, TOP_CITED = 10, 15, 10


def month_counts(archive: Archive) -> list[tuple[int, int, int]]:
    """(year, month, cables) for every month from the first to the last dated month, gaps included."""
    if not archive.months:
        return []
    (y0, m0), (y1, m1) = min(archive.months), max(archive.months)
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        out.append((y, m, len(archive.months.get((y, m), []))))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def chart(archive: Archive, page: str = urls.HOME) -> str:
    """Bars of cables per month; each bar links to its month, each year label to its year."""
    months = month_counts(archive)
    if not months:
        return ""
    top = max(n for _y, _m, n in months) or 1
    pw, ph = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    bw = pw / len(months)
    out = [f'<div class="chart"><svg viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-title" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="chart-title">Cables per month, {months[0][0]} to {months[-1][0]}</title>',
           f'<line class="axis" x1="{PAD_L}" y1="{PAD_T + ph}" x2="{W - PAD_R}" y2="{PAD_T + ph}"/>',
           f'<text class="tick" x="{PAD_L - 4}" y="{PAD_T + 8}" text-anchor="end">{top}</text>',
           f'<text class="tick" x="{PAD_L - 4}" y="{PAD_T + ph}" text-anchor="end">0</text>']
    for i, (y, m, n) in enumerate(months):
        if not n:
            continue
        bh = max(1.0, ph * n / top)
        x, yy = PAD_L + i * bw, PAD_T + ph - bh
        out.append(f'<a href="{urls.href(page, urls.month(y, m))}"><rect class="bar" x="{x:.2f}" y="{yy:.2f}" '
                   f'width="{max(bw - 1, 0.6):.2f}" height="{bh:.2f}"><title>{MONTHS[m - 1]} {y}: '
                   f'{plural(n, "cable")}</title></rect></a>')
    years = sorted({y for y, _m, _n in months})
    step = max(1, -(-len(years) * 40 // pw))  # at least 40 units between year labels
    for k, y in enumerate(years):
        if k % step:
            continue
        i = next(j for j, (yy, _m, _n) in enumerate(months) if yy == y)
        x = PAD_L + i * bw
        label = f'<text class="year" x="{x:.2f}" y="{H - 8}">{y}</text>'
        out.append(f'<a href="{urls.href(page, urls.year(y))}">{label}</a>' if y in archive.years else label)
    out.append("</svg></div>")
    return "\n".join(out)


def home(archive: Archive, skipped: int) -> str:
    """Markdown of the home page."""
    n = len(archive.order)
    link = lambda to: urls.link(urls.HOME, to)  # noqa: E731 - a local shorthand
    years = list(archive.years)
    span = f" from {years[0]} to {years[-1]}" if years else ""
    # No title here: the heading and the tab are the archive's name (mkdocs.yml site_name, overrides/partials/
    # content.html), with the builder's introduction under it.
    parts = [f"The archive holds **{plural(n, 'cable')}**{span}, sent by {plural(len(archive.origins), 'origin')} "
             f"and tagged with {plural(len(archive.tags), 'tag')}. "
             f"{plural(len(archive.missing), 'more cable')} are cited but not in it. "
             f"[Browse all cables]({link(urls.CABLES_LIST)}) · [by date]({link(urls.DATES)}) · "
             f"[by origin]({link(urls.ORIGINS)}) · [by tag]({link(urls.TAGS)}) · "
             f"[by classification]({link(urls.CLASSIFICATIONS)}) · [by name]({link(urls.ENTITIES)})"]
    if archive.months:
        undated = sum(len(v) for v in archive.no_month.values())
        note = f" {plural(undated, 'cable')} state only a year and are not drawn." if undated else ""
        parts += ["## Cables per month", chart(archive),
                  f"Each bar is a month; follow it to the month's cables.{note}"]
    cls = " · ".join(f"[{md(c)}]({link(urls.classification(c))}) {len(v)}" for c, v in
                     sorted(archive.classifications.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    parts += ["## Classifications", cls or "None."]
    origins = sorted(archive.origins.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_ORIGINS]
    if origins:
        parts += ["## Most active origins", "| Origin | Name | Cables |\n|---|---|---|\n" + "\n".join(
            f"| [{md(o)}]({link(urls.origin(o))}) | {md(archive.origin_names.get(o)) or '—'} | {len(v)} |"
            for o, v in origins)]
    tags = sorted(archive.tags.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_TAGS]
    if tags:
        parts += ["## Most used tags", "| Tag | Meaning | Cables |\n|---|---|---|\n" + "\n".join(
            f"| [{md(t)}]({link(urls.tag(t))}) | {md(archive.tag_info[t].meaning) or '—'} | {len(v)} |"
            for t, v in tags)]
    cited = sorted(((len(v), t) for t, v in archive.cited_by.items()), key=lambda x: (-x[0], x[1]))[:TOP_CITED]
    if cited:
        rows = []
        for count, t in cited:
            subj = md(archive.cables[t].subject) if t in archive.cables else "*not in the archive*"
            rows.append(f"| [{t}]({link(urls.cable(t))}) | {subj} | {count} |")
        parts += ["## Most cited cables", "| Cable | Subject | Cited by |\n|---|---|---|\n" + "\n".join(rows)]
    parts += ["## Data",
              (f"Every cable's full record (fields, paragraphs, references, cited-by, tags, names) as "
               f"[JSON Lines, gzipped]({link(urls.DATA_JSONL)}), one cable a line, and its main fields as "
               f"[CSV]({link(urls.DATA_CSV)}), one row a cable; each cable's page links to its own record "
               f"(`cable/<ID>.json`). The records follow [this JSON Schema]({link(urls.DATA_SCHEMA)}).")]
    report = f"[build report]({link(urls.REPORT)})"
    parts += ["## About this build",
              f"Every input file and what became of it is listed in the {report}"
              + (f" ({plural(skipped, 'input')} skipped)." if skipped else ".")
              + f" See also [about the archive]({link('about.md')})."]
    return "\n\n".join(parts) + "\n"
