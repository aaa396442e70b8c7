"""Preamble field parsers, table-driven: E.O./DECL, TAGS, SUBJECT, Classified By and reasons.

Each row names the real cable its text comes from (../shared/corpus, ../shared/seeds).
"""
from __future__ import annotations

import pytest

from generator.parse import fields as f

DECL_ROWS = [
    ("10STATE284", "E.O. 12958: DECL: 01/04/2020 TAGS: MASS MARR MCAP MOPS PARM PGOV", "01/04/2020", (2020, 1, 4)),
    ("08STATE34976", "E.O. 12958: DECL: (1.6, X5, X6)\nTAGS: PARM", "(1.6, X5, X6)", None),
    ("09STATE52368", "EO 12958 DECL: 05/19/2019 TAGS MOPS , PREL", "05/19/2019", (2019, 5, 19)),
    ("09BERLIN1290 (example)", "E.O. 12958: N/A\nTAGS: KNNP", "N/A", None),
    ("03THEHAGUE2163", "E.O. 12958 N/A\nTAGS: EPET", "N/A", None),
    ("03THEHAGUE2835", "E.O. 12958: DECL: 1.6 FIVE YEARS AFTER CLOSURE OF ICTY\nTAGS: PREL",
     "1.6 FIVE YEARS AFTER CLOSURE OF ICTY", None),
    ("08ECTION01OF02MANAMA492", "E.O. 1295: DECL: 07/24/2018\nTAGS: KCRM", "07/24/2018", (2018, 7, 24)),
    ("04THEHAGUE1049", "E.O. 12958: DECL: 04/23/14 \nTAGS: PREL", "04/23/14", (2014, 4, 23)),
    ("66BUENOSAIRES2481", "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009\nTAGS: EFIS",
     "DECLASSIFIED BY NARA 09/02/2009", None),
]


@pytest.mark.parametrize("cable,text,declassify,date", DECL_ROWS, ids=[r[0] for r in DECL_ROWS])
def test_eo_decl(cable, text, declassify, date):
    written, end = f.parse_declassify(text)
    assert written == declassify
    assert text[:end].rstrip().endswith(declassify)
    assert f.decl_date(written) == date


TAGS_ROWS = [
    ("08MANAMA536", "TAGS: PGOV PINR KISL IR IZ LE BA\nSUBJECT: THE SHI'A", ["PGOV", "PINR", "KISL", "IR", "IZ", "LE", "BA"]),
    ("66BUENOSAIRES2481", "TAGS: EFIS, PBTS, AR \nSUBJECT:  EXTENDED", ["EFIS", "PBTS", "AR"]),
    ("10LONDON450", "EO 12958 DECL: 02/23/2020\nTAGS PGOV, PREL, LY\nSUBJECT:", ["PGOV", "PREL", "LY"]),
    ("09STATE52368", "TAGS MOPS , PREL , PGOV , NATO , UK SUBJECT: U.S.-UK", ["MOPS", "PREL", "PGOV", "NATO", "UK"]),
    ("10STATE284", "DECL: 01/04/2020 TAGS: MASS MARR MCAP MOPS PARM PGOV\n\n1.(U)",
     ["MASS", "MARR", "MCAP", "MOPS", "PARM", "PGOV"]),
    ("08STATE34976", "TAGS: PARM MTCRE PREL MNUC TSPA KSCA FR\n\nSUBJECT:",
     ["PARM", "MTCRE", "PREL", "MNUC", "TSPA", "KSCA", "FR"]),
    ("07MANAMA336", "TAGS PREL, PGOV, MARR, MCAP, BA, BILAT, REGION, OFFICIALS\nSUBJECT:",
     ["PREL", "PGOV", "MARR", "MCAP", "BA", "BILAT", "REGION", "OFFICIALS"]),
    # `ARMITAGE` ends in TAGE (the typo CABLES.md mentions) but is no TAGS line
    ("04THEHAGUE1049", "FROM AMBASSADOR SOBEL FOR DEPUTY SECRETARY ARMITAGE \nALSO FOR P U/S GROSSMAN\n"
     "E.O. 12958: DECL: 04/23/14 \nTAGS: PREL KCRM PHUM KWMN NL\n", ["PREL", "KCRM", "PHUM", "KWMN", "NL"]),
]


