"""REF items -> canonical cable IDs, table-driven; each row names the real cable its REF text comes from.

Rows marked "issue 2" quote forms listed in the issue whose source cable is not in ../shared, "CABLES.md" a form
quoted there; 07KABUL1033, 02ABUJA2651, 08COTONOU369 and 04BRASILIA2863 are real cables outside ../shared whose REF lines are
quoted from public parser test data (cablemap).
"""
from __future__ import annotations

import pytest

from generator.parse.references import cable_refs, parse_references, ref_blocks, split_items

# (citing cable, its year, REF block as written, [(label, id or None), ...])
REF_ROWS = [
    ("08STATE34976", 2008, "A) STATE 26726 (SMALL GROUP)\nB) STATE 27694 (IE)\nC) STATE 633 (POC GUIDANCE)\n"
     "D) STATE 2929 (ATHENS)\nE) 04 STATE 070819\nF) 07 STATE 151182\nG) DURHAM-CONWAY E MAIL OF 02-21-08",
     [("A", "08STATE26726"), ("B", "08STATE27694"), ("C", "08STATE633"), ("D", "08STATE2929"),
      ("E", "04STATE70819"), ("F", "07STATE151182"), ("G", None)]),
    ("09STATE52368", 2009, "A. 2008 LONDON 3082 B . \n2008 STATE 229199",
     [("A", "08LONDON3082"), ("B", "08STATE229199")]),
    ("08MANAMA536", 2008, "A. 04 MANAMA 378 B. 06 MANAMA 710 C. 06 MANAMA 1728 D. MANAMA 253",
     [("A", "04MANAMA378"), ("B", "06MANAMA710"), ("C", "06MANAMA1728"), ("D", "08MANAMA253")]),
    ("09PARIS1040", 2009, "PARIS 997", [("", "09PARIS997")]),
    ("issue 2", 2009, "A) TRIPOLI 275, B) 08 TRIPOLI 266", [("A", "09TRIPOLI275"), ("B", "08TRIPOLI266")]),
    ("issue 2", 2009, "STATE 41252 AND 44603", [("", "09STATE41252"), ("", "09STATE44603")]),
    ("07KABUL1033", 2007, "A) Kabul 936/935; B) Kabul 692/317/274/162; C) 06 Kabul \n5353/5194/4319 and previous",
     [("A", "07KABUL936"), ("A", "07KABUL935"), ("B", "07KABUL692"), ("B", "07KABUL317"), ("B", "07KABUL274"),
      ("B", "07KABUL162"), ("C", "06KABUL5353"), ("C", "06KABUL5194"), ("C", "06KABUL4319")]),
    ("02ABUJA2651", 2002, "(A) LAGOS O1512, (B) LAGOS 01545, (C) LAGOS \n01583, (D) Lagos 1678",
     [("A", "02LAGOS1512"), ("B", "02LAGOS1545"), ("C", "02LAGOS1583"), ("D", "02LAGOS1678")]),
    ("08COTONOU369", 2008, "COTON0U 348", [("", "08COTONOU348")]),  # digit zero for the letter O
    ("04BRASILIA2863", 2004, "A. BRASILIA 2799 AND 2764 ¶B. PORT AU PRINCE 2325",
     [("A", "04BRASILIA2799"), ("A", "04BRASILIA2764"), ("B", "04PORTAUPRINCE2325")]),
    ("09UNVIEVIENNA279", 2009, "A. UNVIE 109 ¶B. UNVIE 201", [("A", "09UNVIEVIENNA109"), ("B", "09UNVIEVIENNA201")]),
    ("04THEHAGUE1919", 2004, "USEU 3226", [("", "04USEUBRUSSELS3226")]),
    ("03THEHAGUE2670", 2003, "A. SECSTATE 296471", [("A", "03STATE296471")]),
    ("03THEHAGUE1453", 2003, "2002 THE HAGUE 03525", [("", "02THEHAGUE3525")]),
    ("05THEHAGUE406", 2005, "THE HAGUE 3350 (2004)", [("", "04THEHAGUE3350")]),
    ("10MANAMA21", 2010, "A. 09 MANAMA 62\n      B. 09 MANAMA 83\n      C. 09 MANAMA 220\n      "
     "D. 09 MANAMA 241\n      E. 09MANAMA 281",
     [("A", "09MANAMA62"), ("B", "09MANAMA83"), ("C", "09MANAMA220"), ("D", "09MANAMA241"), ("E", "09MANAMA281")]),
    ("72TEHRAN1164", 1972, "TEHRAN 1091: TEHRAN 263: MOSCOW 1603",
     [("", "72TEHRAN1091"), ("", "72TEHRAN263"), ("", "72MOSCOW1603")]),
    ("66BUENOSAIRES2481", 1966, "STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966", [("", "66STATE106206")]),
    ("05THEHAGUE2136", 2005, "A. A) THE HAGUE 2127\n B. B) THE HAGUE 2044 AND PREVIOUS",
     [("A", "05THEHAGUE2127"), ("B", "05THEHAGUE2044")]),
    ("10STATE9124", 2010, "A: STATE 120288", [("A", "10STATE120288")]),
    ("09MANAMA521", 2009, "(A) STATE 71325 (B) MANAMA 353 (C) MANAMA 435",
     [("A", "09STATE71325"), ("B", "09MANAMA353"), ("C", "09MANAMA435")]),
    ("10MANAMA15", 2010, "A. 01/11/10 ERELI-RICCIARDONE E-MAIL\n     B01/10/10 ERELI-HALE TELCON C. 09 MANAMA 731",
     [("A", None), ("B", None), ("C", "09MANAMA731")]),
    # a month and day before an e-mail are a date, not the serials 10 and 23
    ("issue 3", 2007, "A. LONDON 3082 B. EMB LONDON 10/23 E-MAIL (GAYLE) TO NEA/IR",
     [("A", "07LONDON3082"), ("B", None)]),
]


