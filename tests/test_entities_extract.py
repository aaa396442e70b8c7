"""Entity cleaning and extraction on text written for these tests: the cable conventions one by one."""
from __future__ import annotations

from generator.entities.annotations import clean_span, from_annotations
from generator.entities.reference import enrich, extract
from generator.record import Cable, Entity, Paragraph


def cable(*paras: str, cid: str = "08TESTPOST1", subject: str | None = None, classified_by: str | None = None,
          signer: str | None = None, tags: tuple[str, ...] = (), entities: tuple[Entity, ...] = ()) -> Cable:
    return Cable(id=cid, source=f"test/{cid}", format="text", subject=subject, classified_by=classified_by,
                 signer=signer, tags=tags, entities=entities,
                 paragraphs=tuple(Paragraph(n, "C", None, t) for n, t in enumerate(paras, 1)))


def found(entities) -> set[tuple[str, str]]:
    return {(e.type, f) for e in entities for f in (e.name, *e.aliases)}


def test_clean_span_rejects_junk_and_trims():
    for junk in ("DECL:", "DECL", ",", "--", "Department concurs with Post", "Department envisions",
                 "Department proposes that Post", "U.S.-proposed", "Post", "Department and DoD"):
        assert clean_span(junk) is None, junk
    assert clean_span("Libya ,") == "Libya"
    assert clean_span("UK’s") == "UK"
    assert clean_span("U.S") == "U.S."
    assert clean_span("Fathi al-Jahmi") == "Fathi al-Jahmi"


def test_annotations_merge_case_variants_surnames_and_types():
    spans = [("PER", "MARTA OKONJO"), ("PER", "Marta Okonjo"), ("PER", "Okonjo"), ("ORG", "Okonjo"),
             ("ORG", "Okonjo"), ("PER", "Teodor Brask"), ("ORG", "Brask"), ("ORG", "Brask"), ("ORG", "Brask"),
             ("LOC", "DECL:"), ("LOC", "U.S"), ("LOC", "United States"), ("ORG", "Department views")]
    ents = from_annotations(spans)
    people = {e.name: e for e in ents if e.type == "PER"}
    assert set(people) == {"Marta Okonjo", "Teodor Brask"}
    assert set(people["Marta Okonjo"].aliases) == {"MARTA OKONJO", "Okonjo"}
    assert people["Marta Okonjo"].count == 5
    assert people["Teodor Brask"].aliases == ("Brask",)  # tagged ORG three times: still the person
    assert not any(e.type == "ORG" for e in ents)
    us = [e for e in ents if e.type == "LOC"]
    assert len(us) == 1 and {us[0].name, *us[0].aliases} == {"U.S.", "United States"}


def test_titles_before_names():
    c = cable("Ambassador Gene Cretz met FM Musa Kusa and PM/WRA Deputy Director Steven Costner on May 6. "
              "Sheikh Isa Qassim later joined A/S Stephane Gompertz and his deputy Andrew Ford.")
    got = found(extract(c))
    for name in ("Gene Cretz", "Musa Kusa", "Steven Costner", "Isa Qassim", "Stephane Gompertz", "Andrew Ford"):
        assert ("PER", name) in got, name
    assert not any(t == "PER" and ("Ambassador" in n or "Deputy" in n) for t, n in got)


def test_surname_in_capitals_and_later_mentions():
    c = cable("The delegation met Interior Minister Rashid AL-MARRI and Colonel Idris Venkataraman. "
              "Al-Marri said the border would stay open; Venkataraman noted that patrols had doubled.")
    ents = extract(c)
    marri = [e for e in ents if e.type == "PER" and "Al-Marri" in (e.name, *e.aliases)]
    assert marri and marri[0].name.startswith("Rashid")
    venk = [e for e in ents if "Venkataraman" in (e.name, *e.aliases)]
    assert len(venk) == 1 and venk[0].name == "Idris Venkataraman" and venk[0].count == 2


