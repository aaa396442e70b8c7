"""Issue 16, every era and every hand: tags, references, signers, classified-by, recipients, cable IDs and subjects
as the whole release writes them, not only as the 2011 pages do.

Rows name the real cable (../shared corpus, corpus-2010) their text comes from; rows marked `project` were written
for the project in the shape the issue quotes (from a peer parser's test expectations, kept out of the project).
"""
from __future__ import annotations

import pytest

from generator.parse import fields as f
from generator.parse import parse
from generator.parse.body import clean_body, split_signer
from generator.parse.references import cable_refs, parse_references, ref_blocks
from generator.readers.base import RawCable

TAG_ROWS = [
    # a label and list in lower or mixed case
    ("04ANKARA348", "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish p.m. Erdogan",
     ["PREL", "PGOV", "PINS", "TU"]),
    ("08BERLIN1068", "E.o. 12958: decl: 08/06/2033\nTags: parm, prel, ettc, mtcre, ksca, ir, aec, gm\nSubject: (s)",
     ["PARM", "PREL", "ETTC", "MTCRE", "KSCA", "IR", "AEC", "GM"]),
    ("project", "tags: PREL ECON\nSUBJECT: X", ["PREL", "ECON"]),
    # a label cut by a page
    ("project", "E.O. 12958: N/A\nAGS: PGOV, PREL\nSUBJECT: X", ["PGOV", "PREL"]),
    # a second line of codes; a person tag
    ("project", "TAGS: OVIP CLINTON HILLARY PREL KPAL FR IR RS\nNATO, UK, CN\nSUBJECT: X",
     ["OVIP", "CLINTON, HILLARY", "PREL", "KPAL", "FR", "IR", "RS", "NATO", "UK", "CN"]),
    # two people
    ("project", "TAGS: PREL NOVO GUILLERMO REMON PEDRO CU\n", ["PREL", "NOVO, GUILLERMO", "REMON, PEDRO", "CU"]),
    # subjects written out are one tag each
    ("project", "TAGS: PHUM, HUMAN RIGHTS\n", ["PHUM", "HUMAN RIGHTS"]),
    ("project", "TAGS: ECON, ECONOMY AND FINANCE\n", ["ECON", "ECONOMY AND FINANCE"]),
    ("project", "TAGS: MARR, GLOBAL DEFENSE\n", ["MARR", "GLOBAL DEFENSE"]),
    ("project", "TAGS: PREL, GOI EXTERNAL\n", ["PREL", "GOI EXTERNAL"]),
    # codes glued together, split by the known codes (a program code K... counts in a long run)
    ("project", "TAGS: KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG\n",
     ["KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG"]),
    ("project", "TAGS: PHUMBA, PREL\n", ["PHUM", "BA", "PREL"]),
    ("project", "TAGS: ETRDEINVECINPGOVCS\n", ["ETRD", "EINV", "ECIN", "PGOV", "CS"]),
    # a glued tail repeating codes already listed is not kept
    ("project", "TAGS: PREL VT VTPREL\n", ["PREL", "VT"]),
    ("project", "TAGS: PHUM IT ITPHUM\n", ["PHUM", "IT"]),
    # words that are no codes stay one tag each, as before (07MANAMA336); a word is not split into country codes
    ("07MANAMA336", "TAGS PREL, PGOV, BA, BILAT, REGION, OFFICIALS\nSUBJECT:",
     ["PREL", "PGOV", "BA", "BILAT", "REGION", "OFFICIALS"]),
    ("project", "TAGS: KOSOVO, PREL\n", ["KOSOVO", "PREL"]),
    # English words are a subject written out, not a person (05SOFIA1207); abbreviations and codes no people
    ("05SOFIA1207", "TAGS: PINR, KCRM, PGOV, EINV, ECON, KCOR, BU, ORGANIZED CRIME\n",
     ["PINR", "KCRM", "PGOV", "EINV", "ECON", "KCOR", "BU", "ORGANIZED CRIME"]),
    ("04BRASILIA1291", "TAGS: MARR MASS MCAP PREL BR POL MIL\n", ["MARR", "MASS", "MCAP", "PREL", "BR", "POL", "MIL"]),
    ("08LAPAZ2670", "TAGS: PGOV KDEM PREL PINR OPDC OPRC BL\n", ["PGOV", "KDEM", "PREL", "PINR", "OPDC", "OPRC", "BL"]),
    # a person in brackets after OVIP, and a second line after a line ending with a comma (09BEIJING2963)
    ("09BEIJING2963", ("Tags: ovip (steinberg, james b.), prel, parm, pgov, econ,\n"
                       "etra, mnuc, marr, ch, jp, kn, ks, ir\nSubject: deputy secretary"),
     ["OVIP", "STEINBERG, JAMES B.", "PREL", "PARM", "PGOV", "ECON", "ETRA", "MNUC", "MARR",
                                   "CH", "JP", "KN", "KS", "IR"]),
    # `TAG` without a colon takes codes on its own line only (08MADRID308)
    ("08MADRID308", "C O R R E C T E D C O P Y - TAG\n\nNOFORN\nSIPDIS\n\nTAGS: ECON EFIN PTER PREL IR SP\n",
     ["ECON", "EFIN", "PTER", "PREL", "IR", "SP"]),
]


