"""The pictures drawn at build time (render/charts.py): which bars the archive's chart has, that every target links
where it says, that the citation graph holds the cables two steps around a cable, and that they are small and the
same bytes every time."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import urls
from generator.render import charts
from generator.render.charts import Slot, citation_graph, month_chart, nice_step, slots, timeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cables"

# Dated cables per year of the site built from ../shared/corpus + corpus-2010 + seeds (one month each here; the
# spread within a year does not change which years are drawn per month): one 1966 cable, a few in the 1970s–80s,
# the bulk from 2004 to February 2010.
REAL_YEARS = {1966: 1, 1972: 2, 1975: 1, 1979: 1, 1986: 1, 1988: 1, 1989: 1, 1990: 1, 2000: 3, 2001: 3, 2002: 2,
              2003: 17, 2004: 80, 2005: 129, 2006: 156, 2007: 269, 2008: 454, 2009: 700, 2010: 70}


def real_months() -> dict[tuple[int, int], int]:
    """REAL_YEARS spread over the months the real site shows (whole years in the dense run, 2010 to February)."""
    out: dict[tuple[int, int], int] = {}
    for y, n in REAL_YEARS.items():
        months = range(1, 3) if y == 2010 else range(1, 13) if n >= 12 else [6]
        for m in months:
            out[(y, m)] = n // len(months)
    return out


@pytest.fixture(scope="module")
def archive():
    from generator.reference import load
    from generator.resolve import resolve

    cables, _skips = load([str(EXAMPLES)])
    return resolve(cables)


@pytest.mark.parametrize("name, months, years, first, last", [
    # the example archive: February 2008 to June 2010, every month drawn (empty ones too), no year bar
    ("examples", {(2008, 2): 1, (2008, 3): 3, (2009, 7): 1, (2010, 6): 1}, [], (2008, 2), (2010, 6)),
    # the real corpus: 2005–2010 per month (ending February 2010); 1966–1990 share one bar, 2000–2004 one each
    ("real corpus", real_months(), ["1966–1990", "2000", "2001", "2002", "2003", "2004"], (2005, 1), (2010, 2)),
    # one cable far after the bulk (a misdated 2031 cable): a year bar after the months
    ("late outlier", {(2008, 1): 5, (2008, 12): 5, (2031, 4): 1}, ["2031"], (2008, 1), (2008, 12)),
])
def test_dense_years_per_month_the_others_per_year(name, months, years, first, last):
    bars = slots(months)
    per_month = [s for s in bars if s.is_month]
    assert [s.label() for s in bars if not s.is_month] == years
    assert (per_month[0].first, per_month[-1].first) == (first, last)
    assert len(per_month) == (last[0] - first[0]) * 12 + last[1] - first[1] + 1  # gaps drawn as empty months
    assert sum(s.count for s in bars) == sum(months.values())  # every dated cable in exactly one bar
    assert len(bars) <= 72 + charts.MAX_YEAR_BARS


@pytest.mark.parametrize("top, step", [(1, 1), (4, 1), (5, 2), (8, 2), (9, 5), (49, 20), (81, 50), (400, 100)])
def test_y_axis_steps_are_round_and_few(top, step):
    assert nice_step(top) == step
    assert -(-top // step) <= 4


@pytest.mark.parametrize("bar, target", [
    (Slot((2009, 3), (2009, 3), 4), "date/2009-03.md"),
    (Slot((2003, 0), (2003, 0), 17), "date/2003.md"),
    (Slot((1966, 0), (1990, 0), 10), urls.DATES),  # a run of sparse years: the calendar of every year
])
def test_each_bar_links_to_its_own_page(bar, target):
    assert bar.target() == target


def test_home_chart_of_the_real_corpus_shape_is_small_readable_and_linked(archive, monkeypatch):
    counts = real_months()
    monkeypatch.setattr(charts, "archive_months", lambda _a: counts)
    svg = month_chart(archive)
    soup = BeautifulSoup(svg, "html.parser")
    links = soup.select("svg a")
    bars = soup.select("a rect.hit")
    assert len(bars) == len([s for s in slots(counts) if s.count])  # every bar with cables is a link
    for rect in soup.select("rect"):
        if rect.get("class") == ["hit"]:
            assert float(rect["width"].rstrip("%")) * 358 / 100 >= 4  # 358 px: the column on a 390 px phone
    assert {a["href"] for a in links} >= {"date/2005-01.html", "date/2010-02.html", "date/2004.html", "dates.html"}
    ticks = [int(t.text.replace(",", "")) for t in soup.select("text.tick")]
    assert ticks == list(range(0, ticks[-1] + 1, ticks[1])) and 3 <= len(ticks) <= 5
    assert len(soup.select("text.year")) <= 9  # labels far enough apart for a phone
    assert len(svg.encode()) < 30_000
    assert svg == month_chart(archive)  # same input, same bytes


def test_timeline_counts_on_the_home_chart_bars(archive):
    dates = [archive.cables[c].date for c in archive.tags["LY"]]
    svg = timeline(dates, archive, "Cables tagged LY")
    soup = BeautifulSoup(svg, "html.parser")
    shown = sum(int(t.text.rsplit(": ", 1)[1]) for t in soup.select("rect.bar title"))
    assert shown == len([d for d in dates if d])
    assert soup.select("a") == []  # no links: thousands of entity pages stay small
    assert timeline([None, None], archive, "Undated") == ""


GRAPH_CASES = [
    # cable, ring of IDs that must be nodes, missing nodes (dashed)
    ("09STATE71533", {"09TRIPOLI288", "09TRIPOLI287", "09UNVIEVIENNA133", "10STATE7114", "09BERLIN1290",
                      "09STATE30118", "09PARIS451", "10MANAMA151", "10THEHAGUE166"}, set()),
    ("08TRIPOLI702", {"08STATE19406", "07STATE164220", "09STATE30118", "08THEHAGUE640"}, {"07STATE164220"}),
]


@pytest.mark.parametrize("cid, ring, missing", GRAPH_CASES)
def test_citation_graph_two_steps_each_way(archive, cid, ring, missing):
    page = urls.cable(cid)
    svg = citation_graph(cid, page, archive)
    soup = BeautifulSoup(svg, "html.parser")
    linked = {Path(a["href"]).stem for a in soup.select("a")}
    assert ring <= linked and cid not in linked  # the cable itself is drawn, not linked
    assert soup.select_one("text.this").text == cid
    assert {t.text for t in soup.select("text.missing")} == missing
    assert len(soup.select("line")) >= len(ring)  # every node joined to the ring inside it
    assert svg == citation_graph(cid, page, archive)


def test_citation_graph_absent_without_citations_and_escaped(archive):
    # 10PARIS733 cites three cables; a cable nobody cites and that cites nothing has no graph
    assert citation_graph("10PARIS733", urls.cable("10PARIS733"), archive)
    lonely = [c for c in archive.order if not archive.cited_by.get(c) and not archive.cables[c].references]
    for cid in lonely:
        assert citation_graph(cid, urls.cable(cid), archive) == ""
    svg = citation_graph("09STATE71533", urls.cable("09STATE71533"), archive)
    assert not re.search(r"<(?!/?(svg|title|g|line|text|rect|a|figure)\b)", svg)  # nothing but the SVG's own tags
