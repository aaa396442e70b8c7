"""The date-time group (DTG) and the time it gives, table-driven.

A WikiLeaks page's table repeats the hour on a 12-hour clock in place of the minutes (`041427Z SEP 08` is shown as
14:02): the time comes from the DTG, and a cable without one shows its date and no time. Rows of real cables name
them (../shared, skipped when absent); the others are made up here.
"""
from __future__ import annotations

import pytest

from generator.parse import fields as f
from generator.parse import parse
from generator.readers.html import read_html

FIELD_ROWS = [
    # the routing line, after the precedences
    ("08MANAMA592", "ZNY CCCCC ZZH\nR 041427Z SEP 08\nFM AMEMBASSY MANAMA", "041427Z SEP 08"),
    ("07MOSCOW3579", "ZNY CCCCC ZZH\nP 230600Z JUL 07\nFM AMEMBASSY MOSCOW", "230600Z JUL 07"),
    ("10TRIPOLI95", "ZNY SSSSS ZZH\nO P 021408Z FEB 10\nFM AMEMBASSY TRIPOLI", "021408Z FEB 10"),
    # alone on its line after the notice of a partial extract, the month in small letters
    ("made up: partial", "This record is a partial extract of the original cable. The full text of the original "
     "cable is not available.\n\n061428Z Jun 03", "061428Z JUN 03"),
    # run into one line with a flattened teletype header, FM after it (the `271459Z /38` before it is no DTG)
    ("00HARARE5461", "NFAT-00 SAS-00 /006W  ------------------8A8E22 271459Z /38 O 271459Z SEP 00 FM AMEMBASSY "
     "HARARE TO SECSTATE WASHDC IMMEDIATE 7213", "271459Z SEP 00"),
    ("02ROME1196", "/009W  ------------------71B573 082032Z /38 O 071013Z MAR 02 ZDK FM AMEMBASSY ROME",
     "071013Z MAR 02"),
    # the routing line comes first, wherever the others stand
    ("made up: both", "061428Z Jun 03\nP 071443Z AUG 08\nFM AMEMBASSY MANAMA", "071443Z AUG 08"),
    # no DTG: a date line, a page table's time, a DTG-like group without a month, a DTG in running text
    ("07MANAMA336", "Wednesday, 11 April 2007, 05:50\nC O N F I D E N T I A L SECTION 01 OF 02 MANAMA 000336", None),
    ("made up: table", "2008-09-04 14:02\nC O N F I D E N T I A L MANAMA 000592", None),
    ("made up: no month", "PAGE 01        HARARE  06677  01 OF 03  291400Z\nACTION AF-00", None),
    ("09STATE127892", "FOLLOWING STATE 127892 DATED 150910Z DEC 09 SENT ACTION RIGA,", None),
    # no day, hour or minute that can be
    ("made up: day 32", "P 321427Z SEP 08\nFM AMEMBASSY MANAMA", None),
    ("made up: minute 61", "061461Z Jun 03", None),
]


@pytest.mark.parametrize("cable,text,dtg", FIELD_ROWS, ids=[r[0] for r in FIELD_ROWS])
def test_date_time_group(cable, text, dtg):
    assert f.parse_date_time_group(text) == dtg


@pytest.mark.parametrize("dtg,date,time", [
    ("041427Z SEP 08", "2008-09-04", "14:27"),  # 08MANAMA592
    ("230600Z JUL 07", "2007-07-23", "06:00"),  # 07MOSCOW3579
    ("281848Z DEC 66", "1966-12-28", "18:48"),  # 66BUENOSAIRES2481: the release starts in 1966
    ("061428Z JUN 2003", "2003-06-06", "14:28"),  # made up: a four-digit year
])
def test_dtg_date_time(dtg, date, time):
    assert f.dtg_date_time(dtg) == (date, time)


# (cable, file under ../shared, DTG, date, time, the table's Created cell)
REAL_ROWS = [
    ("07MOSCOW3579", "corpus-2010/html/07MOSCOW3579.html", "230600Z JUL 07", "2007-07-23", "06:00",
     "2007-07-23 06:06"),
    ("08MANAMA592", "corpus/html/08MANAMA592.html", "041427Z SEP 08", "2008-09-04", "14:27", "2008-09-04 14:02"),
    ("10TRIPOLI95", "corpus-2010/html/10TRIPOLI95.html", "021408Z FEB 10", "2010-02-02", "14:08",
     "2010-02-02 14:02"),
    # a partial extract: the DTG follows the notice in the page's first block
    ("04THEHAGUE2415", "corpus/html/04THEHAGUE2415.html", "221547Z SEP 04", "2004-09-22", "15:47",
     "2004-09-22 15:03"),
    # a partial extract of the 2010 build, its teletype header run into one line of the text
    ("00HARARE5461", "corpus-2010/html/00HARARE5461.html", "271459Z SEP 00", "2000-09-27", "14:59",
     "2000-09-27 14:02"),
    # a partial extract with no DTG: the date, and no time
    ("00THEHAGUE1695", "corpus/html/00THEHAGUE1695.html", None, "2000-06-07", None, "2000-06-07 13:01"),
    # no DTG, but a date line of the same day (the 2010 build's, right to the minute where a DTG is there to check)
    ("04DUBLIN1101", "corpus-2010/html/04DUBLIN1101.html", None, "2004-07-26", "07:22", "2004-07-26 07:07"),
    # the DTG's day is a typo (10 NOV; the DE line's day 312 is 7 November, as the table says): the date is kept
    ("08STOCKHOLM748", "corpus-2010/html/08STOCKHOLM748.html", "101632Z NOV 08", "2008-11-07", "16:32",
     "2008-11-07 16:04"),
]


