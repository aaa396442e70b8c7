"""MkDocs hook: one Python-Markdown converter per build, reset between pages, instead of a new one per page.

MkDocs makes a new `markdown.Markdown` for every page (`Page.render`), loading and configuring every extension
again: a tenth of what a page of ours costs MkDocs, where the page's Markdown is a few headings between the
generator's HTML blocks (overrides/hooks/rawhtml.py). Python-Markdown's own way to convert many documents is one
instance and `reset()` between them, which clears the HTML stash, the references and each extension's state
(the toc's tokens). MkDocs then registers its per-page processors on it as before; a processor registered under
a name already taken replaces the old one, so each page gets its own. The site is the same bytes as without the
hook (tests/test_site_fragments.py builds the examples and the corpus both ways). The hook swaps the `markdown`
name that `mkdocs.structure.pages` uses for a stand-in whose `Markdown(...)` hands out the reset instance made
for the same settings; everything else is the real module.
"""
from __future__ import annotations

import markdown
from mkdocs.structure import pages


class _Reusing:
    """The `markdown` module as mkdocs.structure.pages sees it, with Markdown() reusing one instance per settings."""

    def __init__(self) -> None:
        self.made: dict[str, markdown.Markdown] = {}

    def __getattr__(self, name: str):
        return getattr(markdown, name)

    def Markdown(self, **settings) -> markdown.Markdown:  # noqa: N802 (the name MkDocs calls)
        key = repr(sorted(settings.items()))
        md = self.made.get(key)
        if md is None:
            md = self.made[key] = markdown.Markdown(**settings)
            return md
        return md.reset()


def on_config(config):
    """Every build starts with no converter made (a build's settings are read here)."""
    pages.markdown = _Reusing()
    return config


def on_post_build(config) -> None:
    """MkDocs as it was, for whatever else this process builds."""
    pages.markdown = markdown


def on_build_error(error) -> None:
    """Likewise when the build failed."""
    pages.markdown = markdown
