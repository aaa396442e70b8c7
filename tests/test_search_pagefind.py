"""Pagefind bundles from the records (`--pagefind`): groups of whole years, every record written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.reference import load
from generator.search import pagefind
from generator.search.records import documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cables"


@pytest.fixture(scope="module")
def docs():
    return documents(load([str(EXAMPLES)])[0])


def test_groups_keep_whole_years_while_they_fit(docs):
    per_year = {y: sum(1 for d in docs if d.year == y) for y in ("2008", "2009", "2010")}
    assert [name for name, _ in pagefind.groups(docs, group_size=100)] == ["2008-2010"]
    names = [name for name, _ in pagefind.groups(docs, group_size=max(per_year.values()))]
    assert names == ["2008", "2009", "2010"]
    split = pagefind.groups(docs, group_size=3)
    assert [len(items) for _, items in split] == [
        min(3, per_year[y] - 3 * k) for y in per_year for k in range((per_year[y] + 2) // 3)]
    assert [d for _, items in split for d in items] == docs


def test_a_record_carries_what_a_result_shows(docs):
    rec = pagefind.record(next(d for d in docs if d.id == "09TRIPOLI288"))
    assert rec["url"] == "cable/09TRIPOLI288.html"
    assert rec["meta"]["id"] == "09TRIPOLI288" and rec["meta"]["date"] == "2009-05-18"
    assert rec["filters"]["year"] == ["2009"] and "PTER" in rec["filters"]["tag"]
    assert rec["content"].index("Misrata") < rec["content"].rindex("09TRIPOLI288")  # body first, key fields last


def test_every_bundle_is_written_in_full(tmp_path, docs):
    stats = pagefind.write(tmp_path, docs, group_size=7)
    assert len(stats.bundles) == len(pagefind.groups(docs, group_size=7)) > 1
    pages = 0
    for bundle in stats.bundles:
        entry = json.loads((tmp_path / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages += entry["languages"]["en"]["page_count"]
        assert (tmp_path / bundle / "pagefind.js").exists()
    assert pages == len(docs) and stats.peak_kb > 0
