"""The names of issue "Names on real cables", each a row naming its cable: one entity per referent, nothing that
is not a name, and recall on what a cable is about.

Real rows read a small slice of ../shared/corpus-2010 (the named cables, read as one archive); rows about what
the archive as a whole teaches (a surname joined to the one full name, spelling variants) are made-up cables of
the same shape, since they need many cables to say it.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.reference import load
from generator.entities.reference import enrich
from generator.record import Cable, Entity, Paragraph

SLICE = ("07MOSCOW3579", "09KYIV1942", "10ASTANA267", "06HAVANA8633", "09MEXICO3061", "06LONDON5958")


@pytest.fixture(scope="module")
def named(shared: Path) -> dict[str, Cable]:
    """The named cables of corpus-2010, their entities found as one archive."""
    files = [str(shared / "corpus-2010" / "html" / f"{cid}.html") for cid in SLICE]
    cables, _skips = load(files)
    out, _notes = enrich(cables)
    return {c.id: c for c in out}


def _entity(cable: Cable, typ: str, form: str) -> Entity | None:
    """The entity of this type that is written `form` (its name or one of its aliases), case aside."""
    want = form.lower()
    return next((e for e in cable.entities if e.type == typ
                 and want in {n.lower() for n in (e.name, *e.aliases)}), None)


FOUND = [  # (cable, type, a form written in it, the entity's name): recall on what the cable is about
    ("07MOSCOW3579", "PER", "Kadyrov", "Ramzan Kadyrov"),  # subject: THINKING ABOUT KADYROV
    ("07MOSCOW3579", "LOC", "Chechnya", "Chechnya"),  # 34 mentions, a region
    ("07MOSCOW3579", "LOC", "Ingushetia", "Ingushetia"),
    ("07MOSCOW3579", "LOC", "Dagestan", "Dagestan"),
    ("09KYIV1942", "PER", "Van Diepen", "Van Diepen"),  # 34 mentions (`Vann H. Van Diepen` in other cables)
    ("10ASTANA267", "PER", "Zhovtis", "Yevgeniy Zhovtis"),  # `human rights activist Yevgeniy Zhovtis`
    ("10ASTANA267", "PER", "Holbrooke", "Richard Holbrooke"),  # and `SRAP Holbrooke`: one person
    ("09MEXICO3061", "PER", "Blair", "Dennis Blair"),  # `DNI Dennis Blair`, then `Blair`
    ("06LONDON5958", "PER", "Blair", "Tony Blair"),
    ("06LONDON5958", "PER", "Maura Connelly", "Maura Connelly"),  # was `PolMinCouns Maura Connelly`
    ("06HAVANA8633", "PER", "Raul Castro", "Raul Castro"),
]


@pytest.mark.parametrize("cid,typ,form,name", FOUND, ids=[f"{r[0]}-{r[2]}" for r in FOUND])
def test_named_entity_found_under_its_full_name(named, cid, typ, form, name):
    e = _entity(named[cid], typ, form)
    assert e is not None, f"{cid}: no {typ} written {form!r}"
    assert e.name == name


APART = [  # (cable, a name, a form that must not be one of its forms): several people are not one page
    ("06HAVANA8633", "Vilma Espin Guillois de Castro", "Castro"),  # Fidel's 18 mentions were filed under her
    ("06HAVANA8633", "Raul Castro", "Castro"),
]


@pytest.mark.parametrize("cid,name,form", APART, ids=[f"{r[0]}-{r[2]}" for r in APART])
def test_ambiguous_surname_stays_apart(named, cid, name, form):
    owner = next(e for e in named[cid].entities if e.name == name)
    assert form not in owner.aliases
    alone = _entity(named[cid], "PER", form)
    assert alone is not None and alone.name == form  # `Castro`, a person, on a page of its own


NOT_NAMES = [  # (cable, a string no entity may be or start with): titles, dates, demonyms, common words
    ("06LONDON5958", "PolMinCouns"),
    ("10ASTANA267", "SRAP"),
    ("07MOSCOW3579", "Premier"),
    ("07MOSCOW3579", "Chechens"),
    ("09KYIV1942", "Assistant"),
]


@pytest.mark.parametrize("cid,junk", NOT_NAMES, ids=[f"{r[0]}-{r[1]}" for r in NOT_NAMES])
def test_no_junk_is_a_name(named, cid, junk):
    bad = [e.name for e in named[cid].entities if e.name == junk or e.name.startswith(junk + " ")]
    assert not bad, f"{cid}: {bad}"


def cable(cid: str, *paras: str, tags: tuple[str, ...] = ()) -> Cable:
    return Cable(id=cid, source=f"test/{cid}", format="text", tags=tags,
                 paragraphs=tuple(Paragraph(n, "C", None, t) for n, t in enumerate(paras, 1)))


def _names(out: list[Cable]) -> dict[str, set[tuple[str, str]]]:
    return {c.id: {(e.type, e.name) for e in c.entities} for c in out}


MADE_UP = [
    # variants of one name across cables fold together, the merge visible as "also written" (aliases)
    ("article and hyphen", [
        ("09KHARTOUM1", "Rebel leader Abdel Wahid al-Nur rejected the talks, Abdel Wahid al-Nur said."),
        ("09KHARTOUM2", "Rebel leader Abdel Wahid Al Nur met the envoy in Paris."),
    ], ("PER", None), "Abdel Wahid al-Nur"),
    ("one letter apart", [
        ("07PARIS1", "President Nicolas Sarkozy spoke. Sarkozy said he would visit."),
        ("07PARIS2", "President Nicolas Sarkozy spoke again. Then President Nicolas Sarkozy left."),
        ("07PARIS3", "Candidate Nicholas Sarkozy said he would win."),
    ], ("PER", "Nicolas Sarkozy"), "Nicholas Sarkozy"),
    ("short given name", [
        ("08MANAMA1", "Charge Christopher Henzel met the minister. Christopher Henzel said so."),
        ("08MANAMA2", "Ambassador Christopher Henzel left. Christopher Henzel said goodbye."),
        ("08MANAMA3", "Charge Chris Henzel hosted the dinner."),
        ("08MANAMA4", "Ambassador Henzel said the minister agreed."),
    ], ("PER", "Christopher Henzel"), "Chris Henzel"),
    ("article written or not", [
        ("09DAMASCUS1", "President Bashar al-Assad met the envoy. Bashar al-Assad said so."),
        ("09DAMASCUS2", "President Bashar Al Assad spoke. Bashar Al Assad said he would reply."),
    ], ("PER", None), "Bashar Al Assad"),
    ("given name one letter short", [
        ("06SAOPAULO1", "Governor Geraldo Alckmin met the consul. Geraldo Alckmin said so."),
        ("06SAOPAULO2", "Governor Geraldo Alckmin spoke again."),
        ("06SAOPAULO3", "Candidate Gerald Alckmin said he would run."),
    ], ("PER", "Geraldo Alckmin"), "Gerald Alckmin"),
    ("a shorter full name it opens", [
        ("08MANAMA5", "Foreign Minister Khalid bin Ahmed Al Khalifa met the Ambassador. He said so."),
        ("08MANAMA6", "Foreign Minister Khalid bin Ahmed Al-Khalifa spoke."),
        ("08MANAMA7", "Foreign Minister Khalid bin Ahmed said the talks would resume."),
    ], ("PER", "Khalid bin Ahmed Al Khalifa"), "Khalid bin Ahmed"),
    ("surname of the one full name", [
        ("09BRASILIA1", "Ambassador Clifford M. Sobel met Lula. Sobel said so."),
        ("09BRASILIA2", "Ambassador Clifford M. Sobel spoke. Clifford Sobel said the talks went well."),
        ("09BRASILIA3", "Ambassador Clifford Sobel and Minister Celso Amorim met."),
        ("09BRASILIA4", "Rabbi Henry Sobel spoke briefly."),
        ("09BRASILIA5", "Sobel said the visit would go ahead, and Ambassador Sobel agreed."),
        *((f"09BRASILIA{n}", "Ambassador Clifford M. Sobel met the minister. Clifford M. Sobel said so.")
          for n in range(6, 12)),
    ], ("PER", "Clifford M. Sobel"), "Sobel"),
]


@pytest.mark.parametrize("case,texts,entity,variant", MADE_UP, ids=[r[0] for r in MADE_UP])
def test_variants_of_one_name_are_one_entity(case, texts, entity, variant):
    out, _notes = enrich([cable(cid, text) for cid, text in texts])
    typ, name = entity
    holders = [e for c in out for e in c.entities if e.type == typ and variant in (e.name, *e.aliases)]
    assert holders, f"no {typ} written {variant!r}"
    names = {e.name for c in out for e in c.entities if e.type == typ and e.name.split()[-1] in variant}
    assert len(names) == 1 if name is None else names <= {name, "Henry Sobel"}, names  # one entity, any spelling


def test_a_surname_of_several_people_is_not_joined_to_one():
    # Blair: Tony Blair in London, Dennis Blair in Mexico; a cable naming `Blair` alone is neither's for sure
    out, notes = enrich([
        cable("06LONDON1", "Prime Minister Tony Blair spoke. Tony Blair said he would go."),
        cable("09MEXICO1", "DNI Dennis Blair met President Calderon."),
        cable("09MEXICO2", "DNI Dennis Blair returned. Dennis Blair said the visit went well."),
        cable("09MEXICO3", "Blair said the visit would go ahead. He said Blair left for Washington."),
    ])
    names = _names(out)
    assert ("PER", "Blair") in names["09MEXICO3"]
    assert any("surname of 2 people" in n and "Blair" in n for n in notes)


NATIONAL = [  # one name, two countries' bodies: (cable, its text, its tags, the entity it must name)
    [("08MANAMA9", "The Ministry of Interior arrested the men.", ("PGOV", "BA"), "Ministry of Interior (Bahrain)"),
     ("08ISLAMABAD9", "The Ministry of Interior denied it.", ("PTER", "PK"), "Ministry of Interior (Pakistan)")],
    [("08BOGOTA9", "The GOC said the talks would resume. The GOC agreed.", ("PREL", "CO"), "GOC (Colombia)"),
     ("08HAVANA9", "The GOC said no. The GOC refused.", ("PREL", "CU"), "GOC (Cuba)")],
]


@pytest.mark.parametrize("pair", NATIONAL, ids=["Ministry of Interior", "GOC"])
def test_national_bodies_of_different_countries_stay_apart(pair):
    out, _notes = enrich([cable(cid, text, tags=tags) for cid, text, tags, _name in pair])
    names = _names(out)
    for cid, _text, _tags, name in pair:
        assert ("ORG", name) in names[cid]


GLUED = [  # (text, a name as it must come out, a word that must never be part of a name): titles and dates
    ("EMIN Marc Wall met the minister.", ("PER", "Marc Wall"), "EMIN"),
    ("Candidate Sarkozy said he would win.", ("PER", "Sarkozy"), "Candidate"),
    ("He met the Ministry of Justice and Islamic Affairs on October 5.",
     ("ORG", "Ministry of Justice and Islamic Affairs"), "October"),
    ("The Fisheries Agency of Japan Deputy Director General Jun Yamashita January visit went well.",
     ("ORG", "Fisheries Agency of Japan"), "January"),
    ("President Cristina Fernandez de Kirchner (CFK) spoke. CFK said so.",  # a person, not an organisation
     ("PER", "Cristina Fernandez de Kirchner"), "President"),
]


@pytest.mark.parametrize("text,entity,junk", GLUED, ids=[r[2] for r in GLUED])
def test_titles_and_dates_never_stick_to_a_name(text, entity, junk):
    out, _notes = enrich([cable("09TEST2", text)])
    assert entity in {(e.type, e.name) for e in out[0].entities}
    assert not [e.name for e in out[0].entities if junk in e.name.split()]


NOT_PEOPLE = [  # a word that is never a person, in a sentence that once made it one
    ("Qataris", "The Qataris said they would host the talks, and the Qataris agreed. Qataris insisted."),
    ("Saudis", "The Saudis said no. Ambassador Smith said the Saudis would wait; the Saudis insisted."),
    ("Staff", "Staff said the plan was ready. Staff agreed. Staff will report."),
    ("Indians", "The Indians said no. Ambassador Smith said the Indians would wait; the Indians insisted."),
    ("Activities", "Activities said to be illegal continued. Activities grew. Activities ended."),
    ("People", "People said the plan was bad. People agreed. People will vote."),
    ("XXXXXXXXXXXX", "XXXXXXXXXXXX said the minister agreed. XXXXXXXXXXXX added that it was late."),
]


@pytest.mark.parametrize("word,text", NOT_PEOPLE, ids=[r[0] for r in NOT_PEOPLE])
def test_demonyms_common_words_and_redactions_are_not_people(word, text):
    out, _notes = enrich([cable("09TEST1", text)])
    assert not [e for e in out[0].entities if e.name == word or word in e.aliases]


NOT_BODIES = [  # documents and laws are not organisations (the gold set's MISC)
    ("Memorandum of Understanding", "The sides signed a Memorandum of Understanding (MOU) in Kyiv. The MOU holds."),
    ("Penal Code", "The Penal Code punishes it. Under the Penal Code, judges may act."),
]


@pytest.mark.parametrize("name,text", NOT_BODIES, ids=[r[0] for r in NOT_BODIES])
def test_documents_are_not_organisations(name, text):
    out, _notes = enrich([cable("09TEST3", text)])
    assert not [e for e in out[0].entities if e.type == "ORG" and e.name == name]


def test_a_headline_word_does_not_become_a_full_name():
    # 10LONDON (corpus-2010): the heading `"Smeargate" Wrecks Gordon Brown's Plans` once took in every Gordon Brown
    out, _notes = enrich([
        *(cable(f"09LONDON{n}", "Prime Minister Gordon Brown spoke. Gordon Brown said so.") for n in range(1, 6)),
        cable("09LONDON9", "Smeargate Wrecks Gordon Brown's Plans for Early Elections. Prime Minister Gordon "
                           "Brown said he would wait."),
    ])
    assert all(("PER", "Gordon Brown") in {(e.type, e.name) for e in c.entities} for c in out[:5])


def test_a_national_body_takes_its_station_s_country():
    # 09MEXICO3061 (corpus-2010): `GOM` from Embassy Mexico once read as the Philippines' (a town named Mexico)
    c = replace(cable("09MEXICO9", "The GOM said the talks would resume. The GOM agreed."), origin_name="Embassy Mexico")
    out, _notes = enrich([c])
    assert ("ORG", "GOM (Mexico)") in _names(out)["09MEXICO9"]


@pytest.mark.parametrize("name", ["Majlis Al Nawab", "Banque du Caire"])
def test_assemblies_and_banks_are_not_people(name):
    # Bahrain's lower house and an Egyptian bank were pages of people on the real corpus
    out, _notes = enrich([cable("08MANAMA8", f"The {name} said it would act. Officials of the {name} met the "
                                             f"Ambassador. The {name} agreed.")])
    assert not [e for e in out[0].entities if e.type == "PER" and name in (e.name, *e.aliases)]
