"""bench/fidelity.py on a few real pages: the table of figures, the JSON, and a known explained disagreement."""
from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import fidelity  # noqa: E402

HTML = ROOT.parent / "shared" / "corpus" / "html"


@pytest.fixture(scope="module")
def five(tmp_path_factory) -> tuple[str, dict]:
    """The report on the first 5 pages of ../shared/corpus/html and one page whose DTG the table's time contradicts."""
    if not HTML.is_dir():
        pytest.skip("../shared is not beside the checkout")
    out = tmp_path_factory.mktemp("fidelity") / "fidelity.json"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert fidelity.main([str(HTML), str(HTML / "04THEHAGUE2415.html"), "--limit", "5", "--json", str(out)]) == 0
    return buf.getvalue(), json.loads(out.read_text(encoding="utf-8"))


def test_table_and_json_give_every_field_per_page(five):
    text, data = five
    assert data["pages"] == 6 and data["skipped"] == [] and data["target"] == 99.5
    assert "agree / total" in text and "Explained disagreements" in text and "Unexplained disagreements" in text
    for name in ["id", "date", "time", "classification", "origin", "tags", "subject"]:
        s = data["fields"][name]
        assert s["total"] == 6 and s["agree"] + s["explained"] + s["unexplained"] == 6, name
        assert f"\n{name} " in text
    assert data["fields"]["dtg time"]["total"] >= 1  # 04THEHAGUE2415 has a date-time group


def test_table_time_is_an_explained_disagreement(five):
    _text, data = five
    rows = {(d["id"], d["field"]): d for d in data["disagreements"]}
    dtg = rows["04THEHAGUE2415", "time"]  # table 15:03, DTG 15:47: the table's minutes repeat the hour
    assert (dtg["page"], dtg["parse"], dtg["agree"]) == ("15:03", "15:47", False)
    assert "repeat the hour" in dtg["reason"]
    assert "no date-time group" in rows["00THEHAGUE1695", "time"]["reason"]
    assert data["fields"]["time"]["unexplained"] == 0


def test_page_subject_is_read_apart_from_the_parser():
    assert fidelity.page_subject("TAGS: PREL\nSUBJECT: RELATIONS WITH IRANREF: A. 07 MANAMA 1") == "RELATIONS WITH IRAN"
    text = "SUBJECT: VISIT OF MINISTER \nJOBIM TO WASHINGTON BRASILIA 00000351 001.2 OF 003 \nClassified By: X"
    assert fidelity.page_subject(text, "BRASILIA") == "VISIT OF MINISTER JOBIM TO WASHINGTON"
    assert fidelity.page_subject("SUBJECT: SHORT ...\n\nSUBJECT: SHORT SUBJECT (C)\n\n1. (C) Text") == "SHORT SUBJECT"
    assert fidelity.page_subject("no subject here") is None


def test_skips_cleanly_without_shared(monkeypatch, capsys):
    monkeypatch.setattr(fidelity, "CORPORA", [ROOT / "no-such-folder"])
    assert fidelity.main([]) == 0
    assert "skipped" in capsys.readouterr().out


def test_text_path_compares_the_telegram_alone():
    html = ROOT.parent / "shared" / "corpus-2010" / "html"
    if not html.is_dir():
        pytest.skip("../shared is not beside the checkout")
    findings = fidelity.text_path([html / "04ANKARA7211.html", html / "07PARIS4722.html"], jobs=1)
    assert {f.field for f in findings} == set(fidelity.TEXT_FIELDS) and len(findings) == 12
    rows = {(f.id, f.field): f for f in findings}
    assert all(f.agree for f in findings if f.id == "07PARIS4722")
    year = rows["04ANKARA7211", "id"]  # a partial extract states no date: its year is inferred
    assert (year.page, year.parse, year.agree) == ("04ANKARA7211", "09ANKARA7211", False) and "inferred" in year.reason
    assert "Text path" in fidelity.text_report(findings)
