"""One MkDocs site built by several MkDocs processes at once (an experiment measured by bench/run.py).

MkDocs renders pages one after another in one process. Here k processes each load the same configuration and
see every file (so every link resolves and is checked as usual), but each renders only its share of the pages:
the others are marked excluded in `on_files`, which MkDocs neither renders nor writes, while links to them are
still made (MkDocs logs them at INFO level, which --strict ignores). The pages of the navigation are rendered by
every process (the navigation is the same everywhere); the theme's assets, the static files, the 404 page and
the sitemap (given every page, see `on_template_context`) come from process 0. The other processes write into
folders of their own, whose pages are then moved into the site. The result is meant to be the same bytes as
one `mkdocs build`; bench/run.py checks that it is, page for page, before it reports a time.

    .venv/bin/python bench/mkdocs_shards.py mkdocs.yml --shards 4 --jobs 2 [--site-dir DIR]

What a single process would check and this does not: anchors (`#par3`) in links between pages rendered by
different processes (MkDocs validates anchors only on pages it rendered).
"""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shutil
import sys
import zlib
from pathlib import Path

SHARD_ENV = "CABLE_MKDOCS_SHARD"  # "i/k" in the processes this module starts


def shard() -> tuple[int, int]:
    """This process's share: (index, count); (0, 1) outside a sharded build."""
    value = os.environ.get(SHARD_ENV, "0/1")
    i, k = value.split("/")
    return int(i), int(k)


def shard_of(src_uri: str, k: int) -> int:
    """The process that renders a page: a stable hash of its path (the same in every process and run)."""
    return zlib.crc32(src_uri.encode("utf-8")) % k


def _nav_pages(nav) -> set[str]:
    """Every page named in the `nav` setting."""
    out: set[str] = set()
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, str):
            out.add(item)
        elif isinstance(item, dict):
            for v in item.values():
                out |= _nav_pages(v)
        elif isinstance(item, list):
            out |= _nav_pages(item)
    return out


_SET_ASIDE: list = []  # documentation pages this process does not render
_ALL: list = []  # every file, in MkDocs' order


def on_files(files, config):
    """Exclude the pages of the other processes (and, outside process 0, every static file)."""
    from mkdocs.structure.files import InclusionLevel

    i, k = shard()
    if k <= 1:
        return files
    _ALL[:] = list(files)
    in_nav = _nav_pages(config.nav or [])
    for f in files:
        if f.is_documentation_page():
            if f.src_uri in in_nav or f.inclusion.is_excluded() or shard_of(f.src_uri, k) == i:
                continue
            f.inclusion = InclusionLevel.EXCLUDED
            _SET_ASIDE.append(f)
        elif i != 0:
            f.inclusion = InclusionLevel.EXCLUDED
    return files


def on_template_context(context, template_name, config):
    """The sitemap of process 0 lists every page, those rendered elsewhere too, in the order MkDocs lists them."""
    from mkdocs.structure.pages import Page

    if template_name != "sitemap.xml" or shard()[1] <= 1:
        return context
    aside = {id(f) for f in _SET_ASIDE}
    every = [f for f in _ALL if f.is_documentation_page() and (f.inclusion.is_included() or id(f) in aside)]
    for f in every:
        if f.page is None:
            Page(None, f, config)
    context["pages"] = every
    return context


def _run(config_file: str, site_dir: str, i: int, k: int, strict: bool) -> None:
    """One process: the configuration with this module added to its hooks, built into `site_dir`."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ[SHARD_ENV] = f"{i}/{k}"
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    base = Path(config_file).resolve().parent
    raw = yaml.safe_load(Path(config_file).read_text(encoding="utf-8")) or {}
    hooks = [str((base / h).resolve()) for h in raw.get("hooks", [])] + [str(Path(__file__).resolve())]
    cfg = load_config(config_file, site_dir=site_dir, strict=strict, hooks=hooks)
    build(cfg)


def build_site(config_file: str, site_dir: Path, shards: int, processes: int | None = None,
               strict: bool = True) -> None:
    """Build the site in `shards` parts, `processes` at a time (fewer at a time: less memory); the pages of
    parts 1.. are then moved into `site_dir`."""
    site_dir = Path(site_dir).resolve()
    processes = max(1, min(processes or shards, shards))
    dirs = [site_dir] + [site_dir.with_name(f"{site_dir.name}.part{i}") for i in range(1, shards)]
    ctx = multiprocessing.get_context("fork")
    waiting = [ctx.Process(target=_run, args=(config_file, str(d), i, shards, strict)) for i, d in enumerate(dirs)]
    running: list = []
    failed = []
    while waiting or running:
        while waiting and len(running) < processes:
            running.append(waiting.pop(0))
            running[-1].start()
        running[0].join()
        done = running.pop(0)
        if done.exitcode != 0:
            failed.append(done.name)
    if failed:
        raise SystemExit(f"mkdocs process(es) {failed} failed")
    for d in dirs[1:]:
        for f in sorted(d.rglob("*")):
            if not f.is_file():
                continue
            dest = site_dir / f.relative_to(d)
            if dest.exists():
                continue  # a page of the navigation, the 404 page, the sitemap: part 0's are kept
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(f, dest)
        shutil.rmtree(d)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--shards", type=int, default=len(os.sched_getaffinity(0)), help="parts the pages are cut in")
    ap.add_argument("--jobs", type=int, default=None, help="parts built at a time (default: all)")
    ap.add_argument("--site-dir", type=Path)
    args = ap.parse_args()
    import yaml

    cfg = yaml.safe_load(Path(args.config).read_text(encoding="utf-8"))
    site = args.site_dir or (Path(args.config).resolve().parent / cfg.get("site_dir", "site"))
    build_site(args.config, site, max(1, args.shards), args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
