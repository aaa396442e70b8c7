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
    # `Declassify on` is not `DECL` with `assify on` after it; the typo `DECLl:` is `DECL:`
    ("09OUAGADOUGOU1159", "E.O. 12958: Declassify on 8/31/2034\nTAGS: PGOV PREL PHUM GV UV", "Declassify on 8/31/2034",
     (2034, 8, 31)),
    ("08KUWAIT560", "E.O. 12958: DECLl: 05/12/2018\nTAGS: EFIN KU KTFN PGOV PREL PTER", "05/12/2018", (2018, 5, 12)),
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
    # a page-break line inside the subject is not part of it, nor is the banner after it
    ("07NEWDELHI1051", "SUBJECT: INDIANS OFFER BLEAK ASSESSMENT OF AFGHANISTAN AND\nSOUTH ASIAN REGION DURING CTJWG\n"
     "NEW DELHI 00001051 001.2 OF 005\nClassified By: DCM Geoffrey Pyatt, Reason 1.4 (B, D)\n",
     "INDIANS OFFER BLEAK ASSESSMENT OF AFGHANISTAN AND SOUTH ASIAN REGION DURING CTJWG"),
    ("07IRANRPODUBAI23", "SUBJECT: REFORMIST MP ON POLITICAL STATE OF PLAY\nRPO DUBAI 00000023 001.2 OF 002\n"
     "CLASSIFIED BY: Jillian Burns", "REFORMIST MP ON POLITICAL STATE OF PLAY"),
    ("09PRETORIA939", "SUBJECT: PART 1 OF 3:  THE LIFE AND TIMES OF SOUTH AFRICA\u2019S\nNEXT PRESIDENT\n"
     "PRETORIA 00000939 001.2 OF 003\n-------\nSummary\n-------\n\n1. (SBU) Jacob Gedleyihlekisa Zuma",
     "PART 1 OF 3: THE LIFE AND TIMES OF SOUTH AFRICA\u2019S NEXT PRESIDENT"),
    # header text run into the subject is cut off it
    ("07MANAMA995", "SUBJECT: BAHRAIN: ARAB LEAGUE COLLECTIVE IMMEDIATERUCPDOC/USDOC WASHDC IMMEDIATE\n"
     "UNCLAS MANAMA 000995 SIPDIS SENSITIVE SIPDIS STATE FOR NEA/RA, EEB STATE PASS TO USTR FOR JASON BUNTIN USDOC "
     "4520/ITA/MAC/ONE FOR TYLER HOFFMAN E.O. 12958: N/A TAGS: ECON ETRD KBCT PREL AL IS BA\n\n1.(SBU) Econoff",
     "BAHRAIN"),
]


