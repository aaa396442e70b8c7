"""Body parsers, table-driven: page breaks, trailers, signer, paragraphs with marks and banner headings.

Each row names the real cable its text comes from (../shared/corpus, ../shared/seeds).
"""
from __future__ import annotations

import pytest

from generator.parse import body as b
from generator.parse import fields as f

PAGE_BREAK_ROWS = [
    ("10STATE284", "issues (AQIM, LIFG, STATE 00000284 002 OF 002 foreign fighters); c.",
     ("STATE", 284), "issues (AQIM, LIFG, foreign fighters); c."),
    ("09PARIS451 (example)", "London in the autumn.  PARIS 00000451  003 OF 003 The U.S. was asked",
     ("PARIS", 451), "London in the autumn. The U.S. was asked"),
    ("09BERN351", "5.(U) Minimize considered.\n\nBERN 00000351  002 OF 002\n\n\nBEYER", ("BERN", 351),
     "5.(U) Minimize considered.\n\n \n\n\nBEYER"),
    ("08MANAMA127", "FURTHER CBB VIGILANCE URGED MANAMA 00000127 002.2 OF 002 ERELI", ("MANAMA", 127),
     "FURTHER CBB VIGILANCE URGED ERELI"),
    ("09UNVIEVIENNA285", "IAEA safety\n\nUNVIE VIEN 00000285  036.2 OF 036\n\n\nstandards", ("UNVIEVIEN", 285),
     "IAEA safety\n\n \n\n\nstandards"),
    ("06NEWDELHI5135", "the \"news of the day.\"\n\nNEW DELHI 00005135  002 OF 008\n\n\n\nNuclear", ("NEWDELHI", 5135),
     "the \"news of the day.\"\n\n \n\n\n\nNuclear"),
    # in mixed case, also with the station cut short
    ("07MOSCOW3579", "warlords, Sulim Yamadayev of the\n\nMoscow 00003579 002 of 005\n\n\n\"East\" Battalion",
     ("MOSCOW", 3579), "warlords, Sulim Yamadayev of the\n\n \n\n\n\"East\" Battalion"),
    ("09KUALALUMPUR752", "pre-notification and\n\nKuala lump 00000752 002 of 002\n\n\nthe release", ("KUALALUMP", 752),
     "pre-notification and\n\n \n\n\nthe release"),
]


@pytest.mark.parametrize("cable,text,station_serial,stripped", PAGE_BREAK_ROWS, ids=[r[0] for r in PAGE_BREAK_ROWS])
def test_page_breaks(cable, text, station_serial, stripped):
    assert f.page_break_station(text) == station_serial
    assert " ".join(f.strip_page_breaks(text).split(" ")) == stripped
    assert "OF 0" not in b.clean_body(text)


TRAILER_ROWS = [
    ("08MANAMA795", "Classified Website: http://www.state.sgov.gov/p/nea/manama/ "
     "********************************************* ******** HENZEL NNNN End Cable Text", "HENZEL"),
    ("08STATE34976", "Plenary.\n\nEND GUIDANCE.\nRICE\n\nNNNN\n\nEnd Cable Text", "RICE"),
    ("66BUENOSAIRES2481", "LIKELY TO SUCCEED.\n\nGP-3\nSACCIO", "SACCIO"),
    # a mail stamp after `End Cable Text` is past the end of the cable
    ("10BRUSSELS183", "Michael Froman.\nMURRAY\nEnd Cable Text\nZenaida X Toledo 07/30/2008 04:04:14 PM "
     "From DB/Inbox: TRANS\n.",
     "MURRAY"),
]


@pytest.mark.parametrize("cable,text,signer", TRAILER_ROWS, ids=[r[0] for r in TRAILER_ROWS])
def test_trailers_leave_the_body(cable, text, signer):
    body, got = b.split_signer(b.clean_body(text))
    assert got == signer
    assert "NNNN" not in body and "End Cable Text" not in body and signer not in body


