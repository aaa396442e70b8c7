"""Readers: each input format read by content, encodings and line ends, and one Skip per input that is no cable.

Fixtures are written here for the project (fictional cables), never copied from ../shared.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.parse import parse
from generator.readers import RawCable, Skip, read_path

CABLE = """\
P 071523Z MAR 08
FM AMEMBASSY LONDON
TO RUEHC/SECSTATE WASHDC PRIORITY 7788
CONFIDENTIAL LONDON 001187

SIPDIS

E.O. 12958: DECL: 03/07/2018
TAGS: KNNP, PREL, UK
SUBJECT: FIXTURE CABLE FOR THE READER TESTS

1. (C) A fictional paragraph with the Agency’s café and ¶ marks.

2. (U) Second paragraph.

VANCE
"""


def _read(path: Path) -> list[RawCable | Skip]:
    return list(read_path([path]))


def _row(n: int, cid: str, content: str, header: str = "P 071523Z MAR 08") -> str:
    return f'"{n}","3/7/2008 15:23","{cid}","Embassy London","CONFIDENTIAL","","{header}","{content}"\n'


def test_csv_broken_row_costs_only_that_row(tmp_path):
    good = CABLE.replace('"', '\\"')
    broken = '"2","3/8/2008 9:00","08LONDON1188","Embassy London","CONFIDENTIAL","","hdr","unclosed \\"quote\n'
    broken += '"and","a","stray","line"\n'
    short = '"3","3/9/2008 9:00","08LONDON1189","Embassy London"\n'
    path = tmp_path / "dump.csv"
    path.write_text(_row(1, "08LONDON1187", good) + broken + short + _row(4, "08LONDON1190", good), encoding="utf-8")
    items = _read(path)
    cables = [i for i in items if isinstance(i, RawCable)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert [c.meta["id"] for c in cables] == ["08LONDON1187", "08LONDON1190"]
    assert [c.source for c in cables] == ["dump.csv#1", "dump.csv#4"]  # a file given is named by its name
    assert [s.source for s in skips] == ["dump.csv#2", "dump.csv#3"]
    assert all(s.reason.startswith("broken CSV row") for s in skips)
    record = parse(cables[1])
    assert (record.id, record.date, record.time, record.signer) == ("08LONDON1190", "2008-03-07", "15:23", "VANCE")


def test_csv_mysql_escapes_and_fields_over_lines(tmp_path):
    content = CABLE.replace("A fictional paragraph", 'A \\"quoted\\" and HMG\\\'s fictional paragraph')
    path = tmp_path / "one.csv"
    path.write_text(_row(1, "08LONDON1187", content), encoding="utf-8")
    (raw,) = _read(path)
    assert "A \"quoted\" and HMG's fictional paragraph" in raw.text
    assert raw.header == "P 071523Z MAR 08"


@pytest.mark.parametrize("encoding,newline", [("utf-8", "\n"), ("cp1252", "\r\n"), ("utf-8-sig", "\r\n")])
def test_encodings_and_line_ends(tmp_path, encoding, newline):
    path = tmp_path / "cable.txt"
    path.write_bytes(CABLE.replace("\n", newline).encode(encoding))
    (raw,) = _read(path)
    assert "\r" not in raw.text and "\ufeff" not in raw.text
    assert "Agency’s café and ¶ marks" in raw.text
    assert raw.notes == ()
    c = parse(raw)
    assert (c.id, c.date, c.subject) == ("08LONDON1187", "2008-03-07", "FIXTURE CABLE FOR THE READER TESTS")
    assert [p.number for p in c.paragraphs] == [1, 2]


def test_undecodable_bytes_are_noted_not_fatal(tmp_path):
    path = tmp_path / "cable.txt"
    path.write_bytes(CABLE.encode("cp1252").replace(b"caf\xe9", b"caf\x81"))  # 0x81: no character in cp1252
    (raw,) = _read(path)
    assert isinstance(raw, RawCable)
    assert any("undecodable byte 0x81" in n for n in raw.notes)
    assert parse(raw).warnings == raw.notes


PAGE = """<!DOCTYPE html>
<html><head><title>Cable 08LONDON1187</title></head><body>
<table class='cable'>
<tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th><th>Origin</th></tr>
<tr><td><a href='/cable/2008/03/08LONDON1187.html'>08LONDON1187</a></td>
<td><a href='/date/2008-03_0.html'>2008-03-07 15:23</a></td>
<td><a href='/reldate/2011-02-18_0.html'>2011-02-18 21:09</a></td>
<td><a href='/classification/3_0.html' title='confidential'>CONFIDENTIAL</a></td>
<td><a href='/origin/74_0.html'>Embassy London</a></td></tr>
</table>
<code><pre>P 071523Z MAR 08&#x000A;FM AMEMBASSY LONDON&#x000A;TO RUEHC/SECSTATE WASHDC PRIORITY 7788</pre></code>
<code><pre>CONFIDENTIAL LONDON 001187 &#x000A; &#x000A;SIPDIS &#x000A;E.O. 12958: DECL: 03/07/2018 &#x000A;TAGS: \
<a href='/tag/KNNP_0.html'>KNNP</a> <a href='/tag/UK_0.html'>UK</a>&#x000A;SUBJECT: AT&amp;T, R&D &amp; HMG&#39;S \
&quot;OFFER&quot; &#x000A; &#x000A;REF: A. STATE 19406 <a id='parB' href='#parB'>¶</a>B. 08 PARIS 451&#x000A;&#x000A;\
<a id='par1' href='#par1'>¶</a>1. (C) Text with &lt;angle&gt; brackets.&#x000A;&#x000A;VANCE</pre></code>
</body></html>
"""


def test_html_entities_newlines_tags_and_anchors(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (raw,) = _read(path)
    assert raw.format == "wikileaks-html"
    assert raw.meta["tags"] == ["KNNP", "UK"]
    c = parse(raw)
    assert c.subject == 'AT&T, R&D & HMG\'S "OFFER"'
    assert [(r.label, r.id) for r in c.references] == [("A", "08STATE19406"), ("B", "08PARIS451")]
    assert c.paragraphs[0].text == "Text with <angle> brackets."
    assert (c.from_, c.to, c.signer, c.released) == ("AMEMBASSY LONDON", ("SECSTATE WASHDC",), "VANCE",
                                                      "2011-02-18 21:09")


def test_embedded_database_row_is_unwrapped(tmp_path):
    """A partial-extract page: a copy cut with `...`, the database row, then the whole cable (as the 2011
    build wrote 04THEHAGUE1923); the row's ID and date are what the text states."""
    cut = CABLE.split("SUBJECT")[0] + "SUBJECT: FIXTURE CABLE...\n\n\n"
    row = ('12345,3/7/2008 15:23,08LONDON1187,"Embassy London",CONFIDENTIAL,08STATE19406,"This record is a '
           'partial extract of the original cable.\n",')
    path = tmp_path / "fragment.txt"
    path.write_text(f"<code><pre>{cut}\",\n{row}\"{CABLE}\",\n99,3/8/2008 1:00,08LONDON1188,\"x\"</pre></code>",
                    encoding="utf-8")
    (raw,) = _read(path)
    assert raw.text.startswith("P 071523Z MAR 08") and raw.text.rstrip().endswith("VANCE")
    c = parse(raw)
    assert (c.id, c.date, c.date_inferred, c.signer) == ("08LONDON1187", "2008-03-07", False, "VANCE")
    assert c.subject == "FIXTURE CABLE FOR THE READER TESTS"


SKIPS = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\r\n\t\n", "empty file"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ("cut.html", PAGE[:PAGE.index("<code><pre>")].encode(), "truncated HTML page"),
    ("cut-in-body.html", PAGE[:PAGE.index("SUBJECT")].encode(), "truncated HTML page"),
    ("other.html", b"<!DOCTYPE html><html><body><p>Opening hours</p></body></html>", "HTML page without a cable"),
    ("notes.txt", b"Shopping list: milk, bread.\nCall the plumber on Monday.\n", "not a cable"),
]


@pytest.mark.parametrize("name,data,reason", SKIPS, ids=[s[0] for s in SKIPS])
def test_not_a_cable_gives_one_skip(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = _read(path)
    assert isinstance(item, Skip)
    assert item.source == name and reason in item.reason


def test_folders_walked_recursively_in_sorted_order(tmp_path):
    for rel in ("b/2.txt", "a/z.txt", "a/sub/1.txt", "c.txt", ".hidden/x.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(CABLE, encoding="utf-8")
    sources = [i.source for i in read_path([tmp_path])]  # under the folder's own name, never its full path
    assert sources == [f"{tmp_path.name}/{rel}" for rel in ("a/sub/1.txt", "a/z.txt", "b/2.txt", "c.txt")]
