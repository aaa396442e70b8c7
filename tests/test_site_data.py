"""The archive as data: `cable/<ID>.json` beside every cable page, `cables.jsonl.gz` and `cables.csv` for the
whole archive, all following the published JSON Schema, linked from the home page and every cable page, and the
same bytes however many processes build them."""
from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from sitebuild import PY, ROOT, article, built, env

from generator import build as build_mod
from generator import reference, urls
from generator.render import data as data_mod
from generator.resolve import resolve

EXAMPLES = ROOT / "examples" / "cables"
HOSTILE = ROOT / "tests" / "fixtures" / "site-hostile"
DATA_FILES = (urls.DATA_JSONL, urls.DATA_CSV, urls.DATA_SCHEMA)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built("examples", [EXAMPLES], tmp_path_factory)


@pytest.fixture(scope="module")
def validator(site):
    """A validator of the schema as the site publishes it."""
    schema = json.loads((site.site / urls.DATA_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def lines(path: Path) -> list[dict]:
    """The records of a `cables.jsonl.gz`."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def rows(path: Path) -> list[dict]:
    """The rows of a `cables.csv`."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def errors(validator, record: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(record)]


def test_every_cable_has_its_record_and_one_line_and_row(site, validator):
    cables = {p.stem for p in (site.site / "cable").glob("*.txt")}  # the archive's cables have their original
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (site.site / "cable").glob("*.json")}
    assert cables and set(records) == cables
    jsonl = lines(site.site / urls.DATA_JSONL)
    assert [r["id"] for r in jsonl] == [r["id"] for r in rows(site.site / urls.DATA_CSV)]
    assert sorted(r["id"] for r in jsonl) == sorted(cables)
    for rec in jsonl:
        assert records[rec["id"]] == rec  # the same record, file or line
        assert errors(validator, rec) == [], rec["id"]
        assert (site.site / rec["page"]).is_file() and (site.site / rec["original"]).is_file()
        assert all((site.site / e["page"]).is_file() for e in rec["entities"] if e["page"])
        assert all(c in cables for c in rec["cited_by"])


def test_the_record_holds_what_the_page_shows(site):
    rec = json.loads((site.site / "cable" / "08LONDON1187.json").read_text(encoding="utf-8"))
    assert (rec["date"], rec["time"], rec["dtg"]) == ("2008-03-07", "15:23", "071523Z MAR 08")
    assert rec["cited_by"] and all(set(p) == {"number", "mark", "heading", "text"} for p in rec["paragraphs"])
    assert any(p["number"] == 1 for p in rec["paragraphs"])
    assert all(t["kind"] for t in rec["tags"]) and any(t["meaning"] for t in rec["tags"])
    linked = [e for e in rec["entities"] if e["page"]]
    assert linked and len(linked) < len(rec["entities"])  # names of one cable have no page, so no link


def test_csv_row_has_the_main_fields(site):
    table = rows(site.site / urls.DATA_CSV)
    assert list(table[0]) == list(data_mod.CSV_FIELDS)
    row = next(r for r in table if r["id"] == "08LONDON1187")
    assert (row["date"], row["time"], row["dtg"], row["page"]) == (
        "2008-03-07", "15:23", "071523Z MAR 08", "cable/08LONDON1187.html")
    assert row["tags"] and row["classification"] == "CONFIDENTIAL"


def test_gzip_header_has_no_date_or_name(site):
    head = (site.site / urls.DATA_JSONL).read_bytes()[:10]
    assert head[:3] == b"\x1f\x8b\x08" and head[3] == 0 and head[4:8] == b"\0\0\0\0"


def test_home_and_cable_pages_link_to_the_data(site):
    home = {a["href"] for a in article(site.site / "index.html").select("a[href]")}
    assert {urls.DATA_JSONL, urls.DATA_CSV, urls.DATA_SCHEMA} <= home
    page = {a["href"] for a in article(site.site / "cable" / "08LONDON1187.html").select("p.data a")}
    assert page == {"08LONDON1187.json", "../" + urls.DATA_JSONL, "../" + urls.DATA_CSV, "../" + urls.DATA_SCHEMA}


@pytest.mark.slow
def test_the_same_bytes_in_one_process_and_in_several(tmp_path, monkeypatch):
    """Chunks of 3 cables rendered by 2 workers stream the downloads of one process, byte for byte."""
    monkeypatch.setattr(build_mod, "PARALLEL_FROM", 0)
    monkeypatch.setattr(build_mod, "SPILL_CHUNK", 3)
    sources = [str(EXAMPLES), str(HOSTILE)]
    built_docs = {}
    for jobs in (1, 2):
        docs = tmp_path / f"jobs{jobs}"
        assert build_mod.build(sources, docs=str(docs), quiet=True, jobs=jobs) == 0
        built_docs[jobs] = {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
                            if p.is_file() and (p.suffix == ".json" or p.name in DATA_FILES)}
        assert not list(docs.glob(".*.tmp"))
    assert built_docs[1] == built_docs[2]
    assert sum(1 for p in built_docs[1] if p.startswith("cable/")) > 18


@pytest.mark.slow
def test_the_cli_default_jobs_give_the_same_bytes(tmp_path):
    """`CABLE_JOBS=1` and the default (every core) through the command line."""
    out = {}
    for name, extra in (("one", {"CABLE_JOBS": "1"}), ("default", {})):
        docs = tmp_path / name
        subprocess.run([PY, "-m", "generator", "build", str(EXAMPLES), "--docs", str(docs), "--quiet"], cwd=ROOT,
                       env=env(extra), check=True, capture_output=True)
        out[name] = {f: (docs / f).read_bytes() for f in DATA_FILES}
    assert out["one"] == out["default"]


def test_hostile_records_stay_data(tmp_path, validator):
    """Cable text only ever becomes JSON strings and CSV cells: records are valid, and no file is named by it."""
    docs = tmp_path / "docs"
    assert build_mod.build([str(HOSTILE)], docs=str(docs), quiet=True, jobs=1) == 0
    records = sorted((docs / "cable").glob("*.json"))
    assert records and all(p.parent == docs / "cable" for p in records)
    assert {p.stem for p in records} == {p.stem for p in (docs / "cable").glob("*.txt")}
    jsonl = lines(docs / urls.DATA_JSONL)
    assert len(jsonl) == len(records) == len(rows(docs / urls.DATA_CSV))
    for rec in jsonl:
        assert errors(validator, rec) == [], rec["id"]
    everything = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")]
    assert not [p for p in everything if "passwd" in p or ".." in p.split("/")]


def test_parse_json_prints_the_record_less_what_needs_the_archive(validator):
    done = subprocess.run([PY, "-m", "generator", "parse", str(EXAMPLES), "--json"], cwd=ROOT, env=env(),
                          capture_output=True, text=True, check=True)
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(printed) >= 18
    for rec in printed:
        assert errors(validator, rec) == [], rec["id"]
        assert "cited_by" not in rec and all("page" not in e for e in rec["entities"])


def test_real_cables_follow_the_schema(shared, validator):
    """A few real cables of each corpus, resolved together, give records the schema accepts."""
    files = [f for folder in ("corpus", "corpus-2010") for f in sorted((shared / folder).rglob("*.*"))[:40]
             if f.suffix in (".html", ".txt")]
    cables, _skips = reference.load([str(f) for f in files])
    archive = resolve(cables)
    assert len(archive.order) > 20
    for cid in archive.order:
        rec = data_mod.record(archive.cables[cid], archive)
        assert errors(validator, rec) == [], cid
        assert json.loads(data_mod.record_line(rec)) == rec
