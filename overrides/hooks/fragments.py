"""MkDocs hook: the parts of Material's page that are the same on every page of a folder are rendered once.

Most of what MkDocs spends on a page of ours is the theme, and most of the theme's work is the same on every
generated page: the navigation (only the index pages are in it, so on a cable page no item is active), the
palette toggle, the stylesheets, scripts and the `__config` block differ from page to page only by the relative
path back to the site's root, and the header only by that and the page's title (overrides/partials/header.html
keeps it as the text around the title). This hook gives the templates (overrides/main.html and the partials under
overrides/partials/) a key, `fragment_key`: the folder of the page, or none for a page in the navigation (which
is rendered as usual, since an item of the navigation is active on it). A wrapped part is rendered by the theme's
own template the first time a key is seen and taken from `fragment_cache` after that, so the page is the same
bytes as without the hook (tested on a whole site: tests/test_site_fragments.py). The theme's templates stay
reachable under the `material/` prefix for the wrappers, which shadow them.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2
import material

THEME = str(Path(material.__file__).parent / "templates")
_IN_NAV: set[str] = set()  # src URIs of the pages in the navigation: their fragments are not shared
CACHE: dict[tuple[str, str], str] = {}  # (part, folder) -> its HTML; the templates' `fragment_cache`


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    """A fresh cache for this build, and the theme's templates under `material/` for the wrappers."""
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(THEME)})])
    CACHE.clear()
    env.globals["fragment_cache"] = CACHE
    env.globals["fragment_key"] = None  # pages without a page context (404.html) are rendered as usual
    return env


def on_nav(nav, config, files):
    """Remember which pages the navigation lists."""
    _IN_NAV.clear()
    _IN_NAV.update(p.file.src_uri for p in nav.pages)
    return nav


def on_page_context(context: dict, page, config, nav) -> dict:
    """The page's key: its folder, or None where the navigation marks it active."""
    in_nav = page.file.src_uri in _IN_NAV or page.is_homepage
    context["fragment_key"] = None if in_nav else posixpath.dirname(page.url)
    return context
