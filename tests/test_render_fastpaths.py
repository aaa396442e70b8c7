"""The quick scans in render.text and the cached links in urls must give what the plain formulas give.

They exist only for speed (most text has nothing to escape; every page of a folder links to the same folders),
so any input on which they differ from the plain definition is a bug that would change the site's bytes.
"""
from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import urls
from generator.render.text import _DROP, _MD, h, md, one_line

# text rich in what the scans look for: controls, odd whitespace, HTML and Markdown syntax
ODD = st.text(alphabet=st.sampled_from(list("ab Z9\t\n\r\x00\x01\x1c\x1f\x7f\x85\xa0\u2028\u3000&<>\"'\\`*_{}[]()#+-.!|")))
TEXT = st.one_of(ODD, st.text(), st.none())


def plain_one_line(text: str | None) -> str:
    """one_line as defined: controls dropped, whitespace runs collapsed."""
    return " ".join((text or "").translate(_DROP).split())


@settings(max_examples=800)
@given(TEXT)
def test_h_is_html_escape_of_the_clean_text(text: str | None) -> None:
    assert h(text) == html.escape((text or "").translate(_DROP), quote=True)


@settings(max_examples=800)
@given(TEXT)
def test_one_line_collapses_whitespace_and_drops_controls(text: str | None) -> None:
    assert one_line(text) == plain_one_line(text)


@settings(max_examples=800)
@given(TEXT)
def test_md_escapes_every_markdown_character(text: str | None) -> None:
    assert md(text) == plain_one_line(text).translate(_MD)


def test_text_with_nothing_to_change_comes_back_as_is() -> None:
    s = "Ambassador Smith met the Minister in Paris"
    assert h(s) == s and one_line(s) is s and md(s) is s
    assert h("A & B <b>") == "A &amp; B &lt;b&gt;"
    assert one_line("  two\n lines ") == "two lines"
    assert md("1. *not* a list") == "1\\. \\*not\\* a list"


FOLDER = st.lists(st.sampled_from(["cable", "entity", "per", "org", "date", ".search", "a b", ""]), max_size=3)


def plain_relpath(to_path: str, from_dir: str) -> str:
    """The relative path as first written: compare folder by folder, `..` for each folder left."""
    if not from_dir:
        return to_path
    f, t = from_dir.split("/"), to_path.split("/")
    i = 0
    while i < len(f) and i < len(t) - 1 and f[i] == t[i]:
        i += 1
    return "/".join([".."] * (len(f) - i) + t[i:])


@settings(max_examples=800)
@given(FOLDER, FOLDER, st.sampled_from(["x.md", "index.md", "_a.md", ""]))
def test_cached_relpath_is_the_plain_relpath(to: list[str], frm: list[str], name: str) -> None:
    to_path, from_dir = "/".join([*to, name]), "/".join(frm)
    assert urls.relpath(to_path, from_dir) == plain_relpath(to_path, from_dir)
    assert urls.relpath(to_path, from_dir) == plain_relpath(to_path, from_dir)  # a second time, from the cache


def test_links_between_folders() -> None:
    assert urls.href("cable/A.md", "entity/per/x.md", "p") == "../entity/per/x.html#p"
    assert urls.href("entity/per/x.md", "entity/per/y.md") == "y.html"
    assert urls.link("entity/per/x.md", "cable/A.md") == "../../cable/A.md"
    assert urls.link("index.md", "cable/A.md") == "cable/A.md"
    assert urls.link("cable/A.md", "index.md") == "../index.md"
