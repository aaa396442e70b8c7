"""Undo what NLP tooling did to some cable texts: entity annotations and tokenization (CABLES.md)."""
from __future__ import annotations

import re

ANNOTATION = re.compile(r"\[(PER|ORG|LOC|MISC) ([^\[\]\n]*?)\s*\]")


def is_annotated(text: str) -> bool:
    """True when the text carries `[PER Name  ]`-style annotations."""
    return ANNOTATION.search(text) is not None


def strip_annotations(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with annotation brackets removed (words kept), and the (type, words) spans in order."""
    spans: list[tuple[str, str]] = []

    def keep(m: re.Match) -> str:
        spans.append((m.group(1), m.group(2).strip()))
        return m.group(2).strip()

    return ANNOTATION.sub(keep, text), spans


_TOKENIZED = re.compile(r"\w \. ?\n|\w , \w|\( [A-Za-z]+ \)")


def is_tokenized(text: str) -> bool:
    """True when punctuation stands apart from words (`Libya , the`, `( ref a )`) throughout."""
    head = text[:20000]
    # every match holds one of these, and matches do not overlap: fewer than 3 of them, no need to scan
    if head.count(" .") + head.count(" , ") + head.count("( ") < 3:
        return False
    return len(_TOKENIZED.findall(head)) >= 3


_RULES = (
    (re.compile(r"([\w)\]\"]) \.(?=\s|$)"), r"\1."),  # `policy .` -> `policy.`, `(ref b) .` -> `(ref b).`
    (re.compile(r"(\w\.\w) \.(?=\W|$)"), r"\1."),  # `U.S .` -> `U.S.`
    (re.compile(r" ([,;:!?%])(?=\s|$)"), r"\1"),
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r" ([)\]])"), r"\1"),
    (re.compile(r"(\w) (['’]s\b|n['’]t\b|['’](?:re|ve|ll|d|m)\b)"), r"\1\2"),
    (re.compile(r"(\w) ([-/]) (?=\w)"), r"\1\2"),
)
_QUOTES = re.compile(r'" ([^"\n]*?) "')


def detokenize(text: str) -> str:
    """Join tokenized punctuation back to its words: `Libya , the` -> `Libya, the`, `( ref a )` -> `(ref a)`."""
    out = []
    for line in text.split("\n"):
        line = _QUOTES.sub(r'"\1"', line)
        for pattern, repl in _RULES:
            line = pattern.sub(repl, line)
        out.append(line)
    text = "\n".join(out)
    # a sentence split after an abbreviation (`U.S\n.`) or a number line `1 .` is rejoined
    text = re.sub(r"(\w)\s*\n\s*\.(?=\s|$)", r"\1.", text)
    return text
