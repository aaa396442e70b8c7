"""The search step reads the records the build wrote (docs/.search/) and writes the same index as from the sources."""
from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from generator import resolve, urls
from generator.reference import load
from generator.record import Cable
from generator.search import build, build_from_records
from generator.search.records import RecordsError, chunk_records, documents, read_records, records_paths

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"
CITED = "07STATE164220"  # cited by the examples, not in them: its page is found in the built site


def write_records(docs: Path, cables: list[Cable], size: int, shuffle: bool = False) -> None:
    """What the build does: archive cables in chunks (newest first, or in no order: the build writes a chunk
    per stretch of its inputs), one records file per chunk."""
    kept, _dups, others = resolve.versions(list(cables))
    kept.sort(key=resolve.sort_key, reverse=True)
    if shuffle:
        random.Random(4).shuffle(kept)
    meanings = {t: resolve.tag_info(t).meaning or "" for c in kept for t in c.tags}
    for n, i in enumerate(range(0, len(kept), size), 1):
        path = docs / urls.search_records(n)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(chunk_records(kept[i:i + size], meanings, others), encoding="utf-8")


def site(root: Path) -> Path:
    """An empty built site with one cable page (of a cited cable missing from the archive)."""
    (root / "cable").mkdir(parents=True)
    (root / "cable" / f"{CITED}.html").write_text("cited, not in the archive", encoding="utf-8")
    (root / "index.html").write_text("home", encoding="utf-8")
    return root


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> digest of every file under folder."""
    return {f.relative_to(folder).as_posix(): hashlib.sha1(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def example_cables() -> list[Cable]:
    return load([str(EXAMPLES)])[0]


def test_records_give_the_same_index_bytes_as_the_sources(tmp_path, example_cables):
    build(site(tmp_path / "old"), example_cables)
    write_records(tmp_path / "docs", example_cables, size=3)
    report = build_from_records(site(tmp_path / "new"), tmp_path / "docs")
    old, new = tree(tmp_path / "old" / "search"), tree(tmp_path / "new" / "search")
    assert report.docs == len({c.id for c in example_cables}) and len(new) > report.docs
    assert new == old


@pytest.mark.slow
def test_corpus_records_give_the_same_index_bytes(tmp_path, shared):
    cables, _skips = load([str(shared / "corpus")])
    assert len(cables) > 300
    build(site(tmp_path / "old"), cables)
    write_records(tmp_path / "docs", cables, size=40)
    build_from_records(site(tmp_path / "new"), tmp_path / "docs")
    assert tree(tmp_path / "new" / "search") == tree(tmp_path / "old" / "search")


def test_records_read_back_in_archive_order_whatever_the_chunk_numbers(tmp_path, example_cables):
    write_records(tmp_path, example_cables, size=4)  # chunk 1 holds the newest cables
    assert [r.doc for r in read_records(tmp_path)] == documents(example_cables)
    assert len(records_paths(tmp_path)) == len(list((tmp_path / urls.SEARCH_RECORDS).iterdir())) > 1


def test_records_of_chunks_that_overlap_in_time_read_back_in_archive_order(tmp_path, example_cables):
    write_records(tmp_path, example_cables, size=4, shuffle=True)
    firsts = [next(read_records_file(p)) for p in records_paths(tmp_path)]
    assert firsts != sorted(firsts)  # the chunks do overlap
    assert [r.doc for r in read_records(tmp_path)] == documents(example_cables)


def read_records_file(path: Path):
    """The sort keys of one records file, as written."""
    for line in path.read_text(encoding="ascii").splitlines():
        yield tuple(json.loads(line)["order"])


def test_chunk_records_is_deterministic_ascii_json_lines(example_cables):
    meanings = {"PTER": "Terrorists and Terrorism"}
    text = chunk_records(example_cables, meanings)
    assert text == chunk_records(list(reversed(example_cables)), meanings)
    assert text.isascii() and text.endswith("\n") and len(text.splitlines()) == len(example_cables)


def test_a_stale_chunk_is_refused_not_indexed_twice(tmp_path, example_cables):
    write_records(tmp_path, example_cables, size=4)
    first = tmp_path / urls.search_records(1)
    (tmp_path / urls.search_records(99)).write_bytes(first.read_bytes())  # left over by an earlier build
    with pytest.raises(RecordsError, match="is repeated"):
        list(read_records(tmp_path))


def test_records_folder_is_generated_and_not_published(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    path = urls.search_records(1)
    assert path == ".search/records-00001.jsonl" and urls.is_generated(path)
    (tmp_path / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / path).parent.mkdir()
    (tmp_path / path).write_text("{}\n", encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path))
    published = {f.src_uri for f in get_files(config) if f.inclusion.is_included()}
    assert "index.md" in published and path not in published


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_search_command_reads_records_and_ignores_sources(tmp_path, example_cables):
    root = site(tmp_path / "site")
    write_records(tmp_path / "docs", example_cables, size=5)
    done = run("search", str(root), str(tmp_path / "no-such-source"), "--docs", str(tmp_path / "docs"))
    assert done.returncode == 0, done.stderr
    assert "SRC arguments are not needed" in done.stderr and f"search: {len(example_cables)} cables" in done.stderr
    assert (root / "search" / "index.js").is_file()


def test_search_command_without_records_says_so(tmp_path):
    done = run("search", str(site(tmp_path / "site")), "--docs", str(tmp_path / "docs"))
    assert done.returncode == 2 and "no records" in done.stderr and "run the build first" in done.stderr


def test_search_help_names_docs_and_the_records():
    done = run("search", "--help")
    assert done.returncode == 0
    for text in ("--docs", "--pagefind", "search records", "no source is parsed again"):
        assert text in " ".join(done.stdout.split()), text


@pytest.mark.parametrize("path", ["corpus-2010/html/09LONDON1946.html", "corpus/html/09BERN351.html",
                                  "corpus/html/08MANAMA49.html"])
def test_a_real_cable_is_indexed_with_its_caveats_and_paragraph_anchors(shared, path):
    """A result opens at the paragraph that matched: each anchor is the page's (body.paragraph_ids) and starts its
    paragraph (or its heading) in the body, in the offsets the browser counts; the caveats, from the header, are
    terms (09LONDON1946 is NOFORN, the others SIPDIS)."""
    from generator.render.body import paragraph_ids
    from generator.search.records import to_doc
    from generator.search.text import terms

    (cable,), _skips = load([str(shared / path)])
    doc = to_doc(cable, {})
    assert [pid for _at, pid in doc.anchors] == paragraph_ids(cable.paragraphs)
    units = doc.body.encode("utf-16-le")
    for (at, _pid), p in zip(doc.anchors, cable.paragraphs):
        start = units[2 * at:].decode("utf-16-le")
        assert start.startswith(p.heading or (f"{p.number}. " if p.number is not None else p.text[:20]))
    assert cable.caveats and all(w in terms(doc.key) for cav in cable.caveats for w in terms(cav))


def test_records_carry_the_entities_spellings(tmp_path, example_cables):
    write_records(tmp_path / "docs", example_cables, size=4)
    recs = list(read_records(tmp_path / "docs"))
    by_id = {c.id: c for c in example_cables}
    for r in recs:
        assert [list(n) for n in r.names] == [[e.type, e.name, *e.aliases] for e in by_id[r.doc.id].entities]
    assert any(len(n) > 2 for r in recs for n in r.names)  # some entity has another spelling
