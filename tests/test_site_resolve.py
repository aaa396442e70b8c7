"""The archive: one cable per ID, references resolved through aliases, cited-by, indexes newest first."""
from __future__ import annotations

import pytest

from generator.record import Cable, Entity, Reference
from generator.resolve import resolve, tag_info


def cable(cid: str, date: str | None = None, refs: tuple[str, ...] = (), **kw) -> Cable:
    """A small record for the tests."""
    references = tuple(Reference(chr(65 + i), r, r if r[:2].isdigit() else None) for i, r in enumerate(refs))
    return Cable(id=cid, source=kw.pop("source", f"{cid}.txt"), format=kw.pop("format", "text"), date=date,
                 origin=kw.pop("origin", "STATE"), references=references, **kw)


def test_references_resolve_through_aliases_and_cited_by_is_their_reverse():
    a = cable("08MANAMA492", "2008-07-01", aliases=("08ECTION01OF02MANAMA492",))
    b = cable("08MANAMA500", "2008-07-03", refs=("08ECTION01OF02MANAMA492", "07STATE1", "JONES EMAIL"))
    c = cable("08MANAMA510", "2008-07-05", refs=("08MANAMA492", "08MANAMA492"))
    arch = resolve([c, a, b])
    assert arch.target("08ECTION01OF02MANAMA492") == "08MANAMA492"
    assert arch.cited_by["08MANAMA492"] == ["08MANAMA510", "08MANAMA500"]  # newest first, each once
    assert arch.missing == {"07STATE1": ["08MANAMA500"]}
    assert arch.order == ["08MANAMA510", "08MANAMA500", "08MANAMA492"]


def test_duplicates_keep_the_richer_input_and_are_listed():
    annotated = cable("10STATE284", None, source="a/seed.txt", format="annotated", date_inferred=True)
    page = cable("10STATE284", "2010-01-04", source="b/10STATE284.html", format="wikileaks-html", subject="X")
    arch = resolve([annotated, page])
    assert arch.cables["10STATE284"].source == "b/10STATE284.html"
    assert [(d.id, d.kept, d.dropped) for d in arch.duplicates] == [("10STATE284", "b/10STATE284.html",
                                                                      ("a/seed.txt",))]


def test_months_years_and_cables_with_only_a_year():
    arch = resolve([cable("09STATE1", "2009-03-04"), cable("09STATE2", "2009-03-28"), cable("09STATE3", None),
                    cable("08STATE9", "2008-12-31")])
    assert arch.months == {(2008, 12): ["08STATE9"], (2009, 3): ["09STATE2", "09STATE1"]}
    assert arch.no_month == {2009: ["09STATE3"]}
    assert {y: len(v) for y, v in arch.years.items()} == {2008: 1, 2009: 3}


def test_tags_origins_classifications_and_caveats():
    arch = resolve([cable("09PARIS1", "2009-01-01", origin="PARIS", origin_name="Embassy Paris",
                          tags=("PREL", "FR", "ZZQQ"), classification="SECRET", caveats=("NOFORN",)),
                    cable("09STATE2", "2009-01-02", tags=("PREL",), classification=None)])
    assert arch.tags["PREL"] == ["09STATE2", "09PARIS1"]
    assert arch.tag_info["FR"].meaning == "France" and arch.tag_info["FR"].kind == "geographic"
    assert arch.tag_info["ZZQQ"].kind == "unknown" and arch.tag_info["ZZQQ"].meaning is None
    assert arch.origin_names == {"PARIS": "Embassy Paris"}
    assert arch.classifications == {"SECRET": ["09PARIS1"], "UNKNOWN": ["09STATE2"]}
    assert arch.caveats == {"NOFORN": ["09PARIS1"]}
    assert tag_info("kpal").code == "KPAL" and tag_info("KPAL").kind != "unknown"


def test_entities_merge_spellings_that_share_a_page_and_count_company():
    pell = Entity("PER", "Gordon Pellham", ("GORDON PELLHAM",), 3)
    arch = resolve([cable("09STATE1", "2009-01-01", entities=(pell, Entity("ORG", "IAEA", (), 2))),
                    cable("09STATE2", "2009-02-01", entities=(Entity("PER", "GORDON PELLHAM", (), 1),
                                                              Entity("ORG", "IAEA", (), 1)))])
    people = [e for e in arch.entities.values() if e.type == "PER"]
    assert len(people) == 1
    p = people[0]
    assert p.name == "Gordon Pellham" and p.aliases == ["GORDON PELLHAM"]
    assert p.cables == ["09STATE2", "09STATE1"] and p.mentions == 4
    iaea = next(e for e in arch.entities.values() if e.name == "IAEA")
    assert p.together[iaea.key] == 2


def test_spellings_that_would_share_a_page_are_one_index_entry():
    """`Secret` and `SECRET` (or entity types `per` and `PER`) map to one page, so the build never writes twice."""
    from generator.render import pages
    from generator.report import collect

    arch = resolve([cable("09A1", "2009-01-01", classification="Secret", caveats=("noforn",),
                          entities=(Entity("per", "Ann Lee"),)),
                    cable("09A2", "2009-01-02", classification="SECRET", caveats=("NOFORN",),
                          entities=(Entity("PER", "ANN LEE"),))])
    assert arch.classifications == {"SECRET": ["09A2", "09A1"]}
    assert arch.caveats == {"NOFORN": ["09A2", "09A1"]}
    assert [(e.type, e.cables) for e in arch.entities.values()] == [("PER", ["09A2", "09A1"])]
    paths = [p for p, _ in pages(arch, collect([], [], arch, []))]
    assert len(paths) == len(set(paths))


SELF_CITE_ROWS = [
    # (made-up cable pair, the cited-by expected): a cable that names itself in its REF list (a repeat of its
    # own ID, an alias of it) is no citer of itself; the other cable's citation stays
    ("self-by-id", [cable("09ROME1", "2009-01-02", refs=("09ROME1",)), cable("09ROME2", "2009-01-03",
                                                                         refs=("09ROME1",))],
     {"09ROME1": ["09ROME2"]}),
    ("self-by-alias", [cable("09ROME1", "2009-01-02", refs=("09ECTION01OF02ROME1", "09ROME2"),
                             aliases=("09ECTION01OF02ROME1",)), cable("09ROME2", "2009-01-01")],
     {"09ROME2": ["09ROME1"]}),
]


@pytest.mark.parametrize("row,cables,expected", SELF_CITE_ROWS, ids=[r[0] for r in SELF_CITE_ROWS])
def test_a_cable_citing_itself_is_not_in_its_own_cited_by(row, cables, expected):
    assert resolve(cables).cited_by == expected
