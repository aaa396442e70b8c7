"""Readers: one per input format, each turning a file into raw cables (or a reason it holds none).

`read_path` walks files and folders in sorted order and picks the reader by content, not by file name. A file
is judged by its first bytes before it is read: binary files are skipped unread, a `cables.csv` dump is streamed
row by row (the full dump is 1.7 GB), and any other file larger than MAX_BYTES is skipped (a cable page or
telegram is never near that size). A reader that fails on some input costs that input only: it becomes a Skip.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .base import RawCable, Skip, decode
from .csvdump import looks_like_csv, read_csv, read_csv_file
from .html import looks_like_html, read_html
from .text import read_text

__all__ = ["RawCable", "Skip", "read_path", "read_file", "read_bytes", "iter_files", "MAX_BYTES"]

MAX_BYTES = 8 * 1024 * 1024  # a one-cable file (page, telegram) larger than this is skipped unread
HEAD = 64 * 1024  # bytes read first, to judge the file


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Every file under the given paths; a folder's files in sorted order of their path within it.

    Hidden folders (`.git`) are left out; every file is read, dotfiles too (a file named `..%2Fpasswd.txt` may
    hold a cable, and one that holds none is reported, not silently dropped).
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(root) / name for name in files]
            yield from sorted(found, key=lambda f: f.relative_to(path).parts)
        else:
            yield path


def read_file(path: Path) -> Iterator[RawCable | Skip]:
    """Raw cables of one file, or one Skip naming why the file holds none; never raises for a bad file."""
    src = str(path)
    try:
        yield from _read_file(path, src)
    except OSError as exc:
        yield Skip(src, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a reader's failure costs this input only
        yield Skip(src, f"reader error: {type(exc).__name__}: {exc}")


def _read_file(path: Path, src: str) -> Iterator[RawCable | Skip]:
    """Judge the file by its head, then stream it (CSV), skip it (binary, too large) or read it whole."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        head = f.read(HEAD)
        if head.strip() and _is_binary(head):
            yield Skip(src, f"binary file, not text ({size} bytes)")
            return
        if looks_like_csv(decode(head[:4096])[0]):
            f.seek(0)
            yield from read_csv_file(f, src)
            return
        if size > MAX_BYTES:
            yield Skip(src, f"file too large for one cable ({size} bytes; a page or telegram is read up to "
                            f"{MAX_BYTES} bytes, only a cables.csv dump is read row by row)")
            return
        data = head + f.read()
    yield from read_bytes(data, src)


def read_bytes(data: bytes, src: str) -> Iterator[RawCable | Skip]:
    """Pick the reader by content."""
    if not data.strip():
        yield Skip(src, "empty file")
        return
    if _is_binary(data[:HEAD]):
        yield Skip(src, f"binary file, not text ({len(data)} bytes)")
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


def _is_binary(chunk: bytes) -> bool:
    """A NUL byte in the first 8 KB, or more than 10% control bytes other than whitespace: not text."""
    chunk = chunk[:8192]
    return b"\x00" in chunk or _binary_ratio(chunk) > 0.1


def _binary_ratio(chunk: bytes) -> float:
    """Share of control bytes other than whitespace: text files have almost none."""
    if not chunk:
        return 0.0
    bad = len(chunk.translate(None, _NOT_CONTROL))  # what is left once every other byte is deleted
    return bad / len(chunk)


_NOT_CONTROL = bytes([9, 10, 12, 13, *range(32, 256)])
