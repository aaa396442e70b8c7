"""The file:// search index of the example archive: what a query can find, by filter and by ID."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import ids
from generator.reference import load
from generator.record import Cable, Paragraph
from generator.search import build, encode, offline, page_template
from generator.search.records import documents
from generator.search.text import terms

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"


@pytest.fixture(scope="session")
def example_cables() -> list[Cable]:
    cables, _ = load([str(EXAMPLES)])
    return cables


@pytest.fixture(scope="session")
def index(tmp_path_factory, example_cables) -> Path:
    """The example archive's file:// index, written into an empty site (no Pagefind: that is for http)."""
    site = tmp_path_factory.mktemp("search-index")
    (site / "cable").mkdir()
    (site / "cable" / "07STATE164220.html").write_text("cited, not in the archive", encoding="utf-8")
    build(site, example_cables, with_pagefind=False)
    return site / "search"


def data(index: Path, name: str):
    return offline.read(index / name)[2]


def docs_by_number(index: Path) -> list[dict]:
    man = data(index, "index.js")
    return [data(index, offline.doc_path(man["docDir"], n)) for n in range(man["docs"])]


def lookup(index: Path, term: str) -> set[str]:
    """IDs of the cables whose postings hold `term`, found the way search.js finds them (chunk by first term)."""
    man = data(index, "index.js")
    firsts = man["terms"]["firsts"]
    k = max(i for i, f in enumerate(firsts) if f <= term)
    posts = data(index, f"{man['terms']['dir']}/{k}.js").get(term, "")
    ids, doc = [], -1
    for v in encode.decode(posts):
        doc += (v >> 3) + 1
        ids.append(doc)
    docs = docs_by_number(index)
    return {docs[n]["id"] for n in ids}


def expected() -> dict[str, dict]:
    out = {}
    for items in json.loads((ROOT / "examples" / "expected.json").read_text(encoding="utf-8")).values():
        for c in items:
            out[c["id"]] = c
    return out


def test_every_cable_has_one_doc_in_date_order(index):
    docs = docs_by_number(index)
    assert sorted(d["id"] for d in docs) == sorted(expected())
    assert [d["date"] for d in docs] == sorted(d["date"] for d in docs)
    assert all(d["url"] == f"cable/{d['id']}.html" for d in docs)


@pytest.mark.parametrize("word", ["cesium", "misrata", "gibraltar", "workshop"])
def test_a_word_finds_exactly_the_cables_that_say_it(index, example_cables, word):
    pattern = re.compile(rf"\b{word}\b", re.I)
    said = {c.id for c in example_cables
            if pattern.search(c.subject or "") or any(pattern.search(p.text) for p in c.paragraphs)}
    assert said, f"no example cable says {word!r}"
    assert lookup(index, word) == said


def test_an_id_finds_the_cable_and_the_cables_citing_it(index, example_cables):
    citing = {c.id for c in example_cables if any(r.id == "08STATE19406" for r in c.references)}
    assert lookup(index, "08state19406") == citing | {"08STATE19406"}


def members(index: Path, field: str, value: str) -> set[str]:
    """IDs of the cables the index files under one filter value (whole-field file or one file per value)."""
    facets = data(index, "index.js")["facets"]
    facet = facets["fields"][field]
    k = facet["values"].index(value)
    if "whole" in facet:
        text = data(index, f"{facets['dir']}/{facet['whole']}.js")[k]
    else:
        text = data(index, f"{facets['dir']}/{facet['first'] + k}.js")
    docs, ns, prev = docs_by_number(index), [], -1
    for g in encode.decode(text):
        prev += g + 1
        ns.append(prev)
    assert len(ns) == facet["counts"][k]
    return {docs[n]["id"] for n in ns}


def test_year_origin_classification_and_tag_filters_match_the_oracle(index):
    oracle = expected()
    assert members(index, "year", "2009") == {i for i, c in oracle.items() if c["year"] == 2009}
    assert members(index, "origin", "TRIPOLI") == {i for i, c in oracle.items() if c["origin"] == "TRIPOLI"}
    assert members(index, "classification", "SECRET") == {
        i for i, c in oracle.items() if c["classification"] == "SECRET"}
    assert members(index, "tag", "PTER") == {i for i, c in oracle.items() if "PTER" in c["tags"]}


