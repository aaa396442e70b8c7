"""Versions: one cable read from several inputs keeps them all; its page shows the newest and diffs the others.

Fixture tests/fixtures/versions/ holds three inputs of the fictional 10ROME360: copy-a (released 2011-08-30, a
name redacted), copy-b (released 2010-12-18, the name in clear; read after copy-a) and copy-c (copy-a's text
saved as a plain text file, no release date).
"""
from __future__ import annotations

import json
import re

import markdown
import pytest
from bs4 import BeautifulSoup

import badinput
from generator.record import Cable, Paragraph
from generator.render.versions import diff_html, diff_pieces
from generator.resolve import resolve
from sitebuild import article

EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]  # as in mkdocs.yml


def cable(source: str, text: str, released: str | None = None, fmt: str = "wikileaks-html", **kw) -> Cable:
    """A small record of 10ROME360 as read from one input."""
    return Cable(id="10ROME360", source=source, format=fmt, text=text, released=released, date=kw.pop("date", None),
                 paragraphs=(Paragraph(1, "C", None, text),), **kw)


def words(node) -> str:
    """Visible text, whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


def test_newest_is_the_later_release_whatever_the_reading_order():
    later = cable("a/10ROME360.html", "name XXXXXXXXXXXX", "2011-08-30 01:44")
    first = cable("b/10ROME360.html", "name Marco Valeri", "2010-12-18 21:09")
    arch = resolve([later, first])
    assert arch.cables["10ROME360"].source == "a/10ROME360.html"
    assert [c.source for c in arch.versions["10ROME360"]] == ["b/10ROME360.html"]
    assert [(d.kept, d.dropped, d.same) for d in arch.duplicates] == [("a/10ROME360.html", ("b/10ROME360.html",), ())]


def test_without_release_dates_the_richer_then_the_later_input_is_newest():
    text = cable("a.txt", "one text", fmt="text")
    page = cable("b.html", "other text", fmt="wikileaks-html", date="2010-03-12")
    assert resolve([page, text]).cables["10ROME360"].source == "b.html"  # richer: a stated date, the page format
    again = cable("c.txt", "one text, again", fmt="text")
    arch = resolve([text, again])
    assert arch.cables["10ROME360"].source == "c.txt"  # same rank: the later input read
    assert arch.duplicates[0].same == ()


def test_a_copy_with_the_same_text_is_listed_as_such():
    a = cable("a.html", "Line one\nline two.", "2011-08-30 01:44")
    b = cable("b.txt", "Line one line\n two.", fmt="text")
    assert resolve([a, b]).duplicates[0].same == ("b.txt",)


def test_a_redaction_shows_as_one_deletion_and_one_insertion():
    old = "2. (C) Summary: Undersecretary Marco Valeri told PolOff\non March 11 that Italy would help."
    new = "2. (C) Summary: XXXXXXXXXXXX told PolOff on\nMarch 11 that Italy would help."
    marked = [p for p in diff_pieces(old, new) if p[0]]
    assert marked == [("del", "Undersecretary Marco Valeri"), ("ins", "XXXXXXXXXXXX")]  # line wrapping aside


def test_the_diff_is_escaped_and_folds_unchanged_lines():
    old = "\n".join(f"line {i} <b>same</b>" for i in range(20)) + "\nend <script>alert(1)</script>"
    new = "\n".join(f"line {i} <b>same</b>" for i in range(20)) + "\nend {{ config }} [x](javascript:y)"
    out = markdown.markdown(f"<details><summary>v</summary>\n{diff_html(old, new)}\n</details>", extensions=EXTENSIONS)
    soup = BeautifulSoup(out, "html.parser")
    assert not soup.select("script, b, a")
    assert [d.get_text() for d in soup.select("del")] == ["<script>alert(1)</script>"]
    assert [i.get_text() for i in soup.select("ins")] == ["{{ config }} [x](javascript:y)"]
    assert soup.select_one("span.diff-skip").get_text() == "⋯ 18 unchanged lines ⋯"
    assert "line 18 <b>same</b>" in soup.pre.get_text() and "line 17" not in soup.pre.get_text()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return badinput.site(tmp_path_factory)


@pytest.mark.slow
def test_the_page_shows_the_newest_version(site):
    soup = article(site.html("cable/10ROME360.md"))
    meta = {words(tr.th): words(tr.td) for tr in soup.select("table.cable-meta tr")}
    assert meta["Released"] == "2011-08-30 01:44"
    body = words(soup.select_one("div.cable-body"))
    assert "Summary: XXXXXXXXXXXX told PolOff" in body and "Valeri" not in body
    assert [words(r) for r in soup.select("div.cable-body .redacted")] == ["XXXXXXXXXXXX", "XXXXXXXXXXXX"]


@pytest.mark.slow
def test_the_page_lists_the_other_versions_with_a_readable_diff(site):
    soup = article(site.html("cable/10ROME360.md"))
    heading = next(h for h in soup.select("h2") if words(h).startswith("Versions"))
    block = heading.find_next("div", class_="cable-versions")
    intro = words(block.p)
    assert "newest of 3 inputs" in intro and "copy-a/10ROME360.html" in intro and "released 2011-08-30 01:44" in intro
    items = block.select(":scope > ul > li")
    assert len(items) == 2
    older, copy = items
    assert "copy-b/10ROME360.html" in words(older.summary) and "released 2010-12-18 21:09" in words(older.summary)
    assert "4 words only there, 2 only in the version shown" in words(older.summary)
    assert [words(d) for d in older.select("pre.cable-diff del")] == ["Undersecretary Marco Valeri", "Valeri"]
    assert [words(i) for i in older.select("pre.cable-diff ins")] == ["XXXXXXXXXXXX", "XXXXXXXXXXXX"]
    diff = older.select_one("pre.cable-diff").get_text()
    assert re.search(r"Summary: Undersecretary Marco Valeri XXXXXXXXXXXX told PolOff", diff)
    assert "copy-c/10ROME360.txt" in words(copy) and words(copy).endswith("the same text.")
    assert not copy.select("pre")


@pytest.mark.slow
def test_the_report_lists_every_version(site):
    data = json.loads((site.site / "report.json").read_text(encoding="utf-8"))
    (entry,) = [v for v in data["versions"] if v["id"] == "10ROME360"]
    assert entry["shown"].endswith("copy-a/10ROME360.html") and entry["released"] == "2011-08-30 01:44"
    others = [(o["source"].split("versions/")[1], o["same_text"], o["words_only_there"], o["words_only_shown"])
              for o in entry["others"]]
    assert others == [("copy-b/10ROME360.html", False, 4, 2), ("copy-c/10ROME360.txt", True, 0, 0)]
    status = {i["source"].split("versions/")[1]: i["status"] for i in data["inputs"] if "versions/" in i["source"]}
    assert status == {"copy-a/10ROME360.html": "cable", "copy-b/10ROME360.html": "duplicate",
                      "copy-c/10ROME360.txt": "duplicate"}
    page = article(site.site / "report.html")
    row = next(tr for tr in page.select("tr") if tr.td and words(tr.td) == "10ROME360")
    assert "copy-b/10ROME360.html (4 words only there, 2 only in the one shown)" in words(row)
    assert "copy-c/10ROME360.txt (same text)" in words(row)
