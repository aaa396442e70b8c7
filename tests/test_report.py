"""The build report: every input and what became of it, in report.json and on pages of at most ~1,000 links."""
from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

import badinput
from badinput import BAD, HOSTILE, VERSIONS
from generator import urls
from generator.readers import Skip
from generator.record import Cable, Reference
from generator import report as report_data
from generator.render import report
from generator.render.text import md
from generator.resolve import resolve
from sitebuild import ROOT, article, run

EXAMPLES = ROOT / "examples" / "cables"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def words(node) -> str:
    """Visible text, whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


def walk(folders: list[Path]) -> set[str]:
    """Every file under the folders, found independently of the readers (hidden folders such as .git left out)."""
    found = set()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found |= {f"{folder.name}/{(Path(root) / f).relative_to(folder).as_posix()}" for f in files}
    return found


def generate(sources: list[Path], docs: Path) -> dict:
    """Run the generator (no mkdocs) and return its report.json."""
    run([sys.executable, "-m", "generator", "build", *map(str, sources), "--docs", str(docs), "--quiet"])
    return json.loads((docs / "report.json").read_text(encoding="utf-8"))


def check_every_input(data: dict, folders: list[Path]) -> None:
    """Each file under the folders is in the report (a CSV dump by rows 1..n), and nothing else is."""
    files = walk(folders)
    assert {i["file"] for i in data["inputs"]} == files
    by_file: dict[str, list] = {}
    for i in data["inputs"]:
        by_file.setdefault(i["file"], []).append(i["row"])
    for f, rows in by_file.items():
        assert rows == [None] or rows == list(range(1, len(rows) + 1)), f
    s = data["summary"]
    assert s["inputs"] == len(data["inputs"]) and s["files"] == len(files)
    status = [i["status"] for i in data["inputs"]]
    assert status.count("cable") == s["cables"] and status.count("skipped") == s["skipped"]
    assert status.count("duplicate") == s["duplicates"] == s["versions"] + s["copies"]


@pytest.mark.slow
def test_every_input_of_the_examples_and_fixtures_is_in_the_report(tmp_path):
    folders = [EXAMPLES, BAD, HOSTILE, VERSIONS]
    data = generate(folders, tmp_path / "docs")
    check_every_input(data, folders)
    assert data["summary"]["cables"] == 18 + 10  # the examples, and the fixtures' cables


@pytest.mark.slow
def test_every_input_of_the_corpus_and_fixtures_is_in_the_report(shared, tmp_path):
    folders = [shared / "corpus", shared / "seeds", BAD, HOSTILE, VERSIONS]
    data = generate(folders, tmp_path / "docs")
    check_every_input(data, folders)
    print(f"report: {data['summary']}")
    assert data["summary"]["files"] > 340


@pytest.mark.slow
def test_strict_fails_the_build_when_anything_was_skipped(tmp_path):
    cmd = [sys.executable, "-m", "generator", "build", "--strict", "--quiet"]
    bad = subprocess.run([*cmd, str(BAD), "--docs", str(tmp_path / "a")], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "bad/photo.jpg: skipped: binary file, not text (3022 bytes)" in bad.stderr.splitlines()
    assert (tmp_path / "a" / "report.json").is_file()  # the site is still written
    fine = subprocess.run([*cmd, str(VERSIONS), "--docs", str(tmp_path / "b")], cwd=ROOT, capture_output=True, text=True)
    assert fine.returncode == 0 and fine.stderr == ""


def _archive(n_cables: int, n_skips: int) -> dict:
    """Report data of a synthetic archive: each cable with two REFs that are not cables, an unknown tag and an
    inferred date; `n_skips` inputs that held no cable."""
    cables = [Cable(id=f"09STATE{i}", source=f"in/{i:05d}.txt", format="text", date_inferred=True, tags=(f"ZQ{i}",),
                    references=(Reference("A", f"EMAIL {i}", None), Reference("B", f"TELCON {i}", None)))
              for i in range(1, n_cables + 1)]
    skips = [Skip(f"junk/{i:05d}.bin", "binary file, not text (9 bytes)") for i in range(n_skips)]
    return report_data.collect(cables, skips, resolve(cables), [])


def test_report_pages_stay_within_a_thousand_links():
    data = _archive(1200, 2500)
    pages = dict(report.pages(data))
    assert json.loads(pages[urls.REPORT_JSON])["summary"]["inputs"] == 3700
    assert sorted(p for p in pages if p.startswith("report/")) == sorted(
        ["report/inputs.md", "report/inputs_2.md", "report/inputs_3.md", "report/inputs_4.md",
         "report/skipped.md", "report/skipped_2.md", "report/skipped_3.md",
         "report/references-not-cables.md", "report/references-not-cables_2.md",
         "report/references-not-cables_3.md", "report/unknown-tags.md", "report/unknown-tags_2.md",
         "report/inferred-dates.md", "report/inferred-dates_2.md"])
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        links = LINK.findall(text)
        assert len(links) <= 1020, (path, len(links))
        for target in links:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target.split("#")[0]))
            assert resolved in pages or urls.is_generated(resolved) and not resolved.startswith("report"), target
    main = pages[urls.REPORT]
    assert len(LINK.findall(main)) < 100
    assert "3,700 inputs read from 3,700 files" in main
    assert "2,500 entries, listed on 3 pages: [Skipped inputs](report/skipped.md)" in main
    assert "| junk/02499\\.bin | binary file, not text \\(9 bytes\\) |" in pages["report/skipped_3.md"]


def test_a_huge_archive_lists_its_inputs_in_report_json_only():
    data = _archive(10, report.INPUT_PAGES * report.PER_PAGE)
    pages = dict(report.pages(data))
    assert not [p for p in pages if p.startswith("report/inputs")]
    assert "20,010 inputs: too many to list on pages; [report.json](report.json) lists every one." in pages[urls.REPORT]
    assert len(json.loads(pages[urls.REPORT_JSON])["inputs"]) == 20010


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return badinput.site(tmp_path_factory)


@pytest.mark.slow
def test_report_page_lists_every_input_of_a_small_archive(site):
    data = json.loads((site.site / "report.json").read_text(encoding="utf-8"))
    soup = article(site.site / "report.html")
    table = next(h for h in soup.select("h2") if words(h).startswith("Every input")).find_next("table")
    shown = {words(tr.td): " ".join(tr.select("td")[1].get_text().split()) for tr in table.select("tbody tr")}
    assert set(shown) == {i["source"] for i in data["inputs"]}
    assert shown["bad/empty.txt"] == "skipped: empty file"
    assert shown["versions/copy-c/10ROME360.txt"] == (
        "a copy (same text) of 10ROME360, kept on its page; shown from versions/copy-a/10ROME360.html; "
        "date inferred")  # a text file of the body alone states no date
    assert shown["bad/undecodable.txt"] == "cable 10ROME340 (text); 1 warning"
    folders = {words(tr.td): [words(td) for td in tr.select("td")[1:]]
               for tr in next(h for h in soup.select("h2") if words(h).startswith("Inputs by folder"))
               .find_next("table").select("tbody tr")}
    assert folders["bad"] == ["9", "4", "0", "5"]  # inputs, cables, other versions and copies, skipped
    home = article(site.site / "index.html")
    assert home.select_one('a[href="report.html"]')


# The report lists what the parser warned of: an impossible date (made-up CSV rows of the dump's shape).
REPORTED_ROWS = [
    ("30 February", '"1","2/30/2010 25:61","10ROME1","Embassy","UNCLASSIFIED","","",'
     '"UNCLASSIFIED ROME 000001\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n1. (U) FICTIONAL.\n"\n',
     "the CSV row's date '2/30/2010 25:61' is no real day; it is not used"),
    ("the year 9999", '"1","12/31/9999 0:00","10ROME2","Embassy","UNCLASSIFIED","","",'
     '"UNCLASSIFIED ROME 000002\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n1. (U) FICTIONAL.\n"\n',
     "the CSV row's date '12/31/9999 0:00' is outside the cables' years (1966-2010); it is not used"),
]


@pytest.mark.parametrize("row,text,warning", REPORTED_ROWS, ids=[r[0] for r in REPORTED_ROWS])
def test_the_report_lists_an_impossible_date(tmp_path, row, text, warning):
    from generator.reference import load
    path = tmp_path / "cables.csv"
    path.write_text(text, encoding="utf-8")
    cables, skips = load([str(path)])
    data = report_data.collect(cables, skips, resolve(cables), [])
    assert {"cable": cables[0].id, "source": f"{path.name}#1", "warning": warning} in data["warnings"]
    assert data["summary"]["warnings"] >= 1
    page = "\n".join(text for _p, text in report.pages(data))
    assert md(warning) in page  # the Parser warnings table of report.md