@pytest.mark.parametrize("cable,text,expected", TAGS_ROWS, ids=[r[0] for r in TAGS_ROWS])
def test_tags(cable, text, expected):
    assert f.parse_tags(text)[0] == expected


SUBJECT_ROWS = [
    ("09PARIS997", "SUBJECT: MFA AFRICA DIRECTOR'S JULY 21 DISCUSSION OF \nMADAGASCAR, MAURITANIA, NIGER, COTE D'IVOIRE \n"
     " \nClassified By: Kathleen Allegrone",
     "MFA AFRICA DIRECTOR'S JULY 21 DISCUSSION OF MADAGASCAR, MAURITANIA, NIGER, COTE D'IVOIRE"),
    ("08STATE34976", "SUBJECT: MISSILE TECHNOLOGY CONTROL REGIME (MTCR) --\nGUIDANCE FOR THE APRIL 10-11, 2008 RPOC "
     "MEETING (C)\n\nREF: A) STATE 26726",
     "MISSILE TECHNOLOGY CONTROL REGIME (MTCR) -- GUIDANCE FOR THE APRIL 10-11, 2008 RPOC MEETING"),
    ("08MANAMA536", "SUBJECT: THE SHI'A CLERICAL HIERARCHY IN BAHRAIN REF: A. 04 MANAMA 378 B. 06 MANAMA 710",
     "THE SHI'A CLERICAL HIERARCHY IN BAHRAIN"),
    ("08MANAMA496", "SUBJECT: SCENESETTER FOR GENERAL PETRAEUS’ VISIT TO BAHRAINClassified By: Charge d’Affaires",
     "SCENESETTER FOR GENERAL PETRAEUS’ VISIT TO BAHRAIN"),
    ("08MANAMA541", "SUBJECT: GENERAL PETRAEUS’ VISIT TO BAHRAINREF: MANAMA 510Classified By: CDA",
     "GENERAL PETRAEUS’ VISIT TO BAHRAIN"),
    ("04THEHAGUE2735", "SUBJECT: CAUTIOUS DUTCH REACTION TO EC REPORT ON TURKEY\nTHIS CABLE IS SENSITIVE BUT "
     "UNCLASSIFIED. PLEASE HANDLE\nACCORDINGLY.\n", "CAUTIOUS DUTCH REACTION TO EC REPORT ON TURKEY"),
    ("07KUALALUMPUR1403", "SUBJECT:  Malaysia's GDP Growth Beats Expectations \n \nREF:  KUALA LUMPUR",
     "Malaysia's GDP Growth Beats Expectations"),
    ("08MANAMA117", "TAGS: PGOV PTER KISL ASEC BA\nUBJECT: BAHRAIN WILL FORMALLY REQUEST QATAR TO EXECUTE LEGAL "
     "JUDGMENT AGAINST KHALIFA AL SUBAIE REF: A. A) MANAMA 20",
     "BAHRAIN WILL FORMALLY REQUEST QATAR TO EXECUTE LEGAL JUDGMENT AGAINST KHALIFA AL SUBAIE"),
    ("10STATE284", "TAGS: MASS MARR MCAP MOPS PARM PGOV\n\n1.(U) This is an action request; see para 5.", None),
]


@pytest.mark.parametrize("cable,text,expected", SUBJECT_ROWS, ids=[r[0] for r in SUBJECT_ROWS])
def test_subject(cable, text, expected):
    assert f.parse_subject(text)[0] == expected