@pytest.mark.parametrize("cable,text,expected", TAG_ROWS, ids=[f"{r[0]}-{i}" for i, r in enumerate(TAG_ROWS)])
def test_tags_as_every_hand_writes_them(cable, text, expected):
    assert f.parse_tags(text)[0] == expected


REF_ROWS = [
    # stations of several words or with punctuation, from the one station table
    ("09LAPAZ1541", 2009, "LA PAZ 1494", ["09LAPAZ1494"]),
    ("project", 2009, "MEXICO CITY 2636", ["09MEXICO2636"]),
    ("project", 2008, "N'DJAMENA 511", ["08NDJAMENA511"]),
    ("project", 2009, "USUN NEW YORK 1022", ["09USUNNEWYORK1022"]),
    ("project", 2009, "SAO PAULO 276", ["09SAOPAULO276"]),
    ("project", 2007, "PORT OF SPAIN 311", ["07PORTOFSPAIN311"]),
    ("project", 2007, "PORT-AU-PRINCE 1234", ["07PORTAUPRINCE1234"]),
    # a station's code wins over another station's name that spells it (the table names BRUSSELS `USEU Brussels`)
    ("04THEHAGUE2415", 2004, "USEU BRUSSELS 4009", ["04USEUBRUSSELS4009"]),
    ("project", 2004, "BRUSSELS 12", ["04BRUSSELS12"]),
    # short forms the station table lists (`RIO`, `DELHI`); a dropped letter (`TALLIN`, 09USNATO464)
    ("09RIODEJANEIRO353", 2009, "RIO 346", ["09RIODEJANEIRO346"]),
    ("09NEWDELHI268", 2009, "DELHI 195", ["09NEWDELHI195"]),
    ("09USNATO464", 2009, "TALLIN 309", ["09TALLINN309"]),
    # lower and mixed case
    ("09KHARTOUM881", 2009, "khartoum 00378", ["09KHARTOUM378"]),
    ("project", 2006, "State 29549", ["06STATE29549"]),
    ("project", 2006, "05 state 201650", ["05STATE201650"]),
    # a letter dropped or doubled, a zero for an O: the one station it can be
    ("project", 2009, "BRASILA 1234", ["09BRASILIA1234"]),
    ("project", 2009, "TRIPOLII 227", ["09TRIPOLI227"]),
    ("project", 2004, "0TTAWA 1555", ["04OTTAWA1555"]),
    # never a station from a fragment of another's name
    ("project", 2009, "CITY 2636", []),
    ("project", 2009, "PAZ 2974", []),
]


@pytest.mark.parametrize("cable,year,item,expected", REF_ROWS, ids=[f"{r[0]}-{r[2]}" for r in REF_ROWS])
def test_reference_stations(cable, year, item, expected):
    assert cable_refs(item, year) == expected


