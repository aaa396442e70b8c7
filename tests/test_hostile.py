"""Hostile text: whatever a cable says reaches the reader as literal text, and no cable names a path.

Checked on the built HTML (mkdocs --strict) of tests/fixtures/hostile/ (see tests/badinput.py), not on Markdown.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import urls

import badinput
from badinput import HOSTILE
from sitebuild import article

SUBJECT_350 = "<script>alert('subject')</script> *STAR* _UNDER_ [LINK](javascript:alert(1)) {{ config }} {% raw %}"
BODY_350 = [
    '<script>alert("body")</script>', "<img src=x onerror=alert(2)>", '<a href="javascript:alert(3)">link</a>',
    "[click me](javascript:alert(4))", '<iframe src="javascript:alert(5)"></iframe>',
    "*stars* and _underscores_ and **bold** and `backticks` and [x](y) and ![img](z.png)",
    "# a hash at a line start", "| a | pipe | table |", "|---|---|---|", "<!-- an HTML comment -->",
    "> a quote and - a list", "an indented line",
    "{{ config }} and {{ config.site_name }} and {% raw %} and {% endraw %} and {# note #}",
    "${MKDOCS} and %(name)s and @@macro@@ and &amp; &lt;b&gt; &#60;script&#62;.",
]


def words(node) -> str:
    """Visible text, whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


