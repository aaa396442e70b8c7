"""MkDocs hook: the generator's HTML blocks go into the page as they are, without Markdown parsing them twice.

A generated page is mostly HTML the generator built (every word of a cable escaped, every link made by
generator/urls.py), between `<!--raw-->` and `<!--/raw-->` lines (render/text.py `raw()`). Python-Markdown and
MkDocs would each run such a block through html.parser (most of what our pages cost MkDocs); this hook sets the
blocks aside before Markdown runs, leaves a one-tag placeholder, and puts them back in the HTML after. What MkDocs
would have learnt from them is added by hand: the ids of the block count as anchors of the page, and its
links with an anchor to another page (`cable/X.html#par3`) are registered for MkDocs' own anchor check, as
Markdown links are. Cable text can never forge a marker or a placeholder: it reaches a page escaped, so it has no
`<`. Without this hook the page is the same (the markers are HTML comments), only slower to build.
"""
from __future__ import annotations

import logging
import posixpath
import re

log = logging.getLogger("mkdocs.hooks.rawhtml")

BLOCK = re.compile(r"^<!--raw-->\n(.*?)\n<!--/raw-->$", re.S | re.M)
PLACEHOLDER = '<div data-cable-raw="{}"></div>'
_PLACED = re.compile(r'<div data-cable-raw="(\d+)"></div>')
_ID = re.compile(r'\sid="([^"]+)"')
_HREF_ANCHOR = re.compile(r'\shref="([^"#:?]+\.html)#([^"]+)"')
_SET_ASIDE: dict[str, list[str]] = {}  # page src_uri -> its blocks, from on_page_markdown to on_page_content


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Replace each generated HTML block with a placeholder that Markdown passes through in one tag."""
    if "<!--raw-->" not in markdown:
        return markdown
    blocks: list[str] = []

    def set_aside(m: re.Match) -> str:
        blocks.append(m.group(1))
        return PLACEHOLDER.format(len(blocks) - 1)

    out = BLOCK.sub(set_aside, markdown)
    _SET_ASIDE[page.file.src_uri] = blocks
    return out


def on_page_content(html: str, page, config, files) -> str:
    """Put the blocks back; their ids become anchors of the page, their anchored links go to the anchor check."""
    blocks = _SET_ASIDE.pop(page.file.src_uri, None)
    if blocks is None:
        return html
    for block in blocks:
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(_ID.findall(block))
        if page.links_to_anchors is not None:
            _register_links(block, page, files)
    return _PLACED.sub(lambda m: blocks[int(m.group(1))], html)


def _register_links(block: str, page, files) -> None:
    """Links with an anchor to another page, recorded as MkDocs records those of Markdown links."""
    base = posixpath.dirname(page.file.src_uri)
    for path, anchor in _HREF_ANCHOR.findall(block):
        src = posixpath.normpath(posixpath.join(base, path))[:-5] + ".md"
        target = files.src_uris.get(src)  # src is a normalised POSIX path: no PurePath per link (2% of a build)
        if target is None:
            log.warning(f"Doc file '{page.file.src_uri}' contains a link '{path}#{anchor}', "
                        "but the target is not found among documentation files.")
            continue
        page.links_to_anchors.setdefault(target, {}).setdefault(anchor, f"{path}#{anchor}")
