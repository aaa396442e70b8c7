"""overrides/hooks/fragments.py and converter.py: Material's parts that are the same across a folder of pages are
rendered once per folder, one Markdown converter serves every page, and the site is the same bytes as MkDocs and
the theme make without the two hooks (the examples and the real corpus)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitebuild import ROOT, built
from test_site_parts import differences

EXAMPLES = ROOT / "examples" / "cables"
HOOK = "overrides/hooks/fragments.py"
SPEED_HOOKS = (HOOK, "overrides/hooks/converter.py")
WRAPPERS = ("header.html", "nav.html", "palette.html")  # overrides/partials/ that render Material's part once a folder


def plain_theme(config: Path, work: Path, site: Path) -> Path:
    """The same configuration without the two hooks and the templates that wrap Material's parts: MkDocs and
    Material as they come, plus our other overrides (archive.html, the page the wrappers extend, as it is)."""
    custom = work / "overrides"
    shutil.copytree(ROOT / "overrides", custom, ignore=shutil.ignore_patterns("main.html", "__pycache__", *WRAPPERS))
    (custom / "main.html").write_text('{% extends "archive.html" %}\n', encoding="utf-8")
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    cfg["theme"]["custom_dir"] = str(custom)
    cfg["hooks"] = [h for h in cfg["hooks"] if not h.endswith(SPEED_HOOKS)]
    cfg["site_dir"] = str(site)
    out = work / "plain.yml"
    out.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return out


def without_hook(one, tmp_path: Path) -> Path:
    """The site of the same docs built without the hooks; returns its folder."""
    site = tmp_path / "plain-site"
    build(load_config(str(plain_theme(one.config, tmp_path, site)), strict=True))
    return site


def test_example_site_is_the_same_without_the_hook(tmp_path_factory, tmp_path):
    one = built("examples", [EXAMPLES], tmp_path_factory)
    hooks = yaml.safe_load(one.config.read_text())["hooks"]
    assert all(any(h.endswith(name) for h in hooks) for name in SPEED_HOOKS)
    assert differences(one.site, without_hook(one, tmp_path)) == []


@pytest.mark.slow
def test_corpus_site_is_the_same_without_the_hook(shared, tmp_path_factory, tmp_path):
    one = built("corpus", [shared / "corpus", shared / "seeds"], tmp_path_factory)
    assert differences(one.site, without_hook(one, tmp_path)) == []


def test_parts_are_shared_per_folder_and_never_for_pages_in_the_nav(tmp_path_factory, tmp_path):
    one = built("examples", [EXAMPLES], tmp_path_factory)
    cfg = load_config(str(one.config), site_dir=str(tmp_path / "site"), strict=True)
    build(cfg)
    cache = next(m for name, m in cfg.hooks.items() if name.endswith(HOOK)).CACHE
    folders = {folder for _part, folder in cache}
    assert {"cable", "tag", "origin", "date"} <= folders  # one rendering serves every page of each folder
    assert {part for part, _f in cache} >= {"nav", "palette", "config", "scripts", "styles", "header"}
    before, after = cache[("header", "cable")]  # the header without its one page-specific part, the title
    assert "md-header__topic" in before and "</header>" in after
    nav = cache[("nav", "cable")]
    assert 'href="../cables.html"' in nav and "md-nav__link--active" not in nav
    page = (tmp_path / "site" / "cables.html").read_text(encoding="utf-8")
    assert "md-nav__link--active" in page  # a page in the nav is rendered as usual: its item is marked


def test_one_converter_serves_every_page_and_mkdocs_is_restored_after(tmp_path_factory, tmp_path):
    import markdown
    from mkdocs.structure import pages

    one = built("examples", [EXAMPLES], tmp_path_factory)
    made = []
    real = markdown.Markdown

    class Counting(real):
        def __init__(self, **kw):
            made.append(1)
            super().__init__(**kw)

    cfg = load_config(str(one.config), site_dir=str(tmp_path / "site"), strict=True)  # (it makes one to check)
    markdown.Markdown = Counting
    try:
        build(cfg)
    finally:
        markdown.Markdown = real
    assert len(list((tmp_path / "site").rglob("*.html"))) > 50
    assert len(made) == 1  # one converter for the whole site, not one per page
    assert pages.markdown is markdown  # the hook leaves MkDocs as it found it


def test_a_header_whose_title_is_elsewhere_in_it_is_never_taken_for_the_pattern(tmp_path):
    """Titles that also occur elsewhere in Material's header (the site name, a class name) are not cached as the
    header's pattern; pages after them, and pages with those titles after a pattern is cached, come out as the
    theme renders them."""
    from sitebuild import config_for

    titles = {"a": "Cable Archive", "b": "md-header", "c": "An ordinary subject", "d": "Cable Archive",
              "e": "md-header", "f": "A & B <i>x</i> {{ y }}"}
    docs = tmp_path / "docs"
    (docs / "x").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, title in titles.items():
        text = f"---\ntitle: {yaml.safe_dump(title, default_style=chr(34)).strip()}\n---\n\n## Part\n\nText {name}.\n"
        (docs / "x" / f"{name}.md").write_text(text, encoding="utf-8")
    (docs / "x" / "g.md").write_text("# From the heading\n\nText g.\n", encoding="utf-8")
    ours = config_for(docs, tmp_path / "ours", tmp_path / "ours.yml")
    cfg = yaml.safe_load(ours.read_text(encoding="utf-8"))
    for key in ("not_in_nav", "extra_css", "extra_javascript"):
        cfg.pop(key, None)
    cfg["nav"] = ["index.md"]  # the pages of x/ are outside the nav, as generated pages are
    ours.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    mk = load_config(str(ours))
    build(mk)
    build(load_config(str(plain_theme(ours, tmp_path, tmp_path / "plain"))))
    assert differences(tmp_path / "ours", tmp_path / "plain") == []
    cache = next(m for name, m in mk.hooks.items() if name.endswith(HOOK)).CACHE
    before, after = cache[("header", "x")]
    assert "Cable Archive" in before and "An ordinary subject" not in before + after  # the pattern came from c
    page = (tmp_path / "ours" / "x" / "f.html").read_text(encoding="utf-8")
    assert "A & B <i>x</i> {{ y }}" in page  # the title as the theme puts it (raw: Material does not escape it)
