"""The entity pass is map/reduce-shaped: the same entities whatever the chunking and the order of the archive."""
from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from generator.entities.archive import merge_archive
from generator.entities.decide import second_reading
from generator.entities.knowledge import knowledge_part, learn, merge_knowledge
from generator.entities.reading import first_reading
from generator.entities.reference import enrich
from generator.record import Cable, Entity, Paragraph


def cable(cid: str, *paras: str, entities: tuple[Entity, ...] = ()) -> Cable:
    fmt = "annotated" if entities else "text"
    return Cable(id=cid, source=f"test/{cid}", format=fmt, entities=entities,
                 paragraphs=tuple(Paragraph(n, "C", None, t) for n, t in enumerate(paras, 1)))


ARCHIVE = [
    cable("08TESTPOST1", "Presidential Deputy Diplomatic Advisor Halvard Ossiansson met the envoy in Oslo."),
    cable("08TESTPOST2", "Trade Minister Halvard Ossiansson opened the talks. Ossiansson said the quota would "
                         "stay. The Nordic Fisheries Council (NFC) met in Bergen."),
    cable("08TESTPOST3", "The Nordic Fisheries Council (NFC) will meet again; the NFC chair was absent."),
    cable("08TESTPOST4", "Annotated text.", entities=(Entity("PER", "Marta Okonjo", (), 2),
                                                     Entity("LOC", "Norway", ("NORWAY",), 3))),
    cable("08TESTPOST5", "Marta Okonjo told the NFC that Norway would wait."),
]


def composed(cables: list, chunk: int) -> tuple[list, list[str]]:
    """The steps as a parallel build runs them: knowledge by chunks, readings one by one, pickled between."""
    parts = [pickle.loads(pickle.dumps(knowledge_part(cables[i:i + chunk]))) for i in range(0, len(cables), chunk)]
    k = pickle.loads(pickle.dumps(merge_knowledge(parts)))
    readings = [pickle.loads(pickle.dumps(first_reading(c, k))) for c in cables]
    learned = pickle.loads(pickle.dumps(learn(readings, k)))
    slim = [replace(c, paragraphs=(), entities=c.entities if r is None else second_reading(r, k, learned))
            for c, r in zip(cables, readings)]
    out, notes = merge_archive(slim, learned)
    return [replace(c, entities=o.entities) for c, o in zip(cables, out)], notes


def test_any_chunking_gives_the_same_knowledge():
    one = merge_knowledge([knowledge_part(ARCHIVE)])
    singles = merge_knowledge([knowledge_part([c]) for c in ARCHIVE])
    assert (one.names, one.given, one.vocab) == (singles.names, singles.given, singles.vocab)
    assert ("marta", "okonjo") in one.names and "marta" in one.given


@pytest.mark.parametrize("chunk", [1, 2, len(ARCHIVE)])
def test_steps_composed_in_chunks_equal_enrich(chunk):
    assert composed(ARCHIVE, chunk) == enrich(ARCHIVE)


def test_first_reading_depends_only_on_knowledge():
    k = merge_knowledge([knowledge_part(ARCHIVE)])
    alone = first_reading(ARCHIVE[0], k)
    for c in ARCHIVE[1:]:
        first_reading(c, k)  # reading other cables first teaches the Knowledge nothing
    assert first_reading(ARCHIVE[0], k) == alone
    assert first_reading(ARCHIVE[3], k) is None  # annotated: its own entities stand


def test_a_name_learned_later_informs_an_earlier_cable():
    out, _ = enrich(ARCHIVE)
    people = [e.name for e in out[0].entities if e.type == "PER"]
    assert people == ["Halvard Ossiansson"]  # cable 1 has no cue of its own; cable 2 names him with a title
    nfc = [e for e in out[4].entities if "NFC" in (e.name, *e.aliases)]
    assert nfc and nfc[0].name == "Nordic Fisheries Council"  # defined in two other cables: trusted


def test_archive_order_does_not_change_entities():
    forward, notes = enrich(ARCHIVE)
    backward, back_notes = enrich(ARCHIVE[::-1])
    assert {c.id: c.entities for c in forward} == {c.id: c.entities for c in backward}
    assert notes == back_notes


def test_real_corpus_in_chunks_and_reversed(corpus_cables):
    cables = corpus_cables[0][:120]
    whole = enrich(cables)
    assert composed(cables, 7) == whole
    backward, _ = enrich(cables[::-1])
    assert {c.source: c.entities for c in backward} == {c.source: c.entities for c in whole[0]}