@pytest.mark.parametrize("cable,path,dtg,date,time,created", REAL_ROWS, ids=[r[0] for r in REAL_ROWS])
def test_real_cable_time_is_the_dtgs(shared, cable, path, dtg, date, time, created):
    page = shared / path
    if not page.exists():
        pytest.skip(f"{path} is not in ../shared")
    (raw,) = read_html(page.read_text(encoding="utf-8"), str(page))
    assert raw.meta["created"] == created  # the table's time, never read
    c = parse(raw)
    assert (c.id, c.dtg, c.date, c.time) == (cable, dtg, date, time)


def _page(created: str, header: str, body: str) -> str:
    """A made-up WikiLeaks cable page (2011 build layout): the table, the header block, the body block."""
    def pre(text: str) -> str:
        return "<code><pre>" + text.replace("\n", "&#x000A;") + "</pre></code>"
    return ("<html><body><table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Released</th>"
            "<th>Classification</th><th>Origin</th></tr><tr><td>03THEHAGUE1999</td>"
            f"<td>{created}</td><td>2011-01-18 17:05</td><td>CONFIDENTIAL</td><td>Embassy The Hague</td>"
            f"</tr></table>{pre(header)}{pre(body)}</body></html>")


BODY = ("C O N F I D E N T I A L THE HAGUE 001999\n\nE.O. 12958: DECL: 06/06/2013\nTAGS: PREL NL\n"
        "SUBJECT: A MADE-UP CABLE\n\n1. (C) A made-up paragraph.\n\nSOBEL\n")
NOTICE = "This record is a partial extract of the original cable. The full text of the original cable is not available."

PAGE_ROWS = [
    ("routing header", "2003-06-06 14:02", "P 061428Z JUN 03\nFM AMEMBASSY THE HAGUE", "061428Z JUN 03", "14:28"),
    ("partial, DTG after the notice", "2003-06-06 14:02", f"{NOTICE}\n\n061428Z Jun 03", "061428Z JUN 03", "14:28"),
    ("partial, no DTG", "2003-06-06 14:02", NOTICE, None, None),
    ("header without DTG", "2003-06-06 14:02", "FM AMEMBASSY THE HAGUE\nTO SECSTATE WASHDC", None, None),
]


@pytest.mark.parametrize("case,created,header,dtg,time", PAGE_ROWS, ids=[r[0] for r in PAGE_ROWS])
def test_page_time_is_the_dtgs_or_none(case, created, header, dtg, time):
    (raw,) = read_html(_page(created, header, BODY), "made-up.html")
    c = parse(raw)
    assert (c.id, c.date, c.dtg, c.time) == ("03THEHAGUE1999", "2003-06-06", dtg, time)
    assert c.to_json()["dtg"] == dtg  # `parse --json` carries it


def test_partial_row_embedded_in_a_fragment_keeps_its_dtg():
    """A database row inside the text (as partial pages carry them) gives the notice, and the DTG after it."""
    row = (f'19310,7/30/2004 17:05,04THEHAGUE1999,"Embassy The Hague",CONFIDENTIAL,,'
           f'"{NOTICE}\n\n301738Z Jul 04\n","{BODY}"')
    (raw,) = read_html("<code><pre>" + row.replace("\n", "&#x000A;") + "</pre></code>", "made-up-fragment.html")
    c = parse(raw)
    assert (c.id, c.partial, c.date) == ("04THEHAGUE1999", True, "2004-07-30")
    assert (c.dtg, c.time) == ("301738Z JUL 04", "17:38")  # not the row's 17:05


