"""WikiLeaks cable pages (cablegate 2011 build) and bare `<code><pre>` body fragments."""
from __future__ import annotations

import html as htmlmod
import re
from collections.abc import Iterator

from .annotated import detokenize, is_annotated, is_tokenized, strip_annotations
from .base import RawCable, Skip, normalise, pre_to_text
from .embedded import unwrap

_PRE = re.compile(r"<code>\s*<pre>(.*?)</pre>\s*</code>", re.S | re.I)
_PRE_OPEN = re.compile(r"<code>\s*<pre>", re.I)
_TABLE = re.compile(r"<table\s+class=['\"]cable['\"]\s*>(.*?)</table>", re.S | re.I)
_TD = re.compile(r"<td>(.*?)</td>", re.S | re.I)
_STRIP = re.compile(r"<[^>]{0,500}>")
PARTIAL = "This record is a partial extract of the original cable"


def looks_like_html(text: str) -> bool:
    """An HTML page or a `<code><pre>` fragment, judged by its first kilobytes."""
    head = text[:4096].lower()
    return "<html" in head or "<!doctype html" in head or "<code><pre>" in head or "<table" in head


def _cell(raw: str) -> str:
    """Visible text of a table cell."""
    return htmlmod.unescape(_STRIP.sub("", raw)).strip()


def read_html(text: str, src: str, note: str | None = None) -> Iterator[RawCable | Skip]:
    """One cable from a WikiLeaks page or a body fragment; a Skip when the page holds no cable."""
    notes = (note,) if note else ()
    blocks = _PRE.findall(text)
    table = _TABLE.search(text)
    meta: dict = {}
    if table:
        cells = [_cell(c) for c in _TD.findall(table.group(1))]
        if len(cells) >= 5:
            meta = {"id": cells[0], "created": cells[1], "released": cells[2],
                    "classification": cells[3], "origin_name": cells[4]}
        else:
            notes += (f"cable table has {len(cells)} cells, expected 5",)
    opened = len(_PRE_OPEN.findall(text))
    if blocks and opened > len(blocks):
        yield Skip(src, "truncated HTML page: the cable text is cut short (a <code><pre> block never closes)")
        return
    if not blocks:
        if "</html>" not in text.lower() and table:
            yield Skip(src, "truncated HTML page: the cable text is missing")
        else:
            yield Skip(src, "HTML page without a cable (no <code><pre> block)")
        return
    body_raw = blocks[-1]
    header = pre_to_text(blocks[-2])[0] if len(blocks) >= 2 else ""
    if header.startswith(PARTIAL):
        meta["partial"] = True
        meta["notice"] = header  # after the notice comes the date-time group, the page's one right time
        header = ""
    body, tags = pre_to_text(body_raw)
    body, row = unwrap(body)
    header = header or row.pop("header", "")
    row.pop("header", None)
    for k, v in row.items():
        meta.setdefault(k, v)
    if tags:
        meta["tags"] = tags
    fmt = "wikileaks-html" if table else "html-fragment"
    annotations: tuple = ()
    if is_annotated(body):
        body, spans = strip_annotations(body)
        annotations = tuple(spans)
        fmt = "annotated"
        meta["tags"] = [strip_annotations(t)[0] for t in tags]
    if is_tokenized(body):
        body = detokenize(body)
        fmt = "annotated" if annotations else "tokenized"
    if table and "</html>" not in text[-2000:].lower():
        notes += ("page ends before </html>: the file may be truncated",)
    yield RawCable(src, fmt, normalise(body), header=header, meta=meta, annotations=annotations, notes=notes)
