"""Listings as built (issue 14): a cable table leaves out the column that is the page's own key, every
classification code is spelt out, the calendar names its months, and the pictures are on the pages they belong to."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import ROOT, article, built

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The example site (one build shared with the other site tests)."""
    return built("examples", [ROOT / "examples" / "cables"], tmp_path_factory).site


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.mark.parametrize("page, head", [
    # no Origin column anywhere: the ID names the station (09TRIPOLI288 is Tripoli's); the room is the subject's
    ("origin/TRIPOLI.html", ["Date", "Cable", "Class.", "Subject"]),
    ("classification/secret.html", ["Date", "Cable", "Subject"]),  # a level's page: no Class. either
    ("classification/caveat/noforn.html", ["Date", "Cable", "Class.", "Subject"]),  # its cables' levels differ
    ("tag/LY.html", ["Date", "Cable", "Class.", "Subject"]),
    ("date/2008-03.html", ["Date", "Cable", "Class.", "Subject"]),
    ("cables.html", ["Date", "Cable", "Class.", "Subject"]),
])
def test_a_listing_leaves_out_its_own_key(site, page, head):
    table = article(site / page).select_one("table.listing")
    assert [text(th) for th in table.select("thead th")] == head
    assert all(len(tr.select("td")) == len(head) for tr in table.select("tbody tr"))
    assert text(table.select("tbody tr td")[-1])  # the subject is the last cell, never empty


@pytest.mark.parametrize("cable, code, full", [
    ("09TRIPOLI288", "S//NOFORN", "SECRET//NOFORN"),
    ("09UNVIEVIENNA133", "U//SENSITIVE", "UNCLASSIFIED//SENSITIVE"),
    ("10LONDON205", "LOU", "LIMITED OFFICIAL USE"),
    ("09STATE71533", "C", "CONFIDENTIAL"),  # SIPDIS, on nearly every cable, is not repeated in the code
])
def test_every_class_code_is_spelt_out(site, cable, code, full):
    soup = article(site / "cables.html")
    row = next(tr for tr in soup.select("table.listing tbody tr") if text(tr.select("td")[1]) == cable)
    abbr = row.select_one("abbr")
    assert (abbr.get_text(""), abbr["title"]) == (code, full)
    legend = text(soup.select_one("p.legend"))
    for short, name in (("U", "unclassified"), ("LOU", "limited official use"), ("C", "confidential"),
                        ("S", "secret"), ("TS", "top secret")):
        assert f"{short} {name}" in legend


def test_the_calendar_names_every_month_and_links_the_counts(site):
    soup = article(site / "dates.html")
    rows = soup.select("table.calendar tbody tr")
    assert [text(r.th) for r in rows] == ["2008", "2009", "2010"]
    for r in rows:
        months = r.select("td[data-m]")[1:]
        assert [td["data-m"] for td in months] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                   "Oct", "Nov", "Dec"]
        counted = sum(int(text(td)) for td in months if text(td))
        assert counted == int(text(r.select_one('td[data-m="All"]')))  # every cable of the examples is dated
    march = rows[0].select('td[data-m="Mar"] a')[0]
    assert (march["href"], text(march)) == ("date/2008-03.html", "3")
    assert soup.select_one("div.chart svg a rect.hit")  # the archive's chart is on the Dates page too


@pytest.mark.parametrize("page, cables", [
    ("tag/LY.html", 16),  # the timeline counts every dated cable of the page's key (all are dated)
    ("origin/TRIPOLI.html", 3),
])
def test_tag_and_origin_pages_have_a_timeline(site, page, cables):
    soup = article(site / page)
    assert len(soup.select("table.listing tbody tr")) == cables
    bars = soup.select("svg.timeline rect.bar title")
    assert sum(int(text(t).rsplit(": ", 1)[1]) for t in bars) == cables


def test_an_entity_page_has_a_timeline(site):
    pages = sorted(p for p in (site / "entity").rglob("*.html") if not p.name.startswith("_"))
    with_cables = [p for p in pages if article(p).select("ul.entity-cables li")]
    assert with_cables
    for p in with_cables[:5]:
        soup = article(p)
        assert soup.select("svg.timeline rect.bar"), p


def test_a_cited_cable_has_its_citation_graph_and_every_node_resolves(site):
    page = site / "cable" / "09STATE71533.html"
    svg = article(page).select_one("svg.citations")
    hrefs = [a["href"] for a in svg.select("a")]
    assert {Path(x).stem for x in hrefs} >= {"09TRIPOLI288", "10STATE7114"}
    assert all((page.parent / x).is_file() for x in hrefs)
    assert (site / "stylesheets" / "lists.css").is_file()
    assert 'href="../stylesheets/lists.css"' in page.read_text(encoding="utf-8")