def _row(date: str, cid: str, header: str = "", subject: str = "TEST", body: str = "1. (U) FICTIONAL TEST CABLE."
         ) -> str:
    """One row of a `cables.csv` dump (made up) with the date and header as given."""
    station, serial = cid[2:].rstrip("0123456789"), int(cid[2:].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    subj = f"SUBJECT: {subject}\n\n" if subject else ""
    return (f'"1","{date}","{cid}","Embassy","UNCLASSIFIED","","{header}",'
            f'"UNCLASSIFIED {station} {serial:06d}\n\nE.O. 12958: N/A\nTAGS: PREL\n{subj}{body}\n"\n')


# Values no cable can have are warned of, naming the input, and not used: the cable falls back on its other dates
# (the DTG), else its ID's year. Made-up rows of the `cables.csv` shape.
UNCHECKED_ROWS = [
    # (row, cable, input: CSV row text, expected (date, time, date_inferred), words of each warning)
    ("impossible day and time", _row("2/30/2010 25:61", "10ROME1"), ("10ROME1", None, None, False),
     ["'2/30/2010 25:61' is no real day", "has no real time of day (25:61)"]),
    ("impossible day, the DTG's instead", _row("2/30/2010 25:61", "10ROME2", "R 041427Z MAR 10"),
     ("10ROME2", "2010-03-04", "14:27", False), ["'2/30/2010 25:61' is no real day", "no real time of day"]),
    ("1900, the ID says 2010", _row("1/1/1900 0:00", "10ROME3"), ("10ROME3", None, None, False),
     ["'1/1/1900 0:00' is outside the cables' years (1966-2010)"]),
    ("9999, the ID says 2010", _row("12/31/9999 0:00", "10ROME4"), ("10ROME4", None, None, False),
     ["'12/31/9999 0:00' is outside the cables' years"]),
    ("another year than the ID", _row("3/4/2009 9:00", "10ROME5"), ("10ROME5", "2009-03-04", "09:00", False),
     ["the date 2009-03-04 is in another year than the ID 10ROME5 says"]),
    ("31 February in the row and the DTG", _row("2/31/2010 12:00", "10ROME6", "R 311200Z FEB 10"),
     ("10ROME6", None, None, False), ["'2/31/2010 12:00' is no real day",
                                      "the date-time group '311200Z FEB 10' is no real day"]),
    ("cut short: no subject, no paragraphs", _row("3/4/2010 9:00", "10ROME7", subject="", body=""),
     ("10ROME7", "2010-03-04", "09:00", False), ["no body text and no subject: the input may be cut short"]),
    # 09BERLIN406's shape: the page stops inside its subject
    ("cut short: no paragraphs (09BERLIN406)", _row("4/3/2009 17:55", "09BERLIN406",
                                                    subject="(S) GERMANY TAKING ACTION ON SHIPMENT OF ...", body=""),
     ("09BERLIN406", "2009-04-03", "17:55", False), ["no body text: the input may be cut short"]),
    ("a good row", _row("3/4/2010 9:00", "10ROME8"), ("10ROME8", "2010-03-04", "09:00", False), []),
]


@pytest.mark.parametrize("row,text,expected,warnings", UNCHECKED_ROWS, ids=[r[0] for r in UNCHECKED_ROWS])
def test_unchecked_values_are_warned_of_and_not_used(tmp_path, capsys, row, text, expected, warnings):
    from generator.console import report_warnings
    from generator.reference import load
    path = tmp_path / "cables.csv"
    path.write_text(text, encoding="utf-8")
    (c,), skips = load([str(path)])
    assert not skips and (c.id, c.date, c.time, c.date_inferred) == expected
    assert len(c.warnings) == len(warnings)
    for w, words in zip(c.warnings, warnings):
        assert words in w
    report_warnings([c])
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == len(warnings) and all(ln.startswith(f"{c.source}: warning: ") for ln in lines)


# Without an ID in its container, a cable whose dates are impossible gets its year (and date) by inference.
INFERRED_ROWS = [
    ("page table 30 February", {"created": "2010-02-30 14:02"}, "",
     ("the page table's date '2010-02-30 14:02' is no real day; it is not used",)),
    ("DTG 31 February", {}, "R 311200Z FEB 10\n",
     ("the date-time group '311200Z FEB 10' is no real day; it is not used",)),
]


@pytest.mark.parametrize("row,meta,routing,warnings", INFERRED_ROWS, ids=[r[0] for r in INFERRED_ROWS])
def test_an_impossible_date_without_an_id_falls_back_on_inference(row, meta, routing, warnings):
    from generator.readers.base import RawCable
    text = (f"{routing}UNCLASSIFIED ROME 000009\n\nE.O. 12958: DECL: 03/04/2020\nTAGS: PREL\nSUBJECT: TEST\n\n"
            "1. (U) FICTIONAL TEST CABLE.\n")
    c = parse(RawCable("made-up.txt", "text", text, meta=meta), {})
    assert (c.id, c.date, c.time, c.date_inferred) == ("10ROME9", "2010-03-04", None, True)
    assert c.warnings == warnings