CLASSIFIED_BY_ROWS = [
    ("08STATE34976", "Classified by ISN Acting DAS Ambassador Donald A. Mahley.\nReasons: 1.4 (B) and (D).\n\n¶1. (C)",
     "ISN Acting DAS Ambassador Donald A. Mahley", "1.4 (B) and (D)"),
    ("08MANAMA536", "Classified By: CDA Christopher Henzel for reasons 1.4 (b) and (d)\n\n1.(U) Summary",
     "CDA Christopher Henzel", "1.4 (b) and (d)"),
    ("09PARIS997", "Classified By: Kathleen Allegrone, Political Minister-Counselor, 1.4 (b \n/d). \n",
     "Kathleen Allegrone, Political Minister-Counselor", "1.4 (b /d)"),
    ("03THEHAGUE1865", "Classified By: CLASSIFIED BY CHARGE D'AFFAIRES DANNY R. RUSSEL FOR REAS \nONS 1.5 (B AND D) \n",
     "CHARGE D'AFFAIRES DANNY R. RUSSEL", "1.5 (B AND D)"),
    ("04THEHAGUE1833", "Classified By: AMBASSADOR CLIFFORD SOBEL for Reasons 1/4 (B) and (D).\n",
     "AMBASSADOR CLIFFORD SOBEL", "1/4 (B) and (D)"),
    ("08MANAMA288", "Classified By: Charge d'Affaires, a.i. Christopher Henzel for reasons 1 .4 (b) and (d).\n",
     "Charge d'Affaires, a.i. Christopher Henzel", "1.4 (b) and (d)"),
    ("08ECTION01OF02MANAMA492", "D. MANAMA 486 Classiied By: CDA Christopher Henzel for reasons 1.4 (b)and (d)\n",
     "CDA Christopher Henzel", "1.4 (b)and (d)"),
    ("09MANAMA681", "Classified By: CDA Christopher Henzel nor reasons 1.4 (b) and (d).\n\nXXXXXXXXXXXX",
     "CDA Christopher Henzel", "1.4 (b) and (d)"),
    ("05THEHAGUE484", "Classified By: Richard Huff, Econ Counselor, for reasons 1.4 (b) and (d\n).\n\n1 (S) Over",
     "Richard Huff, Econ Counselor", "1.4 (b) and (d)"),
    ("09UNVIEVIENNA289", "Classified By: DEPUTY CHIEF OF MISSION GEOFFREY PYATT FOR REASONS 1.4 ( B) AND (D)\n",
     "DEPUTY CHIEF OF MISSION GEOFFREY PYATT", "1.4 (B) AND (D)"),
    ("03THEHAGUE2670", "Classified By: A/PolCouns Nathaniel P. Dean Reason 1.5 (b)\n\n(C) The GoNL",
     "A/PolCouns Nathaniel P. Dean", "1.5 (b)"),
    ("08MANAMA300", "Classified By: Charge d'Affaires, a.i. Christopher Henzel for reasons 1 .4 (b) and (d).  (C)\n\n"
     "Poloff delivered reftel", "Charge d'Affaires, a.i. Christopher Henzel", "1.4 (b) and (d)"),
    ("04THEHAGUE1915", "Classified By: RSO JOHN HUCKE\n\n\n1. (S/NF) The date", "RSO JOHN HUCKE", None),
    # the E.O. line's `DECLASSIFIED BY NARA` is not a Classified-By line
    ("66BUENOSAIRES2481", "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009 \nTAGS: EFIS", None, None),
]


@pytest.mark.parametrize("cable,text,who,reasons", CLASSIFIED_BY_ROWS, ids=[r[0] for r in CLASSIFIED_BY_ROWS])
def test_classified_by(cable, text, who, reasons):
    got_who, got_reasons, _end = f.parse_classified_by(text)
    assert (got_who, got_reasons) == (who, reasons)


def test_classified_by_end_leaves_the_first_paragraph():
    """08MANAMA536: the statement ends after its reasons; the body starts at `1.(U)`."""
    text = CLASSIFIED_BY_ROWS[1][1]
    assert text[f.parse_classified_by(text)[2]:].strip().startswith("1.(U) Summary")
