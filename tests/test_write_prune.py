"""Removing stale pages is linear in the number of pages: each folder is listed once, not once per page removed.

Work is counted as directory listings and the entries they read (deterministic, whatever the machine is doing),
not timed. Before, the writer listed a folder after every page it removed from it: a build of six cables into
the docs/ of a 6,712-cable site spent minutes doing it.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from generator.write import Writer

KINDS = ("per", "org", "loc", "misc")


def _pages(n: int) -> list[str]:
    """n generated paths shaped like a site: one big folder of cables, entity folders, nested ones."""
    out = []
    for i in range(n):
        shape = i % 8
        if shape < 4:
            out.append(f"cable/09TEST{i}.{'txt' if shape == 3 else 'md'}")
        elif shape < 6:
            out.append(f"entity/{KINDS[i % 4]}/name-{i}.md")
        elif shape == 6:
            out.append(f"tag/T{i // 80}/deep/p{i}.md")  # nested folders, n/80 of them, all emptied
        else:
            out.append(f"date/{1966 + i % 45:04d}-{i % 12 + 1:02d}-{i}.md")
    return out


def _kept(pages: list[str]) -> list[str]:
    """What the next build still makes: one page in ten, and no tag pages at all (their folders must go)."""
    return [p for i, p in enumerate(pages) if i % 10 == 0 and not p.startswith("tag/")]


def _hand_written(docs: Path) -> None:
    """Pages and folders that are not the generator's (outside its folders): they stay."""
    (docs / "notes").mkdir(parents=True, exist_ok=True)
    (docs / "about.md").write_text("hand-written")
    (docs / "notes" / "cable.md").write_text("hand-written")
    (docs / "mine").mkdir(parents=True, exist_ok=True)  # empty, and not ours to remove


def _build(docs: Path, pages: list[str]) -> None:
    """One build that makes exactly `pages`."""
    w = Writer(docs)
    for p in pages:
        w.put(p, f"page {p}")
    w.finish()


def _tree(docs: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under docs/."""
    return {f.relative_to(docs).as_posix(): f.read_bytes() if f.is_file() else None for f in docs.rglob("*")}


class _Entries:
    """os.scandir's iterator, counting the entries read."""

    def __init__(self, inner, work: Counter):
        self.inner, self.work = inner, work

    def __iter__(self):
        return self

    def __next__(self):
        entry = next(self.inner)
        self.work["entries"] += 1
        return entry

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.inner.close()

    def close(self) -> None:
        self.inner.close()


def _prune(tmp: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Counter, Counter, Path]:
    """Build n pages, then a build keeping a tenth of them; the listings the second build made, per folder."""
    docs = tmp / f"docs{n}"
    _hand_written(docs)
    pages = _pages(n)
    _build(docs, pages)
    work: Counter = Counter()
    per_folder: Counter = Counter()
    scandir, listdir = os.scandir, os.listdir

    def counted_scandir(path="."):
        per_folder[os.fspath(path)] += 1
        return _Entries(scandir(path), work)

    def counted_listdir(path="."):  # what Path.iterdir uses (Python 3.11, 3.12)
        per_folder[os.fspath(path)] += 1
        names = listdir(path)
        work["entries"] += len(names)
        return names

    with monkeypatch.context() as m:
        m.setattr(os, "scandir", counted_scandir)
        m.setattr(os, "listdir", counted_listdir)
        _build(docs, _kept(pages))
    work["listings"] = sum(per_folder.values())
    return work, per_folder, docs


def _cost(work: Counter) -> int:
    """Listings plus the entries they read."""
    return work["listings"] + work["entries"]


def test_pruning_lists_each_folder_once_and_grows_linearly(tmp_path, monkeypatch):
    small, _, _ = _prune(tmp_path, 750, monkeypatch)
    big, per_folder, docs = _prune(tmp_path, 3_000, monkeypatch)
    assert _cost(big) <= 5 * _cost(small), (small, big)  # 4x the pages: at most ~4-5x the work
    assert max(per_folder.values()) == 1, per_folder.most_common(3)
    clean = tmp_path / "clean"
    _hand_written(clean)
    _build(clean, _kept(_pages(3_000)))
    assert _tree(docs) == _tree(clean)  # what a clean build leaves: no stale page, no empty folder of ours
    assert not (docs / "tag").exists() and (docs / "mine").is_dir() and (docs / "notes" / "cable.md").is_file()