SIGNER_ROWS = [
    ("10STATE284", "6.Request feedback by January 8.PM Bureau Point of contact is Tom Mancinelli, xxxxxxxxxxxx "
     "or xxxxxxxxxxxx.\nCLINTON", None, "CLINTON"),
    ("09BERN351", "5.(U) Minimize considered.\n\n\n\n\nBEYER", None, "BEYER"),
    ("04THEHAGUE2864", "reforms.\nSobel", None, "Sobel"),
    ("09MANAMA646", "are processed separately and issued on a case-by-case basis. #ERELI", None, "ERELI"),
    ("08MANAMA329", "Visit Embassy Manama's Classified Website: http://www.tate.sgov.gov/p/nea/manama/ HENZEL",
     None, "HENZEL"),
    ("07KINGSTON482", "alleviate poverty on the island.\n\nHEG", None, "HEG"),
    # a last capitalised word after running text counts only as the classifying official's surname
    ("09MANAMA596", "Anupama Prattipati, Multilateral Trade Office, EEB HENZEL", "CDA Christopher Henzel", "HENZEL"),
    ("09MANAMA596", "Anupama Prattipati, Multilateral Trade Office, EEB HENZEL", None, None),
    ("03THEHAGUE1453", "support and expertise. End Comment.", None, None),
    ("05THEHAGUE3069", "what might happen next.\nEND COMMENT.", None, None),
    ("05THEHAGUE1556", "recommendations on format, timing, and location. END COMMENT\nAND GUIDANCE REQUES", None, None),
    # a surname in mixed case after a sentence on the last line, also with a capital inside or a particle before it
    ("04ANKARA348", "a successful, democratic Turkey integrated into Europe. Edelman", None, "Edelman"),
    ("04RANGOON1100", "Post will continue to monitor these developments and report as warranted. McMullen", None,
     "McMullen"),
    ("09SOFIA363", "to perform an on-site inspection. END COMMENT. McEldowney", None, "McEldowney"),
    ("10MOSCOW266", "\u201cit seems that everything that happens at the lower levels is just for show.\u201d Beyrle",
     None, "Beyrle"),
    ("07KUWAIT808", "http://www.state.sgov.gov/p/nea/kuwait/\n********************************************* *"
     "\n\nLeBaron", None, "LeBaron"),
    ("issue 1", "the authorities would not let him leave the country. Swindells", None, "Swindells"),
    ("issue 1", "on the margins of the summit. Scobey", None, "Scobey"),
    ("issue 1", "the Minister agreed to follow up. Van Voorst", None, "Van Voorst"),
    # after a station's website banner, in any case
    ("08LONDON1113", "Visit London\u2019s Classified Website: http://www.intelink.sgov.gov/wiki/Portal:Unit "
     "ed_Kingdom LEBARON", None, "LEBARON"),
    ("07LONDON3175", "Visit London's Classified Website: http://www.state.sgov.gov/p/eur/london/index. cfm tuttle",
     None, "tuttle"),
    ("08KUWAIT128", "http://www.state.sgov.gov/p/nea/kuwait/\n********************************************* *"
     "\nmisenheimer", None, "misenheimer"),
    # text after the signer goes with it
    ("00HARARE5461", "AT ITS EXTRAORDINARY CONGRESS LATER THIS YEAR.\nMCDONALD\n CONFIDENTIAL\n>", None, "MCDONALD"),
    ("01VATICAN3507", "WHAT PUBLIC DIPLOMACY AVENUES TO USE. MMERANTE\n CONFIDENTIAL\n>\n 2001VATICA03507 - "
     "Classification: CONFIDENTIAL", None, "MMERANTE"),
    ("09ISLAMABAD2295", "by working closely with the U.S. PATTERSON\nSECRET", None, "PATTERSON"),
    ("05BRASILIA1207", "his continued presence at GSI bodes well for U.S. interests. DANILOVICH 2005-05-06", None,
     "DANILOVICH"),
    ("09BRUSSELS269", "Ambassador Williamson has cleared on this telegram.\nMURRAY .", None, "MURRAY"),
    ("07MADRID2044", "articles on these new measures. AGUIRRE / / / / / /", None, "AGUIRRE"),
    ("75TEHRAN2069", "BOTH DOMESTICALLY AND INTERNATIONALLY.\n\n\nHELMS\n\nDeclassified/Released US Department of "
     "State EO\nSystematic Review 05 JUL 2006", None, "HELMS"),
    ("issue 1", "to continue the dialogue.\nSCOBEY\n====CABLE ENDS====", None, "SCOBEY"),
    ("issue 1", "to continue the dialogue.\nSCOBEY\n1 SENSITIVE BUT UNCLASSIFIED", None, "SCOBEY"),
    ("issue 1", "on the margins of the summit. Scobey\nPREL PGOV EG", None, "Scobey"),
    # not signatures: an initial before the name, a closing word, noise with no name before it
    ("09PESHAWAR41", "Point of contact of contact for this information RSO Peshawar, David J. Hazarian", None, None),
    ("issue 1", "Please advise. Regards", None, None),
    ("09CAPETOWN204", "in the context of the economic meltdown.\n\ngeneral lawlessness. End Comment", None, None),
    ("79TEHRAN8980", "NEGOTIATING PROCESS.\n\nCONFIDENTIAL", None, None),
]