def test_acronym_defined_in_the_text():
    c = cable("Partners of the Missile Technology Control Regime (MTCR) met in Paris. The MTCR chair spoke.")
    ents = extract(c)
    mtcr = [e for e in ents if "MTCR" in e.aliases]
    assert len(mtcr) == 1 and mtcr[0].type == "ORG" and mtcr[0].name == "Missile Technology Control Regime"
    assert mtcr[0].count == 3  # the long name, the acronym in brackets, the acronym again
    assert ("LOC", "Paris") in found(ents)
    c = cable("They discussed the Convention on Cluster Munitions (CCM) with David Hodson (OSD).")
    got = found(extract(c))
    # a convention is a document, not a body (the gold set's MISC, which the site does not list)
    assert not any(n in ("CCM", "Convention on Cluster Munitions") for _t, n in got)
    assert ("PER", "David Hodson") in got  # a name before an office in brackets
    assert not any(t == "PER" and "Munitions" in n for t, n in got)


def test_classified_by_and_signer_are_people():
    c = cable("Post has nothing to add.", classified_by="Political Counselor Jane Q. Ostrova for reasons 1.4 (b)",
              signer="PELLERIN")
    got = found(extract(c))
    assert ("PER", "Jane Q. Ostrova") in got
    assert ("PER", "Pellerin") in got


def test_places_from_the_data_package_and_town_with_state():
    c = cable("Libya wants the C-130s parked in Marietta, Georgia, flown to Tripoli via Malta.")
    got = found(extract(c))
    for place in ("Libya", "Marietta", "Georgia", "Tripoli", "Malta"):
        assert ("LOC", place) in got, place


def test_all_capitals_cable_is_not_all_names():
    c = cable("THE AMBASSADOR SAID THE PLAN WOULD NOT WORK WITHOUT SUPPORT FROM CAIRO. FOREIGN MINISTER "
              "VAN AARTSEN HAS ORGANIZED TWO SEMINARS ON PEACEKEEPING IN CYPRUS AND ANGOLA. THE REPORT WILL "
              "REACH NATO NEXT WEEK. US OFFICIALS SAY LET US WAIT.",
              subject="DUTCH VIEWS ON PEACEKEEPING", signer="FENDRICK")
    ents = extract(c)
    assert {(e.type, e.name) for e in ents} == {
        ("PER", "Van Aartsen"), ("PER", "Fendrick"), ("LOC", "Cairo"), ("LOC", "Cyprus"), ("LOC", "Angola"),
        ("ORG", "NATO"), ("LOC", "United States")}


def test_enrich_fills_unannotated_cables_and_merges_across_the_archive():
    a = cable("Trade Minister Halvard Ossiansson opened the talks in Oslo.", cid="08TESTPOST1")
    b = cable("Ossiansson said the quota would stay.", cid="08TESTPOST2")
    annotated = Cable(id="08TESTPOST3", source="test/3", format="annotated",
                      entities=(Entity("PER", "Halvard Ossiansson", (), 1), Entity("LOC", "Norway", (), 2)))
    out, report = enrich([a, b, annotated])
    assert set(out[2].entities) == set(annotated.entities)  # annotations are kept, not re-extracted
    for c in out[:2]:
        person = [e for e in c.entities if e.type == "PER"]
        assert [e.name for e in person] == ["Halvard Ossiansson"], c.id
    assert "Ossiansson" in [e for e in out[1].entities if e.type == "PER"][0].aliases
    assert isinstance(report, list)


def test_ambiguous_surname_stays_apart_and_is_reported():
    a = cable("Judge Carla Lindqvist ruled on the case.", cid="08TESTPOST1")
    b = cable("Senator Petra Lindqvist objected.", cid="08TESTPOST2")
    c = cable("Lindqvist said nothing more.", cid="08TESTPOST3")
    out, report = enrich([a, b, c])
    names = {e.name for e in out[2].entities if e.type == "PER"}
    assert names == {"Lindqvist"}
    assert any("Lindqvist" in line and "surname of 2 people" in line for line in report)


def test_annotation_notes_name_what_cleaning_did():
    from generator.entities.annotations import annotation_notes

    notes = annotation_notes([("PER", "Teodor Brask"), ("ORG", "Brask"), ("ORG", "Brask"), ("LOC", "DECL:"),
                              ("LOC", "CCX"), ("LOC", "CCX"), ("ORG", "CCX")])
    assert "annotation [LOC DECL:] rejected" in notes
    assert "annotation 'Brask' tagged ORG 2; joins PER 'Teodor Brask'" in notes
    assert "annotation 'CCX' tagged LOC 2, ORG 1; kept ORG" in notes  # no place is called CCX
