"""The words of a text with their shapes and breaks, and what the archive's prose says of each word."""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from .gazetteer import GENERIC, wkey

# --- tokens --------------------------------------------------------------------------------------------------

TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|[^\W_](?:[\w'’\-/&]*[^\W_])?")
_DOTTED = frozenset("mr mrs ms dr st gen lt col maj brig adm capt cdr sgt prof rep sen amb gov jr sr no".split())
_SENT_END = re.compile(r"[.!?:;\"“”(\[]|--|\n\s*\n|^\s*-\s")
PARTICLE_WORD = re.compile(r"^(?:al|el|bin|ibn|abu|ul|ad|as|ash|az)-[A-Z]", re.I)


class Tok(NamedTuple):
    """One word of a text: its form, lookup key, place, shape (cap/upper/lower/num), and what precedes it."""

    text: str
    key: str
    start: int
    end: int
    shape: str
    brk: bool  # punctuation stands between it and the previous word
    sent: bool  # it opens a sentence (or a parenthesis, a list item)


_new_tok = tuple.__new__  # Tok's fields in one C call: tokens are made by the hundred thousand


def _shape(w: str) -> str:
    c0 = w[0]
    if c0.islower():
        if PARTICLE_WORD.match(w):
            return "cap"
        return "lower"
    if c0.isdigit():
        return "upper" if w.isupper() and sum(c.isalpha() for c in w) >= 2 else "num" if not any(
            c.isalpha() for c in w) else "lower"
    if "-" in w and w.rsplit("-", 1)[1][:1].islower():
        return "lower"  # `USG-funded`: an adjective, not a name
    if w.isupper() and len(w) >= 2 and (len(w) > 2 or w[1].isalpha()):
        return "upper"
    return "cap"


_ENDS = r"(?![\w'’\-/&.])"  # a word ends here as TOKEN would end it (and is no `e.g.`-style abbreviation)
_GAP_TOKEN = re.compile(  # the words TOKEN finds, found faster: plain lower case (its own group), `Embassy`, others
    r"([\W_]*+)(?:([a-z]++)" + _ENDS + r"|([A-Z][a-z]*+" + _ENDS + "|" + TOKEN.pattern + "))")


@functools.lru_cache(maxsize=200_000)
def word_info(w: str) -> tuple[str, str]:
    """Lookup key and shape of a word (cached: the same names recur across the archive)."""
    return wkey(w), _shape(w)


def tokenize(text: str) -> list[Tok]:
    """The words of a text with their shapes and the breaks between them."""
    return marked_tokens(text)[0]


def marked_tokens(text: str) -> tuple[list[Tok], list[int]]:
    """The words of a text, and where the words not in lower case are (the few that every scan starts from)."""
    toks: list[Tok] = []
    marks: list[int] = []
    append = toks.append
    found = _GAP_TOKEN.findall(text)
    if not found:
        return toks, marks
    gap, lw, w = found[0]
    w = lw or w
    key, shape = word_info(w)
    pos = len(gap) + len(w)
    last = _new_tok(Tok, (w, key, len(gap), pos, shape, False, True))
    append(last)
    if shape != "lower":
        marks.append(0)
    sent_end = _SENT_END.search
    word = word_info
    for gap, lw, w in islice(found, 1, None):  # one pass per word of the archive: kept lean
        if lw and gap == " ":  # most words: lower case, one space before
            start = pos + 1
            pos = start + len(lw)
            last = _new_tok(Tok, (lw, lw, start, pos, "lower", False, False))
            append(last)
            continue
        if lw:
            w = key = lw
            shape = "lower"
        else:
            key, shape = word(w)
            if shape != "lower":
                marks.append(len(toks))
        start = pos + len(gap)
        pos = start + len(w)
        if gap == " ":
            brk = sent = False
        else:
            g = gap.strip()
            if g == "." and ((len(last[0]) == 1 and last[0].isupper()) or last[1] in _DOTTED):
                g = ""  # `Donald A. Mahley`, `Mr. Smith`: the dot ends an abbreviation, not a sentence
            brk = bool(g)
            sent = bool(sent_end(gap)) if (brk or "\n" in gap) else False
            if brk and last[4] == "num":
                sent = True
        last = _new_tok(Tok, (w, key, start, pos, shape, brk, sent))
        append(last)
    return toks, marks


# --- what the archive's own text says about words ------------------------------------------------------------

_VOCAB_LOWER = re.compile(r"(?<![\w'’.\-/])[a-z][a-z'’]*(?![\w\-/])")
_VOCAB_CAP = re.compile(r"[A-Z](?<=[a-z0-9,] [A-Z])[a-z'’]+(?![\w\-/])")  # the capital first: a fast scan


@dataclass
class Vocab:
    """How often each word is written in lower case and capitalised mid-sentence across the archive."""

    lower: Counter = field(default_factory=Counter)
    cap: Counter = field(default_factory=Counter)

    def learn(self, text: str) -> None:
        text = text.replace("’", "'")  # both patterns treat the two apostrophes alike
        self.lower.update(_VOCAB_LOWER.findall(text))
        caps = _VOCAB_CAP.findall(text)
        if caps:
            self.cap.update(" ".join(caps).lower().split(" "))

    def common(self, key: str) -> bool:
        """A word of ordinary prose (`post`, `visit`), not a name, judged by how the archive writes it."""
        if key in GENERIC:
            return True
        low = self.lower[key]
        return low >= 2 and low * 2 >= self.cap[key]