def page(path: Path) -> BeautifulSoup:
    """A whole built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def scripts(soup: BeautifulSoup) -> list[tuple]:
    """The page's scripts, by what does not depend on the page's depth: id, asset path, first characters."""
    out = []
    for s in soup.find_all("script"):
        src = s.get("src", "")
        out.append((s.get("id"), src[src.find("assets/"):] if src else "", (s.string or "")[:12]))
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return badinput.site(tmp_path_factory)


@pytest.fixture(scope="module")
def own_scripts(site) -> list[tuple]:
    """The scripts of the site itself: those of the hand-written About page."""
    own = scripts(page(site.site / "about.html"))
    assert own and all(src or text for _id, src, text in own)
    return own


@pytest.mark.slow
def test_hostile_body_subject_and_refs_render_as_literal_text(site):
    soup = article(site.html("cable/10ROME350.md"))
    assert soup.h1.get_text() == f"10ROME350: {SUBJECT_350}"
    assert page(site.html("cable/10ROME350.md")).title.get_text().startswith(f"10ROME350: {SUBJECT_350}")
    body = soup.select_one("div.cable-body")
    shown = words(body)
    for literal in BODY_350:
        assert literal in shown, literal
    assert not body.select("script, img, iframe, em, strong, code, table, h1, h2, blockquote, ul, a[href^=javascript]")
    refs = words(soup.select_one("ol.cable-refs"))
    assert "B. <img src=x onerror=alert(7)> EMAIL OF 03-01-10 (not a cable)" in refs
    original = site.html("cable/10ROME350.md").parent / soup.select_one("a.original")["href"]
    assert "SUBJECT: " + SUBJECT_350 in original.read_text(encoding="utf-8")  # served as text/plain: inert


@pytest.mark.slow
def test_a_page_whose_id_is_a_path_gets_the_id_its_text_states(site):
    soup = article(site.html("cable/10ROME351.md"))
    assert soup.h1.get_text() == "10ROME351: {% raw %}{{ config.extra }}{% endraw %} PAGE WITH A PATH FOR AN ID"
    meta = {words(tr.th): words(tr.td) for tr in soup.select("table.cable-meta tr")}
    assert meta["Origin"] == "ROME (<script>alert('origin')</script>)"
    report = json.loads((site.site / "report.json").read_text(encoding="utf-8"))
    assert {"cable": "10ROME351", "source": "hostile/passwd-id.html",
            "warning": "the input's cable ID '../../etc/passwd' is not a cable ID; the ID is read from the text"} \
        in report["warnings"]


@pytest.mark.slow
def test_a_file_named_like_a_path_is_read_and_named_literally(site):
    name = "..%2F..%2Fetc%2Fpasswd.txt"
    soup = article(site.html("cable/10ROME352.md"))
    assert f"This cable's file is named {name}; the name is shown as written" in words(soup)
    report = json.loads((site.site / "report.json").read_text(encoding="utf-8"))
    (entry,) = [i for i in report["inputs"] if i["source"].endswith(name)]
    assert (entry["source"], entry["status"], entry["id"]) == (f"hostile/{name}", "cable", "10ROME352")
    rows = [[words(td) for td in tr.select("td")] for tr in article(site.site / "report.html").select("tr")]
    assert [f"hostile/{name}", "cable 10ROME352 (text)"] in rows


@pytest.mark.slow
def test_nothing_is_written_outside_docs_and_site(site):
    work = site.docs.parent
    assert sorted(p.name for p in work.iterdir()) == ["docs", "mkdocs.yml", "site"]
    everything = [p.relative_to(work).as_posix() for p in work.rglob("*")]
    assert not [p for p in everything if "passwd" in p or "%2F" in p or ".." in p.split("/")]
    for p in work.rglob("*"):
        assert p.resolve().is_relative_to(work.resolve()), p


@pytest.mark.slow
def test_hostile_csv_row_and_annotated_names_stay_literal(site):
    soup = article(site.html("cable/10ROME353.md"))
    assert soup.h1.get_text() == "10ROME353: HOSTILE CSV ROW: <b>bold</b> | pipe | `tick`"
    meta = {words(tr.th): words(tr.td) for tr in soup.select("table.cable-meta tr")}
    assert meta["Origin"] == "ROME (<img src=x onerror=alert(8)>)"
    assert "<script>alert('row')</script> # hash | x | y | {{ config }}" in words(soup.select_one("div.cable-body"))
    soup = article(site.html("cable/10ROME354.md"))
    body = words(soup.select_one("div.cable-body"))
    assert "<img src=x onerror=alert(9)> met {{ config }} and Giulia Moretti in Rome" in body
    names = [words(e) for e in soup.select("dl.cable-entities .entity")]
    assert "*Bold* _Agency_" in names and "Giulia Moretti" in names
    # named in this cable only, the agency has no page of its own: the A–Z index shows it, linked to the cable
    index = site.html(urls.entity_index("ORG", "0-9"))
    row = next(tr for tr in article(index).select("tbody tr") if tr.td.get_text().startswith("*Bold* _Agency_"))
    assert [(index.parent / a["href"]).resolve() for a in row.select("a")] == [site.html("cable/10ROME354.md")]
    report = json.loads((site.site / "report.json").read_text(encoding="utf-8"))
    notes = {w["warning"] for w in report["warnings"] if w["cable"] == "10ROME354"}
    assert notes == {"annotation [ORG {{ config }}] rejected", "annotation [PER <img src=x onerror=alert(9)>] rejected"}


@pytest.mark.slow
def test_hostile_subjects_stay_literal_on_index_pages_and_in_the_report(site):
    for name in ("cables.html", "tag/PREL.html", "date/2010-03.html", "origin/ROME.html"):
        assert SUBJECT_350 in words(article(site.site / name)), name
    report = article(site.site / "report.html")
    assert "10ROME350 B <img src=x onerror=alert(7)> EMAIL OF 03-01-10" in words(report)
    assert not report.select("table img, table script, table em, table strong")


@pytest.mark.slow
def test_no_page_runs_anything_but_the_site_own_scripts(site, own_scripts):
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        soup = page(path)
        assert scripts(soup) == own_scripts, path
        handlers = [(t.name, k) for t in soup.find_all(True) for k in t.attrs if k.lower().startswith("on")]
        assert handlers == [], path
        for t in soup.find_all(True):
            for attr in ("href", "src", "action", "formaction", "data"):
                value = re.sub(r"[\s\x00-\x1f]", "", str(t.get(attr, ""))).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, t)
        body = article(path)
        assert not body.select("script, iframe, object, embed, form, img"), path
