"""Lone surnames count into the full name the archive taught, whichever cable taught it and in whatever order."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.reference import load
from generator.entities.reference import enrich
from generator.record import Cable, Paragraph

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cables"


def cable(cid: str, *paras: str) -> Cable:
    return Cable(id=cid, source=f"test/{cid}", format="text",
                 paragraphs=tuple(Paragraph(n, "C", None, t) for n, t in enumerate(paras, 1)))


TEACHER = cable("08TESTPOST1", "Trade Minister Halvard Ossiansson opened the talks in Oslo.",
                "The fisheries talks and the fisheries quota come first.")
READER = cable("08TESTPOST2",  # no cue here: the full name is only known from the other cable
               "The talks with Halvard Ossiansson went on in Oslo.",
               "Ossiansson chaired the meeting. Later the envoy thanked Ossiansson for Ossiansson's patience.")


def person(c: Cable, name: str):
    found = [e for e in c.entities if e.type == "PER" and e.name == name]
    return found[0] if found else None


@pytest.mark.parametrize("order", ["teacher first", "teacher last"])
def test_lone_surnames_join_a_name_taught_by_another_cable(order):
    archive = [TEACHER, READER] if order == "teacher first" else [READER, TEACHER]
    out, _ = enrich(archive)
    read = next(c for c in out if c.id == "08TESTPOST2")
    ossiansson = person(read, "Halvard Ossiansson")
    # one full mention and three alone (opening a sentence, an object, a possessive)
    assert ossiansson is not None and ossiansson.count == 4
    assert "Ossiansson" in ossiansson.aliases


def test_a_surname_that_is_someone_s_first_name_is_left_apart():
    reader = cable("08TESTPOST3", "The talks with Halvard Ossiansson went on in Oslo.",
                   "Ossiansson Berg, the captain, was absent. The envoy thanked Ossiansson.")
    out, _ = enrich([TEACHER, reader])
    ossiansson = person(out[1], "Halvard Ossiansson")
    assert ossiansson is not None and ossiansson.count == 1  # `Ossiansson` alone may be Mr. Berg
    assert person(out[1], "Ossiansson Berg") is not None


def test_example_paris_cable_counts_every_vautrin():
    cables, _ = load([str(EXAMPLES)])
    out, _ = enrich(cables)
    paris = next(c for c in out if c.id == "09PARIS451")
    vautrin = person(paris, "Anne-Claire Vautrin")
    assert vautrin is not None and vautrin.count == 4  # `Anne-Claire Vautrin` once, `Vautrin` three times
    assert vautrin.aliases == ("Vautrin",)


@pytest.fixture(scope="module")
def real(corpus_cables, parsed_seeds):
    """The corpus and the seeds after the entity pass, by cable ID (first of duplicates)."""
    out, _ = enrich([*corpus_cables[0], *parsed_seeds.values()])
    by_id: dict = {}
    for c in out:
        by_id.setdefault(c.id, c)
    return by_id


@pytest.mark.parametrize("cable_id, name, count, alias", [
    ("09MANAMA609", "Hassan Mushaima", 8, "Mushaima"),  # once in full, seven times alone
    ("04THEHAGUE1446", "Rob Coster", 3, "Coster"),
    ("03THEHAGUE2480", "Bernard Bot", 7, "Bot"),  # `Bot declared`, `choosing Bot`, `Bot's resume` ...
])
def test_real_cables_count_lone_surnames(real, cable_id, name, count, alias):
    e = person(real[cable_id], name)
    assert e is not None and e.count == count and alias in e.aliases


def test_another_man_s_surname_is_not_counted(real):
    """06NEWDELHI5239 names Dawood Ibrahim many times: none of it is a mention of a different Ibrahim."""
    people = [e for e in real["06NEWDELHI5239"].entities if e.type == "PER" and e.name.endswith("Ibrahim")
              and not e.name.startswith("Dawood")]
    assert all(e.count <= 2 for e in people), people
