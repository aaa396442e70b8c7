"""A page only where it helps: a name (person, organization, place …) named in at least N cables gets a page of its
own (`--entity-min-cables N`, 2 by default); a name in fewer is listed in the A–Z index of its type with links to
its cables, is plain text on the cable page, and stays searchable. No page ever links to a page not generated.

Checked on what the reader gets: the generated pages (their raw HTML blocks reach the reader untouched) of the
example archive at several thresholds, a few real cables from ../shared (skipped when absent), and the built
example site (mkdocs --strict).
"""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import build as build_mod
from generator import render, urls
from generator.reference import load
from generator.entities.reference import enrich
from generator.render.entity import letter
from generator.resolve import Archive, resolve
from sitebuild import ROOT, article, built

EXAMPLES = ROOT / "examples" / "cables"
REAL = ["08MANAMA105", "08MANAMA106", "08MANAMA117", "08MANAMA118", "08MANAMA12", "08MANAMA125"]

# name, type, the cables of the example archive that name it
NAMES = [
    ("Gordon Pellham", "PER", {"09STATE71533", "08STATE19406"}),
    ("Misrata", "LOC", {"09STATE71533", "09TRIPOLI288"}),
    ("Geoffrey Harrowgate", "PER", {"10LONDON205", "09PARIS451", "08LONDON1187"}),
    ("Richard Galloway", "PER", {"10THEHAGUE166"}),
    ("Gibraltar", "LOC", {"10LONDON205"}),
    ("Muscat", "LOC", {"10MANAMA151"}),
]


class Docs:
    """A generated docs folder, read as the reader gets it."""

    def __init__(self, root: Path):
        self.root = root

    def has(self, path: str) -> bool:
        return (self.root / path).is_file()

    def soup(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / path).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.md"))

    def entity_page_cables(self, path: str) -> set[str]:
        """The cables an entity page lists."""
        return cables_linked(self.soup(path).select_one("ul.entity-cables"))

    def index_row(self, kind: str, name: str):
        """A name's row in the A–Z index of its type (every page of its letter)."""
        first = urls.entity_index(kind, letter(name))
        for n in range(1, 100):
            path = urls.paged(first, n)
            if not self.has(path):
                break
            for tr in self.soup(path).select("tbody tr"):
                if tr.td.get_text() == name:
                    return tr
        return None


def cables_linked(node) -> set[str]:
    """The cable IDs a part of a page links to."""
    return {Path(a["href"].split("#")[0]).stem for a in node.select("a[href]") if "cable/" in a["href"]}


def generate(sources: list[Path], out: Path, min_cables: int) -> Docs:
    """The build's pages of the sources at one threshold (one process: small archives are built so anyway)."""
    assert build_mod.build([str(s) for s in sources], docs=str(out), quiet=True, jobs=1,
                           entity_min_cables=min_cables) == 0
    return Docs(out)


@pytest.fixture(scope="module")
def example_docs(tmp_path_factory):
    """Threshold -> the example archive's pages built with it (each built once)."""
    done: dict[int, Docs] = {}

    def get(n: int) -> Docs:
        if n not in done:
            done[n] = generate([EXAMPLES], tmp_path_factory.mktemp(f"entity-min-{n}"), n)
        return done[n]
    return get


@pytest.fixture(scope="module")
def example_archive() -> dict[int, Archive]:
    """The example archive resolved, by threshold (what the build resolves, in one process)."""
    cables, _skips = load([str(EXAMPLES)])
    enriched, _notes = enrich(cables)
    return {n: resolve(enriched, n) for n in (1, 2, 3)}


@pytest.mark.parametrize("min_cables", [1, 2, 3])
@pytest.mark.parametrize("name, kind, cables", NAMES, ids=[n for n, _k, _c in NAMES])
def test_a_name_has_a_page_when_enough_cables_name_it(example_docs, min_cables, name, kind, cables):
    docs = example_docs(min_cables)
    page = urls.entity(kind, name)
    row = docs.index_row(kind, name)
    assert row is not None, "every name is in the A–Z index of its type"
    if len(cables) >= min_cables:
        assert docs.has(page)
        assert docs.entity_page_cables(page) == cables
        assert [a["href"] for a in row.select("a")] == [urls.href(urls.entity_index(kind, letter(name)), page)]
    else:
        assert not docs.has(page)
        assert row.td.a is None, "the name itself is not a link"
        assert cables_linked(row) == cables, "its row links straight to its cables"


@pytest.mark.parametrize("min_cables", [1, 2])
def test_a_name_without_a_page_is_plain_text_on_its_cable(example_docs, min_cables):
    docs = example_docs(min_cables)
    cable = docs.soup(urls.cable("10LONDON205"))
    named = {e.get_text(): e.name for e in cable.select("dl.cable-entities .entity")}
    body = {a.get_text() for a in cable.select("div.cable-body a.entity")}
    assert "Strait of Gibraltar" in cable.select_one("div.cable-body").get_text()
    if min_cables == 1:  # today's site: every name is a link
        assert named["Gibraltar"] == "a" and "Gibraltar" in body
    else:
        assert named["Gibraltar"] == "span" and "Gibraltar" not in body
    assert named["Geoffrey Harrowgate"] == "a" and "Harrowgate" in " ".join(body)  # in three cables: linked


@pytest.mark.parametrize("min_cables", [2, 3])
def test_every_name_without_a_page_is_unlinked_on_its_cables(example_docs, example_archive, min_cables):
    docs = example_docs(min_cables)
    lonely = [i for i in example_archive[min_cables].entities.values() if len(i.cables) < min_cables]
    assert lonely
    for info in lonely:
        for cid in info.cables:
            cable = docs.soup(urls.cable(cid))
            href = urls.href(urls.cable(cid), info.key)
            assert info.name in [e.get_text() for e in cable.select("dl.cable-entities span.entity")], info.name
            assert not cable.select(f'a[href="{href}"]'), info.name


