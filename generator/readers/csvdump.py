"""Rows of the `cables.csv` dump: n, date, id, origin, classification, refs, header, content (MySQL escapes).

A dump file is streamed row by row (`read_csv_lines`): memory holds one row, never the file, so the 1.7 GB dump
reads like a sample of two rows. Each row is decoded on its own (UTF-8, else cp1252), so a bad byte costs only
a note on its row.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from .base import RawCable, Skip, decode, normalise

_ROW_START = re.compile(r'^"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","', re.M)
_ROW_START_B = re.compile(rb'"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","')
FIELDS = ("n", "date", "id", "origin_name", "classification", "refs", "header", "content")
ROW_MAX = 4 * 1024 * 1024  # bytes; a longer row is skipped (the longest cables are a few hundred kilobytes)
LINE_PIECE = 1024 * 1024  # bytes read at most at once


def looks_like_csv(text: str) -> bool:
    """The dump starts with a row: `"1","12/28/1966 18:48","66BUENOSAIRES2481",`."""
    return _ROW_START.match(text.lstrip("\ufeff")) is not None


def _rows(text: str) -> Iterator[tuple[int, str]]:
    """Each row's text with its ordinal (1-based); a row starts where `"n","date","` begins a line."""
    starts = [m.start() for m in _ROW_START.finditer(text)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        yield i + 1, text[start:end]


def _pieces(f: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """Lines of a binary file in pieces of at most LINE_PIECE bytes (a 50 MB line is never held whole), each
    with whether it starts a line."""
    start = True
    for piece in iter(lambda: f.readline(LINE_PIECE), b""):
        yield piece, start
        start = piece.endswith(b"\n")


def _row_bytes(pieces: Iterable[tuple[bytes, bool]]) -> Iterator[tuple[int, bytes | None, int]]:
    """(ordinal, bytes, size) of each row of a stream of line pieces; bytes is None for a row over ROW_MAX (its
    lines are counted, not kept). Text before the first row start is not a row (a sniffed file has none)."""
    n, buf, size = 0, [], 0
    for i, (line, at_start) in enumerate(pieces):
        if i == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if at_start and _ROW_START_B.match(line):
            if n:
                yield n, (b"".join(buf) if size <= ROW_MAX else None), size
            n, buf, size = n + 1, [line], len(line)
        elif n:
            size += len(line)
            if size <= ROW_MAX:
                buf.append(line)
            else:
                buf = []
    if n:
        yield n, (b"".join(buf) if size <= ROW_MAX else None), size


def _split(chunk: str) -> list[str] | None:
    """Fields of one row with MySQL escapes undone, or None when it does not split cleanly."""
    chunk = chunk.rstrip("\r\n")
    try:
        rows = list(csv.reader([chunk], escapechar="\\", doublequote=False, strict=True))
    except csv.Error:
        return None
    if len(rows) != 1:
        return None
    return rows[0]


def _row(chunk: str, src: str, n: int, note: str | None = None) -> RawCable | Skip:
    """Row `n` of a dump: a raw cable, or a Skip saying what is wrong with it."""
    where = f"{src}#{n}"
    fields = _split(chunk)
    if fields is None:
        return Skip(where, "broken CSV row: quoting does not close", n)
    if len(fields) != len(FIELDS):
        return Skip(where, f"broken CSV row: {len(fields)} fields, expected {len(FIELDS)}", n)
    row = dict(zip(FIELDS, fields))
    if not row["content"].strip():
        return Skip(where, f"CSV row {row['id']!r} has no cable text", n)
    meta = {k: row[k] for k in ("id", "origin_name", "classification")}
    meta["created_us"] = row["date"]
    meta["refs"] = [r for r in row["refs"].split("|") if r]
    notes = (f"CSV row: {note}",) if note else ()
    return RawCable(where, "csv", normalise(row["content"]), header=normalise(row["header"]), meta=meta, notes=notes)


def read_csv(text: str, src: str) -> Iterator[RawCable | Skip]:
    """One raw cable per row of a dump already in memory; a broken row is one Skip and the rest still read."""
    for row_no, chunk in _rows(text):
        yield _row(chunk, src, row_no)


def read_csv_file(f: BinaryIO, src: str) -> Iterator[RawCable | Skip]:
    """One raw cable per row of a dump read as a stream from an open binary file."""
    for row_no, data, size in _row_bytes(_pieces(f)):
        if data is None:
            yield Skip(f"{src}#{row_no}", f"CSV row too large ({size} bytes; a row is read up to {ROW_MAX} bytes)",
                       row_no)
            continue
        text, note = decode(data)
        yield _row(text, src, row_no, note)
