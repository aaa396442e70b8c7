"""Compact number lists for the browser: unsigned integers as base-32 digits in a JS-string-safe alphabet.

A number is written most significant digit first; every digit but the last comes from CONT, the last from
DIGITS, so numbers need no separator. Sorted lists are stored as gaps. search.js (`decode`) reads them back.
"""
from __future__ import annotations

from collections.abc import Iterable

DIGITS = "0123456789abcdefghijklmnopqrstuv"
CONT = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


def number(n: int) -> str:
    """One unsigned integer."""
    if n < 0:
        raise ValueError(f"negative number {n}")
    out = [DIGITS[n & 31]]
    n >>= 5
    while n:
        out.append(CONT[n & 31])
        n >>= 5
    return "".join(reversed(out))


_SMALL = tuple(number(n) for n in range(1 << 15))  # every number of up to three digits, made once


def numbers(values: Iterable[int]) -> str:
    """A list of unsigned integers."""
    return "".join(number(v) for v in values)


def decode(text: str) -> list[int]:
    """The numbers of a string made by `numbers` (used by tests; the browser has its own)."""
    out: list[int] = []
    v, open_ = 0, False
    for ch in text:
        i = CONT.find(ch)
        if i >= 0:
            v, open_ = (v << 5) | i, True
        else:
            out.append((v << 5) | DIGITS.index(ch))
            v, open_ = 0, False
    if open_:
        raise ValueError("truncated number")
    return out


def gaps(sorted_values: Iterable[int]) -> list[int]:
    """Strictly increasing values as gaps minus one (the first from -1), so neighbours cost one digit."""
    out: list[int] = []
    prev = -1
    for v in sorted_values:
        if v <= prev:
            raise ValueError("values must be strictly increasing")
        out.append(v - prev - 1)
        prev = v
    return out


def postings(pairs: Iterable[tuple[int, int]]) -> str:
    """(doc, weight 0..7) pairs in doc order, as one string: gap << 3 | weight per doc."""
    out: list[str] = []
    prev = -1
    for doc, w in pairs:
        if doc <= prev or not 0 <= w <= 7:
            raise ValueError(f"bad posting {doc}, {w}")
        out.append(number(((doc - prev - 1) << 3) | w))
        prev = doc
    return "".join(out)


def packed_postings(values: Iterable[int]) -> str:
    """`postings` of values packed as doc << 3 | weight (the index's arrays), without making pairs."""
    out: list[str] = []
    prev = -1
    for v in values:
        doc = v >> 3
        if doc <= prev:
            raise ValueError(f"bad posting {doc}, {v & 7}")
        x = ((doc - prev - 1) << 3) | (v & 7)
        out.append(_SMALL[x] if x < 32768 else number(x))  # most gaps are small: a table of the short ones
        prev = doc
    return "".join(out)