@pytest.mark.parametrize("cable,text,classified_by,signer", SIGNER_ROWS, ids=[r[0] for r in SIGNER_ROWS])
def test_signer(cable, text, classified_by, signer):
    body, got = b.split_signer(text, classified_by)
    assert got == signer
    if signer:
        assert signer not in body and not body.endswith("#")
    else:
        assert body == text


def _shape(paragraphs) -> list[tuple]:
    return [(p.number, p.mark, p.heading, p.text[:24]) for p in paragraphs]


PARAGRAPH_ROWS = [
    ("08MANAMA536", "1.(U) Summary: This message describes Bahrain's leading Shi'a clerics. End Summary. "
     "---------- Background ----------\n\n2.(U) About two thirds of Bahrain's citizens are Shi'a.",
     [(1, "U", None, "Summary: This message de"), (2, "U", "Background", "About two thirds of Bahr")]),
    ("08STATE34976", "¶1. (C) This message provides guidance.\n\n////////////////////\nSmall Group Meeting\n"
     "////////////////////\n\n¶2. (C) Per REF A, on April 9, France will host a meeting.",
     [(1, "C", None, "This message provides gu"), (2, "C", "Small Group Meeting", "Per REF A, on April 9, F")]),
    ("03THEHAGUE1865", "(C) 1. In a visit to The Hague, July 15-16, A/S Jones met\nwith senior officials.\n\n"
     "--------------------------------\nTransatlantic Relations and Iraq\n--------------------------------\n\n"
     "(C) 2. MFA Deputy Political Director Schaper raised Iraq,",
     [(1, "C", None, "In a visit to The Hague,"), (2, "C", "Transatlantic Relations ", "MFA Deputy Political Dir")]),
    ("05THEHAGUE484", "1 (S) Over the last two years, Defense Minister Kamp\n\n2. (S) On February 11, 2005,",
     [(1, "S", None, "Over the last two years,"), (2, "S", None, "On February 11, 2005,")]),
    ("08MANAMA235", "14.(S) In nuclear energy, as with regional security.\n\n15.C) Internally, conditions in Bahrain",
     [(14, "S", None, "In nuclear energy, as wi"), (15, "C", None, "Internally, conditions i")]),
    # `December\n17.` is a date wrapped at a line end, not paragraph 17
    ("04THEHAGUE3333", "4. (C) The Annex was withdrawn on Friday morning, December\n\n17. The Dutch fell back to a "
     "proposal\n\n5. (C) The Dutch still needed Turkey's",
     [(4, "C", None, "The Annex was withdrawn "), (5, "C", None, "The Dutch still needed T")]),
    ("10MANAMA24", "1. Embassy Manama welcomes the visit of STAFFDEL Raven to\nBahrain from January 19, 2010. "
     "2. Control Officer for the visit is Political Officer",
     [(1, None, None, "Embassy Manama welcomes "), (2, None, None, "Control Officer for the ")]),
    ("07BOGOTA1232", "¶8. (C) A/S Patterson said.\n\n---------------------------\nPending Visit to Washington\n\n"
     "---------------------------\n\n¶9. (C)  Both sides looked forward",
     [(8, "C", None, "A/S Patterson said."), (9, "C", "Pending Visit to Washing", "Both sides looked forwar")]),
    ("04THEHAGUE2415", "4. (C) A more immediate concern.\n\nOpinion Makers Lining Up on Both Sides,\nwith Public Opinion "
     "Still Coalescing\n---------------------------------------\n\n\n5. (C) The Dutch government has not",
     [(4, "C", None, "A more immediate concern"),
      (5, "C", "Opinion Makers Lining Up", "The Dutch government has")]),
    ("05THEHAGUE2064", "10. (C) Berlijn further explained,\nTactical Tomahawk, helicopters, and other assets.\n"
     "--------------------\nJoint Strike Fighter\n--------------------\n\n11. (C) Berlijn then turned",
     [(10, "C", None, "Berlijn further explaine"), (11, "C", "Joint Strike Fighter", "Berlijn then turned")]),
    ("09MANAMA441", "------------\nINTRODUCTION ------------\n\n1.(SBU) Embassy Manama warmly welcomes your visit.",
     [(1, "SBU", "INTRODUCTION", "Embassy Manama warmly we")]),
    ("09MANAMA737", "11.(C) Bahraini youth. --------------------------------------------- ---------- ...THOUGH "
     "PERSPECTIVES ABOUT THE U.S. ARE MORE UNIFORM --------------------------------------------- ----------\n\n"
     "12.(SBU) While most Bahraini youth",
     [(11, "C", None, "Bahraini youth."), (12, "SBU", "...THOUGH PERSPECTIVES A", "While most Bahraini yout")]),
    ("10STATE7114 (example)", "1. (U) This is an action request; see paragraph 6.\n\nSUMMARY -------\n\n\n"
     "2. (S) The Sirte cesium source was recovered",
     [(1, "U", None, "This is an action reques"), (2, "S", "SUMMARY", "The Sirte cesium source ")]),
    ("08MANAMA300", "(C)\n\nPoloff delivered reftel points", [(None, "C", None, "Poloff delivered reftel ")]),
    # unnumbered text: one paragraph per block
    ("09USEUBRUSSELS1177", "SUMMARY: The World Customs Organization (WCO) Council, made up of\nthe Directors General. "
     "END\nSUMMARY\n\nBACKGROUND:\n\nSince the June 2007 Council sessions",
     [(None, None, None, "SUMMARY: The World Custo"), (None, None, None, "BACKGROUND:"),
      (None, None, None, "Since the June 2007 Coun")]),
    ("03THEHAGUE2983", "(C): PolOff delivered reftel points to Dutch MFA Director of\nUN Political and Judicial Affairs",
     [(None, "C", None, "PolOff delivered reftel ")]),
    # a number glued to the paragraph's first word (`1.Key Points:`)
    ("08MANAMA34", "1.Summary: There were no changes to the Bahraini child labor situation in 2007.\n\n"
     "2.In response to reftel paragraph 9: The GOB did not change",
     [(1, None, None, "Summary: There were no c"), (2, None, None, "In response to reftel pa")]),
    ("issue 3", "1.Key Points: the talks went well.\n\n2.Next steps: none.",
     [(1, None, None, "Key Points: the talks we"), (2, None, None, "Next steps: none.")]),
    ("10STATE284", "5.(C) Action Request: Post is requested to draw on.\n\n6.Request feedback by January 8.",
     [(5, "C", None, "Action Request: Post is "), (6, None, None, "Request feedback by Janu")]),
    # `END` and `SUMMARY.` split by a blank line stay one phrase, in one paragraph
    ("10DAMASCUS159", "(S/NF) SUMMARY: In a surprise appearance, Syrian General Intelligence. don\u2019t put us "
     "on your lists,\u201d Miqdad declared. END\n\nSUMMARY.",
     [(None, "S/NF", None, "SUMMARY: In a surprise a")]),
    ("10THEHAGUE54", "The Dutch are concerned that failure by donors to get fast-track financing flowing quickly will "
     "lead to more friction with developing countries later this year. END\n\nSUMMARY.\n\nAMBASSADOR DISCUSSES",
     [(None, None, None, "The Dutch are concerned "), (None, None, None, "AMBASSADOR DISCUSSES")]),
]


