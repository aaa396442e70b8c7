"""Bad input: one clear line per input (file, what, where), the build goes on, the report says what became of it.

Inputs: tests/fixtures/bad/ and two 50 MB files made at run time (see tests/badinput.py).
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import badinput
from badinput import BAD, MB, csv_row
from generator.readers import RawCable, Skip, read_path
from sitebuild import article

# input (relative to fixtures/bad), what the line and the report say about it
SKIPPED = [
    ("empty.txt", "empty file"),
    ("photo.jpg", "binary file, not text (3022 bytes)"),
    ("truncated.html", "truncated HTML page: the cable text is cut short"),
    ("not-a-cable.html", "HTML page without a cable"),
    ("broken-row.csv#2", "broken CSV row: 9 fields, expected 8"),
]


def words(node) -> str:
    """Visible text, whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return badinput.site(tmp_path_factory)


@pytest.fixture(scope="module")
def report(site) -> dict:
    return json.loads((site.site / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report_rows(site) -> dict[str, str]:
    """Skipped inputs as the report page shows them: input -> why."""
    soup = article(site.site / "report.html")
    table = next(h for h in soup.select("h2") if words(h).startswith("Skipped inputs")).find_next("table")
    return {words(tr.select("td")[0]): words(tr.select("td")[1]) for tr in table.select("tbody tr")}


@pytest.mark.slow
@pytest.mark.parametrize("name,reason", SKIPPED, ids=[s[0] for s in SKIPPED])
def test_bad_input_gets_one_line_and_a_report_entry(site, report, report_rows, name, reason):
    src = f"bad/{name}"  # inputs are named relative to the folder given, under its name
    lines = [line for line in site.generator_log.splitlines() if line.startswith(f"{src}: ")]
    assert len(lines) == 1 and lines[0].startswith(f"{src}: skipped: {reason}"), lines
    (entry,) = [i for i in report["inputs"] if i["source"] == src]
    assert entry["status"] == "skipped" and entry["reason"].startswith(reason)
    assert entry["file"] == f"bad/{name.split('#')[0]}"
    assert report_rows[src].startswith(reason)


@pytest.mark.slow
def test_a_broken_csv_row_costs_only_that_row(site, report):
    rows = {i["row"]: i for i in report["inputs"] if i["file"] == "bad/broken-row.csv"}
    assert {n: (r["status"], r.get("id")) for n, r in rows.items()} == {
        1: ("cable", "10ROME330"), 2: ("skipped", None), 3: ("cable", "10ROME332")}
    page = article(site.html("cable/10ROME332.md"))
    assert "Row three reads although row two is broken." in words(page.select_one("div.cable-body"))


@pytest.mark.slow
def test_undecodable_bytes_are_replaced_and_reported(site, report):
    body = words(article(site.html("cable/10ROME340.md")).select_one("div.cable-body"))
    assert "The café owner (cp1252 e-acute) said BAD1[\ufffd] and BAD2[\ufffd] are bytes" in body
    note = "undecodable byte 0x81 at offset 380 (and 1 more) replaced by U+FFFD"
    assert {"cable": "10ROME340", "source": "bad/undecodable.txt", "warning": note} in report["warnings"]
    soup = article(site.site / "report.html")
    table = next(h for h in soup.select("h2") if words(h).startswith("Parser warnings")).find_next("table")
    assert ["10ROME340", "bad/undecodable.txt", note] in [[words(td) for td in tr.select("td")]
                                                                 for tr in table.select("tbody tr")]


@pytest.mark.slow
def test_one_damaged_byte_in_utf8_keeps_the_other_accents(site, report):
    body = words(article(site.html("cable/10ROME341.md")).select_one("div.cable-body"))
    assert "Minister Niccolò Ferrà met the Préfet; one damaged byte here [\ufffd] must not" in body
    assert any(w["cable"] == "10ROME341" and w["warning"].startswith("invalid UTF-8 byte 0xff at offset")
               for w in report["warnings"])


@pytest.mark.slow
def test_a_50_mb_csv_row_is_skipped_and_the_rows_around_it_read(site, report, tmp_path_factory):
    dump = badinput.sources(tmp_path_factory)[-1] / "big-dump.csv"
    assert dump.stat().st_size > 50 * MB
    name = f"{dump.parent.name}/{dump.name}"
    rows = {i["row"]: i for i in report["inputs"] if i["file"] == name}
    assert rows[1]["id"] == "10ROME370" and rows[3]["id"] == "10ROME372"
    assert rows[2]["status"] == "skipped" and rows[2]["reason"].startswith("CSV row too large (524")
    assert f"{name}#2: skipped: CSV row too large" in site.generator_log
    body = words(article(site.html("cable/10ROME372.md")).select_one("div.cable-body"))
    assert "Read after the huge row." in body


@pytest.mark.slow
def test_a_50_mb_file_that_is_no_dump_is_skipped_unread(site, report, tmp_path_factory):
    log = badinput.sources(tmp_path_factory)[-1] / "huge-log.txt"
    name = f"{log.parent.name}/{log.name}"
    (entry,) = [i for i in report["inputs"] if i["file"] == name]
    assert entry["status"] == "skipped" and entry["reason"].startswith("file too large for one cable (524")
    assert f"{name}: skipped: file too large for one cable" in site.generator_log


def test_a_50_mb_dump_is_streamed_in_bounded_memory(tmp_path):
    """A 50 MB dump of 12,000 rows is read holding one row: the peak memory grows by far less than the file."""
    dump = tmp_path / "cables.csv"
    row = csv_row(1, 1, "ROW", "Filler. " * 500)
    n = 50 * MB // len(row) + 1
    with dump.open("w", encoding="utf-8") as f:
        for i in range(1, n + 1):
            f.write(row.replace('"1","3/11/2010', f'"{i}","3/11/2010', 1))
    script = textwrap.dedent(f"""
        import resource
        from generator.readers import RawCable, read_path
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rows = sum(isinstance(x, RawCable) for x in read_path([{str(dump)!r}]))
        print(rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    rows, grown_kb = map(int, out.split())
    print(f"50 MB dump: {rows} rows read, peak memory grew by {grown_kb / 1024:.1f} MB")
    assert rows == n
    assert grown_kb < 20 * 1024  # the file is 50 MB; reading it whole would grow memory by more than that


def test_a_reader_that_fails_costs_only_its_input(tmp_path, monkeypatch):
    import generator.readers as readers

    def broken(text, src, note=None):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    (tmp_path / "a.txt").write_text("some text", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><code><pre>x</pre></code></html>", encoding="utf-8")
    monkeypatch.setattr(readers, "read_text", broken)
    items = list(read_path([tmp_path]))
    assert items[0] == Skip(f"{tmp_path.name}/a.txt", "reader error: RuntimeError: boom")
    assert isinstance(items[1], (RawCable, Skip)) and items[1].source == f"{tmp_path.name}/b.html"


def test_a_file_that_cannot_be_opened_is_one_skip(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (item,) = read_path([tmp_path])
    assert item == Skip(f"{tmp_path.name}/gone.txt", "broken symbolic link")


def test_dotfiles_are_read_and_hidden_folders_left_out(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (tmp_path / ".notes.txt").write_text("Call the plumber.\n", encoding="utf-8")
    (item,) = read_path([tmp_path])
    assert item.source == f"{tmp_path.name}/.notes.txt" and item.reason.startswith("not a cable")
