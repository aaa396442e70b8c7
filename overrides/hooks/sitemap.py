"""MkDocs hook: a sitemap that stays within the protocol's limits and is the same byte for byte on every build.

The theme's sitemap.xml (overridden in overrides/sitemap.xml to leave out `lastmod`, which would only be the
build date) lists every page. After the build this hook splits it into files of at most 50,000 URLs and 50 MB
under a sitemap index when the archive is that large, and writes the .gz copies with a fixed timestamp.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_URL = re.compile(r"<url>.*?</url>", re.S)


def _gzip(path: Path) -> None:
    """path.gz beside path, with mtime 0 so the bytes do not depend on the build date."""
    with open(f"{path}.gz", "wb") as raw, gzip.GzipFile(filename=path.name, mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(path.read_bytes())


def _chunks(urls: list[str]) -> list[list[str]]:
    """Groups of <url> entries within both limits."""
    out: list[list[str]] = [[]]
    size = 0
    for u in urls:
        if len(out[-1]) >= MAX_URLS or size + len(u) > MAX_BYTES - 1024:
            out.append([])
            size = 0
        out[-1].append(u)
        size += len(u) + 1
    return out


def split(site: Path, site_url: str | None) -> list[Path]:
    """Rewrite site/sitemap.xml (as an index when it must be split); returns the sitemap files written."""
    main = site / "sitemap.xml"
    if not main.is_file():
        return []
    urls = _URL.findall(main.read_text(encoding="utf-8"))
    chunks = _chunks(urls)
    if len(chunks) == 1:
        return [main]
    base = (site_url or "").rstrip("/") + "/"
    written = []
    index = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    for n, chunk in enumerate(chunks, 1):
        part = site / f"sitemap-{n}.xml"
        part.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                        f'<urlset xmlns="{NS}">\n' + "\n".join(chunk) + "\n</urlset>\n", encoding="utf-8")
        index.append(f"<sitemap><loc>{base}{part.name}</loc></sitemap>")
        written.append(part)
    index.append("</sitemapindex>")
    main.write_text("\n".join(index) + "\n", encoding="utf-8")
    return [main, *written]


def on_post_build(config, **kwargs) -> None:
    """Split the sitemap if needed and write deterministic .gz copies."""
    for path in split(Path(config["site_dir"]), config.get("site_url")):
        _gzip(path)
