"""Incremental and parallel builds: adding cables rewrites only the pages whose bytes change (the new cables, the
cables they cite, the listings that index them), an identical build writes nothing, and worker processes write
exactly what one process writes."""
from __future__ import annotations

import os
import random
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from generator import build as build_mod
from generator import reference, urls
from generator.readers import Skip
from sitebuild import tree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
EXAMPLES = ROOT / "examples" / "cables"
OLD = 1_000_000_000  # an mtime far in the past: a file that still has it was not rewritten
N, ADDED = 150, 12


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A synthetic archive of N cables (bench/synth.py: WikiLeaks pages, telegrams, CSV rows, REF links)."""
    import synth

    return synth.generate(N, tmp_path_factory.mktemp("synthetic") / "src", seed=5)


@pytest.fixture()
def parallel(monkeypatch):
    """Worker processes even for small archives, so the parallel code paths run."""
    monkeypatch.setattr(build_mod, "PARALLEL_FROM", 0)



def age(docs: Path) -> None:
    for f in docs.rglob("*"):
        if f.is_file():
            os.utime(f, (OLD, OLD))


def rewritten(docs: Path) -> set[str]:
    return {f.relative_to(docs).as_posix() for f in docs.rglob("*") if f.is_file() and f.stat().st_mtime != OLD}


def cited(files: list[Path]) -> set[str]:
    """IDs the REF lists of these cables cite."""
    cables, _ = reference.load([str(f) for f in files])
    return {r.id for c in cables for r in c.references if r.id}


def entity_links(page: bytes) -> set[bytes]:
    """Entity pages a cable page links to."""
    return set(re.findall(rb'href="\.\./entity/([^"#]+)"', page))


def cable_links(page: bytes) -> set[str]:
    """Cable IDs a cable page links to."""
    return {m.decode() for m in re.findall(rb'href="([0-9]{2}[A-Z]+[0-9]+)\.html', page)}


@pytest.mark.slow
def test_adding_cables_rewrites_only_what_changed_and_an_identical_build_writes_nothing(synthetic, tmp_path,
                                                                                        parallel):
    src = tmp_path / "src"
    shutil.copytree(synthetic, src)
    pages = sorted(f for f in src.rglob("*") if f.suffix in (".html", ".txt"))
    added = random.Random(1).sample(pages, ADDED)
    held = tmp_path / "held"
    for f in added:
        (held / f.relative_to(src)).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(f, held / f.relative_to(src))
    docs = tmp_path / "docs"
    assert build_mod.build([str(src)], docs=str(docs), quiet=True, jobs=2) == 0
    before = tree(docs)
    age(docs)

    for f in added:
        shutil.move(held / f.relative_to(src), f)
    build_mod.build([str(src)], docs=str(docs), quiet=True, jobs=2)
    after = tree(docs)
    changed = {p for p in after if before.get(p) != after[p]}
    assert rewritten(docs) == changed  # every page whose bytes are the same kept its file and mtime
    new_ids = {f.stem for f in added}
    assert {urls.cable(c) for c in new_ids} <= changed  # the new cables' pages
    old_cited = {c for c in cited(added) if urls.cable(c) in before}
    assert old_cited and {urls.cable(c) for c in old_cited} <= changed  # their cited-by lists grew
    assert {urls.HOME, urls.CABLES_LIST} <= changed
    # an old cable page changes only when it cites or is cited by a new cable, or names someone a new cable
    # names (entities are merged across the archive: `Ereli` becomes `Adam Ereli` once a cable gives the name)
    new_ents = set().union(*(entity_links(after[urls.cable(c)]) for c in new_ids))
    old_pages = [p for p in before if p.startswith("cable/") and urls.cable(Path(p).stem) not in
                 {urls.cable(c) for c in new_ids}]
    unexplained = [p for p in old_pages if p in changed and not (
        cable_links(after[p]) & new_ids or (entity_links(before[p]) | entity_links(after[p])) & new_ents
        or p.endswith(".json") and urls.cable(Path(p).stem) in changed)]  # a record changes with its page
    assert unexplained == []
    assert len([p for p in old_pages if p not in changed]) > len(old_pages) / 4
    assert not [p for p in after if p.endswith(".tmp")]

    age(docs)
    build_mod.build([str(src)], docs=str(docs), quiet=True, jobs=2)
    assert rewritten(docs) == set()
    assert tree(docs) == after


@pytest.mark.slow
def test_workers_write_the_same_bytes_as_one_process(synthetic, tmp_path, parallel):
    sources = [str(EXAMPLES), str(synthetic), str(ROOT / "tests" / "fixtures" / "site-hostile")]
    assert build_mod.build(sources, docs=str(tmp_path / "one"), quiet=True, jobs=1) == 0
    assert build_mod.build(sources, docs=str(tmp_path / "two"), quiet=True, jobs=2) == 0
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert sorted(one) == sorted(two) and len(one) > 2 * N
    assert [p for p in one if one[p] != two[p]] == []


@pytest.mark.slow
def test_parallel_reading_and_parsing_match_the_cli(synthetic, parallel):
    sources = [str(EXAMPLES), str(synthetic)]
    cables, skips = reference.load(sources)
    items = list(build_mod.parsed(sources, jobs=2))
    pcables = [c for c in items if not isinstance(c, Skip)]
    pskips = [s for s in items if isinstance(s, Skip)]
    assert [c.id for c in pcables] == [c.id for c in cables] and len(cables) > N
    assert pcables == cables and pskips == skips and skips


@pytest.mark.slow
def test_pipelined_entity_pass_gives_the_pages_of_the_one_process_pass(synthetic, tmp_path, parallel):
    """The build reads entities chunk by chunk in workers (entities.first_reading / second_reading); the pages
    must be those of `entities.enrich()` over the whole archive at once."""
    from generator.entities import reference as entities
    from generator.report import collect
    from generator.resolve import resolve

    sources = [str(EXAMPLES), str(synthetic)]
    assert build_mod.build(sources, docs=str(tmp_path / "built"), quiet=True, jobs=2) == 0
    cables, skips = reference.load(sources)
    enriched, notes = entities.enrich(cables)
    archive = resolve(enriched)
    reference.write_pages(archive, collect(enriched, skips, archive, notes), tmp_path / "whole")
    built, whole = tree(tmp_path / "built"), tree(tmp_path / "whole")
    pages = [p for p in built if not p.startswith(".")]  # .search/ and the manifest: the build's alone
    assert sorted(pages) == sorted(p for p in whole if not p.startswith(".")) and len(pages) > 2 * N
    assert [p for p in pages if built[p] != whole[p]] == []
    assert sum(1 for p in pages if p.startswith("entity/")) > N // 2


# ---------------------------------------------------------------- quick rebuilds of the site (generator/site.py)

ALWAYS = {"404.html", "sitemap.xml", "sitemap.xml.gz"}  # the theme's templates: rendered on every build


def quick(config: Path) -> str:
    """`python -m generator.site --reuse --search` (what `make site` runs after the generator): what it said."""
    import subprocess

    from sitebuild import PY, env

    p = subprocess.run([PY, "-m", "generator.site", "--config", str(config), "--reuse", "--search", "--jobs", "2"],
                       cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return p.stderr


def clean_site(sources: list[Path], work: Path) -> Path:
    """The site as a clean build makes it: the generator, `mkdocs build --strict`, then the search step."""
    from sitebuild import PY, build, run

    site = build(sources, work)
    run([PY, "-m", "generator", "search", str(site.site), "--docs", str(site.docs), "--quiet"])
    return site.site


def nav_html() -> set[str]:
    """The pages of the navigation, as built files: rendered on every build (every part names them)."""
    import yaml

    from generator.site import _nav_pages

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    return {p[:-3] + ".html" for p in _nav_pages(nav)}


def site_path(docs_path: str) -> str:
    return docs_path[:-3] + ".html" if docs_path.endswith(".md") else docs_path


@pytest.mark.slow
def test_an_unchanged_site_is_kept_and_an_added_cable_renders_only_the_pages_it_touches(tmp_path, tmp_path_factory):
    """make site twice: the second MkDocs run renders only the navigation pages and keeps every other file
    (mtimes), and site/ is what a clean build makes; then a cable (10BERLIN118) is
    added: only the pages whose Markdown or files changed are written again, and site/ is
    still what a clean build of the whole archive makes, byte for byte (the example site with its search index,
    built once for the run: the report names inputs by their folder, so the copy is named as examples/cables)."""
    from sitebuild import built, config_for, copy_handwritten, run, PY
    from test_site_parts import differences

    src, held = tmp_path / "src" / EXAMPLES.name, tmp_path / "held"
    shutil.copytree(EXAMPLES, src)
    added = "html/10BERLIN118.html"
    held.mkdir()
    shutil.move(src / added, held / "added.html")
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    copy_handwritten(docs)
    config = config_for(docs, site, tmp_path / "mkdocs.yml")
    run([PY, "-m", "generator", "build", str(src), "--docs", str(docs), "--quiet"])
    first = quick(config)
    assert " 0 kept as they were" in first
    age(site)
    second = quick(config)
    pages = len(list(docs.rglob("*.md")))
    assert f"{len(nav_html())} pages to render, {pages - len(nav_html()):,} kept as they were" in second
    assert "search: records unchanged, index kept" in second
    assert rewritten(site) == nav_html() | ALWAYS
    assert differences(site, clean_site([src], tmp_path / "clean-before")) == []

    before = tree(docs)
    shutil.move(held / "added.html", src / added)
    run([PY, "-m", "generator", "build", str(src), "--docs", str(docs), "--quiet"])
    after = tree(docs)
    changed = {p for p in after if before.get(p) != after[p] and not p.startswith(".")}
    assert "cable/10BERLIN118.md" in changed and len(changed) < len(after) / 2
    age(site)
    quick(config)
    searched = {p for p in rewritten(site) if p.startswith("search/")}
    assert searched  # the records changed: the index is written again
    assert rewritten(site) - searched == {site_path(p) for p in changed} | nav_html() | ALWAYS
    assert differences(site, built("search-examples", [EXAMPLES], tmp_path_factory, search=True).site) == []


def reuse(config: Path, *args: str):
    import subprocess

    from sitebuild import PY, env

    return subprocess.run([PY, "-m", "generator.site", "--config", str(config), "--reuse", *args], cwd=ROOT,
                          env=env(), capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_kept_page_still_has_its_links_checked_and_a_removed_page_leaves_the_site(tmp_path):
    """A keeps linking to B#here; B is rewritten without the anchor: A is kept (its Markdown did not change), yet
    the build fails as a clean build would, and the next build starts clean. A page gone from docs/ is gone from
    site/ too."""
    from test_site_parts import _tiny

    b_page = "# B\n\n## Here\n\n" + '<!--raw-->\n<p id="par3">x</p>\n<!--/raw-->\n'
    pages = {"index.md": "# Home\n", "b.md": b_page, "c/gone.md": "# Gone\n",
             "a.md": '# A\n\n[ok](b.md#here)\n\n<!--raw-->\n<a href="b.html#par3">x</a>\n<!--/raw-->\n'}
    config = _tiny(tmp_path, pages)
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    cfg.update(nav=[{"Home": "index.md"}], not_in_nav="/a.md\n/b.md\n/c/\n")  # as mkdocs.yml: pages can be kept
    config.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    site, state = tmp_path / "s", tmp_path / ".s.reuse.json"
    assert reuse(config).returncode == 0 and state.is_file()
    (tmp_path / "docs" / "c" / "gone.md").unlink()
    p = reuse(config, "--parts", "1")
    assert p.returncode == 0, p.stderr
    assert not (site / "c").exists()  # the page and its emptied folder
    (tmp_path / "docs" / "b.md").write_text("# B\n\nNo anchors now.\n", encoding="utf-8")
    p = reuse(config)
    assert p.returncode == 1
    assert "2 pages to render, 1 kept as they were" in p.stderr  # the home page and b.md: a.md is kept
    assert "Doc file 'a.md' contains a link 'b.html#par3', but the doc 'b.md' does not contain an anchor '#par3'" \
        in p.stderr
    assert not state.exists()  # site/ is not what a state would say: the next build is a clean one
