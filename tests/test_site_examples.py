"""The built example site (examples/cables, no ../shared needed): pages, links, references both ways."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import linkcheck
from sitebuild import ROOT, article, built, cable_links, check_reverse

pytestmark = pytest.mark.slow
EXAMPLES = ROOT / "examples" / "cables"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory):
    """The example archive, generated and built with mkdocs --strict."""
    return built("examples", [EXAMPLES], tmp_path_factory)


@pytest.fixture(scope="session")
def expected() -> dict[str, dict]:
    """Cable ID -> what examples/expected.json says about it."""
    data = json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8"))
    return {c["id"]: c for cables in data.values() for c in cables}


def text(el) -> str:
    """Visible text, whitespace collapsed."""
    return re.sub(r"\s+", " ", el.get_text(" ")).strip()


def test_mkdocs_strict_build_has_no_warnings(example_site):
    assert "WARNING" not in example_site.mkdocs_log
    assert "Documentation built" in example_site.mkdocs_log


def test_a_page_for_every_cable(example_site, expected):
    for cid, exp in expected.items():
        page = example_site.site / "cable" / f"{cid}.html"
        assert page.is_file(), cid
        h1 = text(article(page).find("h1"))
        assert h1 == f"{cid}: {exp['subject']}"


def test_no_broken_internal_links(example_site):
    rep = linkcheck.check(example_site.site)
    assert rep.pages > 100 and rep.links > 2000
    assert rep.problems == []


def test_every_cable_reference_links_to_its_page(example_site, expected):
    for cid, exp in expected.items():
        refs = cable_links(example_site.site / "cable" / f"{cid}.html")["refs"]
        assert refs == exp["reference_ids"], cid


def test_cited_by_is_exactly_the_reverse_of_references(example_site, expected):
    assert check_reverse(example_site, set(expected)) == []
    cited = {}
    for cid, exp in expected.items():
        for r in exp["reference_ids"]:
            cited.setdefault(r, set()).add(cid)
    for cid in expected:
        got = cable_links(example_site.site / "cable" / f"{cid}.html")["cited_by"]
        assert set(got) == cited.get(cid, set()), cid


def test_cited_cable_missing_from_archive_has_its_own_page(example_site):
    page = example_site.site / "cable" / "07STATE164220.html"
    soup = article(page)
    assert "not in the archive" in text(soup)
    assert [Path(a["href"]).stem for a in soup.select("ul.cited-by a.cable")] == ["08STATE19406"]
    ref_link = article(example_site.site / "cable" / "08STATE19406.html").select_one("ol.cable-refs a.missing")
    assert ref_link["href"] == "07STATE164220.html"
    # the e-mail in REF B is shown as text, not linked
    refs = article(example_site.site / "cable" / "08STATE19406.html").select_one("ol.cable-refs")
    assert "HALVERSON-OKAFOR EMAIL OF 02-12-08" in text(refs)
    assert len(refs.select("a")) == 1


def test_metadata_block_shows_every_field(example_site):
    soup = article(example_site.site / "cable" / "09PARIS451.html")
    rows = {text(tr.th): tr.td for tr in soup.select("table.cable-meta tr")}
    for label in ("Date", "Date-time group", "Origin", "Precedence", "From", "To", "Info", "Classification",
                  "Declassify", "Classified by", "Reasons", "Signer", "Sections", "Released", "Source format",
                  "Also known as"):
        assert label in rows
    assert text(rows["Date"]).startswith("2009-03-12 16:02 UTC")  # the time of the date-time group
    assert text(rows["Date-time group"]) == "121602Z MAR 09"
    assert rows["Date"].a["href"] == "../date/2009-03.html"
    assert rows["Origin"].a["href"] == "../origin/PARIS.html"
    assert text(rows["Signer"]) == "PRESCOTT"
    assert text(rows["Sections"]) == "3"
    assert rows["Classification"].a["href"] == "../classification/confidential.html"
    nf = rows_of(example_site, "09TRIPOLI288")["Classification"]
    assert [text(a) for a in nf.select("a")][:2] == ["SECRET", "NOFORN"]
    assert nf.select("a")[1]["href"] == "../classification/caveat/noforn.html"


def rows_of(site, cid: str) -> dict:
    """Metadata rows of a cable page: label -> cell."""
    return {text(tr.th): tr.td for tr in article(site.site / "cable" / f"{cid}.html").select("table.cable-meta tr")}


def test_inferred_date_is_marked(example_site):
    assert "inferred" in text(rows_of(example_site, "09STATE71533")["Date"])
    assert "inferred" not in text(rows_of(example_site, "09PARIS451")["Date"])


def test_tags_link_to_tag_pages_with_their_meaning(example_site, expected):
    soup = article(example_site.site / "cable" / "10STATE7114.html")
    items = soup.select("ul.cable-tags li")
    assert [text(li.a) for li in items] == expected["10STATE7114"]["tags"]
    by_code = {text(li.a): (li.a["href"], text(li)) for li in items}
    assert by_code["GM"][0] == "../tag/GM.html" and "Germany" in by_code["GM"][1]
    assert "Libya" in by_code["LY"][1] and "United Kingdom" in by_code["UK"][1]
    tag_page = article(example_site.site / "tag" / "LY.html")
    assert "Libya" in text(tag_page)
    listed = [Path(a["href"]).stem for a in tag_page.select("table a") if "/cable/" in a["href"]]
    assert len(listed) == sum("LY" in e["tags"] for e in expected.values())
    dates = [expected[c]["date"] or "" for c in listed]
    assert [d for d in dates if d] == sorted((d for d in dates if d), reverse=True)


def test_paragraphs_have_wikileaks_anchors_and_portion_marks(example_site):
    soup = article(example_site.site / "cable" / "09PARIS451.html")
    pars = soup.select("div.cable-body p[id]")
    assert [p["id"] for p in pars[:3]] == ["par1", "par2", "par3"]
    assert pars[0].select_one("a.par-link")["href"] == "#par1"
    assert text(pars[1].select_one(".portion")) == "(C)"
    headings = [text(h) for h in soup.select("div.cable-body h3")]
    assert any("Small Group Meeting" in h for h in headings)


def test_redactions_are_marked(example_site):
    soup = article(example_site.site / "cable" / "08TRIPOLI702.html")
    marks = soup.select("div.cable-body .redacted")
    assert marks and all(text(m) == "XXXXXXXXXXXX" for m in marks)


def test_body_back_references_link_to_the_cable_they_name(example_site):
    def mentions(cid):
        soup = article(example_site.site / "cable" / f"{cid}.html")
        return [(text(a), a["href"]) for a in soup.select("div.cable-body a.ref")]

    hague = mentions("08THEHAGUE640")
    assert ("REF A", "08STATE19406.html") in hague
    assert ("reftel B", "08LONDON1187.html") in hague
    assert ("REFTEL", "08STATE19406.html") in mentions("08LONDON1187")
    assert ("ref a", "09TRIPOLI288.html") not in mentions("09STATE71533")  # REF A names two cables
    assert ("ref a", "#ref-a") in mentions("09STATE71533")
    assert ("reftel B", "09UNVIEVIENNA133.html") in mentions("09STATE71533")


def test_entities_are_linked_in_the_body_and_have_pages(example_site):
    soup = article(example_site.site / "cable" / "09STATE71533.html")
    links = {text(a): a["href"] for a in soup.select("div.cable-body a.entity")}
    assert "Maria Lindqvist" in links or "Lindqvist" in links
    href = links.get("Maria Lindqvist") or links["Lindqvist"]
    page = article((example_site.site / "cable" / href).resolve())
    assert "Lindqvist" in text(page.find("h1"))
    listed = [Path(a["href"].split("#")[0]).stem for a in page.select("li a") if "/cable/" in a["href"]]
    assert "09STATE71533" in listed
    entity_file = (example_site.site / "cable" / href).resolve()
    for cid in listed:  # every cable the entity page lists links back to it
        cable_page = example_site.site / "cable" / f"{cid}.html"
        hrefs = {(cable_page.parent / a["href"]).resolve() for a in article(cable_page).select("a.entity")}
        assert entity_file in hrefs, cid
    assert soup.select("dl.cable-entities a.entity")


def test_original_text_is_a_linked_plain_text_file(example_site):
    page = example_site.site / "cable" / "09UNVIEVIENNA133.html"
    link = article(page).select_one("a.original")
    assert text(link) == "Original text" and link["type"] == "text/plain"
    original = (page.parent / link["href"]).resolve()
    assert original == (example_site.site / "cable" / "09UNVIEVIENNA133.txt").resolve()
    assert "UNCLAS UNVIE VIENNA 000133" in original.read_text(encoding="utf-8")
    assert not article(page).select("details.original, pre.cable-original")  # no longer inside the page


def test_hostile_looking_body_renders_as_written(example_site):
    soup = article(example_site.site / "cable" / "10LONDON205.html")
    body = soup.select_one("div.cable-body")
    shown = text(body)
    assert "HL_casks_v3.xls" in shown and "hl_cargo@fco.example" in shown
    assert "#1 | HL-01 | Co-60 x 9" in shown and "< 150 TBq" in shown
    assert "Marlow & Finch" in shown
    assert not body.select("em, strong, table, h1, h2, code")


def test_index_pages(example_site, expected):
    site = example_site.site
    origins = article(site / "origins.html")
    counts = {text(tr.select("td")[0]): int(text(tr.select("td")[2])) for tr in origins.select("tbody tr")}
    assert counts == {"STATE": 4, "TRIPOLI": 3, "BERLIN": 2, "LONDON": 2, "MANAMA": 2, "PARIS": 2, "THEHAGUE": 2,
                      "UNVIEVIENNA": 1}
    cls = article(site / "classifications.html")
    counts = {text(tr.select("td")[0]): int(text(tr.select("td")[1])) for tr in cls.select("tbody tr")}
    assert {k: counts[k] for k in ("CONFIDENTIAL", "UNCLASSIFIED", "SECRET", "LIMITED OFFICIAL USE")} == {
        "CONFIDENTIAL": 10, "UNCLASSIFIED": 4, "SECRET": 3, "LIMITED OFFICIAL USE": 1}
    noforn = article(site / "classification" / "caveat" / "noforn.html")
    assert {Path(a["href"]).stem for a in noforn.select("table a")} == {"09STATE30118", "09TRIPOLI288"}
    month = article(site / "date" / "2008-03.html")
    assert {Path(a["href"]).stem for a in month.select("table a")} == {"08LONDON1187", "08THEHAGUE640",
                                                                        "08MANAMA312"}
    year = article(site / "date" / "2009.html")
    assert "7 cables" in text(year)
    tags = article(site / "tags.html")
    assert "Subject tags" in text(tags) and "Countries and places" in text(tags)
    assert len(article(site / "cables.html").select("tbody tr")) == len(expected)


def test_home_page_says_what_is_in_the_archive(example_site):
    soup = article(example_site.site / "index.html")
    shown = text(soup)
    assert "18 cables" in shown and "from 2008 to 2010" in shown
    svg = soup.select_one("div.chart svg")
    bars = svg.select("a rect.bar")
    assert len(bars) == 10 or len(bars) == 11  # dated months (an inferred date may add one)
    assert all(a["href"].startswith("date/") for a in svg.select("a"))
    for section in ("Classifications", "Most active origins", "Most used tags", "Most cited cables"):
        assert section in [text(h).rstrip(" ¶") for h in soup.select("h2")]
    cited = next(h for h in soup.select("h2") if "Most cited" in text(h)).find_next("table")
    assert text(cited.select("tbody tr")[0].td) == "10STATE7114"
    assert soup.select_one('a[href="report.html"]')


def test_build_report_lists_every_input(example_site):
    data = json.loads((example_site.site / "report.json").read_text(encoding="utf-8"))
    statuses = {i["source"].removeprefix("cables/"): i["status"] for i in data["inputs"]}  # the folder given: cables
    assert statuses["notes/README-not-a-cable.txt"] == "skipped"
    assert sum(s == "cable" for s in statuses.values()) == 18
    assert data["summary"]["missing_cited"] == 1
    assert {t["tag"] for t in data["unknown_tags"]} >= {"TRGY"}
    assert {i["cable"] for i in data["inferred_dates"]} == {"09STATE71533", "10THEHAGUE166"}
    page = text(article(example_site.site / "report.html"))
    assert "README-not-a-cable.txt" in page and "not a cable" in page


def test_cables_stay_out_of_the_nav(example_site):
    html = (example_site.site / "cable" / "08STATE19406.html").read_text(encoding="utf-8")
    nav = html[html.find('<nav class="md-nav md-nav--primary"'):html.find("</nav>", html.find("md-nav--primary"))]
    assert "08LONDON1187" not in nav and "Cables" in nav


def test_nothing_is_loaded_from_another_host(example_site):
    rep = linkcheck.check(example_site.site)
    loads = [e for e in rep.external if re.search(r"<(script|link|img|iframe|source) ", e)]
    assert loads == []
    assert (example_site.site / "404.html").is_file()
    assert not list(example_site.site.rglob("*.py"))


def test_published_with_site_url_404_page_and_sitemap_work(example_site, tmp_path):
    import yaml

    from sitebuild import PY, run

    cfg = yaml.safe_load(example_site.config.read_text(encoding="utf-8"))
    cfg["site_url"] = "https://example.org/cables/"
    cfg["site_dir"] = str(tmp_path / "site")
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    log = run([PY, "-m", "mkdocs", "build", "--strict", "-f", str(config)])
    assert "WARNING" not in log
    site = tmp_path / "site"
    assert linkcheck.check(site, base="/cables/").problems == []
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/cables/cable/08STATE19406.html</loc>" in sitemap
    import gzip

    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    assert (site / "sitemap.xml.gz").read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0: the same bytes every day
