"""The sitemap hook: split into files within the protocol's limits under a sitemap index."""
from __future__ import annotations

import importlib.util
import re

from sitebuild import ROOT


def hook():
    """overrides/hooks/sitemap.py, loaded as MkDocs loads it."""
    spec = importlib.util.spec_from_file_location("sitemap_hook", ROOT / "overrides" / "hooks" / "sitemap.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_sitemap(site, n: int) -> list[str]:
    """A sitemap.xml of n pages, as MkDocs writes it."""
    locs = [f"https://example.org/a/cable/{i}.html" for i in range(n)]
    body = "".join(f"\n    <url>\n         <loc>{u}</loc>\n    </url>" for u in locs)
    (site / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
                                      f'"http://www.sitemaps.org/schemas/sitemap/0.9">{body}\n</urlset>\n')
    return locs


def test_small_sitemap_is_left_as_it_is(tmp_path):
    h = hook()
    write_sitemap(tmp_path, 5)
    before = (tmp_path / "sitemap.xml").read_text()
    h.on_post_build({"site_dir": str(tmp_path), "site_url": "https://example.org/a/"})
    assert (tmp_path / "sitemap.xml").read_text() == before
    assert (tmp_path / "sitemap.xml.gz").is_file() and not (tmp_path / "sitemap-1.xml").exists()


def test_large_sitemap_becomes_an_index_of_files_within_the_limit(tmp_path, monkeypatch):
    h = hook()
    monkeypatch.setattr(h, "MAX_URLS", 10)
    locs = write_sitemap(tmp_path, 25)
    h.on_post_build({"site_dir": str(tmp_path), "site_url": "https://example.org/a/"})
    index = (tmp_path / "sitemap.xml").read_text()
    assert "<sitemapindex" in index
    parts = re.findall(r"<loc>(.*?)</loc>", index)
    assert parts == [f"https://example.org/a/sitemap-{i}.xml" for i in (1, 2, 3)]
    listed = []
    for i in (1, 2, 3):
        urls = re.findall(r"<loc>(.*?)</loc>", (tmp_path / f"sitemap-{i}.xml").read_text())
        assert len(urls) <= 10
        listed += urls
        assert (tmp_path / f"sitemap-{i}.xml.gz").is_file()
    assert listed == locs
