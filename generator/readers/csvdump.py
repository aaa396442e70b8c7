"""Rows of the `cables.csv` dump: n, date, id, origin, classification, refs, header, content (MySQL escapes)."""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from .base import RawCable, Skip, normalise

_ROW_START = re.compile(r'^"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","', re.M)
FIELDS = ("n", "date", "id", "origin_name", "classification", "refs", "header", "content")


def looks_like_csv(text: str) -> bool:
    """The dump starts with a row: `"1","12/28/1966 18:48","66BUENOSAIRES2481",`."""
    return _ROW_START.match(text.lstrip("\ufeff")) is not None


def _rows(text: str) -> Iterator[tuple[int, str]]:
    """Each row's text with its ordinal (1-based); a row starts where `"n","date","` begins a line."""
    starts = [m.start() for m in _ROW_START.finditer(text)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        yield i + 1, text[start:end]


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


def read_csv(text: str, src: str) -> Iterator[RawCable | Skip]:
    """One raw cable per row; a broken row is one Skip and the rest still read."""
    for row_no, chunk in _rows(text):
        fields = _split(chunk)
        where = f"{src}#{row_no}"
        if fields is None:
            yield Skip(where, "broken CSV row: quoting does not close")
            continue
        if len(fields) != len(FIELDS):
            yield Skip(where, f"broken CSV row: {len(fields)} fields, expected {len(FIELDS)}")
            continue
        row = dict(zip(FIELDS, fields))
        if not row["content"].strip():
            yield Skip(where, f"CSV row {row['id']!r} has no cable text")
            continue
        meta = {k: row[k] for k in ("id", "origin_name", "classification")}
        meta["created_us"] = row["date"]
        meta["refs"] = [r for r in row["refs"].split("|") if r]
        yield RawCable(where, "csv", normalise(row["content"]), header=normalise(row["header"]), meta=meta)