BLOCK_ROWS = [
    ("09SHANGHAI160", 2009, ("SHANGHAI", 160),
     "SUBJECT: X\nRef: a) shanghai 80; b) 06 beijing 23548; c) 08 shanghai 283\n\nClassified By: Y",
     [("A", "09SHANGHAI80"), ("B", "06BEIJING23548"), ("C", "08SHANGHAI283")]),
    ("project", 2006, ("MANAMA", 100), "SUBJECT: X\n\nRefs: A) State 29549, B) State 1234\n\nClassified By: Y",
     [("A", "06STATE29549"), ("B", "06STATE1234")]),
    ("project", 2006, ("MANAMA", 100), "SUBJECT: X\nRef: a. 05 state 201650\n\n1. (C) Text.",
     [("A", "05STATE201650")]),
    # a page that repeats its preamble in lower case cites each cable once (09SHANGHAI160)
    ("09SHANGHAI160", 2009, ("SHANGHAI", 160),
     "REF: A) SHANGHAI 80; B) 06 BEIJING 23548\n\nE.O. 12958\nRef: a) shanghai 80; b) 06 beijing 23548\n\n1. (C) x",
     [("A", "09SHANGHAI80"), ("B", "06BEIJING23548")]),
    # the cable's own page-break line inside its REF list is no reference
    ("project", 2009, ("TRIPOLI", 402),
     "SUBJECT: X\n\nREF: A) TRIPOLI 199, B) TRIPOLI 227 TRIPOLI 00000402 001.2 OF 003\n\n1. (C) Text.",
     [("A", "09TRIPOLI199"), ("B", "09TRIPOLI227")]),
]


@pytest.mark.parametrize("cable,year,own,text,expected", BLOCK_ROWS,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(BLOCK_ROWS)])
def test_reference_blocks_in_any_case(cable, year, own, text, expected):
    blocks = [b for b, _s, _e in ref_blocks(text)]
    assert [(r.label, r.id) for r in parse_references(blocks, year, own)] == expected


SUBJECT_ROWS = [
    ("09MANAMA680", "SUBJECT: SCENESETTER FOR MANAMA DIALOGUE, DECEMBER 11-13REF: A. MANAMA 660 B. MANAMA 628\n\n",
     "SCENESETTER FOR MANAMA DIALOGUE, DECEMBER 11-13"),
    ("06MINSK311", ("SUBJECT:   Lukashenko Gives Victory Speech and Fiery Press \nConference\nRef: A) Minsk 297, "
     "B) 2005 Minsk\nClassified by Ambassador George Krol"),
     "Lukashenko Gives Victory Speech and Fiery Press Conference"),
    ("09BEIJING1336", "SUBJECT: XXXXXXXXXXXXX\nRef: Beijing XXXXXXXXXXXXX\n\nClassified By:", "XXXXXXXXXXXXX"),
    ("09STOCKHOLM569", ("SUBJECT:  SWEDISH DEPUTY PM URGES SENIOR USG VISITS \nAT U.S.-EU SUMMIT\nThis is an Action "
     "request. Please see para 2.\n¶1. (SBU) Summary"), "SWEDISH DEPUTY PM URGES SENIOR USG VISITS AT U.S.-EU SUMMIT"),
    ("07MANAMA1089",
     "SUBJECT: CENTRAL BANK GOVERNOR UNDERSCORES COMMITMENT TO DOLLAR REMAINS FIRM -------------\n\n1.(C)",
     "CENTRAL BANK GOVERNOR UNDERSCORES COMMITMENT TO DOLLAR REMAINS FIRM"),
    ("08MANAMA472", "SUBJECT: UNESCO CONFERENCE HIGHLIGHTS PROACTIVE APPROACHES ------- SUMMARY -------\n\n1. (U)",
     "UNESCO CONFERENCE HIGHLIGHTS PROACTIVE APPROACHES"),
    # a leading portion mark is no part of the subject
    ("07SANAA473", "SUBJECT: (S) UNMANNED USG AIRCRAFT WASHES ASHORE\n\n", "UNMANNED USG AIRCRAFT WASHES ASHORE"),
    ("08BERLIN1068", "Subject: (s) germany requests release of xxxxxxxxxxxx\nnonpaper\n\nRef: a. State 77660",
     "germany requests release of xxxxxxxxxxxx nonpaper"),
    # REFTEL and `REF A.` lines without a colon end the subject
    ("project", "SUBJECT: TRADE TALKS STALL\nREFTEL\n\n1. (U) Text.", "TRADE TALKS STALL"),
    ("project", "SUBJECT: TRADE TALKS STALL\nREF A. STATE 1234\n  B. STATE 5678\n\n1. (U) Text.", "TRADE TALKS STALL"),
]


@pytest.mark.parametrize("cable,text,expected", SUBJECT_ROWS, ids=[r[0] + str(i) for i, r in enumerate(SUBJECT_ROWS)])
def test_subject_ends_where_it_ends(cable, text, expected):
    assert f.parse_subject(text)[0] == expected


