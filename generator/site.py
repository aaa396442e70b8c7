"""`python -m generator mkdocs`: one MkDocs site built by several MkDocs processes, the same bytes as `mkdocs build`.

MkDocs renders pages one after another in one process, and holds every page until the end. Here the pages are
cut in parts (a stable hash of their path), and each part is built by a forked process that loads the same
configuration and sees every file, so every link is made and checked as usual, but renders only its own pages:
the others are marked excluded, which MkDocs neither reads, renders nor writes (links to them are still made).
Static files are shared out the same way; the pages of the navigation are rendered by every part (the
navigation is the same everywhere), and the theme's templates (404 page, sitemap given every page) by part 0
only. Each part writes into a folder of its own, whose files are then moved into the site.

Strict, like `mkdocs build --strict`: a warning in any part fails the build. What one process would check and a
part cannot, the parent checks: each part reports the anchors of the pages it rendered and the links with an
anchor (`cable/X.html#par3`) into pages rendered by another part; an anchor that is missing there fails the build
with MkDocs' own message.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import shutil
import sys
import tempfile
import zlib
from pathlib import Path

PAGES_PER_PART = 40_000  # at most about this many pages a part: memory follows the pages a process holds
PARALLEL_FROM = 2_000  # pages: below this one process is as fast (each part pays MkDocs' start-up)
REPORT = "part-{}.json"  # what a part tells the parent: anchors of its pages, links it could not check


def cores() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def part_of(src_uri: str, parts: int) -> int:
    """The part that renders a file: a stable hash of its path (the same in every process and every run)."""
    return zlib.crc32(src_uri.encode("utf-8")) % parts


def default_parts(pages: int, jobs: int) -> int:
    """One part on a small site; else at least one per job, and enough that no part holds too many pages."""
    if pages < PARALLEL_FROM or jobs <= 1 and pages <= PAGES_PER_PART:
        return 1
    return max(jobs, -(-pages // PAGES_PER_PART))


def count_pages(docs: Path) -> int:
    """Markdown pages under the docs folder (what MkDocs will render)."""
    return sum(1 for _dir, _sub, names in os.walk(docs) for n in names if n.endswith(".md"))


def _nav_pages(nav) -> set[str]:
    """Every page named in the `nav` setting."""
    out: set[str] = set()
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            out.add(item)
        elif isinstance(item, (dict, list)):
            out |= _nav_pages(list(item.values()) if isinstance(item, dict) else item)
    return out


class Part:
    """The events of one part (added to the MkDocs plugins of the process that builds it)."""

    def __init__(self, index: int, parts: int, report: Path):
        self.index, self.parts, self.report = index, parts, report
        self.aside: list = []  # documentation pages another part renders
        self.every: list = []  # every file, in MkDocs' order
        self.files = None

    def on_config(self, config):
        """Only part 0 writes the theme's templates (404 page, sitemap)."""
        if self.index:
            config.theme.static_templates.clear()
        return config

    def on_files(self, files, config):
        """Exclude the pages and static files of the other parts."""
        from mkdocs.structure.files import InclusionLevel

        self.every = list(files)
        in_nav = _nav_pages(config.nav or [])
        docs = os.path.abspath(config.docs_dir) + os.sep
        for f in files:
            if f.inclusion.is_excluded():
                continue
            if f.is_documentation_page():
                mine = f.src_uri in in_nav or part_of(f.src_uri, self.parts) == self.index
            else:  # theme assets with part 0; files of docs/ (the original texts) shared out
                ours = os.path.abspath(f.abs_src_path or "").startswith(docs)
                mine = part_of(f.src_uri, self.parts) == self.index if ours else self.index == 0
            if not mine:
                if f.is_documentation_page():
                    self.aside.append(f)
                f.inclusion = InclusionLevel.EXCLUDED
        return files

    def on_env(self, env, config, files):
        """Keep the files for the report."""
        self.files = files
        return env

    def on_template_context(self, context, template_name, config):
        """The sitemap lists every page, those rendered by other parts too, in MkDocs' order."""
        from mkdocs.structure.pages import Page

        if template_name != "sitemap.xml":
            return context
        aside = {id(f) for f in self.aside}
        every = [f for f in self.every if f.is_documentation_page() and (f.inclusion.is_included() or id(f) in aside)]
        for f in every:
            if f.page is None:
                Page(None, f, config)
        context["pages"] = every
        return context

    def on_post_build(self, config):
        """Report the anchors of the pages rendered here and the anchored links into pages rendered elsewhere."""
        anchors: dict[str, list[str]] = {}
        links: list[tuple[str, str, str, str]] = []
        elsewhere = {id(f) for f in self.aside}
        for f in self.files.documentation_pages():
            page = f.page
            if page is None or page.present_anchor_ids is None:
                continue
            anchors[f.src_uri] = sorted(page.present_anchor_ids)
            for target, found in (page.links_to_anchors or {}).items():
                if id(target) in elsewhere:
                    links += [(f.src_uri, target.src_uri, a, link) for a, link in sorted(found.items())]
        self.report.write_text(json.dumps({"anchors": anchors, "links": links}), encoding="utf-8")


