"""The original text of a cable: a plain-text file beside its page, readable whatever the host says its charset is."""
from __future__ import annotations

import dataclasses

import pytest

from generator.reference import load
from generator.render import cable as cable_page
from generator.render.text import raw
from sitebuild import ROOT

SAMPLE = ROOT / "examples" / "cables" / "text"


@pytest.fixture(scope="module")
def a_cable():
    cables, _skips = load([str(SAMPLE)])
    assert cables
    return cables[0]


def test_ascii_text_is_plain_and_ends_with_a_newline(a_cable):
    text = dataclasses.replace(a_cable, header="", text="LINE ONE\nLINE TWO  \n\n")
    assert cable_page.original_text(text) == "LINE ONE\nLINE TWO\n"


def test_non_ascii_text_starts_with_a_byte_order_mark(a_cable):
    c = dataclasses.replace(a_cable, header="", text="Señor Müller said “no”.")
    out = cable_page.original_text(c)
    assert out == "\ufeffSeñor Müller said “no”.\n"  # browsers read a .txt served without charset as UTF-8


def test_header_comes_first_once_and_controls_are_dropped(a_cable):
    c = dataclasses.replace(a_cable, header="R 0101Z JAN 09", text="TEXT\x02 <script>x</script>\x00")
    assert cable_page.original_text(c) == "R 0101Z JAN 09\n\nTEXT <script>x</script>\n"  # text/plain: inert
    c = dataclasses.replace(a_cable, header="R 0101Z", text="R 0101Z\nTEXT")
    assert cable_page.original_text(c) == "R 0101Z\nTEXT\n"


def test_the_page_links_the_file_beside_it(a_cable):
    block = cable_page.original_block(a_cable, f"cable/{a_cable.id}.md")
    assert f'href="{a_cable.id}.txt"' in block and ">Original text</a>" in block
    size = len(cable_page.original_text(a_cable).encode("utf-8"))
    assert f"{size:,} bytes" in block
    assert "\n\n" not in raw(block)  # one raw block: Markdown would end it at a blank line