def test_ref_none_is_no_reference():
    """`Ref: None` above a rule of underscores (03ABUDHABI2641) names nothing, and the rule ends the block."""
    text = ("Subject:  UAE TO SUPPORT\n\nRef:      None     \n________________\n"
            "C O N F I D E N T I A L ABU DHABI 02641\n")
    assert parse_references([b for b, _s, _e in ref_blocks(text)], 2003) == []


def test_reftel_without_colon_is_a_ref_block():
    """`REF A.` on a line of its own opens the REF block the subject no longer swallows (project)."""
    text = "SUBJECT: TRADE TALKS STALL\nREF A. STATE 1234\n  B. STATE 5678\n\n1. (U) Text."
    blocks = [b for b, _s, _e in ref_blocks(text)]
    assert [r.id for r in parse_references(blocks, 2008)] == ["08STATE1234", "08STATE5678"]


SIGNER_ROWS = [
    ("project", "visit.\nCLINTON\n\nCONFIDENTIAL", "CLINTON"),
    ("project", "visit.\nFINN\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005",
     "FINN"),
    ("project", "visit.\nCHRISTOPHER\nBT\n#2345\nNNNN", "CHRISTOPHER"),
    ("project", "visit.\nRICE\n\nNNNN", "RICE"),
    ("project", "visit.\nPICKERING\n\nUNCLASSIFIED PAGE 03 STATE 015113 182333Z", "PICKERING"),
]


@pytest.mark.parametrize("cable,body,signer", SIGNER_ROWS, ids=[r[2] for r in SIGNER_ROWS])
def test_signer_followed_by_trailers(cable, body, signer):
    assert split_signer(clean_body(body))[1] == signer


def test_classified_by_in_paragraph_1():
    """The 1990s put the statement in paragraph 1 (project row, the issue's text)."""
    para = "1. (U) CLASSIFIED BY ROBERT P. FINN, DEPUTY CHIEF OF MISSION. REASON: 1.5 (D)\n\n2. (C) Text."
    assert f.parse_classified_in_para1(para) == ("ROBERT P. FINN, DEPUTY CHIEF OF MISSION", "1.5 (D)")
    assert f.parse_classified_in_para1("1. (C) The minister said.") == (None, None)
    c = parse(RawCable("p", "text", "CONFIDENTIAL ANKARA 001234\n\nE.O. 12356: DECL: OADR\nTAGS: PREL TU\n"
                       "SUBJECT: TALKS\n\n" + para, meta={"created": "1994-05-02 10:10"}))
    assert (c.classified_by, c.reasons) == ("ROBERT P. FINN, DEPUTY CHIEF OF MISSION", "1.5 (D)")


def test_recipients_leave_out_page_headers_and_xmt():
    """A page header after TO is no addressee; the addressees after XMT are excluded from transmission (project)."""
    header = ("FM SECSTATE WASHDC\nTO PAGE 02 STATE 015113 182333Z\nAMEMBASSY PARIS IMMEDIATE 1234\n"
              "INFO AMEMBASSY ROME 12\nAMEMBASSY BONN\nXMT AMEMBASSY LONDON\nAMEMBASSY MADRID\nBT")
    assert f.parse_to(header) == ["AMEMBASSY PARIS"]
    assert f.parse_info(header) == ["AMEMBASSY ROME", "AMEMBASSY BONN"]


CLASS_LINE_ROWS = [
    ("08BERLIN1068", "INFO RUCNFRG/FRG COLLECTIVE\nS e c r e t berlin 001068\n\nSipdis",
     ("SECRET", None, None, "BERLIN", 1068)),
    ("04ANKARA348", "C o n f i d e n t i a l section 01 of 04 ankara 000348\n\nSipdis",
     ("CONFIDENTIAL", 1, 4, "ANKARA", 348)),
    ("07SANAA473", "INFO RUEHZM/GULF COOPERATION COUNCIL COLLECTIVE\nE C R E T SANAA 000473 \n\nSIPDIS",
     ("SECRET", None, None, "SANAA", 473)),
    ("10BAGHDAD290", "O N F I D E N T I A L BAGHDAD 000290 \n\nSIPDIS", ("CONFIDENTIAL", None, None, "BAGHDAD", 290)),
]


@pytest.mark.parametrize("cable,text,expected", CLASS_LINE_ROWS, ids=[r[0] for r in CLASS_LINE_ROWS])
def test_classification_line_in_any_case(cable, text, expected):
    c = f.parse_class_line(text)
    assert (c["classification"], c["section"], c["sections"], c["station"], c["serial"]) == expected