def _targets(docs: Docs, path: str) -> list[str]:
    """Every docs path a page links to (raw HTML hrefs and Markdown links), anchors and other hosts left out."""
    text = (docs.root / path).read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"#]+)', text) + re.findall(r"\]\(([^)#\s]+)", text)
    out = []
    for h in hrefs:
        if "://" in h or h.startswith(("mailto:", "/")):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), h))
        out.append(target[:-5] + ".md" if target.endswith(".html") else target)
    return out


@pytest.mark.parametrize("min_cables", [1, 2, 3])
def test_no_page_links_to_an_entity_page_not_generated(example_docs, example_archive, min_cables):
    docs = example_docs(min_cables)
    archive = example_archive[min_cables]
    # entity/<type>/<name>.md; `_` is in no slug, only in letter pages and in the later pages of a long listing
    generated = {p for p in docs.pages() if p.startswith("entity/") and p.count("/") == 2 and "_" not in p}
    expected = {k for k, i in archive.entities.items() if len(i.cables) >= min_cables}
    assert generated == expected and expected
    dangling = [(p, t) for p in docs.pages() for t in _targets(docs, p) if t.startswith("entity/") and not docs.has(t)]
    assert dangling == []


@pytest.mark.parametrize("min_cables", [1, 2, 3])
def test_entity_jobs_schedule_only_the_pages_built(example_docs, example_archive, min_cables):
    """N=1 is the site as it was (a page per name); a higher N schedules no job for a page it does not build."""
    archive, docs = example_archive[min_cables], example_docs(min_cables)
    scheduled = [k for chunk in render.entity_chunks(archive) for k in chunk]
    assert scheduled == [k for k in archive.entities if docs.has(k)]
    assert (len(scheduled) == len(archive.entities)) == (min_cables == 1)


def test_names_without_a_page_stay_searchable(example_docs, example_archive):
    docs = example_docs(2)
    records = {}
    for f in sorted((docs.root / urls.SEARCH_RECORDS).glob("*.jsonl")):
        for line in f.read_text(encoding="ascii").splitlines():
            rec = json.loads(line)
            records[rec["id"]] = rec
    lonely = [i for i in example_archive[2].entities.values() if len(i.cables) == 1]
    assert lonely
    for info in lonely:
        assert info.name in records[info.cables[0]]["key"], info.name


def test_the_overview_pages_say_which_names_have_a_page(example_docs):
    assert "Each has a page listing the cables" in (example_docs(1).root / urls.ENTITIES).read_text(encoding="utf-8")
    text = (example_docs(2).root / urls.ENTITIES).read_text(encoding="utf-8")
    assert "Each named in at least 2 cables has a page" in text
    people = (example_docs(2).root / urls.entity_type("PER")).read_text(encoding="utf-8")
    assert re.search(r"[0-9]+ names; the [0-9]+ named in at least 2 cables have a page of their own", people)
    assert "Gordon Pellham" in people and "Richard Galloway" not in people  # the most named: those with a page


def test_the_option_is_checked_on_the_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(EXAMPLES), "--docs", str(tmp_path),
                           "--quiet", "--entity-min-cables", "0"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2 and "--entity-min-cables" in done.stderr
    assert not (tmp_path / "entity").exists()


def test_real_cables(shared, tmp_path):
    """A few real cables: a page for each name in two or more of them, the others indexed with their cable."""
    src = tmp_path / "in"
    src.mkdir()
    for cid in REAL:
        shutil.copy(shared / "corpus" / "html" / f"{cid}.html", src)
    docs = generate([src], tmp_path / "docs", 2)
    cables, _skips = load([str(src)])
    archive = resolve(enrich(cables)[0])
    shared_names = [i for i in archive.entities.values() if len(i.cables) >= 2]
    lonely = [i for i in archive.entities.values() if len(i.cables) == 1]
    assert shared_names and lonely
    for info in shared_names:
        assert docs.entity_page_cables(info.key) == set(info.cables)
    for info in lonely:
        assert not docs.has(info.key)
        row = docs.index_row(info.type, info.name)
        assert row is not None and cables_linked(row) == set(info.cables), info.name
        cable = docs.soup(urls.cable(info.cables[0]))
        assert all(a["href"].split("#")[0] != urls.href(urls.cable(info.cables[0]), info.key)
                   for a in cable.select("a.entity")), info.name
    dangling = [(p, t) for p in docs.pages() for t in _targets(docs, p) if t.startswith("entity/") and not docs.has(t)]
    assert dangling == []


@pytest.mark.slow
def test_the_built_site_shows_a_lonely_name_with_its_cable(tmp_path_factory):
    site = built("examples", [EXAMPLES], tmp_path_factory)
    assert not site.html(urls.entity("LOC", "Gibraltar")).exists()
    cable = article(site.html(urls.cable("10LONDON205")))
    names = {e.get_text(): e.name for e in cable.select("dl.cable-entities .entity")}
    assert names["Gibraltar"] == "span"
    index = site.html(urls.entity_index("LOC", "G"))
    row = next(tr for tr in article(index).select("tbody tr") if tr.td.get_text() == "Gibraltar")
    (link,) = row.select("a")
    assert (index.parent / link["href"]).resolve() == site.html(urls.cable("10LONDON205")).resolve()
    pellham = article(site.html(urls.entity("PER", "Gordon Pellham")))
    assert {Path(a["href"]).stem for a in pellham.select("ul.entity-cables a")} == {"09STATE71533", "08STATE19406"}
