"""The entity facts of ../shared/seeds/expected.json, through load() then enrich() as the build runs them."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.reference import load
from generator.entities.reference import enrich


@pytest.fixture(scope="module")
def enriched_seeds(shared: Path) -> tuple[dict, list[str]]:
    """Seed file name -> cable after the archive-wide entity pass, and the report lines."""
    cables, _skips = load([str(shared / "seeds")])
    out, report = enrich(cables)
    return {Path(c.source).name: c for c in out}, report


def _forms(entity) -> set[str]:
    return {entity.name, *entity.aliases}


def _find(cable, typ: str, name: str):
    """The entity of that type named `name` (or holding it as an alias), or None."""
    for e in cable.entities:
        if e.type == typ and name in _forms(e):
            return e
    return None


def test_entities_include_with_types(enriched_seeds, seeds_expected):
    cables, _ = enriched_seeds
    for seed, facts in seeds_expected.items():
        if seed == "about":
            continue
        for typ, name in facts.get("entities_include", []):
            assert _find(cables[seed], typ, name), f"{seed}: no {typ} entity {name!r}"


def test_entities_exclude(enriched_seeds, seeds_expected):
    cables, _ = enriched_seeds
    for seed, facts in seeds_expected.items():
        if seed == "about":
            continue
        every = {f for e in cables[seed].entities for f in _forms(e)}
        for junk in facts.get("entities_exclude", []):
            assert junk not in every, f"{seed}: {junk!r} became an entity"


def test_entities_same_are_one_entity(enriched_seeds, seeds_expected):
    cables, _ = enriched_seeds
    for seed, facts in seeds_expected.items():
        if seed == "about":
            continue
        for group in facts.get("entities_same", []):
            holders = [e for e in cables[seed].entities if set(group) <= _forms(e)]
            assert len(holders) == 1, f"{seed}: {group} are not one entity"
            assert holders[0].type == "PER"


def test_seed_001_places_come_from_plain_text(enriched_seeds):
    cables, _ = enriched_seeds
    cable = cables["001_85ad98d0600f753d.txt"]
    assert cable.format != "annotated"
    for place in ("Paris", "China", "Iran", "North Korea", "France", "Japan"):
        assert _find(cable, "LOC", place), place
    mtcr = _find(cable, "ORG", "MTCR")
    assert mtcr and mtcr.name == "Missile Technology Control Regime"
    assert _find(cable, "PER", "Donald A. Mahley")  # the Classified-by line
    assert _find(cable, "PER", "Rice")  # the signature


def test_annotation_mistakes_are_cleaned(enriched_seeds):
    cables, _ = enriched_seeds
    c002 = cables["002_d5a32e40f8b893e0.txt"]
    ford = _find(c002, "PER", "Andrew Ford")
    assert ford and "Ford" in ford.aliases  # `[ORG Ford ]` three times, still the person
    assert not _find(c002, "ORG", "Ford")
    assert _find(c002, "ORG", "CCW")  # tagged LOC 8 times, but no place is called CCW
    uk = _find(c002, "LOC", "UK")
    assert uk and uk.name == "United Kingdom"
    c000 = cables["000_3a66491405135787.txt"]
    names = {f for e in c000.entities for f in _forms(e)}
    for junk in ("Department concurs with Post", "Department envisions", "Department views",
                 "Department proposes that Post", "Post", "Agreement", "DECL"):
        assert junk not in names
    us = _find(c000, "LOC", "United States")
    assert us and "U.S." in us.aliases  # `U.S .`, `U.S .` and `United States`: one place
    assert [e.name for e in c000.entities if e.name.startswith("U.S")] == []


def test_counts_are_mentions(enriched_seeds):
    cables, _ = enriched_seeds
    costner = _find(cables["002_d5a32e40f8b893e0.txt"], "PER", "Steven Costner")
    assert costner.count >= 6  # STEVEN COSTNER, Steven Costner, four times Costner
    assert all(e.count >= 1 for c in cables.values() for e in c.entities)
