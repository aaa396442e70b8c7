"""Cable text is untrusted: it must reach the reader as the literal text, never as markup or script."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.text import _NOT_PRINTABLE, front_matter, h, md, one_line
from sitebuild import article, built

HOSTILE = Path(__file__).parent / "fixtures" / "site-hostile"
EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]  # as in mkdocs.yml

# Text rich in what Markdown and HTML treat as syntax.
syntax_text = st.text(alphabet=st.sampled_from(list("ab <>&;#*_`[]()!|{}%\\-+.=~^:\"'/\n\t 1xX")) |
                      st.characters(codec="utf-8"), max_size=80)


def visible(html_text: str) -> str:
    """What a reader sees of a fragment of HTML, whitespace collapsed."""
    return re.sub(r"\s+", " ", BeautifulSoup(html_text, "html.parser").get_text()).strip()


def expected(text: str) -> str:
    """The text as it should be shown: control characters dropped, whitespace collapsed."""
    return one_line(text)


@settings(max_examples=300, deadline=None)
@given(syntax_text)
def test_markdown_escaped_text_shows_literally(text):
    out = markdown.markdown(f"| a |\n|---|\n| {md(text)} |\n\n- {md(text)}\n\nplain {md(text)}", extensions=EXTENSIONS)
    soup = BeautifulSoup(out, "html.parser")
    assert visible(str(soup.td)) == expected(text)
    assert visible(str(soup.li)) == expected(text)
    assert not soup.select("em, strong, code, a, script, img, h1, h2, blockquote")


@settings(max_examples=300, deadline=None)
@given(syntax_text)
def test_html_escaped_text_in_a_raw_block_shows_literally(text):
    out = markdown.markdown(f'<div class="x">\n<p>{h(text)}</p>\n</div>\n\nafter', extensions=EXTENSIONS)
    soup = BeautifulSoup(out, "html.parser")
    assert re.sub(r"\s+", " ", soup.p.get_text()).strip() == expected(text)
    assert len(soup.find_all(True)) == 3  # div, p, and the paragraph after


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_front_matter_title_is_valid_yaml_holding_escaped_text(text):
    import yaml

    meta = yaml.safe_load(front_matter(text).strip().strip("-"))
    shown = expected(_NOT_PRINTABLE.sub("", expected(text)))  # characters YAML cannot hold are dropped
    assert visible(meta["title"]) == shown


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A site built from one cable whose every field tries to become markup."""
    return built("hostile", [HOSTILE], tmp_path_factory)


@pytest.mark.slow
def test_hostile_cable_renders_as_literal_text(hostile_site):
    page = hostile_site.site / "cable" / "10PARIS999.html"
    html = page.read_text(encoding="utf-8")
    soup = article(page)
    subject = "<script>alert('subject')</script> *BOLD* [CLICK](javascript:alert(1)) {{ config.site_name }}"
    assert soup.find("h1").get_text() == f"10PARIS999: {subject}"
    full = BeautifulSoup(html, "html.parser")
    assert subject in full.title.get_text()
    body = soup.select_one("div.cable-body")
    shown = re.sub(r"\s+", " ", body.get_text(" "))
    for literal in ('<script>alert("body")</script>', "<img src=x onerror=alert(2)>",
                    "[click here](javascript:alert(3))", "<http://evil.example/>", "**bold** and __strong__",
                    "`code`", "# not a heading", "| not | a | table |", "<!-- not a comment -->",
                    "</div></pre></p>", "{{ page.title }}", '{% include "x.html" %}', "&amp; &lt;b&gt; &#60;"):
        assert literal in shown, literal
    assert not body.select("script, img, em, strong, code, table, h1, blockquote, ul")
    assert not soup.select("script, img, iframe, object, embed")
    assert not [a for a in full.find_all("a") if a.get("href", "").strip().lower().startswith("javascript")]
    assert not [t for t in full.find_all(True) if any(k.lower().startswith("on") for k in t.attrs)]
    refs = soup.select_one("ol.cable-refs").get_text()
    assert "<b>JONES</b> EMAIL OF 03-01-10" in refs
    assert body.select_one(".redacted").get_text() == "XXXXXXXXXXXX"
    assert "Ambassador <i>X</i>" in soup.select_one("table.cable-meta").get_text()
    original = (page.parent / soup.select_one("a.original")["href"]).read_text(encoding="utf-8")
    assert "<script>alert('subject')</script>" in original  # a text/plain file: shown as written, never run


@pytest.mark.slow
def test_hostile_text_stays_literal_on_index_pages(hostile_site):
    subject = "<script>alert('subject')</script> *BOLD* [CLICK](javascript:alert(1)) {{ config.site_name }}"
    for page in ("cables.html", "tag/PREL.html", "date/2010-03.html", "origin/PARIS.html"):
        soup = article(hostile_site.site / page)
        assert subject in soup.get_text(), page
        assert not soup.select("script, table em, table strong, table a[href^=javascript]")
    missing = article(hostile_site.site / "cable" / "10STATE7114.html")
    assert "not in the archive" in missing.get_text()
