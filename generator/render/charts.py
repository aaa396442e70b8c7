"""Pictures drawn at build time as inline SVG: the archive's cables over time (home page), a small timeline of a
tag, origin or name, and the citations around a cable. No script: they work offline and from file://.

Colours come from the theme (CSS classes styled in docs/stylesheets/lists.css with Material's variables), so dark
mode follows. Horizontal positions are percentages of the width and heights are pixels: the SVG takes the column's
width while its text keeps its size (a scaled viewBox would shrink the labels to 5 px on a phone). Numbers are
written with a fixed number of decimals, so the same archive gives the same bytes.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from .. import urls
from ..resolve import Archive, cable_year, cited_targets
from .text import h, one_line

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WINDOW_MONTHS = 60  # the years of the densest 60 months are drawn per month (at most 72 bars) …
MAX_YEAR_BARS = 6  # … the others per year, the oldest sharing one bar beyond 6: >= 4.5 px a bar on a phone
CHART_H, PLOT_TOP, PLOT_H = 200, 18, 150  # pixels: whole chart, plot area's top and height (labels below)
LINE_H, LINE_TOP, LINE_PLOT = 46, 4, 28  # the small timeline of a tag, origin or name
GRAPH_COLS, GRAPH_MAX = 3, 6  # citation graph: nodes per row, nodes per ring (the others are counted)
NODE_W, NODE_H, GAP_X, ROW_H, BAND_GAP = 144, 24, 10, 32, 22  # citation graph geometry (SVG units)


@dataclass(frozen=True)
class Slot:
    """One bar: a month of the dense run, a year outside it, or a run of sparse years sharing one bar."""

    first: tuple[int, int]  # (year, month); month 0 for a whole year
    last: tuple[int, int]
    count: int

    @property
    def is_month(self) -> bool:
        """A month of the dense run (not a year)."""
        return self.first[1] > 0

    def label(self) -> str:
        """`March 2009`, `2003`, `1966–1999`."""
        if self.is_month:
            return f"{MONTHS[self.first[1] - 1]} {self.first[0]}"
        return str(self.first[0]) if self.first == self.last else f"{self.first[0]}–{self.last[0]}"

    def target(self) -> str:
        """The page a bar links to: its month, its year, or the dates index for a run of years."""
        if self.is_month:
            return urls.month(*self.first)
        return urls.year(self.first[0]) if self.first == self.last else urls.DATES


def pct(x: float) -> str:
    """A percentage with fixed decimals (same input, same bytes)."""
    return f"{x:.3f}%"


def nice_step(top: int, ticks: int = 4) -> int:
    """The smallest 1, 2 or 5 times a power of ten that needs at most `ticks` steps to reach `top`."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if -(-top // (step * m)) <= ticks:
                return step * m
        step *= 10


def _window(months: dict[tuple[int, int], int]) -> tuple[int, int]:
    """The years drawn per month: those touched by the run of WINDOW_MONTHS months holding the most dated cables
    (the latest such run on a tie), so a busy last January–February is not left to a year bar."""
    ks = sorted(months)
    index = [y * 12 + m - 1 for y, m in ks]
    best, best_start = -1, index[0]
    total, lo = 0, 0
    for hi, k in enumerate(index):  # two pointers over the dated months: the window ends at month k
        total += months[ks[hi]]
        while index[lo] <= k - WINDOW_MONTHS:
            total -= months[ks[lo]]
            lo += 1
        if total >= best:
            best, best_start = total, index[lo]
    end = min(best_start + WINDOW_MONTHS - 1, index[-1])
    return best_start // 12, end // 12


