"""`python -m generator parse`: JSON Lines on stdout, one stderr line per skipped input, --strict, --help."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from test_readers import CABLE

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"id", "date", "time", "dtg", "date_inferred", "classification", "caveats", "precedence", "origin", "from", "to",
        "info", "tags", "subject", "references", "classified_by", "reasons", "declassify", "signer", "sections",
        "partial", "paragraphs", "entities", "format", "source"}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture()
def inputs(tmp_path) -> Path:
    """A folder with one cable and three inputs that are none."""
    (tmp_path / "cable.txt").write_text(CABLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (tmp_path / "z-notes.txt").write_text("Remember to water the plants.\n", encoding="utf-8")
    return tmp_path


def test_parse_json_lines_and_skips(inputs):
    done = _run("parse", str(inputs), "--json")
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    record = json.loads(line)
    assert KEYS <= set(record)
    assert (record["id"], record["date"], record["time"], record["dtg"], record["from"]) == (
        "08LONDON1187", "2008-03-07", "15:23", "071523Z MAR 08", "AMEMBASSY LONDON")
    assert record["source"] == f"{inputs.name}/cable.txt"  # relative to the folder given, under its name
    assert all(set(p) == {"number", "mark", "heading", "text"} for p in record["paragraphs"])
    errors = done.stderr.splitlines()
    assert len(errors) == 3
    for name, reason in (("empty.txt", "empty file"), ("photo.jpg", "binary file"), ("z-notes.txt", "not a cable")):
        assert any(e.startswith(f"{inputs.name}/{name}: skipped:") and reason in e for e in errors), errors


def test_strict_makes_skips_an_error(inputs):
    done = _run("parse", str(inputs), "--json", "--strict")
    assert done.returncode != 0
    assert len(done.stdout.splitlines()) == 1 and len(done.stderr.splitlines()) == 3
    clean = _run("parse", str(inputs / "cable.txt"), "--strict")
    assert clean.returncode == 0 and clean.stderr == ""
    assert clean.stdout.startswith("08LONDON1187\t2008-03-07\tCONFIDENTIAL\t")


def test_same_input_same_output(inputs):
    assert _run("parse", str(inputs), "--json").stdout == _run("parse", str(inputs), "--json").stdout


def test_help():
    done = _run("--help")
    assert done.returncode == 0 and "parse" in done.stdout and "build" in done.stdout
    sub = _run("parse", "--help")
    assert sub.returncode == 0
    for option in ("--json", "--strict", "PATH"):
        assert option in sub.stdout
    assert _run("parse").returncode != 0  # a path is required


def test_undecodable_bytes_get_a_warning_line_naming_the_file(tmp_path, capsys):
    """A cable read despite bad bytes is not silent: stderr names the file and the byte."""
    from generator.cli import main

    text = ("R 041820Z JAN 10\nFM SECSTATE WASHDC\nTO AMEMBASSY PARIS\n\nUNCLASSIFIED STATE 001234\n\n"
            "E.O. 12958: N/A\nTAGS: PREL\nSUBJECT: BAD BYTES \x81 HERE\n\n"
            "1. (U) FICTIONAL TEST CABLE.\n\nDOE\n")
    f = tmp_path / "bad-bytes.txt"
    f.write_bytes(text.encode("latin-1"))
    assert main(["parse", str(f)]) == 0
    err = capsys.readouterr().err
    assert "bad-bytes.txt: warning: " in err and "0x81" in err and str(tmp_path) not in err
