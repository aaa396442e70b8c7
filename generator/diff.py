"""Word differences between two texts of one cable (the WikiLeaks site republished cables with new redactions).

Lines are compared first (cheap, hashed), then words inside the lines that changed, so a redaction is one word
taken out and one put in, whatever the line wrapping of the two copies. The build report counts them
(`changes`); the cable page shows them (render/versions.py).
"""
from __future__ import annotations

import difflib
import re

Piece = tuple[str, str]  # (kind, text): kind "" (in both), "del" (only in the other version), "ins" (only in this)
_TOKEN = re.compile(r"\s*\S+")
# C0 controls are dropped from the page (render.text), so they must not count as the spaces between words
_CONTROLS = dict.fromkeys([c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F])


def _words(block: list[str]) -> list[str]:
    """Tokens of some lines: each word with the whitespace (line breaks included) before it."""
    return _TOKEN.findall("\n".join(block))


def _word_diff(old: list[str], new: list[str]) -> list[Piece]:
    """Pieces of a changed block, compared word by word (spacing and line breaks aside)."""
    a, b = _words(old), _words(new)
    out: list[Piece] = []
    ops = difflib.SequenceMatcher(None, [t.lstrip() for t in a], [t.lstrip() for t in b], autojunk=False)
    for op, i1, i2, j1, j2 in ops.get_opcodes():
        if op == "equal":
            out.append(("", "".join(b[j1:j2])))
            continue
        for kind, toks in (("del", a[i1:i2]), ("ins", b[j1:j2])):
            if toks:
                first = toks[0]
                word = first.lstrip()
                out.append(("", first[:len(first) - len(word)]))
                out.append((kind, word + "".join(toks[1:])))
    return out


def diff_pieces(old: str, new: str) -> list[Piece]:
    """The new text with what the old one has instead marked: lines compared first, then words in changed lines."""
    a, b = old.translate(_CONTROLS).split("\n"), new.translate(_CONTROLS).split("\n")
    out: list[Piece] = []
    key = [" ".join(x.split()) for x in a], [" ".join(x.split()) for x in b]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, *key, autojunk=False).get_opcodes():
        if out:
            out.append(("", "\n"))
        if op == "equal":
            out.append(("", "\n".join(b[j1:j2])))
        elif op == "delete":
            out.append(("del", "\n".join(a[i1:i2])))
        elif op == "insert":
            out.append(("ins", "\n".join(b[j1:j2])))
        else:
            out += _word_diff(a[i1:i2], b[j1:j2])
    return _spaced([(k, t) for k, t in out if t])


def _spaced(pieces: list[Piece]) -> list[Piece]:
    """A space after a deletion that the next piece would touch (its spacing came from the other text)."""
    out: list[Piece] = []
    for i, (kind, text) in enumerate(pieces):
        out.append((kind, text))
        if kind == "del" and i + 1 < len(pieces) and not pieces[i + 1][1][:1].isspace():
            out.append(("", " "))
    return out


def changes(old: str, new: str) -> tuple[int, int]:
    """Words only in the old text, words only in the new one."""
    removed = added = 0
    for kind, text in diff_pieces(old, new):
        if kind == "del":
            removed += len(text.split())
        elif kind == "ins":
            added += len(text.split())
    return removed, added
