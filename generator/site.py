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

Reuse (`reuse=True`, `python -m generator.site --reuse`): a page whose output would be the same bytes is not
rendered again. Its output depends on its own Markdown, its path, and what every page shares (the configuration,
the theme and its overrides and hooks, the versions of MkDocs, Material and Markdown, this file); a content hash
of these keys the page. A state file beside the site (`.site.reuse.json`) keeps each page's key, its output file,
its anchors and its anchored links; a page whose key is unchanged and whose output is still there is marked
excluded, like another part's page, and left as it is in site/ (the parent checks every anchored link against
the anchors of all pages, those reused too). Static files (original texts, records, theme assets) are copied
only when their size or mtime changed. Pages and files gone from docs/ are removed from site/. The search index
(`--search`) is written by a process of its own while MkDocs runs (it reads docs/.search, not the site), and is
kept when its records did not change. The result is the site a clean build makes, byte for byte (tested:
tests/test_incremental.py).
"""
from __future__ import annotations

import hashlib
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

from .write import docs_lock

PAGES_PER_PART = 40_000  # at most about this many pages a part: memory follows the pages a process holds
PARALLEL_FROM = 2_000  # pages: below this one process is as fast (each part pays MkDocs' start-up)
REPORT = "part-{}.json"  # what a part tells the parent: anchors of its pages, links it could not check
STATE = ".{}.reuse.json"  # beside the site folder: what each output was made from (reuse)


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

    def __init__(self, index: int, parts: int, report: Path, reuse: dict | None = None):
        self.index, self.parts, self.report = index, parts, report
        self.reuse = reuse  # {"pages": src_uris kept as they are, "static": dest_uri -> [size, mtime_ns]}
        self.aside: list = []  # documentation pages another part renders (or reused)
        self.every: list = []  # every file, in MkDocs' order
        self.copied: dict[str, list] = {}  # static files this part copies: dest_uri -> [size, mtime_ns]
        self.in_nav: set[str] = set()
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
        in_nav = self.in_nav = _nav_pages(config.nav or [])
        docs = os.path.abspath(config.docs_dir) + os.sep
        kept_pages = self.reuse["pages"] if self.reuse else set()
        for f in files:
            if f.inclusion.is_excluded():
                continue
            if f.is_documentation_page():
                mine = f.src_uri in in_nav or (part_of(f.src_uri, self.parts) == self.index
                                              and f.src_uri not in kept_pages)
            else:  # theme assets with part 0; files of docs/ (the original texts) shared out
                ours = os.path.abspath(f.abs_src_path or "").startswith(docs)
                mine = part_of(f.src_uri, self.parts) == self.index if ours else self.index == 0
                if mine and self.reuse is not None:
                    mine = self._copy(f, config.site_dir)
            if not mine:
                if f.is_documentation_page():
                    self.aside.append(f)
                f.inclusion = InclusionLevel.EXCLUDED
        return files

    def _copy(self, f, site_dir: str) -> bool:
        """Whether a static file must be copied (reuse): not when its source has the size and mtime it had."""
        st = os.stat(f.abs_src_path)
        now = [st.st_size, st.st_mtime_ns]
        self.copied[f.dest_uri] = now
        return self.reuse["static"].get(f.dest_uri) != now or not os.path.isfile(os.path.join(site_dir, f.dest_uri))

    def on_env(self, env, config, files):
        """Keep the files for the report."""
        self.files = files
        return env

    def on_post_page(self, output: str, page, config) -> str:
        """A page of the navigation is rendered by every part (for its title) but written by part 0 alone."""
        return "" if self.index and page.file.src_uri in self.in_nav else output

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
        pages: dict[str, list] = {}  # reuse: src_uri -> [output file, its anchored links]
        elsewhere = {id(f) for f in self.aside}
        for f in self.files.documentation_pages():
            page = f.page
            if page is None or page.present_anchor_ids is None:
                continue
            if self.index and f.src_uri in self.in_nav:
                continue  # part 0 renders and reports it
            anchors[f.src_uri] = sorted(page.present_anchor_ids)
            own = [(f.src_uri, t.src_uri, a, link) for t, found in (page.links_to_anchors or {}).items()
                   for a, link in sorted(found.items())]
            pages[f.src_uri] = [f.dest_uri, own]
            links += [x for x in own if id(self.files.src_uris.get(x[1])) in elsewhere]
        self.report.write_text(json.dumps({"anchors": anchors, "links": links, "pages": pages,
                                           "static": self.copied}), encoding="utf-8")


def _log_warnings() -> None:
    """MkDocs' warnings and errors on stderr, as `mkdocs build --quiet` shows them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def _build_part(config_file: str, site_dir: str, index: int, parts: int, report: str,
                reuse: dict | None = None) -> None:
    """One part, in a forked process: the configuration with the part's events added, built strict."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    _log_warnings()
    cfg = load_config(config_file, site_dir=site_dir, strict=True)
    if parts > 1 or reuse is not None:
        cfg.plugins["generator-part"] = Part(index, parts, Path(report), reuse)
    if reuse is not None:  # the parent removed what is stale; what is kept must stay (this forked process only)
        utils.clean_directory = lambda _directory: None
    try:
        build(cfg)
    except Abort as exc:
        print(f"mkdocs (part {index + 1} of {parts}): {exc}", file=sys.stderr)
        os._exit(1)
    sys.stderr.flush()


def _run_parts(config_file: str, dirs: list[Path], jobs: int, reports: Path, reuse: dict | None = None) -> list[int]:
    """Build every part, `jobs` at a time, in part order; the parts that failed."""
    ctx = multiprocessing.get_context("fork")
    parts = len(dirs)
    waiting = [(i, ctx.Process(target=_build_part, args=(config_file, str(d), i, parts,
                                                         str(reports / REPORT.format(i)), reuse)))
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


def check_anchors(reports: list[Path], kept: dict[str, list] | None = None) -> list[str]:
    """MkDocs' message for every anchored link into another part's page (or a reused page, or from one: `kept`,
    src_uri -> [key, output, anchors, links] of the pages not rendered again) that lacks the anchor."""
    anchors: dict[str, set[str]] = {uri: set(entry[2]) for uri, entry in (kept or {}).items()}
    links = [x for entry in (kept or {}).values() for x in entry[3]]
    for r in reports:
        data = json.loads(r.read_text(encoding="utf-8"))
        links += data["links"]
        for uri, ids in data["anchors"].items():
            anchors.setdefault(uri, set()).update(ids)
    out = []
    for src, target, anchor, link in sorted(set(map(tuple, links))):
        if anchor not in anchors.get(target, ()):
            out.append(f"Doc file '{src}' contains a link '{link}', but the doc '{target}' does not contain an "
                       f"anchor '#{anchor}'.")
    return out


def _merge(site: Path, parts: list[Path]) -> None:
    """Move the files of parts 1.. into the site (each file is written by one part only)."""
    for d in parts:
        for folder, _sub, names in sorted(os.walk(d)):
            rel = Path(folder).relative_to(d)
            (site / rel).mkdir(parents=True, exist_ok=True)
            for n in sorted(names):
                os.replace(Path(folder) / n, site / rel / n)
        shutil.rmtree(d)


# ---------------------------------------------------------------- reuse: what each output was made from

def _digest(*chunks: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for c in chunks:
        h.update(c)
    return h.hexdigest()


def _versions() -> bytes:
    """The versions of what renders a page (a new Material can change every page)."""
    from importlib import metadata

    out = [sys.version]
    for dist in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions", "pygments"):
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=-")
    return "\n".join(out).encode()


def _untitled(nav) -> set[str]:
    """Pages of the navigation without a title of their own there: their Markdown gives the title every page shows."""
    out: set[str] = set()
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            out.add(item)
        elif isinstance(item, dict):  # {title: page} names its title; {section: [...]} holds more
            out |= _untitled([v for v in item.values() if isinstance(v, list)])
        elif isinstance(item, list):
            out |= _untitled(item)
    return out


def shared_key(config_file: str, cfg) -> str:
    """What every page's output depends on besides its own Markdown and path: the configuration, the theme's
    overrides and hooks, the versions that render, this file, the titles the navigation takes from pages."""
    files = [Path(config_file), Path(__file__)]
    if cfg.theme.custom_dir:
        files += sorted(p for p in Path(cfg.theme.custom_dir).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for hook in (cfg.get("hooks") or {}).values():
        files.append(Path(hook.__file__))
    docs = Path(cfg.docs_dir)
    files += [docs / uri for uri in sorted(_untitled(cfg.nav or []))]
    chunks = [_versions()]
    for f in files:
        chunks += [str(f).encode(), b"\0", f.read_bytes() if f.is_file() else b"-", b"\0"]
    return _digest(*chunks)


def page_keys(docs: Path, shared: str) -> dict[str, str]:
    """src_uri -> the content hash of every Markdown page (MkDocs skips dot-folders: so does this)."""
    out = {}
    for folder, sub, names in os.walk(docs):
        sub[:] = [d for d in sub if not d.startswith(".")]
        rel = os.path.relpath(folder, docs).replace(os.sep, "/")
        for n in names:
            if n.endswith(".md") and not n.startswith("."):
                uri = n if rel == "." else f"{rel}/{n}"
                with open(os.path.join(folder, n), "rb") as fh:
                    out[uri] = _digest(shared.encode(), uri.encode(), b"\0", fh.read())
    return out


def search_key(docs: Path) -> str:
    """What the search index is made from: the build's records, the cable pages, the search code."""
    from . import urls
    from .search import page_template

    here = Path(__file__).parent
    chunks = [str(here / "urls.py").encode(), (here / "urls.py").read_bytes()]
    for f in sorted((here / "search").glob("*.py")):
        chunks += [f.name.encode(), f.read_bytes()]
    for f in sorted((docs / urls.SEARCH_RECORDS).glob("*")):
        chunks += [f.name.encode(), f.read_bytes()]
    folder = docs / Path(page_template()).parent
    chunks += sorted(f.name.encode() for f in folder.glob("*.md")) if folder.is_dir() else []
    return _digest(*chunks)