def _log_warnings() -> None:
    """MkDocs' warnings and errors on stderr, as `mkdocs build --quiet` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def _build_part(config_file: str, site_dir: str, index: int, parts: int, report: str) -> None:
    """One part, in a forked process: the configuration with the part's events added, built strict."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    _log_warnings()
    cfg = load_config(config_file, site_dir=site_dir, strict=True)
    if parts > 1:
        cfg.plugins["generator-part"] = Part(index, parts, Path(report))
    try:
        build(cfg)
    except Abort as exc:
        print(f"mkdocs (part {index + 1} of {parts}): {exc}", file=sys.stderr)
        os._exit(1)
    sys.stderr.flush()


def _run_parts(config_file: str, dirs: list[Path], jobs: int, reports: Path) -> list[int]:
    """Build every part, `jobs` at a time, in part order; the parts that failed."""
    ctx = multiprocessing.get_context("fork")
    parts = len(dirs)
    waiting = [(i, ctx.Process(target=_build_part, args=(config_file, str(d), i, parts,
                                                         str(reports / REPORT.format(i)))))
               for i, d in enumerate(dirs)]
    running: dict[int, multiprocessing.Process] = {}
    failed = []
    while waiting or running:
        while waiting and len(running) < jobs:
            i, proc = waiting.pop(0)
            proc.start()
            running[proc.sentinel] = (i, proc)
        for sentinel in multiprocessing.connection.wait(list(running)):
            i, proc = running.pop(sentinel)
            proc.join()
            if proc.exitcode != 0:
                failed.append(i)
    return sorted(failed)


def check_anchors(reports: list[Path]) -> list[str]:
    """MkDocs' message for every anchored link into another part's page that lacks the anchor."""
    anchors: dict[str, set[str]] = {}
    links = []
    for r in reports:
        data = json.loads(r.read_text(encoding="utf-8"))
        links += data["links"]
        for uri, ids in data["anchors"].items():
            anchors.setdefault(uri, set()).update(ids)
    out = []
    for src, target, anchor, link in sorted(map(tuple, links)):
        if anchor not in anchors.get(target, ()):
            out.append(f"Doc file '{src}' contains a link '{link}', but the doc '{target}' does not contain an "
                       f"anchor '#{anchor}'.")
    return out


def _merge(site: Path, parts: list[Path]) -> None:
    """Move the files of parts 1.. into the site (part 0's copy of a navigation page is the one kept)."""
    for d in parts:
        for folder, _sub, names in sorted(os.walk(d)):
            rel = Path(folder).relative_to(d)
            (site / rel).mkdir(parents=True, exist_ok=True)
            for n in sorted(names):
                dest = site / rel / n
                if not dest.exists():
                    os.replace(Path(folder) / n, dest)
        shutil.rmtree(d)


def build_site(config_file: str | Path, parts: int | None = None, jobs: int | None = None,
               site_dir: str | Path | None = None, quiet: bool = True) -> int:
    """Build the site of `config_file` in `parts` parts, `jobs` at a time; 0 when it built without a warning."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, printed on every build
    config_file = str(Path(config_file).resolve())
    cfg = load_config(config_file, site_dir=str(site_dir) if site_dir else None)
    site, docs = Path(cfg.site_dir).resolve(), Path(cfg.docs_dir)
    jobs = max(1, jobs or cores())
    pages = count_pages(docs)
    parts = max(1, parts or default_parts(pages, jobs))
    if not quiet:
        print(f"mkdocs: {pages:,} pages in {parts} part{'s' if parts > 1 else ''}, {min(jobs, parts)} at a time",
              file=sys.stderr)
    dirs = [site] + [site.with_name(f"{site.name}.part{i}") for i in range(1, parts)]
    for d in dirs[1:]:
        shutil.rmtree(d, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="mkdocs-parts-") as tmp:
        failed = _run_parts(config_file, dirs, min(jobs, parts), Path(tmp))
        problems = check_anchors(sorted(Path(tmp).glob("part-*.json"))) if parts > 1 and not failed else []
    for p in problems:
        print(f"WARNING -  {p}", file=sys.stderr)
    if failed or problems:
        for d in dirs[1:]:
            shutil.rmtree(d, ignore_errors=True)
        why = (f"part(s) {', '.join(str(i + 1) for i in failed)} of {parts} failed" if failed else
               f"aborted with {len(problems)} warnings in strict mode (anchors across parts)")
        print(f"mkdocs: {why}", file=sys.stderr)
        return 1
    _merge(site, dirs[1:])
    return 0
