"""Entities of the real corpus (no annotations): hand-checked people, places and organisations, and no junk.

The expected lists were written by reading each cable; a name stands as the canonical name or one of its aliases.
"""
from __future__ import annotations

import pytest

from generator.entities.reference import enrich

HAND_CHECKED: dict[str, list[tuple[str, str]]] = {
    # Shi'a clerics of Bahrain, ranked by the embassy
    "08MANAMA536": [
        ("PER", "Isa Qassim"), ("PER", "Hussein Najati"), ("PER", "Mohammed Sanad"),
        ("PER", "Abduljalil Al Moqdad"), ("PER", "Abdulhussein Al Sitri"), ("PER", "Jawad Al Wadaee"),
        ("PER", "Hameed Al Mubarak"), ("PER", "Abdulla Al Ghoraifi"), ("PER", "Ahmed Al Asfoor"),
        ("PER", "Mohsin Al Asfoor"), ("PER", "Ali Salman"), ("PER", "Christopher Henzel"),
        ("LOC", "Bahrain"), ("LOC", "Najaf"), ("LOC", "Qom"), ("LOC", "Lebanon"), ("LOC", "Iran"),
        ("LOC", "Damascus"), ("LOC", "Manama"), ("LOC", "Diraz"), ("LOC", "Muharraq"),
        ("ORG", "Ulama Council"), ("ORG", "Supreme Islamic Council"),
        ("ORG", "Ministry of Justice and Islamic Affairs"), ("ORG", "Wifaq"), ("ORG", "Haq"),
    ],
    # 1972, all capitals: the Shah's request for F-4Es
    "72TEHRAN1164": [
        ("PER", "Azimi"), ("PER", "Toufanian"), ("PER", "Heck"),
        ("LOC", "Iran"), ("LOC", "Iraq"), ("LOC", "Moscow"), ("LOC", "Middle East"), ("LOC", "Washington"),
        ("LOC", "USSR"),
    ],
    # 1966, all capitals: Argentine fishing jurisdiction
    "66BUENOSAIRES2481": [
        ("PER", "Saccio"), ("LOC", "Argentina"), ("LOC", "Peru"), ("LOC", "Ecuador"), ("LOC", "Chile"),
        ("LOC", "Canada"), ("LOC", "Falkland Islands"),
    ],
    # 2000, all capitals: Dutch peacekeeping after Srebrenica
    "00THEHAGUE1695": [
        ("PER", "Van Aartsen"), ("PER", "Fendrick"), ("LOC", "Kosovo"), ("LOC", "Cyprus"), ("LOC", "Angola"),
        ("LOC", "Cambodia"), ("LOC", "Western Sahara"), ("LOC", "The Hague"), ("ORG", "NATO"), ("ORG", "UN"),
        ("ORG", "EU"),
    ],
    # plain text from a PDF: a Colombian candidate for an OAS committee
    "07BOGOTA1165": [
        ("PER", "Guillermo Fernandez de Soto"), ("PER", "Drucker"), ("LOC", "Colombia"), ("LOC", "Panama"),
        ("LOC", "United States"), ("ORG", "Interamerican Judicial Committee"),
        ("ORG", "Ministry of Foreign Affairs"),
    ],
    "10LONDON450": [
        ("PER", "Philippa Saunders"), ("PER", "Christian Turner"), ("PER", "Tony Blair"), ("PER", "Greg Berry"),
        ("LOC", "Libya"), ("LOC", "Tripoli"), ("LOC", "UK"), ("ORG", "Foreign and Commonwealth Office"),
        ("ORG", "FCO"),
    ],
    "09BERN351": [
        ("PER", "Hans-Rudolf Merz"), ("PER", "Hannibal Gaddafi"), ("PER", "Muammar Gaddafi"),
        ("PER", "ElBaghdadi Mahmudi"), ("PER", "Richard A. Rorvig"), ("LOC", "Switzerland"), ("LOC", "Libya"),
        ("LOC", "Tripoli"), ("LOC", "Geneva"), ("LOC", "London"), ("ORG", "International Court of Justice"),
    ],
    "09PARIS997": [
        ("PER", "Stephane Gompertz"), ("PER", "Joaquim Chissano"), ("PER", "Bruno Joubert"),
        ("PER", "Remi Marechaux"), ("PER", "Tandja"), ("PER", "Sarkozy"), ("PER", "Zuma"), ("PER", "Gbagbo"),
        ("PER", "Kathleen Allegrone"), ("LOC", "Madagascar"), ("LOC", "Mauritania"), ("LOC", "Niger"),
        ("LOC", "Cote d'Ivoire"), ("LOC", "Mali"), ("LOC", "Angola"), ("LOC", "Addis Ababa"),
        ("LOC", "South Africa"), ("LOC", "France"), ("ORG", "AQIM"), ("ORG", "EU"),
    ],
    "04THEHAGUE2864": [
        ("PER", "Theo van Gogh"), ("PER", "Pim Fortuyn"), ("PER", "Ayaan Hirsi Ali"), ("PER", "Samir Azzouz"),
        ("PER", "Job Cohen"), ("PER", "Geert Wilders"), ("PER", "Remkes"), ("PER", "Donner"),
        ("LOC", "Amsterdam"), ("LOC", "Netherlands"), ("LOC", "Saudi Arabia"),
        ("ORG", "Liberal Conservative Party"),
    ],
    "05MANAMA1672": [
        ("PER", "Michael Ambuehl"), ("PER", "Dan Weygandt"), ("PER", "Susan L. Ziadeh"), ("PER", "Fried"),
        ("LOC", "Switzerland"), ("LOC", "Manama"), ("LOC", "Bahrain"), ("LOC", "United States"),
    ],
}

