"""The tokenizer's fast word pattern and its marks: the same words as the plain pattern, every capital marked."""
from __future__ import annotations

import pytest

from generator.entities.reading import Extractor
from generator.entities.tokens import TOKEN as _TOKEN
from generator.entities.tokens import marked_tokens as _tokens
from generator.entities.tokens import tokenize

# (cable the convention comes from, text written for the test, words, shapes, breaks, sentence openers)
ROWS = [
    ("08TESTPOST2", "Trade Minister Halvard Ossiansson opened the talks.",
     "Trade Minister Halvard Ossiansson opened the talks", "cap cap cap cap lower lower lower", "0000000",
     "1000000"),
    ("10STATE284 (seed 000)", "the U.S. and e.g. ISN/NSS staff",
     "the U.S. and e.g. ISN/NSS staff", "lower upper lower lower upper lower", "000000", "100000"),
    ("09STATE52368 (seed 002)", "Amb. Gene Cretz met Mr. A. Kusa. He left",
     "Amb Gene Cretz met Mr A Kusa He left", "cap cap cap lower cap cap cap cap lower", "000000010",
     "100000010"),
    ("08TESTPOST1", "1. (C) Summary: café-owners, USG-funded al-Jahmi's iPhone x2 don't",
     "1 C Summary café-owners USG-funded al-Jahmi's iPhone x2 don't", "num cap cap lower lower cap lower lower "
     "lower", "011110000", "110100000"),
]


@pytest.mark.parametrize("cable_id, text, words, shapes, brks, sents", ROWS, ids=[r[0] for r in ROWS])
def test_words_shapes_and_breaks(cable_id, text, words, shapes, brks, sents):
    toks = tokenize(text)
    assert [t.text for t in toks] == words.split()
    assert [t.shape for t in toks] == shapes.split()
    assert "".join(str(int(t.brk)) for t in toks) == brks
    assert "".join(str(int(t.sent)) for t in toks) == sents
    assert all(text[t.start:t.end] == t.text for t in toks)


@pytest.mark.parametrize("cable_id, text, words, shapes, brks, sents", ROWS, ids=[r[0] for r in ROWS])
def test_marks_are_the_words_not_in_lower_case(cable_id, text, words, shapes, brks, sents):
    toks, marks = _tokens(text)
    assert marks == [i for i, s in enumerate(shapes.split()) if s != "lower"]
    assert [toks[i].shape for i in marks] == [s for s in shapes.split() if s != "lower"]


def test_real_cables_tokenize_as_the_plain_pattern_reads(corpus_cables):
    cables, _skips = corpus_cables
    texts = [t for c in cables for t, _caps in Extractor.segments(c)]
    assert len(texts) > 1000
    for text in texts:
        toks, marks = _tokens(text)
        assert [t.text for t in toks] == _TOKEN.findall(text)
        assert marks == [i for i, t in enumerate(toks) if t.shape != "lower"]
