"""The cable body as HTML: paragraphs with permalinks, headings, portion marks, redactions, and links.

Links are found in one pass over each paragraph: back-references to the REF list (`(ref a)`, `reftel B`,
`REFTEL`), named entities (matched word by word, so the cost does not grow with the number of names), and
redactions (`XXXXXXXXXXXX`). Everything between them is escaped text. A quick substring test skips the REF and
redaction patterns in the many paragraphs that cannot hold one.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from itertools import accumulate
from typing import NamedTuple

from .. import urls
from ..record import Cable, Paragraph
from ..resolve import entity_key
from .text import h

_TOKEN = re.compile(r"\w+(?:['’.&/-]\w+)*")
REF_MENTION = re.compile(
    r"(?<![\w-])(?P<kw>REFTELS?|REFS?|REFERENCE)(?![\w-])(?:\s+(?P<label>[A-Z])(?![\w-]))?", re.IGNORECASE)
REDACTION = re.compile(r"(?<![A-Za-z0-9])(?:X{6,}|x{6,})(?![A-Za-z0-9])")
SNIPPET = 80  # characters of context each side of a mention on entity pages


class Span(NamedTuple):
    """A piece of a paragraph that becomes markup: a link (href) or a redaction (href None)."""

    start: int
    end: int
    kind: str  # ref | entity | redaction
    href: str | None = None
    title: str | None = None
    key: str | None = None


class EntityMatcher:
    """Finds the entities of one cable in its text by whole words, longest name first.

    str.find over the first words of the names finds candidate positions in C; only there are the words
    compared, so the cost is a fast scan of the text per name plus a little per mention (no regex to compile).
    The paragraphs of a cable are scanned as one text (`find_each`), so the scans are few and long.
    """

    def __init__(self, names: dict[str, str]):
        self.first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, key in names.items():
            toks = _words(name)
            if toks:
                self.first.setdefault(toks[0], []).append((toks, key))
        for cands in self.first.values():
            cands.sort(key=lambda c: (-len(c[0]), c[0]))

    def _candidates(self, text: str) -> list[int]:
        """Every position where the first word of some name occurs, in order."""
        starts = set()
        for w in self.first:
            i = text.find(w)
            while i >= 0:
                starts.add(i)
                i = text.find(w, i + 1)
        return sorted(starts)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every mention, non-overlapping."""
        return self.find_each([text])[0]

    def find_each(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """`find` for each text, in one scan of them all: joined by a character that is neither a word, a space
        nor a joiner, so no word or name runs from one text into the next."""
        out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        if not self.first or not texts:
            return out
        joined = _APART.join(texts)
        ends = list(accumulate(len(t) + 1 for t in texts))  # where each text ends (its separator), in `joined`
        k = 0
        pos = 0
        for start in self._candidates(joined):
            if start < pos or not _token_start(joined, start):
                continue
            hit = _match(joined, start, self.first)
            if hit:
                pos, key = hit
                while ends[k] <= start:
                    k += 1
                offset = ends[k] - len(texts[k]) - 1
                out[k].append((start - offset, pos - offset, key))
        return out


@functools.lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    """The words of a name as the matcher compares them: the same names come back in cable after cable."""
    return tuple(_TOKEN.findall(name))


def _match(text: str, start: int, first: dict) -> tuple[int, str] | None:
    """End and key of the longest name that starts at a token start, with only spaces between its words."""
    tok = _TOKEN.match(text, start)
    for words, key in first.get(tok.group(), ()) if tok else ():
        end = tok.end()
        for w in words[1:]:
            gap = _GAP.match(text, end)
            nxt = _TOKEN.match(text, gap.end()) if gap else None
            if not nxt or nxt.group() != w:
                break
            end = nxt.end()
        else:
            return end, key
    return None


_APART = "\x00"  # neither \w, \s nor a joiner: it ends a word and a gap, as the end of a text does
_GAP = re.compile(r"\s+")


def _token_start(text: str, i: int) -> bool:
    """True where a word (as _TOKEN reads words) begins: not inside `U.S`, `ISN/NSS` or `word`."""
    if i == 0:
        return True
    prev = text[i - 1]
    if prev.isalnum() or prev == "_":
        return False
    return not (prev in "'’.&/-" and i >= 2 and (text[i - 2].isalnum() or text[i - 2] == "_"))


def entity_matcher(cable: Cable) -> EntityMatcher:
    """Matcher over every spelling of every entity of the cable."""
    names: dict[str, str] = {}
    for e in cable.entities:
        key = entity_key(e)
        for n in (e.name, *e.aliases):
            names.setdefault(n, key)
    return EntityMatcher(names)


def ref_targets(cable: Cable) -> dict[str, list[str]]:
    """REF label (upper case; "" for an unlettered item) -> the cable IDs it names, in order."""
    out: dict[str, list[str]] = {}
    for r in cable.references:
        ids = out.setdefault(r.label.upper(), [])
        if r.id and r.id not in ids:
            ids.append(r.id)
    return out


def ref_anchor(label: str, index: int) -> str:
    """Id of an item of the REF list on the cable page."""
    return f"ref-{label.lower()}" if label and re.fullmatch(r"[A-Za-z]", label) else f"ref-{index}"


def _ref_spans(text: str, page: str, targets: dict[str, list[str]], resolve) -> list[Span]:
    """Back-references in the text, each linked to the cable it names (or to the REF list when ambiguous)."""
    if not targets or "ref" not in text.lower():  # every REF_MENTION starts with R, E, F (ASCII only)
        return []
    every = list(dict.fromkeys(i for ids in targets.values() for i in ids))
    labels = list(targets)
    out = []
    for m in REF_MENTION.finditer(text):
        label = (m.group("label") or "").upper()
        end = m.end()
        if label and label not in targets:
            label, end = "", m.end("kw")
        if m.group("kw").upper() == "REFERENCE" and not label:
            continue
        ids = targets[label] if label else every
        if label and len(ids) == 1:
            href, title = urls.href(page, urls.cable(resolve(ids[0]))), resolve(ids[0])
        elif label:
            href, title = "#" + ref_anchor(label, labels.index(label) + 1), f"REF {label}"
        elif len(every) == 1:
            href, title = urls.href(page, urls.cable(resolve(every[0]))), resolve(every[0])
        else:
            href, title = "#references", "REF list"
        out.append(Span(m.start(), end, "ref", href, title))
    return out


def _spans(text: str, page: str, targets, resolve, mentions: list[tuple[int, int, str]],
           hrefs: dict[str, str] | None = None) -> list[Span]:
    """Every span of a paragraph that becomes markup, non-overlapping, in text order (`mentions`: its entities,
    in text order; `hrefs`: the links to entity pages made so far for this page, filled in as they are made)."""
    hrefs = {} if hrefs is None else hrefs
    spans = _ref_spans(text, page, targets, resolve)
    if "XXXXXX" in text or "xxxxxx" in text:
        spans += [Span(m.start(), m.end(), "redaction") for m in REDACTION.finditer(text)]
    if not spans:
        return _first_mentions(page, mentions, hrefs)
    spans += [Span(s, e, "entity", None, None, key) for s, e, key in mentions]
    spans.sort(key=lambda s: (s.start, s.start - s.end))
    out: list[Span] = []
    linked: set[str] = set()
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        if s.key:  # an entity is linked at its first mention in each paragraph only
            if s.key in linked:
                continue
            linked.add(s.key)
            s = s._replace(href=_entity_href(page, s.key, hrefs))
        out.append(s)
    return out


def _first_mentions(page: str, mentions: list[tuple[int, int, str]], hrefs: dict[str, str]) -> list[Span]:
    """`_spans` of a paragraph with no REF mention and no redaction (most of them): the matcher's mentions never
    overlap and come in text order, so what is linked is simply the first mention of each entity."""
    out: dict[str, Span] = {}
    for s, e, key in mentions:
        if key not in out:
            out[key] = Span(s, e, "entity", _entity_href(page, key, hrefs), None, key)
    return list(out.values())


def _entity_href(page: str, key: str, hrefs: dict[str, str]) -> str:
    """The link from the page to an entity's page, made once per page (an entity is linked in many paragraphs)."""
    href = hrefs.get(key)
    if href is None:
        href = hrefs[key] = urls.href(page, key)
    return href


_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def markup(text: str, spans: list[Span]) -> str:
    """Escaped text with the spans turned into links and redaction marks; newlines become <br>."""
    parts = []
    pos = 0
    for s in spans:
        parts.append(h(text[pos:s.start]))
        inner = h(text[s.start:s.end])
        if s.kind == "redaction":
            parts.append(f'<span class="redacted" title="Redacted in the release">{inner}</span>')
        else:
            title = f' title="{h(s.title)}"' if s.title else ""
            parts.append(f'<a class="{s.kind}" href="{s.href}"{title}>{inner}</a>')
        pos = s.end
    parts.append(h(text[pos:]))
    out = "".join(parts).strip()
    return _BREAK.sub("<br>\n", out) if "\n" in out else out


def snippet(text: str, start: int, end: int) -> tuple[str, str, str]:
    """Context of a mention: (before, mention, after), cut at word boundaries."""
    a = max(0, start - SNIPPET)
    b = min(len(text), end + SNIPPET)
    before = text[a:start]
    after = text[end:b]
    if a > 0:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if b < len(text):
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    return before, text[start:end], after


def paragraph_ids(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    """Permalink id of each paragraph (`par1` …); a repeated number falls back to its position."""
    seen: set[str] = set()
    out = []
    for i, p in enumerate(paragraphs, 1):
        pid = urls.paragraph_anchor(p.number, i)
        if pid in seen:
            pid = urls.paragraph_anchor(None, i)
        seen.add(pid)
        out.append(pid)
    return out


def entity_mentions(cable: Cable, linked: Callable[[str], bool]) -> list[list[tuple[int, int, str]]]:
    """The mentions to link in each paragraph: those of entities with a page. Every name is matched all the
    same, so a name without a page still keeps a shorter name inside it (`Smith` in `John Smith`) unlinked."""
    texts = [p.text for p in cable.paragraphs]
    keys = {key for key in map(entity_key, cable.entities) if linked(key)}  # every key the matcher can give
    if not keys:
        return [[] for _ in texts]
    found = entity_matcher(cable).find_each(texts)
    return [[m for m in ms if m[2] in keys] for ms in found]


def body_html(cable: Cable, page: str, resolve, linked: Callable[[str], bool] = lambda _key: True
              ) -> tuple[str, dict[str, tuple[str, str, str, str]]]:
    """The body as one raw HTML block, and the first mention of each entity: key -> (anchor, before, name, after).

    `linked` says which entity keys have a page to link to (the archive decides; see resolve.mark_pages).
    """
    targets = ref_targets(cable)
    mentions = entity_mentions(cable, linked)
    first: dict[str, tuple[str, str, str, str]] = {}
    hrefs: dict[str, str] = {}
    out = ['<div class="cable-body">']
    for p, pid, found in zip(cable.paragraphs, paragraph_ids(cable.paragraphs), mentions):
        if p.heading:
            out.append(f'<h3 class="cable-heading">{h(p.heading)}</h3>')
        spans = _spans(p.text, page, targets, resolve, found, hrefs)
        for s in spans:
            if s.key and s.key not in first:
                first[s.key] = (pid, *snippet(p.text, s.start, s.end))
        num = f'<a class="par-link" href="#{pid}" title="Link to this paragraph">¶</a>'
        if p.number is not None:
            num += f'<span class="par-num">{p.number}.</span> '
        if p.mark:
            num += f'<span class="portion" title="Portion marking">({h(p.mark)})</span> '
        out.append(f'<p id="{pid}">{num}{markup(p.text, spans)}</p>')
    out.append("</div>")
    return "\n".join(out), first
