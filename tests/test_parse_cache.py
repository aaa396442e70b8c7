"""A rebuild takes the last build's parses (generator/cache.py) and gives the docs a clean build gives, byte for
byte: after an unchanged rebuild, an edited input, a cable whose year the archive decides, a damaged cache, a
change of code; `clean` removes the cache. The cables are the project's examples and telegrams written here in the
form of the examples' own (`examples/cables/text/09PARIS451.txt`)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import build as build_mod
from generator import cache as cache_mod
from generator import urls
from generator.cli import main as cli
from sitebuild import tree

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"



def build(src: Path, docs: Path) -> None:
    assert build_mod.build([str(src)], docs=str(docs), quiet=True, jobs=1) == 0


@pytest.fixture()
def parses(monkeypatch) -> list[str]:
    """The sources the build parses (rather than takes from the cache), in one process."""
    seen: list[str] = []
    real = build_mod.parse_one

    def counted(raw, hints):
        seen.append(raw.source)
        return real(raw, hints)

    monkeypatch.setattr(build_mod, "parse_one", counted)
    return seen


@pytest.fixture()
def examples(tmp_path) -> Path:
    src = tmp_path / "cables"
    shutil.copytree(EXAMPLES, src)
    return src


def clean_build(src: Path, tmp_path: Path, name: str = "clean") -> dict[str, bytes]:
    build(src, tmp_path / name)
    return tree(tmp_path / name)


def test_an_unchanged_rebuild_parses_only_the_cables_whose_year_the_archive_gives(examples, tmp_path, parses):
    docs = tmp_path / "docs"
    build(examples, docs)
    first = len(parses)
    parses.clear()
    build(examples, docs)
    # the two annotated body fragments of the examples state no date: their year is inferred, never kept
    assert sorted(Path(s).name for s in parses) == ["000_7f3c2e19d4b0a6e5.txt", "001_c41d9e07b2f35a88.txt"]
    assert first > 15
    assert tree(docs) == clean_build(examples, tmp_path)
    assert (docs / urls.PARSED).is_dir()


def test_an_edited_input_is_parsed_again_and_shows_what_it_now_says(examples, tmp_path, parses):
    docs = tmp_path / "docs"
    build(examples, docs)
    paris = examples / "text" / "09PARIS451.txt"
    paris.write_bytes(paris.read_bytes().replace(b"WANTS ", b"ASKS "))
    parses.clear()
    build(examples, docs)
    assert "text/09PARIS451.txt" in {s.split("cables/", 1)[1] for s in parses}
    assert "BURDEN-SHARING" in (docs / "cable" / "09PARIS451.md").read_text(encoding="utf-8")
    assert "ASKS BURDEN-SHARING" in (docs / "cable" / "09PARIS451.md").read_text(encoding="utf-8")
    assert tree(docs) == clean_build(examples, tmp_path)


def _telegram(serial: int, dtg: str, date_line: str, refs: str, body: str) -> str:
    """A MANAMA telegram in the examples' form; no DTG and no DECL date when `dtg` is empty (a body fragment)."""
    head = f"P {dtg}\nFM AMEMBASSY MANAMA\nTO RUEHC/SECSTATE WASHDC PRIORITY 1\n" if dtg else ""
    return (f"{head}UNCLAS MANAMA {serial:06d}\n\nSIPDIS\n\nE.O. 12958: {date_line}\nTAGS: PREL BA\n"
            f"SUBJECT: BAHRAIN: TEST CABLE {serial}\n\n{refs}1. (U) FICTIONAL CABLE WRITTEN FOR CABLE ARCHIVE. {body}\n")


def test_a_cable_whose_year_the_archive_gives_follows_the_archive(tmp_path, parses):
    """MANAMA 118 states no year; first a 2008 cable cites it (`MANAMA 118`: same year), then, in its place, a 2007
    cable (`07 MANAMA 118`). A kept parse would keep 2008; the rebuild must say 2007, as a clean build does."""
    src = tmp_path / "cables"
    src.mkdir()
    (src / "fragment.txt").write_text(_telegram(118, "", "N/A", "", "The minister met us."), encoding="utf-8")
    (src / "citing.txt").write_text(
        _telegram(200, "121602Z MAR 08", "DECL: 03/12/2018", "REF: MANAMA 118\n\n", "As reported."), encoding="utf-8")
    docs = tmp_path / "docs"
    build(src, docs)
    assert (docs / "cable" / "08MANAMA118.md").is_file()
    (src / "citing.txt").unlink()
    (src / "citing-2007.txt").write_text(
        _telegram(300, "121602Z MAR 07", "DECL: 03/12/2017", "REF: 07 MANAMA 118\n\n", "As reported."),
        encoding="utf-8")
    build(src, docs)
    assert (docs / "cable" / "07MANAMA118.md").is_file() and not (docs / "cable" / "08MANAMA118.md").exists()
    assert tree(docs) == clean_build(src, tmp_path)


def test_a_damaged_cache_is_parsed_again_and_stray_files_are_removed(examples, tmp_path, parses):
    docs = tmp_path / "docs"
    build(examples, docs)
    kept = sorted((docs / urls.PARSED).rglob("*.pickle"))
    assert len(kept) >= 15
    kept[0].write_bytes(kept[0].read_bytes()[:20])  # cut short, as by a full disk
    kept[1].write_bytes(b"not a pickle")
    (kept[2].parent / ".x.pickle.999.tmp").write_bytes(b"scratch of a killed build")
    (docs / urls.PARSED / "stray").write_bytes(b"")
    parses.clear()
    build(examples, docs)
    assert len(parses) == 4  # the two damaged entries and the two inferred years
    assert tree(docs) == clean_build(examples, tmp_path)


def test_a_change_of_code_or_data_is_a_new_key(tmp_path):
    code = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", code, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_mod.code_digest(code)
    assert cache_mod.code_digest(code) == before
    stations = code / "data" / "stations.tsv"
    stations.write_bytes(stations.read_bytes() + b"\n")
    assert cache_mod.code_digest(code) != before


def test_clean_removes_the_cache(examples, tmp_path):
    docs = tmp_path / "docs"
    build(examples, docs)
    assert cli(["clean", "--docs", str(docs)]) == 0
    assert not (docs / urls.PARSED).exists()
