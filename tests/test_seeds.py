"""Every fact of ../shared/seeds/expected.json holds for the three seeds (entity facts: test_entities.py)."""
from __future__ import annotations

import pytest

SEEDS = ["000_3a66491405135787.txt", "001_85ad98d0600f753d.txt", "002_d5a32e40f8b893e0.txt"]


def _visible_text(cable) -> str:
    """The body text a reader sees: headings and paragraphs."""
    parts = []
    for p in cable.paragraphs:
        parts += [p.heading or "", p.text]
    return "\n".join(parts)


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_fields(seed, seeds_expected, parsed_seeds):
    exp = seeds_expected[seed]
    c = parsed_seeds[seed]
    assert c.id == exp["id"]
    assert (c.date or "").startswith(exp["date_prefix"])
    assert c.date_inferred is exp["date_inferred"]
    assert c.classification == exp["classification"]
    assert c.origin == exp["origin"]
    assert list(c.tags) == exp["tags"]
    if "subject" in exp:
        assert c.subject == exp["subject"]
    if "subject_starts" in exp:
        assert c.subject.startswith(exp["subject_starts"])
    assert [r.id for r in c.references if r.id] == exp["reference_ids"]
    for text in exp.get("reference_texts_include", []):
        assert any(r.text == text and r.id is None for r in c.references)
    assert c.signer == exp["signer"]
    if "sections" in exp:
        assert c.sections == exp["sections"]
    if "classified_by_contains" in exp:
        assert exp["classified_by_contains"].lower() in c.classified_by.lower()
    if "to_contains" in exp:
        assert any(exp["to_contains"] in t for t in c.to)
    if "paragraphs" in exp:
        assert len(c.paragraphs) == exp["paragraphs"]
        assert [p.number for p in c.paragraphs] == list(range(1, exp["paragraphs"] + 1))
    for h in exp.get("headings_include", []):
        assert h in [p.heading for p in c.paragraphs]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_text_excludes(seed, seeds_expected, parsed_seeds):
    text = _visible_text(parsed_seeds[seed])
    for s in seeds_expected[seed]["text_excludes"]:
        assert s not in text, f"{s!r} survived in the body of {seed}"


def test_seed_detokenized(parsed_seeds):
    c = parsed_seeds["000_3a66491405135787.txt"]
    text = _visible_text(c)
    assert "(ref a)" in text and "( ref a )" not in text
    assert " ," not in text and " ." not in text.replace(" ...", "")
    assert c.paragraphs[0].mark == "U" and c.paragraphs[0].text == "This is an action request; see para 5."
