"""The inputs of the bad-input, hostile-input and versions tests, and the one site they are built into.

Fixtures (fictional cables written for these tests, every one saying so in its first paragraph):
- fixtures/bad/: an empty file, a binary file (photo.jpg), a WikiLeaks page cut off inside its cable text, an
  HTML page that is not a cable, a CSV dump whose second row is broken, a cp1252 telegram with bytes no code page
  maps, a UTF-8 telegram with one damaged byte.
- fixtures/hostile/: cables whose subject, body, REF list, page table, CSV row or entity annotations hold script,
  HTML, Markdown and template syntax; a page whose Reference ID is `../../etc/passwd`; a file named
  `..%2F..%2Fetc%2Fpasswd.txt`.
- fixtures/versions/: three inputs of 10ROME360: two releases of one WikiLeaks page (the later one redacts a name)
  and a text copy of the later one.
- made at run time (never committed): a 50 MB CSV dump whose middle row is one 50 MB line, and a 50 MB text file.
"""
from __future__ import annotations

from pathlib import Path

from sitebuild import Site, built

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
HOSTILE = FIXTURES / "hostile"
VERSIONS = FIXTURES / "versions"
MB = 1024 * 1024
LARGE = 50 * MB

ROW = ('"{n}","3/{d}/2010 9:00","10ROME{serial}","Embassy Rome","UNCLASSIFIED","","R {d}0900Z MAR 10",'
       '"UNCLASSIFIED ROME {serial:06d}\n\nE.O. 12958: N/A\nTAGS: PREL IT\nSUBJECT: {subject}\n\n'
       '1. (U) FICTIONAL TEST CABLE WRITTEN FOR CABLE ARCHIVE\'S TESTS; NOT A REAL DOCUMENT.\n\n2. (U) {text}\n\n'
       'BENEDETTI\n"\n')


def csv_row(n: int, serial: int, subject: str, text: str) -> str:
    """One row of a `cables.csv` dump holding a small fictional cable."""
    return ROW.format(n=n, d=10 + n, serial=serial, subject=subject, text=text)


def write_large(folder: Path) -> dict[str, Path]:
    """The 50 MB inputs: a dump with a 50 MB row between two good ones, and 50 MB of text that is no cable."""
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / "big-dump.csv"
    with dump.open("w", encoding="utf-8") as f:
        f.write(csv_row(1, 370, "FIRST ROW OF THE BIG DUMP", "Read before the huge row."))
        f.write(csv_row(2, 371, "THE HUGE ROW", "")[:-3])
        chunk = "A" * MB
        for _ in range(LARGE // MB):
            f.write(chunk)  # one line of 50 MB: the reader must neither hold it nor stop at it
        f.write('\n"\n')
        f.write(csv_row(3, 372, "LAST ROW OF THE BIG DUMP", "Read after the huge row."))
    log = folder / "huge-log.txt"
    with log.open("w", encoding="utf-8") as f:
        line = "2010-03-12 10:30:00 INFO nothing to see here, a log line of a large file that is not a cable\n"
        for _ in range(LARGE // len(line) + 1):
            f.write(line)
    return {"dump": dump, "log": log}


def sources(tmp_path_factory) -> list[Path]:
    """Every input folder of the issue-7 site (the large files made once per session)."""
    large = _LARGE.get("folder")
    if large is None:
        large = tmp_path_factory.mktemp("large")
        write_large(large)
        _LARGE["folder"] = large
    return [BAD, HOSTILE, VERSIONS, large]


_LARGE: dict[str, Path] = {}


def site(tmp_path_factory) -> Site:
    """The site built (generator, then mkdocs --strict) from every bad, hostile and versions input: once a session."""
    return built("issue7", sources(tmp_path_factory), tmp_path_factory)