def write_offline(out: Path, cables, **options) -> dict[str, str]:
    """The file:// index alone, with non-default sizes; returns the ID -> page table it was given."""
    docs = documents(cables)
    pages = {d.id: d.url for d in docs}
    offline.write(out, docs, pages, page_template(), station_aliases=ids.STATION_ALIASES, **options)
    return pages


def test_a_field_too_big_for_one_file_is_split_by_value(index, tmp_path, example_cables):
    write_offline(tmp_path, example_cables, field_budget=10)
    whole, split = (data(i, "index.js")["facets"]["fields"]["tag"] for i in (index, tmp_path))
    assert "whole" in whole and "first" in split and split["counts"] == whole["counts"]
    assert members(tmp_path, "tag", "PTER") == members(index, "tag", "PTER")


def page_of(index: Path, cable_id: str):
    """The page the ID jump finds for an ID, the way search.js looks it up (chunk by first ID), or None."""
    man = data(index, "index.js")
    candidates = [i for i, first in enumerate(man["ids"]["firsts"]) if first <= cable_id]
    if not candidates:
        return None
    table = data(index, f"{man['ids']['dir']}/{max(candidates)}.js")
    if cable_id not in table:
        return None
    return man["page"].replace("{id}", cable_id) if table[cable_id] == 0 else table[cable_id]


def test_id_lookup_covers_archive_and_cited_pages(index):
    man = data(index, "index.js")
    assert page_of(index, "08STATE19406") == "cable/08STATE19406.html"
    assert page_of(index, "07STATE164220") == "cable/07STATE164220.html"  # cited, not in the archive: has a page
    assert page_of(index, "07STATE164221") is None and page_of(index, "00AAA1") is None
    assert man["stations"]["SECSTATE"] == "STATE"


def test_id_chunks_split_a_long_list(tmp_path, example_cables):
    pages = write_offline(tmp_path, example_cables, ids_per_chunk=4)
    assert len(data(tmp_path, "index.js")["ids"]["firsts"]) == (len(pages) + 3) // 4
    assert all(page_of(tmp_path, cid) == url for cid, url in pages.items())


def test_terms_are_those_the_browser_would_ask_for(index):
    man = data(index, "index.js")
    firsts = man["terms"]["firsts"]
    assert firsts == sorted(firsts)
    assert terms("Agency’s CESIUM-137, Café") == ["agency", "cesium", "137", "cafe"]
    assert "the" not in terms("the source") and set(man["stopwords"]) >= {"the", "of", "and"}


def test_hostile_text_is_stored_as_data(tmp_path):
    evil = '</script><img src=x onerror=alert(1)> "quoted" \\ \u2028 end'
    cable = Cable(id="09ROME1", source="x", format="text", date="2009-01-02", subject=evil,
                  paragraphs=(Paragraph(1, None, None, evil),))
    build(tmp_path, [cable], with_pagefind=False)
    path = tmp_path / "search" / offline.doc_path(data(tmp_path / "search", "index.js")["docDir"], 0)
    doc = data(tmp_path / "search", path.relative_to(tmp_path / "search").as_posix())
    assert doc["subject"] == evil and evil in doc["body"]
    assert path.read_bytes().isascii()


def test_same_input_same_bytes(tmp_path, example_cables):
    for name in ("a", "b"):
        build(tmp_path / name, example_cables, with_pagefind=False)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_a_changed_archive_gets_new_folders(tmp_path, example_cables):
    """Folders are named by their content: a browser holding the old manifest never reads new files."""
    build(tmp_path / "all", example_cables, with_pagefind=False)
    build(tmp_path / "fewer", example_cables[1:], with_pagefind=False)
    old, new = (data(tmp_path / name / "search", "index.js") for name in ("all", "fewer"))
    assert old["docDir"] != new["docDir"] and old["terms"]["dir"] != new["terms"]["dir"]
    assert not (tmp_path / "fewer" / "search" / old["docDir"]).exists()
