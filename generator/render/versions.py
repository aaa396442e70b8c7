"""Versions of a cable: which input its page shows, and how every other input of the same cable differs.

The WikiLeaks site republished cables with new redactions, so two inputs of one cable can differ by a word. The
diff compares lines first (cheap, hashed), then words inside the lines that changed, so a redaction shows as one
struck word and one underlined word, whatever the line wrapping of the two copies. Unchanged stretches fold
away around the changes. Everything shown is escaped text.
"""
from __future__ import annotations

from ..diff import Piece, changes, diff_pieces
from ..record import Cable
from ..resolve import Archive, released, same_text
from .text import h

CONTEXT = 2  # unchanged lines shown before and after each change
# Material colours `del.critic` and `ins.critic` (light and dark schemes); browsers strike and underline them
_DEL = '<del class="critic diff-del" title="only in the other version">'
_INS = '<ins class="critic diff-ins" title="only in the version shown">'


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
