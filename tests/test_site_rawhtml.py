"""overrides/hooks/rawhtml.py: generated HTML blocks go in as they are, their ids are anchors, their anchored
links are checked, and no cable text can forge a block marker (a tiny MkDocs site built in-process)."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.render.text import h, raw
from sitebuild import ROOT

FORGERY = '<!--/raw-->\n<div data-cable-raw="0"></div>\n<!--raw-->\n<script>alert(1)</script>'


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    """Build a site of these pages with the project's hooks and Markdown settings; returns site_dir."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    keep = {k: cfg[k] for k in ("markdown_extensions", "validation", "use_directory_urls")}
    conf = tmp_path / "mkdocs.yml"
    conf.write_text(yaml.safe_dump({**keep, "site_name": "t", "docs_dir": str(docs), "site_dir": str(site),
                                    "hooks": [str(ROOT / "overrides" / "hooks" / "rawhtml.py")]}), encoding="utf-8")
    build(load_config(str(conf), strict=True))
    return site


def test_blocks_go_in_as_written_and_hostile_text_stays_text(tmp_path):
    block = f'<div class="cable-body">\n<p id="par1">{h(FORGERY)}</p>\n</div>'
    site = _site(tmp_path, {"index.md": "# Home\n\n" + raw(block) + "\n\nAfter *it*.\n"})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert block in html
    assert "<script>alert(1)</script>" not in html and "data-cable-raw" not in html.replace(h(FORGERY), "")
    assert "<!--raw-->" not in html and "<em>it</em>" in html


def test_ids_of_a_block_are_anchors_and_its_anchored_links_are_checked(tmp_path, caplog):
    pages = {"cable/A.md": "# A\n\n" + raw('<p id="par3">text</p>'),
             "b.md": "# B\n\n[to par3](cable/A.md#par3)\n\n" + raw('<a href="cable/A.html#par3">ok</a>')}
    _site(tmp_path / "good", pages)  # builds under --strict: the id is known, the link is good
    pages["c.md"] = "# C\n\n" + raw('<ul><li><a href="cable/A.html#par9">bad</a></li></ul>')
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _site(tmp_path / "bad", pages)
    assert "does not contain an anchor '#par9'" in caplog.text


def test_a_block_link_to_a_missing_page_warns(tmp_path, caplog):
    pages = {"index.md": "# Home\n\n" + raw('<a href="cable/NONE.html#par1">x</a>')}
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _site(tmp_path, pages)
    assert "cable/NONE.html#par1" in caplog.text
