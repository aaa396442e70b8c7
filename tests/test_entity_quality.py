"""bench/entity_quality.py's gold scoring, on hand-made gold and predicted records: each rule of the gold README's
matching (normalisation, forms and aliases, uncertain strings dropped, type errors, one count per referent)
and the matching of gold records to cables by source file; a wrong rule moves a figure and fails here."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.record import Entity

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import entity_quality as eq  # noqa: E402

GOLD = {
    "id": "09XTEST1", "file": "html/09XTEST1.html",
    "PER": [{"name": "Jeffrey Feltman", "forms": ["Feltman"]}, {"name": "Musa Kusa", "forms": []},
            {"name": "Ali Aujali", "forms": ["Aujali"]}],
    "ORG": [{"name": "UN General Assembly", "forms": ["UNGA"]}, {"name": "Asian Age", "forms": []},
            {"name": "FARC", "forms": []}],
    "LOC": [{"name": "Libya", "forms": []}, {"name": "Andhra Pradesh", "forms": []}, {"name": "Ma'ameer", "forms": []}],
    "uncertain": ["Pan Am", "Left"],
}


def E(typ: str, name: str, *aliases: str) -> Entity:
    """A predicted entity, as the entity pass returns it."""
    return Entity(typ, name, tuple(aliases))


@dataclass(frozen=True)
class Case:
    """Predictions, the type looked at, and what that type's result must hold."""

    why: str
    predicted: tuple[Entity, ...]
    type: str
    found: frozenset[str] = frozenset()
    false: frozenset[str] = frozenset()
    type_errors: frozenset[tuple[str, str, str]] = frozenset()
    dropped: frozenset[str] = frozenset()


def case(why, predicted, typ, found=(), false=(), type_errors=(), dropped=()) -> Case:
    """A table row, with sets written as tuples."""
    return Case(why, tuple(predicted), typ, frozenset(found), frozenset(false), frozenset(type_errors),
                frozenset(dropped))


CASES = [
    case("name as labelled", [E("PER", "Musa Kusa")], "PER", found={"Musa Kusa"}),
    case("case and whitespace", [E("PER", "MUSA   kusa")], "PER", found={"Musa Kusa"}),
    case("trailing possessive", [E("PER", "Musa Kusa's")], "PER", found={"Musa Kusa"}),
    case("telegram possessive ,s", [E("LOC", "LIBYA,S")], "LOC", found={"Libya"}),
    case("typographic apostrophe \u2019", [E("LOC", "Ma\u2019ameer")], "LOC", found={"Ma'ameer"}),
    case("typographic apostrophe \u00b4", [E("LOC", "Ma\u00b4ameer")], "LOC", found={"Ma'ameer"}),
    case("one of the gold forms", [E("PER", "Feltman")], "PER", found={"Jeffrey Feltman"}),
    case("predicted alias", [E("ORG", "United Nations General Assembly", "UNGA")], "ORG",
         found={"UN General Assembly"}),
    case("no partial match", [E("PER", "Jeffrey"), E("LOC", "Libyan Desert")], "PER", false={"Jeffrey"}),
    case("unlabelled name", [E("LOC", "Manama")], "LOC", false={"Manama"}),
    case("false positive once per name", [E("LOC", "Manama"), E("LOC", "MANAMA")], "LOC", false={"Manama"}),
    case("uncertain dropped", [E("PER", "Pan Am")], "PER", dropped={"Pan Am"}),
    case("uncertain dropped by alias", [E("ORG", "Left Front", "LEFT")], "ORG", dropped={"Left Front"}),
    case("own type wins over uncertain", [E("LOC", "Libya", "Pan Am")], "LOC", found={"Libya"}),
    case("type error", [E("ORG", "Andhra Pradesh")], "ORG",
         type_errors={("Andhra Pradesh", "Andhra Pradesh", "LOC")}),
    case("type error by alias", [E("PER", "Franco-Colombian FARC", "FARC")], "PER",
         type_errors={("Franco-Colombian FARC", "FARC", "ORG")}),
    case("MISC type error", [E("MISC", "FARC")], "MISC", type_errors={("FARC", "FARC", "ORG")}),
    case("MISC not labelled, not scored", [E("MISC", "Libyan")], "MISC"),
    case("right type beside a type error", [E("LOC", "Andhra Pradesh"), E("ORG", "Andhra Pradesh")], "LOC",
         found={"Andhra Pradesh"}),
    case("one per referent", [E("PER", "Feltman"), E("PER", "Jeffrey D. Feltman", "Jeffrey Feltman")], "PER",
         found={"Jeffrey Feltman"}),
]


@pytest.mark.parametrize("c", CASES, ids=[c.why for c in CASES])
def test_gold_matching_rules(c: Case):
    res = eq.score_cable(GOLD, c.predicted).get(c.type, eq.TypeResult())
    labelled = {item["name"] for item in GOLD.get(c.type, ())}
    assert set(res.found) == c.found
    assert set(res.missed) == labelled - c.found
    assert set(res.false) == c.false
    assert {(e.predicted, e.gold, e.gold_type) for e in res.type_errors} == c.type_errors
    assert set(res.dropped) == c.dropped
    assert (res.tp, res.fp, res.fn) == (len(c.found), len(c.false) + len(c.type_errors), len(labelled - c.found))


