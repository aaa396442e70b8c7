"""Escaping: every word a cable says is untrusted, so it reaches a page only through these functions.

Three contexts exist. Raw HTML blocks (the cable body, metadata, lists of references, cable listings, entity
pages) get `h()` and are wrapped by `raw()`: MkDocs inserts them as they are (overrides/hooks/rawhtml.py), so HTML
escaping is all they need, and escaped text has no `<` to forge a block's end. Markdown text (intros, small index
tables) gets `md()`: HTML escaping first, then a backslash before every character Markdown (with the extensions in
mkdocs.yml) would read as syntax. The original telegram is a plain-text file (`clean()`: control characters out),
served as text/plain, where nothing is markup.
"""
from __future__ import annotations

import json
import re

# C0 controls (but tab, newline, CR): never useful to a reader, and \x02/\x03 are Python-Markdown's own placeholders.
_CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F]
_DROP = dict.fromkeys(_CONTROLS)
_CONTROL = re.compile("[" + "".join(map(chr, _CONTROLS)) + "]")
# Markdown: `&`, `<`, `>` as in HTML, plus a backslash before every character Python-Markdown honours a backslash escape for
# (its core list plus `|` from the tables extension). One str.translate pass does all of it.
_MD = {**_DROP, ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
       **{ord(c): "\\" + c for c in "\\`*_{}[]()#+-.!|"}}
# Any character md() would change: a quick scan lets most text through untouched (translate is slow).
_MD_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _MD))) + "]")
# Characters YAML refuses even inside a quoted string (and controls no reader needs in a title).
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x7f-\x9f]")


def _clean(text: str | None) -> str:
    """The text without control characters (quick tests first: most text has none).

    str.isprintable() is false for every control character, and fast; it is also false for a line break, so a
    text of several lines is tried line by line before the (slower) regex scan.
    """
    text = text or ""
    if text.isprintable() or all(map(str.isprintable, text.split("\n"))) or not _CONTROL.search(text):
        return text
    return text.translate(_DROP)


def clean(text: str | None) -> str:
    """Text without control characters (tab, newline and CR stay): for the plain-text files."""
    return _clean(text)


def one_line(text: str | None) -> str:
    """Text on one line, whitespace runs collapsed (fields, subjects, names).

    Printable text has no control character and no whitespace but the plain space (str.isprintable), so it is
    already on one line unless its spaces run or lead or trail.
    """
    text = text or ""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(_clean(text).split())


def h(text: str | None) -> str:
    """Text for HTML (element content or a quoted attribute): html.escape(text, quote=True) of the clean text.

    html.escape's five replacements are written out here: h runs for every piece of text of every page (close to
    a million calls a build), and the call into html.escape was about a tenth of its cost.
    """
    return (_clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def md(text: str | None) -> str:
    """One line of untrusted text for Markdown: shown literally, never read as markup or HTML."""
    text = one_line(text)
    return text.translate(_MD) if _MD_SPECIAL.search(text) else text


def md_link(label: str, target: str) -> str:
    """A Markdown link whose label is untrusted text; targets come from generator.urls only."""
    return f"[{md(label)}]({target})"


def yaml_str(text: str) -> str:
    """A YAML scalar holding the text (a JSON string is a valid YAML double-quoted string)."""
    return json.dumps(_NOT_PRINTABLE.sub("", text), ensure_ascii=False)


def front_matter(title: str, **meta: str) -> str:
    """Page metadata; the title is HTML-escaped because the theme inserts it into <title> unescaped."""
    lines = [f"title: {yaml_str(h(one_line(_NOT_PRINTABLE.sub('', one_line(title)))))}"]
    lines += [f"{k}: {yaml_str(v)}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def raw(block: str) -> str:
    """A block of generated HTML, marked so that MkDocs inserts it as it is (overrides/hooks/rawhtml.py).

    Only HTML built here, from escaped text and urls.py links, goes in: it must have no blank line (Markdown
    would end the block there when the hook is not loaded).
    """
    return f"<!--raw-->\n{block}\n<!--/raw-->"


def multiline(text: str) -> str:
    """Multi-line untrusted text for inside an HTML element: escaped, line breaks kept as <br>."""
    return "<br>\n".join(h(line) for line in text.split("\n"))
