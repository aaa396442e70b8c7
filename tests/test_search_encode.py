"""The number strings the browser decodes: round trips, gaps, and postings."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.search import encode


@given(st.lists(st.integers(min_value=0, max_value=2**40)))
def test_numbers_round_trip(values):
    assert encode.decode(encode.numbers(values)) == values


@given(st.sets(st.integers(min_value=0, max_value=10**7)))
def test_gaps_restore_sorted_values(values):
    ordered = sorted(values)
    restored, prev = [], -1
    for g in encode.gaps(ordered):
        prev += g + 1
        restored.append(prev)
    assert restored == ordered


def test_neighbouring_docs_cost_one_character():
    assert encode.numbers(encode.gaps([5, 6, 7, 8])) == "5000"
    assert len(encode.postings([(0, 7), (1, 1), (2, 3)])) == 3


def test_postings_pack_doc_gap_and_weight():
    packed = encode.decode(encode.postings([(3, 5), (10, 1)]))
    assert [(v >> 3, v & 7) for v in packed] == [(3, 5), (6, 1)]


def test_only_safe_characters_in_strings():
    text = encode.numbers(range(0, 5000, 7))
    assert set(text) <= set(encode.DIGITS + encode.CONT)
    assert '"' not in text and "\\" not in text


@pytest.mark.parametrize("bad", [[(2, 1), (2, 1)], [(1, 8)], [(-1, 1)]])
def test_postings_reject_unsorted_or_bad_weights(bad):
    with pytest.raises(ValueError):
        encode.postings(bad)


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=7)),
                unique_by=lambda p: p[0]))
def test_packed_postings_match_postings(pairs):
    pairs = sorted(pairs)
    assert encode.packed_postings((d << 3) | w for d, w in pairs) == encode.postings(pairs)
