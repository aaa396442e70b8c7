"""Link checker over a built site: every href and src that stays on the site resolves to a file, every #anchor
to an id (or name) in that file. Usable from tests and by hand:

    python tests/linkcheck.py site/
"""
from __future__ import annotations

import html
import posixpath
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {"href", "src", "xlink:href", "poster", "data"}


@dataclass
class PageLinks:
    """What one HTML file offers (ids) and asks for (links)."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)


class _Collector(HTMLParser):
    """Collects ids, names and link attributes in one pass, without building a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag in ("a", "map")):
                self.page.ids.add(value)
            elif name in LINK_ATTRS:
                self.page.links.append((tag, name, value))
            elif name == "srcset":
                for part in value.split(","):
                    if part.strip():
                        self.page.links.append((tag, name, part.strip().split()[0]))

    handle_startendtag = handle_starttag


_SKIP = re.compile(r"<!--.*?-->|<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTR = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")


def scan(path: Path) -> PageLinks:
    """Ids and links of one HTML file (a regex tokenizer: the same answers as html.parser, several times faster)."""
    page = PageLinks()
    text = path.read_text(encoding="utf-8", errors="replace")
    for script in re.finditer(r"<script\b([^>]*)>", text, re.I):  # a script's own src still counts
        for name, *vals in _ATTR.findall(script.group(1)):
            value = html.unescape("".join(vals))
            if name.lower() == "src":
                page.links.append(("script", "src", value))
            elif name.lower() == "id":
                page.ids.add(value)
    for m in _TAG.finditer(_SKIP.sub(" ", text)):
        tag = m.group(1).lower()
        for name, v1, v2, v3 in _ATTR.findall(m.group(2)):
            name = name.lower()
            value = html.unescape(v1 or v2 or v3)
            if name == "id" or (name == "name" and tag in ("a", "map")):
                page.ids.add(value)
            elif name in LINK_ATTRS:
                page.links.append((tag, name, value))
            elif name == "srcset":
                page.links += [(tag, name, part.split()[0]) for part in value.split(",") if part.strip()]
    return page


def scan_slow(path: Path) -> PageLinks:
    """The same as scan(), with the standard library's HTML parser (a reference for testing the fast one)."""
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8", errors="replace"))
    c.close()
    return c.page


def is_external(url: str) -> bool:
    """Links that leave the site (or are not links at all): other hosts, mail, data URIs."""
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("file",)) or url.startswith("//")


@dataclass
class Report:
    """Result of a check: pages, links followed, and every problem as `page: what`."""

    pages: int = 0
    links: int = 0
    external: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check(site: str | Path, external_ok: bool = True, base: str = "/") -> Report:
    """Check every HTML file under `site`; `javascript:` URLs are always problems.

    Pages link relatively, so the site works from file:// and any sub-path; the one exception is 404.html,
    which a host serves at any depth and which therefore links from `base` (the path of `site_url`).
    """
    root = Path(site).resolve()
    files = sorted(root.rglob("*.html"))
    scanned = {p: scan(p) for p in files}
    rep = Report(pages=len(files))
    for page, info in scanned.items():
        rel = page.relative_to(root).as_posix()
        for tag, attr, url in info.links:
            url = url.strip()
            if url.lower().startswith("javascript:"):
                rep.problems.append(f"{rel}: script URL in <{tag} {attr}>: {url[:80]}")
                continue
            if is_external(url):
                rep.external.append(f"{rel}: <{tag} {attr}> {url}")
                if not external_ok:
                    rep.problems.append(f"{rel}: external <{tag} {attr}>: {url}")
                continue
            rep.links += 1
            if rel == "404.html" and url.startswith(base):
                url = "./" + url[len(base):]
            problem = _resolve(root, page, url, scanned)
            if problem:
                rep.problems.append(f"{rel}: {problem}")
    return rep


def _resolve(root: Path, page: Path, url: str, scanned: dict[Path, PageLinks]) -> str | None:
    """None when the link resolves; else what is wrong with it."""
    parts = urlsplit(url)
    path, frag = unquote(parts.path), unquote(parts.fragment)
    if path.startswith("/"):
        return f"absolute link {url} (breaks on file:// and sub-paths)"
    if path:
        target = (page.parent / path)
        target = Path(posixpath.normpath(target.as_posix()))
        if root != target and root not in target.parents:
            return f"link leaves the site: {url}"
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return f"broken link {url}"
    else:
        target = page
    if frag and target.suffix == ".html":
        ids = scanned[target].ids if target in scanned else scan(target).ids
        if frag not in ids:
            return f"missing anchor #{frag} in {url or '(same page)'}"
    return None


def main(argv: list[str]) -> int:
    """Print problems; exit 1 when there are any."""
    rep = check(argv[0] if argv else "site")
    for p in rep.problems:
        print(p)
    print(f"{rep.pages} pages, {rep.links} internal links, {len(rep.problems)} problems", file=sys.stderr)
    return 1 if rep.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
