"""The build keeps the entity pass's readings and the entity pages' rows on disk, in chunks, rather than in the
main process: the pages must be those of the whole archive rendered in one process, however the chunks fall."""
from __future__ import annotations

from pathlib import Path

from generator import build as build_mod
from generator import reference, render
from generator.entities import reference as entities
from generator.report import collect
from generator.resolve import resolve
from sitebuild import tree

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "cables"
HOSTILE = ROOT / "tests" / "fixtures" / "site-hostile"



def test_small_chunks_and_many_entity_jobs_give_the_pages_of_one_process(tmp_path, monkeypatch):
    """Chunks of 3 cables and entity jobs of 4 names: every job reads its rows from many spilled chunks."""
    monkeypatch.setattr(build_mod, "PARALLEL_FROM", 0)
    monkeypatch.setattr(build_mod, "SPILL_CHUNK", 3)
    monkeypatch.setattr(render, "ENTITY_CHUNK", 4)
    sources = [str(EXAMPLES), str(HOSTILE)]
    assert build_mod.build(sources, docs=str(tmp_path / "built"), quiet=True, jobs=2) == 0
    cables, skips = reference.load(sources)
    enriched, notes = entities.enrich(cables)
    archive = resolve(enriched)
    reference.write_pages(archive, collect(enriched, skips, archive, notes), tmp_path / "whole")
    built, whole = tree(tmp_path / "built"), tree(tmp_path / "whole")
    pages = sorted(p for p in built if not p.startswith("."))
    assert pages == sorted(p for p in whole if not p.startswith("."))
    assert [p for p in pages if built[p] != whole[p]] == []
    assert len(render.entity_chunks(archive)) > 5
    quoted = [p for p in pages if p.startswith("entity/") and b"<strong>" in built[p]]
    assert quoted, "entity pages quote the text around a mention"


def test_each_entity_job_reads_back_exactly_its_own_names(tmp_path):
    """Snippets of two chunks spilled by job (first key of each job as bounds) and read back per job."""
    spill = build_mod.Spill()
    try:
        parts = [{"entity/per/a": {"C1": 1}, "entity/per/m": {"C1": 2}, "entity/per/z": {"C1": 3}},
                 {"entity/per/b": {"C2": 4}, "entity/per/m": {"C2": 5}}]
        bounds = ["entity/per/a", "entity/per/l", "entity/per/y"]
        segments: dict[int, list] = {}
        for number, part in enumerate(parts):
            for group, (offset, length) in build_mod.spill_snippets(spill, number, part, bounds).items():
                segments.setdefault(group, []).append((number, offset, length))
        assert sorted(segments) == [0, 1, 2] and len(segments[1]) == 2
        assert build_mod.read_snippets(spill, segments[0]) == {"entity/per/a": {"C1": 1}, "entity/per/b": {"C2": 4}}
        assert build_mod.read_snippets(spill, segments[1]) == {"entity/per/m": {"C1": 2, "C2": 5}}
        assert build_mod.read_snippets(spill, segments[2]) == {"entity/per/z": {"C1": 3}}
    finally:
        spill.close()


def test_spilled_cables_read_back_equal_every_field_and_warning():
    """Records are pickled as their field values (record._by_fields): what comes back from the spill is the same
    record, warnings included (they take no part in equality, so they are compared on their own)."""
    import pickle
    from dataclasses import fields, replace

    cables, _skips = reference.load([str(EXAMPLES), str(HOSTILE)])
    cables[0] = replace(cables[0], warnings=("a warning kept",))
    back = pickle.loads(pickle.dumps(cables, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == cables
    for a, b in zip(back, cables):
        assert [getattr(a, f.name) for f in fields(a)] == [getattr(b, f.name) for f in fields(b)]
        assert [type(x) for x in a.paragraphs + a.references + a.entities] == \
               [type(x) for x in b.paragraphs + b.references + b.entities]
    assert back[0].warnings == ("a warning kept",)
    assert any(c.entities for c in back) and any(c.references for c in back)