@pytest.mark.parametrize("cable,year,block,expected", REF_ROWS, ids=[f"{r[0]}:{r[2][:24]}" for r in REF_ROWS])
def test_ref_items_to_ids(cable, year, block, expected):
    assert [(r.label, r.id) for r in parse_references([block], year)] == expected


# Items that name no cable stay as text with id None.
NOT_CABLES = [
    ("08STATE34976", "DURHAM-CONWAY E MAIL OF 02-21-08"),
    ("CABLES.md", "HOPKINS-GODFREY EMAIL 4/01/08"),
    ("08MANAMA12", "ERELI / SILVERBERG EMAIL 01/08/08"),
    ("08MANAMA89", "IIR 6 960 0007 08 DTG 160613Z JAN 08"),
    ("08MANAMA194", "TD-314/020552-08 17MAR2008"),
    ("08MANAMA53", "SATTE 07237"),  # a misspelt STATE: not a guess at a station
    ("07KUALALUMPUR1403", "KUALA LUMPUR"),
    ("10MANAMA55", "U.S. DEPARTMENT OF LABOR BAHRAIN LABOR RIGHTS REPORT 2005"),
]


@pytest.mark.parametrize("cable,text", NOT_CABLES)
def test_non_cable_references_keep_text(cable, text):
    refs = parse_references([text], 2008)
    assert [(r.text, r.id) for r in refs] == [(text, None)]


# A serial of the citing station higher than the citing cable's own is of the year before.
@pytest.mark.parametrize("cable,own,item,expected", [
    ("08MANAMA2", ("MANAMA", 2), "MANAMA 1105", ["07MANAMA1105"]),
    ("10STATE9124", ("STATE", 9124), "STATE 120288", ["09STATE120288"]),
    ("08MANAMA536", ("MANAMA", 536), "MANAMA 253", ["08MANAMA253"]),
])
def test_later_serial_of_own_station_is_last_year(cable, own, item, expected):
    year = 2000 + int(cable[:2])
    assert cable_refs(item, year, own) == expected


SPLIT_ROWS = [
    ("08MANAMA105", "A. A) 2/15/08 STEINFELD-BELOOSHI TELCON\n  B. B) 2/26/08 STEINFELD-ERELI EMAIL",
     [("A", "2/15/08 STEINFELD-BELOOSHI TELCON"), ("B", "2/26/08 STEINFELD-ERELI EMAIL")]),
    ("09MANAMA712", "A. MANAMA 610\n      B. 08 MANAMA 610 B. 08 MANAMA 61",
     [("A", "MANAMA 610"), ("B", "08 MANAMA 610"), ("B", "08 MANAMA 61")]),
    ("09PARIS1040", "PARIS 997", [("", "PARIS 997")]),
]