def test_subject_with_header_text_ends_after_it():
    """07MANAMA995: the header text cut from the subject still ends it, so it does not open the body."""
    text = SUBJECT_ROWS[-1][1]
    assert text[f.parse_subject(text)[1]:].strip().startswith("1.(SBU) Econoff")


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
    # what stands between the name and the reasons is neither (issue "The record")
    ("05BRASILIA1067", "Classified By: AMB. DANILOVICH BASED UPON REASON 1.4(B)\n\n\n1. (C) Summary.",
     "AMB. DANILOVICH", "1.4 (B)"),
    ("issue 2", "Classified By: DCM Phillip Chicola Based upon Reason 1.4 (d)\n", "DCM Phillip Chicola", "1.4 (d)"),
    ("07PARIS743", "Classified By: Political Minister-Counselor Josiah Rosenblatt for reaso\nns 1.4 (b) and (d).\n",
     "Political Minister-Counselor Josiah Rosenblatt", "1.4 (b) and (d)"),
    ("09BERLIN1106", "Classified By: MINISTER COUNSELOR FOR POLITICAL AFFAIRS GEORGE GLASS FO\nR REASONS 1.4 (B) "
     "AND (D)\n",
     "MINISTER COUNSELOR FOR POLITICAL AFFAIRS GEORGE GLASS", "1.4 (B) AND (D)"),
    ("08KHARTOUM1768", "Classified By: CDA Alberto M. Fernandez, Reason: Section 1.4 (b) and (d)\n\n\n1. (C) SUMMARY",
     "CDA Alberto M. Fernandez", "1.4 (b) and (d)"),
    ("09ABUJA2170", "Classified By: Ambassador Robin R. Sanders for Reasons\nin Sections 1.4 (b) and (d).\n",
     "Ambassador Robin R. Sanders", "1.4 (b) and (d)"),
    ("09TUNIS492", "Classified By: Ambassador Robert F. Godec for E.O. 12958 reasons 1.4 (b ) and (d).\n",
     "Ambassador Robert F. Godec", "1.4 (b) and (d)"),
    ("07HARARE638", "Classified By: Ambassador Christopher W. Dell under Section 1.4b/d\n\n\n1.  (C)  Having",
     "Ambassador Christopher W. Dell", "1.4 b/d"),
    # a `for` inside a name stays (it was cut: `Scott Tick`)
    ("07ACCRA1437", "Classified By: PolChief Scott Ticknor for reasons 1.4 (d) and (e).\n\n\n1. (C) Summary",
     "PolChief Scott Ticknor", "1.4 (d) and (e)"),
    # reasons without `1.4`, or with `1:4`, or in parentheses, leave the name
    ("07BUENOSAIRES1888", "Classified By: DCM Tom Kelly for reasons b, d.\n\n\n1. (C) Summary.", "DCM Tom Kelly",
     "b, d"),
    ("09KABUL1892", "Classified By: Ambassador Karl W. Eikenberry for Reasons 1:4 b,d\n\n\n1. (S/NF) SUMMARY.",
     "Ambassador Karl W. Eikenberry", "1.4 b,d"),
    ("09RIODEJANEIRO329", "Classified By: Principal Officer Dennis W. Hearne. Reasons (1.4 b,d)\n\nSUMMARY",
     "Principal Officer Dennis W. Hearne", "1.4 b,d"),
    ("10KABUL503", "Classified By: Acting Deputy Ambassador Joseph A. Mussomeli; Reasons ( b) and (d)\n\n\n1. (S)",
     "Acting Deputy Ambassador Joseph A. Mussomeli", "(b) and (d)"),
    # a corrected copy's note naming the statement is not the statement; nor is the classification before `BY`
    ("08ASTANA760", 'C O R R E C T E D C O P Y (ADD "CLASSIFIED BY" LINE\n\nSIPDIS\n\nE.O. 12958: DECL: 04/17/2018\n'
     "TAGS: PGOV PINR KZ\nSUBJECT: LIFESTYLES OF THE KAZAZHSTANI LEADERSHIP\n\nASTANA 00000760 001.4 OF 003\n\n\n"
     "CLASSIFIED BY POL/ECON CHIEF STEVEN FAGIN, REASONS 1.4\n(B) AND (D)\n", "POL/ECON CHIEF STEVEN FAGIN",
     "1.4 (B) AND (D)"),
    ("issue 2", "C O R R E C T E D C O P Y (ADD CLASSIFIED BY LINE) E.O. 12958: DECL: 05/01/2018 TAGS: PREL GG "
     "SUBJECT: TALKS CLASSIFIED BY: AMBASSADOR JOHN F. TEFFT. REASONS: 1.4 (B) AND (D)\n",
     "AMBASSADOR JOHN F. TEFFT", "1.4 (B) AND (D)"),
    ("08CARACAS420", "Classified By: CLASSIFIED CONFIDENTIAL BY ACTING DCM\nROBERT RICHARD DOWNES FOR REASON "
     "1.4 (d).\n",
     "ACTING DCM ROBERT RICHARD DOWNES", "1.4 (d)"),
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
