"""Plain-text telegrams (PDF extracts, hand copies), annotated or not."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .annotated import detokenize, is_annotated, is_tokenized, strip_annotations
from .base import RawCable, Skip, normalise
from .embedded import unwrap

# A cable states at least one of these; prose that states none is not a cable.
_CABLE_MARKS = re.compile(
    r"^\s*(?:FM\s+\S|(?i:TAGS?\b|SUBJECT:|E\.?\s?O\.?\s*1\d{4})|"  # `Tags:`, `E.o. 12958` (04ANKARA348)
    r"(?:UNCLAS\w*|CONFIDENTIAL|SECRET|C O N F|S E C R|U N C L|(?i:C o n f|S e c r|U n c l))\b.*\b\d{3,6}\b)",
    re.M,
)


_MD_TAG = re.compile(r"\[([A-Z][A-Z0-9_]{1,11})\]\(#?\)")  # TAGS written as `[PARM](#)`


def read_text(text: str, src: str, note: str | None = None) -> Iterator[RawCable | Skip]:
    """One cable from a text file; a Skip when the text carries no cable header at all."""
    notes = (note,) if note else ()
    text, meta = unwrap(_MD_TAG.sub(r"\1", normalise(text)))
    annotations: tuple = ()
    fmt = "text"
    if is_annotated(text):
        text, spans = strip_annotations(text)
        annotations = tuple(spans)
        fmt = "annotated"
    if is_tokenized(text):
        text = detokenize(text)
        fmt = "annotated" if annotations else "tokenized"
    marks = {m.group(0).split()[0][:4] for m in _CABLE_MARKS.finditer(text[:20000])}
    if len(marks) < 2:
        yield Skip(src, "not a cable: no telegram header (classification line, TAGS, SUBJECT or E.O. line)")
        return
    header = meta.pop("header", "")
    yield RawCable(src, fmt, text, header=header, meta=meta, annotations=annotations, notes=notes)