@pytest.mark.parametrize("cable,block,expected", SPLIT_ROWS)
def test_split_items(cable, block, expected):
    assert split_items(block) == expected


BLOCK_ROWS = [
    # blank line between items: one block
    ("04THEHAGUE1793", "SUBJECT: EU/US COOPERATION IN THE UNGA AND ON HUMAN RIGHTS\n\nREF: A. STATE 153876\n\n"
     " B. THE HAGUE 1737\n\nClassified By: CLASSIFIED BY ANDREW SCHOFER, POLCOUNS",
     ["A. STATE 153876\n\n B. THE HAGUE 1737"]),
    # `(C)` is the next label, not a portion mark
    ("04THEHAGUE3044", "REF: (A) THE HAGUE 2929 (B) THE HAGUE 2864\n(C) THE HAGUE 2308; (D) THE HAGUE 2995\n\nSummary",
     ["(A) THE HAGUE 2929 (B) THE HAGUE 2864\n(C) THE HAGUE 2308; (D) THE HAGUE 2995"]),
    # a portion-marked paragraph ends it
    ("07MANAMA963", "REF: STATE 146857 (U) Pol/Econ Chief delivered reftel points", ["STATE 146857"]),
    # glued to the SUBJECT and to the Classified-By line
    ("08MANAMA541", "SUBJECT: GENERAL PETRAEUS' VISIT TO BAHRAINREF: MANAMA 510Classified By: CDA", ["MANAMA 510"]),
    # a REF without its colon on the SUBJECT's line is a word of the subject
    ("08RIYADH1134", "SUBJECT: SAUDIS ON IRAN REF UPCOMING NAM FM MEETING \n \nREF: A. SECSTATE 74879 \n"
     "     ¶B. RIYADH 43 \nClassified By: Charge' d'Affaires Michael Gfoeller for \n",
     ["A. SECSTATE 74879 \n     ¶B. RIYADH 43"]),
    ("issue 3", "SUBJECT: REF CYCLE OF THE UNHRC\n\n1. (U) Summary", []),
    # two REF blocks (the page repeats a preamble cut short)
    ("05THEHAGUE2948", "REF: ...\n\n\n\n\nREF: A. THE HAGUE 2898\n B. THE HAGUE 2705 AND PREVIOUS\n\n\n1. (SBU)",
     ["...", "A. THE HAGUE 2898\n B. THE HAGUE 2705 AND PREVIOUS"]),
]


@pytest.mark.parametrize("cable,text,expected", BLOCK_ROWS)
def test_ref_blocks(cable, text, expected):
    assert [b.strip() for b, _s, _e in ref_blocks(text)] == expected


@pytest.mark.parametrize("cable,own,block,expected", [
    # an older telegram's page header run into the REF names the citing cable: it is neither text nor a citation
    ("00HARARE5461", ("HARARE", 5461), "HARARE 5346  CONFIDENTIAL\nPAGE 02 HARARE 05461 01 OF 02 271458Z\n",
     [("", "HARARE 5346", "00HARARE5346")]),
    ("02ROME1196", ("ROME", 1196), "A. STATE 40721\n CONFIDENTIAL\nPAGE 02 ROME 01196 01 OF 02 082030Z  B. ROME 1098",
     [("A", "STATE 40721", "02STATE40721"), ("B", "ROME 1098", "02ROME1098")]),
])
def test_a_cable_never_cites_itself(cable, own, block, expected):
    year = 2000 + int(cable[:2])
    refs = parse_references([block], year, own)
    assert [(r.label, r.text, r.id) for r in refs] == expected


def test_several_ref_blocks_give_all_references():
    """05THEHAGUE2948: the items of every block count, the cut-short one as text."""
    blocks = [b for b, _s, _e in ref_blocks(BLOCK_ROWS[-1][1])]
    refs = parse_references(blocks, 2005)
    assert [(r.label, r.text, r.id) for r in refs] == [
        ("", "...", None), ("A", "THE HAGUE 2898", "05THEHAGUE2898"),
        ("B", "THE HAGUE 2705 AND PREVIOUS", "05THEHAGUE2705")]
