"""The home page: what is in the archive, with a chart of cables over time (render/charts.py)."""
from __future__ import annotations

from .. import urls
from ..resolve import Archive
from .charts import month_chart
from .lists import plural
from .text import md, raw

TOP_ORIGINS, TOP_TAGS, TOP_CITED = 10, 15, 10


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
        note = f"{plural(undated, 'cable')} state only a year and are not drawn." if undated else ""
        parts += ["## Cables over time", raw(month_chart(archive)), note]
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
    return "\n\n".join(p for p in parts if p) + "\n"