def test_end_summary_split_by_a_blank_line_is_joined():
    """10DAMASCUS159: `END` / blank line / `SUMMARY.` reads `END SUMMARY.` in the paragraph's text."""
    (p,) = b.split_paragraphs(PARAGRAPH_ROWS[-2][1])
    assert p.text.endswith("Miqdad declared. END SUMMARY.")


@pytest.mark.parametrize("cable,body,expected", PARAGRAPH_ROWS, ids=[r[0] for r in PARAGRAPH_ROWS])
def test_paragraphs(cable, body, expected):
    got = _shape(b.split_paragraphs(body))
    assert [(n, m, (h or "")[:24] or None, t) for n, m, h, t in got] == expected


def test_paragraph_text_is_reflowed():
    """09PARIS997: hard-wrapped lines join into running text; the portion mark stays apart."""
    body = ("¶1.  (C)  SUMMARY:  MFA AF A/S-equivalent Stephane Gompertz on \nJuly 21 expressed frustration with "
            "the political impasse in \nMadagascar.  END SUMMARY. \n")
    (p,) = b.split_paragraphs(body)
    assert (p.number, p.mark) == (1, "C")
    assert p.text == ("SUMMARY:  MFA AF A/S-equivalent Stephane Gompertz on July 21 expressed frustration with "
                      "the political impasse in Madagascar.  END SUMMARY.")
