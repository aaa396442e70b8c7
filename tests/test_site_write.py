"""docs/ is written safely: only generator-owned paths, unchanged pages untouched, stale pages removed."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.write import UnsafePath, Writer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"
HOSTILE = Path(__file__).parent / "fixtures" / "site-hostile"
OLD = 1_000_000_000  # an mtime far in the past, to see whether a file was rewritten


def age(docs: Path) -> None:
    """Set every file's mtime to OLD."""
    for f in docs.rglob("*"):
        if f.is_file():
            os.utime(f, (OLD, OLD))


def rewritten(docs: Path) -> set[str]:
    """Files written since age() was called."""
    return {f.relative_to(docs).as_posix() for f in docs.rglob("*") if f.is_file() and f.stat().st_mtime != OLD}


@pytest.mark.parametrize("path", ["about.md", "../x.md", "cable/../../x.md", "/etc/passwd", "stylesheets/x.css",
                                  "cable", "cable/..", "cable\\..\\..\\x.md", ".generated", "tag/../about.md"])
def test_refuses_paths_it_does_not_own(tmp_path, path):
    w = Writer(tmp_path / "docs")
    with pytest.raises(UnsafePath):
        w.put(path, "x")
    assert not (tmp_path / "x.md").exists()


def test_rewrites_only_changed_pages_and_removes_stale_ones(tmp_path):
    docs = tmp_path / "docs"
    (docs / "cable").mkdir(parents=True)
    (docs / "about.md").write_text("hand-written")
    (docs / "cable" / "notes.md").write_text("left inside a generated folder")
    w = Writer(docs)
    for p in ("cable/A.md", "cable/B.md", "tag/T.md", "index.md"):
        w.put(p, f"page {p}")
    w.finish()
    age(docs)
    w = Writer(docs)
    w.put("cable/A.md", "page cable/A.md")
    w.put("index.md", "new home")
    stats = w.finish()
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 2)
    assert rewritten(docs) == {"index.md", ".generated"}
    assert not (docs / "cable" / "B.md").exists() and not (docs / "tag").exists()
    assert (docs / "about.md").read_text() == "hand-written"
    # the generated folders are the generator's: what no build of this archive wrote there goes (the first
    # build removed it: an interrupted build's pages look just the same)
    assert not (docs / "cable" / "notes.md").exists()
    with pytest.raises(UnsafePath):
        w.put("cable/A.md", "twice in one build")


def test_second_build_touches_nothing_and_adding_a_cable_rewrites_only_what_changed(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(EXAMPLES, src / "examples")
    docs = tmp_path / "docs"
    assert build([str(src)], docs=str(docs), quiet=True) == 0
    first = {f.relative_to(docs).as_posix(): f.read_bytes() for f in docs.rglob("*") if f.is_file()}
    age(docs)
    build([str(src)], docs=str(docs), quiet=True)
    assert rewritten(docs) == set()
    assert {f.relative_to(docs).as_posix(): f.read_bytes() for f in docs.rglob("*") if f.is_file()} == first
    shutil.copytree(HOSTILE, src / "new")  # 10PARIS999, which cites 10STATE7114
    build([str(src)], docs=str(docs), quiet=True)
    changed = rewritten(docs)
    assert "cable/10PARIS999.md" in changed and "cable/10STATE7114.md" in changed  # new page; its cited-by
    assert "cable/09PARIS451.md" in changed and "cable/10PARIS733.md" in changed  # its neighbours from PARIS
    assert "cable/08STATE19406.md" not in changed and "cable/09TRIPOLI287.md" not in changed  # three away, elsewhere
    assert "index.md" in changed and "report.json" in changed
    assert len(changed) < len(first) / 2


def test_strict_build_fails_when_an_input_was_skipped(tmp_path):
    assert build([str(EXAMPLES)], docs=str(tmp_path / "docs"), strict=True, quiet=True) == 1
    assert build([str(HOSTILE)], docs=str(tmp_path / "docs2"), strict=True, quiet=True) == 0