def test_a_type_error_is_a_miss_of_the_gold_type_and_a_false_positive_of_its_own():
    res = eq.score_cable(GOLD, [E("ORG", "Andhra Pradesh")])
    assert "Andhra Pradesh" in res["LOC"].missed
    assert (res["ORG"].fp, res["LOC"].fp) == (1, 0)
    assert eq.type_error_counts([res]) == {"ORG->LOC": 1}


def test_whole_cable_counts_and_figures():
    predicted = [E("PER", "Feltman"), E("PER", "Jeffrey Feltman"), E("PER", "Tuareg"), E("PER", "Pan Am"),
                 E("ORG", "UNGA"), E("ORG", "Andhra Pradesh"), E("MISC", "FARC"),
                 E("LOC", "Libya"), E("LOC", "Ma\u2019ameer"), E("LOC", "Manama")]
    t = eq.tally([eq.score_cable(GOLD, predicted)])
    assert {k: (v.tp, v.fp, v.fn, v.type_errors) for k, v in t.items()} == {
        "PER": (1, 1, 2, 0), "ORG": (1, 1, 2, 1), "LOC": (2, 1, 1, 0)}
    assert (t["LOC"].precision, t["LOC"].recall) == (2 / 3, 2 / 3)
    assert t["PER"].f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


@pytest.mark.parametrize("tallies, precision, recall", [
    ([(1, 1, 2, 0), (3, 0, 0, 0)], 4 / 5, 4 / 6),  # counts summed over cables, not figures averaged
    ([(0, 0, 0, 0)], 1.0, 1.0),  # nothing labelled, nothing predicted
    ([(0, 2, 3, 1)], 0.0, 0.0),
])
def test_tally_sums_counts_over_cables(tallies, precision, recall):
    total = eq.Tally()
    for tp, fp, fn, te in tallies:
        r = eq.TypeResult(found=("x",) * tp, missed=("m",) * fn, false=("f",) * (fp - te),
                          type_errors=(eq.Confusion("p", "g", "LOC"),) * te)
        total = total + r
    assert (total.precision, total.recall) == pytest.approx((precision, recall))


@pytest.mark.parametrize("value, target, text", [
    (0.9333, 0.93, "met (+0.3 pts)"), (0.93, 0.93, "met (+0.0 pts)"), (0.6197, 0.70, "NOT met (-8.0 pts)")])
def test_verdict_says_by_how_much(value, target, text):
    assert eq.verdict(value, target) == text


@dataclass(frozen=True)
class FakeCable:
    """What match_gold reads of a cable."""

    id: str
    source: str
    format: str = "wikileaks-html"


def test_gold_records_match_by_source_file_then_by_id(tmp_path: Path):
    corpus = tmp_path / "corpus"
    # sources as the build names them: relative to the folder given, under its name
    newer = FakeCable("10LONDON450", "corpus/html/10LONDON450.html")
    older = FakeCable("10LONDON450", "corpus-2010/html/10LONDON450.html")
    row = FakeCable("72TEHRAN1164", "corpus/csv/cables_sample.csv#2")
    moved = FakeCable("09BERN351", "corpus-2010/html/09BERN351.html")
    seed = FakeCable("09BERN351", "seeds/000_x.txt", "annotated")
    gold = [{"id": "10LONDON450", "file": "html/10LONDON450.html"},
            {"id": "72TEHRAN1164", "file": "csv/cables_sample.csv row 2"},
            {"id": "09BERN351", "file": "html/09BERN351.html"},
            {"id": "66BUENOSAIRES2481", "file": "csv/cables_sample.csv row 1"}]
    m = eq.match_gold(gold, [older, newer, row, seed, moved], corpus)
    assert [(x.cable, x.how) for x in m] == [(newer, "source"), (row, "source"), (moved, "id, 2 versions"),
                                             (None, "none")]
    assert m[0].twins == (older.source,)
    assert m[2].twins[0].startswith(seed.source + " (annotated")


def test_csv_row_sources_compare_with_gold_files(tmp_path: Path):
    corpus = tmp_path / "corpus"
    assert eq.gold_source(corpus, "csv/cables_sample.csv row 12") == "corpus/csv/cables_sample.csv#12"
    assert eq.gold_source(corpus, "html/10LONDON450.html") == "corpus/html/10LONDON450.html"


def test_skips_cleanly_without_shared(tmp_path: Path, capsys):
    out = tmp_path / "figures.json"
    assert eq.main(["--shared", str(tmp_path / "absent"), "--json", str(out)]) == 0
    assert "entity quality skipped" in capsys.readouterr().out
    assert "skipped" in json.loads(out.read_text())


def test_every_gold_record_names_a_corpus_file(shared: Path):
    gold = json.loads((shared / eq.GOLD).read_text(encoding="utf-8"))
    assert len(gold) == 20
    for rec in gold:
        path = eq.gold_source(shared / "corpus", rec["file"]).split("#")[0]
        assert (shared / path).is_file(), rec["file"]