def slots(months: dict[tuple[int, int], int]) -> list[Slot]:
    """The bars of the archive's chart: per month over the densest years (empty months at either end left out),
    per year outside them (only years with cables; the oldest merged when there are many)."""
    months = {k: n for k, n in months.items() if n}
    if not months:
        return []
    lo, hi = _window(months)
    inside = sorted(k for k in months if lo <= k[0] <= hi)
    start, end = inside[0], inside[-1]
    dense = []
    y, m = start
    while (y, m) <= end:
        dense.append(Slot((y, m), (y, m), months.get((y, m), 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    per_year: dict[int, int] = {}
    for (y, _m), n in months.items():
        if not lo <= y <= hi:
            per_year[y] = per_year.get(y, 0) + n
    before = [Slot((y, 0), (y, 0), n) for y, n in sorted(per_year.items()) if y < lo]
    after = [Slot((y, 0), (y, 0), n) for y, n in sorted(per_year.items()) if y > hi]
    if len(before) + len(after) > MAX_YEAR_BARS and len(before) > 1:
        keep = max(1, MAX_YEAR_BARS - len(after)) - 1  # the newest earlier years keep a bar each
        old = before[:len(before) - keep]
        before = [Slot(old[0].first, old[-1].last, sum(s.count for s in old))] + before[len(before) - keep:]
    return before + dense + after


def archive_months(archive: Archive) -> dict[tuple[int, int], int]:
    """Dated cables per (year, month)."""
    return {k: len(v) for k, v in archive.months.items()}


@functools.lru_cache(maxsize=4)
def _slot_index(key: tuple[tuple[tuple[int, int], int], ...]) -> tuple[tuple[Slot, ...], dict[tuple[int, int], int]]:
    """The archive's bars, and which bar each (year, month) falls in (a year outside the run: (year, 0))."""
    bars = tuple(slots(dict(key)))
    where: dict[tuple[int, int], int] = {}
    for i, s in enumerate(bars):
        if s.is_month:
            where[s.first] = i
        else:
            for y in range(s.first[0], s.last[0] + 1):
                where[(y, 0)] = i
    return bars, where


def archive_slots(archive: Archive) -> tuple[tuple[Slot, ...], dict[tuple[int, int], int]]:
    """`_slot_index` of an archive (computed once per archive: every timeline shares the home chart's bars)."""
    return _slot_index(tuple(sorted(archive_months(archive).items())))


def _bar_x(i: int, n: int) -> tuple[float, float]:
    """Left edge and width (percent) of bar i of n."""
    return 100 * i / n, 100 / n


def month_chart(archive: Archive, page: str = urls.HOME) -> str:
    """The home page's chart (HTML): one bar per month of the dense years and per year elsewhere, each a link to
    its page over the whole height of its column (a target of at least 4 px on a phone), a y axis with round
    ticks, year labels far enough apart to read."""
    bars, _where = archive_slots(archive)
    if not bars:
        return ""
    n = len(bars)
    months_only = [s.count for s in bars if s.is_month] or [s.count for s in bars]
    step = nice_step(max(months_only) or 1)
    top = step * -(-max(months_only) // step) or 1
    base = PLOT_TOP + PLOT_H
    first, last = str(bars[0].first[0]), bars[-1].label()
    out = [f'<div class="chart"><svg class="chart" width="100%" height="{CHART_H}" role="img" '
           f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="chart-title">Cables over time, {h(first)} to {h(last)}</title>']
    for k in range(0, top + 1, step):  # grid lines, labelled above the line at the left
        yy = base - PLOT_H * k / top
        out.append(f'<line class="grid" x1="0" x2="100%" y1="{yy:.1f}" y2="{yy:.1f}"/>'
                   f'<text class="tick" x="2" y="{yy - 3:.1f}">{k:,}</text>')
    for i, s in enumerate(bars):
        x, w = _bar_x(i, n)
        bh = min(PLOT_H, PLOT_H * s.count / top) if s.count else 0
        cls = "bar" if s.is_month else "bar year-bar"
        tip = f"{s.label()}: {s.count:,} cable{'' if s.count == 1 else 's'}" + ("" if s.is_month else " (per year)")
        shown = (f'<rect class="{cls}" x="{pct(x + w * .1)}" y="{base - max(bh, 2):.1f}" width="{pct(w * .8)}" '
                 f'height="{max(bh, 2):.1f}"/>') if s.count else ""
        over = (f'<text class="count" x="{pct(x + w / 2)}" y="{PLOT_TOP - 3}" text-anchor="middle">{s.count:,}'
                "</text>") if s.count > top else ""  # a year bar taller than the axis: cut, its count above
        body = (f'<title>{h(tip)}</title><rect class="hit" x="{pct(x)}" y="{PLOT_TOP}" width="{pct(w)}" '
                f'height="{PLOT_H}"/>{shown}{over}')
        out.append(f'<a href="{urls.href(page, s.target())}">{body}</a>' if s.count else f"<g>{body}</g>")
    out += _x_labels(bars, page)
    out.append("</svg>")
    out.append(f'<p class="caption">{_caption(bars)}</p></div>')
    return "\n".join(out)


def _x_labels(bars: tuple[Slot, ...], page: str) -> list[str]:
    """Labels under the bars: `≤2004` under the year bars before the months (`≥2031` after them), linked to the
    Dates page, and the year of each dense year's first bar, linked to the year, thinned so that at most 7 fit a
    phone's width and none runs into the year bars' label; a dashed line where year bars meet month bars."""
    n = len(bars)
    base = PLOT_TOP + PLOT_H + 18
    out = []
    months = [i for i, s in enumerate(bars) if s.is_month]
    lo, hi = (months[0], months[-1]) if months else (n, n - 1)
    if lo > 0:  # year bars before the months
        out.append(_label(page, urls.DATES, f"≤{bars[lo - 1].last[0]}", 0.0, "start", base))
    if hi < n - 1:  # year bars after them
        out.append(_label(page, urls.DATES, f"≥{bars[hi + 1].first[0]}", 100.0, "end", base))
    room_lo = 100 * lo / n + (10 if lo > 0 else 0)  # percent: where the month labels may start and end
    room_hi = 100 * (hi + 1) / n - (10 if hi < n - 1 else 0)
    marks = [i for i in months if (i == lo or bars[i].first[1] == 1) and room_lo <= 100 * i / n <= room_hi]
    every = max(1, -(-len(marks) // 7))
    last = -100.0
    for k, i in enumerate(marks):
        if k % every and k != len(marks) - 1:
            continue
        at = 100 * i / n
        if at - last < 9:
            continue  # too close to the label before it (a first year that starts in September)
        last = at
        anchor = "start"
        if k == len(marks) - 1 and at > 92 and hi == n - 1:
            anchor, at = "end", 100.0
        out.append(_label(page, urls.year(bars[i].first[0]), str(bars[i].first[0]), at, anchor, base))
    for i in range(1, n):
        if bars[i].is_month != bars[i - 1].is_month:
            x = pct(100 * i / n)
            out.append(f'<line class="split" x1="{x}" x2="{x}" y1="{PLOT_TOP - 8}" y2="{PLOT_TOP + PLOT_H + 4}"/>')
    return out


def _label(page: str, to: str, text: str, at: float, anchor: str, y: int) -> str:
    """A linked label under the chart."""
    return (f'<a href="{urls.href(page, to)}"><text class="year" x="{pct(at)}" y="{y}" '
            f'text-anchor="{anchor}">{h(text)}</text></a>')


def _caption(bars: tuple[Slot, ...]) -> str:
    """What the bars are (HTML)."""
    months = [s for s in bars if s.is_month]
    years = [s for s in bars if not s.is_month]
    text = "Each bar is a month; follow it to the month's cables."
    if months and years:
        text = (f"Each bar is a month from {h(months[0].label())} to {h(months[-1].label())}, where most cables "
                "are; outside those years each bar is a year (lighter). Follow a bar to its cables.")
    elif years:
        text = "Each bar is a year; follow it to the year's cables."
    return text


def timeline(dates: Iterable[str | None], archive: Archive, what: str) -> str:
    """A small picture (HTML) of when the cables of a tag, origin or name were sent, on the same bars as the home
    chart (so two timelines compare); no links, to keep thousands of pages small. `dates`: ISO dates or None."""
    bars, where = archive_slots(archive)
    if not bars:
        return ""
    counts: dict[int, int] = {}
    for d in dates:
        if not d:
            continue
        y, m = int(d[:4]), int(d[5:7])
        i = where.get((y, m), where.get((y, 0)))
        if i is not None:
            counts[i] = counts.get(i, 0) + 1
    if not counts:
        return ""
    top = max(counts.values())
    n = len(bars)
    base = LINE_TOP + LINE_PLOT
    out = [f'<figure class="timeline"><svg class="timeline" width="100%" height="{LINE_H}" role="img" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{h(what)} over time: most in one bar {top:,}</title>',
           f'<line class="grid" x1="0" x2="100%" y1="{base}" y2="{base}"/>']
    for i in sorted(counts):
        x, w = _bar_x(i, n)
        bh = max(2.0, LINE_PLOT * counts[i] / top)
        cls = "bar" if bars[i].is_month else "bar year-bar"
        out.append(f'<rect class="{cls}" x="{pct(x + w * .1)}" y="{base - bh:.1f}" width="{pct(max(w * .8, .4))}" '
                   f'height="{bh:.1f}"><title>{h(bars[i].label())}: {counts[i]:,}</title></rect>')
    out.append(f'<text class="year" x="0" y="{LINE_H - 2}">{bars[0].first[0]}</text>'
               f'<text class="year" x="100%" y="{LINE_H - 2}" text-anchor="end">{h(bars[-1].label())}</text>')
    out.append("</svg></figure>")
    return "\n".join(out)


# The citation graph -------------------------------------------------------------------------------------------

def _rings(cid: str, archive: Archive) -> list[tuple[str, list[str], list[tuple[str, str]], int]]:
    """The rings around a cable, oldest first: what its references cite, its references, the cable, what cites
    it, what cites those. Each ring: (label, node IDs shown, edges (node, node one ring inward), nodes not shown)."""
    def cites(x: str) -> list[str]:
        c = archive.cables.get(x)
        return cited_targets(c, archive.index) if c else []

    def cited_by(x: str) -> list[str]:
        return archive.cited_by.get(x, [])

    out = []
    for label1, label2, step in (("It cites", "Which cite", cites), ("Cited by", "Cited by those", cited_by)):
        ring1 = [x for x in dict.fromkeys(step(cid)) if x != cid]
        shown1 = ring1[:GRAPH_MAX]
        seen = {cid, *ring1}
        ring2: dict[str, list[str]] = {}
        for x in shown1:
            for y in step(x):
                if y not in seen:
                    ring2.setdefault(y, []).append(x)
        shown2 = list(ring2)[:GRAPH_MAX]
        out.append(((label1, shown1, [(x, cid) for x in shown1], len(ring1) - len(shown1)),
                    (label2, shown2, [(y, x) for y in shown2 for x in ring2[y]], len(ring2) - len(shown2))))
    (c1, c2), (b1, b2) = out
    return [c2, c1, ("This cable", [cid], [], 0), b1, b2]


def citation_graph(cid: str, page: str, archive: Archive) -> str:
    """The citations around a cable (HTML), two hops each way, as SVG: what it cites and what those cite above
    it, what cites it and what cites those below; every other cable a link to its page (a missing one dashed);
    empty when the cable neither cites nor is cited."""
    rings = [r for r in _rings(cid, archive) if r[1]]
    if len(rings) == 1:
        return ""
    width = GRAPH_COLS * NODE_W + (GRAPH_COLS - 1) * GAP_X
    pos: dict[str, tuple[float, float]] = {}
    y = 0
    heads, nodes, edges = [], [], []
    for label, ids, _e, more in rings:
        extra = f" (and {more:,} more)" if more else ""
        heads.append(f'<text class="ring" x="0" y="{y + 12}">{h(label)}{extra}</text>')
        y += 18
        for k, x in enumerate(ids):
            row, col = divmod(k, GRAPH_COLS)
            cols = min(GRAPH_COLS, len(ids) - row * GRAPH_COLS)
            left = (width - cols * NODE_W - (cols - 1) * GAP_X) / 2 + col * (NODE_W + GAP_X)
            top = y + row * ROW_H
            pos[x] = (left + NODE_W / 2, top + NODE_H / 2)
            nodes.append(_node(x, left, top, x == cid, page, archive))
        y += -(-len(ids) // GRAPH_COLS) * ROW_H + BAND_GAP
    for _label, _ids, ring_edges, _more in rings:
        for a, b in ring_edges:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            edges.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>')
    height = y - BAND_GAP + 2
    return "\n".join([f'<figure class="citations"><svg class="citations" viewBox="0 0 {width} {height:.0f}" '
                      f'role="img" aria-labelledby="cg-title" xmlns="http://www.w3.org/2000/svg">',
                      f'<title id="cg-title">Citations around {h(cid)}, two steps each way</title>',
                      '<g class="edges">', *edges, "</g>", *heads, *nodes, "</svg></figure>"])


def _node(x: str, left: float, top: float, this: bool, page: str, archive: Archive) -> str:
    """A cable in the graph: a box with its ID, the subject (or date) as its tooltip, a link unless it is the
    cable of the page."""
    c = archive.cables.get(x)
    cls = "node this" if this else "node" if c else "node missing"
    if c:
        when = c.date or str(cable_year(c))
        tip = f"{x} ({when})" + (f": {one_line(c.subject)}" if c.subject else "")
    else:
        tip = f"{x}: not in the archive"
    box = (f'<rect class="{cls}" x="{left:.0f}" y="{top:.0f}" width="{NODE_W}" height="{NODE_H}" rx="3"/>'
           f'<text class="{cls}" x="{left + NODE_W / 2:.0f}" y="{top + 16:.0f}" text-anchor="middle">{h(x)}</text>')
    if this:
        return f"<g><title>{h(tip)}</title>{box}</g>"
    return f'<a href="{urls.href(page, urls.cable(x))}"><title>{h(tip)}</title>{box}</a>'
