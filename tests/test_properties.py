"""Property tests (hypothesis): no input crashes the readers, the parser or a build, and any text a cable holds
is what the reader sees in the rendered HTML.

Examples are few and small (this runs in every `make test`); each property states what must hold for all inputs.
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badinput import csv_row
from generator.reference import load
from generator.readers import Skip
from generator.record import Cable, Entity, Paragraph, Reference
from generator import report as report_data
from generator.render import report
from generator.render.body import body_html
from generator.render.versions import diff_html
from generator.resolve import resolve

EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]  # as in mkdocs.yml
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TELEGRAM = """R 121030Z MAR 10
FM AMEMBASSY ROME
TO SECSTATE WASHDC 4100
CONFIDENTIAL ROME 000399

E.O. 12958: DECL: 03/12/2020
TAGS: PREL IT
SUBJECT: {subject}

1. (U) FICTIONAL TEST CABLE WRITTEN FOR CABLE ARCHIVE'S TESTS; NOT A REAL DOCUMENT.

2. (C) {body}

BENEDETTI
"""
PAGE = ("<html><body><table class='cable'><tr><td>10ROME398</td><td>2010-03-12 10:30</td><td>2011-08-30 01:44</td>"
        "<td>CONFIDENTIAL</td><td>Embassy Rome</td></tr></table><code><pre>"
        + TELEGRAM.replace("000399", "000398").replace("\n", "&#x000A;") + "</pre></code></body></html>")
TEMPLATES = {"text": TELEGRAM, "html": PAGE, "csv": csv_row(1, 397, "{subject}", "{body}")}

# Text rich in what Markdown, HTML, templates and the parser treat as syntax, mixed with any character.
syntax = st.text(alphabet=st.sampled_from(list("ab <>&;#*_`[]()!|{}%\\-+.=~^:\"'/\n\r\t 1xX¶")) |
                 st.characters(codec="utf-8"), max_size=120)
words_of_cables = st.sampled_from(["REF A", "reftel B", "REFTEL", "XXXXXXXXXXXX", "Giulia Moretti", "Rome",
                                   "SECTION 2 OF 3", "ROME 00000399 002 OF 003", "SUBJECT:", "TAGS:", "1. (C)"])
cable_text = st.lists(syntax | words_of_cables, max_size=8).map(" ".join)


def expected(text: str) -> str:
    """The text as a reader should see it: control characters dropped, whitespace collapsed."""
    return " ".join(_CONTROLS.sub("", text).split())


def visible(node) -> str:
    """What a reader sees of an element, whitespace collapsed."""
    return " ".join(node.get_text().split())


def _accounted(path: Path, cables, skips) -> None:
    """Every item read from one file names that file (or one of its rows), and the file gave at least one."""
    items = [*cables, *skips]
    assert items
    assert all(i.source == path.name or i.source.startswith(f"{path.name}#") for i in items)  # a file given: its name
    # a reader or the parser that raised would show here: the input is then lost to a bug, not to its content
    assert not [s.reason for s in skips if s.reason.startswith(("reader error", "parser error"))]


@FAST
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash_the_readers_and_parser(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        _accounted(path, *load([str(path)]))


@FAST
@given(st.sampled_from(sorted(TEMPLATES)), st.binary(max_size=400), st.floats(0, 1), cable_text)
def test_bytes_spliced_into_a_cable_never_crash_the_readers_and_parser(kind, junk, where, text):
    good = TEMPLATES[kind].format(subject="SPLICE TEST", body=text.replace("{", "(").replace("}", ")"))
    data = good.encode("utf-8")
    cut = int(len(data) * where)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input.{kind}"
        path.write_bytes(data[:cut] + junk + data[cut:])
        _accounted(path, *load([str(path)]))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1000), cable_text, cable_text)
def test_no_input_crashes_a_build_and_every_input_is_reported(junk, subject, body):
    from generator.build import build

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        (src / "junk.bin").write_bytes(junk)
        (src / "cable.txt").write_text(TELEGRAM.format(subject=subject, body=body), encoding="utf-8",
                                       errors="surrogatepass")
        assert build([str(src)], docs=str(Path(tmp) / "docs"), quiet=True) == 0
        data = json.loads((Path(tmp) / "docs" / "report.json").read_text(encoding="utf-8"))
        assert {i["file"] for i in data["inputs"]} == {f"{src.name}/junk.bin", f"{src.name}/cable.txt"}


def _cable(text: str) -> Cable:
    """A cable whose one paragraph is the text, with references and entities its words may name."""
    refs = (Reference("A", "STATE 1", "10STATE1"), Reference("B", "EMAIL", None))
    ents = (Entity("PER", "Giulia Moretti", (), 1), Entity("LOC", "Rome", (), 1))
    return Cable(id="10ROME399", source="x", format="text", paragraphs=(Paragraph(2, "C", None, text),),
                 references=refs, entities=ents)


@settings(max_examples=300, deadline=None)
@given(cable_text)
def test_any_paragraph_text_is_what_the_reader_sees(text):
    html, _first = body_html(_cable(text), "cable/10ROME399.md", lambda x: x)
    out = markdown.markdown(f"## Text\n\n{html}\n\nafter", extensions=EXTENSIONS)
    soup = BeautifulSoup(out, "html.parser")
    (p,) = soup.select("div.cable-body > p")
    for mark in p.select("a.par-link, span.par-num, span.portion"):
        mark.extract()
    assert visible(p) == expected(text)
    assert not p.select("script, img, em, strong, code, table, h1, h2, blockquote, ul, ol, hr, pre")
    assert soup.find_all("p")[-1].get_text() == "after"  # the raw block ended where it should


@FAST
@given(cable_text, cable_text)
def test_a_diff_shows_both_texts(old, new):
    out = markdown.markdown(f"<details><summary>v</summary>\n{diff_html(old, new, context=None)}\n</details>\n\nafter",
                            extensions=EXTENSIONS)
    soup = BeautifulSoup(out, "html.parser")
    pre = soup.select_one("pre.cable-diff")
    without_del, without_ins = BeautifulSoup(str(pre), "html.parser"), BeautifulSoup(str(pre), "html.parser")
    for d in without_del.select("del"):
        d.extract()
    for i in without_ins.select("ins"):
        i.extract()
    assert visible(without_del) == expected(new)
    assert visible(without_ins) == expected(old)
    assert soup.find_all("p")[-1].get_text() == "after"


@FAST
@given(st.lists(st.tuples(syntax, syntax), min_size=1, max_size=5))
def test_any_input_name_and_reason_show_literally_in_the_report(skips):
    items = [Skip(f"{name}#{i}" if not name.strip() else name, reason) for i, (name, reason) in enumerate(skips)]
    data = report_data.collect([], items, resolve([]), [])
    soup = BeautifulSoup(markdown.markdown(report.page(data).split("---", 2)[2], extensions=EXTENSIONS),
                         "html.parser")
    table = next(h for h in soup.select("h2") if h.get_text() == "Skipped inputs").find_next("table")
    rows = [[visible(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert sorted(rows) == sorted([expected(s.source), expected(s.reason)] for s in items)
