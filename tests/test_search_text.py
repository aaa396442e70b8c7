"""generator/search/text.py: the fast paths (ASCII folding, counting each word once) index exactly what the plain
definitions do, on real cable text (../shared/corpus) and on text made to catch the edges."""
from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from generator.search import text as st

ROWS = [  # (where the text comes from, text)
    ("a subject line, as cables write them", "BAHRAIN: KING HAMAD MEETS WITH U.S. OFFICIALS ON IRAN (C-NE8-00123)"),
    ("issue 5: accents", "Müller met the Présidente in São Paulo; naïve café, Œuvre ﬁnance"),
    ("edges: lengths and stop words", "a I it is ab " + "x" * 40 + " " + "y" * 41 + " the The THE of 42 7"),
    ("edges: digits and marks", "1.4(b) and (d); 09STATE71533 ¶3 — ＦＵＬＬＷＩＤＴＨ ２０１０"),
    ("empty", ""),
]


def plain_fold(text: str) -> str:
    """fold() as first written: always decomposed."""
    return st._MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


@pytest.mark.parametrize("source,text", ROWS, ids=[r[0] for r in ROWS])
def test_fast_paths_index_what_the_plain_definitions_do(source, text):
    assert st.fold(text) == plain_fold(text)
    plain_terms = [t for t in st._TERM.findall(plain_fold(text)) if st.MIN_LEN <= len(t) <= st.MAX_LEN
                   and t not in st.STOPWORDS]
    assert st.terms(text) == plain_terms
    assert st.term_counts(text) == dict(Counter(plain_terms))


def test_counts_keep_what_a_reader_would_search_for():
    counts = st.term_counts(ROWS[1][1] + " Muller")
    assert counts["muller"] == 2 and counts["sao"] == 1 and counts["finance"] == 1
    assert "x" * 40 in st.term_counts(ROWS[2][1]) and "y" * 41 not in st.term_counts(ROWS[2][1])
    assert "the" not in st.term_counts("The THE the") and "i" not in st.term_counts("I")


def test_a_corpus_cable_counts_the_same_both_ways(corpus_cables):
    cables, _skips = corpus_cables
    body = "\n".join(st.body_text(c) for c in cables[:40])
    assert len(body) > 10_000
    plain = [t for t in st._TERM.findall(plain_fold(body)) if st.MIN_LEN <= len(t) <= st.MAX_LEN
             and t not in st.STOPWORDS]
    assert st.term_counts(body) == dict(Counter(plain))
