"""Odd inputs and a hostile machine: each is reported with the file and the reason, none is fatal or silent.

Rows: what a careless operator or an odd folder gives the build (a link out of the input, a named pipe, a file
name that is not UTF-8, UTF-16, mixed encodings, names that collide on a case-insensitive or Windows
filesystem), and the machine failing under it (read-only docs/, a full disk, no mkdocs.yml).
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from sitebuild import copy_handwritten

from generator import urls
from generator.cli import main
from generator.readers import Input, RawCable, Skip, iter_files, read_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"
CABLE = ("R 101200Z MAR 10\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC\n\nUNCLASSIFIED ROME 000{serial}\n\nE.O. 12958: N/A\nTAGS: {tags}\nSUBJECT: {subject}\n\n"
         "1. (U) FICTIONAL TEST CABLE WRITTEN FOR CABLE ARCHIVE'S TESTS; NOT A REAL DOCUMENT.\n\nBENEDETTI\n")


def cable(serial: int, subject: str = "A TEST", tags: str = "PREL IT") -> str:
    return CABLE.format(serial=serial, subject=subject, tags=tags)


def _items(folder: Path) -> dict[str, RawCable | Skip]:
    return {i.source: i for i in read_path([folder])}


# ---------------------------------------------------------------- what the walk reads, and what it reports

def test_a_link_to_a_file_outside_the_input_is_reported_not_read(tmp_path):
    inside = tmp_path / "in"
    inside.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(cable(101), encoding="utf-8")
    (inside / "passwd").symlink_to(secret)
    (inside / "here.txt").write_text(cable(102), encoding="utf-8")
    (inside / "again.txt").symlink_to(inside / "here.txt")  # a link that stays inside is read
    items = _items(inside)
    assert items["in/passwd"] == Skip("in/passwd", "symbolic link leading outside the folders given: not followed")
    assert isinstance(items["in/again.txt"], RawCable) and isinstance(items["in/here.txt"], RawCable)


def test_a_link_to_a_folder_is_reported_not_dropped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text(cable(103), encoding="utf-8")
    (tmp_path / "in" / "more").symlink_to(tmp_path / "elsewhere")
    (item,) = read_path([tmp_path / "in"])
    assert item.source == "in/more" and item.reason.startswith("symbolic link to a folder: not followed")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_reported_and_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe")  # opening it would block the build forever
    (item,) = read_path([tmp_path])
    assert item == Skip(f"{tmp_path.name}/pipe", "not a regular file (named pipe): not read")


def test_a_file_name_that_is_not_utf8_is_named_printably(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "w", encoding="utf-8") as f:
        f.write(cable(104))
    (item,) = read_path([tmp_path])
    assert isinstance(item, RawCable) and item.source == f"{tmp_path.name}/caf\ufffd.txt"
    item.source.encode("utf-8")  # printable and publishable: no lone surrogate left


def test_a_folder_given_is_named_by_its_own_name_never_its_path(tmp_path):
    marker = tmp_path / "PRIVATE-MARKER-7f3a" / "cables"
    marker.mkdir(parents=True)
    (marker / "a.txt").write_text(cable(105), encoding="utf-8")
    (item,) = iter_files([marker])
    assert item == Input(marker / "a.txt", "cables/a.txt")


@pytest.mark.parametrize("name,data,text,note", [
    ("utf16-le.txt", "\ufeff" + cable(106, "CAFÉ"), "CAFÉ", "UTF-16 file"),
    ("utf16-be.txt", "\ufeff" + cable(107, "CAFÉ"), "CAFÉ", "UTF-16 file"),
], ids=["UTF-16 LE with BOM", "UTF-16 BE with BOM"])
def test_utf16_with_a_bom_is_read(tmp_path, name, data, text, note):
    (tmp_path / name).write_bytes(data.encode("utf-16-le" if "le" in name else "utf-16-be"))
    (item,) = read_path([tmp_path])
    assert isinstance(item, RawCable) and text in item.text and note in item.notes


def test_a_file_mixing_utf8_and_cp1252_is_read_piece_by_piece_with_a_warning(tmp_path):
    data = cable(108, "MIXED").replace("NOT A REAL DOCUMENT.", "NOT A REAL DOCUMENT. Caf\u00e9 and ").encode()
    data = data.replace(b"and ", b"and \x93quoted\x94 ")  # cp1252 quotes pasted into a UTF-8 file
    (tmp_path / "mixed.txt").write_bytes(data)
    (item,) = read_path([tmp_path])
    assert "Café and “quoted”" in item.text
    assert any(n.startswith("mixed encodings: 2 bytes read as cp1252") for n in item.notes)


# ---------------------------------------------------------------- page names

@pytest.mark.parametrize("texts", [
    ("PREL", "prel", "Prel"),  # one file on macOS and Windows, were they spelled as they are
    ("", "x", "X"),  # a blank tag link, and what a blank would have become
    ("CON", "con", "nul", "COM1", "LPT9"),  # reserved names on Windows, with any extension
    ("John Smith", "john-smith-e61a35"),  # a name spelled like another name's page
], ids=["case", "blank", "reserved", "hashed"])
def test_page_names_are_unique_case_insensitively_and_never_reserved(texts):
    names = [urls.tag(t) for t in texts] + [urls.origin(t) for t in texts] + [urls.entity("PER", t) for t in texts]
    stems = [n.rsplit("/", 1)[1].rsplit(".", 1)[0].lower() for n in names[:len(texts)]]
    assert len({n.lower() for n in names[:len(texts)]}) == len(texts), names
    assert not {s.split(".")[0] for s in stems} & {"con", "prn", "aux", "nul", "com1", "lpt9"}
    assert urls.entity("PER", texts[0]) != urls.entity("PER", texts[-1]) or texts[0].lower() == texts[-1].lower()


def test_a_cable_id_longer_than_a_file_name_gets_a_short_page_name():
    page = urls.cable("09" + "A" * 300 + "1")
    assert len(page.rsplit("/", 1)[1].encode()) < 100 and page.startswith("cable/09AAA")


def test_odd_tags_and_a_long_id_build_without_a_crash(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(cable(109, tags="PREL prel CON"), encoding="utf-8")
    (src / "b.txt").write_text(cable(110, subject="gnp\u202e.exe", tags="Prel"), encoding="utf-8")
    docs = tmp_path / "docs"
    assert main(["build", str(src), "--docs", str(docs), "--quiet"]) == 0
    tags = sorted(p.name for p in (docs / "tag").iterdir())
    assert len({t.lower() for t in tags}) == len(tags) and "CON.md" not in tags
    page = (docs / "cable" / "10ROME110.md").read_text(encoding="utf-8")
    assert "gnp.exe" in page and "\u202e" not in page  # shown without the override that reverses it
    assert "\u202e" in (docs / "cable" / "10ROME110.txt").read_text(encoding="utf-8")  # the original keeps it


# ---------------------------------------------------------------- the machine failing

@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_docs_folder_is_one_line_and_exit_1(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    docs.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert main(["build", str(EXAMPLES), "--docs", str(docs), "--quiet"]) == 1
    finally:
        docs.chmod(stat.S_IRWXU)
    err = capsys.readouterr().err
    assert err.count("error: ") == 1 and "Permission denied" in err and "Traceback" not in err


def test_a_full_disk_is_one_line_leaves_no_scratch_file_and_the_next_build_is_clean(tmp_path, capsys, monkeypatch):
    docs, clean = tmp_path / "docs", tmp_path / "clean"
    assert main(["build", str(EXAMPLES), "--docs", str(clean), "--quiet"]) == 0
    real = Path.write_bytes
    written = []

    def full(self: Path, data: bytes) -> int:
        if len(written) >= 25:
            real(self, data[: len(data) // 2])  # the disk fills up halfway through a page
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        written.append(self)
        return real(self, data)

    monkeypatch.setenv("CABLE_JOBS", "1")
    with monkeypatch.context() as m:
        m.setattr(Path, "write_bytes", full)
        assert main(["build", str(EXAMPLES), "--docs", str(docs), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "error: " in err and "No space left on device" in err and "Traceback" not in err
    assert not [p for p in docs.rglob("*.tmp")], "a half-written scratch file stayed"
    assert main(["build", str(EXAMPLES), "--docs", str(docs), "--quiet"]) == 0
    tree = {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    assert tree == {p.relative_to(clean).as_posix(): p.read_bytes() for p in sorted(clean.rglob("*")) if p.is_file()}


def test_no_mkdocs_yml_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["mkdocs", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: mkdocs.yml: no such file (run from the project folder, or pass --config)"


def test_clean_leaves_nothing_generated_behind(tmp_path):
    docs = tmp_path / "docs"
    copy_handwritten(docs)  # the project's own pages, whatever a build left in the checkout's docs/
    before = {p.relative_to(docs).as_posix() for p in docs.rglob("*")}
    assert main(["build", str(EXAMPLES), "--docs", str(docs), "--quiet"]) == 0
    (docs / "cable" / ".09X.md.4242.tmp").write_text("left by a killed build")
    (docs / ".index.md.4242.tmp").write_text("left by a killed build")
    assert main(["clean", "--docs", str(docs)]) == 0
    assert {p.relative_to(docs).as_posix() for p in docs.rglob("*")} == before


def test_a_docs_folder_that_cannot_be_made_is_one_line_and_exit_1(tmp_path, capsys):
    (tmp_path / "a-file").write_text("not a folder")
    assert main(["build", str(EXAMPLES), "--docs", str(tmp_path / "a-file" / "docs"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Not a directory" in err
