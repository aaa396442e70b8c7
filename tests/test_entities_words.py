"""Per-word facts the first reading caches: a word's fitness for a name, a recorded form, a counted mention."""
from __future__ import annotations

import pytest

from generator.entities.mentions import form_of as _form
from generator.entities.mentions import mention_of as _mention
from generator.entities.names import is_caps as _is_caps
from generator.entities.cues import name_word as _name_word

# (cable the convention comes from, word as written, may stand in a personal name)
NAME_WORDS = [
    ("09STATE52368 (seed 002)", "Costner", True),
    ("08TESTPOST2", "Ossiansson", True),
    ("10STATE284 (seed 000)", "al-Jahmi", True),  # a particle word is a name word
    ("10STATE284 (seed 000)", "al", True),  # a particle alone (its place in the phrase is judged later)
    ("08TESTPOST1", "embassy", False),  # lower case
    ("08TESTPOST1", "Embassy", False),  # cable vocabulary
    ("08TESTPOST1", "Dutch", False),  # a demonym
    ("09STATE52368 (seed 002)", "Ambassadors", False),  # a title in the plural
    ("08TESTPOST1", "NGOs", False),  # an acronym in the plural
    ("08TESTPOST1", "Non-NATO", False),
    ("08TESTPOST1", "2009", False),
    ("08TESTPOST2", "KUSA", True),  # capitals: judged again per cable (acronyms the cable defines)
]


@pytest.mark.parametrize("cable_id, word, ok", NAME_WORDS, ids=[f"{r[0]}:{r[1]}" for r in NAME_WORDS])
def test_name_words(cable_id, word, ok):
    assert _name_word(word) is ok


# (cable, written, recorded form)
FORMS = [
    ("08TESTPOST2", "Halvard Ossiansson's", "Halvard Ossiansson"),
    ("10STATE284 (seed 000)", "UK’s", "UK"),
    ("08TESTPOST3", "- Nordic Fisheries Council,", "Nordic Fisheries Council"),
    ("08TESTPOST1", "--", ""),
    ("08TESTPOST1", "A", ""),
    ("10STATE284 (seed 000)", "U.S", "U.S"),
]


@pytest.mark.parametrize("cable_id, written, form", FORMS, ids=[f"{r[0]}:{r[1]}" for r in FORMS])
def test_recorded_forms(cable_id, written, form):
    assert _form(written) == form


MENTIONS = [
    ("08TESTPOST2", "Ossiansson's", "Ossiansson"),
    ("08TESTPOST3", "Nordic Fisheries\n   Council", "Nordic Fisheries Council"),  # a name across a line break
    ("10STATE284 (seed 000)", "Bahrain’S", "Bahrain"),
]


@pytest.mark.parametrize("cable_id, written, counted", MENTIONS, ids=[f"{r[0]}:{r[1]!r}" for r in MENTIONS])
def test_counted_mentions(cable_id, written, counted):
    assert _mention(written) == counted


CAPS = [
    ("09TRIPOLI288 (subject in capitals)", "THE AMBASSADOR MET FM KUSA ON 12 MAY.", True),
    ("08TESTPOST2", "Trade Minister Halvard Ossiansson opened the talks.", False),
    ("08TESTPOST1", "(C) OK.", False),  # too few letters to tell
    ("10BERLIN118 (capitals with accents)", "ÉCOLE NATIONALE D'ADMINISTRATION À PARIS", True),
    ("08MANAMA312 (a heading)", "MFA AND MOD OFFICIALS met", True),
]


@pytest.mark.parametrize("cable_id, text, caps", CAPS, ids=[r[0] for r in CAPS])
def test_text_in_capitals(cable_id, text, caps):
    assert _is_caps(text) is caps