def _search(docs: str, staging: str) -> None:
    """The search index, in a forked process, into a folder of its own: it reads docs/.search, not the site; the
    cable pages it lists (those of cited cables not in the archive too) are the docs' cable pages, stood in for
    by empty files."""
    from .search import build_from_records, page_template

    folder = Path(page_template()).parent
    (Path(staging) / folder).mkdir(parents=True, exist_ok=True)
    for f in (Path(docs) / folder).glob("*.md"):
        (Path(staging) / folder / (f.stem + ".html")).touch()
    build_from_records(Path(staging), docs)
    shutil.rmtree(Path(staging) / folder)


def _load_state(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _remove(site: Path, rel: str) -> None:
    """A file gone from the site, and the folders it leaves empty."""
    f = site / rel
    f.unlink(missing_ok=True)
    for parent in f.parents:
        if parent == site or not parent.is_dir() or any(parent.iterdir()):
            break
        parent.rmdir()


def build_site(config_file: str | Path, parts: int | None = None, jobs: int | None = None,
               site_dir: str | Path | None = None, quiet: bool = True, reuse: bool = False,
               search: bool = False) -> int:
    """Build the site of `config_file` in `parts` parts, `jobs` at a time; 0 when it built without a warning.
    `reuse`: pages whose output would be the same are not rendered again; `search`: the search index is written
    while MkDocs runs."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, printed on every build
    config_file = str(Path(config_file).resolve())
    cfg = load_config(config_file, site_dir=str(site_dir) if site_dir else None)
    with docs_lock(cfg.docs_dir):  # no build rewrites the pages while MkDocs reads them
        return _build_site(config_file, cfg, parts, jobs, quiet, reuse, search)


def _build_site(config_file: str, cfg, parts: int | None, jobs: int | None, quiet: bool, reuse: bool,
                search: bool) -> int:
    """`build_site` once the configuration is loaded and the docs folder held."""
    site, docs = Path(cfg.site_dir).resolve(), Path(cfg.docs_dir)
    jobs = max(1, jobs or cores())
    state_file = site.parent / STATE.format(site.name)
    plan = None
    if reuse:
        plan = _plan(config_file, cfg, site, docs, state_file)
        pages = len(plan["keys"]) - len(plan["kept"])
    else:
        pages = count_pages(docs)
    parts = max(1, parts or default_parts(pages, jobs))
    if not quiet:
        kept = f", {len(plan['kept']):,} kept as they were" if plan else ""
        print(f"mkdocs: {pages:,} pages to render{kept}, in {parts} part{'s' if parts > 1 else ''}, "
              f"{min(jobs, parts)} at a time", file=sys.stderr)
    dirs = [site] + [site.with_name(f"{site.name}.part{i}") for i in range(1, parts)]
    for d in dirs[1:]:
        shutil.rmtree(d, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="mkdocs-parts-") as tmp:
        finder = _start_search(docs, site, Path(tmp) / "search", plan) if search else None
        failed = _run_parts(config_file, dirs, min(jobs, parts), Path(tmp),
                            {"pages": plan["kept"], "static": plan["static"]} if plan else None)
        reports = sorted(Path(tmp).glob("part-*.json"))
        kept = {uri: plan["old"][uri] for uri in plan["kept"]} if plan else None
        problems = check_anchors(reports, kept) if (parts > 1 or plan) and not failed else []
        searched = _finish_search(finder, site, Path(tmp) / "search", quiet) if finder else True
        ok = not failed and not problems and searched
        if ok:
            _merge(site, dirs[1:])
            if plan:
                _save_state(state_file, plan, reports, site, searched if search else None)
    for p in problems:
        print(f"WARNING -  {p}", file=sys.stderr)
    if not ok:
        for d in dirs[1:]:
            shutil.rmtree(d, ignore_errors=True)
        state_file.unlink(missing_ok=True)
        why = (f"part(s) {', '.join(str(i + 1) for i in failed)} of {parts} failed" if failed else
               f"aborted with {len(problems)} warnings in strict mode (anchors across parts)" if problems else
               "the search index failed")
        print(f"mkdocs: {why}", file=sys.stderr)
        return 1
    return 0


def _plan(config_file: str, cfg, site: Path, docs: Path, state_file: Path) -> dict:
    """What a reusing build keeps: every page whose key and output are unchanged; the rest of site/ made ready
    (stale pages removed; everything removed when what all pages share changed)."""
    from mkdocs import utils

    shared = shared_key(config_file, cfg)
    keys = page_keys(docs, shared)
    old = _load_state(state_file) if (site / "index.html").is_file() else None
    if not old or old.get("shared") != shared:
        if site.is_dir():
            utils.clean_directory(str(site))
        old = {"shared": shared, "pages": {}, "static": {}, "search": None}
    state_file.unlink(missing_ok=True)  # until this build ends well, site/ is not what the state says
    in_nav = _nav_pages(cfg.nav or [])
    pages = old["pages"]
    kept = {uri for uri, k in keys.items() if uri not in in_nav and uri in pages and pages[uri][0] == k
            and (site / pages[uri][1]).is_file()}
    if not cfg.nav:  # MkDocs makes the navigation of every page from all pages: none can be kept
        kept = set()
    for uri, entry in pages.items():
        if uri not in keys:
            _remove(site, entry[1])
    for f in site.glob("sitemap-*.xml*"):  # the sitemap's parts are written again (their number may change)
        f.unlink()
    return {"shared": shared, "keys": keys, "kept": kept, "old": pages, "static": old["static"],
            "search": old.get("search"), "site": site}


def _save_state(path: Path, plan: dict, reports: list[Path], site: Path, search) -> None:
    """The state of the site just built: each page's key, output, anchors and anchored links; static files."""
    pages = {uri: plan["old"][uri] for uri in plan["kept"]}
    static: dict[str, list] = {}
    for r in reports:
        data = json.loads(r.read_text(encoding="utf-8"))
        anchors = data["anchors"]
        for uri, (dest, links) in data["pages"].items():
            pages[uri] = [plan["keys"][uri], dest, anchors.get(uri, []), links]
        static.update(data["static"])
    for dest in set(plan["static"]) - set(static):
        _remove(site, dest)
    state = {"shared": plan["shared"], "pages": dict(sorted(pages.items())), "static": dict(sorted(static.items())),
             "search": search if isinstance(search, str) else None}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def _start_search(docs: Path, site: Path, staging: Path, plan: dict | None):
    """The search index's process, or its key when the index in site/ was made from the same records."""
    key = search_key(docs)
    if plan and plan.get("search") == key and (site / "search").is_dir():
        return key
    proc = multiprocessing.get_context("fork").Process(target=_search, args=(str(docs), str(staging)))
    proc.start()
    return (key, proc)


def _finish_search(finder, site: Path, staging: Path, quiet: bool) -> str | bool:
    """Wait for the search index and move it into the site; its key (False when it failed)."""
    from .search import pagefind

    shutil.rmtree(site / pagefind.FOLDER, ignore_errors=True)  # no Pagefind bundle of an earlier build
    if isinstance(finder, str):
        if not quiet:
            print("search: records unchanged, index kept", file=sys.stderr)
        return finder
    key, proc = finder
    proc.join()
    if proc.exitcode != 0:
        return False
    shutil.rmtree(site / "search", ignore_errors=True)
    site.mkdir(parents=True, exist_ok=True)
    os.replace(staging / "search", site / "search")
    return key


# ---------------------------------------------------------------- `make site`: the generator skipped when nothing changed

def inputs_key(paths: list[str], docs: Path, args: str) -> str | None:
    """What `generator build` makes docs/ from: every input file (size, mtime), the generator's code and data
    (content), its arguments, and the files the last build wrote (size, mtime: a page removed or edited by hand
    changes it). None when docs/ holds no build."""
    from . import urls

    manifest = docs / urls.MANIFEST
    if not manifest.is_file():
        return None
    chunks = [args.encode(), b"\0"]
    for root in sorted(paths):
        files = [root] if os.path.isfile(root) else [os.path.join(folder, n) for folder, _sub, names
                                                     in sorted(os.walk(root)) for n in sorted(names)]
        for f in files:
            st = os.stat(f)
            chunks.append(f"{f} {st.st_size} {st.st_mtime_ns}\n".encode())
    code = Path(__file__).parent
    for f in sorted(code.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            chunks += [f.relative_to(code).as_posix().encode(), f.read_bytes()]
    for line in manifest.read_text(encoding="utf-8").splitlines():
        try:
            st = os.stat(docs / line)
        except OSError:
            return None
        chunks.append(f"{line} {st.st_size} {st.st_mtime_ns}\n".encode())
    return _digest(*chunks)


def inputs(argv: list[str]) -> int:
    """`python -m generator.site inputs --docs D [--args A] (--check | --save) PATH...`: --check exits 0 when
    docs/ was built from these inputs, the same generator and arguments (the build can be skipped); --save records
    that it was (after a build)."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m generator.site inputs", description=inputs.__doc__)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--docs", type=Path, default=Path("docs"))
    ap.add_argument("--args", default="")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--save", action="store_true")
    a = ap.parse_args(argv)
    from . import urls

    stamp = urls.inputs_stamp(a.docs)
    key = inputs_key(a.paths, a.docs, a.args)
    if a.save:
        if key:
            stamp.write_text(key + "\n", encoding="utf-8")
        return 0
    same = key is not None and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key
    if same:
        print(f"generator: the inputs, the generator and {a.docs}/ are as the last build left them: not run again",
              file=sys.stderr)
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.site`: `generator mkdocs` with reuse and the search index alongside (for `make site`)."""
    import argparse

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["inputs"]:
        return inputs(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m generator.site", description=main.__doc__)
    ap.add_argument("--config", default="mkdocs.yml")
    ap.add_argument("--site-dir", default=None)
    ap.add_argument("--parts", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--reuse", action="store_true", help="keep the pages whose output would be the same")
    ap.add_argument("--search", action="store_true", help="write the search index while MkDocs runs")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    return build_site(a.config, parts=a.parts, jobs=a.jobs, site_dir=a.site_dir, quiet=a.quiet, reuse=a.reuse,
                      search=a.search)


if __name__ == "__main__":
    sys.exit(main())
