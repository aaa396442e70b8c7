"""Other spellings of a name's words (generator/search/variants.py), from the entities the build gives the search
records; the names in the rows are as the entity pass gives them for the real cables named."""
from __future__ import annotations

import pytest

from generator.search import pagefind
from generator.search.text import Doc
from generator.search.variants import Variants, _alike_pairs, alike, sound

# (cable, entity type, name, other spellings merged into it) as the entity pass gave them on the corpus site
LIBYA = [
    ("09BERN351", "PER", "Muammar Gaddafi"),
    ("09STATE88783", "PER", "Muammar al-Qadhafi", "Muammar Qadhafi", "Qadhafi"),
    ("07TUNIS1489", "PER", "Qaddafi"),
    ("09BERN351", "PER", "Hannibal Gaddafi", "HANNIBAL GADDAFI"),
]


def table(*rows: tuple[str, ...]) -> dict[str, list[str]]:
    v = Variants()
    for row in rows:
        v.add([list(row[1:])])
    return v.table()


def test_the_spellings_of_qadhafi_find_each_other():
    t = table(*LIBYA)
    assert t["qadhafi"] == ["gaddafi", "qaddafi"]
    assert t["gaddafi"] == ["qaddafi", "qadhafi"]
    assert t["qaddafi"] == ["gaddafi", "qadhafi"]
    assert "muammar" not in t and "hannibal" not in t  # the other words of a name are not spellings


@pytest.mark.parametrize("rows, word, want", [
    # one entity's merged spellings (09TRIPOLI475: Muammar al-Qadhafi, also written Al-Qadhafi)
    ([("09TRIPOLI475", "PER", "Muammar al-Qadhafi", "AL-QADHAFI")], "qadhafi", None),
    # two people's names that differ in one word spelled alike (first names of 09BERN432, 09LONDON1946)
    ([("x", "PER", "Mohammed Hassan"), ("y", "PER", "Muhammad Hassan")], "mohammed", ["muhammad"]),
    # the same shape, names of places or bodies: not spellings (Airport / Report)
    ([("x", "ORG", "Tripoli Airport"), ("y", "ORG", "Tripoli Report")], "airport", None),
    # two different people who share a surname: Mark and Mary are not spellings of each other
    ([("x", "PER", "Mark Smith"), ("y", "PER", "Mary Smith")], "mark", None),
    # the Supreme Leader and his predecessor (08MANAMA49 names Khomeini): never one search
    ([("x", "PER", "Ayatollah Khamenei"), ("08MANAMA49", "PER", "Ayatollah Khomeini")], "khamenei", None),
    # merged spellings of one body whose words differ in meaning: Ministry of Interior / Military
    ([("x", "ORG", "Ministry of Interior", "Military of Interior")], "ministry", None),
])
def test_rules(rows, word, want):
    assert table(*rows).get(word) == want


@pytest.mark.parametrize("a, b, same", [
    ("qadhafi", "gaddafi", True), ("qadhafi", "kadhafi", True), ("mohammed", "muhammad", True),
    ("hussein", "husain", True), ("hassan", "hasan", True), ("airport", "report", False),
])
def test_sound(a, b, same):
    assert (sound(a) == sound(b)) is same


def test_short_or_unlike_words_are_not_spellings():
    assert alike("qadhafi", "gaddafi")
    assert not alike("ahmed", "ahmad", min_len=6)
    assert not alike("iran", "iraq", min_len=5)
    assert not alike("2008", "2009")
    assert not alike("hassan", "hussein")  # they sound alike (`hsn`), but are two names


def test_the_table_is_the_same_whatever_the_order_of_the_cables():
    assert table(*LIBYA) == table(*reversed(LIBYA))


def test_pagefind_records_carry_the_other_spellings_the_cable_does_not_write():
    doc = Doc(id="09BERN351", url="cable/09BERN351.html", date="2009-07-01", year="2009", origin="BERN",
              origin_name="Embassy Bern", classification="CONFIDENTIAL", subject="LIBYA",
              tags=("PREL",), key="09BERN351", body="1. Gaddafi said no.", anchors=((0, "par1"),))
    rec = pagefind.record(doc, table(*LIBYA))
    assert rec["content"].endswith("\nqaddafi qadhafi")
    assert rec["meta"]["pars"] == '[[0,"par1"]]'
    assert pagefind.record(doc)["content"].endswith("\n")  # no table, no extra words


def test_two_people_stay_apart_even_through_other_spellings():
    """On the corpus, `Khameni` and `Khameini` were both close to `Khomeini` (08MANAMA49): the group of the Supreme
    Leader's spellings must not take in his predecessor through them."""
    t = table(("x", "PER", "Ayatollah Khamenei", "Khameini", "Khameni"), ("08MANAMA49", "PER", "Ayatollah Khomeini"),
              ("y", "PER", "Ali Khameni"), ("z", "PER", "Ali Khomeini"))
    assert "khomeini" not in t.get("khamenei", []) and "khamenei" not in t.get("khomeini", [])
    assert t["khamenei"] == ["khameini", "khameni"]


def _every_pair(found: list[str], min_len: int, ratio: float) -> set[tuple[str, str]]:
    """The rule as first written: every pair of a bucket compared (the slow form `_alike_pairs` must equal)."""
    return {(a, b) for i, a in enumerate(found) for b in found[i + 1:] if sound(a) == sound(b)
            and alike(a, b, ratio, min_len)}


# first names and surnames as the entity pass gives them on the corpus site (09TRIPOLI475, 09BERN432, 08MANAMA49,
# 09LONDON1946), with words that share a sound but are other names, and short words under the length rule
BUCKET = sorted({"qadhafi", "gaddafi", "qaddafi", "kadhafi", "gadhafi", "mohammed", "muhammad", "mohamed",
                 "mohammad", "hassan", "hasan", "hussein", "husain", "hossein", "khamenei", "khameini", "khomeini",
                 "ahmed", "ahmad", "ali", "aly", "mark", "mary", "smith", "smyth", "airport", "report", "iran",
                 "iraq", "abdullah", "abdallah", "abdulla", "saleh", "salih", "salah", "said", "saeed", "sayed"})


@pytest.mark.parametrize("min_len, ratio", [(4, 0.7), (5, 0.7), (6, 0.8)])
def test_pairs_by_sound_equal_every_pair_compared(min_len, ratio):
    assert set(_alike_pairs(BUCKET, min_len, ratio)) == _every_pair(BUCKET, min_len, ratio)
