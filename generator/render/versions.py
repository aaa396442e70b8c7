"""Versions of a cable: which input its page shows, and how every other input of the same cable differs.

The WikiLeaks site republished cables with new redactions, so two inputs of one cable can differ by a word. The
diff compares lines first (cheap, hashed), then words inside the lines that changed, so a redaction shows as one
struck word and one underlined word, whatever the line wrapping of the two copies. Unchanged stretches fold
away around the changes. Everything shown is escaped text.
"""
from __future__ import annotations

import difflib
import re

from ..record import Cable
from ..resolve import Archive, released, same_text
from .text import h

CONTEXT = 2  # unchanged lines shown before and after each change
Piece = tuple[str, str]  # (kind, text): kind "" (in both), "del" (only in the other version), "ins" (only in this)
_TOKEN = re.compile(r"\s*\S+")
# C0 controls are dropped from the page (render.text), so they must not count as the spaces between words
_CONTROLS = dict.fromkeys([c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F])
# Material colours `del.critic` and `ins.critic` (light and dark schemes); browsers strike and underline them
_DEL = '<del class="critic diff-del" title="only in the other version">'
_INS = '<ins class="critic diff-ins" title="only in the version shown">'


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


def diff_lines(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces split into lines, so that no mark spans a line break."""
    lines: list[list[Piece]] = [[]]
    for kind, text in pieces:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append((kind, part))
    return lines


def _shown(lines: list[list[Piece]], context: int | None) -> list[list[Piece] | int]:
    """The lines to show: changed ones with `context` lines around them; a run of others becomes its count."""
    if context is None:
        return list(lines)
    changed = [i for i, line in enumerate(lines) if any(k for k, _t in line)]
    keep = {j for i in changed for j in range(i - context, i + context + 1)}
    out: list[list[Piece] | int] = []
    for i, line in enumerate(lines):
        if i in keep:
            out.append(line)
        elif out and isinstance(out[-1], int):
            out[-1] += 1
        else:
            out.append(1)
    return out


def _line_html(line: list[Piece]) -> str:
    """One line of the diff: escaped text, with <del> and <ins> marks."""
    out = []
    for kind, text in line:
        out.append(h(text) if not kind else f"{_DEL if kind == 'del' else _INS}{h(text)}</{kind}>")
    return "".join(out)


def diff_html(old: str, new: str, context: int | None = CONTEXT) -> str:
    """A `<pre>` block of the new text with the old one's differences marked (and unchanged stretches folded)."""
    rows = []
    for item in _shown(diff_lines(diff_pieces(old, new)), context):
        if isinstance(item, int):
            rows.append(f'<span class="diff-skip">⋯ {item} unchanged line{"s" if item != 1 else ""} ⋯</span>')
        else:
            rows.append(_line_html(item))
    # no blank line inside the raw HTML block: Markdown would end the block there
    return ('<pre class="cable-diff" style="white-space:pre-wrap">' + "\n".join(rows) + "</pre>").replace("\n\n", "\n&#10;")


def changes(old: str, new: str) -> tuple[int, int]:
    """Words only in the old text, words only in the new one."""
    removed = added = 0
    for kind, text in diff_pieces(old, new):
        if kind == "del":
            removed += len(text.split())
        elif kind == "ins":
            added += len(text.split())
    return removed, added


def _about(c: Cable) -> str:
    """Where a version was read from, its release date and format."""
    when = f", released {h(released(c))}" if released(c) else ""
    return f'<code class="source">{h(c.source)}</code> ({h(c.format)}{when})'


def versions_block(c: Cable, archive: Archive) -> str:
    """The versions section of a cable page: the input shown, then every other input, each with its diff."""
    others = archive.versions.get(c.id, [])
    out = ['<div class="cable-versions">',
           f"<p>This page shows the newest of {len(others) + 1} inputs of {h(c.id)}: {_about(c)}. Newest means "
           "the later WikiLeaks release, then the richer input, then the later input read.</p>", "<ul>"]
    for other in others:
        if same_text(other, c):
            out.append(f"<li>{_about(other)}: the same text.</li>")
            continue
        removed, added = changes(other.text, c.text)
        out.append(f"<li><details><summary>{_about(other)}: {removed} word{'s' if removed != 1 else ''} only "
                   f"there, {added} only in the version shown</summary>\n"
                   f"{diff_html(other.text, c.text)}\n</details></li>")
    out += ["</ul>", '<p class="diff-legend"><del class="critic diff-del">struck through</del>: only in the other '
            'version; <ins class="critic diff-ins">underlined</ins>: only in the version shown.</p>', "</div>"]
    return "\n".join(out)
