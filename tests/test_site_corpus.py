"""The site built from the real cables of ../shared/corpus and ../shared/seeds (skipped when ../shared is absent)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import linkcheck
from sitebuild import article, built, cable_links, check_reverse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def corpus_site(shared, tmp_path_factory):
    """Corpus and seeds, generated and built with mkdocs --strict."""
    return built("corpus", [shared / "corpus", shared / "seeds"], tmp_path_factory)


@pytest.fixture(scope="module")
def corpus_and_seeds(shared) -> list:
    """Every cable the parser reads from the corpus and seeds (read once for the tests below)."""
    from generator.reference import load

    cables, _skips = load([str(shared / "corpus"), str(shared / "seeds")])
    return cables


@pytest.fixture(scope="module")
def corpus_ids(corpus_and_seeds) -> set[str]:
    """Every cable ID the parser finds in the corpus and seeds."""
    return {c.id for c in corpus_and_seeds}


def test_strict_build_without_warnings(corpus_site):
    assert "WARNING" not in corpus_site.mkdocs_log


def test_a_page_for_every_cable(corpus_site, corpus_ids):
    assert len(corpus_ids) > 300
    missing = [cid for cid in sorted(corpus_ids) if not (corpus_site.site / "cable" / f"{cid}.html").is_file()]
    assert missing == []
    for cid in sorted(corpus_ids)[:40]:
        h1 = article(corpus_site.site / "cable" / f"{cid}.html").find("h1").get_text()
        assert h1.startswith(cid)


def test_zero_broken_internal_links(corpus_site):
    rep = linkcheck.check(corpus_site.site)
    assert rep.pages > len(list((corpus_site.site / "cable").glob("*.html")))
    assert rep.problems == []


@pytest.mark.parametrize("citing, cited", [("08MANAMA536", "08MANAMA420"), ("08MANAMA49", "07MANAMA1118")])
def test_reference_links_to_the_cited_cable(corpus_site, citing, cited):
    assert cited in cable_links(corpus_site.site / "cable" / f"{citing}.html")["refs"]
    assert citing in cable_links(corpus_site.site / "cable" / f"{cited}.html")["cited_by"]
    link = article(corpus_site.site / "cable" / f"{citing}.html").select_one(f'ol.cable-refs a[href="{cited}.html"]')
    assert "missing" not in link.get("class", [])


def test_cited_by_is_exactly_the_reverse(corpus_site, corpus_ids):
    assert check_reverse(corpus_site, corpus_ids) == []


def test_every_cable_reference_is_linked(corpus_site, corpus_and_seeds):
    """Each REF item that names a cable has a link: to the cable, or to the page saying it is missing."""
    cables = corpus_and_seeds
    report = json.loads((corpus_site.site / "report.json").read_text(encoding="utf-8"))
    shown = {d["id"]: d["shown"] for d in report["duplicates"]}
    for c in cables:
        if c.id in shown and c.source != shown[c.id]:
            continue
        want = list(dict.fromkeys(r.id for r in c.references if r.id))
        got = list(dict.fromkeys(cable_links(corpus_site.site / "cable" / f"{c.id}.html")["refs"]))
        assert got == want, c.id
        for rid in want:
            assert (corpus_site.site / "cable" / f"{rid}.html").is_file()


def test_duplicates_are_reported(corpus_site):
    report = json.loads((corpus_site.site / "report.json").read_text(encoding="utf-8"))
    dup_ids = {d["id"] for d in report["duplicates"]}
    assert "10STATE284" in dup_ids  # the cablegate page and seed 000 (its annotated body)
    page = article(corpus_site.site / "report.html").get_text()
    assert "10STATE284" in page
    inputs = {i["source"] for i in report["inputs"]}
    assert sum(1 for i in report["inputs"] if i["status"] in ("cable", "duplicate")) >= 330
    assert any(s.endswith("MANIFEST.tsv") for s in inputs)


def test_no_page_lists_more_than_about_a_thousand_links(corpus_site):
    worst = 0
    for page in corpus_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start = html.find("<article")
        n = len(re.findall(r"<a\s", html[start:html.find("</article>")]))
        worst = max(worst, n)
    assert worst <= 1100


def test_tag_pages_list_cables_newest_first(corpus_site):
    soup = article(corpus_site.site / "tag" / "BA.html")
    dates = [tr.td.get_text().split()[0] for tr in soup.select("tbody tr")]
    assert len(dates) > 100
    assert dates == sorted(dates, reverse=True)
    assert "Bahrain" in soup.get_text()


def test_sitemap_is_valid_and_small(corpus_site):
    sm = (corpus_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert sm.startswith("<?xml") and "<lastmod>" not in sm
    assert Path(corpus_site.site / "sitemap.xml.gz").stat().st_size < 50 * 1024 * 1024
