"""Readers: one per input format, each turning a file into raw cables (or a reason it holds none).

`read_path` walks files and folders in sorted order and picks the reader by content, not by file name.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .base import RawCable, Skip, decode
from .csvdump import looks_like_csv, read_csv
from .html import looks_like_html, read_html
from .text import read_text

__all__ = ["RawCable", "Skip", "read_path", "read_file", "iter_files"]

MAX_BYTES = 64 * 1024 * 1024  # a file larger than this is skipped, not read into memory


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Every file under the given paths; a folder's files in sorted order of their path within it (hidden ones
    left out)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(root) / name for name in files if not name.startswith(".")]
            yield from sorted(found, key=lambda f: f.relative_to(path).parts)
        else:
            yield path


def read_file(path: Path) -> Iterator[RawCable | Skip]:
    """Raw cables of one file, or one Skip naming why the file holds none."""
    src = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Skip(src, f"cannot read: {exc.strerror or exc}")
        return
    if size > MAX_BYTES:
        yield Skip(src, f"file too large ({size} bytes; limit {MAX_BYTES})")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skip(src, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, src)


def read_bytes(data: bytes, src: str) -> Iterator[RawCable | Skip]:
    """Pick the reader by content."""
    if not data.strip():
        yield Skip(src, "empty file")
        return
    if b"\x00" in data[:8192] or _binary_ratio(data[:8192]) > 0.1:
        yield Skip(src, "binary file, not text")
        return
    text, note = decode(data)
    if looks_like_csv(text):
        yield from read_csv(text, src)
    elif looks_like_html(text):
        yield from read_html(text, src, note)
    else:
        yield from read_text(text, src, note)


def read_path(paths: Iterable[str | os.PathLike]) -> Iterator[RawCable | Skip]:
    """Raw cables and skips for every file under the given paths, in sorted order."""
    for f in iter_files(paths):
        yield from read_file(f)


def _binary_ratio(chunk: bytes) -> float:
    """Share of control bytes other than whitespace: text files have almost none."""
    if not chunk:
        return 0.0
    bad = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(chunk)