# Never an entity, of any type: tagger junk, cable vocabulary, verbs read as names in capitals.
JUNK = ["DECL", "DECL:", "Department concurs with Post", "Department envisions", "Department views",
        "Department proposes that Post", "Department and DoD", "Post", "Agreement", "Ministers", "Article",
        "SIPDIS", "NOFORN", "Summary", "End Summary", "Comment", "Reftel", "The", "XXXXXXXXXXXX",
        "Concedes", "Underscores", "Simmering", "Classifed", "Pole", "U.S.-proposed", "CCM-excluded"]
# Never a person: groups, organisations and offices that look like names.
NOT_PEOPLE = ["Dutch Turks", "European Islam", "Job Skills", "Chechnya NGOs", "Non-NATO Ally", "Wifaq MPs",
              "Human Rights Watch", "Legal Affairs", "Contracting Parties", "Qatari Amir", "Bani Jamrah",
              "Minister of the Royal Court", "Bilad Al Qadeem", "Dutch", "Shah"]


@pytest.fixture(scope="module")
def enriched(corpus_cables, parsed_seeds):
    """The corpus and the seeds after the archive-wide entity pass, by cable ID (first of duplicates)."""
    cables, _skips = corpus_cables
    out, report = enrich([*cables, *parsed_seeds.values()])
    by_id: dict = {}
    for c in out:
        by_id.setdefault(c.id, c)
    return by_id, out, report


def _has(cable, typ: str, name: str) -> bool:
    return any(e.type == typ and (e.name == name or name in e.aliases) for e in cable.entities)


@pytest.mark.parametrize("cable_id", sorted(HAND_CHECKED))
def test_hand_checked_entities_are_found_with_their_type(enriched, cable_id):
    by_id, _, _ = enriched
    cable = by_id[cable_id]
    missing = [(t, n) for t, n in HAND_CHECKED[cable_id] if not _has(cable, t, n)]
    assert not missing, f"{cable_id}: not found {missing}"


def test_junk_never_becomes_an_entity(enriched):
    _, out, _ = enriched
    forms = {f for c in out for e in c.entities for f in (e.name, *e.aliases)}
    assert sorted(set(JUNK) & forms) == []


def test_groups_and_offices_are_not_people(enriched):
    _, out, _ = enriched
    people = {f for c in out for e in c.entities if e.type == "PER" for f in (e.name, *e.aliases)}
    assert sorted(set(NOT_PEOPLE) & people) == []


def test_every_corpus_cable_has_people_or_places(enriched, corpus_cables):
    by_id, _, _ = enriched
    cables, _ = corpus_cables
    empty = sorted({c.id for c in cables if not any(e.type in ("PER", "LOC") for e in by_id[c.id].entities)})
    assert empty == []


def test_one_type_and_one_name_per_entity_across_the_archive(enriched):
    _, out, _ = enriched
    seen: dict[str, str] = {}
    for c in out:
        for e in c.entities:
            assert seen.setdefault(e.name, e.type) == e.type, e.name
            assert e.count >= 1 and e.name == e.name.strip() and "[" not in e.name


def test_surnames_join_the_full_name_across_the_archive(enriched):
    by_id, _, _ = enriched
    # `Sobel` alone signs 04THEHAGUE2864; `Clifford M. Sobel` classifies other cables of the embassy
    sobel = [e for e in by_id["04THEHAGUE2864"].entities if "Sobel" in (e.name, *e.aliases)]
    assert len(sobel) == 1 and sobel[0].type == "PER" and sobel[0].name.startswith("Clifford")


def test_report_names_type_conflicts_and_ambiguous_surnames(enriched):
    _, _, report = enriched
    assert report == sorted(report)
    assert any("typed" in line and "kept" in line for line in report)
    assert any("surname of" in line for line in report)


def test_same_input_same_entities(corpus_cables):
    cables, _ = corpus_cables
    part = cables[:40]
    assert enrich(part) == enrich(list(part))