@pytest.mark.parametrize("cable,text,expected", [
    # an old page header under the classification word is no classification line; the one after the header is
    ("90CAPETOWN97", ("CONFIDENTIAL\n\nPAGE 01        CAPE T  00097  01 OF 03  182017Z\nACTION AF-00\n"
     "FM AMCONSUL CAPE TOWN\nC O N F I D E N T I A L SECTION 01 OF 03 CAPE TOWN 00097 \n"), ("CAPETOWN", 97)),
    # a redacted station leaves the station to the routing header
    ("10SHENYANG4", "SE C R E T SECTION 01 OF 02 XXXXXXXXXXXX 000004 \n\nNOFORN", None),
])
def test_what_is_no_classification_line(cable, text, expected):
    c = f.parse_class_line(text)
    assert (c and (c["station"], c["serial"])) == expected


def test_a_redacted_station_is_no_reference():
    """`REF: XXXXXXXXXXXX 123` (as 10SHENYANG4 and 10BEIJING207 carry them) names no station."""
    assert cable_refs("XXXXXXXXXXXX 123", 2010) == []


def test_prose_is_no_loose_classification_line():
    """A sentence that starts with the word is not a classification line: its station is none the table knows."""
    assert f.parse_class_line("Secret talks began 2009\nand went on.") is None


ROUTING_07LAPAZ3262 = """VZCZCXYZ0002
OO RUEHWEB

DE RUEHLP #3262/01 3482321
ZNY SSSSS ZZH
O 142321Z DEC 07
FM AMEMBASSY LA PAZ
TO RUEHC/SECSTATE WASHDC IMMEDIATE 5974
SIPDIS

E.O. 12958: DECL: 12/15/2027
TAGS: ASEC PREL PGOV PINL VN CU BL
SUBJECT: MILITARY STANDDOWN MORE LIKELY THAN HEAVY HAND

REF: A. LA PAZ 3261
     B. LA PAZ 3119

Classified By: EcoPol Chief Mike Hammer for reasons 1.4 (b) and (d)

1. (S) Summary:  Over the past couple of days statements from military leaders have taken a conciliatory tone.
GOLDBERG
"""


def test_a_copy_without_classification_line_takes_its_id_from_the_routing_header():
    """07LAPAZ3262 as the text alone carries it: no classification line; FM, DE and ZNY SSSSS say it all."""
    c = parse(RawCable("07LAPAZ3262.txt", "text", ROUTING_07LAPAZ3262))
    assert (c.id, c.classification, c.signer) == ("07LAPAZ3262", "SECRET", "GOLDBERG")
    assert [r.id for r in c.references] == ["07LAPAZ3261", "07LAPAZ3119"]


def test_the_department_is_not_read_from_its_de_line():
    """STATE serials run past 9999 (STATE 068250 is `DE RUEHC #8250`): the DE line does not give them (09STATE68250)."""
    assert f.routing_station_serial("DE RUEHC #8250 1821729\nZNY SSSSS ZZH\nFM SECSTATE WASHDC\n") is None
    assert f.routing_classification("DE RUEHC #8250 1821729\nZNY SSSSS ZZH\n") == "SECRET"


ID_ROWS = [
    # a page ID naming no known station: the text's station with the same serial wins, with a warning
    ("project", "07SOIA828", "SOFIA", "07SOFIA828", True),
    ("project", "09AMEMBASSYHANOI828", "HANOI", "09HANOI828", True),
    # a page ID whose station is known stays, whatever the text says
    ("project", "07SOFIA828", "SOFIA", "07SOFIA828", False),
]


@pytest.mark.parametrize("cable,page_id,station,expected,warned", ID_ROWS, ids=[r[1] for r in ID_ROWS])
def test_the_texts_station_wins_over_a_mangled_page_id(cable, page_id, station, expected, warned):
    text = (f"CONFIDENTIAL {station} 000828\n\nSIPDIS\n\nE.O. 12958: DECL: 05/01/2017\nTAGS: PREL BU\n"
            "SUBJECT: TALKS\n\nClassified By: A for reasons 1.4 (b).\n\n1. (C) Text here.\nBEYRLE\n")
    c = parse(RawCable("p", "html", text, meta={"id": page_id, "created": f"20{page_id[:2]}-05-02 10:10"}))
    assert c.id == expected
    assert (page_id in c.aliases) == warned
    assert any("names no known station" in w for w in c.warnings) == warned
