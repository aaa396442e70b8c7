"""What every reader yields: a RawCable (text plus what the container said about it) or a Skip."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawCable:
    """One cable as found: its telegram text and the facts the container (page table, CSV row) gave."""

    source: str
    format: str
    text: str
    header: str = ""
    meta: dict = field(default_factory=dict)
    annotations: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skip:
    """An input (file or CSV row) that held no cable, and why."""

    source: str
    reason: str
    row: int | None = None  # the row of a CSV dump (its source is `path#row`)


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file: UTF-16 with a BOM, UTF-8 (with or without BOM), else cp1252; undecodable bytes are
    replaced and noted.

    A UTF-8 file with a few damaged bytes stays UTF-8 (its other accents intact) rather than turning into
    cp1252 mojibake: it is UTF-8 when it holds more valid multi-byte sequences than invalid bytes. A file that
    mixes the two (an editor's paste) is read piece by piece: each UTF-8 sequence as UTF-8, each other byte as
    cp1252, and the note says so.
    """
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), "UTF-16 file"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    bad = _bad_utf8(data, first)
    if bad and len(_UTF8_SEQ.findall(data)) > bad:
        return data.decode("utf-8", errors="replace"), _note("invalid UTF-8", data, first, bad)
    if _UTF8_SEQ.search(data):
        return _mixed(data), (f"mixed encodings: {bad} byte{'s' if bad != 1 else ''} read as cp1252 in a file "
                              f"that is otherwise UTF-8 (first at offset {first})")
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError as exc:
        bad = sum(data.count(bytes([b])) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
        return data.decode("cp1252", errors="replace"), _note("undecodable", data, exc.start, bad)


def _mixed(data: bytes) -> str:
    """UTF-8 sequences decoded as UTF-8, every other byte as cp1252 (U+FFFD where cp1252 has no character)."""
    out = []
    pos = 0
    for m in _UTF8_SEQ.finditer(data):
        out.append(data[pos:m.start()].decode("cp1252", errors="replace"))
        out.append(m.group().decode("utf-8", errors="replace"))
        pos = m.end()
    out.append(data[pos:].decode("cp1252", errors="replace"))
    return "".join(out)


# Characters that change how text is shown without being seen: bidi embeddings, overrides and isolates, marks,
# zero-width spaces and joiners, word joiner, BOM. In a title they can make `gnp.exe` display as `exe.png`.
_INVISIBLE = dict.fromkeys([0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F), 0x2060,
                            *range(0x2066, 0x206A), 0xFEFF])


def shown(text: str) -> str:
    """Text without its invisible format controls: what a title, a listing or a search result may show (the
    original telegram keeps them)."""
    return text.translate(_INVISIBLE) if not text.isascii() else text


def _bad_utf8(data: bytes, first: int) -> int:
    """How many invalid UTF-8 sequences the data holds (from the first one on)."""
    tail = data[first:]
    return tail.decode("utf-8", errors="replace").count("\ufffd") - tail.count(b"\xef\xbf\xbd")


def _note(what: str, data: bytes, offset: int, count: int) -> str:
    """The note a replaced byte leaves on the cable: which byte, where, how many."""
    more = f" (and {count - 1} more)" if count > 1 else ""
    return f"{what} byte 0x{data[offset]:02x} at offset {offset}{more} replaced by U+FFFD"


_NEWLINE_ENTITY = re.compile(r"&#x0*0?[aA];|&#0*10;")
_TAG_LINK = re.compile(r"<a\s+href=['\"][^'\"]*/tag/[^'\"]*['\"]\s*>(.*?)</a>", re.S | re.I)
_PAR_ANCHOR = re.compile(r"<a\s+id=['\"]par([^'\"]*)['\"][^>]*>.*?</a>", re.S | re.I)
_ANY_TAG = re.compile(r"<[^>]{0,500}>")


def pre_to_text(fragment: str) -> tuple[str, list[str]]:
    """Plain text of a `<code><pre>` block, and the TAGS its tag links name (in order)."""
    tags = [html.unescape(_ANY_TAG.sub("", t)).strip() for t in _TAG_LINK.findall(fragment)]
    s = _NEWLINE_ENTITY.sub("\n", fragment)
    s = _TAG_LINK.sub(lambda m: m.group(1), s)
    # a paragraph anchor starts a line; the ones the WikiLeaks build put on REF letters (`parB`) do not
    s = _PAR_ANCHOR.sub(lambda m: "\n" if m.group(1).isdigit() else " ", s)
    s = _ANY_TAG.sub("", s)
    return normalise(html.unescape(s)), tags


def normalise(text: str) -> str:
    """Line endings to LF, no-break spaces to spaces, trailing blanks off every line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))
