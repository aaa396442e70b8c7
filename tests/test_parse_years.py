"""The year of a cable whose text states no date (generator/parse/years.py), table-driven on real cables.

Each row gives the evidence a real cable's body offers and the year it was written (its WikiLeaks ID).
"""
from __future__ import annotations

import pytest

from generator.parse import parse
from generator.parse.years import infer_year, neighbour_years, text_years, year_hints
from generator.readers.base import RawCable

INFER_ROWS = [
    # cable, DECL as written, explicit REF years, text, archive votes, expected (year, date)
    ("10STATE284", "01/04/2020", [], "", None, (2010, "2010-01-04")),  # DECL ten years on
    ("08MANAMA496", "07/25/2028", [], "", None, (2008, "2008-07-25")),  # 2018 is after the release: twenty
    ("09MANAMA639", "11/02/2034", [], "", None, (2009, "2009-11-02")),  # twenty-five years
    ("10MANAMA15", "01/11/2030", [], "", None, (2010, "2010-01-11")),
    # an archive vote for 2009 (another cable cites `09 MANAMA 22`: serials restart every year) loses to DECL
    ("08MANAMA22", "01/16/2018", [], "", {2009: 1}, (2008, "2008-01-16")),
    ("04THEHAGUE248", "01/27/2014", [2003, 2003, 2003, 2003], "", None, (2004, "2004-01-27")),
    # unclassified: `E.O. 12958: N/A`; a full date in the text, REF years, archive votes
    ("08MANAMA540", "N/A", [], "REF: CNO N2L EMAIL DTD 08 AUGUST 2008", None, (2008, None)),
    ("09MANAMA509", "N/A", [], "Bahrain from August 25, 2009 to August 27, 2009.", None, (2009, None)),
    ("08MANAMA118", "N/A", [], "", {2008: 5}, (2008, None)),
    ("09MANAMA424", "N/A", [], "$4 million) between 1998 and 2002.", None, (None, None)),  # bare years: no guess
    ("07MANAMA962", "N/A", [], "", None, (None, None)),
]


@pytest.mark.parametrize("cable,decl,ref_years,text,votes,expected", INFER_ROWS, ids=[r[0] for r in INFER_ROWS])
def test_infer_year(cable, decl, ref_years, text, votes, expected):
    assert infer_year(decl, ref_years, text, votes) == expected
    if expected[0]:
        assert f"{expected[0] % 100:02d}" == cable[:2]


def test_neighbours_break_the_silence():
    """07MANAMA962 says nothing of its year; the archive's Manama cables nearest in serial are of 2007."""
    near = neighbour_years([(12, 2008), (950, 2007), (964, 2007), (967, 2007), (1012, 2007)], 962)
    assert max(near, key=near.get) == 2007 and sum(near.values()) < 1
    assert infer_year("N/A", [], "", None, near) == (2007, None)
    # a DECL date outweighs them: 08MANAMA22 among 2010 neighbours
    assert infer_year("01/16/2018", [], "", None, neighbour_years([(11, 2010), (15, 2010)], 22))[0] == 2008


@pytest.mark.parametrize("cable,text,years", [
    ("04THEHAGUE1903", "SUBJECT: SURVEILLANCE OF U.S. EMBASSY THE HAGUE 07/27/2004", [2004]),
    ("07MANAMA336", "Wednesday, 11 April 2007, 05:50", [2007]),
    ("03THEHAGUE2113", "10222\n\n2003-08-21\n\n03THEHAGUE2113", [2003]),
    ("05MANAMA1672", "MICHAEL AMBUEHL, NOVEMBER 11, 2005, MANAMA, BAHRAIN", [2005]),
    ("10STATE284", "E.O. 12958: DECL: 01/04/2020", []),  # after the release: not a date the cable reports
    ("09MANAMA424", "$4 million) between 1998 and 2002.", []),  # a bare year is no full date
])
def test_text_years(cable, text, years):
    assert text_years(text) == years


def test_archive_hints_from_citations():
    """What the archive says: 09MANAMA438 cites `08 MANAMA 313`; 07MANAMA1016 (of 2007) cites `MANAMA 1011`;
    08MANAMA2 cites `MANAMA 1105` with no year, a serial above its own: not of its year, so no vote."""
    hints = year_hints([
        ("MANAMA438", 2009, [(2008, "MANAMA", 313)]),
        ("MANAMA1016", 2007, [(None, "MANAMA", 1011)]),
        ("MANAMA2", 2008, [(None, "MANAMA", 1105)]),
        # a cable of unknown year citing, without a year, one whose year the archive knows
        ("MANAMA1029", None, [(None, "MANAMA", 1016)]),
    ])
    assert hints["MANAMA313"] == {2008: 1}
    assert hints["MANAMA1011"] == {2007: 1}
    assert "MANAMA1105" not in hints
    assert hints["MANAMA1029"] == {2007: 1}
    assert hints.anchors["MANAMA"] == [(2, 2008), (438, 2009), (1016, 2007)]


def _body(cls_line: str, decl: str) -> RawCable:
    """A body fragment in the seeds' form (no ID, no date)."""
    text = f"{cls_line}\n\nSIPDIS\n\nE.O. 12958: {decl}\nTAGS: PREL BA\nSUBJECT: TEST\n\n1. (C) Text.\n\nERELI"
    return RawCable("fragment.txt", "html-fragment", text)


def test_parse_marks_an_inferred_year():
    """08MANAMA22's classification line and DECL date alone: the ID is rebuilt and the date marked inferred."""
    c = parse(_body("C O N F I D E N T I A L MANAMA 000022", "DECL: 01/16/2018"))
    assert (c.id, c.date, c.date_inferred, c.year) == ("08MANAMA22", "2008-01-16", True, 2008)


def test_parse_year_without_date_still_counts():
    """08MANAMA540 (unclassified) names a full date of 2008: the year is inferred, no date is invented."""
    raw = _body("UNCLAS MANAMA 000540", "N/A")
    raw = RawCable(raw.source, raw.format, raw.text.replace("SUBJECT: TEST", "SUBJECT: TEST\n\nREF: CNO N2L EMAIL "
                                                                          "DTD 08 AUGUST 2008"))
    c = parse(raw)
    assert (c.id, c.date, c.date_inferred, c.year) == ("08MANAMA540", None, True, 2008)
