"""The original text is kept for the last cable asked (its page asks for the size, then the file is written): a
cable must get its own text back, never the last one's, even from another input of the same ID."""
from __future__ import annotations

import dataclasses

from generator.reference import load
from generator.render import cable as cable_page
from sitebuild import ROOT

SAMPLE = ROOT / "examples" / "cables" / "text"


def test_each_cable_gets_its_own_original_text_back() -> None:
    cables, _skips = load([str(SAMPLE)])
    first = cables[0]
    older = dataclasses.replace(first, header="", text="AN EARLIER VERSION OF THE SAME CABLE")  # same ID
    for c in [first, first, older, older, first, older]:
        kept = cable_page.original_text(c)
        cable_page._ORIGINAL.clear()  # the text made afresh
        assert kept == cable_page.original_text(c)
    assert cable_page.original_text(older) == "AN EARLIER VERSION OF THE SAME CABLE\n"
    assert cable_page.original_text(first) != cable_page.original_text(older)
